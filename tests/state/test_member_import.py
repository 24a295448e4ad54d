"""The member import through the import wizard: the role is checked before the file is read,
the import is all or nothing, rejected rows are paged on the server, and every message is
kept in English and Welsh."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.i18n import translate
from dashboard.models import AuditEntry, Member, Organisation, Role
from state.body_picker import BodyChoice
from state.import_wizard import REJECTED_PAGE, RejectedRow
from state.member_import import MemberImportState, MergedItem
from state.rows import Bilingual
from tests.state.helpers import run_async, uploaded

HEADINGS = "Enw,E-bost,Sefydliad,Cytuno,Dyddiad ymuno\r\n"
GOOD = HEADINGS + "Siân Ŵyn,sian@example.org,Cyngor Gwynedd,Ydw,03/02/2025\r\n"
BAD_ROW = "Bad Row,not-an-email,Gwynedd Council,no,\r\n"


class Upload:
    """An uploaded file that remembers whether it was read."""

    def __init__(self, data: bytes, name: str = "members.csv", size: int | None = None):
        self.data, self.name, self.size, self.was_read = data, name, size, False

    async def read(self) -> bytes:
        self.was_read = True
        return self.data


@pytest.fixture
def body(db) -> int:
    with Session(db) as session:
        org = Organisation(slug="gwynedd", name_en="Gwynedd Council", name_cy="Cyngor Gwynedd",
                           body_type="local_authority", region="north")
        session.add(org)
        session.commit()
        return org.id


def snapshot(db):
    with Session(db) as session:
        members = [(m.email, m.full_name) for m in session.exec(select(Member))]
        return members, len(session.exec(select(AuditEntry)).all())


def wizard(make_state, token: str, lang: str = "en") -> MemberImportState:
    state = make_state(MemberImportState, token=token, lang=lang)
    state.load()
    return state


def upload(state: MemberImportState, text: str) -> Upload:
    file = Upload(text.encode("utf-8"))
    uploaded(state, [file])
    return file


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_the_role_is_checked_before_the_file_is_read(db, make_state, sign_in_as, body, role):
    state = wizard(make_state, sign_in_as(role) if role else "")
    file = upload(state, GOOD)
    assert not file.was_read
    assert state.notice == "You do not have permission to do that." and state.notice_is_error
    assert (state.step, state.headers, state._table) == ("upload", [], None)


def test_a_member_cannot_check_or_commit_a_table_put_in_their_state(db, make_state, sign_in_as,
                                                                     body):
    steering = wizard(make_state, sign_in_as(Role.STEERING))
    upload(steering, GOOD)
    member = wizard(make_state, sign_in_as(Role.MEMBER))
    member._table, member.mapping = steering._table, dict(steering.mapping)
    member.role = Role.ADMIN.value  # as if the browser claimed to be an admin
    before = snapshot(db)
    run_async(member.check())
    assert member.notice_is_error and member.step == "upload"
    member.commit()
    assert member.notice_is_error and snapshot(db) == before


def test_an_upload_over_the_size_cap_is_refused_unread(db, make_state, sign_in_as, body,
                                                       monkeypatch):
    state = wizard(make_state, sign_in_as(Role.STEERING))
    file = Upload(GOOD.encode(), size=6 * 1024 * 1024)
    uploaded(state, [file])
    assert not file.was_read and state.notice_is_error
    assert state.notice == "The file is larger than 5 MB."
    state.lang = "cy"
    assert state.notice == "Mae'r ffeil yn fwy na 5 MB."
    # The cap is a setting.
    monkeypatch.setenv("CYMUNED_UPLOAD_MAX_MB", "7")
    uploaded(state, [file])
    assert file.was_read and state.step == "map"
    monkeypatch.setenv("CYMUNED_UPLOAD_MAX_MB", "2")
    uploaded(state, [Upload(GOOD.encode(), size=3 * 1024 * 1024)])
    assert state.notice_is_error and state.notice == "Mae'r ffeil yn fwy na 2 MB."


def test_no_file_and_an_unreadable_file_are_explained(db, make_state, sign_in_as, body):
    state = wizard(make_state, sign_in_as(Role.STEERING))
    uploaded(state, [])
    assert state.notice == "Choose a CSV or Excel file to import."
    uploaded(state, [Upload(b"not a workbook", "members.xlsx")])
    assert state.notice == "The file could not be read as an Excel workbook (.xlsx)."
    assert state.step == "upload"


def test_the_columns_are_mapped_from_the_welsh_headings_and_can_be_changed(
        db, make_state, sign_in_as, body):
    state = wizard(make_state, sign_in_as(Role.STEERING))
    upload(state, GOOD)
    assert (state.step, state.filename) == ("map", "members.csv")
    assert state.headers == ["Enw", "E-bost", "Sefydliad", "Cytuno", "Dyddiad ymuno"]
    assert state.mapping == {"full_name": "Enw", "email": "E-bost", "organisation": "Sefydliad",
                             "job_title": "", "interests": "", "language": "",
                             "joined_on": "Dyddiad ymuno", "consent": "Cytuno"}
    state.set_mapping("consent", "")
    state.set_mapping("not_a_field", "Enw")
    assert "not_a_field" not in state.mapping
    run_async(state.check())
    assert state.step == "map" and state.notice == "Choose a column for: consent."


def test_all_or_nothing(db, make_state, sign_in_as, body):
    state = wizard(make_state, sign_in_as(Role.STEERING))
    upload(state, GOOD + BAD_ROW)
    run_async(state.check())
    assert state.step == "preview"
    assert (state.ready, state.to_add, state.to_update, state.total) == (1, 1, 0, 1)
    before = snapshot(db)
    state.commit()  # one bad row: nothing is written
    assert snapshot(db) == before
    assert state.notice_is_error
    assert state.notice == ("Nothing was imported: 1 rows have problems. Correct them and "
                            "try again.")
    upload(state, GOOD)
    run_async(state.check())
    assert (state.ready, state.total, state.rows) == (1, 0, [])
    state.commit()
    assert not state.notice_is_error
    assert state.notice == "Members imported: 1 added, 0 updated, 0 unchanged."
    assert snapshot(db)[0] == [("sian@example.org", "Siân Ŵyn")]
    assert (state.step, state._table, state.filename) == ("upload", None, "")


def test_a_rejected_row_has_every_reason_in_both_languages(db, make_state, sign_in_as, body):
    state = wizard(make_state, sign_in_as(Role.STEERING), lang="cy")
    upload(state, GOOD + BAD_ROW)
    run_async(state.check())
    [row] = state.rows
    assert isinstance(row, RejectedRow) and isinstance(row.reasons, Bilingual)
    assert row.row == 3
    assert row.reasons.en == ("Row 3: 'not-an-email' is not a valid email address.\n"
                              "Row 3: there is no consent to hold the details.")
    assert row.reasons.cy == "\n".join([
        translate("Row {row}: '{email}' is not a valid email address.", "cy", row=3,
                  email="not-an-email"),
        translate("Row {row}: there is no consent to hold the details.", "cy", row=3)])
    assert row.reasons.cy.startswith("Rhes 3: nid yw 'not-an-email' yn gyfeiriad e-bost dilys.")
    state.commit()
    assert state.notice == translate(
        "Nothing was imported: {n} rows have problems. Correct them and try again.", "cy", n=1)
    assert state.notice != translate(
        "Nothing was imported: {n} rows have problems. Correct them and try again.", "en", n=1)


def test_rejected_rows_are_paged_on_the_server(db, make_state, sign_in_as, body):
    count = 2 * REJECTED_PAGE + 20
    bad = "".join(f"Person {i},bad-{i},Gwynedd Council,yes,\r\n" for i in range(count))
    state = wizard(make_state, sign_in_as(Role.STEERING))
    upload(state, GOOD + bad)
    run_async(state.check())
    assert (state.ready, state.total, state.pages, state.page) == (1, count, 3, 1)
    assert len(state._rejected) == count  # the full list stays on the server
    assert [r.row for r in state.rows] == list(range(3, 3 + REJECTED_PAGE))
    state.next_page()
    assert state.page == 2 and state.rows[0].row == 3 + REJECTED_PAGE
    state.next_page()
    state.next_page()  # past the end: stays on the last page
    assert state.page == 3 and [r.row for r in state.rows] == list(
        range(3 + 2 * REJECTED_PAGE, 3 + count))
    state.previous_page()
    assert state.page == 2 and len(state.rows) == REJECTED_PAGE
    state.back_to_mapping()
    assert state.step == "map"
    run_async(state.check())  # checking again starts at the first page
    assert state.page == 1 and state.step == "preview"


def test_a_forms_export_has_the_right_columns_chosen_from_what_they_hold(db, make_state,
                                                                         sign_in_as, body):
    """A public Microsoft Forms join form: "Name" is empty and "Email" says "anonymous";
    the answers are in "Full name" and "Work email address"."""
    text = ("ID,Start time,Email,Name,Full name,Work email address,Organisation / Sefydliad,"
            "I agree to my details being held by the community\r\n"
            "1,03/02/2025 10:15,anonymous,,Siân Ŵyn,sian@example.org,Cyngor Gwynedd,I agree\r\n")
    state = wizard(make_state, sign_in_as(Role.STEERING))
    upload(state, text)
    assert state.mapping == {
        "full_name": "Full name", "email": "Work email address",
        "organisation": "Organisation / Sefydliad", "job_title": "", "interests": "",
        "language": "", "joined_on": "Start time",
        "consent": "I agree to my details being held by the community"}
    run_async(state.check())
    assert (state.ready, state.total) == (1, 0)


def test_a_body_not_in_the_registry_is_chosen_or_kept_as_written(db, make_state, sign_in_as,
                                                                 body):
    text = (HEADINGS + "Siân Ŵyn,sian@example.org,Gwynedd Cncl,Ydw,03/02/2025\r\n"
            "Rhys Jones,rhys@example.org,Prifysgol Bangor,Ydw,\r\n"
            "Nia Ben,nia@example.org,Prifysgol Bangor,Ydw,\r\n")
    state = wizard(make_state, sign_in_as(Role.STEERING))
    upload(state, text)
    run_async(state.check())
    assert (state.ready, state.total) == (0, 3)
    gwynedd, bangor = state.unmatched
    assert (gwynedd.name, gwynedd.rows, gwynedd.choice) == ("Gwynedd Cncl", "2", "")
    assert gwynedd.closest[0] == BodyChoice(body, Bilingual("Gwynedd Council", "Cyngor Gwynedd"))
    assert (bangor.name, bangor.rows) == ("Prifysgol Bangor", "3, 4")
    run_async(state.choose_body(gwynedd.key, str(body)))  # the suggestion: checked again
    assert (state.ready, state.total, state.step) == (1, 2, "preview")
    assert [u.choice for u in state.unmatched] == [str(body), ""]
    run_async(state.keep_all_as_other())  # the rest kept as written
    assert (state.ready, state.total) == (3, 0)
    assert [u.choice for u in state.unmatched] == [str(body), "other"]
    run_async(state.choose_body("not-a-name-in-the-file", "other"))  # ignored
    assert "not-a-name-in-the-file" not in state.body_choices
    state.commit()
    assert state.notice == "Members imported: 3 added, 0 updated, 0 unchanged."
    with Session(db) as session:
        found = {m.email: (m.organisation_id, m.organisation_other)
                 for m in session.exec(select(Member))}
    assert found == {"sian@example.org": (body, None),
                     "rhys@example.org": (None, "Prifysgol Bangor"),
                     "nia@example.org": (None, "Prifysgol Bangor")}
    assert (state.unmatched, state.body_choices) == ([], {})  # a new import starts afresh


def test_rows_for_one_email_are_shown_as_merged(db, make_state, sign_in_as, body):
    text = GOOD + "Siân Ŵyn-Jones, SIAN@example.org ,Cyngor Gwynedd,Ydw,\r\n"
    state = wizard(make_state, sign_in_as(Role.STEERING))
    upload(state, text)
    run_async(state.check())
    assert (state.ready, state.to_add, state.total) == (1, 1, 0)
    assert state.merged == [MergedItem("2, 3", "sian@example.org")]
