"""PauseWorkflowExecution and UnpauseWorkflowExecution with `frontend.WorkflowPauseEnabled` on: a
paused run stays open, records what happens to it, and gets no workflow task until unpaused.
(The SDK cannot read the PAUSED status yet, so these tests use the raw RPCs.)"""
from __future__ import annotations

import asyncio
import json

import pytest
from temporalio.api.common.v1 import WorkflowExecution, WorkflowType
from temporalio.api.enums.v1 import EventType, WorkflowExecutionStatus, WorkflowTaskFailedCause
from temporalio.api.query.v1 import WorkflowQuery
from temporalio.api.update.v1 import Input, Meta, Request
from temporalio.api.workflowservice.v1 import (
    DescribeWorkflowExecutionRequest,
    PauseWorkflowExecutionRequest,
    QueryWorkflowRequest,
    UnpauseWorkflowExecutionRequest,
    UpdateWorkflowExecutionRequest,
)
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from wf_defs import MailboxWorkflow

PAUSED = WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_PAUSED


@pytest.fixture
async def pausing(server_factory) -> Client:
    server = server_factory(extra_args=["--dynamic-config-value", "frontend.WorkflowPauseEnabled=true"]).start()
    return await Client.connect(server.address)


async def pause(client: Client, workflow_id: str, request_id: str = "", reason: str = "maintenance"):
    await client.workflow_service.pause_workflow_execution(PauseWorkflowExecutionRequest(
        namespace="default", workflow_id=workflow_id, identity="op", reason=reason, request_id=request_id))


async def unpause(client: Client, workflow_id: str):
    await client.workflow_service.unpause_workflow_execution(UnpauseWorkflowExecutionRequest(
        namespace="default", workflow_id=workflow_id, identity="op", reason="done"))


async def describe(client: Client, workflow_id: str):
    return await client.workflow_service.describe_workflow_execution(DescribeWorkflowExecutionRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=workflow_id)))


async def event_types(client: Client, workflow_id: str) -> list[int]:
    return [e.event_type for e in (await client.get_workflow_handle(workflow_id).fetch_history()).events]


async def error_of(call) -> tuple[RPCStatusCode, str]:
    with pytest.raises(RPCError) as err:
        await call
    return err.value.status, err.value.message


async def test_a_paused_workflow_records_signals_but_runs_nothing_until_unpaused(pausing, unique):
    client = pausing
    async with Worker(client, task_queue=unique, workflows=[MailboxWorkflow]):
        handle = await client.start_workflow(MailboxWorkflow.run, "", id=unique, task_queue=unique)
        assert await handle.query(MailboxWorkflow.count) == 0
        await pause(client, unique, request_id="p-1")
        await pause(client, unique, request_id="p-1")  # the same request again: nothing more happens
        assert await error_of(pause(client, unique, request_id="p-2")) == \
            (RPCStatusCode.FAILED_PRECONDITION, "workflow is already paused.")
        described = await describe(client, unique)
        assert described.workflow_execution_info.status == PAUSED
        info = described.workflow_extended_info.pause_info
        assert (info.identity, info.reason) == ("op", "maintenance") and info.HasField("paused_time")
        marker = described.workflow_execution_info.search_attributes.indexed_fields["TemporalPauseInfo"]
        assert json.loads(marker.data) == [f"Workflow:{unique}", "Reason:maintenance"]
        for _ in range(100):
            if (await client.count_workflows(f"WorkflowId = '{unique}' AND ExecutionStatus = 'Paused'")).count == 1:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the paused workflow is not listed as Paused")

        await handle.signal(MailboxWorkflow.put, "a")
        await asyncio.sleep(1.5)
        types = await event_types(client, unique)
        assert types[-2:] == [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_PAUSED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]
        assert types.count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_PAUSED) == 1
        rejected = await client.workflow_service.query_workflow(QueryWorkflowRequest(
            namespace="default", execution=WorkflowExecution(workflow_id=unique), query=WorkflowQuery(query_type="count")))
        assert rejected.query_rejected.status == PAUSED
        assert await error_of(client.workflow_service.update_workflow_execution(UpdateWorkflowExecutionRequest(
            namespace="default", workflow_execution=WorkflowExecution(workflow_id=unique),
            request=Request(meta=Meta(update_id="u"), input=Input(name="anything"))))) == \
            (RPCStatusCode.FAILED_PRECONDITION, "Workflow is paused. Cannot update the workflow.")

        await unpause(client, unique)
        assert await handle.query(MailboxWorkflow.count) == 1  # the worker got the signal at last
        assert await error_of(unpause(client, unique)) == (RPCStatusCode.FAILED_PRECONDITION, "workflow is not paused.")
        history = (await handle.fetch_history()).events
        unpaused = next(e for e in history if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UNPAUSED)
        # Marked so that SDKs that do not know these events skip them (the worker above did).
        assert unpaused.worker_may_ignore and all(
            e.worker_may_ignore for e in history if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_PAUSED)
        assert (unpaused.workflow_execution_unpaused_event_attributes.identity,
                unpaused.workflow_execution_unpaused_event_attributes.reason) == ("op", "done")
        assert history[unpaused.event_id].event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
        after = await describe(client, unique)
        assert not after.workflow_extended_info.HasField("pause_info")
        assert "TemporalPauseInfo" not in after.workflow_execution_info.search_attributes.indexed_fields
        await handle.signal(MailboxWorkflow.put, "done")
        assert await handle.result() == ["a", "done"]
    assert await error_of(pause(client, unique)) == (RPCStatusCode.NOT_FOUND, "workflow execution already completed")


