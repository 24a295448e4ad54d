"""Export the directory's current filtered list as CSV or XLSX.

Every signed-in member may export what the directory shows them; personal fields (email,
interests) only go into the file for the steering group and admins.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import InvalidInput
from dashboard.domain.membership.bodies import BodyQuery, all_bodies_with_members
from dashboard.domain.membership.directory import DirectoryQuery, _directory_where
from dashboard.domain.membership.engagement import engagement_rule, level_expression
from dashboard.models import Member, Organisation, Role

FORMATS = ("csv", "xlsx")
PUBLIC_COLUMNS = ("Name", "Organisation", "Organisation (Welsh)", "Type of body", "Region",
                  "Job title", "Community role", "Engagement", "Preferred language", "Joined")
PERSONAL_COLUMNS = ("Email", "Interests")


def export_rows(session: Session, actor: Actor, query: DirectoryQuery,
                now: datetime) -> tuple[list[str], list[list[str]]]:
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    rule = engagement_rule(session)
    where = _directory_where(session, query, steering, rule, now)
    columns = [
        Member.full_name,
        func.coalesce(Organisation.name_en, Member.organisation_other, ""),
        func.coalesce(Organisation.name_cy, Member.organisation_other, ""),
        func.coalesce(Organisation.body_type, ""), func.coalesce(Organisation.region, ""),
        func.coalesce(Member.job_title, ""), Member.community_role,
        level_expression(rule, now, bulk=True),
        Member.language, Member.joined_on,
    ]
    if steering:
        columns += [func.coalesce(Member.email, ""), func.coalesce(Member.interests, "")]
    sort = {"name": Member.full_name, "organisation": columns[1], "job": columns[5],
            "role": Member.community_role, "joined": Member.joined_on}[query.sort]
    rows = session.exec(
        select(*columns)
        .outerjoin(Organisation, Organisation.id == Member.organisation_id)
        .where(*where)
        .order_by(sort.desc() if query.descending else sort, Member.id)
    ).all()
    header = list(PUBLIC_COLUMNS) + (list(PERSONAL_COLUMNS) if steering else [])
    body = [["" if v is None else (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else str(v))
             for v in row] for row in rows]
    return header, body


def export_members(session: Session, actor: Actor, query: DirectoryQuery, now: datetime,
                   fmt: str) -> bytes:
    """The file's bytes; the export itself is audited (who took which list, how many rows)."""
    if fmt not in FORMATS:
        raise InvalidInput("Choose CSV or XLSX.")
    header, body = export_rows(session, actor, query, now)
    audit.record(session, actor, "export_members", "member", None, None,
                 {"format": fmt, "rows": len(body), "filters": query.to_params(),
                  "personal_fields": has_role(actor, Role.STEERING)})
    return table_file(header, body, fmt, "Members")


def table_file(header: list[str], body: list[list[str]], fmt: str, sheet_name: str) -> bytes:
    """One table as the bytes of a CSV file (with a BOM, so Excel reads ŵ and ŷ) or XLSX."""
    if fmt not in FORMATS:
        raise InvalidInput("Choose CSV or XLSX.")
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


BODY_COLUMNS = ("Body", "Body (Welsh)", "Type of body", "Region", "Members")


def export_bodies(session: Session, query: BodyQuery, fmt: str,
                  type_names: Mapping[str, str], region_names: Mapping[str, str]) -> bytes:
    """The public bodies list as filtered (the outreach list with ``query.outreach``), for
    anyone: it holds no personal data, only bodies and how many members each has."""
    rows = all_bodies_with_members(session, query)
    body = [[b.name_en, b.name_cy, type_names.get(b.body_type, b.body_type),
             region_names.get(b.region, b.region), str(b.members)] for b in rows]
    return table_file(list(BODY_COLUMNS), body, fmt, "Bodies")
