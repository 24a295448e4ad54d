"""``make bench-browser`` (``python -m bench.browser``): what a user waits for, in a browser.

Builds Cymuned's production frontend (in ``.web-bench``) and the floor app's
(``bench/floor_app``: the least a Reflex app does to show a filtered list of 50 members),
serves both against the synthetic dataset in the same run, and drives Debian's chromium with
Playwright. Each interaction is timed inside the page, from ``performance.now()`` before the
click or selection to the DOM change a MutationObserver sees; each full load from navigation
start to the page's main content visible. Prints, per measure, the median of ``--runs``
after a warm-up: ``browser <name> <median> ms (floor <f> ms, <r>x, target <t>x)``;
interactions against the floor's filter, full loads against the floor's full load. Also the
websocket bytes received per interaction, and each main page's per-client state as the
state manager (Redis, db ``--redis-db``) stores it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import httpx

from bench.browser_page import INTERACTION, init_script

ROOT = Path(__file__).resolve().parent.parent
FLOOR_DIR = ROOT / "bench" / "floor_app"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
EMAIL, PASSWORD = "steering@bench.example", "a long benchmark password 1"
INTERACTION_TARGET, LOAD_TARGET = 2.0, 1.5
STATE_SENT_KB, STATE_KB = 20, 50  # per interaction received; one page's stored state
DIRECTORY = 'section[aria-labelledby="members-list"] tbody'
BODIES = 'section[aria-labelledby="bodies"] tbody'
NAMED = 'section[aria-labelledby="named"] ul'

# (name, path, probe whose text changes, action, values to alternate between)
INTERACTIONS = [
    ("members_filter_type", "/members", DIRECTORY, ("select", "#filter-type"),
     ["local_authority", "health_board"]),
    ("members_next_page", "/members", DIRECTORY,
     ("click", 'nav[aria-label="Pages of members"] button:last-of-type'), [""]),
    ("members_search", "/members", DIRECTORY, ("search", "#member-search"), ["jones", "data"]),
    ("bodies_filter_type", "/members", BODIES, ("select", "#bodies-type"),
     ["local_authority", "health_board"]),
    ("events_next_month", "/events?view=month", "#month-heading",
     ("click", '[data-testid="next-month"]'), [""]),
    # The maturity page has no filters: its one interaction is the named bodies' pager.
    ("maturity_named_next_page", "/maturity", NAMED,
     ("click", 'nav[aria-label="Named bodies pages"] button:last-of-type'), [""]),
]
FLOOR_INTERACTIONS = [
    ("floor_filter", "/", "#rows", ("select", "#filter-type"),
     ["local_authority", "health_board"]),
    ("floor_next_page", "/", "#rows", ("click", "#next-page"), [""]),
]
LOADS = ["/", "/members", "/events?view=month", "/maturity", "/actions"]
# Each page's per-client state, as stored after a fresh tab opens it (signed in).
STATE_PAGES = ["/members", "/", "/maturity", "/events?view=month", "/actions"]


def environment(db_url: str, port: int, web_dir: str, redis_url: str | None) -> dict:
    env = dict(os.environ, REFLEX_DB_URL=db_url, REFLEX_API_URL=f"http://127.0.0.1:{port}",
               REFLEX_DEPLOY_URL=f"http://127.0.0.1:{port}", REFLEX_WEB_WORKDIR=web_dir,
               REFLEX_ENV_MODE="prod", REFLEX_TELEMETRY_ENABLED="false",
               REFLEX_USE_SYSTEM_BUN="1")
    tools = f"{ROOT / '.tools/node_modules/.bin'}:{Path(sys.executable).parent}"
    env["PATH"] = f"{tools}:{env['PATH']}"
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
    return env


def build(cwd: Path, env: dict) -> None:
    reflex = Path(sys.executable).with_name("reflex")
    subprocess.run([str(reflex), "export", "--frontend-only", "--no-zip", "--env", "prod"],
                   cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def serve(cwd: Path, module: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    """One production instance: the compiled frontend mounted, nothing compiled again."""
    from reflex_base.environment import environment as reflex_env

    env = {**env, reflex_env.REFLEX_SKIP_COMPILE.name: "true",
           reflex_env.REFLEX_MOUNT_FRONTEND_COMPILED_APP.name: "true"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", f"{module}:app", "--host", "127.0.0.1",
         "--port", str(port), "--workers", "1", "--no-access-log"],
        cwd=cwd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{module} exited: see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ping", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"{module} did not answer on port {port}: see {log}")


def dataset_url(args) -> str:
    """The synthetic dataset with a steering account to sign in with: on SQLite a copy of
    the cached file (the domain benchmarks' copy stays as built)."""
    import sqlalchemy as sa
    from sqlmodel import Session, select

    from bench.dataset import CACHE_DIR, POSTGRES_DATABASE, open_dataset
    from dashboard.domain.auth import create_user
    from dashboard.models import Role, User
    from dashboard.seed.synthetic import SyntheticSize

    size = SyntheticSize(**{f.name: getattr(args, f.name) for f in fields(SyntheticSize)})
    db_url = os.environ.get("REFLEX_DB_URL")
    # On PostgreSQL, the database REFLEX_DB_URL names (a run beside others keeps its own);
    # cymuned_bench when it names none.
    database = (db_url and sa.engine.make_url(db_url).database) or POSTGRES_DATABASE
    dataset = open_dataset(size, args.seed, db_url,
                           database=POSTGRES_DATABASE if database == "postgres" else database)
    engine = dataset.engine
    if engine.dialect.name == "sqlite":
        engine.dispose()
        copy = CACHE_DIR / "browser.db"
        copy.unlink(missing_ok=True)
        shutil.copyfile(dataset.where, copy)
        from bench.dataset import _engine
        engine = _engine(f"sqlite:///{copy}")
    url = engine.url.render_as_string(hide_password=False)
    with Session(engine) as session:
        if session.exec(select(User).where(User.email == EMAIL)).first() is None:
            create_user(session, email=EMAIL, display_name="Benchmark", role=Role.STEERING,
                        password=PASSWORD)
            session.commit()
    engine.dispose()
    return url


class Frames:
    """Websocket bytes received, read and reset between interactions."""

    def __init__(self, page):
        self.received = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._count))

    def _count(self, payload) -> None:
        self.received += len(payload if isinstance(payload, bytes) else payload.encode())

    def take(self) -> int:
        taken, self.received = self.received, 0
        return taken


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/sign-in", wait_until="networkidle")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation(wait_until="networkidle"):
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("button", name="Sign out", exact=True).wait_for()


