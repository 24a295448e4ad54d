"""The steering group's workspace at 10,000 actions, 2,000 decisions and 500 meetings: the
action list with filters (as the page asks for it), the agenda proposal for the next
meeting, the progress page, and the meeting pack as PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from html import escape

from sqlmodel import select

from bench.registry import benchmark, floor
from bench.sql import median, rows, same, scalar
from dashboard.domain.auth import Actor
from dashboard.domain.clock import london_today
from dashboard.domain.progress import progress, quarter_ends
from dashboard.domain.steering.actions import ActionQuery, search_actions
from dashboard.domain.steering.agenda import GAP, propose_agenda
from dashboard.domain.steering.documents import pack_html, to_pdf
from dashboard.domain.steering.meetings import next_meeting
from dashboard.domain.steering.minutes import meeting_pack
from dashboard.models import Role, SteeringMeeting
from dashboard.vocabulary import ACTION_STATUSES, AGENDA_OUTCOMES, RAG_RATINGS

STEERING = Actor(user_id=None, role=Role.STEERING, label="bench")


@benchmark("steering_action_list_filtered", target_ms=100)
def action_list(session, now):
    """Three views a steering member clicks through: overdue for one objective by RAG, the
    blocked ones by owner, and a later page of everything by due date."""
    today = london_today(now)
    return [search_actions(session, STEERING, query, today)
            for query in (ActionQuery(objective="cdps-4", overdue=True, sort="rag"),
                          ActionQuery(status="blocked", goal="prosperous", sort="owner"),
                          ActionQuery(page=40))]


@benchmark("steering_agenda_proposal", target_ms=50)
def agenda_proposal(session, now):
    meeting = next_meeting(session, london_today(now))
    return propose_agenda(session, STEERING, meeting.id)


@benchmark("steering_progress_page", target_ms=800)
def progress_page(session, now):
    return progress(session, STEERING, london_today(now))


@benchmark("steering_meeting_pack_pdf", target_ms=3000)
def meeting_pack_document(session, now):
    """The pack of the next meeting: its agenda, the 60 most pressing open actions, the last
    minutes, laid out as PDF by WeasyPrint (most of the time). As ``meeting_pack_pdf`` does
    it, with the pack kept to compare with the floor's."""
    today = london_today(now)
    meeting = next_meeting(session, today) or session.exec(
        select(SteeringMeeting).order_by(SteeringMeeting.held_on.desc())).first()
    pack = meeting_pack(session, STEERING, meeting.id, today)
    return pack, to_pdf(pack_html(pack))


# --- floors: the same answers from hand-written SQL ------------------------------------------

_OPEN = "('open', 'in_progress', 'blocked')"
_ACTION_COLUMNS = """a.id, a.title, coalesce(m.full_name, ''), a.due_on, a.status,
  coalesce(a.rag, '')"""
_ACTION_FROM = "FROM steeringaction a LEFT JOIN member m ON m.id = a.owner_member_id"


