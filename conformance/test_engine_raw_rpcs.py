"""The engine driven by hand-built RPCs (as a worker would send them), to check what the SDKs
never do on purpose: stale, repeated and forged task tokens, invalid commands, worker shutdown."""
from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from google.protobuf.duration_pb2 import Duration
from temporalio.api.command.v1 import (
    Command,
    CompleteWorkflowExecutionCommandAttributes,
    ScheduleActivityTaskCommandAttributes,
)
from temporalio.api.common.v1 import ActivityType, WorkflowExecution, WorkflowType
from temporalio.api.enums.v1 import CommandType, EventType, TaskQueueKind, TaskQueueType, WorkflowTaskFailedCause
from temporalio.api.errordetails.v1 import NotFoundFailure
from temporalio.api.taskqueue.v1 import StickyExecutionAttributes, TaskQueue
from temporalio.api.workflowservice.v1 import (
    DescribeTaskQueueRequest,
    GetWorkflowExecutionHistoryRequest,
    PollActivityTaskQueueRequest,
    PollWorkflowTaskQueueRequest,
    RespondActivityTaskCompletedRequest,
    RespondWorkflowTaskCompletedRequest,
    ShutdownWorkerRequest,
    SignalWorkflowExecutionRequest,
    StartWorkflowExecutionRequest,
)
from temporalio.service import RPCError, RPCStatusCode

from conftest import SERVER_KIND


async def start(ws, queue, workflow_id):
    return await ws.start_workflow_execution(StartWorkflowExecutionRequest(
        namespace="default", workflow_id=workflow_id, workflow_type=WorkflowType(name="Raw"),
        task_queue=TaskQueue(name=queue), request_id=str(uuid.uuid4()), identity="raw-client"))


async def poll_workflow_task(ws, queue, kind=TaskQueueKind.TASK_QUEUE_KIND_NORMAL):
    return await ws.poll_workflow_task_queue(PollWorkflowTaskQueueRequest(
        namespace="default", task_queue=TaskQueue(name=queue, kind=kind), identity="raw-worker"))


async def history_types(ws, workflow_id):
    resp = await ws.get_workflow_execution_history(GetWorkflowExecutionHistoryRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=workflow_id)))
    return [e.event_type for e in resp.history.events]


def schedule(activity_id, queue, **attrs):
    return Command(command_type=CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
                   schedule_activity_task_command_attributes=ScheduleActivityTaskCommandAttributes(
                       activity_id=activity_id, activity_type=ActivityType(name="act"), task_queue=TaskQueue(name=queue),
                       **attrs))


async def test_stale_and_forged_tokens(client, unique):
    ws = client.workflow_service
    await start(ws, unique, unique)
    task = await poll_workflow_task(ws, unique)
    assert task.started_event_id == 3 and [e.event_id for e in task.history.events] == [1, 2, 3]
    await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
        namespace="default", task_token=task.task_token, identity="raw-worker",
        commands=[schedule("a1", unique, start_to_close_timeout=Duration(seconds=30))]))

    # The same workflow task cannot be completed twice.
    with pytest.raises(RPCError) as err:
        await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
            namespace="default", task_token=task.task_token, identity="raw-worker"))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert err.value.grpc_status.details[0].Unpack(NotFoundFailure())

    activity = await ws.poll_activity_task_queue(PollActivityTaskQueueRequest(
        namespace="default", task_queue=TaskQueue(name=unique), identity="raw-worker"))
    assert activity.activity_id == "a1" and activity.attempt == 1
    await ws.respond_activity_task_completed(RespondActivityTaskCompletedRequest(
        namespace="default", task_token=activity.task_token, identity="raw-worker"))
    with pytest.raises(RPCError) as err:
        await ws.respond_activity_task_completed(RespondActivityTaskCompletedRequest(
            namespace="default", task_token=activity.task_token, identity="raw-worker"))
    assert err.value.status == RPCStatusCode.NOT_FOUND

    with pytest.raises(RPCError) as err:
        await ws.respond_activity_task_completed(RespondActivityTaskCompletedRequest(
            namespace="default", task_token=b"\x01\x02garbage", identity="raw-worker"))
    assert err.value.status in (RPCStatusCode.INVALID_ARGUMENT, RPCStatusCode.NOT_FOUND)

    types = await history_types(ws, unique)
    assert types.count(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) == 1


