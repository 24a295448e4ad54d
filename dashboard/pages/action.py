"""One action: the steering group edits it here (or creates one at /actions/new); its owner
reads it and adds progress notes; its history comes from the audit log."""

from __future__ import annotations

import reflex as rx

from components.cards import empty_state, section
from components.i18n import bilingual, t
from components.shell import page
from components.steering import (
    check_group,
    fact,
    native_select,
    rag_badge,
    scroll_table,
    status_badge,
    text_box,
    text_field,
)
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import ACTION_STATUSES, RAG_RATINGS
from state.action import ActionState as S

FIELD_NAMES = {
    "title": "Title", "title_cy": "Title in Welsh", "description": "Description",
    "description_cy": "Description in Welsh", "owner": "Owner", "owner_member_id": "Owner",
    "starts_on": "Starts", "due_on": "Due", "status": "Status", "rag": "RAG rating",
    "rag_reason": "Reason for the RAG rating", "completed_on": "Completed",
    "objectives": "Objectives", "goals": "Well-being goals", "ways": "Ways of working",
    "note": "Note",
}


def field_name(name: rx.Var) -> rx.Component:
    return rx.match(name, *[(k, t(v)) for k, v in FIELD_NAMES.items()], name)


def form() -> rx.Component:
    v = S.values
    return rx.form(
        rx.vstack(
            text_field("action-title", "title", "Title", v["title"], max_length=300),
            text_field("action-title-cy", "title_cy", "Title in Welsh", v["title_cy"],
                       max_length=300),
            text_box("action-description", "description", "Description", v["description"]),
            text_box("action-description-cy", "description_cy", "Description in Welsh",
                     v["description_cy"]),
            rx.flex(
                native_select("action-owner", "Owner", rx.el.option(t("No owner"), value=""),
                              rx.foreach(S.owner_options, lambda o: rx.el.option(
                                  bilingual(o.name), value=o.key)),
                              name="owner", default_value=v["owner"], key=v["owner"]),
                text_field("action-starts", "starts_on", "Starts", v["starts_on"], "date"),
                text_field("action-due", "due_on", "Due", v["due_on"], "date"),
                native_select("action-status", "Status",
                              *[rx.el.option(t(n), value=c) for c, n in ACTION_STATUSES.items()],
                              name="status", default_value=v["status"], key=v["status"]),
                native_select("action-rag", "RAG rating", rx.el.option(t("Not rated"), value=""),
                              *[rx.el.option(t(n), value=c) for c, n in RAG_RATINGS.items()],
                              name="rag", default_value=v["rag"], key=v["rag"]),
                wrap="wrap", gap="3", width="100%",
            ),
            text_box("action-rag-reason", "rag_reason", "Reason for the RAG rating",
                     v["rag_reason"], rows="2"),
            rx.flex(
                check_group("Objectives", "objective", S.objective_options, S.chosen),
                check_group("Well-being goals", "goal", S.goal_options, S.chosen),
                check_group("Ways of working", "way", S.way_options, S.chosen),
                wrap="wrap", gap="4",
            ),
            rx.button(t("Save action"), type="submit", size="3"),
            spacing="3", width="100%",
        ),
        on_submit=S.save,
        reset_on_submit=False,
        aria_label=t("Action"),
    )


def stale_versions() -> rx.Component:
    """After a stale save: the stored version beside what the reader typed (kept above)."""
    return rx.cond(
        S.stale.length() > 0,
        rx.box(
            rx.heading(t("Both versions"), as_="h2", size="4"),
            scroll_table("Fields that differ", "Field", "Saved by someone else",
                         "Yours (still in the form)", rows=S.stale,
                         row=lambda c: rx.table.row(
                             rx.table.row_header_cell(field_name(c.field)),
                             rx.table.cell(c.theirs), rx.table.cell(c.yours))),
            class_name="stale-versions", role="region", aria_label=t("Both versions"),
        ),
    )


def summary() -> rx.Component:
    """What a member (the owner) sees: the action, read-only."""
    return rx.el.dl(
        fact("Title", rx.cond(S.is_welsh & (S.values["title_cy"] != ""), S.values["title_cy"],
                              S.values["title"])),
        fact("Owner", S.owner_name),
        fact("Due", bilingual(S.due)),
        fact("Status", status_badge(S.values["status"])),
        fact("RAG rating", rx.hstack(rag_badge(S.values["rag"]),
                                     rx.text(S.values["rag_reason"]))),
        class_name="facts",
    )


def notes() -> rx.Component:
    return section(
        "Progress notes",
        rx.form(
            text_box("action-note", "note", "Add a progress note", "", rows="3"),
            rx.button(t("Add note"), type="submit", margin_top="0.5rem"),
            on_submit=S.add_note, reset_on_submit=False,
        ),
        rx.cond(S.notes.length() > 0,
                rx.el.ul(rx.foreach(S.notes, lambda n: rx.el.li(
                    rx.text(n.author, " · ", bilingual(n.when), size="1", class_name="muted"),
                    rx.text(n.text, white_space="pre-wrap")))),
                empty_state("No progress notes yet.")),
        heading_id="notes",
    )


def history() -> rx.Component:
    return section(
        "History",
        rx.cond(S.history.length() > 0,
                scroll_table("History", "When", "Who", "Field", "Before", "After",
                             rows=S.history, row=lambda h: rx.table.row(
                                 rx.table.cell(bilingual(h.when)), rx.table.cell(h.actor),
                                 rx.table.row_header_cell(field_name(h.field)),
                                 rx.table.cell(h.before), rx.table.cell(h.after))),
                empty_state("No changes yet.")),
        heading_id="history",
    )


@routed(routes.ACTION, "Action", on_load=S.load)
def action() -> rx.Component:
    return page(
        "Action",
        rx.link(t("All actions"), href=routes.ACTIONS, underline="always"),
        rx.cond(
            S.found,
            rx.box(
                rx.cond(S.can_steer, rx.fragment(stale_versions(), form()), summary()),
                rx.cond(S.action_id > 0, rx.fragment(notes(), history())),
                class_name="steering-stack",
            ),
            rx.callout.root(rx.callout.text(S.problem), role="status"),
        ),
    )
