"""`make run` (dev mode) restarts the backend when code changes, never on a database write."""

from __future__ import annotations

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_hot_reload_watches_the_code_but_not_the_database(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("REFLEX_HOT_RELOAD_EXCLUDE_PATHS", raising=False)
    import rxconfig

    importlib.reload(rxconfig)  # sets the exclusion, as `reflex run` does when it reads it
    from reflex.utils.exec import get_reload_paths

    watched = {path.resolve() for path in get_reload_paths()}
    assert (ROOT / "dashboard").resolve() in watched
    assert (ROOT / "state").resolve() in watched
    data = (ROOT / "data").resolve()
    assert not any(path == data or data in path.parents for path in watched), watched
