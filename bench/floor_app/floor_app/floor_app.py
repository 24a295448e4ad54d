"""The floor for the browser benchmark: the least a Reflex app can do to show a filtered,
paged list. One page: a native select of the type of body, a Next button, and 50 members
from one indexed query over the same ``member`` table (ordered by the folded name, as the
directory is), in hand-written SQL."""

import reflex as rx
import sqlalchemy as sa

TYPES = ["local_authority", "health_board", "nhs_trust", "special_health_authority",
         "fire_and_rescue", "police", "national_park", "welsh_government", "sponsored_body",
         "other"]
PAGE = 50
ALL = """SELECT m.id, m.full_name, coalesce(o.name_en, '') FROM member m
LEFT JOIN organisation o ON o.id = m.organisation_id WHERE m.status = 'active'
ORDER BY m.folded_name, m.id LIMIT :limit OFFSET :offset"""
OF_TYPE = """SELECT m.id, m.full_name, coalesce(o.name_en, '') FROM member m
LEFT JOIN organisation o ON o.id = m.organisation_id WHERE m.status = 'active'
AND m.organisation_id IN (SELECT id FROM organisation WHERE body_type = :type)
ORDER BY m.folded_name, m.id LIMIT :limit OFFSET :offset"""


class FloorState(rx.State):
    body_type: str = ""
    page: int = 1
    rows: list[dict[str, str]] = []

    def _load(self):
        params = {"limit": PAGE, "offset": (self.page - 1) * PAGE}
        with rx.session() as session:
            if self.body_type:
                found = session.execute(sa.text(OF_TYPE), {**params, "type": self.body_type})
            else:
                found = session.execute(sa.text(ALL), params)
            self.rows = [{"id": str(i), "name": name, "body": body} for i, name, body in found]

    @rx.event
    def load(self):
        self._load()

    @rx.event
    def set_type(self, value: str):
        self.body_type, self.page = value, 1
        self._load()

    @rx.event
    def next_page(self):
        self.page += 1
        self._load()


def index() -> rx.Component:
    return rx.el.main(
        rx.el.h1("Members"),
        rx.el.label("Type of body", html_for="filter-type"),
        rx.el.select(rx.el.option("All", value=""),
                     *[rx.el.option(t, value=t) for t in TYPES],
                     id="filter-type", value=FloorState.body_type,
                     on_change=FloorState.set_type),
        rx.el.button("Next", id="next-page", on_click=FloorState.next_page),
        rx.el.table(rx.el.tbody(
            rx.foreach(FloorState.rows, lambda r: rx.el.tr(rx.el.td(r["name"]),
                                                           rx.el.td(r["body"]))),
            id="rows")),
    )


app = rx.App()
app.add_page(index, route="/", on_load=FloorState.load, title="Floor")
