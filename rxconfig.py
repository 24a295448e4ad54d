"""Reflex configuration.

The embedded default is a SQLite file under data/ and Reflex's disk state manager.
Production overrides come from the environment, which Reflex reads itself:
REFLEX_DB_URL (PostgreSQL) and REFLEX_REDIS_URL (Redis state manager, several workers).
"""

import os
from pathlib import Path

import reflex as rx

DATA_DIR = Path(__file__).parent / "data"
DATA_DIR.mkdir(exist_ok=True)
# Dev mode reloads the backend when a watched file changes. The SQLite database and its
# journal live in data/: without this, every save restarted the backend mid-request.
os.environ.setdefault("REFLEX_HOT_RELOAD_EXCLUDE_PATHS", str(DATA_DIR.resolve()))

config = rx.Config(
    app_name="dashboard",
    db_url=f"sqlite:///{DATA_DIR / 'cymuned.db'}",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Nothing here evaluates components in the browser (rx.dynamic): without this, every
    # page imported the whole of Radix Themes for window.__reflex (the root module: 179 KB
    # of JavaScript, now 46).
    frontend_lazy_bundled_libraries=True,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium",
                           scaling="100%"),
        ),
    ],
    # No sitemap: the dashboard is not for search engines.
    disable_plugins=[rx.plugins.SitemapPlugin],
)
