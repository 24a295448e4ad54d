"""``make serve`` (``cymuned serve``): the production shape on one host.

    browsers ──> Caddy :8080 ──┬──> app instance :8001 ──┐
      (HTTP and the event       └──> app instance :8002 ──┼──> PostgreSQL (data)
       websocket)                        ...              └──> Redis (session state, locks)

1. The database is created if missing and migrated once (``cymuned db upgrade`` holds a
   lock, so instances started together on several machines do not race).
2. The frontend is built once (``reflex export --frontend-only``) for the public address.
3. Each app instance is its own process on its own port, as it would run on its own
   machine: one worker, the compiled frontend mounted, all state in Redis, so any instance
   can serve any browser and losing one loses nothing.
4. Caddy (Debian's package) routes HTTP and the websocket to the instances, checks each
   one's ``/readyz`` every two seconds and retries a request on another instance when one
   does not answer. ``/readyz`` and ``/metrics`` are not passed on from the public side.

An instance that dies is started again after a short pause (as systemd's Restart=always
would on a real host); the others carry its browsers meanwhile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/cymuned"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
RESTART_PAUSE = 2.0


@dataclass(frozen=True)
class Shape:
    db_url: str = DEFAULT_DB
    redis_url: str = DEFAULT_REDIS
    proxy_port: int = 8080
    instance_ports: tuple[int, ...] = (8001, 8002)
    public_url: str = "http://localhost:8080"
    # Where the compiled frontend and Caddy's files go (REFLEX_WEB_WORKDIR, the proxy's data).
    web_dir: str = ".web"
    run_dir: Path = field(default_factory=lambda: ROOT / ".serve")

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ if base is None else base)
        env.update({
            "REFLEX_DB_URL": self.db_url,
            "REFLEX_REDIS_URL": self.redis_url,
            "REFLEX_API_URL": self.public_url,
            "REFLEX_DEPLOY_URL": self.public_url,
            "REFLEX_WEB_WORKDIR": self.web_dir,
            "REFLEX_ENV_MODE": "prod",
            "CYMUNED_LOG_FORMAT": env.get("CYMUNED_LOG_FORMAT", "json"),
        })
        return env


def caddyfile(shape: Shape) -> str:
    upstreams = " ".join(f"127.0.0.1:{port}" for port in shape.instance_ports)
    return f"""{{
\tadmin off
\tauto_https off
}}

