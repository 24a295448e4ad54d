"""Members: which public bodies are represented, the member directory, join requests."""

from __future__ import annotations

import reflex as rx
from reflex.config import get_config

from components.cards import badge, section
from components.i18n import pick, t, t_count
from components.labels import label
from components.pager import legacy_pager
from components.shell import page
from components.tables import data_table
from dashboard import routes
from dashboard.domain.membership.figures import GROWTH_PERIODS
from dashboard.pages import routed
from dashboard.vocabulary import (
    BODY_TYPES,
    COMMUNITY_ROLES,
    ENGAGEMENT_LEVELS,
    LANGUAGE_NAMES,
    REGIONS,
)
from state.members import MembersState as S

CONTROL_STYLE = {
    "padding": "0.35rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "font_size": "0.9rem",
    "min_height": "2rem", "max_width": "100%",
}


def body_row(body: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(pick(body["name_en"], body["name_cy"])),
        rx.table.cell(label(body["type"], BODY_TYPES)),
        rx.table.cell(label(body["region"], REGIONS)),
        rx.table.cell(body["members"], text_align="right"),
    )


def body_filters() -> rx.Component:
    return rx.flex(
        select_filter("btype", "Type of body", list(BODY_TYPES.items()),
                      value=S.body_filters["btype"], on_change=S.set_body_filter,
                      control_id="bodies-type"),
        select_filter("bregion", "Region", list(REGIONS.items()),
                      value=S.body_filters["bregion"], on_change=S.set_body_filter,
                      control_id="bodies-region"),
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
        spacing="4",
        wrap="wrap",
        align="end",
    )


def download_links(label, path: str, query_string: rx.Var, *more: rx.Component) -> rx.Component:
    """'Download this list: CSV, Excel (XLSX)' for a backend route, with the view's query."""
    base = get_config().api_url.rstrip("/") + path
    return rx.hstack(
        rx.text(label, size="2"),
        rx.link(t("CSV"), href=base + ".csv?" + query_string, underline="always", size="2"),
        rx.link(t("Excel (XLSX)"), href=base + ".xlsx?" + query_string, underline="always",
                size="2"),
        *more,
        spacing="3",
        align="center",
        wrap="wrap",
    )


def body_downloads() -> rx.Component:
    return download_links(rx.cond(S.unrepresented_only, t("Download the outreach list:"),
                                  t("Download this list:")),
                          "/api/members/bodies", S.bodies_query_string)


def bodies() -> rx.Component:
    return section(
        "Public bodies",
        rx.text(t("{n} of {total} bodies have at least one member.", n=S.represented,
                  total=S.registry_total), class_name="muted"),
        body_filters(),
        data_table(
            "Body",
            "Type",
            "Region",
            rx.table.column_header_cell(t("Members"), text_align="right"),
            rows=S.bodies,
            row=body_row,
        ),
        rx.cond(S.bodies_total == 0,
                rx.text(rx.cond(S.unrepresented_only,
                                t("Every body that matches these filters has a member."),
                                t("No bodies match these filters.")),
                        class_name="empty-state")),
        legacy_pager(S.bodies_page, S.bodies_pages, S.bodies_total, S.bodies_previous, S.bodies_next,
              "Pages of public bodies"),
        body_downloads(),
        heading_id="bodies",
    )


# --- the directory ----------------------------------------------------------------------------


def select_filter(name: str, heading: str, options: list[tuple[str, str]], value=None,
                  on_change=None, control_id: str = "") -> rx.Component:
    """A labelled native select that applies at once; the first option means 'all'. By
    default it is one of the directory's filters."""
    control_id = control_id or f"filter-{name}"
    handler = on_change or S.set_filter
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, font_size="0.85rem", font_weight="500"),
        rx.el.select(
            rx.el.option(t("All"), value=""),
            *[rx.el.option(t(text), value=code) for code, text in options],
            id=control_id,
            value=S.filters[name] if value is None else value,
            on_change=lambda chosen: handler(name, chosen),
            style=CONTROL_STYLE,
        ),
        spacing="1",
        min_width="8rem",
    )


def organisation_filter() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Organisation"), html_for="filter-org", font_size="0.85rem",
                    font_weight="500"),
        rx.el.select(
            rx.el.option(t("All"), value=""),
            rx.foreach(S.body_options,
                       lambda b: rx.el.option(pick(b["en"], b["cy"]), value=b["id"])),
            id="filter-org",
            value=S.filters["org"],
            on_change=lambda value: S.set_filter("org", value),
            style={**CONTROL_STYLE, "max_width": "16rem"},
        ),
        spacing="1",
    )