async def test_a_task_no_worker_has_started_is_withdrawn_by_the_pause(pausing, unique):
    client = pausing
    await client.start_workflow(MailboxWorkflow.run, "", id=unique, task_queue=unique)
    await pause(client, unique)
    events = (await client.get_workflow_handle(unique).fetch_history()).events
    assert [e.event_type for e in events[2:]] == [
        EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_PAUSED]
    failed = events[2].workflow_task_failed_event_attributes
    assert failed.scheduled_event_id == 2 and failed.started_event_id == 0
    assert failed.cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_PAUSE_REQUESTED_BEFORE_TASK_STARTED
    async with Worker(client, task_queue=unique, workflows=[MailboxWorkflow]):
        await asyncio.sleep(1)
        assert len(await event_types(client, unique)) == 4  # a polling worker gets nothing
        await unpause(client, unique)
        assert await client.get_workflow_handle(unique).query(MailboxWorkflow.count) == 0
    # Terminating a paused run works; pause and unpause then find it closed.
    await client.get_workflow_handle(unique).terminate()
    assert await error_of(unpause(client, unique)) == (RPCStatusCode.NOT_FOUND, "workflow execution already completed")


async def test_the_cli_pauses_describes_and_unpauses(server_factory, unique):
    from conftest import temporal_cli

    server = server_factory(extra_args=["--dynamic-config-value", "frontend.WorkflowPauseEnabled=true"]).start()
    client = await Client.connect(server.address)
    await client.start_workflow(MailboxWorkflow.run, "", id=unique, task_queue=unique)
    paused = temporal_cli(server.address, "workflow", "pause", "-w", unique, "--reason", "cli-pause")
    assert paused.returncode == 0 and "paused" in paused.stdout, paused.stderr
    again = temporal_cli(server.address, "workflow", "pause", "-w", unique)
    assert again.returncode != 0 and "workflow is already paused." in again.stderr
    described = temporal_cli(server.address, "workflow", "describe", "-w", unique)
    assert described.returncode == 0 and "cli-pause" in described.stdout, described.stderr
    for _ in range(50):
        listed = temporal_cli(server.address, "workflow", "list", "-q", f"WorkflowId = '{unique}'")
        if "Paused" in listed.stdout:
            break
        await asyncio.sleep(0.2)
    else:
        raise AssertionError(listed.stdout)
    assert temporal_cli(server.address, "workflow", "unpause", "-w", unique, "--reason", "go").returncode == 0
    assert (await describe(client, unique)).workflow_execution_info.status == \
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
