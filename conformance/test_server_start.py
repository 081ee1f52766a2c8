"""`tern server start` (settings from a YAML file, TERN_* variables and flags; never in memory)
and `tern admin db migrate|status`, run as the real binary."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
import uuid

import pytest
from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.client import Client
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from conftest import SERVER_KIND, TERN_BIN, ServerProcess, free_port
from wf_defs import OneActivityWorkflow, echo

pytestmark = pytest.mark.skipif(SERVER_KIND != "tern", reason="tern's own production command")


def environment(extra: dict[str, str] | None) -> dict[str, str]:
    """This process's environment without settings a developer may have exported (TERN_DB, ...)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("TERN_") or k == "TERN_BIN"}
    return {**base, **(extra or {})}


def tern(*args: str, env: dict[str, str] | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([TERN_BIN, *args], capture_output=True, text=True, timeout=timeout, env=environment(env))


class StartedServer(ServerProcess):
    """`tern server start ARGS` with extra environment; `port` is where it is expected to listen."""

    def __init__(self, args: list[str], port: int, env: dict[str, str] | None = None) -> None:
        super().__init__()
        self.args = args
        self.port = port
        self.env = env or {}

    def argv(self) -> list[str]:
        return [TERN_BIN, "server", "start", "--log-level", "warn", *self.args]

    def start(self, timeout: float = 30.0) -> "StartedServer":
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.argv(), stdout=log, stderr=subprocess.STDOUT, env=environment(self.env))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            if self._answers():
                return self
            time.sleep(0.05)
        raise TimeoutError(f"server not ready after {timeout}s:\n{self.log()}")


@pytest.fixture
def start_server():
    started: list[StartedServer] = []

    def make(args: list[str], port: int | None = None, env: dict[str, str] | None = None) -> StartedServer:
        s = StartedServer(args, port or free_port(), env)
        started.append(s)
        return s.start()

    yield make
    for s in started:
        s.stop(signal.SIGKILL)


def schema_line(output: str) -> re.Match:
    match = re.search(r"database schema version (\S+).*, binary schema version (\d+): (.*)", output)
    assert match, output
    return match


# ---- refusals --------------------------------------------------------------------------------


def test_start_without_a_database_says_how_to_give_one(tmp_path):
    result = tern("server", "start", "--port", str(free_port()))
    assert result.returncode != 0
    for words in ("--db", "TERN_DB", "db:", "--config", "postgres://", ".db"):
        assert words in result.stderr, result.stderr
    assert "in memory" in result.stderr


def test_unknown_config_key_names_the_file_and_the_nearest_key(tmp_path):
    config = tmp_path / "tern.yaml"
    config.write_text(f"dbb: {tmp_path / 'x.db'}\nport: 7233\n")
    result = tern("server", "start", "--config", str(config))
    assert result.returncode != 0
    assert str(config) in result.stderr
    assert 'unknown key "dbb"; did you mean "db"?' in result.stderr
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("args,env,words", [
    (["--port", "abc"], {}, "--port: expected an integer 0-65535"),
    ([], {"TERN_PORT": "abc"}, "TERN_PORT: expected an integer 0-65535"),
    (["--db-connect-timeout", "soon"], {}, "--db-connect-timeout"),
    (["--log-level", "chatty"], {}, "--log-level"),
    (["--db", "mysql://h/d"], {}, "--db: expected a SQLite file path or a postgres://"),
    (["--dynamic-config-value", "history.cacheMaxSiz=3"], {}, 'did you mean "history.cacheMaxSize"'),
])
def test_bad_flag_and_environment_values_name_them(tmp_path, args, env, words):
    result = tern("server", "start", "--db", str(tmp_path / "never.db"), *args, env=env)
    assert result.returncode != 0
    assert words in result.stderr, result.stderr
    assert not (tmp_path / "never.db").exists()


def test_bad_value_in_the_file_names_file_and_key(tmp_path):
    config = tmp_path / "tern.yaml"
    config.write_text(f"db: {tmp_path / 'x.db'}\nport: abc\n")
    result = tern("server", "start", "--config", str(config))
    assert result.returncode != 0
    assert f'{config}: port: expected an integer 0-65535, got "abc"' in result.stderr


@pytest.fixture
def read_only_dir(tmp_path):
    """A directory nobody can create files in, root included (chattr +i where root ignores modes)."""
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o555)
    immutable = False
    if os.geteuid() == 0:
        immutable = subprocess.run(["chattr", "+i", str(d)], capture_output=True).returncode == 0
    try:
        probe = d / "probe"
        try:
            probe.touch()
            probe.unlink()
            pytest.skip("cannot make a directory read-only here")
        except OSError:
            pass
        yield d
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(d)], capture_output=True)
        d.chmod(0o755)


def test_sqlite_path_in_a_read_only_directory_is_refused_and_nothing_is_created(read_only_dir):
    db = read_only_dir / "tern.db"
    result = tern("server", "start", "--db", str(db), "--port", str(free_port()))
    assert result.returncode != 0
    assert str(db) in result.stderr
    assert "not writable" in result.stderr
    assert list(read_only_dir.iterdir()) == []


def test_sqlite_path_in_a_missing_directory_is_refused(tmp_path):
    db = tmp_path / "no" / "such" / "tern.db"
    result = tern("server", "start", "--db", str(db), "--port", str(free_port()))
    assert result.returncode != 0
    assert str(db) in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


# ---- serving ---------------------------------------------------------------------------------


async def run_one_workflow(address: str, unique: str) -> str:
    client = await Client.connect(address)
    async with Worker(client, task_queue=unique, workflows=[OneActivityWorkflow], activities=[echo],
                      workflow_runner=UnsandboxedWorkflowRunner()):
        return await client.execute_workflow(OneActivityWorkflow.run, "kept", id=unique, task_queue=unique)


