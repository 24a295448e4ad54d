"""Which dataset is loaded: the labelled demo community, or real data."""

from __future__ import annotations

from sqlmodel import Session

from dashboard.models import Setting


def is_demo_data(session: Session) -> bool:
    setting = session.get(Setting, "dataset")
    return setting is not None and setting.value == "demo"

