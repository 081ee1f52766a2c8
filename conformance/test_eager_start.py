"""Eager workflow start: a StartWorkflowExecution that asks for it carries the run's first
workflow task, so a worker in the starting process runs it without polling."""
from __future__ import annotations

import uuid
from datetime import timedelta

from google.protobuf.duration_pb2 import Duration
from temporalio.api.command.v1 import Command, CompleteWorkflowExecutionCommandAttributes
from temporalio.api.common.v1 import WorkflowExecution, WorkflowType
from temporalio.api.enums.v1 import (
    CommandType,
    EventType,
    UpdateWorkflowExecutionLifecycleStage,
    WorkflowExecutionStatus,
    WorkflowIdConflictPolicy,
)
from temporalio.api.errordetails.v1 import MultiOperationExecutionFailure
from temporalio.api.update.v1 import Input, Request, WaitPolicy
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import (
    DescribeNamespaceRequest,
    DescribeWorkflowExecutionRequest,
    ExecuteMultiOperationRequest,
    GetSystemInfoRequest,
    GetWorkflowExecutionHistoryRequest,
    PollWorkflowTaskQueueRequest,
    RespondWorkflowTaskCompletedRequest,
    StartWorkflowExecutionRequest,
    UpdateWorkflowExecutionRequest,
)
import pytest
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from conftest import SERVER_KIND
from engine_defs import ENGINE_ACTIVITIES, ENGINE_WORKFLOWS, QuickWorkflow


def eager_start(queue: str, workflow_id: str, request_id: str | None = None, **extra) -> StartWorkflowExecutionRequest:
    return StartWorkflowExecutionRequest(
        namespace="default", workflow_id=workflow_id, workflow_type=WorkflowType(name="Eager"),
        task_queue=TaskQueue(name=queue), request_id=request_id or str(uuid.uuid4()), identity="eager-client",
        request_eager_execution=True, **extra)


def complete(token: bytes) -> RespondWorkflowTaskCompletedRequest:
    return RespondWorkflowTaskCompletedRequest(
        namespace="default", task_token=token, identity="eager-worker",
        commands=[Command(command_type=CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
                          complete_workflow_execution_command_attributes=CompleteWorkflowExecutionCommandAttributes())])


async def history(ws, workflow_id):
    resp = await ws.get_workflow_execution_history(GetWorkflowExecutionHistoryRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=workflow_id)))
    return list(resp.history.events)


async def test_sdk_eager_start_runs_on_the_local_worker(client, unique):
    async with Worker(client, task_queue=unique, workflows=ENGINE_WORKFLOWS, activities=ENGINE_ACTIVITIES):
        handle = await client.start_workflow(QuickWorkflow.run, "eager", id=unique, task_queue=unique,
                                             request_eager_start=True)
        # The SDK records whether the start response carried the task (its worker then ran it).
        assert getattr(handle, "__temporal_eagerly_started") is True
        assert await handle.result() == "eager"
    events = await history(client.workflow_service, unique)
    assert [e.event_type for e in events[:4]] == [
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED]
    assert events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED


async def test_start_response_carries_the_first_task(client, unique):
    ws = client.workflow_service
    resp = await ws.start_workflow_execution(eager_start(unique, unique))
    task = resp.eager_workflow_task
    assert resp.started and task.task_token
    assert task.workflow_execution.workflow_id == unique and task.workflow_execution.run_id == resp.run_id
    assert task.workflow_type.name == "Eager" and task.attempt == 1 and task.started_event_id == 3
    assert [e.event_id for e in task.history.events] == [1, 2, 3]
    started = task.history.events[2]
    assert started.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
    # The task was started by the starter itself: the event names the start's identity.
    assert started.workflow_task_started_event_attributes.identity == "eager-client"

    # Nothing is left for a poller: the task never went through the task queue. (The poll ends
    # empty or at its deadline; Temporal refuses polls shorter than 2 s.)
    try:
        polled = await ws.poll_workflow_task_queue(PollWorkflowTaskQueueRequest(
            namespace="default", task_queue=TaskQueue(name=unique), identity="poller"), timeout=timedelta(seconds=3))
        assert not polled.task_token
    except RPCError as err:
        assert err.status in (RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED)

    await ws.respond_workflow_task_completed(complete(task.task_token))
    described = await ws.describe_workflow_execution(DescribeWorkflowExecutionRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=unique)))
    assert described.workflow_execution_info.status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED


