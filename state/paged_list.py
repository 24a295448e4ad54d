"""The one paged list: a state mixin that every server-paged list on a page uses.

A list state holds only the visible page of typed rows; the domain pages the query
(``dashboard.domain.paging.paged``). A list is written as

    class ActionsState(PagedList, AppState):
        rows: list[ActionRow] = []

        def _fetch_page(self, page: int) -> Page[ActionRow]:
            with rx.session() as session:
                return action_rows(session, ..., page)

and shown with ``components.pager.pager(ActionsState, "Pages of actions")``. ``show_page``
(and the previous / next handlers) fetch one page and set ``rows``, ``page``, ``pages`` and
``total`` together; the domain clamps a page past the end to the last one. ``loaded`` is
False until the first page has come, so a page can say it is loading rather than show an
empty list as if nothing matched.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from dashboard.domain.paging import Page


class PagedList(rx.State, mixin=True):
    page: int = 1
    pages: int = 1
    total: int = 0
    loaded: bool = False

    def _fetch_page(self, page: int) -> Page[Any]:
        """One page of typed rows for this list (each list defines it)."""
        raise NotImplementedError

    def _show_rows(self, rows: list[Any]) -> None:
        self.rows = rows  # type: ignore[attr-defined]  (each list declares its typed rows)

    def show_page(self, page: int) -> None:
        result = self._fetch_page(max(1, page))
        self._show_rows(list(result.rows))
        self.page, self.pages, self.total = result.page, result.pages, result.total
        self.loaded = True

    @rx.event
    def previous_page(self):
        self.show_page(self.page - 1)

    @rx.event
    def next_page(self):
        self.show_page(self.page + 1)
