"""`tern server start` and `tern admin db` on PostgreSQL: the refusals a mistaken deployment gets
(unreachable server, wrong password, missing database, schema too new or not migrated), and a
server that stays up while its database goes away: UNAVAILABLE and health NOT_SERVING meanwhile,
serving again once PostgreSQL is back, nothing acknowledged lost."""
from __future__ import annotations

import asyncio
import os
import subprocess
import time
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import grpc
import pytest
from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest, GetClusterInfoRequest
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from conftest import ON_POSTGRES, POSTGRES, REPO, free_port
from test_server_start import run_one_workflow, schema_line, start_server, tern  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="needs PostgreSQL: runs with CONFORMANCE_STORE=postgres (scripts/test does)")


def with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{parts.username}:{password}@{parts.hostname}:{parts.port}"))


def cluster(command: str) -> None:
    directory = os.environ.get("CONFORMANCE_POSTGRES_DIR")
    subprocess.run([str(REPO / "scripts" / "postgres-cluster"), command, *([directory] if directory else [])],
                   check=True, capture_output=True, timeout=120)


def health_status(port: int) -> int:
    """grpc.health.v1.Health/Check for the whole server: 1 SERVING, 2 NOT_SERVING, -1 no answer."""
    request = b""  # HealthCheckRequest{service: ""}
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        call = channel.unary_unary("/grpc.health.v1.Health/Check",
                                   request_serializer=lambda b: b, response_deserializer=lambda b: b)
        try:
            response = call(request, timeout=5)
        except grpc.RpcError:
            return -1
    # HealthCheckResponse{status = 1}: field 1, varint; SERVING (1) or NOT_SERVING (2).
    return response[1] if len(response) >= 2 and response[0] == 0x08 else 0


def test_unreachable_database_is_refused_after_the_connect_timeout_naming_host_and_port():
    port = free_port()  # nothing listens there
    began = time.monotonic()
    result = tern("server", "start", "--db", f"postgres://tern:tern@127.0.0.1:{port}/tern?sslmode=disable",
                  "--db-connect-timeout", "2s", "--port", str(free_port()))
    assert result.returncode != 0
    assert f"127.0.0.1:{port}" in result.stderr
    assert time.monotonic() - began < 20


def test_wrong_password_is_refused_naming_the_user():
    url = with_password(POSTGRES.url_for(None), "not-the-password")
    result = tern("server", "start", "--db", url, "--port", str(free_port()))
    assert result.returncode != 0
    assert "password authentication failed" in result.stderr and "tern" in result.stderr
    assert "not-the-password" not in result.stderr  # never echoed


def test_missing_database_is_refused_naming_it():
    url = urlunsplit(urlsplit(POSTGRES.admin_url)._replace(path="/no_such_database_here"))
    result = tern("server", "start", "--db", url, "--port", str(free_port()))
    assert result.returncode != 0
    assert "no_such_database_here" in result.stderr


def test_admin_db_migrate_then_status_on_postgres():
    url = POSTGRES.url_for(None)
    before = tern("admin", "db", "status", "--db", url)
    assert before.returncode == 1 and schema_line(before.stdout).group(1) == "none"
    migrated = tern("admin", "db", "migrate", "--db", url)
    assert migrated.returncode == 0, migrated.stderr
    status = tern("admin", "db", "status", "--db", url)
    assert status.returncode == 0, status.stderr
    line = schema_line(status.stdout)
    assert line.group(1) == line.group(2) and line.group(3) == "up to date"
    assert "tern:tern@" not in status.stdout + status.stderr  # the password stays out of messages


def test_start_refuses_a_newer_schema_naming_both_versions():
    url = POSTGRES.url_for(None)
    assert tern("admin", "db", "migrate", "--db", url).returncode == 0
    binary = int(schema_line(tern("admin", "db", "status", "--db", url).stdout).group(2))
    subprocess.run(["psql", url.replace("?sslmode=disable", ""), "-q", "-c",
                    f"INSERT INTO tern_schema_version (version, name) VALUES ({binary + 1}, 'from-the-future')"], check=True, capture_output=True)
    result = tern("server", "start", "--db", url, "--port", str(free_port()))
    assert result.returncode != 0
    assert f"schema version {binary + 1}" in result.stderr and f"schema version {binary}" in result.stderr


async def test_start_migrates_an_empty_database_and_serves(start_server, unique):
    port = free_port()
    server = start_server(["--db", POSTGRES.url_for(None), "--port", str(port)], port=port)
    assert await run_one_workflow(server.address, unique) == "kept"
    client = await Client.connect(server.address)
    info = await client.workflow_service.get_cluster_info(GetClusterInfoRequest())
    assert info.persistence_store == "postgres12"


@pytest.mark.slow
async def test_database_outage_answers_unavailable_and_not_serving_then_recovers(start_server, unique):
    port = free_port()
    server = start_server(["--db", POSTGRES.url_for(None), "--db-connect-timeout", "2s", "--port", str(port)], port=port)
    client = await Client.connect(server.address)
    await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
    assert health_status(server.port) == 1

    cluster("stop")
    try:
        for _ in range(100):
            if health_status(server.port) == 2:
                break
            await asyncio.sleep(0.1)
        assert health_status(server.port) == 2
        with pytest.raises(RPCError) as refused:
            await client.start_workflow("Nothing", id=f"{unique}-during", task_queue=unique,
                                        rpc_timeout=timedelta(seconds=10))
        assert refused.value.status == RPCStatusCode.UNAVAILABLE, refused.value
    finally:
        cluster("start")

    for _ in range(200):
        if health_status(server.port) == 1:
            break
        await asyncio.sleep(0.1)
    assert health_status(server.port) == 1
    assert await run_one_workflow(server.address, unique) == "kept"
    # The start refused during the outage left nothing behind.
    handle = client.get_workflow_handle(f"{unique}-during")
    with pytest.raises(RPCError) as missing:
        await handle.describe()
    assert missing.value.status == RPCStatusCode.NOT_FOUND
