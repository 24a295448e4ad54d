"""Import members from a CSV or Excel file: upload, map the columns, check, then import."""

from __future__ import annotations

import reflex as rx

from components.i18n import bilingual, t, t_count
from components.import_wizard import ImportTexts, import_wizard
from components.membership import SELECT_STYLE, long_text
from components.shell import page
from components.tables import data_table
from dashboard import routes
from dashboard.pages import routed
from state.member_import import OTHER_BODY, REQUIRED
from state.member_import import MemberImportState as S

# The members file's fields (dashboard.domain.membership.member_import.FIELDS), in form order.
FIELD_LABELS = {
    "full_name": "Full name",
    "email": "Email",
    "organisation": "Organisation",
    "job_title": "Job title",
    "interests": "Interests",
    "language": "Preferred language",
    "joined_on": "Joined",
    "consent": "Consent",
}
TEXTS = ImportTexts(
    file_label="Members file",
    intro="A CSV (UTF-8) or Excel (.xlsx) file with a row of headings, e.g. an export from "
          "Microsoft Forms. Dates as dd/mm/yyyy; bodies by any of their names, in English or "
          "Welsh, or their ONS code. People already in the community are updated, matched by "
          "email; two rows with one email become one member.",
    summary="Rows ready: {ready} ({add} new, {update} to update). Rows rejected: {rejected}.",
    commit_one="Import {n} member",
    commit_other="Import {n} members",
)


def unmatched_choice(item: rx.Var, index: rx.Var) -> rx.Component:
    """One body name the registry does not know, labelled with its rows, and what to do with
    it: one of the closest registry bodies, or keep it as written."""
    control_id = "unmatched-body-" + index.to_string()
    return rx.vstack(
        rx.el.label(t_count(item.count, "'{name}', in row {rows}", "'{name}', in rows {rows}",
                            name=item.name, rows=item.rows),
                    html_for=control_id, font_weight="600", overflow_wrap="anywhere"),
        rx.el.select(
            rx.el.option(t("Choose what to do"), value=""),
            rx.foreach(item.closest, lambda b: rx.el.option(bilingual(b.name), value=b.id)),
            rx.el.option(t("Keep it as another organisation, as written"), value=OTHER_BODY),
            id=control_id, value=item.choice,
            on_change=lambda choice: S.choose_body(item.key, choice), style=SELECT_STYLE,
        ),
        spacing="1", width="100%",
    )


def unmatched_bodies() -> rx.Component:
    """The body names the registry does not know: each one's closest registry bodies, or
    kept as written."""
    return rx.cond(
        S.unmatched.length() > 0,
        rx.vstack(
            rx.heading(t("Bodies not in the registry"), as_="h3", size="4",
                       id="unmatched-bodies"),
            rx.text(t("Choose the registry body each name means, or keep the name as written "
                      "for another organisation. Its rows are checked again at once."),
                    class_name="muted"),
            rx.foreach(S.unmatched, unmatched_choice),
            rx.button(t("Keep every name not yet chosen as written"),
                      on_click=S.keep_all_as_other, variant="soft", high_contrast=True,
                      size="2", white_space="normal", height="auto", min_height="2rem"),
            spacing="3", width="100%",
        ),
    )


def merged_rows() -> rx.Component:
    return rx.cond(
        S.merged.length() > 0,
        rx.vstack(
            rx.heading(t("Rows merged"), as_="h3", size="4", id="merged-rows"),
            data_table("Rows", "Email", rows=S.merged, size="1", row=lambda m: rx.table.row(
                rx.table.row_header_cell(m.rows),
                rx.table.cell(long_text(m.email)),
            )),
            rx.text(t("Each of these is one person who sent the form more than once: they "
                      "become one member, with the later answers."), class_name="muted"),
            spacing="2", width="100%",
        ),
    )


@routed(routes.MEMBER_IMPORT, "Import members", on_load=S.load)
def member_import() -> rx.Component:
    return page(
        "Import members",
        rx.link(t("Back to the members"), href=routes.MEMBERS, underline="always"),
        rx.cond(
            S.can_steer,
            import_wizard(S, fields=FIELD_LABELS, required=REQUIRED, texts=TEXTS,
                          upload_id="member-file",
                          in_preview=rx.fragment(unmatched_bodies(), merged_rows())),
            rx.text(t("Only the steering group can import members."), class_name="empty-state",
                    margin_top="1rem"),
        ),
    )