async def test_invalid_command_fails_the_task_with_its_cause(client, unique):
    ws = client.workflow_service
    await start(ws, unique, unique)
    task = await poll_workflow_task(ws, unique)
    with pytest.raises(RPCError) as err:
        await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
            namespace="default", task_token=task.task_token, identity="raw-worker",
            commands=[schedule("no-timeouts", unique)]))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert "StartToClose" in err.value.message or "ScheduleToClose" in err.value.message
    resp = await ws.get_workflow_execution_history(GetWorkflowExecutionHistoryRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=unique)))
    failed = [e for e in resp.history.events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED]
    assert failed[0].workflow_task_failed_event_attributes.cause == \
        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES
    assert resp.history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
    assert resp.history.events[-1].workflow_task_scheduled_event_attributes.attempt == 2


async def test_sticky_queue_gets_only_new_events_and_shutdown_drops_it(client, unique):
    ws = client.workflow_service
    sticky = f"{unique}-sticky"
    await start(ws, unique, unique)
    task = await poll_workflow_task(ws, unique)
    await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
        namespace="default", task_token=task.task_token, identity="raw-worker",
        sticky_attributes=StickyExecutionAttributes(
            worker_task_queue=TaskQueue(name=sticky, kind=TaskQueueKind.TASK_QUEUE_KIND_STICKY, normal_name=unique),
            schedule_to_start_timeout=Duration(seconds=10))))
    # A worker polls its sticky queue (the server sends there only while someone does).
    sticky_poll = asyncio.create_task(poll_workflow_task(ws, sticky, TaskQueueKind.TASK_QUEUE_KIND_STICKY))
    await asyncio.sleep(0.3)
    await ws.signal_workflow_execution(SignalWorkflowExecutionRequest(
        namespace="default", workflow_execution=WorkflowExecution(workflow_id=unique), signal_name="s1"))
    on_sticky = await asyncio.wait_for(sticky_poll, 10)
    assert on_sticky.previous_started_event_id == 3
    assert [e.event_id for e in on_sticky.history.events] == [4, 5, 6, 7], "only the events after the last task"
    await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
        namespace="default", task_token=on_sticky.task_token, identity="raw-worker",
        sticky_attributes=StickyExecutionAttributes(
            worker_task_queue=TaskQueue(name=sticky, kind=TaskQueueKind.TASK_QUEUE_KIND_STICKY, normal_name=unique),
            schedule_to_start_timeout=Duration(seconds=10))))

    # The sticky worker leaves: its next task must reach the normal queue at once, with full history.
    await ws.signal_workflow_execution(SignalWorkflowExecutionRequest(
        namespace="default", workflow_execution=WorkflowExecution(workflow_id=unique), signal_name="s2"))
    began = time.monotonic()
    await ws.shutdown_worker(ShutdownWorkerRequest(namespace="default", sticky_task_queue=sticky, identity="raw-worker"))
    # Temporal 1.32 still waits for the sticky schedule-to-start timeout (10 s); Tern moves it at once.
    normal = await asyncio.wait_for(poll_workflow_task(ws, unique), 8 if SERVER_KIND == "tern" else 20)
    if SERVER_KIND == "tern":
        assert time.monotonic() - began < 5, "ShutdownWorker must move the task without waiting for the sticky timeout"
    assert normal.history.events[0].event_id == 1

    queue = await ws.describe_task_queue(DescribeTaskQueueRequest(
        namespace="default", task_queue=TaskQueue(name=unique), task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW))
    assert "raw-worker" in [p.identity for p in queue.pollers]


