"""Generate synthetic guides of any size that pass `leakguide check`.

    python benchmarks/synth.py 5000 -o guide-5000.toml

The guide is deterministic for a given size and seed. Topics nest up to three levels deep, carry
keywords and `see_also` lists, and their Markdown bodies link to other topics with `topic:` links.
The flow starts with a red-flags question, so every self-care outcome sits behind the gate.
Stdlib only.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

KINDS = ("cause", "situation", "remedy", "warning", "info")
WORDS = (
    "leak", "let-down", "pad", "night", "feed", "breast", "milk", "supply", "pump", "bra",
    "nipple", "warm", "cool", "cloth", "pressure", "reflex", "baby", "cry", "shower", "sleep",
    "morning", "weeks", "months", "fever", "lump", "redness", "ache", "engorged", "block", "duct",
    "latch", "position", "soak", "spare", "shirt", "bedding", "routine", "drink", "rest",
)
SENTENCES = (
    "Leaking is common in the first weeks and usually settles as supply matches the baby.",
    "A warm cloth before a feed can help the milk start to flow.",
    "Gentle pressure with the heel of the hand can stop a let-down for a moment.",
    "Change damp pads often so the skin stays dry and does not crack.",
    "Night feeds and long gaps between feeds make leaking more likely.",
    "Some people leak from one side while the baby feeds on the other.",
    "A spare top and a few pads in a bag make leaks less of a worry when out.",
    "If a lump stays hard after a feed, keep feeding and watch for redness or fever.",
    "Pumping a little for comfort is fine, but pumping a lot tells the body to make more.",
    "Sleeping on a towel protects the bedding during the early weeks.",
)
SECTION_NAMES = (
    "Why it happens", "When it happens", "What helps", "Warning signs", "Living with it",
    "At night", "At work", "Out and about", "Pumping", "Later months",
)


def _title(rng: random.Random, index: int) -> str:
    words = rng.sample(WORDS, 3)
    return f"{words[0].capitalize()} {words[1]} and {words[2]} ({index})"


def _body(rng: random.Random, topic_ids: list[str], index: int) -> str:
    """A few paragraphs of Markdown with emphasis, a list and one or two topic links.

    About 700 characters on average, like the bundled guide's bodies (median 740), while a
    5,000-topic guide stays under the 5 MiB a guide may be.
    """
    paragraphs = []
    for _ in range(2):
        paragraphs.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 3))))
    items = [f"- {rng.choice(SENTENCES)}" for _ in range(rng.randint(1, 3))]
    paragraphs.append("Things to try:\n\n" + "\n".join(items))
    targets = [t for t in rng.sample(topic_ids, min(2, len(topic_ids))) if t != topic_ids[index]]
    if targets:
        links = " and ".join(f"[{t.replace('-', ' ')}](topic:{t})" for t in targets)
        paragraphs.append(f"**See also** {links}.")
    return "\n\n".join(paragraphs)


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def generate_guide(topic_count: int, seed: int = 1, title: str | None = None) -> str:
    """Return the TOML text of a valid guide with `topic_count` topics."""
    if topic_count < 1:
        raise ValueError("a guide needs at least one topic")
    rng = random.Random(seed)
    section_count = max(1, min(len(SECTION_NAMES), topic_count // 5))
    sections = [(f"section-{n + 1}", SECTION_NAMES[n]) for n in range(section_count)]
    topic_ids = [f"topic-{n + 1}" for n in range(topic_count)]
    out: list[str] = []
    emit = out.append

    emit("format = 1\n")
    emit("[guide]")
    emit(f"title = {_toml_string(title or f'Synthetic guide ({topic_count} topics)')}")
    emit('summary = "A generated guide for benchmarks."')
    emit('language = "en"')
    emit("reviewed = 2026-01-15")
    emit("review_due = 2099-01-15")
    emit('disclaimer = "Generated text for benchmarks; not medical advice."\n')
    emit('[labels.clinical]\nname = "Clinical guidance"\ndescription = "Said by a health body."\n')
    emit('[labels.practice]\nname = "Common practice"\ndescription = "What parents report."\n')
    urgencies = (
        ("self-care", "Self-care", "[ok]", "You can look after this at home."),
        ("talk-soon", "Talk to someone soon", "[soon]", "Talk to a midwife in a few days."),
        ("urgent", "URGENT - get medical help today", "[!]", "Get medical help today."),
        ("emergency", "EMERGENCY - call for help now", "[!!]", "Call emergency services now."),
    )
    for level, name, marker, description in urgencies:
        emit(f"[urgency.{level}]")
        emit(f"name = {_toml_string(name)}\nmarker = {_toml_string(marker)}")
        emit(f"description = {_toml_string(description)}\n")
    for number in (1, 2, 3):
        emit(f'[[source]]\nid = "source-{number}"\ntitle = "Reference {number}"')
        emit(f'publisher = "Health body {number}"\nurl = "https://example.org/ref/{number}"\n')
    for section_id, name in sections:
        emit(f'[[section]]\nid = "{section_id}"\ntitle = {_toml_string(name)}\n')

    depth: dict[str, int] = {}
    for index, topic_id in enumerate(topic_ids):
        emit("[[topic]]")
        emit(f'id = "{topic_id}"')
        # The first topic of every section is top level; later ones often nest under an
        # earlier topic (at most three levels deep) to make a real tree.
        candidates = [t for t in topic_ids[max(0, index - 12) : index] if depth[t] < 3]
        if index < section_count or not candidates or rng.random() < 0.35:
            emit(f'section = "{sections[index % section_count][0]}"')
            depth[topic_id] = 1
        else:
            parent = rng.choice(candidates)
            emit(f'parent = "{parent}"')
            depth[topic_id] = depth[parent] + 1
        emit(f"title = {_toml_string(_title(rng, index + 1))}")
        emit(f'kind = "{KINDS[index % len(KINDS)]}"')
        emit(f"summary = {_toml_string(rng.choice(SENTENCES))}")
        emit(f'body = """\n{_body(rng, topic_ids, index)}\n"""')
        emit(f'evidence = "{rng.choice(("clinical", "practice"))}"')
        emit(f'sources = ["source-{rng.randint(1, 3)}"]')
        emit(f"keywords = {_toml_list(rng.sample(WORDS, rng.randint(2, 4)))}")
        see_also = [t for t in rng.sample(topic_ids, min(3, topic_count)) if t != topic_id]
        emit(f"see_also = {_toml_list(see_also[: rng.randint(0, 3)])}\n")

    recommend = _toml_list(topic_ids[:2])
    first_link = f"[{topic_ids[0].replace('-', ' ')}](topic:{topic_ids[0]})"
    emit(f"""[flow]
