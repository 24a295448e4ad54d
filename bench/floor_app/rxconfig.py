"""The floor app's Reflex configuration: the same Reflex as Cymuned, nothing added.

The database comes from REFLEX_DB_URL (the benchmark's synthetic dataset)."""

import reflex as rx

config = rx.Config(
    app_name="floor_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
)
