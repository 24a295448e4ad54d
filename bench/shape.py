"""The production shape for the socket benchmarks (``bench.load``, ``bench.live``): Cymuned's
two instances behind Caddy (``dashboard/operations/serve.py``, as ``make serve`` starts
them) on a copy of the synthetic dataset, a Redis server of the run's own, and a floor app
in the same shape for comparison.

The copy: the dataset is built once in its own PostgreSQL database (``--database``, cached
as ``make bench``'s is) and each run works on ``<database>_run``, a copy made with
``CREATE DATABASE ... TEMPLATE`` (seconds), since sign-ins and syncs write to it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

import httpx
import sqlalchemy as sa

from dashboard.operations.serve import Shape, Supervisor, build_frontend, caddyfile, migrate

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / "bench" / ".cache" / "shape"
FLOOR_DIR = ROOT / "bench" / "floor_app"
EMAIL, PASSWORD = "steering@bench.example", "a long benchmark password 1"
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/cymuned"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parser(prog: str, doc: str, timeout: float) -> argparse.ArgumentParser:
    """The options the socket benchmarks share: how many tabs, how long a tab waits for an
    answer, and the dataset and shape."""
    from dashboard.seed.synthetic import SyntheticSize

    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=timeout, help="seconds")
    parser.add_argument("--database", default="cymuned_bench",
                        help="the dataset's PostgreSQL database (the run uses a copy)")
    parser.add_argument("--skip-build", action="store_true",
                        help="reuse the last build of the frontend (.web-load)")
    parser.add_argument("--port", type=int, default=18800,
                        help="Cymuned's proxy (its instances: the next two ports); the "
                        "floor's: 10 more. Fixed, as the built pages carry the address")
    parser.add_argument("--seed", type=int, default=2023)
    for field in fields(SyntheticSize):
        parser.add_argument(f"--{field.name}", type=int, default=field.default)
    return parser


@contextmanager
def private_redis():
    """A Redis server of the run's own (killing an instance or emptying it disturbs no one
    else): its URL."""
    port = free_port()
    directory = RUN_DIR / "redis"
    directory.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                             text=True).stdout.strip() != "PONG":
            if time.monotonic() > deadline:
                raise RuntimeError("the run's Redis did not start")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.kill()
        server.wait()


def run_database(args: argparse.Namespace) -> str:
    """The synthetic dataset (built if needed), copied to ``<database>_run`` with a steering
    account to sign in with: the copy's URL."""
    from sqlmodel import Session

    from bench.dataset import open_dataset
    from dashboard.domain.auth import create_user
    from dashboard.models import Role
    from dashboard.seed.synthetic import SyntheticSize

    base = os.environ.get("REFLEX_DB_URL", DEFAULT_DB)
    if sa.engine.make_url(base).get_backend_name() != "postgresql":
        raise SystemExit("the production shape shares PostgreSQL between instances: set "
                         "REFLEX_DB_URL to a PostgreSQL server (its database is not used)")
    size = SyntheticSize(**{f.name: getattr(args, f.name) for f in fields(SyntheticSize)})
    dataset = open_dataset(size, args.seed, base, database=args.database)
    source = dataset.engine.url
    dataset.engine.dispose()
    copy = f"{args.database}_run"
    admin = sa.create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
        for attempt in range(20):  # the template must have no other connection
            try:
                conn.execute(sa.text(f'CREATE DATABASE "{copy}" TEMPLATE "{args.database}"'))
                break
            except sa.exc.OperationalError:
                if attempt == 19:
                    raise
                time.sleep(1)
    admin.dispose()
    url = source.set(database=copy)
    engine = sa.create_engine(url)
    with Session(engine) as session:
        create_user(session, email=EMAIL, display_name="Benchmark", role=Role.STEERING,
                    password=PASSWORD)
        session.commit()
    engine.dispose()
    return url.render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    url = sa.engine.make_url(url)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


