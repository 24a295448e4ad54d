"""The production shape (`make serve`): two app instances behind Caddy, sharing PostgreSQL and
Redis, surviving the loss of an instance and a Redis restart.

Runs in CI's PostgreSQL + Redis pass (it needs both). The instances use the suite's test
database and a Redis server of their own, started here, so restarting it disturbs nothing
else; the frontend is built into its own folder for the proxy's address.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, timedelta

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from sqlmodel import Session, select

from dashboard.domain.auth import create_user
from dashboard.domain.clock import utc_now
from dashboard.models import Event, Member, Organisation, Role, RunnerLease, SyncRun
from dashboard.operations.serve import Shape, Supervisor, build_frontend, migrate
from tests.browser.conftest import PASSWORD, PageWatcher, choose_organisation, sign_in
from tests.conftest import ROOT, TEST_DB_URL
from tests.local_source import Answer, LocalSource, add_calendar_source
from tests.tcp_relay import TcpRelay

pytestmark = pytest.mark.browser
MEMBERS_PAGER = "Pages of members"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Production:
    supervisor: Supervisor
    redis: PrivateRedis
    engine: sa.Engine  # the shape's database, directly (not through the relay)
    database: TcpRelay  # the instances reach PostgreSQL through it


class PrivateRedis:
    def __init__(self, tmp_path):
        self.port = _free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True,
                             text=True).stdout.strip() != "PONG":
            assert time.monotonic() < deadline, "the private Redis did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


# The instances' runner gives up its lease this long after its last renewal, and looks for
# due sources this often (production: 90 and 5 seconds), so a takeover is seen in seconds.
SHAPE_SETTINGS = {"CYMUNED_RUNNER_LEASE_SECONDS": "8", "CYMUNED_SCHEDULER_TICK": "1"}


def _own_database() -> sa.URL:
    """A database of the shape's own, migrated and seeded like `make run`'s: the suite's
    in-process app (a runner too, on the suite's database) stays out of the election."""
    url = sa.engine.make_url(TEST_DB_URL)
    own = url.set(database=f"{url.database}_serve")
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
    admin.dispose()
    return own


def _through(relay: TcpRelay, url: sa.URL) -> str:
    return url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    url = sa.engine.make_url(TEST_DB_URL)
    if url.get_backend_name() != "postgresql":
        pytest.skip("the production shape shares PostgreSQL between instances (CI's second pass)")
    for tool in ("caddy", "redis-server"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (`make test` installs Caddy)")
    saved = {name: os.environ.get(name) for name in SHAPE_SETTINGS}
    os.environ.update(SHAPE_SETTINGS)
    redis = PrivateRedis(tmp_path_factory.mktemp("redis"))
    redis.start()
    proxy_port = _free_port()
    direct = _own_database()
    relay = TcpRelay(direct.host or "127.0.0.1", direct.port or 5432).start()
    shape = Shape(db_url=_through(relay, direct), redis_url=redis.url, proxy_port=proxy_port,
                  instance_ports=(_free_port(), _free_port()),
                  public_url=f"http://127.0.0.1:{proxy_port}", web_dir=".web-serve",
                  run_dir=tmp_path_factory.mktemp("serve"))
    migrate(shape)
    subprocess.run([sys.executable, "-m", "dashboard", "seed", "--demo"], cwd=ROOT,
                   env=shape.environment(), check=True, capture_output=True)
    engine = sa.create_engine(direct)
    with Session(engine) as session:
        create_user(session, email="steering@cymuned.example", display_name="Steering",
                    role=Role.STEERING, password=PASSWORD)
        session.commit()
    build_frontend(shape)
    # No restarts: the tests show the survivor carrying the load, not a quick restart.
    supervisor = Supervisor(shape, restart=False)
    supervisor.start()
    try:
        supervisor.wait_until_ready()
        yield Production(supervisor, redis, engine, relay)
    finally:
        supervisor.stop()
        redis.stop()
        relay.stop()
        engine.dispose()
        shutil.rmtree(ROOT / ".web-serve", ignore_errors=True)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture
def two_browsers(production, browser):
    supervisor = production.supervisor
    contexts = [browser.new_context(base_url=supervisor.shape.public_url + "/",
                                    viewport={"width": 1280, "height": 900}) for _ in range(2)]
    pages = []
    for context in contexts:
        page = context.new_page()
        page.watcher = PageWatcher(page)
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def _open(page, path: str) -> None:
    page.goto(path, wait_until="networkidle")
    page.wait_for_selector("main h1")


def _next_page(page, number: int, button: str = "Next") -> None:
    pager = page.get_by_role("navigation", name=MEMBERS_PAGER)
    pager.get_by_role("button", name=button).click()
    pager.get_by_text(re.compile(rf"Page {number} of \d+")).wait_for(timeout=20_000)


# --- live data across instances: one runner, pages on both instances updated ----------------

FEED = "/owa/calendar/secret-4b1d/team.ics"


def _calendar(title: str, uid: str) -> bytes:
    start = (utc_now() + timedelta(minutes=50)).strftime("%Y%m%dT%H%M00Z")
    end = (utc_now() + timedelta(minutes=110)).strftime("%Y%m%dT%H%M00Z")
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
        f"UID:{uid}", f"SUMMARY:{title}", f"DTSTAMP:{start}", f"DTSTART:{start}",
        f"DTEND:{end}", "END:VEVENT", "END:VCALENDAR"]).encode()