title = "What should I do?"
intro = "A few questions, then what to do and how soon."
start = "red-flags"

[[flow.question]]
id = "red-flags"
text = "Do any of these apply?"
why = "Some signs need a doctor before anything else."
red_flags = true
screen = "emergency"

[[flow.question.answer]]
id = "collapse"
label = "Fainting, confusion or a very high fever"
outcome = "call-now"
preview = "This answer means you should call for help now."

[[flow.question.answer]]
id = "fever"
label = "A hot, red, painful area and fever"
outcome = "see-doctor"
preview = "This answer means you should get medical help today."

[[flow.question.answer]]
id = "none"
label = "None of these"
next = "temperature"

[[flow.question]]
id = "temperature"
text = "Do you have a fever?"
why = "A fever can mean an infection that needs treatment today."
red_flags = true
screen = "fever"

[[flow.question.answer]]
id = "hot"
label = "Yes: 38 °C or more, shivers, or feeling very unwell"
outcome = "see-doctor"
preview = "This answer means a doctor should see you today."

[[flow.question.answer]]
id = "not-hot"
label = "No"
next = "signs"

[[flow.question]]
id = "signs"
text = "Do any of these apply?"
why = "These signs need a look by a midwife or doctor."
red_flags = true
screen = "warning-signs"

[[flow.question.answer]]
id = "lump"
label = "A lump that does not go away"
outcome = "talk"

[[flow.question.answer]]
id = "no-signs"
label = "None of these"
next = "when"

[[flow.question]]
id = "when"
text = "When does it leak?"
why = "It tells us which tips fit."

[[flow.question.answer]]
id = "feeds"
label = "During feeds"
outcome = "normal"

[[flow.question.answer]]
id = "always"
label = "All the time"
next = "how-long"

[[flow.question]]
id = "how-long"
text = "How long since the birth?"
why = "Leaking usually settles after the first weeks."

[[flow.question.answer]]
id = "weeks"
label = "A few weeks"
outcome = "normal"

[[flow.question.answer]]
id = "months"
label = "Several months"
outcome = "talk"

[[flow.outcome]]
id = "normal"
title = "This is normal"
urgency = "self-care"
evidence = "clinical"
body = "Leaking is common. {first_link} may help."
recommend = {recommend}
get_help_if = ["You get a fever.", "A lump does not go away."]
sources = ["source-1"]

[[flow.outcome]]
id = "talk"
title = "Talk to your health visitor"
urgency = "talk-soon"
evidence = "clinical"
body = "Ask for a feeding check."
recommend = {recommend}
get_help_if = ["Feeding hurts."]
sources = ["source-2"]

[[flow.outcome]]
id = "see-doctor"
title = "Get medical help today"
urgency = "urgent"
evidence = "clinical"
body = "This may be mastitis."
recommend = {recommend}
get_help_if = ["You feel very unwell."]
sources = ["source-1"]

[[flow.outcome]]
id = "call-now"
title = "Call for help now"
urgency = "emergency"
evidence = "clinical"
body = "These signs need help straight away."
get_help_if = ["Always: call now."]
sources = ["source-3"]
""")
    return "\n".join(out)


def write_guide(path: str | Path, topic_count: int, seed: int = 1) -> Path:
    """Write a generated guide to `path` and return the path."""
    target = Path(path)
    target.write_text(generate_guide(topic_count, seed), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", type=int, help="number of topics (e.g. 50, 500, 5000)")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    text = generate_guide(args.topics, args.seed)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
