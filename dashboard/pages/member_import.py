"""Import members from a CSV or Excel file: upload, map the columns, check, then import."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.import_wizard import ImportTexts, import_wizard
from components.shell import page
from dashboard import routes
from dashboard.domain.membership.member_import import REQUIRED
from dashboard.pages import routed
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
          "Microsoft Forms. Dates as dd/mm/yyyy; bodies by their English or Welsh name. "
          "People already in the community are updated, matched by email.",
    summary="Rows ready: {ready} ({add} new, {update} to update). Rows rejected: {rejected}.",
    commit_one="Import {n} member",
    commit_other="Import {n} members",
)


@routed(routes.MEMBER_IMPORT, "Import members", on_load=S.load)
def member_import() -> rx.Component:
    return page(
        "Import members",
        rx.link(t("Back to the members"), href=routes.MEMBERS, underline="always"),
        rx.cond(
            S.can_steer,
            import_wizard(S, fields=FIELD_LABELS, required=REQUIRED, texts=TEXTS,
                          upload_id="member-file"),
            rx.text(t("Only the steering group can import members."), class_name="empty-state",
                    margin_top="1rem"),
        ),
    )
