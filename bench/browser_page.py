"""What the browser benchmark runs inside the page: a probe for "the page's main content is
visible" (installed before any script of the page runs) and one timed interaction."""

from __future__ import annotations

# For each path, when its main content (the data, not the page's frame) is on screen.
READY = {
    # The coverage figure reads "0 of 0" until the data comes: wait for a real number.
    "/": "shown('[data-testid=\"figure-coverage\"]', /[1-9]/)",
    "/members": "shown('section[aria-labelledby=\"members-list\"] tbody tr')",
    "/events": "shown('#month-heading', /\\d{4}/)",
    "/maturity": "shown('#dimensions ~ div .hbars-track')",
    "/actions": "shown('main table tbody tr')",
    "/floor": "shown('#rows tr')",
}

# Records performance.now() (milliseconds since navigation started) when the page's
# content first shows, as a MutationObserver sees it.
INIT_SCRIPT = """
(() => {
  const shown = (selector, pattern) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && (!pattern || pattern.test(el.textContent));
  };
  const ready = {%s};
  window.__ready = null;
  const check = () => {
    const path = window.__floor ? '/floor' : location.pathname.replace(/\\/$/, '') || '/';
    const test = ready[path];
    if (window.__ready === null && test && test()) window.__ready = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true,
                                                 characterData: true});
})();
"""


def init_script(floor: bool) -> str:
    entries = ", ".join(f"{path!r}: () => {test}" for path, test in READY.items())
    return ("window.__floor = true;" if floor else "") + INIT_SCRIPT % entries


# One interaction: ``act`` (a JS statement) runs after performance.now(); the time is taken
# when the MutationObserver first sees ``probe``'s text differ from what it was before.
INTERACTION = """
async ([probe, act, value]) => {
  const text = () => { const el = document.querySelector(probe); return el ? el.textContent : ''; };
  const setValue = (el, v) => {
    const proto = el.tagName === 'SELECT' ? HTMLSelectElement.prototype
                                          : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);
  };
  const before = text();
  return await new Promise((resolve, reject) => {
    let started;
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no change')); },
                             30000);
    const observer = new MutationObserver(() => {
      if (text() !== before) {
        const elapsed = performance.now() - started;
        observer.disconnect(); clearTimeout(timer); resolve(elapsed);
      }
    });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    started = performance.now();
    const acts = {
      select: (sel) => { const el = document.querySelector(sel); setValue(el, value);
                         el.dispatchEvent(new Event('change', {bubbles: true})); },
      click: (sel) => document.querySelector(sel).click(),
      search: (sel) => { const el = document.querySelector(sel); setValue(el, value);
                         el.dispatchEvent(new Event('input', {bubbles: true}));
                         el.form.requestSubmit(); },
    };
    acts[act[0]](act[1]);
  });
}
"""
