"""The live floor app's Reflex configuration: the same Reflex as Cymuned, nothing added.

State in Redis from REFLEX_REDIS_URL (the benchmark's own server), as Cymuned's."""

import reflex as rx

config = rx.Config(
    app_name="live_floor_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
)
