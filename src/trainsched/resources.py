"""Find bundled fixtures and templates in a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries them under trainsched/_data (pyproject's force-include); a source
# checkout (including an editable install) keeps them at the repository root.
_INSTALLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parents[1]


def _data_dir(kind: str) -> Path:
    for base in (_INSTALLED, _CHECKOUT):
        candidate = base / kind
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no {kind}/ directory under {_INSTALLED} or {_CHECKOUT}")


def fixtures_dir() -> Path:
    """The directory holding the bundled scenario fixtures."""
    return _data_dir("fixtures")


def template_dir() -> Path:
    """The directory holding the bundled Jinja templates."""
    return _data_dir("templates")


def fixture_path(name: str) -> Path:
    """Path of the bundled fixture ``name`` (e.g. ``demo-city.json``); plain file names only."""
    if not name or Path(name).name != name or name in {".", ".."}:
        raise ValueError(f"fixture name must be a plain file name, got {name!r}")
    path = fixtures_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"no fixture {name!r} in {path.parent}")
    return path
