"""Namespaces through the official clients: the Python SDK's raw service calls and the
`temporal operator namespace` CLI commands."""
from __future__ import annotations

import json

import pytest
from google.protobuf.duration_pb2 import Duration
from temporalio.api.errordetails.v1 import NamespaceAlreadyExistsFailure, NamespaceNotFoundFailure
from temporalio.api.workflowservice.v1 import (
    DescribeNamespaceRequest,
    GetSystemInfoRequest,
    ListNamespacesRequest,
    RegisterNamespaceRequest,
    UpdateNamespaceRequest,
)
from temporalio.service import RPCError, RPCStatusCode

from conftest import temporal_cli

DAY = Duration(seconds=86400)


async def test_connect_and_system_info(client):
    info = await client.workflow_service.get_system_info(GetSystemInfoRequest())
    assert info.server_version


async def test_default_namespace_exists(client):
    ns = await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
    assert ns.namespace_info.name == "default"
    assert ns.namespace_info.state == 1  # REGISTERED
    assert ns.namespace_info.id
    assert ns.config.workflow_execution_retention_ttl.seconds == 86400
    assert ns.replication_config.active_cluster_name == "active"
    assert ns.namespace_info.limits.blob_size_limit_error == 2 * 1024 * 1024


async def test_register_describe_by_name_and_id(client, unique):
    ws = client.workflow_service
    await ws.register_namespace(RegisterNamespaceRequest(
        namespace=f"ns-{unique}", description="orders", owner_email="ops@example.com",
        workflow_execution_retention_period=Duration(seconds=3 * 86400), data={"team": "payments"}))
    ns = await ws.describe_namespace(DescribeNamespaceRequest(namespace=f"ns-{unique}"))
    assert ns.namespace_info.description == "orders"
    assert ns.namespace_info.owner_email == "ops@example.com"
    assert dict(ns.namespace_info.data) == {"team": "payments"}
    assert ns.config.workflow_execution_retention_ttl.seconds == 3 * 86400
    by_id = await ws.describe_namespace(DescribeNamespaceRequest(id=ns.namespace_info.id))
    assert by_id.namespace_info.name == f"ns-{unique}"


async def test_register_existing_is_already_exists(client):
    with pytest.raises(RPCError) as err:
        await client.workflow_service.register_namespace(
            RegisterNamespaceRequest(namespace="default", workflow_execution_retention_period=DAY))
    assert err.value.status == RPCStatusCode.ALREADY_EXISTS
    assert "already exists" in err.value.message
    detail = NamespaceAlreadyExistsFailure()
    assert err.value.grpc_status.details[0].Unpack(detail)


async def test_describe_unknown_is_not_found(client, unique):
    with pytest.raises(RPCError) as err:
        await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace=f"missing-{unique}"))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert f"missing-{unique}" in err.value.message
    detail = NamespaceNotFoundFailure()
    assert err.value.grpc_status.details[0].Unpack(detail)
    assert detail.namespace == f"missing-{unique}"


@pytest.mark.parametrize("retention", [None, Duration(seconds=0), Duration(seconds=59), Duration(seconds=-5)])
async def test_invalid_retention_is_invalid_argument(client, unique, retention):
    req = RegisterNamespaceRequest(namespace=f"ret-{unique}")
    if retention is not None:
        req.workflow_execution_retention_period.CopyFrom(retention)
    with pytest.raises(RPCError) as err:
        await client.workflow_service.register_namespace(req)
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert "retention" in err.value.message


@pytest.mark.parametrize("name,words", [("", "not set"), ("x" * 1001, "exceeds")])
async def test_invalid_name_is_invalid_argument(client, name, words):
    with pytest.raises(RPCError) as err:
        await client.workflow_service.register_namespace(
            RegisterNamespaceRequest(namespace=name, workflow_execution_retention_period=DAY))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert words in err.value.message


async def test_server_survives_bad_input(client):
    """After a burst of bad requests the server still answers normally."""
    for _ in range(20):
        with pytest.raises(RPCError):
            await client.workflow_service.register_namespace(RegisterNamespaceRequest(namespace=""))
    info = await client.workflow_service.get_system_info(GetSystemInfoRequest())
    assert info.server_version


