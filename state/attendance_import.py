"""Attendance import on the event page (steering group): upload a CSV or Excel export, map
its columns, preview the rejected rows, then import them all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard.domain.clock import utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.events.attendance_import import import_attendance, preview
from dashboard.models import Role
from state.base import AppState
from state.event import EventState
from state.rows import Bilingual

SHOWN_REJECTED = 20  # the preview lists the first rejected rows, and counts them all


@dataclass(frozen=True)
class RejectedRow:
    row: int  # the row number in the file, the header being row 1
    reason: Bilingual


class AttendanceImportState(AppState):
    # The event whose attendance is imported: the one in the page's address.
    event_id: int = 0
    # The file being imported (kept on the server only) and its preview.
    _att_data: bytes = b""
    att_file: str = ""
    att_columns: list[str] = []
    att_email_col: str = ""
    att_attended_col: str = ""
    att_mapped: bool = False
    att_accepted: int = 0
    att_rejected: list[RejectedRow] = []
    att_rejected_total: int = 0

    @rx.event
    def load(self):
        raw = self._url_part()
        self.event_id = int(raw) if raw.isdigit() else 0

    def _preview(self):
        self.att_rejected, self.att_accepted = [], 0
        try:
            checked = preview(self._att_data, self.att_file, self.att_email_col or None,
                              self.att_attended_col if self.att_mapped else None)
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return
        self.att_columns = checked.columns
        self.att_email_col = checked.email_column or ""
        self.att_attended_col = checked.attended_column or ""
        self.att_mapped = True
        self.att_accepted = checked.accepted
        self.att_rejected = [RejectedRow(row=n, reason=Bilingual(**self._in_both(msgid, **params)))
                             for n, msgid, params in checked.rejected[:SHOWN_REJECTED]]
        self.att_rejected_total = len(checked.rejected)

    @rx.event
    async def upload_attendance(self, files: list[rx.UploadFile]):
        if not self._has_role(Role.STEERING):
            self._say("You do not have permission to do that.", error=True)
            return
        if not files:
            self._say("Choose a CSV or Excel file.", error=True)
            return
        self._att_data = await files[0].read()
        self.att_file = files[0].name or "attendance.csv"
        self.att_email_col = self.att_attended_col = ""
        self.att_mapped = False
        self._preview()

    @rx.event
    def set_att_email(self, column: str):
        self.att_email_col = column
        self._preview()

    @rx.event
    def set_att_attended(self, column: str):
        self.att_attended_col = "" if column == "none" else column
        self._preview()

    @rx.event
    def import_attendance(self):
        result = self._change(lambda s, actor: import_attendance(
            s, actor, self.event_id, self._att_data, self.att_file, utc_now(),
            email_column=self.att_email_col or None,
            attended_column=self.att_attended_col or None))
        if result is None:
            return None
        self._say("Attendance imported: {added} added, {updated} updated, {unchanged} "
                  "unchanged; {members} members and {anonymous} others.",
                  added=result.added, updated=result.updated, unchanged=result.unchanged,
                  members=result.members, anonymous=result.anonymous)
        self._att_data, self.att_file, self.att_columns = b"", "", []
        self.att_mapped = False
        return EventState.refresh  # the attendance figures change
