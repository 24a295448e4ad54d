"""The maturity framework and its versions, as the figures use it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from dashboard.models import (
    MaturityDimension,
    MaturityFramework,
)

LEVELS = (1, 2, 3, 4, 5)
# "% of bodies at level 3 or above": the level from which practice is established.
ESTABLISHED_LEVEL = 3
TILES_FILE = Path(__file__).resolve().parents[2] / "reference" / "wales_tiles.json"
# The tile map's short labels on Welsh pages, from each authority's Welsh name (the file's
# ``code`` follows the English one: CRF for Cardiff is CDD for Caerdydd). A tile in the file
# may give its own ``code_cy``; where neither does, the English code is shown.
WELSH_TILE_CODES = {
    "isle-of-anglesey": "MÔN", "denbighshire": "DIN", "flintshire": "FFL", "wrexham": "WRE",
    "pembrokeshire": "PFR", "carmarthenshire": "GÂR", "neath-port-talbot": "CNP",
    "merthyr-tydfil": "MTU", "monmouthshire": "FYN", "swansea": "ABE", "bridgend": "PYB",
    "caerphilly": "CFF", "vale-of-glamorgan": "BMG", "cardiff": "CDD", "newport": "CNW",
}


# --- the framework and its versions -------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    id: int
    key: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    # "1".."5" -> {"en", "cy"}
    levels: dict


@dataclass(frozen=True)
class FrameworkView:
    id: int
    version: str
    title_en: str
    title_cy: str
    level_names: dict[int, dict[str, str]]
    dimensions: list[Dimension]
    # Any version's dimension id -> the key of the newest version's dimension it maps to.
    key_of: dict[int, str]


def newest_framework(session: Session) -> MaturityFramework | None:
    return session.exec(
        select(MaturityFramework).order_by(MaturityFramework.published_on.desc(),
                                           MaturityFramework.id.desc())
    ).first()


def framework_view(session: Session) -> FrameworkView | None:
    """The newest framework, and how every older version's dimensions map onto it."""
    frameworks = session.exec(
        select(MaturityFramework).order_by(MaturityFramework.published_on.desc(),
                                           MaturityFramework.id.desc())
    ).all()
    if not frameworks:
        return None
    dims_by_fw: dict[int, list[MaturityDimension]] = {fw.id: [] for fw in frameworks}
    for dim in session.exec(select(MaturityDimension).order_by(MaturityDimension.position)):
        dims_by_fw.setdefault(dim.framework_id, []).append(dim)
    newest = frameworks[0]
    key_of: dict[int, str] = {}
    # key in the version being walked -> newest key; walk from newest to oldest.
    newest_key_for: dict[str, str] = {d.key: d.key for d in dims_by_fw[newest.id]}
    for d in dims_by_fw[newest.id]:
        key_of[d.id] = d.key
    for older in frameworks[1:]:
        # The version after ``older`` says which of older's keys its dimensions map to.
        newer_dims = dims_by_fw[frameworks[frameworks.index(older) - 1].id]
        older_key_for = {d.maps_to: newest_key_for[d.key] for d in newer_dims
                         if d.maps_to and d.key in newest_key_for}
        for d in dims_by_fw[older.id]:
            if d.key in older_key_for:
                key_of[d.id] = older_key_for[d.key]
        newest_key_for = older_key_for
    return FrameworkView(
        id=newest.id, version=newest.version, title_en=newest.title_en, title_cy=newest.title_cy,
        level_names={int(k): v for k, v in newest.level_names.items()},
        dimensions=[Dimension(d.id, d.key, d.name_en, d.name_cy, d.description_en,
                              d.description_cy, d.levels) for d in dims_by_fw[newest.id]],
        key_of=key_of,
    )
