"""The shape of the code, checked by machine (with ruff and import-linter in `make test`).

One page = one module in dashboard/pages/ = one state module of the same name in state/;
states call the domain and never query the database themselves; no module grows past
about 400 lines outside the models, migrations, seed and reference data; every stored code
has a display name.
"""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 420
# Data, not logic: long by nature.
LONG_BY_NATURE = {"dashboard/models.py", "dashboard/seed/demo.py", "dashboard/seed/synthetic.py"}
# State modules that are building blocks, not pages.
SHARED_STATE = {"__init__", "base", "auth", "paged_list", "rows", "import_wizard", "live",
                "account_links", "page_load", "body_picker", "membership_figures",
                "membership_rows", "attendance_import", "survey_import"}


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))
            if "__pycache__" not in p.parts]


@pytest.mark.parametrize("path", python_files("dashboard", "components", "state"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_about_400_lines(path):
    relative = str(path.relative_to(ROOT))
    if relative in LONG_BY_NATURE:
        pytest.skip("data, long by nature")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{relative} has {lines} lines: split it by what it does"


def test_every_page_module_has_a_state_module_of_the_same_name():
    pages = {p.stem for p in (ROOT / "dashboard/pages").glob("*.py") if p.stem != "__init__"}
    states = {p.stem for p in (ROOT / "state").glob("*.py")} - SHARED_STATE
    assert pages - states == set(), "pages without a state module of the same name"
    assert states - pages == set(), "state modules without a page of the same name"


QUERIES = {"exec", "execute", "query", "scalar", "scalars", "get"}


@pytest.mark.parametrize("path", python_files("state"), ids=lambda p: p.name)
def test_state_never_queries_the_database_itself(path):
    """A state handler opens a session for the domain and calls one domain function; the
    domain writes the queries (``select``, ``session.exec``, ``session.get``...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("sqlmodel", "sqlalchemy"):
            found += [f"imports {a.name} from {node.module}" for a in node.names
                      if a.name not in ("Session",)]
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in QUERIES and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "session"):
            found.append(f"session.{node.func.attr}() on line {node.lineno}")
    assert found == [], f"{path.name} queries the database: {found}"


def test_every_stored_code_has_a_display_name():
    from dashboard import models, vocabulary

    named = {
        models.BodyType: vocabulary.BODY_TYPES, models.Region: vocabulary.REGIONS,
        models.CommunityRole: vocabulary.COMMUNITY_ROLES,
        models.ActionStatus: vocabulary.ACTION_STATUSES,
        models.RagRating: vocabulary.RAG_RATINGS,
        models.DecisionStatus: vocabulary.DECISION_STATUSES,
        models.AgendaSource: vocabulary.AGENDA_SOURCES,
        models.AgendaOutcome: vocabulary.AGENDA_OUTCOMES,
        models.EventStatus: vocabulary.EVENT_STATUSES,
        models.SyncStatus: vocabulary.SYNC_STATUSES, models.SourceKind: vocabulary.SOURCE_KINDS,
    }
    for enum, names in named.items():
        assert issubclass(enum, StrEnum)
        assert set(names) == {member.value for member in enum}, enum.__name__
