"""Previous / next paging for server-side pages."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def pager(page: rx.Var, pages: rx.Var, total: rx.Var, on_previous, on_next,
          label: str) -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            rx.button(rx.icon("chevron_left", aria_hidden="true"), t("Previous"),
                      on_click=on_previous, disabled=page <= 1, variant="soft", high_contrast=True, size="2"),
            rx.text(t("Page {page} of {pages} ({total} in all)", page=page, pages=pages,
                      total=total), size="2", aria_live="polite"),
            rx.button(t("Next"), rx.icon("chevron_right", aria_hidden="true"),
                      on_click=on_next, disabled=page >= pages, variant="soft", high_contrast=True, size="2"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        aria_label=t(label),
        class_name="pager",
    )
