"""Export the directory's current filtered list as CSV or XLSX.

Every signed-in member may export what the directory shows them; personal fields (email,
interests) only go into the file for the steering group and admins. A file is written in one
language, English or Welsh: its headings and the names of stored codes (type of body,
region, community role, engagement level, preferred language), as the pages show them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import InvalidInput
from dashboard.domain.exporting import safe_row
from dashboard.domain.importing import N_
from dashboard.domain.membership.bodies import BodyQuery, all_bodies_with_members
from dashboard.domain.membership.directory import DirectoryQuery, _directory_where
from dashboard.domain.membership.engagement import engagement_rule, level_expression
from dashboard.i18n import normalise_language, translate
from dashboard.models import Member, Organisation, Role
from dashboard.vocabulary import (
    BODY_TYPES,
    COMMUNITY_ROLES,
    ENGAGEMENT_LEVELS,
    LANGUAGE_NAMES,
    REGIONS,
)

FORMATS = ("csv", "xlsx")
PUBLIC_COLUMNS = (N_("Name"), N_("Organisation"), N_("Organisation (Welsh)"),
                  N_("Type of body"), N_("Region"), N_("Job title"), N_("Community role"),
                  N_("Engagement"), N_("Preferred language"), N_("Joined"))
PERSONAL_COLUMNS = (N_("Email"), N_("Interests"))


def display_name(code: str, names: Mapping[str, str], lang: str) -> str:
    """A stored code as people read it, in ``lang``; a code with no name stays as it is."""
    return translate(names[code], lang) if code in names else code


def in_language(msgids: Iterable[str], lang: str) -> list[str]:
    return [translate(msgid, lang) for msgid in msgids]


def export_rows(session: Session, actor: Actor, query: DirectoryQuery, now: datetime,
                lang: str = "en") -> tuple[list[str], list[list[str]]]:
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    rule = engagement_rule(session)
    where = _directory_where(session, query, steering, rule, now)
    # Each column, and the display names of the codes it holds (None: shown as stored).
    named: list[tuple[object, Mapping[str, str] | None]] = [
        (Member.full_name, None),
        (func.coalesce(Organisation.name_en, Member.organisation_other, ""), None),
        (func.coalesce(Organisation.name_cy, Member.organisation_other, ""), None),
        (func.coalesce(Organisation.body_type, ""), BODY_TYPES),
        (func.coalesce(Organisation.region, ""), REGIONS),
        (func.coalesce(Member.job_title, ""), None),
        (Member.community_role, COMMUNITY_ROLES),
        (level_expression(rule, now, bulk=True), ENGAGEMENT_LEVELS),
        (Member.language, LANGUAGE_NAMES),
        (Member.joined_on, None),
    ]
    if steering:
        named += [(func.coalesce(Member.email, ""), None),
                  (func.coalesce(Member.interests, ""), None)]
    columns = [column for column, _ in named]
    sort = {"name": Member.full_name, "organisation": columns[1], "job": columns[5],
            "role": Member.community_role, "joined": Member.joined_on}[query.sort]
    rows = session.exec(
        select(*columns)
        .outerjoin(Organisation, Organisation.id == Member.organisation_id)
        .where(*where)
        .order_by(sort.desc() if query.descending else sort, Member.id)
    ).all()
    lang = normalise_language(lang)
    header = in_language(PUBLIC_COLUMNS + (PERSONAL_COLUMNS if steering else ()), lang)
    body = [[_cell(value, names, lang) for value, (_, names) in zip(row, named)]
            for row in rows]
    return header, body


def _cell(value: object, names: Mapping[str, str] | None, lang: str) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return display_name(str(value), names, lang) if names else str(value)


def export_members(session: Session, actor: Actor, query: DirectoryQuery, now: datetime,
                   fmt: str, lang: str = "en") -> bytes:
    """The file's bytes, in ``lang``; the export itself is audited (who took which list,
    how many rows)."""
    if fmt not in FORMATS:
        raise InvalidInput("Choose CSV or XLSX.")
    header, body = export_rows(session, actor, query, now, lang)
    audit.record(session, actor, "export_members", "member", None, None,
                 {"format": fmt, "rows": len(body), "filters": query.to_params(),
                  "personal_fields": has_role(actor, Role.STEERING)})
    return table_file(header, body, fmt, translate("Members", normalise_language(lang)))


def table_file(header: list[str], body: list[list[object]], fmt: str,
               sheet_name: str) -> bytes:
    """One table as the bytes of a CSV file (with a BOM, so Excel reads ŵ and ŷ) or XLSX;
    no cell can be a formula (``exporting.spreadsheet_safe``)."""
    if fmt not in FORMATS:
        raise InvalidInput("Choose CSV or XLSX.")
    header, body = safe_row(header), [safe_row(row) for row in body]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(body)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    sheet.append(header)
    for row in body:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BODY_COLUMNS = (N_("Body"), N_("Body (Welsh)"), N_("Type of body"), N_("Region"),
                N_("Members"))


def export_bodies(session: Session, query: BodyQuery, fmt: str, lang: str = "en") -> bytes:
    """The public bodies list as filtered (the outreach list with ``query.outreach``), for
    anyone, in ``lang``: it holds no personal data, only bodies and how many members each
    has."""
    lang = normalise_language(lang)
    rows = all_bodies_with_members(session, query)
    body = [[b.name_en, b.name_cy, display_name(b.body_type, BODY_TYPES, lang),
             display_name(b.region, REGIONS, lang), str(b.members)] for b in rows]
    return table_file(in_language(BODY_COLUMNS, lang), body, fmt, translate("Bodies", lang))