def full_load(page, url: str) -> float:
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__ready !== null", timeout=60_000)
    return page.evaluate("window.__ready")


def new_tab_load(context, url: str) -> float:
    """A full load in a tab of its own (a link opened in a new tab): Reflex keeps a tab's
    state by a token in the tab's session storage, so a load again in the same tab shows
    the rows of its last visit as soon as it hydrates; a new tab has nothing until the
    page's load sends it. The browser's cache and the session cookie are shared."""
    page = context.new_page()
    try:
        return full_load(page, url)
    finally:
        page.close()


def interact(page, base: str, case, runs: int, warmup: int) -> tuple[list[float], list[int]]:
    name, path, probe, act, values = case
    page.goto(f"{base}{path}", wait_until="commit")
    page.wait_for_function("window.__ready !== null", timeout=60_000)
    page.locator(probe).first.wait_for()
    times, sizes = [], []
    for run in range(warmup + runs):
        value = values[run % len(values)]
        page.counter.take()
        elapsed = page.evaluate(INTERACTION, [probe, list(act), value])
        page.wait_for_load_state("networkidle")
        received = page.counter.take()
        if run >= warmup:
            times.append(elapsed)
            sizes.append(received)
    return times, sizes


def state_size(redis_url: str, token: str) -> list[tuple[str, int]]:
    """The per-client state the state manager stores for one tab (its token), by key, once
    the tab's page load has finished: no lock held and the sizes the same twice running. (A
    tab closed just before can still be writing its own, which are not this page's.)"""
    import redis

    client = redis.Redis.from_url(redis_url)

    def read() -> list[tuple[str, int]]:
        return sorted(((key.decode().split("_", 1)[-1], client.strlen(key))
                       for key in client.scan_iter(f"{token}_*")
                       if not key.endswith(b"_lock") and client.type(key) == b"string"),
                      key=lambda item: (-item[1], item[0]))

    sizes, deadline = read(), time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        again = read()
        if again == sizes and not client.exists(f"{token}_lock"):
            break
        sizes = again
    client.close()
    return sizes


def median_line(name: str, times: list[float], floor: float, target: float) -> str:
    median = statistics.median(times)
    ratio = median / floor if floor else float("inf")
    verdict = "pass" if ratio <= target else "MISS"
    return (f"browser {name} {median:.0f} ms (floor {floor:.0f} ms, {ratio:.1f}x, "
            f"target {target:g}x) {verdict}")


