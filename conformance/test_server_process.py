"""The `tern server start-dev` process: flags, start-up by the SDK, persistence, shutdown."""
from __future__ import annotations

import json
import signal
import subprocess
import time
from datetime import timedelta

import pytest
from google.protobuf.duration_pb2 import Duration
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest, ListSearchAttributesRequest
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import (
    DescribeNamespaceRequest, PollWorkflowTaskQueueRequest, RegisterNamespaceRequest)
from temporalio.client import Client
from temporalio.service import KeepAliveConfig
from temporalio.testing import WorkflowEnvironment

from conftest import ON_POSTGRES, SERVER_KIND, TEMPORAL_BIN, TERN_BIN, ServerProcess, free_port

tern_only = pytest.mark.skipif(SERVER_KIND != "tern", reason="checks Tern's own messages")


async def test_start_local_launches_and_connects(tmp_path):
    """The SDK's own launcher passes its default argv (dynamic config, --headless, ...) and must connect."""
    binary = TERN_BIN if SERVER_KIND == "tern" else TEMPORAL_BIN
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary, ip="127.0.0.1", port=free_port(),
        dev_server_database_filename=str(tmp_path / "env.db"),
        search_attributes=[], dev_server_log_level="error")
    try:
        ns = await env.client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
        assert ns.namespace_info.name == "default"
    finally:
        await env.shutdown()


async def test_restart_keeps_namespaces_and_search_attributes(server_factory, tmp_path):
    db = str(tmp_path / "tern.db")
    s = server_factory(db_filename=db).start()
    c = await Client.connect(s.address)
    await c.workflow_service.register_namespace(RegisterNamespaceRequest(
        namespace="kept", description="survives restarts", workflow_execution_retention_period=Duration(seconds=7200)))
    await c.operator_service.add_search_attributes(AddSearchAttributesRequest(
        namespace="kept", search_attributes={"Region": IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD}))
    before = await c.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="kept"))

    s.kill()  # no chance to flush anything on the way out
    s.start()
    c = await Client.connect(s.address)
    after = await c.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="kept"))
    assert after.namespace_info.id == before.namespace_info.id
    assert after.namespace_info.description == "survives restarts"
    assert after.config.workflow_execution_retention_ttl.seconds == 7200
    attrs = await c.operator_service.list_search_attributes(ListSearchAttributesRequest(namespace="kept"))
    assert attrs.custom_attributes["Region"] == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD

    s.stop()
    s.start()
    c = await Client.connect(s.address)
    again = await c.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="kept"))
    assert again.namespace_info.id == before.namespace_info.id


@pytest.mark.skipif(ON_POSTGRES, reason="start-dev's in-memory mode: on PostgreSQL every server has a database")
async def test_in_memory_forgets_on_restart(server_factory):
    s = server_factory().start()
    c = await Client.connect(s.address)
    await c.workflow_service.register_namespace(RegisterNamespaceRequest(
        namespace="ephemeral", workflow_execution_retention_period=Duration(seconds=7200)))
    s.restart()
    c = await Client.connect(s.address)
    with pytest.raises(Exception):
        await c.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="ephemeral"))


async def test_namespace_and_search_attribute_flags(server_factory):
    s = server_factory(namespaces=["extra-one", "extra-two"],
                       extra_args=["--search-attribute", "OrderId=Keyword", "--search-attribute", "Amount=Double"]).start()
    c = await Client.connect(s.address)
    for ns in ("default", "extra-one", "extra-two"):
        await c.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace=ns))
    attrs = await c.operator_service.list_search_attributes(ListSearchAttributesRequest(namespace="default"))
    assert attrs.custom_attributes["OrderId"] == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
    assert attrs.custom_attributes["Amount"] == IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE


def run_tern(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run([TERN_BIN, "server", "start-dev", *args], capture_output=True, text=True, timeout=timeout)


@tern_only
@pytest.mark.parametrize("args,words", [
    (["--no-such-flag"], "no-such-flag"),
    (["--port", "70000"], "--port"),
    (["--log-format", "xml"], "--log-format"),
    (["--log-level", "chatty"], "--log-level"),
    (["--search-attribute", "Broken"], "--search-attribute"),
    (["--search-attribute", "X=Colour"], "--search-attribute"),
    (["--dynamic-config-value", "novalue"], "KEY=VALUE"),
    (["--dynamic-config-value", "matching.longPollExpirationInterval=soon"], "duration"),
    (["--time-skipping", "--db-filename", "/tmp/never-created.db"], "--time-skipping"),
])
def test_bad_flags_exit_with_a_clear_message(args, words):
    result = run_tern(*args)
    assert result.returncode != 0
    assert words in result.stderr


@tern_only
def test_busy_port_is_a_clear_error(server):
    result = run_tern("--port", str(server.port))
    assert result.returncode != 0
    assert "already in use" in result.stderr
    assert str(server.port) in result.stderr


@tern_only
def test_sigterm_and_sigint_shut_down_cleanly(server_factory):
    for sig in (signal.SIGTERM, signal.SIGINT):
        s = server_factory().start()
        started = time.monotonic()
        assert s.stop(sig) == 0
        assert time.monotonic() - started < 10


@tern_only
def test_json_logs_and_ignored_dynamic_config(server_factory):
    s = server_factory(extra_args=["--log-format", "json", "--log-level", "info",
                                   "--dynamic-config-value", "some.unknownKey=42",
                                   "--dynamic-config-value", "frontend.enableUpdateWorkflowExecution=true"]).start()
    s.stop()
    lines = [json.loads(l) for l in s.log().splitlines() if l.startswith("{")]
    assert any(l.get("msg") == "Tern server ready" for l in lines)
    ignored = [l for l in lines if "some.unknownKey=42" in l.get("entry", "")]
    assert ignored and ignored[0]["level"] in ("notice", "warning")
    assert not any("enableUpdateWorkflowExecution" in l.get("entry", "") for l in lines)


async def test_keepalive_pings_at_the_allowed_rate_keep_a_quiet_call_open(server_factory, unique):
    """The SDKs send HTTP/2 keepalive pings on a timer (every 30 s by default) whether or not data
    flows. A ping more frequent than `frontend.keepAliveMinTime` is a strike, and a few strikes
    close the connection; one at the allowed rate must not be, even on a call that stays silent
    (a long poll on an empty queue). Before Tern set this policy, the transport's default
    (5 minutes) closed an SDK client's connection after about 2 minutes of quiet."""
    s = server_factory(extra_args=["--dynamic-config-value", "frontend.keepAliveMinTime=\"1s\"",
                                   "--dynamic-config-value", "matching.longPollExpirationInterval=\"8s\""]).start()
    c = await Client.connect(s.address, keep_alive_config=KeepAliveConfig(interval_millis=1500, timeout_millis=5000))
    began = time.monotonic()
    task = await c.workflow_service.poll_workflow_task_queue(PollWorkflowTaskQueueRequest(
        namespace="default", task_queue=TaskQueue(name=unique), identity="quiet"), timeout=timedelta(seconds=20))
    assert task.task_token == b""  # the poll expired empty: the connection lived through ~5 pings
    assert time.monotonic() - began > 6