async def test_start_on_a_sqlite_file_serves_and_survives_a_restart(start_server, tmp_path, unique):
    db = tmp_path / "tern.db"
    port = free_port()
    s = start_server(["--db", str(db), "--ip", "127.0.0.1", "--port", str(port)], port=port)
    assert await run_one_workflow(s.address, unique) == "kept"
    assert s.stop() == 0  # SIGTERM: a clean exit

    s.start()
    client = await Client.connect(s.address)
    handle = client.get_workflow_handle(unique)
    assert await handle.result() == "kept"
    assert (await handle.describe()).status.name == "COMPLETED"
    assert s.stop(signal.SIGINT) == 0


async def test_config_file_port_and_namespaces_are_used_and_flags_override(start_server, tmp_path):
    file_port, flag_port = free_port(), free_port()
    config = tmp_path / "tern.yaml"
    config.write_text(f"db: {tmp_path / 'cfg.db'}\nport: {file_port}\nnamespaces: [orders, billing]\n")

    s = start_server(["--config", str(config)], port=file_port)
    client = await Client.connect(s.address)
    for ns in ("default", "orders", "billing"):
        await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace=ns))
    s.stop()

    s = start_server(["--config", str(config), "--port", str(flag_port)], port=flag_port)
    assert not answers_on(file_port)
    await (await Client.connect(s.address)).workflow_service.describe_namespace(
        DescribeNamespaceRequest(namespace="orders"))


async def test_environment_overrides_the_file_but_not_the_flag(start_server, tmp_path):
    file_port, env_port, flag_port = free_port(), free_port(), free_port()
    config = tmp_path / "tern.yaml"
    config.write_text(f"db: {tmp_path / 'env.db'}\nport: {file_port}\n")

    s = start_server(["--config", str(config)], port=env_port, env={"TERN_PORT": str(env_port)})
    assert not answers_on(file_port)
    s.stop()

    s = start_server(["--config", str(config), "--port", str(flag_port)], port=flag_port,
                     env={"TERN_PORT": str(env_port)})
    assert not answers_on(env_port)
    s.stop()


def test_environment_gives_the_database(start_server, tmp_path):
    db = tmp_path / "from-env.db"
    port = free_port()
    s = start_server(["--port", str(port)], port=port, env={"TERN_DB": str(db)})
    assert db.exists()
    assert s.stop() == 0


def answers_on(port: int) -> bool:
    probe = ServerProcess()
    probe.port = port
    return probe._answers()


# ---- schema versions -------------------------------------------------------------------------


def test_admin_db_migrate_then_status(tmp_path):
    db = tmp_path / "admin.db"
    before = tern("admin", "db", "status", "--db", str(db))
    assert before.returncode == 1
    assert schema_line(before.stdout).group(1) == "none"
    assert not db.exists()  # status creates nothing

    migrated = tern("admin", "db", "migrate", "--db", str(db))
    assert migrated.returncode == 0, migrated.stderr
    line = schema_line(migrated.stdout)
    assert "was empty" in migrated.stdout and line.group(3) == "migrated"

    status = tern("admin", "db", "status", "--db", str(db))
    assert status.returncode == 0, status.stderr
    line = schema_line(status.stdout)
    assert line.group(1) == line.group(2) and line.group(3) == "up to date"
    assert "  applied  " in status.stdout and "  pending  " not in status.stdout

    again = tern("admin", "db", "migrate", env={"TERN_DB": str(db)})
    assert again.returncode == 0 and "nothing to do" in again.stdout


def test_admin_db_reads_the_config_file(tmp_path):
    db = tmp_path / "via-config.db"
    config = tmp_path / "tern.yaml"
    config.write_text(f"db: {db}\n")
    assert tern("admin", "db", "migrate", "--config", str(config)).returncode == 0
    assert "up to date" in tern("admin", "db", "status", "--config", str(config)).stdout


def test_admin_db_without_a_database_says_how_to_give_one():
    result = tern("admin", "db", "status")
    assert result.returncode != 0 and "TERN_DB" in result.stderr


def test_start_refuses_an_older_schema_and_names_the_migrate_command(start_server, tmp_path):
    db = tmp_path / "old.db"
    assert tern("admin", "db", "migrate", "--db", str(db)).returncode == 0
    binary = int(schema_line(tern("admin", "db", "status", "--db", str(db)).stdout).group(2))
    with sqlite3.connect(db) as conn:  # as if written by a tern one migration older
        last = conn.execute("SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM grdb_migrations WHERE identifier = ?", (last,))

    result = tern("server", "start", "--db", str(db), "--port", str(free_port()))
    assert result.returncode != 0
    assert f"schema version {binary - 1}" in result.stderr and f"schema version {binary}" in result.stderr
    assert f"tern admin db migrate --db {db}" in result.stderr

    status = tern("admin", "db", "status", "--db", str(db))
    assert status.returncode == 1
    assert f"pending  {last}" in status.stdout


def test_start_refuses_a_newer_schema(tmp_path):
    db = tmp_path / "newer.db"
    assert tern("admin", "db", "migrate", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    result = tern("server", "start", "--db", str(db), "--port", str(free_port()))
    assert result.returncode != 0
    assert "schema version 99" in result.stderr and "newer" in result.stderr


def test_start_migrates_an_empty_file_and_says_so(start_server, tmp_path):
    db = tmp_path / "empty.db"
    db.touch()
    port = free_port()
    s = StartedServer(["--db", str(db), "--port", str(port), "--log-level", "info"], port)
    try:
        s.start()
        assert "created the schema" in s.log()
    finally:
        s.stop(signal.SIGKILL)
    assert "up to date" in tern("admin", "db", "status", "--db", str(db)).stdout
