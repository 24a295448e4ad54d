"""Maturity: the leaders' page, a body's view, the self-assessment and the steering review.

Each handler checks who is asking through the domain, calls one domain function and sets
plain string vars (both languages where the data has two).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from dashboard.domain.clock import format_day, london_today, utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.maturity.assessment_import import commit, preview, read_table
from dashboard.domain.maturity.body_view import body_view
from dashboard.domain.maturity.framework import LEVELS
from dashboard.domain.maturity.levels import format_level
from dashboard.domain.maturity.sector import sector_figures
from dashboard.domain.maturity.self_assessment import (
    Answer,
    accept_assessment,
    assessment_form,
    open_round,
    return_assessment,
    review_answers,
    review_queue,
    save_draft,
    submit_assessment,
)
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, clamp_page
from dashboard.i18n import LANGUAGES, in_both, translate
from state.base import AppState


def band(value: float | None) -> str:
    """The colour band (1..5) of a level, '' when there is none."""
    return "" if value is None else str(max(1, min(5, int(value))))


def percent(value: float) -> str:
    return f"{100 * value:.0f}%"


class MaturityState(AppState):
    loaded: bool = False
    threshold: int = 5
    bodies: str = "0"
    headline_suppressed: bool = True
    readiness: str = "–"
    readiness_band: str = ""
    established: str = ""
    established_low: str = ""
    established_high: str = ""
    has_established: bool = False
    level_names_en: list[str] = []
    level_names_cy: list[str] = []
    dimensions: list[dict[str, str]] = []
    chart: list[dict[str, Any]] = []
    heat_head: list[dict[str, str]] = []
    heat_rows: list[list[dict[str, str]]] = []
    change: list[dict[str, str]] = []
    current_round: str = ""
    previous_round: str = ""
    coverage: list[dict[str, str]] = []
    tiles: list[dict[str, str]] = []
    # One page of the bodies that agreed to be named.
    named: list[dict[str, str]] = []
    named_page: int = 1
    named_pages: int = 1
    named_total: int = 0

    @rx.event
    def previous_named(self):
        self.named_page -= 1
        self._show_named()

    @rx.event
    def next_named(self):
        self.named_page += 1
        self._show_named()

    def _show_named(self, figures=None):
        if figures is None:
            with rx.session() as session:
                figures = sector_figures(session)  # cached: nothing is recomputed
        total = len(figures.named)
        self.named_page = clamp_page(self.named_page, total, DEFAULT_PAGE_SIZE)
        start = (self.named_page - 1) * DEFAULT_PAGE_SIZE
        self.named_total, self.named_pages = total, max(1, -(-total // DEFAULT_PAGE_SIZE))
        self.named = [
            {"slug": b.slug, "name_en": b.name_en, "name_cy": b.name_cy, "type": b.body_type,
             "level": format_level(b.level), "href": f"/maturity/body/{b.slug}"}
            for b in figures.named[start:start + DEFAULT_PAGE_SIZE]
        ]

    @rx.event
    def load(self):
        with rx.session() as session:
            figures = sector_figures(session)
        self.loaded = True
        self.threshold = figures.threshold
        h = figures.headline
        self.bodies = f"{h.bodies:,}"
        self.headline_suppressed = h.suppressed
        self.readiness = format_level(h.median_level)
        self.readiness_band = band(h.median_level)
        self.has_established = h.established is not None
        if h.established:
            self.established = percent(h.established.value)
            self.established_low = percent(h.established.low)
            self.established_high = percent(h.established.high)
        names = figures.framework.level_names if figures.framework else {}
        self.level_names_en = [names.get(i, {}).get("en", str(i)) for i in LEVELS]
        self.level_names_cy = [names.get(i, {}).get("cy", str(i)) for i in LEVELS]
        self.dimensions = [
            {
                "key": d.key, "name_en": d.name_en, "name_cy": d.name_cy,
                "bodies": str(d.bodies), "suppressed": "1" if d.suppressed else "",
                "median": format_level(d.median),
                **{f"l{lv}": "" if c is None else str(c)
                   for lv, c in zip(LEVELS, d.distribution)},
                "established": percent(d.established.value) if d.established else "",
                "established_ci": (f"{percent(d.established.low)}–{percent(d.established.high)}"
                                   if d.established else ""),
            }
            for d in figures.dimensions
        ]
        self.chart = [
            {
                "name_en": d.name_en, "name_cy": d.name_cy,
                **{f"l{lv}": c or 0 for lv, c in zip(LEVELS, d.distribution)},
                "withheld": 0 if d.suppressed and d.bodies == 0 else
                d.bodies - sum(c for c in d.distribution if c is not None),
            }
            for d in figures.dimensions
        ]
        dims = figures.framework.dimensions if figures.framework else []
        self.heat_head = [{"name_en": d.name_en, "name_cy": d.name_cy} for d in dims]
        self.heat_rows = [
            [{"kind": "type", "value": row.body_type, "band": "", "bodies": ""}]
            + [{"kind": "cell", "value": "" if c.suppressed else format_level(c.median),
                "band": "" if c.suppressed else band(c.median),
                "bodies": "" if c.suppressed else str(c.bodies)} for c in row.cells]
            for row in figures.heatmap
            if any(c.bodies for c in row.cells)
        ]
        self.current_round = figures.current_round or ""
        self.previous_round = figures.previous_round or ""
        self.change = [
            {"name_en": c.name_en, "name_cy": c.name_cy,
             "previous": format_level(c.previous), "current": format_level(c.current),
             "delta": "" if c.delta is None else f"{c.delta:+.1f}".replace("+0.0", "0"),
             "suppressed": "1" if c.suppressed else ""}
            for c in figures.change
        ]
        self.coverage = [
            {"type": c.body_type, "assessed": str(c.assessed), "total": str(c.total),
             "percent": percent(c.assessed / c.total) if c.total else "0%",
             "last_en": format_day(c.last_accepted.date(), "en") if c.last_accepted else "",
             "last_cy": format_day(c.last_accepted.date(), "cy") if c.last_accepted else ""}
            for c in figures.coverage
        ]
        self.tiles = [
            {"slug": t.slug, "code": t.code, "name_en": t.name_en, "name_cy": t.name_cy,
             "row": str(t.row + 1), "column": str(t.column + 1), "status": t.status,
             "level": format_level(t.level), "band": band(t.level)}
            for t in figures.tiles
        ]
        self._show_named(figures)


class BodyMaturityState(AppState):
    found: bool = False
    name_en: str = ""
    name_cy: str = ""
    body_type: str = ""
    round_name: str = ""
    named: bool = False
    rows: list[dict[str, str]] = []
    radar: list[dict[str, Any]] = []
    history_head: list[str] = []
    history: list[list[str]] = []
    history_names: list[dict[str, str]] = []
    steps: list[dict[str, str]] = []

    @rx.event
    def load(self):
        # /maturity/body/<slug>
        self._show(self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    def _show(self, slug: str):
        self.found = False
        self.problem_text = {}
        with rx.session() as session:
            actor = self._actor(session)
            try:
                view = body_view(session, actor, slug)
            except DomainError as error:
                self.problem_text = in_both(error.msgid, **error.params)
                return
        self.found = True
        self.name_en, self.name_cy = view.name_en, view.name_cy
        self.body_type = view.body_type
        self.round_name = view.round_name or ""
        self.named = view.named
        self.rows = [
            {"name_en": d.name_en, "name_cy": d.name_cy,
             "level": "" if d.level is None else str(d.level),
             "sector": format_level(d.sector_median), "type": format_level(d.type_median)}
            for d in view.dimensions
        ]
        self.radar = [
            {"name_en": d.name_en, "name_cy": d.name_cy, "body": d.level or 0,
             "sector": d.sector_median or 0, "type": d.type_median or 0}
            for d in view.dimensions
        ]
        self.history_head = [name for name, _levels in view.history]
        self.history_names = [{"name_en": d.name_en, "name_cy": d.name_cy}
                              for d in view.dimensions]
        self.history = [
            [("" if levels.get(d.key) is None else str(levels[d.key]))
             for _name, levels in view.history]
            for d in view.dimensions
        ]
        self.steps = [
            {"name_en": s.name_en, "name_cy": s.name_cy, "level": str(s.level),
             "next": str(s.next_level), "next_en": s.next_en, "next_cy": s.next_cy}
            for s in view.next_steps
        ]


CONFIDENCES = ("low", "medium", "high")


class AssessState(AppState):
    """The self-assessment form of the signed-in assessor's own body, for the open round."""

    available: bool = False
    body_en: str = ""
    body_cy: str = ""
    round_name: str = ""
    closes_en: str = ""
    closes_cy: str = ""
    status: str = ""
    editable: bool = False
    review_comment: str = ""
    publish_named: bool = False
    # One dict per dimension: key, names, description, level ("" / "1".."5" / "na"),
    # confidence, evidence, links and the five level descriptors.
    items: list[dict[str, str]] = []

    @rx.event
    def load(self):
        self._reload()

    def _reload(self):
        self.available = False
        self.problem_text = {}
        with rx.session() as session:
            actor = self._actor(session)
            try:
                form = assessment_form(session, actor, london_today(utc_now()))
            except DomainError as error:
                self.problem_text = in_both(error.msgid, **error.params)
                self.items = []
                return
        self.available = True
        self.body_en, self.body_cy = form.body_en, form.body_cy
        self.round_name = form.round_name
        self.closes_en = format_day(form.closes_on, "en")
        self.closes_cy = format_day(form.closes_on, "cy")
        self.status = form.status
        self.editable = form.editable
        self.review_comment = form.review_comment or ""
        self.publish_named = form.publish_named
        self.items = [
            {"key": d.key, "name_en": d.name_en, "name_cy": d.name_cy,
             "description_en": d.description_en, "description_cy": d.description_cy,
             "level": "na" if d.answer.not_applicable else
             ("" if d.answer.level is None else str(d.answer.level)),
             "confidence": d.answer.confidence or "", "evidence": d.answer.evidence,
             "links": d.answer.links,
             **{f"d{lv}_en": d.levels.get(str(lv), {}).get("en", "") for lv in LEVELS},
             **{f"d{lv}_cy": d.levels.get(str(lv), {}).get("cy", "") for lv in LEVELS}}
            for d in form.dimensions
        ]

    def _set(self, key: str, field: str, value: str):
        self.items = [{**item, field: value} if item["key"] == key else item
                      for item in self.items]

    @rx.event
    def set_level(self, key: str, value: str):
        self._set(key, "level", value)

    @rx.event
    def set_confidence(self, key: str, value: str):
        self._set(key, "confidence", value if value in CONFIDENCES else "")

    @rx.event
    def set_evidence(self, key: str, value: str):
        self._set(key, "evidence", value)

    @rx.event
    def set_links(self, key: str, value: str):
        self._set(key, "links", value)

    @rx.event
    def set_publish_named(self, value: bool):
        self.publish_named = bool(value)

    def _answers(self) -> dict[str, Answer] | None:
        answers = {}
        for item in self.items:
            level = item.get("level", "")
            if level not in ("", "na", "1", "2", "3", "4", "5"):
                self._say("{dimension}: the level must be from 1 to 5.", error=True,
                          dimension=item["name_cy"] if self.lang == "cy" else item["name_en"])
                return None
            answers[item["key"]] = Answer(
                level=int(level) if level not in ("", "na") else None,
                not_applicable=level == "na", confidence=item.get("confidence") or None,
                evidence=item.get("evidence", ""), links=item.get("links", ""))
        return answers

    @rx.event
    def save(self):
        answers = self._answers()
        if answers is None:
            return
        today = london_today(utc_now())
        saved = self._change(lambda s, a: save_draft(s, a, today, answers, self.publish_named))
        if saved is not None:
            self._reload()
            self._say("Draft saved.")

    @rx.event
    def submit(self):
        answers = self._answers()
        if answers is None:
            return
        today = london_today(utc_now())

        def save_and_submit(session, actor):
            save_draft(session, actor, today, answers, self.publish_named)
            return submit_assessment(session, actor, today)

        done = self._change(save_and_submit)
        if done is not None:
            self._reload()
            self._say("Assessment submitted to the steering group.")


