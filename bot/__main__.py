"""``python -m bot`` is the ``voortgang`` command."""

from bot.cli.main import main

raise SystemExit(main())
