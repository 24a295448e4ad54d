"""Members: which public bodies are represented, and who is in the community."""

from __future__ import annotations

import reflex as rx

from components.cards import empty_state, section
from components.i18n import pick, t
from components.labels import BODY_TYPES, COMMUNITY_ROLES, REGIONS, label
from components.pager import pager
from components.shell import page
from dashboard import routes
from state.members import MembersState as S


def body_row(body: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(pick(body["name_en"], body["name_cy"])),
        rx.table.cell(label(body["type"], BODY_TYPES)),
        rx.table.cell(label(body["region"], REGIONS)),
        rx.table.cell(body["members"], text_align="right"),
    )


def bodies() -> rx.Component:
    return section(
        "Public bodies",
        rx.text(t("{n} of {total} bodies have at least one member.", n=S.represented,
                  total=S.registry_total), class_name="muted"),
        rx.el.label(
            rx.hstack(
                rx.checkbox(checked=S.unrepresented_only, on_change=S.toggle_unrepresented,
                            id="unrepresented-only"),
                rx.text(t("Show only bodies not yet represented"), size="2"),
                align="center",
                spacing="2",
            ),
            html_for="unrepresented-only",
            class_name="filter",
        ),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell(t("Body")),
                    rx.table.column_header_cell(t("Type")),
                    rx.table.column_header_cell(t("Region")),
                    rx.table.column_header_cell(t("Members"), text_align="right"),
                )),
                rx.table.body(rx.foreach(S.bodies, body_row)),
                variant="surface",
                width="100%",
            ),
            class_name="table-scroll",
        ),
        pager(S.bodies_page, S.bodies_pages, S.bodies_total, S.bodies_previous, S.bodies_next,
              "Pages of public bodies"),
        heading_id="bodies",
    )


def member_row(member: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(member["name"]),
        rx.table.cell(pick(member["org_en"], member["org_cy"])),
        rx.table.cell(member["job"]),
        rx.table.cell(label(member["role"], COMMUNITY_ROLES)),
        rx.table.cell(pick(member["joined_en"], member["joined_cy"])),
    )


def members_list() -> rx.Component:
    return section(
        "Members",
        rx.cond(
            S.signed_in,
            rx.fragment(
                rx.box(
                    rx.table.root(
                        rx.table.header(rx.table.row(
                            rx.table.column_header_cell(t("Name")),
                            rx.table.column_header_cell(t("Body")),
                            rx.table.column_header_cell(t("Job title")),
                            rx.table.column_header_cell(t("Community role")),
                            rx.table.column_header_cell(t("Joined")),
                        )),
                        rx.table.body(rx.foreach(S.members, member_row)),
                        variant="surface",
                        width="100%",
                    ),
                    class_name="table-scroll",
                ),
                pager(S.members_page, S.members_pages, S.members_total, S.members_previous,
                      S.members_next, "Pages of members"),
            ),
            rx.text(
                t("Members' names are shown to signed-in members only."), " ",
                rx.link(t("Sign in"), href=routes.SIGN_IN, underline="always"), class_name="muted",
            ),
        ),
        heading_id="members-list",
    )


def members() -> rx.Component:
    return page(
        "Members",
        bodies(),
        members_list(),
        intro="The public bodies in Wales and how many of their people are in the community.",
    )
