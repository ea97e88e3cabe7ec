"""Where mockbot finds its content, read lazily from the environment.

Kept tiny on purpose: later issues add tokens and database URLs here with the
same `MOCKBOT_` prefix.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _paths_from_env(name: str, default: Path) -> list[Path]:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return [default]
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p]


def bank_paths() -> list[Path]:
    """Bank files or folders: `MOCKBOT_BANKS` (os.pathsep-separated) or the bundled ones."""
    return _paths_from_env("MOCKBOT_BANKS", PROJECT_ROOT / "question_banks")


def rubric_paths() -> list[Path]:
    """Rubric files or folders: `MOCKBOT_RUBRICS` or the bundled ones."""
    return _paths_from_env("MOCKBOT_RUBRICS", PROJECT_ROOT / "rubrics")
