"""``t()``: every string a user sees, in English or Welsh, switched in the browser.

Both languages are compiled into the page, so switching is instant and needs no reload;
the choice lives in the ``cymuned_lang`` cookie (AppState.lang).
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import var_operation, var_operation_return
from reflex.vars.number import NumberVar

from dashboard.i18n import translate
from state.base import AppState


def t(msgid: str, **params) -> rx.Var | str:
    """The msgid in the user's language. Params may be Vars: '{n} members'.format(n=...)."""
    english = msgid.format(**params) if params else msgid
    welsh = translate(msgid, "cy", **params)
    if welsh == english:
        return english
    return rx.cond(AppState.is_welsh, welsh, english)


def pick(english: rx.Var | str, welsh: rx.Var | str) -> rx.Var:
    """Choose between two values from the data (e.g. a body's English and Welsh names)."""
    return rx.cond(AppState.is_welsh, welsh, english)


def t_count(count: rx.Var, one: str, other: str, **params) -> rx.Var:
    """A message with a count: ``one`` when it is 1 ('Import 1 member'), else ``other``.

    English needs only the two; Welsh puts the singular noun after every numeral ('1 aelod',
    '5 aelod'), so both msgids usually share one translation. ``count`` may hold a number
    or the text of one; ``params`` fill the placeholders, the count among them.
    """
    return rx.cond((count == 1) | (count == "1"), t(one, **params), t(other, **params))


def bilingual(text: rx.Var) -> rx.Var:
    """A ``state.rows.Bilingual`` from the data, in the reader's language."""
    return rx.cond(AppState.is_welsh, text.cy, text.en)


@var_operation
def _grouped(value: NumberVar):
    return var_operation_return(js_expression=f"Number({value}).toLocaleString('en-GB')",
                                var_type=str)


def number(value: rx.Var) -> rx.Var:
    """A whole number as people read it, with thousands grouped: 4,777 (the same in Welsh).

    The state keeps numbers as numbers; this is the one place they become text."""
    return _grouped(value)