def search_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(
                rx.cond(S.can_steer, t("Search by name, organisation, job title or email"),
                        t("Search by name, organisation or job title")),
                html_for="member-search", font_size="0.85rem", font_weight="500",
            ),
            rx.hstack(
                rx.input(name="q", id="member-search", default_value=S.search, type="search",
                         key=S.search, max_length=100, width="18rem", max_width="100%"),
                rx.button(rx.icon("search", aria_hidden="true", size=16), t("Search"),
                          type="submit", size="2"),
                spacing="2",
                wrap="wrap",
            ),
            spacing="1",
        ),
        on_submit=S.search_submit,
        role="search",
    )


def filters() -> rx.Component:
    return rx.vstack(
        search_form(),
        rx.flex(
            organisation_filter(),
            select_filter("type", "Type of body", list(BODY_TYPES.items())),
            select_filter("region", "Region", list(REGIONS.items())),
            select_filter("role", "Community role", list(COMMUNITY_ROLES.items())),
            select_filter("level", "Engagement", list(ENGAGEMENT_LEVELS.items())),
            select_filter("language", "Preferred language", list(LANGUAGE_NAMES.items())),
            rx.cond(
                S.filtered,
                rx.button(t("Clear search and filters"), on_click=S.clear_filters,
                          variant="soft", high_contrast=True, size="2", align_self="end"),
            ),
            spacing="4",
            wrap="wrap",
            align="end",
        ),
        spacing="3",
        width="100%",
    )


def sort_header(column: str, heading: str) -> rx.Component:
    active = S.sort == column
    return rx.table.column_header_cell(
        rx.button(
            t(heading),
            rx.cond(active,
                    rx.cond(S.descending, rx.icon("arrow_down", size=14, aria_hidden="true"),
                            rx.icon("arrow_up", size=14, aria_hidden="true")),
                    rx.icon("arrow_up_down", size=14, aria_hidden="true", opacity="0.5")),
            on_click=S.sort_by(column),
            variant="ghost",
            high_contrast=True,
            size="2",
        ),
        aria_sort=rx.cond(active, rx.cond(S.descending, "descending", "ascending"), "none"),
    )


def member_row(member: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(member["name"], href=member["href"], underline="always")),
        rx.table.cell(pick(member["org_en"], member["org_cy"])),
        rx.table.cell(member["job"]),
        rx.table.cell(label(member["role"], COMMUNITY_ROLES)),
        rx.table.cell(badge(label(member["level"], ENGAGEMENT_LEVELS), color_scheme="indigo")),
        # Long emails break at any point rather than push the table wider than the page.
        rx.cond(S.can_steer, rx.table.cell(member["email"], overflow_wrap="anywhere",
                                           min_width="12rem")),
        rx.table.cell(pick(member["joined_en"], member["joined_cy"]), white_space="nowrap"),
    )


def engagement_rule_text() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("How engagement is worked out"), cursor="pointer"),
        rx.text(
            t("The first that applies: Leading: in the steering group or its chair. Inactive: no "
              "activity for more than {inactive} days. New: joined in the last {new} days. "
              "Active: attended at least {events} events in the last {window} days. Occasional: "
              "everyone else.",
              inactive=S.rule["inactive_days"], new=S.rule["new_days"],
              events=S.rule["active_events"], window=S.rule["window_days"]),
            size="2", class_name="muted", margin_top="0.25rem",
        ),
    )


def export_links() -> rx.Component:
    return download_links(
        t("Download this list:"), "/api/members/export", S.query_string,
        rx.cond(S.can_steer, rx.link(t("Import members from a file"), href=routes.MEMBER_IMPORT,
                                     underline="always", size="2")),
    )


