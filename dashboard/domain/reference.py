"""Reference data owned by the code: the public bodies, the Act's goals and ways of working,
the CDPS objectives, and the maturity framework versions.

Loaded by ``cymuned seed`` (and so by ``make run``) as an upsert keyed on each row's stable
code, so editing a JSON file and re-running updates the database without duplicating rows.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from dashboard.models import (
    MaturityDimension,
    MaturityFramework,
    Objective,
    Organisation,
    WayOfWorking,
    WellbeingGoal,
)

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


def _load(name: str) -> Any:
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


def _upsert(session: Session, model: type, key: str, rows: list[dict]) -> int:
    """Insert or update rows matched on ``key``; returns how many were new."""
    existing = {getattr(row, key): row for row in session.exec(select(model)).all()}
    added = 0
    for data in rows:
        row = existing.get(data[key])
        if row is None:
            session.add(model(**data))
            added += 1
        else:
            for field, value in data.items():
                setattr(row, field, value)
            session.add(row)
    return added


def framework_files() -> list[Path]:
    return sorted(REFERENCE_DIR.glob("maturity_framework_v*.json"))


def load_framework(session: Session, path: Path) -> MaturityFramework:
    """Load (or update) one framework version from its JSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    framework = session.exec(
        select(MaturityFramework).where(MaturityFramework.version == data["version"])
    ).first()
    if framework is None:
        framework = MaturityFramework(version=data["version"], published_on=date.today(),
                                      title_en="", title_cy="")
    framework.title_en = data["title_en"]
    framework.title_cy = data["title_cy"]
    framework.published_on = date.fromisoformat(data["published_on"])
    framework.level_names = data["level_names"]
    session.add(framework)
    session.flush()
    existing = {
        d.key: d
        for d in session.exec(
            select(MaturityDimension).where(MaturityDimension.framework_id == framework.id)
        ).all()
    }
    for position, dim in enumerate(data["dimensions"], start=1):
        row = existing.get(dim["key"]) or MaturityDimension(
            framework_id=framework.id, key=dim["key"], position=position,
            name_en="", name_cy="", description_en="", description_cy="",
        )
        row.position = position
        row.name_en, row.name_cy = dim["name_en"], dim["name_cy"]
        row.description_en, row.description_cy = dim["description_en"], dim["description_cy"]
        row.levels = dim["levels"]
        row.maps_to = dim.get("maps_to")
        session.add(row)
    return framework


def load_reference_data(session: Session) -> dict[str, int]:
    """Bring the reference tables up to date with the files; returns rows added per table."""
    goals = _load("wellbeing_and_objectives.json")
    added = {
        "organisations": _upsert(session, Organisation, "slug", _load("organisations.json")),
        "wellbeing_goals": _upsert(session, WellbeingGoal, "code", goals["wellbeing_goals"]),
        "ways_of_working": _upsert(session, WayOfWorking, "code", goals["ways_of_working"]),
        "objectives": _upsert(session, Objective, "code", goals["objectives"]),
    }
    for path in framework_files():
        load_framework(session, path)
    session.flush()
    return added