def _wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.25)
    return result


def _connections(port: int) -> int:
    """Open websockets on one instance, from its own /metrics (Reflex's gauge)."""
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    found = re.search(r"^reflex_websocket_connections\{[^}]*\} ([0-9.]+)$", text, re.M)
    return int(float(found.group(1))) if found else 0


def _one_page_on_each_instance(pages, supervisor) -> None:
    """The proxy takes turns, request by request: reload a page until each instance holds
    one page's socket. A page load makes the same requests every time (its built files are
    cached for good), so a reload alone can bring its socket back to the same instance
    every time: one request more through the proxy moves the turn on by one."""
    ports = supervisor.shape.instance_ports
    for attempt in range(30):  # a loaded machine: Caddy may keep a browser on one instance
        try:
            _wait_until(lambda: all(_connections(port) >= 1 for port in ports), 3,
                        "a socket on each instance")
            return
        except AssertionError:
            page = pages[attempt % len(pages)]
            page.request.get(f"{supervisor.shape.public_url}/ping")
            _open(page, "")
    pytest.fail("the proxy never spread the two pages over the two instances")


def _runs(database, source_id: int) -> list[str]:
    with Session(database) as session:
        return [run.status for run in session.exec(
            select(SyncRun).where(SyncRun.source_id == source_id).order_by(SyncRun.id))]


def _runner_pid(database) -> int | None:
    with Session(database) as session:
        lease = session.exec(select(RunnerLease)).first()
    if lease is None or not lease.holder or lease.expires_at is None:
        return None
    return int(lease.holder.split(":")[1])  # host:pid:random (dashboard/scheduler.py)


# Each data version a page receives, with the time (ms since the epoch) it arrived.
_RECORD_VERSIONS = """(() => {
  const span = document.querySelector('.live-version');
  window.__versions = [[span.dataset.version, Date.now()]];
  new MutationObserver(() => window.__versions.push([span.dataset.version, Date.now()]))
    .observe(span, {attributes: true, attributeFilter: ['data-version']});
})()"""


def _finished_ms(database, source_id: int) -> float:
    with Session(database) as session:
        run = session.exec(select(SyncRun).where(SyncRun.source_id == source_id)).one()
    finished = run.finished_at
    if finished.tzinfo is None:
        finished = finished.replace(tzinfo=UTC)
    return finished.timestamp() * 1000


def _timeline(page, committed: float) -> str:
    """When the page received each data version, from the run's commit: says whether a
    late page missed the push or received it and reloaded slowly."""
    versions = page.evaluate("window.__versions || []")
    return "versions received (version, ms after the commit): " + ", ".join(
        f"({version}, {at - committed:+.0f})" for version, at in versions)


def _instance_log(supervisor, last: int = 40) -> str:
    """The instances' pushes, warnings and errors: what the server saw of a late page."""
    lines = []
    for port in supervisor.shape.instance_ports:
        path = supervisor.log_dir / f"instance-{port}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        lines += [f"{port}: {line}" for line in text.splitlines()
                  if re.search(r"pushed data version|WARNING|ERROR|Error", line)][-last:]
    return "\n".join(lines)


