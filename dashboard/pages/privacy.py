"""The privacy notice (UK GDPR Articles 13 and 14): what is held, why, for how long, who
sees it, and how to ask for a copy or for erasure."""

from __future__ import annotations

import reflex as rx

from components.account_links import contact, statement_section
from components.i18n import t
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.privacy import PrivacyState as S


def para(text: rx.Var | str) -> rx.Component:
    return rx.text(text, margin_bottom="0.75rem")


@routed(routes.PRIVACY, "Privacy notice", on_load=S.load)
def privacy() -> rx.Component:
    return page(
        "Privacy notice",
        statement_section(
            "Who we are", "who",
            "Cymuned is run by the steering group of the Welsh public sector's automation and "
            "AI community of practice. The public body that hosts this installation for the "
            "steering group is the controller of the personal data in it.",
        ),
        statement_section(
            "What we hold", "what",
            items=(
                "About members and people asking to join: name, work email address, "
                "organisation, job title, interests, preferred language, when you agreed to "
                "us holding your details, when you joined or left, and your community role.",
                "About accounts: your email address, name and role, a one-way hash of your "
                "password (never the password itself), when you last signed in, and hashes "
                "of the codes in your sign-in sessions and in links to set a password.",
                "About events: who registered, and who attended (matched to members by email; "
                "other attendees are kept only as a code made from their email, not the email "
                "itself).",
                "About public bodies: their maturity self-assessments, with who filled them in.",
                "A record of every change made through the website: who made it, when, and "
                "what changed.",
            ),
        ),
        statement_section(
            "Why we hold it", "why",
            "We hold your membership details because you agreed to it on the join form (UK "
            "GDPR Article 6(1)(a), consent): to run the community, let you register for "
            "events, and contact you about it. You can withdraw your consent at any time.",
            "We keep the record of changes, and the hashes that keep accounts safe, to run a "
            "secure and accountable public service (Article 6(1)(e), a task in the public "
            "interest).",
        ),
        statement_section(
            "How long we keep it", "how-long",
            para(t("The steering group reviews members with no activity for more than {days} "
                   "days: they are asked whether they want to stay, and the details of those "
                   "who do not are erased.", days=S.retention_days)),
            para(t("An invitation link works for {days} days and a link to reset a password "
                   "for {hours} hours, once. A sign-in ends after {idle} minutes without a "
                   "page opened, and at most {session} hours after it began.",
                   days=S.invitation_days, hours=S.reset_hours, idle=S.session_idle_minutes,
                   session=S.session_hours)),
            "When your details are erased, they are blanked everywhere, the record of changes "
            "included. Anonymous totals (how many attended an event) stay, so published figures "
            "do not change.",
        ),
        statement_section(
            "Who can see it", "who-sees",
            items=(
                "Visitors see no personal data: only totals, and the names of bodies.",
                "Signed-in members see other members' names, organisations, job titles and "
                "community roles.",
                "Only the steering group and administrators see email addresses, requests to "
                "join and the record of changes.",
                "Published figures never name a person, and a body's maturity levels are "
                "shown only where it agreed to be named.",
                "We do not sell your data or share it outside the community.",
            ),
        ),
        statement_section(
            "Your rights", "rights",
            "You can ask for a copy of the data we hold about you, ask us to correct it (you "
            "can also edit your own profile), ask us to erase it, or object to how we use it. "
            "To do any of these, contact us:",
            contact(S),
        ),
        statement_section(
            "Complaints", "complaints",
            "If you are unhappy with how we have used your data, you can complain to the "
            "Information Commissioner's Office (ICO), the UK's independent regulator for data "
            "protection.",
            rx.text(rx.link(t("Information Commissioner's Office"),
                            href="https://ico.org.uk/make-a-complaint/", underline="always",
                            is_external=True),
                    " · ", t("Helpline: 0303 123 1113"), margin_bottom="0.75rem"),
        ),
    )
