"""What a process imports: ``voortgang --help`` none of the commands' heavy libraries, the
web process no chat platform's SDK unless configured, nor the clock's scheduler or letters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MARK = "--- modules ---"
# The letter renderers, the spreadsheet, migrations, the web framework and the platforms' SDKs.
HEAVY_FOR_HELP = (
    "docx",
    "openpyxl",
    "alembic",
    "fastapi",
    "uvicorn",
    "slack_bolt",
    "slack_sdk",
    "microsoft_teams",
    "jinja2",
    "sqlalchemy",
    "PIL",
    "apscheduler",
)
NOT_FOR_WEB = (
    "docx",
    "openpyxl",
    "jinja2",
    "slack_bolt",
    "microsoft_teams",
    "apscheduler",
    "handlers",
    "bot.letter",
    "bot.slack",
    "bot.teams",
)


def _imported_after(code: str) -> set[str]:
    """The top-level modules and packages loaded in a fresh interpreter after ``code``."""
    # After a line of its own: the help printed before it names "docx" too.
    script = f"import sys\n{code}\nprint({MARK!r}, *sorted(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split(MARK, 1)[1].split())


def _found(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules)]


def test_help_imports_no_command_module_nor_heavy_library() -> None:
    modules = _imported_after(
        "from bot.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "bot.cli.main" in modules
    assert _found(modules, HEAVY_FOR_HELP) == []
    assert _found(modules, ("handlers", "storage", "bot.engine", "bot.run")) == []


def test_each_command_help_imports_no_heavy_library() -> None:
    modules = _imported_after(
        "from bot.cli.main import build_parser\n"
        "for command in ('run', 'brief', 'export', 'web', 'clock', 'set-aside'):\n"
        "    try:\n"
        "        build_parser().parse_args([command, '--help'])\n"
        "    except SystemExit:\n"
        "        pass"
    )
    assert _found(modules, HEAVY_FOR_HELP) == []


def test_the_web_process_loads_no_platform_sdk_scheduler_nor_letters() -> None:
    modules = _imported_after("import bot.cli.processes, bot.run.web_process")
    assert "fastapi" in modules
    assert _found(modules, NOT_FOR_WEB) == []