def _action_page(conn, where: str, order: str, page: int = 1, **params
                 ) -> tuple[int, list[tuple]]:
    """(the total, one page of 25 actions with their objectives' numbers)."""
    total = scalar(conn, f"SELECT count(*) FROM steeringaction a WHERE {where}", **params)
    page = min(max(1, page), max(1, -(-total // 25)))
    found = rows(conn, f"SELECT {_ACTION_COLUMNS} {_ACTION_FROM} WHERE {where} "
                       f"ORDER BY {order} LIMIT 25 OFFSET {(page - 1) * 25}", **params)
    numbers: dict[int, list[int]] = {}
    if found:
        for action_id, number in rows(conn, """
                SELECT l.action_id, o.number FROM actionobjectivelink l
                JOIN objective o ON o.id = l.objective_id
                WHERE l.action_id IN :ids ORDER BY o.number""", ids=[r[0] for r in found]):
            numbers.setdefault(action_id, []).append(number)
    return total, [(*r, tuple(numbers.get(r[0], ()))) for r in found]


def same_action_pages(pages, floor_pages) -> None:
    for n, (page, (total, floor_rows)) in enumerate(zip(pages, floor_pages, strict=True)):
        same(f"view {n + 1}: total", page.total, total)
        same(f"view {n + 1}: rows",
             [(r.id, r.title, r.owner, str(r.due_on), r.status, r.rag, r.objectives)
              for r in page.rows],
             [(r[0], r[1], r[2], str(r[3]), r[4], r[5], r[6]) for r in floor_rows])


@floor("steering_action_list_filtered", compare=same_action_pages)
def action_list_floor(conn, now):
    today = london_today(now)
    is_open = f"a.status IN {_OPEN}"
    rag = "CASE a.rag WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE 3 END"
    return [
        _action_page(conn, f"""{is_open} AND a.due_on < :today AND EXISTS (
                SELECT 1 FROM actionobjectivelink l JOIN objective o ON o.id = l.objective_id
                WHERE l.action_id = a.id AND o.code = 'cdps-4')""",
                     f"{is_open} DESC, {rag}, a.id", today=today),
        _action_page(conn, """a.status = 'blocked' AND EXISTS (
                SELECT 1 FROM actiongoallink l JOIN wellbeinggoal g ON g.id = l.goal_id
                WHERE l.action_id = a.id AND g.code = 'prosperous')""",
                     f"{is_open} DESC, lower(coalesce(m.full_name, '')), a.id"),
        _action_page(conn, "1 = 1", f"{is_open} DESC, a.due_on IS NULL, a.due_on, a.id",
                     page=40),
    ]


def _meetings(conn, today) -> tuple[tuple, tuple | None, tuple | None]:
    """The next meeting (id, held_on), the one after it and the one before it."""
    meeting = (rows(conn, "SELECT id, held_on FROM steeringmeeting WHERE held_on >= :today "
                          "ORDER BY held_on, id LIMIT 1", today=today)
               or rows(conn, "SELECT id, held_on FROM steeringmeeting "
                             "ORDER BY held_on DESC LIMIT 1"))[0]
    after = rows(conn, "SELECT id, held_on FROM steeringmeeting WHERE held_on > :on "
                       "ORDER BY held_on LIMIT 1", on=meeting[1])
    before = rows(conn, "SELECT id, held_on FROM steeringmeeting WHERE held_on < :on "
                        "ORDER BY held_on DESC LIMIT 1", on=meeting[1])
    return meeting, (after or [None])[0], (before or [None])[0]


def _day(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def same_proposal(proposal, floor_proposal) -> None:
    same("proposed items",
         [(p.source, p.title, p.action_id, p.decision_id, p.carried_from_id) for p in proposal],
         floor_proposal)


@floor("steering_agenda_proposal", compare=same_proposal)
def agenda_proposal_floor(conn, now):
    """Carried items, then overdue, blocked and due actions (each action once, 15 of each
    kind at most), then decisions due for review: one query each."""
    meeting, after, _ = _meetings(conn, london_today(now))
    on = _day(meeting[1])
    until = _day(after[1]) if after else on + GAP
    proposal = [("carried", title, action, decision, item) for item, title, action, decision
                in rows(conn, """
        SELECT i.id, i.title, i.action_id, i.decision_id FROM agendaitem i
        JOIN steeringmeeting s ON s.id = i.meeting_id
        WHERE i.outcome = 'carried' AND s.held_on < :on
          AND NOT EXISTS (SELECT 1 FROM agendaitem later WHERE later.carried_from_id = i.id)
        ORDER BY s.held_on, i.position LIMIT 15""", on=on)]
    taken = {p[2] for p in proposal if p[2]}
    open_action = (f"a.status IN {_OPEN} AND a.id NOT IN (SELECT action_id FROM agendaitem "
                   "WHERE meeting_id = :meeting AND action_id IS NOT NULL)")
    for source, where, params in (("overdue", "a.due_on < :on", {"on": on}),
                                  ("blocked", "a.status = 'blocked'", {}),
                                  ("due", "a.due_on >= :on AND a.due_on < :until",
                                   {"on": on, "until": until})):
        found = rows(conn, f"SELECT a.id, a.title FROM steeringaction a WHERE {open_action} "
                           f"AND {where} ORDER BY a.due_on, a.id LIMIT :limit",
                     meeting=meeting[0], limit=15 + len(taken), **params)
        fresh = [(i, title) for i, title in found if i not in taken][:15]
        taken |= {i for i, _ in fresh}
        proposal += [(source, title, i, None, None) for i, title in fresh]
    for decision, reference, text in rows(conn, """
            SELECT id, reference, text FROM decision
            WHERE status = 'active' AND review_on IS NOT NULL AND review_on < :until
              AND id NOT IN (SELECT decision_id FROM agendaitem
                             WHERE meeting_id = :meeting AND decision_id IS NOT NULL)
            ORDER BY review_on, id LIMIT 15""", until=until, meeting=meeting[0]):
        proposal.append(("review", f"Review {reference}: {text}"[:300], None, decision, None))
    return proposal


def same_progress(found, floor_answer) -> None:
    objectives, quarters, rounds, matrix = floor_answer
    same("objectives", [(o.code, o.done, o.open, o.overdue, o.blocked, o.decisions)
                        for o in found.objectives], objectives)
    same("quarters", [(str(q.ends_on), q.members, q.bodies, q.events, q.attendance)
                      for q in found.quarters], quarters)
    same("rounds", [(r.name, r.bodies_assessed, r.median_level) for r in found.rounds], rounds)
    same("matrix", ([g[0] for g in found.matrix.goals], [w[0] for w in found.matrix.ways],
                    found.matrix.counts, found.matrix.goal_totals, found.matrix.way_totals),
         matrix)


@floor("steering_progress_page", compare=same_progress)
def progress_page_floor(conn, now):
    """Each figure as one grouped query (the members and bodies of each quarter as two
    counts and one DISTINCT count, per quarter), medians in Python."""
    today = london_today(now)
    objectives = [tuple(r) for r in rows(conn, f"""
        SELECT o.code,
          count(CASE WHEN a.status = 'done' THEN 1 END),
          count(CASE WHEN a.status IN {_OPEN} THEN 1 END),
          count(CASE WHEN a.status IN {_OPEN} AND a.due_on < :today THEN 1 END),
          count(CASE WHEN a.status = 'blocked' THEN 1 END),
          (SELECT count(*) FROM decisionobjectivelink dl JOIN decision d ON d.id = dl.decision_id
           WHERE dl.objective_id = o.id AND d.status = 'active')
        FROM objective o LEFT JOIN actionobjectivelink l ON l.objective_id = o.id
        LEFT JOIN steeringaction a ON a.id = l.action_id
        GROUP BY o.id, o.code, o.number ORDER BY o.number""", today=today)]
    quarters = []
    for first, last in quarter_ends(today, 5):
        members = scalar(conn, """
            SELECT (SELECT count(*) FROM member WHERE status IN ('active', 'left', 'erased')
                    AND joined_on <= :last)
                 - (SELECT count(*) FROM member WHERE left_on <= :last)""", last=last)
        bodies = scalar(conn, """
            SELECT count(DISTINCT m.organisation_id) FROM member m
            JOIN organisation o ON o.id = m.organisation_id
            WHERE o.in_registry AND m.joined_on <= :last
              AND ((m.left_on IS NULL AND m.status IN ('active', 'left', 'erased'))
                   OR m.left_on > :last)""", last=last)
        held = ("e.starts_at >= :start AND e.starts_at < :end AND e.status <> 'cancelled'")
        span = {"start": datetime.combine(first, time(0), tzinfo=UTC),
                "end": datetime.combine(last + timedelta(days=1), time(0), tzinfo=UTC)}
        events = scalar(conn, f"SELECT count(*) FROM event e WHERE {held}", **span)
        attendance = scalar(conn, f"""SELECT count(*) FROM registration r
            JOIN event e ON e.id = r.event_id WHERE {held} AND r.attended""", **span)
        quarters.append((str(last), members, bodies, events, attendance))
    chosen = list(reversed(rows(conn, "SELECT id, name FROM assessmentround "
                                      "ORDER BY opens_on DESC LIMIT 6")))
    means: dict[int, list[float]] = {}
    if chosen:
        for round_id, mean in rows(conn, """
                SELECT a.round_id, avg(s.level) FROM assessmentscore s
                JOIN assessment a ON a.id = s.assessment_id
                WHERE a.round_id IN :rounds AND a.status = 'accepted' AND s.level IS NOT NULL
                GROUP BY a.round_id, a.id""", rounds=[r[0] for r in chosen]):
            means.setdefault(round_id, []).append(float(mean))
    rounds = []
    for round_id, name in chosen:
        values = means.get(round_id, [])
        rounds.append((name, len(values), round(median(values), 2) if values else None))
    live = "a.status <> 'cancelled'"
    goals = [r[0] for r in rows(conn, "SELECT code FROM wellbeinggoal ORDER BY position")]
    ways = [r[0] for r in rows(conn, "SELECT code FROM wayofworking ORDER BY position")]
    pairs = {(g, w): n for g, w, n in rows(conn, f"""
        SELECT g.code, w.code, count(*) FROM actiongoallink gl
        JOIN actionwaylink wl ON wl.action_id = gl.action_id
        JOIN steeringaction a ON a.id = gl.action_id
        JOIN wellbeinggoal g ON g.id = gl.goal_id JOIN wayofworking w ON w.id = wl.way_id
        WHERE {live} GROUP BY g.code, w.code""")}
    goal_totals = dict(rows(conn, f"""
        SELECT g.code, count(*) FROM actiongoallink gl
        JOIN steeringaction a ON a.id = gl.action_id JOIN wellbeinggoal g ON g.id = gl.goal_id
        WHERE {live} GROUP BY g.code"""))
    way_totals = dict(rows(conn, f"""
        SELECT w.code, count(*) FROM actionwaylink wl
        JOIN steeringaction a ON a.id = wl.action_id JOIN wayofworking w ON w.id = wl.way_id
        WHERE {live} GROUP BY w.code"""))
    return objectives, quarters, rounds, (goals, ways, pairs, goal_totals, way_totals)


# The floor's document: the pack's text (the agenda, the action log extract, the last
# minutes; every label and date in Welsh and English, Welsh first) as plain tables, one
# level deep, with a minimal style: no language spans, no page numbers.
_PLAIN_STYLE = """@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; }
table { width: 100%; border-collapse: collapse; }
td, th { vertical-align: top; text-align: left; padding: 1mm; border-bottom: 0.5px solid #ccc; }
"""


def _meeting_data(conn, meeting_id: int) -> dict:
    """One meeting as the pack shows it: details, attendance, items and their outputs."""
    meeting = rows(conn, "SELECT id, held_on, title, coalesce(title_cy, '') FROM "
                         "steeringmeeting WHERE id = :id", id=meeting_id)[0]
    items = rows(conn, """
        SELECT id, position, title, coalesce(title_cy, ''), minutes_allowed,
          coalesce(minutes, ''), coalesce(minutes_cy, ''), outcome
        FROM agendaitem WHERE meeting_id = :id ORDER BY position, id""", id=meeting_id)
    within = "agenda_item_id IN (SELECT id FROM agendaitem WHERE meeting_id = :id)"
    decisions = rows(conn, f"SELECT agenda_item_id, reference, text, coalesce(text_cy, '') "
                           f"FROM decision WHERE {within} ORDER BY id", id=meeting_id)
    actions = rows(conn, f"SELECT agenda_item_id, '#' || id, title, coalesce(title_cy, '') "
                         f"FROM steeringaction WHERE {within} ORDER BY id", id=meeting_id)
    people = rows(conn, """
        SELECT m.full_name, a.apologies FROM meetingattendance a
        JOIN member m ON m.id = a.member_id WHERE a.meeting_id = :id
        ORDER BY m.full_name""", id=meeting_id)
    outputs: dict[int, list] = {}
    for item_id, key, text, text_cy in [*decisions, *actions]:
        outputs.setdefault(item_id, []).append((key or "", text, text_cy))
    return {"meeting": meeting, "items": items, "outputs": outputs,
            "present": [n for n, apologies in people if not apologies],
            "apologies": [n for n, apologies in people if apologies]}


def _both(text: str, **params) -> str:
    """A label in Welsh / English, from the translation catalogue."""
    from dashboard.i18n import translate

    return escape(f"{translate(text, 'cy', **params)} / {translate(text, 'en', **params)}")


def _days(day) -> str:
    from dashboard.domain.clock import format_day

    return f"{format_day(_day(day), 'cy')}<br>{format_day(_day(day), 'en')}" if day else ""


def _two(english: str, welsh: str) -> str:
    cy = escape(welsh) if welsh else f"{escape(english)} ({_both('(English only)')})"
    return f"<tr><td>{cy}</td><td>{escape(english)}</td></tr>"


def _plain_minutes(data: dict) -> str:
    _, held_on, title, title_cy = data["meeting"]
    parts = [f"<h2>{_both('Minutes of the last meeting')}</h2><table>{_two(title, title_cy)}"
             f"</table><p>{_days(held_on)}</p>",
             f"<p>{_both('Present')}: {escape(', '.join(data['present']))}</p>",
             f"<p>{_both('Apologies')}: {escape(', '.join(data['apologies']))}</p>"]
    for item_id, position, title, title_cy, _, minutes, minutes_cy, outcome in data["items"]:
        rows_ = [_two(minutes, minutes_cy)] if minutes or minutes_cy else []
        rows_ += [f"<tr><td colspan=2><b>{escape(key)}</b></td></tr>" + _two(text, text_cy)
                  for key, text, text_cy in data["outputs"].get(item_id, [])]
        parts.append(f"<h3>{position}. {escape(title_cy or title)} / {escape(title)}</h3>"
                     f"<table>{''.join(rows_)}</table>"
                     f"<p>{_both(AGENDA_OUTCOMES.get(outcome, outcome))}</p>")
    return "".join(parts)


def same_pack(found, floor_answer) -> None:
    pack, pdf = found
    data, extract, last, floor_pdf = floor_answer
    same("agenda", [(i.id, i.title) for i in pack.meeting.items],
         [(i[0], i[2]) for i in data["items"]])
    same("action log extract", [(a.id, a.owner, str(a.due_on)) for a in pack.actions],
         [(a[0], a[3], str(a[4])) for a in extract])
    same("last meeting's items", [(i.id, i.minutes, [o.key for o in i.decisions + i.actions])
                                  for i in pack.last.items] if pack.last else None,
         [(i[0], i[5], [o[0] for o in last["outputs"].get(i[0], [])]) for i in last["items"]]
         if last else None)
    same("attendance", (pack.last.present, pack.last.apologies) if pack.last else None,
         (last["present"], last["apologies"]) if last else None)
    same("documents are PDF", (pdf[:5], floor_pdf[:5]), (b"%PDF-", b"%PDF-"))


@floor("steering_meeting_pack_pdf", compare=same_pack)
def meeting_pack_floor(conn, now):
    """The pack's data (the meeting and the last one: items, outputs, attendance; the 60
    open actions blocked or due before the next meeting) by hand-written SQL, written as
    plain HTML tables with the same text and laid out by WeasyPrint."""
    from weasyprint import HTML

    today = london_today(now)
    meeting, after, before = _meetings(conn, today)
    data = _meeting_data(conn, meeting[0])
    last = _meeting_data(conn, before[0]) if before else None
    until = _day(after[1]) if after else _day(meeting[1]) + GAP
    extract = rows(conn, f"""
        SELECT a.id, a.title, coalesce(a.title_cy, ''), coalesce(m.full_name, ''), a.due_on,
          a.status, coalesce(a.rag, '')
        {_ACTION_FROM} WHERE a.status IN {_OPEN} AND (a.due_on < :until OR a.status = 'blocked')
        ORDER BY a.due_on, a.id LIMIT 60""", until=until)
    _, held_on, title, title_cy = data["meeting"]
    agenda = "".join(f"<tr><td>{p}</td><td>{escape(cy or t)}</td><td>{escape(t)}</td>"
                     f"<td>{minutes}′</td></tr>"
                     for _, p, t, cy, minutes, *_ in data["items"])
    total = sum(item[4] for item in data["items"])
    actions = "".join(
        f"<tr><td>#{i}</td><td>{escape(cy or t)}</td><td>{escape(t)}</td>"
        f"<td>{escape(owner)}</td><td>{_days(due)}</td><td>{_both(ACTION_STATUSES[status])}"
        f"{' · ' + _both('Overdue') if due and _day(due) < today else ''}<br>"
        f"{_both(RAG_RATINGS[rag]) if rag in RAG_RATINGS else ''}</td></tr>"
        for i, t, cy, owner, due, status, rag in extract)
    head = "".join(f"<th>{_both(h)}</th>" for h in ("Owner", "Due", "Status"))
    body = (f"<h1>{_both('Meeting pack')}</h1><table>{_two(title, title_cy)}</table>"
            f"<p>{_days(held_on)}</p><h2>{_both('Agenda')}</h2><table><tr><th>#</th>"
            f"<th>Cymraeg</th><th>English</th><th>{_both('Time')}</th></tr>{agenda}</table>"
            f"<p>{_both('{minutes} minutes in all', minutes=total)}</p>"
            f"<h2>{_both('Action log extract')}</h2><table><tr><th>#</th><th>Cymraeg</th>"
            f"<th>English</th>{head}</tr>{actions}</table>")
    if last is not None:
        body += _plain_minutes(last)
    html = (f'<!doctype html><html><head><meta charset="utf-8"><style>{_PLAIN_STYLE}</style>'
            f"</head><body>{body}</body></html>")
    return data, extract, last, HTML(string=html).write_pdf()
