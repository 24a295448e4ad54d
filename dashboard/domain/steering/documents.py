"""The meeting pack and the minutes as bilingual PDF documents, made by WeasyPrint.

Welsh and English side by side, Welsh first (on the left), as the Welsh Language Standards
expect of documents published in both languages: every heading, label and passage of text
has its Welsh beside its English. Text from the data without a Welsh version shows the
English in both columns, marked "(English only)" in the Welsh one, so nothing is hidden.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from html import escape

from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.domain.clock import format_day
from dashboard.domain.importing import N_
from dashboard.domain.steering.minutes import MeetingPack, MeetingView, meeting_pack, meeting_view
from dashboard.i18n import translate
from dashboard.vocabulary import ACTION_STATUSES, AGENDA_OUTCOMES, RAG_RATINGS

STYLE = """
@page { size: A4; margin: 16mm 14mm; @bottom-center { content: counter(page) " / "
  counter(pages); font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt;
  color: #111; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm;
  border-bottom: 1px solid #999; } h3 { font-size: 10pt; margin: 3mm 0 1mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
td, th { vertical-align: top; padding: 1.2mm 1.5mm; border-bottom: 0.5px solid #ccc;
  text-align: left; }
th { background: #eee; font-weight: bold; }
.pair td { width: 50%; } .cy { border-right: 1px solid #999; }
.muted { color: #555; font-size: 8.5pt; } .minutes { white-space: pre-wrap; }
tr { page-break-inside: avoid; }
"""
ENGLISH_ONLY = N_("(English only)")
# Labels used inside the HTML below (kept out of f-strings, where extraction cannot see).
AGENDA, TIME, IN_ALL = N_("Agenda"), N_("Time"), N_("{minutes} minutes in all")
DECISION, ACTION, EXTRACT = N_("Decision"), N_("Action"), N_("Action log extract")


@lru_cache(maxsize=512)
def _label(msgid: str, lang: str) -> str:
    return escape(translate(msgid, lang))


def _t(msgid: str, lang: str, **params) -> str:
    """A label in ``lang`` (the same few labels repeat on every row: looked up once)."""
    return escape(translate(msgid, lang, **params)) if params else _label(msgid, lang)


def _both(msgid: str, tag: str = "span", **params) -> str:
    """A label in Welsh then English: "Agenda / Agenda"."""
    welsh, english = _t(msgid, "cy", **params), _t(msgid, "en", **params)
    if welsh == english:
        return f'<{tag}>{english}</{tag}>'
    return f'<{tag}><span lang="cy">{welsh}</span> / <span lang="en">{english}</span></{tag}>'


def _pair(english: str, welsh: str, css: str = "") -> str:
    """One passage of text from the data: Welsh on the left, English on the right."""
    english = escape(english or "")
    if (welsh or "").strip():
        cy = f'<td class="cy {css}" lang="cy">{escape(welsh)}</td>'
    elif english:
        cy = (f'<td class="cy {css}" lang="en">{english} '
              f'<span class="muted" lang="cy">{_t(ENGLISH_ONLY, "cy")}</span></td>')
    else:
        cy = '<td class="cy"></td>'
    return f'<table class="pair"><tr>{cy}<td class="{css}" lang="en">{english}</td></tr></table>'


def _heading(view: MeetingView, document: str) -> str:
    details = [f'{escape(format_day(view.held_on, "cy"))} / '
               f'{escape(format_day(view.held_on, "en"))}']
    if view.place:
        details.append(f'{_t("Place", "cy")} / {_t("Place", "en")}: {escape(view.place)}')
    if view.online_url:
        details.append(escape(view.online_url))
    return (f'{_both(document, "h1")}{_pair(view.title, view.title_cy)}'
            f'<p class="muted">{"<br>".join(details)}</p>')


def _attendance(view: MeetingView) -> str:
    parts = []
    for msgid, names in ((N_("Present"), view.present), (N_("Apologies"), view.apologies)):
        if names:
            parts.append(f'<p>{_both(msgid)}: {escape(", ".join(names))}</p>')
    return "".join(parts)


def _agenda(view: MeetingView) -> str:
    rows = "".join(
        f'<tr><td>{i.position}</td><td class="cy" lang="cy">{escape(i.title_cy or i.title)}</td>'
        f'<td lang="en">{escape(i.title)}</td><td>{i.minutes_allowed}′</td></tr>'
        for i in view.items)
    total = sum(i.minutes_allowed for i in view.items)
    return (f'{_both(AGENDA, "h2")}<table><tr><th>#</th><th lang="cy">Cymraeg</th>'
            f'<th lang="en">English</th><th>{_both(TIME)}</th></tr>{rows}</table>'
            f'<p class="muted">{_both(IN_ALL, minutes=total)}</p>')


def _minutes(view: MeetingView, heading: str, which: bool = False) -> str:
    parts = [_both(heading, "h2")]
    if which:  # the last meeting's minutes, in a pack: say which meeting they are of
        parts.append(_pair(view.title, view.title_cy) + f'<p class="muted">'
                     f'{escape(format_day(view.held_on, "cy"))} / '
                     f'{escape(format_day(view.held_on, "en"))}</p>')
    parts.append(_attendance(view))
    for i in view.items:
        parts.append(f'<h3>{i.position}. <span lang="cy">{escape(i.title_cy or i.title)}</span>'
                     f' / <span lang="en">{escape(i.title)}</span></h3>')
        if i.minutes or i.minutes_cy:
            parts.append(_pair(i.minutes, i.minutes_cy, "minutes"))
        for d in i.decisions:
            parts.append(f'<p><strong>{_both(DECISION)} {escape(d.key)}</strong></p>'
                         + _pair(d.text, d.text_cy))
        for a in i.actions:
            parts.append(f'<p><strong>{_both(ACTION)} {escape(a.key)}</strong></p>'
                         + _pair(a.text, a.text_cy))
        parts.append(f'<p class="muted">{_both(AGENDA_OUTCOMES.get(i.outcome, i.outcome))}</p>')
    return "".join(parts)


def _extract(pack: MeetingPack) -> str:
    rows = []
    for a in pack.actions:
        status = _both(ACTION_STATUSES.get(a.status, a.status))
        if a.overdue:
            status += " · " + _both(N_("Overdue"))
        rag = _both(RAG_RATINGS[a.rag]) if a.rag in RAG_RATINGS else ""
        rows.append(f'<tr><td>#{a.id}</td><td class="cy" lang="cy">{escape(a.title_cy or a.title)}'
                    f'</td><td lang="en">{escape(a.title)}</td><td>{escape(a.owner)}</td>'
                    f'<td>{escape(format_day(a.due_on, "cy"))}<br>'
                    f'{escape(format_day(a.due_on, "en"))}</td><td>{status}<br>{rag}</td></tr>')
    head = "".join(f"<th>{_both(h)}</th>" for h in (N_("Owner"), N_("Due"), N_("Status")))
    return (f'{_both(EXTRACT, "h2")}<table><tr><th>#</th>'
            f'<th lang="cy">Cymraeg</th><th lang="en">English</th>{head}</tr>'
            f'{"".join(rows)}</table>')


def _document(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="cy"><head><meta charset="utf-8">'
            f'<title>{title}</title><style>{STYLE}</style></head><body>{body}</body></html>')


def pack_html(pack: MeetingPack) -> str:
    body = _heading(pack.meeting, N_("Meeting pack")) + _agenda(pack.meeting) + _extract(pack)
    if pack.last is not None:
        body += _minutes(pack.last, N_("Minutes of the last meeting"), which=True)
    title = f'{_t("Meeting pack", "cy")} / {_t("Meeting pack", "en")}'
    return _document(title, body)


def minutes_html(view: MeetingView) -> str:
    body = _heading(view, N_("Minutes")) + _minutes(view, N_("Minutes"))
    return _document(f'{_t("Minutes", "cy")} / {_t("Minutes", "en")}', body)


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported when used: it loads Pango

    return HTML(string=html).write_pdf()


def meeting_pack_pdf(session: Session, actor: Actor, meeting_id: int, today: date) -> bytes:
    """The meeting pack (steering group only): agenda, action log extract, last minutes."""
    return to_pdf(pack_html(meeting_pack(session, actor, meeting_id, today)))


def minutes_pdf(session: Session, actor: Actor, meeting_id: int) -> bytes:
    """The minutes: for anyone once published, for the steering group always."""
    return to_pdf(minutes_html(meeting_view(session, actor, meeting_id)))
