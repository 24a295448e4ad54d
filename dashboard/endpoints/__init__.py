"""HTTP endpoints served by the app's backend beside Reflex (calendar feeds, published
aggregates). Each module here defines ``routes: list[starlette.routing.Route]``;
``dashboard.api`` mounts them all through ``rx.App(api_transformer=...)``. Handlers call the
domain, never state.
"""
