"""The steering group's import of a survey export (CSV or Excel) of self-assessments: choose
the round and the file, match the body column, check every row, map the answers no level is
known for, then import every row or none.

The steps and the rejected rows are the import wizard's (``state.import_wizard``); this class
says how a survey export is read, mapped, checked and written. Shown on the review page
(``components.survey_import``); a building block, not a page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import reflex as rx
from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.importing import Table
from dashboard.domain.maturity.assessment_import import (
    SurveyPreview,
    commit,
    preview,
    read_file,
    suggest_mapping,
)
from dashboard.domain.maturity.self_assessment import open_round
from state.base import AppState
from state.import_wizard import ImportWizard

FIELDS = ("body",)  # the dimensions' columns are matched by their names


@dataclass(frozen=True)
class AnswerLevel:
    """An answer in the file that no level is known for, and the level chosen for it."""

    answer: str
    level: str  # the choice: "" (none yet), "1" to "5", or "na" (not applicable)


class SurveyImportState(ImportWizard, AppState):
    round_name: str = ""
    answers: list[AnswerLevel] = []

    @rx.event
    def load(self):
        with rx.session() as session:
            current = open_round(session, london_today(utc_now()))
        if not self.round_name and current is not None:
            self.round_name = current.name
        self._reset_import()

    def _reset_import(self) -> None:
        super()._reset_import()
        self.answers = []

    @rx.event
    def set_round_name(self, value: str):
        self.round_name = value.strip()

    @rx.event
    async def set_answer_level(self, answer: str, level: str):
        """Choose a level for an answer, and check the rows again with it."""
        self.answers = [replace(a, level=level) if a.answer == answer else a
                        for a in self.answers]
        await self._check_rows()

    def _answer_levels(self) -> dict[str, int | str]:
        return {a.answer: int(a.level) if a.level.isdigit() else a.level
                for a in self.answers if a.level}

    def _preview(self, session: Session, actor: Actor, table: Table,
                 mapping: dict[str, str]) -> SurveyPreview:
        return preview(session, actor, table, self.round_name, self._answer_levels(),
                       body_column=mapping.get("body") or None)

    # --- the wizard's hooks --------------------------------------------------------------

    def _import_fields(self) -> tuple[str, ...]:
        return FIELDS

    def _import_read(self, data: bytes, filename: str) -> Table:
        return read_file(data, filename)

    def _import_suggest(self, headers: list[str]) -> dict[str, str]:
        return suggest_mapping(headers)

    def _import_check(self, session: Session, actor: Actor, table: Table,
                      mapping: dict[str, str]) -> SurveyPreview:
        return self._preview(session, actor, table, mapping)

    def _import_checked(self, preview: SurveyPreview) -> None:
        # The answers listed stay listed (with their levels) while the file is the same.
        known = {a.answer for a in self.answers}
        self.answers = [*self.answers, *(AnswerLevel(answer, "")
                                         for answer in preview.unmapped_answers
                                         if answer not in known)]

    def _import_commit(self, session: Session, actor: Actor, table: Table,
                       mapping: dict[str, str]) -> int:
        return commit(session, actor, self._preview(session, actor, table, mapping))

    def _import_done(self, count: int) -> None:
        if count == 1:
            self._say("{n} assessment imported for review.", n=count)
        else:
            self._say("{n} assessments imported for review.", n=count)
