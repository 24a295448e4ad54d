"""Every string a user can see exists in English and Welsh."""

from __future__ import annotations

import re

import pytest

from dashboard.catalogue import server_msgids, ui_msgids
from dashboard.i18n import catalogue, translate

PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.fixture(scope="module")
def welsh():
    return catalogue("cy")


def test_every_ui_string_has_a_welsh_translation(welsh):
    msgids = ui_msgids()
    assert len(msgids) > 100  # the pages were really built
    assert sorted(m for m in msgids if m not in welsh) == []


def test_every_server_message_has_a_welsh_translation(welsh):
    msgids = server_msgids()
    assert "You do not have permission to do that." in msgids
    assert sorted(m for m in msgids if m not in welsh) == []


def test_placeholders_survive_translation(welsh):
    wrong = {m: w for m, w in welsh.items()
             if set(PLACEHOLDER.findall(m)) != set(PLACEHOLDER.findall(w))}
    assert wrong == {}


def test_translate_fills_placeholders_in_both_languages():
    assert translate("{n} overdue", "en", n=3) == "3 overdue"
    assert "3" in translate("{n} overdue", "cy", n=3)
    assert translate("Overview", "cy") == "Trosolwg"
