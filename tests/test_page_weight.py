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
