"""What every page carries to the browser, checked where the pages are built."""

from __future__ import annotations


def test_no_page_names_an_icon_by_a_state_var():
    """An icon named by a var is Lucide's DynamicIcon, which puts every icon (about 240 KB
    of JavaScript) in every page: choose between static icons instead."""
    import dashboard.dashboard  # noqa: F401  (registers every page)
    from dashboard.pages import PAGES

    dynamic = [spec.route for spec in PAGES
               if any(imported.tag == "DynamicIcon"
                      for library, imports in spec.component()._get_all_imports().items()
                      if library.startswith("lucide-react") for imported in imports)]
    assert dynamic == []


def test_the_app_root_imports_no_whole_library_for_dynamic_components():
    """Reflex's root puts whole libraries on window.__reflex for components evaluated in the
    browser (rx.dynamic, which nothing here uses): with Radix Themes there, every page loaded
    all of it (the root's module was 179 KB, now 46). rxconfig's
    frontend_lazy_bundled_libraries leaves them to be loaded if one ever is."""
    import reflex as rx
    from reflex.compiler import compiler
    from reflex_base.registry import RegistrationContext

    import dashboard.dashboard  # noqa: F401  (the app and its configuration)

    # Radix Themes' plugin registers its package as the app compiles; here, by hand.
    libraries = RegistrationContext.ensure_context().bundled_libraries
    saved = list(libraries)
    libraries.append("@radix-ui/themes")
    try:
        code = compiler._compile_app(rx.fragment())
    finally:
        libraries[:] = saved
    assert "import * as radix_ui_themes" not in code
    assert "import * as React from" in code  # Reflex's own core stays on window.__reflex