def cymuned_shape(db_url: str, redis_url: str, proxy: int) -> Shape:
    return Shape(db_url=db_url, redis_url=redis_url, proxy_port=proxy,
                 instance_ports=(proxy + 1, proxy + 2),
                 public_url=f"http://127.0.0.1:{proxy}", web_dir=".web-load",
                 run_dir=RUN_DIR / "cymuned")


@contextmanager
def serving(supervisor: Supervisor):
    supervisor.start()
    try:
        supervisor.wait_until_ready()
        yield supervisor
    finally:
        supervisor.stop()


def start_cymuned(shape: Shape, skip_build: bool) -> Supervisor:
    """Migrations (none to run on the copy, as ``make serve`` checks), the frontend built
    for the proxy's address, and the supervisor (no restarts: the survivor carries on)."""
    migrate(shape)
    if not (skip_build and (ROOT / shape.web_dir).exists()):
        print("building the production frontend...", flush=True)
        build_frontend(shape)
    return Supervisor(shape, restart=False)


class FloorSupervisor(Supervisor):
    """A minimal Reflex app in the same shape: two instances (the backend only, as the
    socket clients load no page) behind the same Caddy configuration, sharing Redis and the
    dataset. Its instances answer ``/ping`` where Cymuned's answer ``/readyz``."""

    def __init__(self, shape: Shape, app_dir: Path = FLOOR_DIR,
                 module: str = "floor_app.floor_app"):
        super().__init__(shape, restart=False)
        self.app_dir, self.module = app_dir, module

    def start_instance(self, port: int) -> None:
        from reflex_base.environment import environment

        log = (self.log_dir / f"floor-{port}.log").open("ab")
        env = {**self.shape.environment(), environment.REFLEX_SKIP_COMPILE.name: "true"}
        self.instances[port] = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", f"{self.module}:app",
             "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-access-log"],
            cwd=self.app_dir, env=env, stdout=log, stderr=subprocess.STDOUT)

    def start_proxy(self) -> None:
        config = self.shape.run_dir / "Caddyfile"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(caddyfile(self.shape).replace("health_uri /readyz",
                                                          "health_uri /ping"))
        env = {**os.environ, "XDG_DATA_HOME": str(self.shape.run_dir / "caddy-data"),
               "XDG_CONFIG_HOME": str(self.shape.run_dir / "caddy-config")}
        self.proxy = subprocess.Popen(
            [shutil.which("caddy") or "caddy", "run", "--config", str(config), "--adapter",
             "caddyfile"], env=env, stdout=(self.log_dir / "floor-proxy.log").open("ab"),
            stderr=subprocess.STDOUT)

    def wait_until_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        ports = [*self.shape.instance_ports, self.shape.proxy_port]
        while not all(answers(f"http://127.0.0.1:{port}/ping") for port in ports):
            for port, process in self.instances.items():
                if process.poll() is not None:
                    raise RuntimeError(f"floor instance {port} exited: see {self.log_dir}")
            if time.monotonic() > deadline:
                raise TimeoutError("the floor app does not answer")
            time.sleep(0.5)


def floor_shape(db_url: str, redis_url: str, port: int) -> Shape:
    proxy = port + 10
    return Shape(db_url=db_url, redis_url=redis_url, proxy_port=proxy,
                 instance_ports=(proxy + 1, proxy + 2),
                 public_url=f"http://127.0.0.1:{proxy}", web_dir=".web-load",
                 run_dir=RUN_DIR / "floor")


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


async def sign_in(client: httpx.AsyncClient, base: str) -> str:
    """Sign in as the sign-in page's form does (a POST from the site's own page); the
    ``Cookie`` header the browser then sends."""
    answer = await client.post(f"{base}/auth/sign-in",
                               data={"email": EMAIL, "password": PASSWORD, "next": "/members"},
                               headers={"Origin": base}, follow_redirects=False)
    cookie = answer.cookies.get("cymuned_session")
    if answer.status_code != 303 or not cookie:
        raise RuntimeError(f"signing in failed: {answer.status_code} {answer.headers}")
    return f"cymuned_session={cookie}"
