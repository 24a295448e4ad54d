"""Members: which public bodies are represented, the member directory, join requests."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.account_links import link_to_send
from components.bars import bar_chart
from components.cards import row_badge, section
from components.combobox import body_picker
from components.i18n import bilingual, t
from components.labels import label
from components.live import as_of, live_updates
from components.membership import (
    CONTROL_STYLE,
    checkbox_filter,
    coverage_table,
    download_links,
    join_queue,
    long_text,
    number_headers,
    search_form,
    select_filter,
    sort_header,
)
from components.pager import pager
from components.shell import page, sign_in_here
from components.tables import cell, data_table, labelled_cell, row, row_header
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import (
    BODY_TYPES,
    COMMUNITY_ROLES,
    ENGAGEMENT_LEVELS,
    LANGUAGE_NAMES,
    REGIONS,
)
from state.members import GROWTH_PERIODS
from state.members import BodiesState as Bodies
from state.members import DirectoryState as Directory
from state.members import JoinRequestsState as Requests
from state.members import MembersState as Figures
from state.members import RetentionReviewState as Review
from state.rows import axis

PERCENT_AXIS = axis(100)  # 0, 20, ... 100: the coverage chart's, in per cent


def loading() -> rx.Component:
    """Said until a part of the page has its data, so nothing shows zeros as if they were."""
    return rx.text(t("Loading…"), role="status", class_name="muted")


# --- the public bodies ------------------------------------------------------------------------


def body_row(body: rx.Var) -> rx.Component:
    return row(
        row_header(long_text(bilingual(body.name), min_width="4rem", max_width="28rem")),
        labelled_cell("Type", label(body.body_type, BODY_TYPES)),
        labelled_cell("Region", label(body.region, REGIONS)),
        labelled_cell("Members", body.members, text_align="right"),
    )


def body_filters() -> rx.Component:
    return rx.flex(
        select_filter("btype", "Type of body", list(BODY_TYPES.items()), value=Bodies.body_type,
                      on_change=Bodies.set_filter, control_id="bodies-type"),
        select_filter("bregion", "Region", list(REGIONS.items()), value=Bodies.region,
                      on_change=Bodies.set_filter, control_id="bodies-region"),
        checkbox_filter("unrepresented-only", "Show only bodies not yet represented",
                        checked=Bodies.outreach, on_change=Bodies.set_outreach),
        spacing="4",
        wrap="wrap",
        align="end",
    )


def bodies() -> rx.Component:
    return section(
        "Public bodies",
        rx.cond(Bodies.loaded,
                rx.text(t("{n} of {total} bodies have at least one member.",
                          n=Bodies.represented, total=Bodies.registry_total), class_name="muted"),
                loading()),
        body_filters(),
        data_table(
            "Body",
            "Type",
            "Region",
            rx.table.column_header_cell(t("Members"), text_align="right"),
            rows=Bodies.rows,
            row=body_row,
            # On a phone, a card per body: four columns at 390 px broke words mid-way.
            stacked=True,
        ),
        rx.cond(Bodies.loaded & (Bodies.total == 0),
                rx.text(rx.cond(Bodies.outreach,
                                t("Every body that matches these filters has a member."),
                                t("No bodies match these filters.")),
                        class_name="empty-state")),
        pager(Bodies, "Pages of public bodies"),
        download_links(rx.cond(Bodies.outreach, t("Download the outreach list:"),
                               t("Download this list:")),
                       routes.bodies_export, Bodies.query_string),
        heading_id="bodies",
    )


# --- the directory ----------------------------------------------------------------------------


def directory_filter(name: str, heading: str, options: dict[str, str]) -> rx.Component:
    return select_filter(name, heading, list(options.items()), value=Directory.filters[name],
                         on_change=Directory.set_filter)


def organisation_filter() -> rx.Component:
    """The registry's 2,000 bodies: a combobox that asks the server for the few that match
    what is typed, not a select holding them all."""
    return body_picker(Directory, none_found="No body's name contains \u201c{text}\u201d.")


def filters() -> rx.Component:
    return rx.vstack(
        search_form("member-search", rx.cond(
            Directory.can_steer, t("Search by name, organisation, job title or email"),
            t("Search by name, organisation or job title")),
            value=Directory.search, on_submit=Directory.search_submit),
        rx.flex(
            organisation_filter(),
            directory_filter("type", "Type of body", BODY_TYPES),
            directory_filter("region", "Region", REGIONS),
            directory_filter("role", "Community role", COMMUNITY_ROLES),
            directory_filter("level", "Engagement", ENGAGEMENT_LEVELS),
            directory_filter("language", "Preferred language", LANGUAGE_NAMES),
            rx.cond(
                Directory.filtered,
                rx.button(t("Clear search and filters"), on_click=Directory.clear_filters,
                          variant="soft", high_contrast=True, size="2", align_self="end"),
            ),
            spacing="4",
            wrap="wrap",
            align="end",
        ),
        spacing="3",
        width="100%",
    )


def member_row(member: rx.Var) -> rx.Component:
    return row(
        row_header(long_text(rx.link(member.name, href=member.href, underline="always"))),
        cell(long_text(bilingual(member.organisation))),
        cell(long_text(member.job, min_width="6rem")),
        cell(label(member.role, COMMUNITY_ROLES)),
        cell(row_badge(label(member.level, ENGAGEMENT_LEVELS))),
        # Long emails break at any point rather than push the table wider than the page.
        rx.cond(Directory.can_steer, cell(long_text(member.email, min_width="12rem"))),
        cell(bilingual(member.joined), nowrap=True),
    )


def engagement_rule_text() -> rx.Component:
    rule = Directory.rule
    return rx.el.details(
        rx.el.summary(t("How engagement is worked out"), cursor="pointer"),
        rx.text(
            t("The first that applies: Leading: in the steering group or its chair. Inactive: no "
              "activity for more than {inactive} days. New: joined in the last {new} days. "
              "Active: attended at least {events} events in the last {window} days. Occasional: "
              "everyone else.",
              inactive=rule.inactive_days, new=rule.new_days, events=rule.active_events,
              window=rule.window_days),
            size="2", class_name="muted", margin_top="0.25rem",
        ),
    )


def members_list() -> rx.Component:
    return section(
        "Members",
        rx.cond(
            Directory.signed_in,
            rx.fragment(
                rx.cond(Directory.my_profile != "",
                        rx.link(t("My profile"), href=Directory.my_profile, underline="always")),
                filters(),
                engagement_rule_text(),
                data_table(
                    sort_header(Directory, "name", "Name"),
                    sort_header(Directory, "organisation", "Body"),
                    sort_header(Directory, "job", "Job title"),
                    sort_header(Directory, "role", "Community role"),
                    "Engagement",
                    rx.cond(Directory.can_steer, rx.table.column_header_cell(t("Email"))),
                    sort_header(Directory, "joined", "Joined"),
                    rows=Directory.rows,
                    row=member_row,
                ),
                rx.cond(Directory.loaded & (Directory.total == 0),
                        rx.text(t("No members match this search."), class_name="empty-state")),
                pager(Directory, "Pages of members"),
                download_links(
                    t("Download this list:"), routes.member_export, Directory.query_string,
                    rx.cond(Directory.can_steer, rx.link(t("Import members from a file"),
                                                 href=routes.MEMBER_IMPORT, underline="always",
                                                 size="2")),
                ),
            ),
            rx.text(
                t("Members' names are shown to signed-in members only."), " ",
                rx.link(t("Sign in"), href=sign_in_here(), underline="always"), " · ",
                rx.link(t("Ask to join the community"), href=routes.JOIN, underline="always"),
                class_name="muted",
            ),
        ),
        heading_id="members-list",
    )


# --- figures ----------------------------------------------------------------------------------


def figures_chart(chart: rx.Component) -> rx.Component:
    """A chart of the figures, drawn once they have come and the page's loads are done
    (Reflex's ``is_hydrated``; Recharts measures the page as it draws): the lists show
    first, also when the page opens again with the figures of its last visit. Hidden from
    screen readers: the tables beside it give the same figures."""
    return rx.cond(Figures.loaded & rx.State.is_hydrated,
                   rx.box(chart, aria_hidden="true", width="100%"), loading())


def chart_data(rows: rx.Var) -> rx.Var:
    """Typed rows as a chart's data: Recharts reads each row's fields by name ("label.en")."""
    return rows.to(list[dict[str, Any]])


def coverage() -> rx.Component:
    return section(
        "Sector coverage",
        rx.text(t("The share of the public bodies in the registry with at least one member, "
                  "least covered first. The bodies with none are the outreach list: choose a "
                  "number under 'Without a member' to list them."), class_name="muted"),
        figures_chart(bar_chart(
            Figures.coverage_types, lambda row: bilingual(row.label),
            lambda row: [(f"{row.percent}%", "var(--indigo-9)", "")], PERCENT_AXIS,
            "Type of body", "Bodies with a member", unit="%")),
        rx.flex(
            coverage_table(Figures.coverage_types, "Type of body",
                           lambda key: Bodies.show_outreach("btype", key)),
            coverage_table(Figures.coverage_regions, "Region",
                           lambda key: Bodies.show_outreach("bregion", key)),
            spacing="4", direction=rx.breakpoints(initial="column", md="row"),
            display=rx.cond(Figures.loaded, "flex", "none"),
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
            value=Figures.months.to_string(),
            on_change=Figures.set_growth_months,
            style=CONTROL_STYLE,
        ),
        spacing="2",
        align="center",
    )


def growth_row(g: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(bilingual(g.month)),
        labelled_cell("Joiners", g.joiners, text_align="right"),
        labelled_cell("Leavers", g.leavers, text_align="right"),
        labelled_cell("Net", rx.cond(g.net >= 0, "+", ""), g.net, text_align="right"),
        labelled_cell("Members", g.members, text_align="right"),
        labelled_cell("Active members", g.active, text_align="right"),
    )


def cohort_row(c: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(bilingual(c.month)),
        labelled_cell("Joined", c.joined, text_align="right"),
        labelled_cell("Still members", c.members, text_align="right"),
        labelled_cell("Still active", c.active, text_align="right"),
        labelled_cell("Retention", rx.cond(c.joined > 0, rx.fragment(c.retention, "%"), "–"),
                      text_align="right"),
    )


def growth() -> rx.Component:
    return rx.cond(
        Figures.signed_in,
        section(
            "Growth",
            rx.text(t("Joiners and leavers each month, members at the end of the month, and "
                      "active members: those who attended at least one event that month."),
                    class_name="muted"),
            growth_period(),
            figures_chart(rx.recharts.bar_chart(
                rx.recharts.bar(data_key="joiners", name=t("Joiners"), fill="var(--indigo-9)",
                                is_animation_active=False),
                rx.recharts.bar(data_key="leavers", name=t("Leavers"), fill="var(--orange-9)",
                                is_animation_active=False),
                rx.recharts.bar(data_key="active", name=t("Active members"),
                                fill="var(--teal-9)", is_animation_active=False),
                rx.recharts.x_axis(data_key=rx.cond(Figures.is_welsh, "month.cy", "month.en")),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.legend(),
                data=chart_data(Figures.growth), height=280, width="100%",
                custom_attrs={"accessibilityLayer": False},
            )),
            data_table("Month", *number_headers("Joiners", "Leavers", "Net", "Members",
                                                "Active members"),
                       rows=Figures.growth, row=growth_row, size="1", stacked=True),
            rx.heading(t("Cohort retention"), as_="h3", size="4", id="cohorts"),
            rx.text(t("Of those who joined in each month, how many are still members, and how "
                      "many are still active (not inactive under the engagement rule)."),
                    class_name="muted"),
            data_table("Joined in", *number_headers("Joined", "Still members", "Still active",
                                             "Retention"),
                       rows=Figures.cohorts, row=cohort_row, size="1", stacked=True),
            heading_id="growth",
        ),
    )


# --- the steering group's lists ---------------------------------------------------------------


def join_requests() -> rx.Component:
    return rx.cond(
        Requests.can_steer,
        section(
            "Requests to join",
            link_to_send(Requests),
            rx.cond(
                Requests.loaded & (Requests.total == 0),
                rx.text(t("No requests are waiting."), class_name="empty-state"),
                rx.fragment(
                    join_queue(Requests),
                    pager(Requests, "Pages of requests to join"),
                ),
            ),
            heading_id="join-requests",
        ),
    )


def retention() -> rx.Component:
    return rx.cond(
        Review.can_steer & (Review.total > 0),
        section(
            "Retention review",
            rx.text(t("Members with no activity for more than {days} days. Ask whether they want "
                      "to stay; erase the data of those who do not.", days=Review.days),
                    class_name="muted"),
            data_table(
                "Name",
                "Last active",
                rows=Review.rows,
                row=lambda r: rx.table.row(
                    rx.table.row_header_cell(
                        long_text(rx.link(r.name, href=r.href, underline="always"))),
                    rx.table.cell(bilingual(r.last_seen)),
                ),
                size="1",
            ),
            pager(Review, "Pages of the retention review"),
            heading_id="retention-review",
        ),
    )


# The lists first, each shown as it comes; then the figures (aggregates, cached), and the
# retention review at the foot of the page.
@routed(routes.MEMBERS, "Members", on_load=[Directory.load, Bodies.load, Requests.load,
                                            Figures.load, Review.load])
def members() -> rx.Component:
    return page(
        "Members",
        live_updates(), as_of("membership"),
        join_requests(),
        coverage(),
        bodies(),
        members_list(),
        growth(),
        retention(),
        intro="The public bodies in Wales and how many of their people are in the community.",
    )
