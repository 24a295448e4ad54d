"""The steering group's import of a survey export (CSV or Excel) of self-assessments:
upload, preview, map unknown answers to levels, then import every row or none.

Shown on the review page (``components.survey_import``); a building block, not a page.
"""

from __future__ import annotations

import reflex as rx

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.maturity.assessment_import import commit, preview, read_table
from dashboard.domain.maturity.self_assessment import open_round
from dashboard.i18n import LANGUAGES, translate
from state.base import AppState


class SurveyImportState(AppState):
    """The steering group's upload of a survey export: preview, map answers, commit."""

    filename: str = ""
    round_name: str = ""
    ready: int = 0
    rejected: list[dict[str, str]] = []  # each problem in "en" and "cy"
    # Answers the mapping does not know yet: {"answer": text, "level": "" / "1".."5" / "na"}
    unmapped: list[dict[str, str]] = []
    previewed: bool = False
    _rows: list[dict[str, str]] = []

    @rx.event
    def load(self):
        with rx.session() as session:
            current = open_round(session, london_today(utc_now()))
        if not self.round_name and current is not None:
            self.round_name = current.name

    @rx.event
    def set_round_name(self, value: str):
        self.round_name = value.strip()

    @rx.event
    def set_answer_level(self, answer: str, level: str):
        self.unmapped = [{**u, "level": level} if u["answer"] == answer else u
                         for u in self.unmapped]
        self._preview()

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        self.previewed = False
        if not files:
            self._say("Choose a file first.", error=True)
            return
        file = files[0]
        data = await file.read()
        self.filename = file.name or "export.csv"
        try:
            self._rows = read_table(data, self.filename)
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return
        self.unmapped = []
        self._preview()

    def _mapping(self) -> dict[str, int | str]:
        return {u["answer"]: (int(u["level"]) if u["level"].isdigit() else u["level"])
                for u in self.unmapped if u["level"]}

    def _preview(self):
        self._clear_notice()
        with rx.session() as session:
            actor = self._actor(session)
            try:
                result = preview(session, actor, self._rows, self.round_name, self._mapping())
            except DomainError as error:
                self.previewed = False
                self._say(error.msgid, error=True, **error.params)
                return
        self.previewed = True
        self.ready = len(result.rows)
        self.rejected = [
            {lang: translate("Row {row}: {problem}", lang, row=p.row,
                             problem=translate(p.msgid, lang, **p.params)) for lang in LANGUAGES}
            for p in result.rejected
        ]
        known = {u["answer"]: u for u in self.unmapped}
        self.unmapped = list(known.values()) + [
            {"answer": a, "level": ""} for a in result.unmapped_answers if a not in known]

    @rx.event
    def commit(self):
        mapping = self._mapping()
        rows, round_name = self._rows, self.round_name

        def run(session, actor):
            return commit(session, actor, preview(session, actor, rows, round_name, mapping))

        count = self._change(run)
        if count is not None:
            self._rows = []
            self.previewed = False
            self.unmapped, self.rejected, self.ready = [], [], 0
            if count == 1:
                self._say("{n} assessment imported for review.", n=count)
            else:
                self._say("{n} assessments imported for review.", n=count)