async def test_update_namespace(client, unique):
    ws = client.workflow_service
    name = f"upd-{unique}"
    await ws.register_namespace(RegisterNamespaceRequest(namespace=name, workflow_execution_retention_period=DAY,
                                                         description="before", data={"a": "1"}))
    resp = await ws.update_namespace(UpdateNamespaceRequest(
        namespace=name,
        update_info={"description": "after", "owner_email": "me@example.com", "data": {"b": "2"}},
        config={"workflow_execution_retention_ttl": Duration(seconds=7200)}))
    assert resp.namespace_info.description == "after"
    ns = await ws.describe_namespace(DescribeNamespaceRequest(namespace=name))
    assert ns.namespace_info.description == "after"
    assert ns.namespace_info.owner_email == "me@example.com"
    assert dict(ns.namespace_info.data) == {"a": "1", "b": "2"}
    assert ns.config.workflow_execution_retention_ttl.seconds == 7200
    with pytest.raises(RPCError) as err:
        await ws.update_namespace(UpdateNamespaceRequest(
            namespace=name, config={"workflow_execution_retention_ttl": Duration(seconds=1)}))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT


async def test_update_unknown_is_not_found(client, unique):
    with pytest.raises(RPCError) as err:
        await client.workflow_service.update_namespace(UpdateNamespaceRequest(namespace=f"nope-{unique}"))
    assert err.value.status == RPCStatusCode.NOT_FOUND


async def test_list_namespaces_pages_without_gaps(client, unique):
    ws = client.workflow_service
    names = {f"page-{unique}-{i:02d}" for i in range(7)}
    for n in names:
        await ws.register_namespace(RegisterNamespaceRequest(namespace=n, workflow_execution_retention_period=DAY))
    seen: list[str] = []
    token = b""
    pages = 0
    while True:
        resp = await ws.list_namespaces(ListNamespacesRequest(page_size=3, next_page_token=token))
        assert len(resp.namespaces) <= 3
        seen += [n.namespace_info.name for n in resp.namespaces]
        pages += 1
        token = resp.next_page_token
        if not token:
            break
        assert pages < 100
    assert names <= set(seen)
    assert len(seen) == len(set(seen)), "a namespace was listed twice"
    assert "default" in seen


def test_cli_namespace_create_describe_list(server, unique):
    name = f"cli-{unique}"
    created = temporal_cli(server.address, "operator", "namespace", "create", "-n", name,
                           "--retention", "48h", "--description", "from the CLI")
    assert created.returncode == 0, created.stderr
    assert f"Namespace {name} successfully registered." in created.stdout

    described = temporal_cli(server.address, "operator", "namespace", "describe", "-n", name)
    assert described.returncode == 0, described.stderr
    assert "NamespaceInfo.Name" in described.stdout and name in described.stdout
    assert "48h0m0s" in described.stdout
    assert "from the CLI" in described.stdout

    as_json = temporal_cli(server.address, "operator", "namespace", "describe", "-n", name, "-o", "json")
    doc = json.loads(as_json.stdout)
    assert doc["namespaceInfo"]["name"] == name
    assert doc["config"]["workflowExecutionRetentionTtl"] == "172800s"

    listed = temporal_cli(server.address, "operator", "namespace", "list")
    assert listed.returncode == 0, listed.stderr
    assert name in listed.stdout and "default" in listed.stdout

    again = temporal_cli(server.address, "operator", "namespace", "create", "-n", name)
    assert again.returncode != 0
    assert "already exists" in again.stderr

    missing = temporal_cli(server.address, "operator", "namespace", "describe", "-n", f"none-{unique}")
    assert missing.returncode != 0
    assert "not found" in missing.stderr


def test_cli_namespace_update(server, unique):
    name = f"cliupd-{unique}"
    assert temporal_cli(server.address, "operator", "namespace", "create", "-n", name).returncode == 0
    upd = temporal_cli(server.address, "operator", "namespace", "update", "-n", name, "--description", "changed",
                       "--retention", "72h")
    assert upd.returncode == 0, upd.stderr
    described = temporal_cli(server.address, "operator", "namespace", "describe", "-n", name, "-o", "json")
    doc = json.loads(described.stdout)
    assert doc["namespaceInfo"]["description"] == "changed"
    assert doc["config"]["workflowExecutionRetentionTtl"] == "259200s"