# First, on a shape that has lost nothing: both instances fresh.
def test_a_due_source_runs_once_and_pages_on_both_instances_update(production, two_browsers):
    supervisor, database = production.supervisor, production.engine
    server = LocalSource().start()
    try:
        url = server.serve(FEED, Answer(_calendar("Serve webinar 4b1d", "serve-4b1d@test")))
        for page in two_browsers:
            _open(page, "")
        _one_page_on_each_instance(two_browsers, supervisor)
        for page in two_browsers:
            page.evaluate("window.__notReloaded = true")
            page.evaluate(_RECORD_VERSIONS)
        source_id = add_calendar_source(database, "Serve test calendar", url)  # due at once
        # The runner (whichever instance holds the lease) runs it; from its commit, both
        # pages show the new event within 10 s, without a reload.
        _wait_until(lambda: _runs(database, source_id) == ["succeeded"], 30, "the due run")
        committed = _finished_ms(database, source_id)
        for number, page in enumerate(two_browsers):
            try:
                expect(page.get_by_text("Serve webinar 4b1d")).to_be_visible(timeout=10_000)
            except AssertionError as missed:
                raise AssertionError(f"page {number}: {_timeline(page, committed)}\n"
                                     f"{_instance_log(supervisor)}") from missed
            assert page.evaluate("window.__notReloaded") is True
        # One runner among the instances: the due run ran once.
        assert _runs(database, source_id) == ["succeeded"]
        assert _runner_pid(database) in {p.pid for p in supervisor.instances.values()}
    finally:
        server.stop()


