"""A member's profile: organisation, role, engagement and events; contact details only for
the steering group and admins."""

from __future__ import annotations

import reflex as rx

from components.account_links import link_to_send
from components.cards import badge, section
from components.i18n import bilingual, t
from components.labels import label
from components.membership import SELECT_STYLE, field
from components.shell import page
from components.tables import data_table
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import COMMUNITY_ROLES, ENGAGEMENT_LEVELS, LANGUAGE_NAMES
from state.member_profile import MemberProfileState as S


def fact(heading: str, value: rx.Component | rx.Var | str) -> rx.Component:
    return rx.fragment(
        rx.el.dt(t(heading), font_weight="600"),
        rx.el.dd(value, margin_left="0", margin_bottom="0.5rem"),
    )


def event_row(event: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(event.title),
        rx.table.cell(bilingual(event.when)),
        rx.table.cell(rx.cond(event.attended, t("Attended"), t("Registered"))),
    )


def details() -> rx.Component:
    p = S.profile
    return rx.fragment(
        # However long a name, body or job title is, it wraps rather than widen the page.
        rx.heading(p.name, as_="h2", size="6", id="member-name", margin_bottom="0.5rem",
                   overflow_wrap="anywhere"),
        rx.el.dl(
            fact("Body", bilingual(p.organisation)),
            fact("Job title", p.job),
            fact("Community role", label(p.role, COMMUNITY_ROLES)),
            fact("Engagement", badge(label(p.level, ENGAGEMENT_LEVELS), color_scheme="indigo")),
            fact("Joined", bilingual(p.joined)),
            fact("Preferred language", label(p.language, LANGUAGE_NAMES)),
            fact("Events", t("Registered for {registered}, attended {attended}",
                             registered=p.registered, attended=p.attended)),
            rx.cond(p.interests != "", fact("Interests", p.interests)),
            rx.cond(p.email != "", fact("Email", rx.link(p.email, href="mailto:" + p.email,
                                                         underline="always"))),
            overflow_wrap="anywhere",
        ),
        section(
            "Events",
            rx.cond(
                S.events.length() > 0,
                data_table(
                    "Event",
                    "When",
                    "Attendance",
                    rows=S.events,
                    row=event_row,
                ),
                rx.text(t("No events yet."), class_name="empty-state"),
            ),
            heading_id="member-events",
        ),
    )


def edit_form() -> rx.Component:
    p = S.profile
    return rx.form(
        rx.vstack(
            field("edit-name", "Full name",
                  rx.input(name="full_name", id="edit-name", default_value=p.name,
                           required=True, max_length=200, width="100%")),
            field("edit-job", "Job title",
                  rx.input(name="job_title", id="edit-job", default_value=p.job,
                           max_length=200, width="100%")),
            field("edit-interests", "Interests",
                  rx.text_area(name="interests", id="edit-interests",
                               default_value=p.interests, max_length=2000, width="100%")),
            field("edit-language", "Preferred language",
                  rx.el.select(
                      *[rx.el.option(t(name), value=code)
                        for code, name in LANGUAGE_NAMES.items()],
                      name="language", id="edit-language", default_value=p.language,
                      style=SELECT_STYLE)),
            rx.cond(
                S.can_steer,
                field("edit-role", "Community role",
                      rx.el.select(
                          *[rx.el.option(t(name), value=code)
                            for code, name in COMMUNITY_ROLES.items()],
                          name="community_role", id="edit-role", default_value=p.role,
                          style=SELECT_STYLE)),
            ),
            rx.hstack(
                rx.button(t("Save"), type="submit"),
                rx.button(t("Cancel"), type="button", on_click=S.stop_editing, variant="soft",
                          high_contrast=True),
                spacing="2",
            ),
            spacing="3",
            max_width="32rem",
            width="100%",
        ),
        on_submit=S.save,
        no_validate=True,  # the server's messages, in the reader's language
        reset_on_submit=False,
    )


def leaving() -> rx.Component:
    """The member themselves, or the steering group, records that they have left."""
    return rx.cond(
        S.can_edit & (S.profile.status == "active"),
        rx.el.section(
            rx.heading(t("Leave the community"), as_="h2", size="4", id="leaving"),
            rx.text(t("From today they no longer count as a member; past attendance stays."),
                    size="2", class_name="muted"),
            rx.cond(
                S.confirm_leave,
                rx.hstack(
                    rx.button(t("Yes, record that they have left"), on_click=S.leave),
                    rx.button(t("Cancel"), on_click=S.ask_to_leave(False), variant="soft",
                              high_contrast=True),
                    spacing="2", wrap="wrap",
                ),
                rx.button(t("Leave the community"), on_click=S.ask_to_leave(True),
                          variant="soft", high_contrast=True),
            ),
            aria_labelledby="leaving",
            class_name="section",
        ),
    )


def sign_in_link_section() -> rx.Component:
    return rx.cond(
        S.can_steer,
        rx.el.section(
            rx.heading(t("Link to set a password"), as_="h2", size="4", id="password-link"),
            rx.text(t("A new single-use link for this member to set a password: an invitation "
                      "if they have no account yet, otherwise a password reset. It is emailed "
                      "to them when a mail server is set up; otherwise copy it and send it "
                      "yourself."), size="2", class_name="muted"),
            link_to_send(S),
            rx.button(t("Make a new link"), on_click=S.make_link, variant="soft",
                      high_contrast=True),
            aria_labelledby="password-link",
            class_name="section",
        ),
    )


def erasure() -> rx.Component:
    return rx.cond(
        S.can_steer,
        rx.el.section(
            rx.heading(t("Erase personal data"), as_="h2", size="4", id="erasure"),
            rx.text(t("UK GDPR right to erasure: the name, email, job title and interests are "
                      "removed for good and the account is closed. Anonymous attendance is kept, "
                      "so published totals do not change."), size="2", class_name="muted"),
            rx.cond(
                S.confirm_erase,
                rx.hstack(
                    rx.button(t("Yes, erase this person's data"), on_click=S.erase,
                              color_scheme="red"),
                    rx.button(t("Cancel"), on_click=S.ask_to_erase(False), variant="soft",
                              high_contrast=True),
                    spacing="2", wrap="wrap",
                ),
                rx.button(t("Erase personal data"), on_click=S.ask_to_erase(True),
                          variant="soft", color_scheme="red", high_contrast=True),
            ),
            aria_labelledby="erasure",
            class_name="section",
        ),
    )


@routed(routes.MEMBER_PROFILE, "Member profile", on_load=S.load)
def member_profile() -> rx.Component:
    return page(
        "Member profile",
        rx.link(t("Back to the members"), href=routes.MEMBERS, underline="always"),
        rx.cond(
            S.found,
            rx.box(
                rx.cond(
                    S.editing,
                    edit_form(),
                    rx.fragment(
                        details(),
                        rx.cond(S.can_edit,
                                rx.button(t("Edit profile"), on_click=S.start_editing,
                                          variant="soft", high_contrast=True, margin_top="1rem")),
                    ),
                ),
                leaving(),
                sign_in_link_section(),
                erasure(),
                margin_top="1rem",
            ),
            rx.text(S.problem, class_name="empty-state", margin_top="1rem"),
        ),
    )
