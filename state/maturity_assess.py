"""The self-assessment: a body's assessor fills in its answers for the open round, saves a
draft and submits it to the steering group (the domain checks who may, and audits)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import reflex as rx

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.maturity.framework import LEVELS
from dashboard.domain.maturity.self_assessment import (
    Answer,
    AssessmentForm,
    FormDimension,
    assessment_form,
    save_draft,
    submit_assessment,
)
from dashboard.domain.versions import StaleVersion
from state.base import AppState
from state.rows import Bilingual, day

CONFIDENCES = ("low", "medium", "high")
NOT_APPLICABLE = "na"  # the form's choice for "not applicable to our body"


@dataclass(frozen=True)
class DimensionAnswer:
    """One dimension of the form, with the answer as it stands."""

    key: str
    name: Bilingual
    description: Bilingual
    descriptors: list[Bilingual]  # what each level, 1..5, looks like
    level: int | None  # None: not answered (or not applicable)
    not_applicable: bool
    confidence: str  # "", or one of CONFIDENCES
    evidence: str
    links: str


def dimension_answer(d: FormDimension) -> DimensionAnswer:
    return DimensionAnswer(
        key=d.key, name=Bilingual(d.name_en, d.name_cy),
        description=Bilingual(d.description_en, d.description_cy),
        descriptors=[Bilingual(d.levels.get(str(lv), {}).get("en", ""),
                               d.levels.get(str(lv), {}).get("cy", "")) for lv in LEVELS],
        level=d.answer.level, not_applicable=d.answer.not_applicable,
        confidence=d.answer.confidence or "", evidence=d.answer.evidence, links=d.answer.links,
    )


def as_answer(item: DimensionAnswer) -> Answer:
    return Answer(level=item.level, not_applicable=item.not_applicable,
                  confidence=item.confidence or None, evidence=item.evidence, links=item.links)


class AssessState(AppState):
    """The self-assessment form of the signed-in assessor's own body, for the open round."""

    available: bool = False
    body: Bilingual = Bilingual()
    round_name: str = ""
    closes: Bilingual = Bilingual()
    status: str = ""
    editable: bool = False
    review_comment: str = ""
    publish_named: bool = False
    items: list[DimensionAnswer] = []
    # The draft's version as opened (0: none yet): a save over someone else's newer one is
    # refused, and the answers typed here stay.
    version: int = 0

    @rx.event
    def load(self):
        self._reload()

    def _reload(self):
        self.available = False
        today = london_today(utc_now())
        form = self._read(lambda session, actor: assessment_form(session, actor, today))
        if form is None:
            self.items = []
            return
        self._show(form)

    def _show(self, form: AssessmentForm) -> None:
        self.available = True
        self.body = Bilingual(form.body_en, form.body_cy)
        self.round_name = form.round_name
        self.closes = day(form.closes_on)
        self.status = form.status
        self.editable = form.editable
        self.review_comment = form.review_comment or ""
        self.publish_named = form.publish_named
        self.items = [dimension_answer(d) for d in form.dimensions]
        self.version = form.version

    def _set(self, key: str, **changes) -> None:
        self.items = [replace(item, **changes) if item.key == key else item
                      for item in self.items]

    @rx.event
    def set_level(self, key: str, value: str):
        """The form's choice: "1".."5", "na" (not applicable) or "" (none)."""
        if value == NOT_APPLICABLE:
            self._set(key, level=None, not_applicable=True)
        elif value == "":
            self._set(key, level=None, not_applicable=False)
        elif value.isdigit():
            # Checked from 1 to 5 by the domain when saved (the message names the dimension).
            self._set(key, level=int(value), not_applicable=False)
        else:
            item = next((i for i in self.items if i.key == key), None)
            name = item.name if item else Bilingual(key, key)
            self._say("{dimension}: the level must be from 1 to 5.", error=True,
                      dimension={"en": name.en, "cy": name.cy})

    @rx.event
    def set_confidence(self, key: str, value: str):
        self._set(key, confidence=value if value in CONFIDENCES else "")

    @rx.event
    def set_evidence(self, key: str, value: str):
        self._set(key, evidence=value)

    @rx.event
    def set_links(self, key: str, value: str):
        self._set(key, links=value)

    @rx.event
    def set_publish_named(self, value: bool):
        self.publish_named = bool(value)

    def _refusing_stale(self, save):
        """Run ``save``; refused as stale, the next save (the notice shows theirs and
        yours) goes over the newer draft."""
        try:
            return save()
        except StaleVersion as stale:
            self.version = stale.theirs
            raise

    def _answers(self) -> dict[str, Answer]:
        return {item.key: as_answer(item) for item in self.items}

    @rx.event
    def save(self):
        answers, publish, version = self._answers(), self.publish_named, self.version
        today = london_today(utc_now())
        saved = self._change(lambda s, a: self._refusing_stale(
            lambda: save_draft(s, a, today, answers, publish, version)))
        if saved is not None:
            self._reload()
            self._say("Draft saved.")

    @rx.event
    def submit(self):
        answers, publish, version = self._answers(), self.publish_named, self.version
        today = london_today(utc_now())

        def save_and_submit(session, actor):
            self._refusing_stale(
                lambda: save_draft(session, actor, today, answers, publish, version))
            return submit_assessment(session, actor, today)

        done = self._change(save_and_submit)
        if done is not None:
            self._reload()
            self._say("Assessment submitted to the steering group.")