class ReviewState(AppState):
    """Submitted assessments for the steering group to accept or return."""

    allowed: bool = False
    items: list[dict[str, str]] = []
    # The answers of each item on the page, in the same order.
    answers: list[list[dict[str, str]]] = []
    page: int = 1
    pages: int = 1
    total: int = 0

    @rx.event
    def load(self):
        self._reload()
        if self.allowed:
            return SurveyImportState.load

    def _reload(self):
        with rx.session() as session:
            actor = self._actor(session)
            try:
                result = review_queue(session, actor, self.page)
                answers = review_answers(session, actor, [i.assessment_id for i in result.rows])
            except DomainError as error:
                self.allowed = False
                self.problem_text = in_both(error.msgid, **error.params)
                self.items, self.answers = [], []
                return
        self.allowed = True
        self.problem_text = {}
        self.items = [
            {"id": str(i.assessment_id), "body_en": i.body_en, "body_cy": i.body_cy,
             "round": i.round_name, "answered": str(i.answered), "comment": "",
             "submitted_en": format_day(i.submitted_at.date(), "en") if i.submitted_at else "",
             "submitted_cy": format_day(i.submitted_at.date(), "cy") if i.submitted_at else ""}
            for i in result.rows
        ]
        self.answers = [
            [{"name_en": a.name_en, "name_cy": a.name_cy,
              "level": "na" if a.not_applicable else str(a.level or ""),
              "confidence": a.confidence or "", "evidence": a.evidence, "links": a.links}
             for a in answers.get(i.assessment_id, [])]
            for i in result.rows
        ]
        self.page, self.pages, self.total = result.page, result.pages, result.total

    @rx.event
    def set_comment(self, assessment_id: str, value: str):
        self.items = [{**i, "comment": value} if i["id"] == assessment_id else i
                      for i in self.items]

    @rx.event
    def accept(self, assessment_id: str):
        if self._change(lambda s, a: accept_assessment(s, a, int(assessment_id))) is not None:
            self._say("Assessment accepted.")
        self._reload()

    @rx.event
    def send_back(self, assessment_id: str):
        comment = next((i["comment"] for i in self.items if i["id"] == assessment_id), "")
        if self._change(lambda s, a: return_assessment(s, a, int(assessment_id),
                                                           comment)) is not None:
            self._say("Assessment returned to the body with your comment.")
            self._reload()

    @rx.event
    def previous_page(self):
        self.page -= 1
        self._reload()

    @rx.event
    def next_page(self):
        self.page += 1
        self._reload()


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