def test_losing_an_instance_loses_no_browser_no_state_and_no_write(production, two_browsers):
    supervisor, database = production.supervisor, production.engine
    reader, joiner = two_browsers
    sign_in(reader, "steering")  # the directory, paged in the URL, is for members
    _open(reader, "members")
    _next_page(reader, 2)
    with Session(database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    email = f"failover.{uuid.uuid4().hex[:8]}@example.org"
    _open(joiner, "join")
    joiner.get_by_label("Full name").fill("Nia Methiant")
    joiner.get_by_label("Work email address").fill(email)

    # Each instance in turn dies (as if its machine did), so whichever one each browser was
    # connected to, both browsers lose theirs once. The dead one is started again before
    # the other dies.
    for port, button, number in zip(supervisor.shape.instance_ports, ("Next", "Previous"),
                                    (3, 2), strict=True):
        supervisor.kill_instance(port)
        # Both browsers reconnect to the survivor within seconds (their sockets show on its
        # /metrics). A click made in the instant between the machine dying and the browser
        # noticing goes down the dead connection, as with any websocket app: wait for the
        # reconnect, as a user would see the page respond again.
        survivor = next(p for p in supervisor.shape.instance_ports if p != port)
        _wait_until(lambda s=survivor: _connections(s) >= 2, 20, "both browsers on the survivor")
        # The reader is still signed in, on the same page of the directory, and carries on.
        _next_page(reader, number, button)
        assert reader.get_by_role("button", name="Sign out").is_visible()
        supervisor.start_instance(port)
        supervisor.wait_until_ready()
    # The half-filled form is still there, and what it sends is written.
    assert joiner.get_by_label("Full name").input_value() == "Nia Methiant"
    choose_organisation(joiner, body.name_en)
    joiner.get_by_label("Job title").fill("Data lead")
    joiner.get_by_label("I agree to the community holding these details").check()
    joiner.get_by_role("button", name="Ask to join").click()
    joiner.get_by_role("status").wait_for(timeout=20_000)
    with Session(database) as session:
        assert session.exec(select(Member).where(Member.email == email)).one()


def test_the_runner_moves_to_a_surviving_instance_mid_run_without_duplicates(production):
    supervisor, database = production.supervisor, production.engine
    server = LocalSource().start()
    killed = None
    try:
        url = server.serve(FEED, Answer(stall=True))  # the runner waits on it, mid-run
        source_id = add_calendar_source(database, "Takeover test calendar", url)
        _wait_until(lambda: _runs(database, source_id) == ["running"], 30, "the run to start")
        runner = _runner_pid(database)
        killed = next(port for port, p in supervisor.instances.items() if p.pid == runner)
        server.serve(FEED, Answer(_calendar("After the takeover", "takeover-4b1d@test")))
        supervisor.kill_instance(killed)
        # The lease expires (8 s here); the other instance takes it, records the stopped
        # run as interrupted and runs the source again, once.
        assert _wait_until(lambda: _runs(database, source_id) == ["failed", "succeeded"]
                           or None, 60, "the takeover and the run again")
        survivor = next(p.pid for port, p in supervisor.instances.items() if port != killed)
        assert _runner_pid(database) == survivor
        with Session(database) as session:
            assert len(session.exec(select(Event).where(
                Event.uid == "takeover-4b1d@test")).all()) == 1
    finally:
        server.stop()
        if killed is not None:
            supervisor.start_instance(killed)
            supervisor.wait_until_ready()


# --- PostgreSQL restarts ---------------------------------------------------------------------

def test_a_database_restart_is_a_try_again_message_then_carries_on(production, two_browsers):
    supervisor, database, relay = production.supervisor, production.engine, production.database
    joiner = two_browsers[0]
    _open(joiner, "join")
    with Session(database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    email = f"restart.{uuid.uuid4().hex[:8]}@example.org"
    joiner.get_by_label("Full name").fill("Gwen Ailgychwyn")
    joiner.get_by_label("Work email address").fill(email)
    choose_organisation(joiner, body.name_en)
    joiner.get_by_label("Job title").fill("Analyst")
    joiner.get_by_label("I agree to the community holding these details").check()

    relay.cut()  # PostgreSQL goes away: open connections reset, new ones refused
    try:
        joiner.get_by_role("button", name="Ask to join").click()
        # A message that says what to do, not an error page; nothing was written.
        expect(joiner.get_by_text("Something went wrong while saving. Nothing was changed. "
                                  "Please try again.")).to_be_visible(timeout=20_000)
        assert joiner.get_by_label("Full name").input_value() == "Gwen Ailgychwyn"
        # Neither instance is ready meanwhile (the proxy's health check reads /readyz).
        for port in supervisor.shape.instance_ports:
            _wait_until(lambda p=port: httpx.get(f"http://127.0.0.1:{p}/readyz",
                                                 timeout=10).status_code == 503,
                        30, f"/readyz on {port} to say the database is down")
    finally:
        relay.restore()
    # PostgreSQL is back: both instances are ready again, and the same form, sent again, works.
    supervisor.wait_until_ready(timeout=60)
    joiner.get_by_role("button", name="Ask to join").click()
    expect(joiner.get_by_text("Thank you. The steering group will look at your request"))\
        .to_be_visible(timeout=20_000)
    with Session(database) as session:
        assert len(session.exec(select(Member).where(Member.email == email)).all()) == 1
    assert all(process.poll() is None for process in supervisor.instances.values())


# --- last, as it empties Redis ------------------------------------------------------------


def test_a_redis_restart_is_a_reconnect_not_an_outage(production, two_browsers):
    from state.live import CHECK_SECONDS

    redis, database = production.redis, production.engine
    page, watcher = two_browsers
    sign_in(page, "steering")
    _open(page, "members")
    _next_page(page, 2)
    _open(watcher, "")  # the Overview, open before the restart, linked to the live data
    watcher.evaluate("window.__notReloaded = true")

    redis.stop()
    redis.start()  # empty: Redis here keeps nothing on disk

    # The page's state was in Redis and is gone. The reader's next action (here: switching
    # to Welsh and back) makes Reflex build it again from the page's address (hydrate and
    # on_load read the page number and filters from the URL); the session comes from the
    # HttpOnly cookie, not from the lost state. So the reader carries on from page 2.
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Aelodau").wait_for(timeout=20_000)
    page.get_by_role("button", name="English").click()
    page.locator("main h1", has_text="Members").wait_for(timeout=20_000)
    _next_page(page, 3)
    assert page.get_by_role("button", name="Sign out").is_visible()

    # Redis also forgot which pages follow the live data. The Overview, left alone, checks
    # in (every CHECK_SECONDS), is linked again and shows data synced after the restart.
    server = LocalSource().start()
    try:
        url = server.serve(FEED, Answer(_calendar("After the restart 7c3e",
                                                  "redis-7c3e@test")))
        source_id = add_calendar_source(database, "After Redis restart calendar", url)
        _wait_until(lambda: _runs(database, source_id) == ["succeeded"], 30, "the due run")
        expect(watcher.get_by_text("After the restart 7c3e")).to_be_visible(
            timeout=(2 * CHECK_SECONDS + 10) * 1000)
        assert watcher.evaluate("window.__notReloaded") is True
    finally:
        server.stop()