async def test_retried_start_hands_out_the_same_task_until_it_moves_on(client, unique):
    ws = client.workflow_service
    request_id = str(uuid.uuid4())
    first = await ws.start_workflow_execution(eager_start(unique, unique, request_id))
    again = await ws.start_workflow_execution(eager_start(unique, unique, request_id))
    assert again.run_id == first.run_id
    assert again.eager_workflow_task.started_event_id == 3 and again.eager_workflow_task.attempt == 1
    assert [e.event_id for e in again.eager_workflow_task.history.events] == [1, 2, 3]

    # The repeated task is the same task: its token completes it.
    await ws.respond_workflow_task_completed(complete(again.eager_workflow_task.task_token))
    late = await ws.start_workflow_execution(eager_start(unique, unique, request_id))
    assert late.run_id == first.run_id and not late.HasField("eager_workflow_task")


async def test_no_eager_task_with_a_start_delay(client, unique):
    ws = client.workflow_service
    resp = await ws.start_workflow_execution(eager_start(unique, unique, workflow_start_delay=Duration(seconds=1)))
    assert resp.started and not resp.HasField("eager_workflow_task")
    # The first task is dispatched the ordinary way once the delay is over.
    task = await ws.poll_workflow_task_queue(PollWorkflowTaskQueueRequest(
        namespace="default", task_queue=TaskQueue(name=unique), identity="poller"), timeout=timedelta(seconds=20))
    assert task.workflow_execution.run_id == resp.run_id
    await ws.respond_workflow_task_completed(complete(task.task_token))


async def test_capability_and_switch(server_factory, unique):
    on = await Client.connect(server_factory().start().address)
    assert (await on.workflow_service.get_system_info(GetSystemInfoRequest())).capabilities.eager_workflow_start
    assert (await on.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
            ).namespace_info.capabilities.eager_workflow_start

    off = await Client.connect(server_factory(extra_args=[
        "--dynamic-config-value", "system.enableEagerWorkflowStart=false"]).start().address)
    ws = off.workflow_service
    if SERVER_KIND == "tern":
        # Tern reports only what it does; Temporal keeps reporting the capability when it is off.
        assert not (await ws.get_system_info(GetSystemInfoRequest())).capabilities.eager_workflow_start
    resp = await ws.start_workflow_execution(eager_start(unique, unique))
    assert resp.started and not resp.HasField("eager_workflow_task")
    # The worker gets the task by polling instead.
    task = await ws.poll_workflow_task_queue(PollWorkflowTaskQueueRequest(
        namespace="default", task_queue=TaskQueue(name=unique), identity="poller"), timeout=timedelta(seconds=20))
    assert task.workflow_execution.run_id == resp.run_id


@pytest.mark.parametrize("field", ["request_eager_execution", "cron_schedule", "workflow_start_delay"])
async def test_update_with_start_refuses_what_would_hold_the_first_task(client, unique, field):
    start = eager_start(unique, unique, workflow_id_conflict_policy=WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
    start.request_eager_execution = field == "request_eager_execution"
    if field == "cron_schedule":
        start.cron_schedule = "* * * * *"
    if field == "workflow_start_delay":
        start.workflow_start_delay.CopyFrom(Duration(seconds=5))
    update = UpdateWorkflowExecutionRequest(
        namespace="default", workflow_execution=WorkflowExecution(workflow_id=unique),
        wait_policy=WaitPolicy(lifecycle_stage=UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED),
        request=Request(input=Input(name="add")))
    update.request.meta.update_id = "u1"
    with pytest.raises(RPCError) as err:
        await client.workflow_service.execute_multi_operation(ExecuteMultiOperationRequest(
            namespace="default", operations=[ExecuteMultiOperationRequest.Operation(start_workflow=start),
                                             ExecuteMultiOperationRequest.Operation(update_workflow=update)]))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    failure = MultiOperationExecutionFailure()
    assert err.value.grpc_status.details[0].Unpack(failure)
    assert failure.statuses[0].code == RPCStatusCode.INVALID_ARGUMENT
    name = {"request_eager_execution": "RequestEagerExecution", "cron_schedule": "CronSchedule",
            "workflow_start_delay": "WorkflowStartDelay"}[field]
    assert name in failure.statuses[0].message