async def test_idle_poll_answers_empty_before_its_deadline(server_factory):
    s = server_factory(extra_args=["--dynamic-config-value", 'matching.longPollExpirationInterval="2s"']).start()
    from temporalio.client import Client
    ws = (await Client.connect(s.address)).workflow_service
    began = time.monotonic()
    resp = await poll_workflow_task(ws, "nobody-sends-here")
    assert resp.task_token == b""
    assert 1.5 < time.monotonic() - began < 10


async def test_a_task_that_keeps_timing_out_gets_more_time_from_the_fourth_attempt(client, unique):
    ws = client.workflow_service
    await ws.start_workflow_execution(StartWorkflowExecutionRequest(
        namespace="default", workflow_id=unique, workflow_type=WorkflowType(name="Raw"), task_queue=TaskQueue(name=unique),
        request_id=str(uuid.uuid4()), identity="raw-client", workflow_task_timeout=Duration(seconds=1)))
    for attempt in (1, 2, 3):  # each times out after its second: the next poll gets the next attempt
        assert (await poll_workflow_task(ws, unique)).attempt == attempt
    task = await poll_workflow_task(ws, unique)
    assert task.attempt == 4
    await asyncio.sleep(2)  # past the 1 s timeout, within the 1 s + 5 s the fourth attempt has
    await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
        namespace="default", task_token=task.task_token, identity="slow-worker",
        commands=[Command(command_type=CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
                          complete_workflow_execution_command_attributes=CompleteWorkflowExecutionCommandAttributes())]))
    resp = await ws.get_workflow_execution_history(GetWorkflowExecutionHistoryRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=unique)))
    scheduled = [e.workflow_task_scheduled_event_attributes for e in resp.history.events
                 if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED]
    timeout = scheduled[-1].start_to_close_timeout.ToTimedelta().total_seconds()
    # 1 s + a 5 s back-off (which Temporal's jitter may shorten by up to a fifth).
    assert scheduled[-1].attempt == 4 and 5 <= timeout <= 6
    assert resp.history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED


async def test_a_late_completion_does_not_answer_the_queries_it_carried(client, unique):
    from temporalio.api.common.v1 import Payloads
    from temporalio.api.enums.v1 import QueryResultType
    from temporalio.api.query.v1 import WorkflowQuery, WorkflowQueryResult
    from temporalio.api.workflowservice.v1 import QueryWorkflowRequest

    ws = client.workflow_service
    await ws.start_workflow_execution(StartWorkflowExecutionRequest(
        namespace="default", workflow_id=unique, workflow_type=WorkflowType(name="Raw"), task_queue=TaskQueue(name=unique),
        request_id=str(uuid.uuid4()), identity="raw-client", workflow_task_timeout=Duration(seconds=1)))
    query = asyncio.create_task(ws.query_workflow(QueryWorkflowRequest(
        namespace="default", execution=WorkflowExecution(workflow_id=unique), query=WorkflowQuery(query_type="state"))))
    await asyncio.sleep(0.5)  # the query waits for the first workflow task, which carries it

    def completion(task, answer):
        return RespondWorkflowTaskCompletedRequest(
            namespace="default", task_token=task.task_token, identity="raw-worker",
            query_results={qid: WorkflowQueryResult(
                result_type=QueryResultType.QUERY_RESULT_TYPE_ANSWERED,
                answer=Payloads(payloads=[{"metadata": {"encoding": b"json/plain"}, "data": answer}]))
                for qid in task.queries})

    first = await poll_workflow_task(ws, unique)
    assert first.attempt == 1 and len(first.queries) == 1
    second = await poll_workflow_task(ws, unique)  # after the first timed out
    with pytest.raises(RPCError) as err:
        await ws.respond_workflow_task_completed(completion(first, b'"stale"'))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert not query.done()
    assert second.attempt == 2 and list(second.queries) == list(first.queries)
    await ws.respond_workflow_task_completed(completion(second, b'"fresh"'))
    assert (await query).query_result.payloads[0].data == b'"fresh"'