def parser() -> argparse.ArgumentParser:
    from dashboard.seed.synthetic import SyntheticSize

    args = argparse.ArgumentParser(prog="python -m bench.browser",
                                   description=__doc__.splitlines()[0])
    args.add_argument("--runs", type=int, default=40)
    args.add_argument("--warmup", type=int, default=3)
    args.add_argument("--port", type=int, default=18761, help="Cymuned's; the floor's is +10")
    args.add_argument("--redis-db", type=int, default=7, help="Cymuned's; the floor's is +1")
    args.add_argument("--floor-without-redis", action="store_true",
                      help="the floor's state on disk, Reflex's default (Cymuned's in Redis)")
    args.add_argument("--skip-build", action="store_true", help="reuse the last builds")
    args.add_argument("--loads-only", action="store_true",
                      help="only the full loads (no interactions, no state sizes)")
    args.add_argument("--seed", type=int, default=2023)
    for field in fields(SyntheticSize):
        args.add_argument(f"--{field.name}", type=int, default=field.default)
    return args


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    args = parser().parse_args(argv)
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    db_url = dataset_url(args)
    app_port, floor_port = args.port, args.port + 10
    # Both apps keep their state the same way (Redis, as Cymuned's production shape must, with
    # more than one worker): the floor is what Reflex itself does in the same set-up. With
    # --floor-without-redis, the floor keeps its state on disk (Reflex's default).
    floor_redis = (None if args.floor_without_redis
                   else f"redis://127.0.0.1:6379/{args.redis_db + 1}")
    app_env = environment(db_url, app_port, ".web-bench", redis_url)
    floor_env = environment(db_url, floor_port, ".web", floor_redis)
    if not args.skip_build:
        print("building both production frontends...", flush=True)
        build(ROOT, app_env)
        build(FLOOR_DIR, floor_env)
    logs = ROOT / "bench" / ".cache"
    import redis
    for url in (redis_url, floor_redis):
        if url:
            redis.Redis.from_url(url).flushdb()
    print(f"state: Cymuned in Redis db {args.redis_db}; the floor "
          + (f"in Redis db {args.redis_db + 1}" if floor_redis else "on disk"), flush=True)
    servers = [serve(ROOT, "dashboard.dashboard", app_port, app_env, logs / "browser-app.log"),
               serve(FLOOR_DIR, "floor_app.floor_app", floor_port, floor_env,
                     logs / "browser-floor.log")]
    app, floor = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{floor_port}"
    lines, misses = [], 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            def new_page(is_floor: bool):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(init_script(is_floor))
                page = context.new_page()
                page.counter = Frames(page)
                return page

            page = new_page(True)
            results = {c[0]: interact(page, floor, c, args.runs, args.warmup)
                       for c in FLOOR_INTERACTIONS[:1 if args.loads_only else None]}
            floor_filter = statistics.median(results["floor_filter"][0])
            floor_loads = [full_load(page, floor) for _ in range(args.warmup + args.runs)]
            floor_load = statistics.median(floor_loads[args.warmup:])
            floor_tab = statistics.median([new_tab_load(page.context, floor) for _ in
                                           range(args.warmup + args.runs)][args.warmup:])
            page.context.close()
            next_page = results.get("floor_next_page")
            print(f"browser floor_filter {floor_filter:.0f} ms; floor_next_page "
                  + (f"{statistics.median(next_page[0]):.0f} ms" if next_page else "-")
                  + f"; floor full load {floor_load:.0f} ms, in a new tab {floor_tab:.0f} ms",
                  flush=True)

            page = new_page(False)
            sign_in(page, app)
            for case in [] if args.loads_only else INTERACTIONS:
                try:
                    times, sizes = interact(page, app, case, args.runs, args.warmup)
                except PlaywrightError as error:  # a control renamed or gone: say which
                    lines.append(f"browser {case[0]} failed: {error.message.splitlines()[0]}"
                                 " MISS")
                    print(lines[-1], flush=True)
                    continue
                line = median_line(case[0], times, floor_filter, INTERACTION_TARGET)
                lines.append(line)
                received = statistics.median(sizes) / 1024
                sent_ok = received < STATE_SENT_KB
                lines.append("" if sent_ok else "MISS")
                print(f"{line}; websocket {received:.1f} KB received (target < "
                      f"{STATE_SENT_KB} KB) {'pass' if sent_ok else 'MISS'}", flush=True)
            for path in LOADS:
                times = [full_load(page, f"{app}{path}")
                         for _ in range(args.warmup + args.runs)][args.warmup:]
                line = median_line(f"load {path}", times, floor_load, LOAD_TARGET)
                lines.append(line)
                print(line, flush=True)
            for path in LOADS:
                times = [new_tab_load(page.context, f"{app}{path}")
                         for _ in range(args.warmup + args.runs)][args.warmup:]
                line = median_line(f"load {path} new tab", times, floor_tab, LOAD_TARGET)
                lines.append(line)
                print(line, flush=True)
            page.context.close()

            for path in [] if args.loads_only else STATE_PAGES:
                page = new_page(False)
                sign_in(page, app)
                redis.Redis.from_url(redis_url).flushdb()
                full_load(page, f"{app}{path}")
                page.wait_for_load_state("networkidle")
                sizes = state_size(redis_url, page.evaluate("sessionStorage.getItem('token')"))
                page.context.close()
                total = sum(size for _, size in sizes) / 1024
                lines.append("" if total < STATE_KB else "MISS")
                print(f"state of {path} as stored: {total:.1f} KB in {len(sizes)} keys (target"
                      f" < {STATE_KB} KB) {'pass' if total < STATE_KB else 'MISS'}; largest: "
                      + ", ".join(f"{key.rsplit('.', 1)[-1]} {size / 1024:.1f} KB"
                                  for key, size in sizes[:3]), flush=True)
            browser.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    misses = sum(line.endswith("MISS") for line in lines)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
