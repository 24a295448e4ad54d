"""The accessibility statement (Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018; the GOV.UK model statement's headings)."""

from __future__ import annotations

import reflex as rx

from components.account_links import contact, statement_section
from components.i18n import bilingual, t
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.accessibility import AccessibilityState as S


def external(text: str, href: str) -> rx.Component:
    return rx.text(rx.link(t(text), href=href, underline="always", is_external=True),
                   margin_bottom="0.75rem")


@routed(routes.ACCESSIBILITY, "Accessibility statement", on_load=S.load)
def accessibility() -> rx.Component:
    return page(
        "Accessibility statement",
        statement_section(
            "Using this website", "using",
            "This accessibility statement applies to Cymuned, the dashboard of the Welsh "
            "public sector's automation and AI community of practice. It is run by the "
            "community's steering group. We want as many people as possible to be able to use "
            "it. For example, that means you should be able to:",
            items=(
                "use every page in English or in Welsh, and switch at any time",
                "zoom in up to 400% without the text spilling off the screen",
                "use every page with a keyboard alone, and skip to the main content",
                "use the website with a screen reader",
                "choose a light or a dark colour scheme",
                "read every chart's figures in a table beside it",
            ),
        ),
        statement_section(
            "How accessible this website is", "how-accessible",
            "We know some parts of this website are not fully accessible:",
            items=(
                "the charts themselves (bars, radar, heat map and map of Wales) give a screen "
                "reader little more than their title; the table beside each chart has the same "
                "figures",
                "when a form has a mistake, the message is shown above the form and names the "
                "field, but the field itself is not marked as invalid for assistive technology",
                "the website has not yet had a full audit by people, or testing with disabled "
                "users; automated checks find only some kinds of problem",
            ),
        ),
        statement_section(
            "Feedback and contact information", "contact",
            "If you need information on this website in a different format, or you find a "
            "problem not listed on this page, tell us. We will reply within 10 working days.",
            contact(S),
        ),
        statement_section(
            "Enforcement procedure", "enforcement",
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the 'accessibility regulations') in Wales, England and "
            "Scotland; in Northern Ireland, the Equality Commission for Northern Ireland "
            "(ECNI) is. If you are not happy with how we respond to your complaint, contact "
            "the Equality Advisory and Support Service (EASS).",
            external("Equality Advisory and Support Service",
                     "https://www.equalityadvisoryservice.com/"),
        ),
        statement_section(
            "Technical information about this website's accessibility", "technical",
            "We are committed to making this website accessible, in accordance with the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018.",
            rx.text(rx.el.strong(t("Compliance status.")), " ",
                    t("This website is partially compliant with the Web Content Accessibility "
                      "Guidelines (WCAG) version 2.2 AA standard, due to the non-compliances "
                      "listed below."), margin_bottom="0.75rem"),
            items=(
                "Charts: the graphics are not described in detail to screen readers (WCAG 2.2 "
                "success criterion 1.1.1, non-text content). Their figures are in a table "
                "beside each chart.",
                "Form errors: the field with a mistake is not marked as invalid (success "
                "criteria 3.3.1, error identification, and 4.1.2, name, role, value).",
            ),
        ),
        statement_section(
            "What we are doing to improve accessibility", "improving",
            "Every page is checked automatically against WCAG 2.2 AA (with axe-core), in "
            "English and in Welsh, on phone and desktop widths, each time the website changes. "
            "We plan to fix the issues above and to have the website audited by people.",
        ),
        statement_section(
            "Preparation of this accessibility statement", "preparation",
            rx.text(t("This statement was prepared on {prepared}. It was last reviewed on "
                      "{reviewed}, when the website was last tested with the automated checks "
                      "described above.", prepared=bilingual(S.prepared),
                      reviewed=bilingual(S.reviewed)), margin_bottom="0.75rem"),
        ),
    )
