"""Custom search attributes through OperatorService, as the SDK and the CLI manage them."""
from __future__ import annotations

import pytest
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import (
    AddSearchAttributesRequest,
    ListSearchAttributesRequest,
    RemoveSearchAttributesRequest,
)
from temporalio.api.workflowservice.v1 import RegisterNamespaceRequest
from google.protobuf.duration_pb2 import Duration
from temporalio.service import RPCError, RPCStatusCode

from conftest import temporal_cli

KEYWORD = IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
INT = IndexedValueType.INDEXED_VALUE_TYPE_INT


@pytest.fixture
async def namespace(client, unique):
    name = f"sa-{unique}"
    await client.workflow_service.register_namespace(
        RegisterNamespaceRequest(namespace=name, workflow_execution_retention_period=Duration(seconds=86400)))
    return name


async def listed(client, namespace):
    return await client.operator_service.list_search_attributes(ListSearchAttributesRequest(namespace=namespace))


async def test_add_list_remove(client, namespace):
    op = client.operator_service
    await op.add_search_attributes(AddSearchAttributesRequest(
        namespace=namespace, search_attributes={"CustomerId": KEYWORD, "Priority": INT}))
    resp = await listed(client, namespace)
    assert resp.custom_attributes["CustomerId"] == KEYWORD
    assert resp.custom_attributes["Priority"] == INT
    assert resp.system_attributes["WorkflowId"] == KEYWORD
    assert resp.system_attributes["StartTime"] == IndexedValueType.INDEXED_VALUE_TYPE_DATETIME

    await op.remove_search_attributes(RemoveSearchAttributesRequest(namespace=namespace, search_attributes=["Priority"]))
    resp = await listed(client, namespace)
    assert "Priority" not in resp.custom_attributes
    assert "CustomerId" in resp.custom_attributes


async def test_attributes_are_per_namespace(client, namespace):
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(namespace=namespace, search_attributes={"OnlyHere": KEYWORD}))
    assert "OnlyHere" not in (await listed(client, "default")).custom_attributes


async def test_adding_again_keeps_the_first_type(client, namespace):
    op = client.operator_service
    await op.add_search_attributes(AddSearchAttributesRequest(namespace=namespace, search_attributes={"Twice": KEYWORD}))
    await op.add_search_attributes(AddSearchAttributesRequest(namespace=namespace, search_attributes={"Twice": INT}))
    assert (await listed(client, namespace)).custom_attributes["Twice"] == KEYWORD


@pytest.mark.parametrize("attrs,words", [
    ({"WorkflowId": KEYWORD}, "reserved"),
    ({"Foo": IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED}, "type"),
    ({}, "not set"),
])
async def test_bad_additions_are_invalid_argument(client, namespace, attrs, words):
    with pytest.raises(RPCError) as err:
        await client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(namespace=namespace, search_attributes=attrs))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert words in err.value.message


async def test_removing_a_system_attribute_is_invalid_argument(client, namespace):
    with pytest.raises(RPCError) as err:
        await client.operator_service.remove_search_attributes(
            RemoveSearchAttributesRequest(namespace=namespace, search_attributes=["WorkflowId"]))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT


async def test_unknown_namespace_is_not_found(client, unique):
    with pytest.raises(RPCError) as err:
        await client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(namespace=f"none-{unique}", search_attributes={"A": KEYWORD}))
    assert err.value.status == RPCStatusCode.NOT_FOUND


def test_cli_search_attribute_create_list(server, unique):
    name = f"CliAttr{unique}"
    created = temporal_cli(server.address, "operator", "search-attribute", "create", "--name", name, "--type", "Keyword")
    assert created.returncode == 0, created.stderr
    listed_out = temporal_cli(server.address, "operator", "search-attribute", "list")
    assert listed_out.returncode == 0, listed_out.stderr
    line = next(l for l in listed_out.stdout.splitlines() if name in l)
    assert "Keyword" in line
