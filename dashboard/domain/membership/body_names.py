"""Finding a registry body from the name someone wrote: in English or Welsh, both at once
("Cyngor Gwynedd / Gwynedd Council"), a common or former name ("Swansea Council",
"Snowdonia National Park Authority"), its slug or its ONS/GSS code ("W06000011"), case,
accents, punctuation and spacing aside. For a name that is none of these, the closest
registry bodies (fuzzy matching), for a person to choose from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from dashboard.models import Organisation
from dashboard.search_index import fold

# "Welsh / English", "English | Welsh", "English – Welsh": a name written in both languages.
SEPARATORS = re.compile(r"\s*(?:/|\||\s[-–—]\s)\s*")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
SUGGESTIONS = 3
MIN_SCORE = 60  # rapidfuzz's WRatio, 0-100: below this a body is not worth offering


def name_key(text: object) -> str:
    """A name as it is compared: folded (case and accents aside), '&' read as 'and',
    punctuation and a leading 'The' dropped, spaces collapsed ("The Vale-of-Glamorgan
    Council" and "vale of glamorgan council" are the same key)."""
    folded = fold(str(text or "")) or ""
    folded = _PUNCTUATION.sub(" ", folded.replace("&", " and "))
    words = folded.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class BodyName:
    id: int
    name_en: str
    name_cy: str


class BodyNames:
    """The registry's bodies by every name and code they go by. Build it once for a batch
    of look-ups (an import file): ``BodyNames.of(session)``."""

    def __init__(self, bodies: Iterable[tuple[BodyName, Iterable[str]]]):
        self.bodies: dict[int, BodyName] = {}
        self._by_key: dict[str, int] = {}
        ambiguous: set[str] = set()
        for body, names in bodies:
            self.bodies[body.id] = body
            for name in names:
                key = name_key(name)
                if not key:
                    continue
                if self._by_key.setdefault(key, body.id) != body.id:
                    ambiguous.add(key)  # two bodies go by it: it names neither
        for key in ambiguous:
            del self._by_key[key]
        self._keys = list(self._by_key)

    @classmethod
    def of(cls, session: Session) -> BodyNames:
        rows = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).all()
        return cls((BodyName(o.id, o.name_en, o.name_cy),
                    [o.name_en, o.name_cy, o.slug, o.gss_code or "", *(o.other_names or ())])
                   for o in rows)

    def find(self, written: object) -> int | None:
        """The registry body ``written`` names, or None. A name in both languages may be
        written with '/', '|' or a spaced dash between them, either way round: every part
        that names a body must name the same one."""
        key = name_key(written)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        parts = [name_key(part) for part in SEPARATORS.split(fold(str(written)) or "")]
        found = {self._by_key[part] for part in parts if part in self._by_key}
        return found.pop() if len(found) == 1 else None

    def closest(self, written: object, limit: int = SUGGESTIONS) -> list[BodyName]:
        """The registry bodies most like ``written``, best first (at most ``limit``)."""
        key = name_key(written)
        if not key or not self._keys:
            return []
        found: list[BodyName] = []
        for _key, _score, i in process.extract(key, self._keys, scorer=fuzz.WRatio,
                                               score_cutoff=MIN_SCORE, limit=limit * 8):
            body = self.bodies[self._by_key[self._keys[i]]]
            if body not in found:
                found.append(body)
            if len(found) == limit:
                break
        return found