def members_list() -> rx.Component:
    return section(
        "Members",
        rx.cond(
            S.signed_in,
            rx.fragment(
                rx.cond(S.my_profile != "",
                        rx.link(t("My profile"), href=S.my_profile, underline="always")),
                filters(),
                engagement_rule_text(),
                data_table(
                    sort_header("name", "Name"),
                    sort_header("organisation", "Body"),
                    sort_header("job", "Job title"),
                    sort_header("role", "Community role"),
                    "Engagement",
                    rx.cond(S.can_steer, rx.table.column_header_cell(t("Email"))),
                    sort_header("joined", "Joined"),
                    rows=S.members,
                    row=member_row,
                ),
                rx.cond(S.members_total == 0,
                        rx.text(t("No members match this search."), class_name="empty-state")),
                legacy_pager(S.members_page, S.members_pages, S.members_total, S.members_previous,
                      S.members_next, "Pages of members"),
                export_links(),
            ),
            rx.text(
                t("Members' names are shown to signed-in members only."), " ",
                rx.link(t("Sign in"), href=routes.SIGN_IN, underline="always"), " ",
                rx.link(t("Ask to join the community"), href=routes.JOIN, underline="always"),
                class_name="muted",
            ),
        ),
        heading_id="members-list",
    )


# --- figures ----------------------------------------------------------------------------------


def coverage_table(rows: rx.Var, heading: str, dimension: str) -> rx.Component:
    """Coverage by type of body (``dimension`` btype) or region (bregion); the count of bodies
    without a member opens the outreach list for that row."""
    return data_table(
        rx.table.column_header_cell(t(heading)),
        rx.table.column_header_cell(t("Bodies with a member"), text_align="right"),
        rx.table.column_header_cell(t("Share"), text_align="right"),
        rx.table.column_header_cell(t("Without a member"), text_align="right"),
        rows=rows,
        row=lambda row: rx.table.row(
            rx.table.row_header_cell(pick(row["label_en"], row["label_cy"])),
            rx.table.cell(t("{n} of {total}", n=row["represented"], total=row["total"]),
                          text_align="right"),
            rx.table.cell(row["percent"], "%", text_align="right"),
            rx.table.cell(
                rx.cond(
                    row["missing"] == "0",
                    rx.el.span("0", style={"padding_right": "0.4rem"}),  # as the buttons' text
                    rx.button(
                        row["missing"], on_click=S.show_outreach(dimension, row["key"]),
                        variant="ghost", size="1", high_contrast=True,
                        aria_label=t_count(row["missing"],
                                           "Show the {n} body without a member: {group}",
                                           "Show the {n} bodies without a member: {group}",
                                           n=row["missing"],
                                           group=pick(row["label_en"], row["label_cy"])),
                        class_name="link-button",
                    ),
                ),
                text_align="right",
            ),
        ),
        size="1",
    )


def coverage() -> rx.Component:
    return section(
        "Sector coverage",
        rx.text(t("The share of the public bodies in the registry with at least one member, "
                  "least covered first. The bodies with none are the outreach list: choose a "
                  "number under 'Without a member' to list them."), class_name="muted"),
        rx.box(
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="percent", fill="var(--indigo-9)",
                                is_animation_active=False),
                rx.recharts.x_axis(type_="number", domain=[0, 100], unit="%"),
                rx.recharts.y_axis(data_key=rx.cond(S.is_welsh, "label_cy", "label_en"),
                                   type_="category", width=170, interval=0),
                data=S.coverage_chart, layout="vertical", height=300, width="100%",
                custom_attrs={"accessibilityLayer": False},
            ),
            aria_hidden="true", width="100%",
        ),
        rx.flex(
            coverage_table(S.coverage_types, "Type of body", "btype"),
            coverage_table(S.coverage_regions, "Region", "bregion"),
            spacing="4", direction=rx.breakpoints(initial="column", md="row"),
        ),
        heading_id="coverage",
    )


def growth_period() -> rx.Component:
    return rx.hstack(
        rx.el.label(t("Period"), html_for="growth-months", font_size="0.85rem",
                    font_weight="500"),
        rx.el.select(
            *[rx.el.option(t("Last {n} months", n=str(n)), value=str(n))
              for n in GROWTH_PERIODS],
            id="growth-months",
            value=S.growth_months,
            on_change=S.set_growth_months,
            style=CONTROL_STYLE,
        ),
        spacing="2",
        align="center",
    )


