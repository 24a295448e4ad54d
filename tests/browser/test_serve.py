"""The production shape (`make serve`): two app instances behind Caddy, sharing PostgreSQL and
Redis, surviving the loss of an instance and a Redis restart.

Runs in CI's PostgreSQL + Redis pass (it needs both). The instances use the suite's test
database and a Redis server of their own, started here, so restarting it disturbs nothing
else; the frontend is built into its own folder for the proxy's address.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import uuid

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from dashboard.models import Member, Organisation
from dashboard.operations.serve import Shape, Supervisor, build_frontend
from tests.browser.conftest import PageWatcher, sign_in
from tests.conftest import ROOT, TEST_DB_URL

pytestmark = pytest.mark.browser
MEMBERS_PAGER = "Pages of members"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture(scope="module")
def production(demo_database, tmp_path_factory):
    url = sa.engine.make_url(TEST_DB_URL)
    if url.get_backend_name() != "postgresql":
        pytest.skip("the production shape shares PostgreSQL between instances (CI's second pass)")
    for tool in ("caddy", "redis-server"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (`make test` installs Caddy)")
    redis = PrivateRedis(tmp_path_factory.mktemp("redis"))
    redis.start()
    proxy_port = _free_port()
    shape = Shape(db_url=TEST_DB_URL, redis_url=redis.url, proxy_port=proxy_port,
                  instance_ports=(_free_port(), _free_port()),
                  public_url=f"http://127.0.0.1:{proxy_port}", web_dir=".web-serve",
                  run_dir=tmp_path_factory.mktemp("serve"))
    build_frontend(shape)
    # No restarts: the test shows the survivor carrying the load, not a quick restart.
    supervisor = Supervisor(shape, restart=False)
    supervisor.start()
    try:
        supervisor.wait_until_ready()
        yield supervisor, redis
    finally:
        supervisor.stop()
        redis.stop()
        shutil.rmtree(ROOT / ".web-serve", ignore_errors=True)


@pytest.fixture
def two_browsers(production, browser):
    supervisor, _ = production
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


def test_losing_an_instance_loses_no_browser_no_state_and_no_write(production, two_browsers,
                                                                   demo_database):
    supervisor, _ = production
    reader, joiner = two_browsers
    sign_in(reader, "steering")  # the directory, paged in the URL, is for members
    _open(reader, "members")
    _next_page(reader, 2)
    with Session(demo_database) as session:
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
        # The reader is still signed in, on the same page of the directory, and carries on.
        _next_page(reader, number, button)
        assert reader.get_by_role("button", name="Sign out").is_visible()
        supervisor.start_instance(port)
        supervisor.wait_until_ready()
    # The half-filled form is still there, and what it sends is written.
    assert joiner.get_by_label("Full name").input_value() == "Nia Methiant"
    joiner.get_by_label("Organisation").select_option(str(body.id))
    joiner.get_by_label("Job title").fill("Data lead")
    joiner.get_by_label("I agree to the community holding these details").check()
    joiner.get_by_role("button", name="Ask to join").click()
    joiner.get_by_role("status").wait_for(timeout=20_000)
    with Session(demo_database) as session:
        assert session.exec(select(Member).where(Member.email == email)).one()


def test_a_redis_restart_is_a_reconnect_not_an_outage(production, two_browsers):
    _, redis = production
    page = two_browsers[0]
    sign_in(page, "steering")
    _open(page, "members")
    _next_page(page, 2)

    redis.stop()
    redis.start()  # empty: Redis here keeps nothing on disk

    # The page's state was in Redis and is gone: Reflex loads the page again from its
    # address (hydrate and on_load, which read the page number and filters from the URL)
    # before it handles the click, and the session comes from the HttpOnly cookie, not
    # from the lost state: the reader carries on where they were, still signed in.
    _next_page(page, 3)
    assert page.get_by_role("button", name="Sign out").is_visible()
