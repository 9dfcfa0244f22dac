from leakguide.cli import main

raise SystemExit(main())
