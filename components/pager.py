"""Previous / next paging for a server-paged list (``state.paged_list.PagedList``)."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def pager(list_state: type[rx.State], label: str) -> rx.Component:
    """The pager of one list: ``label`` (a msgid) names it for screen readers."""
    page, pages = list_state.page, list_state.pages
    return rx.el.nav(
        rx.hstack(
            rx.button(rx.icon("chevron_left", aria_hidden="true"), t("Previous"),
                      on_click=list_state.previous_page, disabled=page <= 1,
                      variant="soft", high_contrast=True, size="2"),
            rx.text(t("Page {page} of {pages} ({total} in all)", page=page, pages=pages,
                      total=list_state.total), size="2", aria_live="polite"),
            rx.button(t("Next"), rx.icon("chevron_right", aria_hidden="true"),
                      on_click=list_state.next_page, disabled=page >= pages,
                      variant="soft", high_contrast=True, size="2"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        aria_label=t(label),
        class_name="pager",
    )
