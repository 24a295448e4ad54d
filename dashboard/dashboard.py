"""The Reflex app: every page module in dashboard/pages/ is imported, and each page it
registered with ``@routed`` is added with its route, title and on_load handler."""

import importlib
import pkgutil

import reflex as rx

from components.shell import connection_problem
from dashboard import (
    models,  # noqa: F401  (registers the tables for migrations)
    pages,
)
from dashboard.api import build_api
from dashboard.i18n import translate
from dashboard.operations import failover, logs, metrics, static_files
from dashboard.pages import PAGES
from state.live import CHECK_SECONDS, push
from state.page_load import PageLoadState, register_page_loads

logs.configure()
metrics.enable()

app = rx.App(
    # Our routes first (mounted), then a request id around the whole backend, then how long
    # browsers keep the built frontend the instances serve.
    api_transformer=[build_api(), logs.request_ids, static_files.cache_headers],
    stylesheets=["/cymuned.css"],
    html_lang="en",
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
                     rx.el.meta(name="description",
                                content="Cymuned: the Welsh public sector's automation and AI "
                                        "community of practice"),
                     # Before React Router's own listener: see the file.
                     rx.el.script(src="/pagehide.js", defer=True)],
)
# Browsers of an instance that dies keep their state on the others (see the module).
app.register_lifespan_task(failover.keep_instance_alive)
# Reflex's overlay says "Cannot connect to server" in English only; ours follows the reader's
# language. Same place in the app's wrappers, inside the state provider and the theme.
app.app_wraps[(5, "Overlay")] = lambda stateful: connection_problem() if stateful else None

for module in pkgutil.iter_modules(pages.__path__):
    importlib.import_module(f"{pages.__name__}.{module.name}")

for spec in PAGES:
    loads = spec.on_load if isinstance(spec.on_load, list | tuple) else [spec.on_load]
    register_page_loads(spec.route, loads)
    app.add_page(
        spec.component,
        route=spec.route,
        # Both languages: the document title is fixed when the page is built.
        title=f"{spec.title} | {translate(spec.title, 'cy')} · Cymuned",
        # One event: the session, the live link and the page's loads (state/page_load.py).
        on_load=PageLoadState.open_page(spec.route),
    )


# Live data, in every worker: the scheduler (the database's lease elects one runner among
# the workers) and the watcher that pushes new data versions to open pages.
# CYMUNED_SCHEDULER=off leaves the running to `cymuned sources scheduler`.
async def run_scheduler_task():
    import os

    from dashboard.scheduler import run_scheduler

    if os.environ.get("CYMUNED_SCHEDULER", "on").lower() != "off":
        await run_scheduler()


async def push_live_data(app: rx.App):
    from dashboard.scheduler import watch

    # Pushed at least as often as open pages check in: a shared state Redis lost is refilled.
    await watch(lambda facts: push(app, facts), every=CHECK_SECONDS)


app.register_lifespan_task(run_scheduler_task)
app.register_lifespan_task(push_live_data)
