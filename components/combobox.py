"""A combobox: a labelled text box that offers a short list to choose from as one types.

For a choice among thousands (the registry's 2,000 bodies), where a native select would put
every option in the page's state and in every delta: the server sends only the few that
match what is typed (the state's search handler, debounced), and the list is drawn from
them. It follows the ARIA 1.2 pattern "combobox with listbox popup, list autocomplete":

- the box has ``role="combobox"``, ``aria-expanded``, ``aria-controls`` (the list) and
  ``aria-activedescendant`` (the option the arrow keys are on); the list has
  ``role="listbox"`` and its options ``role="option"`` with ``aria-selected``;
- Down and Up move through the options (in the browser, with no trip to the server), Enter
  chooses the one highlighted, Escape closes the list; a click chooses too (the option
  keeps the focus in the box, so leaving the box does not close the list first);
- leaving the box closes the list and shows the chosen name again;
- a polite status line says how many match, or that none does, in English or Welsh.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.vars.base import LiteralVar, Var, VarData
from reflex_base.constants import EventTriggers

from components.i18n import bilingual, t, t_count
from components.membership import CONTROL_STYLE

# Moves the highlighted option with the arrow keys, chooses it with Enter (by clicking it,
# so the option's own handler runs) and closes the list with Escape (``close``: the
# state's handler). Any other key is typing: the highlight goes, as the list will change.
KEYS_JS = """
function cymunedComboboxKey(event, close) {
  const box = event.currentTarget;
  const list = document.getElementById(box.getAttribute("aria-controls"));
  const open = !!list && !list.hidden;
  const options = open ? Array.from(list.querySelectorAll('[role="option"]')) : [];
  const current = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
  const highlight = (i) => {
    options.forEach((o, j) => o.setAttribute("aria-selected", j === i ? "true" : "false"));
    if (i >= 0) {
      box.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({block: "nearest"});
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  };
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (!options.length) return;
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    const next = current < 0 ? (step > 0 ? 0 : options.length - 1)
                             : (current + step + options.length) % options.length;
    highlight(next);
  } else if (event.key === "Enter") {
    if (current >= 0) { event.preventDefault(); const chosen = options[current];
                        highlight(-1); chosen.click(); }
  } else if (event.key === "Escape") {
    if (open) { event.preventDefault(); highlight(-1); close(); }
  } else if (event.key.length === 1 || event.key === "Backspace" || event.key === "Delete") {
    highlight(-1);
  }
}
"""

OPTION_STYLE = {
    "padding": "0.35rem 0.6rem", "cursor": "pointer", "overflow_wrap": "anywhere",
    "&[aria-selected='true']": {"background": "var(--accent-4)", "outline":
                                "2px solid var(--accent-9)", "outline_offset": "-2px"},
    "&:hover": {"background": "var(--gray-3)"},
}
LIST_STYLE = {
    "position": "absolute", "z_index": "10", "top": "100%", "left": "0", "margin": "0.15rem 0 0",
    "padding": "0.25rem 0", "list_style": "none", "width": "max(100%, 16rem)",
    "max_width": "max(100%, min(28rem, 90vw))", "max_height": "16rem", "overflow_y": "auto",
    "background": "var(--color-panel-solid)", "border": "1px solid var(--gray-8)",
    "border_radius": "6px", "box_shadow": "0 4px 12px var(--black-a4)",
}


class _Box(rx.el.elements.forms.Input):
    """The combobox's text box, with the keyboard handling above in the page's code."""

    def add_custom_code(self) -> list[str]:
        return [KEYS_JS]


def _handler_js(handler) -> Var:
    """An event handler as a JavaScript function the keyboard code can call."""
    probe = rx.el.span(on_click=handler)
    return LiteralVar.create(probe.event_triggers[EventTriggers.ON_CLICK])


def combobox(control_id: str, heading: str, *, hint: str, text: Var, options: Var,
             option_id: Callable[[Var], Var], option_label: Callable[[Var], Var],
             listing: Var, searched: Var, redraw: Var, on_search, on_choose: Callable,
             on_close, on_leave, one_found: str, many_found: str, none_found: str,
             width: str = "16rem", label_style: dict | None = None) -> rx.Component:
    """A combobox with the label ``heading`` and the hint ``hint`` (msgids).

    ``text``: what the box shows (the chosen option's name) when drawn; ``redraw``: a value
    that changes when the box must be drawn again from ``text`` (after the page's state
    has come). ``options``: the options the server found for ``searched`` (``option_id``
    and ``option_label`` read one); ``listing``: the list is open. Handlers: ``on_search(text)``
    (debounced), ``on_choose(id)``, ``on_close()`` (Escape), ``on_leave(text)`` (focus left
    the box). ``one_found``/``many_found``/``none_found``: the status line's msgids ({n},
    {text}). ``label_style``: the label's, where a filter's small label is not the page's
    (a form's fields)."""
    list_id, hint_id = f"{control_id}-options", f"{control_id}-hint"
    close = _handler_js(on_close)
    count = options.length()
    box = _Box.create(
        id=control_id,
        name=control_id,  # in a form, sent as what was typed (the choice goes as its own)
        type="text",
        role="combobox",
        auto_complete="off",
        spell_check=False,
        default_value=text,
        key=redraw,
        aria_autocomplete="list",
        aria_expanded=rx.cond(listing & (count > 0), "true", "false"),
        aria_controls=list_id,
        aria_describedby=hint_id,
        on_change=on_search.debounce(250),
        on_blur=on_leave,
        custom_attrs={"on_key_down": Var(
            _js_expr=f"(e) => cymunedComboboxKey(e, {close!s})",
            _var_data=VarData.merge(close._get_all_var_data()))},
        style={**CONTROL_STYLE, "width": width},
    )
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id,
                    style=label_style or {"font_size": "0.85rem", "font_weight": "500"}),
        rx.box(
            box,
            rx.el.ul(
                rx.foreach(options, lambda option: rx.el.li(
                    option_label(option),
                    id=f"{control_id}-option-" + option_id(option).to(str),
                    role="option",
                    aria_selected="false",
                    on_click=on_choose(option_id(option)),
                    # Keeps the focus in the box: a click does not leave it first.
                    on_mouse_down=rx.prevent_default,
                    style=OPTION_STYLE,
                )),
                id=list_id,
                role="listbox",
                aria_label=t(heading),
                hidden=~(listing & (count > 0)),
                style=LIST_STYLE,
            ),
            position="relative",
            width=width,
            max_width="100%",
        ),
        rx.text(t(hint), id=hint_id, size="1", class_name="muted", max_width=width),
        rx.el.div(
            rx.cond(listing,
                    rx.cond(count > 0, t_count(count, one_found, many_found, n=count),
                            t(none_found, text=searched)), ""),
            role="status",
            class_name="muted",
            font_size="0.8rem",
            max_width=width,
        ),
        spacing="1",
        width=width,
        max_width="100%",
    )


def body_picker(state, *, none_found: str, width: str = "16rem",
                label_style: dict | None = None) -> rx.Component:
    """The combobox of a state with the body picker mixin (``state.body_picker``), with the
    element id the state names: one of the registry's 2,000 bodies, labelled "Organisation",
    of which the server sends only the few that match what is typed. ``none_found``: what
    the status line says when no name matches (a msgid with {text})."""
    return combobox(
        state.body_picker_id, "Organisation",
        hint="Type part of its name, then choose it from the list.",
        text=bilingual(state.body_chosen), options=state.body_matches,
        option_id=lambda b: b.id, option_label=lambda b: bilingual(b.name),
        listing=state.body_listing, searched=state.body_searched,
        # Drawn again on a page load that changes the body, and in the other language.
        redraw=state.body_drawn.to_string() + rx.cond(state.is_welsh, "cy", "en"),
        on_search=state.search_bodies, on_choose=state.choose_body,
        on_close=state.close_bodies, on_leave=state.leave_bodies,
        one_found="{n} body found.", many_found="{n} bodies found.", none_found=none_found,
        width=width, label_style=label_style,
    )
