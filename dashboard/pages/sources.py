"""Data sources: where the dashboard's data comes from, how fresh it is, and (for the
steering group) adding, editing, pausing, testing, syncing and each source's run history."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, section
from components.i18n import bilingual, number, t
from components.labels import label
from components.pager import pager
from components.shell import from_the_data, page
from components.tables import data_table, labelled_cell
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import SOURCE_KINDS, SYNC_STATUSES
from state.sources import SourceRunsState as R
from state.sources import SourcesState as S

HEALTH = {"ok": "Up to date", "stale": "Out of date", "failing": "Failing",
          "paused": "Paused", "new": "Not yet synced"}


def health_badge(health: rx.Var) -> rx.Component:
    """Words first; the colour only repeats them."""
    return badge(label(health, HEALTH),
                 color_scheme=rx.match(health, ("ok", "grass"), ("failing", "red"),
                                       ("stale", "amber"), "gray"))


def source_actions(source: rx.Var) -> rx.Component:
    name = bilingual(source.name)
    return rx.hstack(
        rx.button(t("Sync now"), size="1", on_click=S.sync_now(source.id),
                  loading=S.syncing_id == source.id, disabled=S.syncing_id != 0,
                  aria_label=t("Sync {name} now", name=name)),
        rx.button(t("Test connection"), size="1", variant="soft",
                  on_click=S.test_connection(source.id), loading=S.checking_id == source.id,
                  aria_label=t("Test the connection to {name}", name=name)),
        rx.button(t("Edit"), size="1", variant="soft", on_click=S.edit(source.id),
                  aria_label=t("Edit {name}", name=name)),
        rx.button(rx.cond(source.enabled, t("Pause"), t("Resume")), size="1", variant="soft",
                  on_click=S.toggle_pause(source.id, source.enabled)),
        rx.button(t("History"), size="1", variant="soft",
                  on_click=R.show(source.id, source.name.en, source.name.cy),
                  aria_label=t("Run history of {name}", name=name)),
        rx.button(t("Delete"), size="1", variant="soft", color_scheme="red",
                  on_click=S.delete(source.id), aria_label=t("Delete {name}", name=name)),
        spacing="1", wrap="wrap",
    )


def source_row(source: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            from_the_data(source.name, source.name_untranslated),
            rx.cond(S.can_steer & (source.address != ""),
                    rx.text(source.address, size="1", class_name="muted")),
        ),
        labelled_cell("Kind", label(source.kind, SOURCE_KINDS)),
        labelled_cell("Status", health_badge(source.health)),
        labelled_cell("Data as of", rx.cond(source.as_of.en != "", bilingual(source.as_of),
                                            t("Never synced"))),
        rx.cond(S.can_steer, labelled_cell(
            "Next run",
            rx.cond(source.next_run.en != "", bilingual(source.next_run), t("By hand")))),
        rx.cond(S.can_steer, labelled_cell(
            "Last run",
            rx.cond(source.status != "",
                    rx.vstack(label(source.status, SYNC_STATUSES),
                              rx.text(bilingual(source.message), size="1"),
                              rx.cond(source.counts != "",
                                      rx.text(source.counts, size="1", class_name="muted")),
                              spacing="0"),
                    t("Never synced")))),
        rx.cond(S.can_steer, labelled_cell("Actions", source_actions(source))),
    )


def field(label_msgid: str, control: rx.Component, hint: str | None = None) -> rx.Component:
    return rx.el.label(rx.text(t(label_msgid), weight="medium", size="2"), control,
                       rx.text(t(hint), size="1", class_name="muted") if hint else rx.fragment(),
                       class_name="form-field")


def source_form() -> rx.Component:
    kinds = [k for k in SOURCE_KINDS if k in ("ics", "youtube")]
    return rx.card(
        rx.el.form(
            rx.vstack(
                rx.heading(rx.cond(S.form_id == 0, t("Add a data source"),
                                   t("Edit the data source")), as_="h2", size="4"),
                field("Name in English", rx.input(value=S.form_name, required=True,
                                                  on_change=lambda v: S.set_form("name", v))),
                field("Name in Welsh", rx.input(value=S.form_name_cy,
                                                on_change=lambda v: S.set_form("name_cy", v))),
                field("Kind", rx.el.select(
                    *[rx.el.option(t(SOURCE_KINDS[k]), value=k) for k in kinds],
                    value=S.form_kind, on_change=lambda v: S.set_form("kind", v))),
                field("Minutes between syncs", rx.input(
                    value=S.form_schedule, input_mode="numeric",
                    on_change=lambda v: S.set_form("schedule", v)),
                    "0: only when someone presses Sync now."),
                rx.cond(S.form_kind == "youtube",
                        field("YouTube API key", rx.input(
                            type="password", value=S.form_api_key, auto_complete="off",
                            on_change=lambda v: S.set_form("api_key", v)),
                            "Kept encrypted and never shown again. Leave empty to keep the "
                            "current one."),
                        field("Web address (URL)", rx.input(
                            type="password", value=S.form_url, auto_complete="off",
                            on_change=lambda v: S.set_form("url", v)),
                            "Kept encrypted and never shown again: a secret calendar address "
                            "works like a password. Leave empty to keep the current one.")),
                rx.hstack(rx.button(t("Save"), type="submit"),
                          rx.button(t("Cancel"), type="button", variant="soft",
                                    on_click=S.cancel), spacing="2"),
                spacing="3", align="start", width="100%",
            ),
            on_submit=lambda _form: S.save(), no_validate=True,
        ),
        width="100%",
    )


def run_row(run: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.th(bilingual(run.started), scope="row"),
        rx.el.td(label(run.status, SYNC_STATUSES)),
        rx.el.td(run.seconds),
        rx.el.td(number(run.added)), rx.el.td(number(run.updated)),
        rx.el.td(number(run.unchanged)), rx.el.td(number(run.rejected)),
        rx.el.td(bilingual(run.message)),
    )


def run_history() -> rx.Component:
    """A plain table in a region that takes the keyboard focus, so it can be scrolled
    sideways without a mouse (it has nothing else to focus)."""
    headings = ("Started", "Result", "Seconds", "Added", "Updated", "Unchanged", "Rejected",
                "Message")
    return rx.cond(
        R.source_id != 0,
        section(
            "Run history",
            rx.text(bilingual(R.source_name), weight="medium"),
            rx.el.div(
                rx.el.table(
                    rx.el.thead(rx.el.tr(*[rx.el.th(t(h), scope="col") for h in headings])),
                    rx.el.tbody(rx.foreach(R.rows, run_row)),
                    class_name="runs-table",
                ),
                tab_index=0, role="region", aria_label=t("Run history"),
                class_name="table-scroll", style={"overflow_x": "auto"},
            ),
            pager(R, "Pages of the run history"),
            rx.button(t("Close the history"), variant="soft", on_click=R.close),
            heading_id="run-history",
        ),
    )


@routed(routes.SOURCES, "Data sources", on_load=S.load)
def sources() -> rx.Component:
    return page(
        "Data sources",
        rx.cond(S.can_steer & ~S.editing,
                rx.button(t("Add a data source"), on_click=S.new_source)),
        rx.cond(S.can_steer & S.editing, source_form()),
        rx.cond(
            S.rows.length() > 0,
            data_table(
                "Source", "Kind", "Status", "Data as of",
                rx.cond(S.can_steer, rx.table.column_header_cell(t("Next run"))),
                rx.cond(S.can_steer, rx.table.column_header_cell(t("Last run"))),
                rx.cond(S.can_steer, rx.table.column_header_cell(t("Actions"))),
                rows=S.rows, row=source_row, stacked=True,
            ),
            rx.cond(S.loaded, empty_state("No data sources are set up yet."),
                    rx.text(t("Loading…"), role="status", class_name="muted")),
        ),
        run_history(),
        intro="The systems Cymuned pulls its data from, and how fresh each one's data is.",
    )