def growth() -> rx.Component:
    return rx.cond(
        S.signed_in,
        section(
            "Growth",
            rx.text(t("Joiners and leavers each month, members at the end of the month, and "
                      "active members: those who attended at least one event that month."),
                    class_name="muted"),
            growth_period(),
            rx.box(
                rx.recharts.bar_chart(
                    rx.recharts.bar(data_key="joiners", name=t("Joiners"), fill="var(--indigo-9)",
                                    is_animation_active=False),
                    rx.recharts.bar(data_key="leavers", name=t("Leavers"), fill="var(--orange-9)",
                                    is_animation_active=False),
                    rx.recharts.bar(data_key="active", name=t("Active members"),
                                    fill="var(--teal-9)", is_animation_active=False),
                    rx.recharts.x_axis(data_key=rx.cond(S.is_welsh, "month_cy", "month_en")),
                    rx.recharts.y_axis(allow_decimals=False),
                    rx.recharts.legend(),
                    data=S.growth_chart, height=280, width="100%",
                    custom_attrs={"accessibilityLayer": False},
                ),
                aria_hidden="true", width="100%",
            ),
            data_table(
                "Month",
                *[rx.table.column_header_cell(t(h), text_align="right") for h in
                          ("Joiners", "Leavers", "Net", "Members", "Active members")],
                rows=S.growth,
                row=lambda g: rx.table.row(
                        rx.table.row_header_cell(pick(g["month_en"], g["month_cy"])),
                        *[rx.table.cell(g[k], text_align="right") for k in
                          ("joiners", "leavers", "net", "members", "active")],
                    ),
                size="1",
            ),
            rx.heading(t("Cohort retention"), as_="h3", size="4", id="cohorts"),
            rx.text(t("Of those who joined in each month, how many are still members, and how "
                      "many are still active (not inactive under the engagement rule)."),
                    class_name="muted"),
            data_table(
                "Joined in",
                *[rx.table.column_header_cell(t(h), text_align="right") for h in
                          ("Joined", "Still members", "Still active", "Retention")],
                rows=S.cohorts,
                row=lambda c: rx.table.row(
                        rx.table.row_header_cell(pick(c["month_en"], c["month_cy"])),
                        *[rx.table.cell(c[k], text_align="right") for k in
                          ("joined", "members", "active", "retention")],
                    ),
                size="1",
            ),
            heading_id="growth",
        ),
    )


# --- join requests ----------------------------------------------------------------------------


def request_row(request: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(request["name"]),
        rx.table.cell(request["email"]),
        rx.table.cell(pick(request["org_en"], request["org_cy"])),
        rx.table.cell(request["job"]),
        rx.table.cell(pick(request["requested_en"], request["requested_cy"])),
        rx.table.cell(rx.hstack(
            rx.button(t("Approve"), on_click=S.decide(request["id"], True), size="1",
                      aria_label=t("Approve {name}", name=request["name"])),
            rx.button(t("Decline"), on_click=S.decide(request["id"], False), size="1",
                      variant="soft", color_scheme="red", high_contrast=True,
                      aria_label=t("Decline {name}", name=request["name"])),
            spacing="2",
        )),
    )


def join_requests() -> rx.Component:
    return rx.cond(
        S.can_steer,
        section(
            "Requests to join",
            rx.cond(
                S.requests_total == 0,
                rx.text(t("No requests are waiting."), class_name="empty-state"),
                rx.fragment(
                    data_table(
                        "Name",
                        "Email",
                        "Body",
                        "Job title",
                        "Asked on",
                        "Decision",
                        rows=S.requests,
                        row=request_row,
                    ),
                    legacy_pager(S.requests_page, S.requests_pages, S.requests_total,
                          S.requests_previous, S.requests_next, "Pages of requests to join"),
                ),
            ),
            heading_id="join-requests",
        ),
    )


def retention() -> rx.Component:
    return rx.cond(
        S.can_steer & (S.review_total > 0),
        section(
            "Retention review",
            rx.text(t("Members with no activity for more than {days} days. Ask whether they want "
                      "to stay; erase the data of those who do not.", days=S.review_days),
                    class_name="muted"),
            data_table(
                "Name",
                "Last active",
                rows=S.review,
                row=lambda r: rx.table.row(
                        rx.table.row_header_cell(rx.link(r["name"], href=r["href"],
                                                         underline="always")),
                        rx.table.cell(pick(r["seen_en"], r["seen_cy"])),
                    ),
                size="1",
            ),
            legacy_pager(S.review_page, S.review_pages, S.review_total, S.review_previous,
                  S.review_next, "Pages of the retention review"),
            heading_id="retention-review",
        ),
    )


@routed(routes.MEMBERS, "Members", on_load=S.load)
def members() -> rx.Component:
    return page(
        "Members",
        join_requests(),
        coverage(),
        bodies(),
        members_list(),
        growth(),
        retention(),
        intro="The public bodies in Wales and how many of their people are in the community.",
    )
