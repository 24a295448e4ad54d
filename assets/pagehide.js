// Leaving a page: hand React Router's scroll restoration the scroll position it would read.
//
// React Router's <ScrollRestoration> (Reflex puts it in every document) saves window.scrollY
// when the page is hidden. When the browser goes on to a new page on the same site, it first
// marks every element of the old one for a fresh style (a platform colour change), so that
// read forced the whole old page to be styled and laid out again just to be thrown away:
// 15 to 35 ms of every reload or full load of a page with a long list, before the new page
// could start. The position is the one the last scroll event saw; the browser's own reading
// comes back if the page is shown again from the back/forward cache. It starts at 0, not
// read: reading window.scrollY as the page starts forced a layout of the prerendered page
// (about 20 ms on /members) before React could hydrate it, and any scroll after that,
// the browser's or React Router's restoring one included, sends a scroll event.
(() => {
  let lastY = 0;
  addEventListener("scroll", () => { lastY = window.scrollY; }, { passive: true });
  const own = Object.getOwnPropertyDescriptor(window, "scrollY");
  addEventListener("pagehide", () => {
    Object.defineProperty(window, "scrollY", { get: () => lastY, configurable: true });
  }, { capture: true });
  addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    if (own) Object.defineProperty(window, "scrollY", own);
    else delete window.scrollY;
    lastY = window.scrollY;
  });
})();
