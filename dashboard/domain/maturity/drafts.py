"""A self-assessment draft saved from a stale form is refused (see dashboard/domain/versions.py):
two assessors of one body, or an assessor and the survey import, never undo each other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from dashboard.domain import versions
from dashboard.models import Assessment, AssessmentScore, MaturityDimension

PUBLISH_LABEL = "Our body agrees to be named in published results"


def answer_text(level: int | None, not_applicable: bool, confidence: str | None,
                evidence: str | None) -> str:
    """An answer as a refused save shows it: the level ("n/a" when not applicable), the
    confidence and the evidence."""
    first = "n/a" if not_applicable else str(level or "")
    return " · ".join(part for part in (first, confidence or "", evidence or "") if part)


def _yes_no(value: bool) -> str:
    return "✓" if value else "✗"


def _score_text(score: AssessmentScore | None) -> str:
    if score is None:
        return ""
    return answer_text(score.level, score.not_applicable, score.confidence, score.evidence)


def claim_draft(session: Session, assessment: Assessment, version: int | None,
                answers: dict[str, Any], publish_named: bool,
                dimensions: list[MaturityDimension],
                scores_of: Callable[[int], dict[int, AssessmentScore]]) -> None:
    """Refuse a save from a form opened before someone else saved this draft (or, with
    ``version`` 0, before anyone had started it), naming the dimensions that differ.
    ``answers``: dimension key -> the form's Answer."""
    dims = {d.key: d for d in dimensions if d.key in answers}

    def saved(row: Assessment) -> dict[str, Any]:
        scores = scores_of(row.id)
        return {**{key: _score_text(scores.get(d.id)) for key, d in dims.items()},
                "publish_named": _yes_no(row.publish_named)}

    yours = {**{key: answer_text(a.level, a.not_applicable, a.confidence, a.evidence.strip())
                for key, a in answers.items() if key in dims},
             "publish_named": _yes_no(publish_named)}
    labels = {**{key: {"en": d.name_en, "cy": d.name_cy} for key, d in dims.items()},
              "publish_named": PUBLISH_LABEL}
    versions.claim(session, assessment, version, yours, labels, current=saved)
