"""The steering group's command-line exports: the action log as CSV, a pack as PDF."""

from __future__ import annotations

import csv
from datetime import date

from pypdf import PdfReader
from sqlmodel import Session

from dashboard.models import SteeringAction, SteeringMeeting


def test_export_actions_with_filters_and_a_pack(db, tmp_path, monkeypatch):
    from dashboard.cli import main

    with Session(db) as session:
        session.add_all([
            SteeringAction(title="Blocked one", status="blocked", due_on=date(2020, 1, 1),
                           rag="red", rag_reason="No money"),
            SteeringAction(title="Done one", status="done")])
        meeting = SteeringMeeting(held_on=date(2027, 1, 12), title="January",
                                  title_cy="Ionawr")
        session.add(meeting)
        session.commit()
        meeting_id = meeting.id
    out = tmp_path / "actions.csv"
    assert main(["export", "actions", "--query", "status=blocked", "--output", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["title"], r["overdue"], r["rag_reason"]) for r in rows] == [
        ("Blocked one", "yes", "No money")]
    pdf = tmp_path / "pack.pdf"
    assert main(["export", "meeting-pack", str(meeting_id), "--output", str(pdf)]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Ionawr" in text and "January" in text and "Blocked one" in text
    assert main(["export", "minutes", "999999"]) == 1
