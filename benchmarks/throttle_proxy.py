"""A TCP relay for ssh's ProxyCommand that lets the server's bytes through at a fixed rate.

    ssh -o "ProxyCommand=python benchmarks/throttle_proxy.py %h %p 12500" ...

What the client sends goes through at once; what the server sends reaches the client at most
RATE bytes a second (a token bucket holding one 1,500-byte packet), as over a slow link. The
server's side does not see the slowness: the kernel's socket buffers take what it writes.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time

PACKET = 1500


def main() -> None:
    host, port, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    connection = socket.create_connection((host, port))

    def client_to_server() -> None:
        while data := os.read(0, 65536):
            connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)

    threading.Thread(target=client_to_server, daemon=True).start()
    tokens, last = 0.0, time.monotonic()
    while data := connection.recv(PACKET):
        while True:
            now = time.monotonic()
            tokens, last = min(PACKET, tokens + (now - last) * rate), now
            if tokens >= len(data):
                break
            time.sleep((len(data) - tokens) / rate)
        tokens -= len(data)
        view = memoryview(data)
        while view:
            view = view[os.write(1, view):]


if __name__ == "__main__":
    main()