:{shape.proxy_port} {{
\t# For the operators' network only: Prometheus and the health checks reach instances
\t# directly.
\t@internal path /readyz /metrics
\trespond @internal 404

\treverse_proxy {upstreams} {{
\t\tlb_policy round_robin
\t\t# A request to an instance that does not answer is tried on another one.
\t\tlb_try_duration 10s
\t\tlb_try_interval 250ms
\t\tfail_duration 10s
\t\thealth_uri /readyz
\t\thealth_interval 2s
\t\thealth_timeout 2s
\t\theader_up X-Request-ID {{http.request.uuid}}
\t}}
}}
"""


def instance_command(port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "--factory", "dashboard.dashboard:app",
            "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
            "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1", "--no-access-log"]


def instance_environment(shape: Shape) -> dict[str, str]:
    from reflex_base.environment import environment

    env = shape.environment()
    # The frontend was built once: serve it, do not compile again (Reflex's internal
    # variables, named as Reflex names them).
    env.update({environment.REFLEX_SKIP_COMPILE.name: "true",
                environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.name: "true"})
    return env


def migrate(shape: Shape) -> None:
    subprocess.run([sys.executable, "-m", "dashboard", "db", "upgrade"], cwd=ROOT,
                   env=shape.environment(), check=True)


def build_frontend(shape: Shape, attempts: int = 2) -> None:
    """Build the frontend for the public address. Its last step prerenders each page with a
    fixed timeout, which a busy machine can miss: a failed build is tried once more."""
    reflex = Path(sys.executable).with_name("reflex")
    command = [str(reflex), "export", "--frontend-only", "--no-zip", "--env", "prod"]
    for attempt in range(1, attempts + 1):
        try:
            subprocess.run(command, cwd=ROOT, env=shape.environment(), check=True)
            return
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            print(f"building the frontend failed (attempt {attempt}); trying again",
                  file=sys.stderr, flush=True)


class Supervisor:
    """Starts the instances and the proxy, restarts an instance that dies, stops them all."""

    def __init__(self, shape: Shape, restart: bool = True):
        self.shape = shape
        self.restart = restart
        self.instances: dict[int, subprocess.Popen] = {}
        self.proxy: subprocess.Popen | None = None
        self.log_dir = shape.run_dir / "logs"

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for port in self.shape.instance_ports:
            self.start_instance(port)
        self.start_proxy()

    def start_instance(self, port: int) -> None:
        log = (self.log_dir / f"instance-{port}.log").open("ab")
        self.instances[port] = subprocess.Popen(
            instance_command(port), cwd=ROOT, env=instance_environment(self.shape),
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)

    def start_proxy(self) -> None:
        caddy = shutil.which("caddy")
        if caddy is None:
            raise RuntimeError("Caddy is not installed: `make serve` installs Debian's package")
        config = self.shape.run_dir / "Caddyfile"
        config.write_text(caddyfile(self.shape))
        env = {**os.environ, "XDG_DATA_HOME": str(self.shape.run_dir / "caddy-data"),
               "XDG_CONFIG_HOME": str(self.shape.run_dir / "caddy-config")}
        log = (self.log_dir / "proxy.log").open("ab")
        self.proxy = subprocess.Popen(
            [caddy, "run", "--config", str(config), "--adapter", "caddyfile"], env=env,
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)

    def kill_instance(self, port: int) -> None:
        """As if the machine died: SIGKILL, no goodbye to the browsers."""
        process = self.instances[port]
        process.kill()
        process.wait()

    def wait_until_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        pending = set(self.shape.instance_ports)
        while pending:
            for port in list(pending):
                if self.instances[port].poll() is not None:
                    raise RuntimeError(f"instance on port {port} exited; see "
                                       f"{self.log_dir / f'instance-{port}.log'}")
                if _answers(f"http://127.0.0.1:{port}/readyz"):
                    pending.discard(port)
            if time.monotonic() > deadline:
                raise TimeoutError(f"instances not ready: {sorted(pending)}")
            time.sleep(0.5)
        while not _answers(f"http://127.0.0.1:{self.shape.proxy_port}/healthz"):
            if self.proxy is None or self.proxy.poll() is not None:
                raise RuntimeError(f"the proxy exited; see {self.log_dir / 'proxy.log'}")
            if time.monotonic() > deadline:
                raise TimeoutError("the proxy does not answer")
            time.sleep(0.5)

    def watch(self) -> None:
        """Restart instances that die, until stopped."""
        while True:
            for port, process in list(self.instances.items()):
                if process.poll() is not None and self.restart:
                    print(f"instance on port {port} exited ({process.returncode}); restarting",
                          flush=True)
                    time.sleep(RESTART_PAUSE)
                    self.start_instance(port)
            time.sleep(1)

    def stop(self) -> None:
        for process in [*self.instances.values(), self.proxy]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.instances.values(), self.proxy]:
            if process is None:
                continue
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _die_with_parent() -> None:
    """In the child, before it starts: if the supervisor dies, even by SIGKILL, the child gets
    SIGTERM (Linux's PR_SET_PDEATHSIG), so no instance or proxy is left running alone."""
    import ctypes

    PR_SET_PDEATHSIG = 1  # noqa: N806 - the kernel's name
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port")
    parser.add_argument("--first-instance-port", type=int, default=8001)
    parser.add_argument("--public-url", help="the address browsers use (default: "
                        "http://localhost:<port>); set it to the https:// address behind TLS")
    parser.add_argument("--no-build", action="store_true", help="reuse the built frontend")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cymuned serve", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    shape = Shape(
        db_url=os.environ.get("REFLEX_DB_URL", DEFAULT_DB),
        redis_url=os.environ.get("REFLEX_REDIS_URL", DEFAULT_REDIS),
        proxy_port=args.port,
        instance_ports=tuple(range(args.first_instance_port,
                                   args.first_instance_port + args.instances)),
        public_url=args.public_url or f"http://localhost:{args.port}",
    )
    if shape.db_url.startswith("sqlite") or not shape.redis_url:
        print("several instances share PostgreSQL and Redis: set REFLEX_DB_URL and "
              "REFLEX_REDIS_URL", file=sys.stderr)
        return 2
    migrate(shape)
    if not args.no_build:
        build_frontend(shape)
    supervisor = Supervisor(shape)
    signal.signal(signal.SIGTERM, _interrupt)
    supervisor.start()
    try:
        supervisor.wait_until_ready()
        print(f"Cymuned is serving at {shape.public_url} ({args.instances} instances: "
              f"ports {', '.join(map(str, shape.instance_ports))}; logs in "
              f"{supervisor.log_dir})", flush=True)
        supervisor.watch()
    except KeyboardInterrupt:
        pass
    finally:
        supervisor.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
