"""``python -m bot`` is the ``voortgang`` command."""

from bot.cli import main

raise SystemExit(main())
