"""Workflow composition through the official SDK: child workflows and parent close policies,
continue-as-new, updates (and update-with-start), external signals and cancels, workflow retry
policies and cron, reset, delete, and payload size limits."""
from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from temporalio.api.enums.v1 import (
    CancelExternalWorkflowExecutionFailedCause,
    CommandType,
    ContinueAsNewInitiator,
    EventType,
    IndexedValueType,
    SignalExternalWorkflowExecutionFailedCause,
    StartChildWorkflowExecutionFailedCause,
    UpdateAdmittedEventOrigin,
    WorkflowTaskFailedCause,
)
from temporalio.api.command.v1 import Command, CompleteWorkflowExecutionCommandAttributes
from temporalio.api.common.v1 import Payload, Payloads, WorkflowExecution, WorkflowType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.api.workflowservice.v1 import (
    DeleteWorkflowExecutionRequest,
    DescribeNamespaceRequest,
    DescribeWorkflowExecutionRequest,
    PollWorkflowTaskQueueRequest,
    ResetWorkflowExecutionRequest,
    RespondWorkflowTaskCompletedRequest,
    StartWorkflowExecutionRequest,
)
from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowExecutionStatus,
    WorkflowFailureError,
    WorkflowUpdateFailedError,
    WorkflowUpdateStage,
)
from temporalio.common import (
    RetryPolicy,
    SearchAttributeKey,
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
)
from temporalio.exceptions import CancelledError, TerminatedError, TimeoutError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from composition_defs import (
    COMPOSITION_WORKFLOWS,
    Accumulator,
    BigResult,
    ChildCase,
    Echo,
    ExternalCase,
    Looper,
    Messenger,
    Parent,
    RetriedWorkflow,
    TimerLoop,
    Waiter,
)
from conftest import temporal_cli

E = EventType
MiB = 1024 * 1024


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=COMPOSITION_WORKFLOWS)


async def cli(server, *args):
    return await asyncio.to_thread(temporal_cli, server.address, *args)


async def history(client, workflow_id, run_id=None):
    return (await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()).events


async def event_types(client, workflow_id, run_id=None):
    return [e.event_type for e in await history(client, workflow_id, run_id)]


async def wait_status(client, workflow_id, status, run_id=None, timeout=10.0):
    handle = client.get_workflow_handle(workflow_id, run_id=run_id)
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        current = (await handle.describe()).status
        if current == status or asyncio.get_running_loop().time() > deadline:
            return current
        await asyncio.sleep(0.1)


async def wait_for_event(client, workflow_id, event_type, count=1, run_id=None, timeout=10.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        events = await history(client, workflow_id, run_id)
        if [e.event_type for e in events].count(event_type) >= count:
            return events
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{workflow_id}: no {count}x {EventType.Name(event_type)} in time")
        await asyncio.sleep(0.1)


async def raw_describe(client, workflow_id, run_id=""):
    return await client.workflow_service.describe_workflow_execution(DescribeWorkflowExecutionRequest(
        namespace=client.namespace, execution=WorkflowExecution(workflow_id=workflow_id, run_id=run_id)))


# --- 1. Child workflows -------------------------------------------------------------------------

async def test_child_result(client, unique):
    child_id = f"{unique}-child"
    async with worker(client, unique):
        result = await client.execute_workflow(Parent.run, ChildCase("result", child_id, value="hi"),
                                               id=unique, task_queue=unique)
    assert result == "echo:hi"
    types = await event_types(client, unique)
    initiated = types.index(E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
    started = types.index(E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
    completed = types.index(E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED)
    assert initiated < started < completed
    assert types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    child_types = await event_types(client, child_id)
    assert child_types[0] == E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
    assert child_types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    # The child's STARTED event names its parent.
    child_started = (await history(client, child_id))[0].workflow_execution_started_event_attributes
    assert child_started.parent_workflow_execution.workflow_id == unique
    assert child_started.parent_initiated_event_id == initiated + 1


async def test_child_failure(client, unique):
    child_id = f"{unique}-child"
    async with worker(client, unique):
        result = await client.execute_workflow(Parent.run, ChildCase("fail", child_id), id=unique, task_queue=unique)
    assert result == "ChildWorkflowError:ApplicationError:child failed on purpose"
    events = await history(client, unique)
    failed = [e for e in events if e.event_type == E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED]
    assert len(failed) == 1
    assert failed[0].child_workflow_execution_failed_event_attributes.failure.message == "child failed on purpose"
    assert E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED not in [e.event_type for e in events]
    assert (await client.get_workflow_handle(child_id).describe()).status == WorkflowExecutionStatus.FAILED


async def test_child_id_already_running(client, unique):
    child_id = f"{unique}-busy"
    async with worker(client, unique):
        busy = await client.start_workflow(Waiter.run, id=child_id, task_queue=unique)
        result = await client.execute_workflow(Parent.run, ChildCase("duplicate", child_id), id=unique,
                                               task_queue=unique)
        assert result == f"WorkflowAlreadyStartedError:{child_id}"
        types = await event_types(client, unique)
        assert E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED in types
        assert E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED in types
        assert E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED not in types
        failed = next(e for e in await history(client, unique)
                      if e.event_type == E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED)
        attrs = failed.start_child_workflow_execution_failed_event_attributes
        assert attrs.workflow_id == child_id
        assert attrs.cause == StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS
        # The running workflow is untouched.
        assert (await busy.describe()).status == WorkflowExecutionStatus.RUNNING
        await busy.terminate()


async def test_parent_cancels_child(client, unique):
    child_id = f"{unique}-child"
    async with worker(client, unique):
        result = await client.execute_workflow(Parent.run, ChildCase("cancel", child_id), id=unique, task_queue=unique)
    assert result == "ChildWorkflowError:CancelledError"
    types = await event_types(client, unique)
    assert E.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED in types
    assert E.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED in types
    assert E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED in types
    assert (await client.get_workflow_handle(child_id).describe()).status == WorkflowExecutionStatus.CANCELED
    child_types = await event_types(client, child_id)
    assert E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED in child_types
    assert child_types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED


async def test_child_describe_shows_parent_and_root(client, unique):
    child_id = f"{unique}-child"
    async with worker(client, unique):
        parent = await client.start_workflow(Parent.run, ChildCase("wait", child_id), id=unique, task_queue=unique)
        await wait_for_event(client, unique, E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
        desc = await client.get_workflow_handle(child_id).describe()
        assert desc.parent_id == unique
        assert desc.parent_run_id == parent.result_run_id
        info = (await raw_describe(client, child_id)).workflow_execution_info
        assert info.parent_execution.workflow_id == unique
        assert info.parent_execution.run_id == parent.result_run_id
        assert info.root_execution.workflow_id == unique
        assert info.root_execution.run_id == parent.result_run_id
        # The parent itself has no parent and is its own root.
        parent_info = (await raw_describe(client, unique)).workflow_execution_info
        assert not parent_info.HasField("parent_execution")
        assert parent_info.root_execution.workflow_id == unique
        await client.get_workflow_handle(child_id).signal(Waiter.note, "finish")
        assert await parent.result() == "finish"


@pytest.mark.parametrize("policy,status", [
    ("TERMINATE", WorkflowExecutionStatus.TERMINATED),
    ("REQUEST_CANCEL", WorkflowExecutionStatus.CANCELED),
    ("ABANDON", WorkflowExecutionStatus.RUNNING),
], ids=["terminate", "request_cancel", "abandon"])
async def test_parent_close_policy(client, unique, policy, status):
    child_id = f"{unique}-child"
    async with worker(client, unique):
        result = await client.execute_workflow(Parent.run, ChildCase("close_policy", child_id, policy=policy),
                                               id=unique, task_queue=unique)
        assert result == "parent done"
        child = client.get_workflow_handle(child_id)
        if policy == "ABANDON":
            await asyncio.sleep(1)  # give a (wrong) close policy time to act
        assert await wait_status(client, child_id, status) == status
        child_types = await event_types(client, child_id)
        if policy == "TERMINATE":
            assert child_types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
        elif policy == "REQUEST_CANCEL":
            assert E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED in child_types
            assert child_types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
        else:
            assert E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED not in child_types
            await child.signal(Waiter.note, "finish")
            assert await child.result() == ["finish"]
            assert (await child.describe()).parent_id == unique


# --- 2. Continue-as-new -------------------------------------------------------------------------

TAG = SearchAttributeKey.for_keyword("CompositionTag")


async def test_continue_as_new_chain(client, unique):
    await client.operator_service.add_search_attributes(AddSearchAttributesRequest(
        namespace=client.namespace, search_attributes={TAG.name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD}))
    async with worker(client, unique):
        first = await client.start_workflow(
            Looper.run, args=[0, 5], id=unique, task_queue=unique, memo={"owner": "team-c"},
            search_attributes=TypedSearchAttributes([SearchAttributePair(TAG, "carried")]))
        # The first run's handle follows the chain of runs to the final result.
        assert await first.result() == 5

    first_events = await history(client, unique, first.first_execution_run_id)
    assert first_events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
    can = first_events[-1].workflow_execution_continued_as_new_event_attributes
    assert can.new_execution_run_id

    last = await client.get_workflow_handle(unique).describe()
    assert last.id == unique
    assert last.run_id != first.first_execution_run_id
    assert last.status == WorkflowExecutionStatus.COMPLETED
    assert await last.memo_value("owner") == "team-c"
    assert last.typed_search_attributes.get(TAG) == "carried"

    # Walk the chain: five continued runs, each STARTED event linking back.
    run_ids = [first.first_execution_run_id]
    while True:
        events = await history(client, unique, run_ids[-1])
        if events[-1].event_type != E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
            assert events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
            break
        run_ids.append(events[-1].workflow_execution_continued_as_new_event_attributes.new_execution_run_id)
        started = (await history(client, unique, run_ids[-1]))[0].workflow_execution_started_event_attributes
        assert started.continued_execution_run_id == run_ids[-2]
        assert started.first_execution_run_id == first.first_execution_run_id
        assert started.initiator == ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW
        assert started.memo.fields["owner"].data == b'"team-c"'
    assert len(run_ids) == 6
    assert run_ids[-1] == last.run_id
    assert len(set(run_ids)) == 6


# --- 3. Updates -----------------------------------------------------------------------------------

async def test_update_accepted_and_completed(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        assert await handle.execute_update(Accumulator.add, 3) == 3
        assert await handle.execute_update(Accumulator.add, 4) == 7
        await handle.signal(Accumulator.finish)
        assert await handle.result() == 7
    events = await history(client, unique)
    types = [e.event_type for e in events]
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) == 2
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) == 2
    accepted = types.index(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
    # The update is accepted by a workflow task completion: WT_COMPLETED comes right before ACCEPTED.
    assert types[accepted - 1] == E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    assert types.index(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) > accepted
    attrs = events[accepted].workflow_execution_update_accepted_event_attributes
    assert attrs.accepted_request.input.name == "add"


async def test_rejected_update_leaves_no_trace(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        assert await handle.execute_update(Accumulator.add, 1) == 1
        before = await event_types(client, unique)
        assert before[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED  # idle, waiting
        with pytest.raises(WorkflowUpdateFailedError) as err:
            await handle.execute_update(Accumulator.add, -5)
        assert "negative value -5 rejected" in str(err.value.cause)
        after = await event_types(client, unique)
        # The rejecting workflow task is not written to history (speculative workflow task).
        assert after == before
        assert await handle.query(Accumulator.runs) == 1
        await handle.signal(Accumulator.finish)
        assert await handle.result() == 1
    types = await event_types(client, unique)
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) == 1
    assert E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED not in types


async def test_start_update_then_result(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        update = await handle.start_update(Accumulator.slow_add, 10, wait_for_stage=WorkflowUpdateStage.ACCEPTED,
                                           id="upd-1")
        assert update.id == "upd-1"
        types = await event_types(client, unique)
        assert E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED in types
        assert await update.result() == 10
        # A handle fetched by id gets the same outcome.
        assert await handle.get_update_handle("upd-1").result() == 10
        await handle.signal(Accumulator.finish)
        assert await handle.result() == 10
    assert E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED in await event_types(client, unique)


async def test_same_update_id_runs_once(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        first = await handle.execute_update(Accumulator.add, 5, id="same")
        second = await handle.execute_update(Accumulator.add, 5, id="same")
        assert first == second == 5
        assert await handle.query(Accumulator.runs) == 1
        await handle.signal(Accumulator.finish)
        assert await handle.result() == 5
    types = await event_types(client, unique)
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) == 1
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) == 1


async def test_update_on_completed_workflow_fails(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        await handle.signal(Accumulator.finish)
        assert await handle.result() == 0
        with pytest.raises(RPCError) as err:
            await handle.execute_update(Accumulator.add, 1)
    # Real server: NOT_FOUND "workflow execution already completed".
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert "workflow execution already completed" in err.value.message


async def test_update_with_start(client, unique):
    async with worker(client, unique):
        def operation():
            return WithStartWorkflowOperation(Accumulator.run, id=unique, task_queue=unique,
                                              id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING)

        created = operation()
        assert await client.execute_update_with_start_workflow(Accumulator.add, 2, start_workflow_operation=created) == 2
        handle = await created.workflow_handle()
        existing = operation()
        assert await client.execute_update_with_start_workflow(Accumulator.add, 3, start_workflow_operation=existing) == 5
        assert (await existing.workflow_handle()).result_run_id == handle.result_run_id
        await handle.signal(Accumulator.finish)
        assert await handle.result() == 5
    types = await event_types(client, unique)
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) == 1
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) == 2
    assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) == 2


# --- 4. External signal and cancel -----------------------------------------------------------------

async def test_signal_external_workflow(client, unique):
    target_id = f"{unique}-target"
    async with worker(client, unique):
        target = await client.start_workflow(Waiter.run, id=target_id, task_queue=unique)
        result = await client.execute_workflow(Messenger.run, ExternalCase("signal", target_id), id=unique,
                                               task_queue=unique)
        assert result == "sent"
        assert await target.result() == ["finish"]
    types = await event_types(client, unique)
    initiated = types.index(E.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
    assert types.index(E.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED) > initiated
    target_events = await history(client, target_id)
    signaled = [e for e in target_events if e.event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]
    assert len(signaled) == 1
    assert signaled[0].workflow_execution_signaled_event_attributes.signal_name == "note"
    assert signaled[0].workflow_execution_signaled_event_attributes.external_workflow_execution.workflow_id == unique


async def test_signal_missing_external_workflow(client, unique):
    async with worker(client, unique):
        result = await client.execute_workflow(Messenger.run, ExternalCase("signal", f"{unique}-missing"),
                                               id=unique, task_queue=unique)
    # The SDK raises ApplicationError(type ExternalWorkflowExecutionNotFound).
    assert result == ("error:ApplicationError:ExternalWorkflowExecutionNotFound: "
                      "Unable to signal external workflow because it was not found")
    events = await history(client, unique)
    failed = [e for e in events if e.event_type == E.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED]
    assert len(failed) == 1
    attrs = failed[0].signal_external_workflow_execution_failed_event_attributes
    assert attrs.workflow_execution.workflow_id == f"{unique}-missing"
    assert attrs.cause == \
        SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND
    assert E.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED not in [e.event_type for e in events]


async def test_cancel_external_workflow(client, unique):
    target_id = f"{unique}-target"
    async with worker(client, unique):
        target = await client.start_workflow(Waiter.run, id=target_id, task_queue=unique)
        result = await client.execute_workflow(Messenger.run, ExternalCase("cancel", target_id), id=unique,
                                               task_queue=unique)
        assert result == "sent"
        with pytest.raises(WorkflowFailureError) as err:
            await target.result()
    assert isinstance(err.value.cause, CancelledError)
    types = await event_types(client, unique)
    initiated = types.index(E.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
    assert types.index(E.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED) > initiated
    assert (await target.describe()).status == WorkflowExecutionStatus.CANCELED
    target_events = await history(client, target_id)
    requested = [e for e in target_events if e.event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED]
    assert requested[0].workflow_execution_cancel_requested_event_attributes.external_workflow_execution.workflow_id \
        == unique


async def test_cancel_missing_external_workflow(client, unique):
    async with worker(client, unique):
        result = await client.execute_workflow(Messenger.run, ExternalCase("cancel", f"{unique}-missing"),
                                               id=unique, task_queue=unique)
    assert result == ("error:ApplicationError:ExternalWorkflowExecutionNotFound: "
                      "Unable to cancel external workflow because not found")
    events = await history(client, unique)
    types = [e.event_type for e in events]
    failed = events[types.index(E.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)]
    assert failed.request_cancel_external_workflow_execution_failed_event_attributes.cause == \
        CancelExternalWorkflowExecutionFailedCause.CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND
    assert E.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED not in types


# --- 5. Workflow retry policy and cron --------------------------------------------------------------

async def test_workflow_retry_policy(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(
            RetriedWorkflow.run, id=unique, task_queue=unique,
            retry_policy=RetryPolicy(maximum_attempts=3, initial_interval=timedelta(seconds=1),
                                     backoff_coefficient=1))
        assert await handle.result() == 3

    first_events = await history(client, unique, handle.first_execution_run_id)
    assert first_events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
    failed = first_events[-1].workflow_execution_failed_event_attributes
    assert failed.failure.message == "attempt 1 fails"
    assert failed.new_execution_run_id  # the retry run

    last = await client.get_workflow_handle(unique).describe()
    assert last.run_id != handle.first_execution_run_id
    last_events = await history(client, unique, last.run_id)
    started = last_events[0].workflow_execution_started_event_attributes
    assert started.attempt == 3
    assert started.initiator == ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY
    assert started.first_execution_run_id == handle.first_execution_run_id
    assert started.first_workflow_task_backoff.ToTimedelta() >= timedelta(seconds=1)
    assert started.retry_policy.maximum_attempts == 3
    assert started.continued_failure.message == "attempt 2 fails"
    assert started.original_execution_run_id  # the first run's original run id
    assert last_events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED

    # The second run is the link between the first and the last.
    second_run = failed.new_execution_run_id
    second_events = await history(client, unique, second_run)
    second_started = second_events[0].workflow_execution_started_event_attributes
    assert second_started.attempt == 2
    assert second_started.continued_execution_run_id == handle.first_execution_run_id
    assert second_events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
    assert started.continued_execution_run_id == second_run


async def test_cron_first_run_waits(client, unique):
    handle = await client.start_workflow(Waiter.run, id=unique, task_queue=unique, cron_schedule="* * * * *")
    events = await history(client, unique)
    assert events[0].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
    started = events[0].workflow_execution_started_event_attributes
    assert started.cron_schedule == "* * * * *"
    # The backoff runs to the next whole minute (real server: rounded up to whole seconds).
    backoff = started.first_workflow_task_backoff.ToTimedelta()
    assert timedelta(0) < backoff <= timedelta(seconds=60)
    if backoff > timedelta(seconds=2):
        # Until the first cron time only the STARTED event exists: no workflow task is scheduled yet.
        assert len(events) == 1
    # Real server: even the very first cron run has initiator CRON_SCHEDULE (not UNSPECIFIED).
    assert started.initiator == ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE
    assert started.attempt == 1
    desc = await handle.describe()
    assert desc.status == WorkflowExecutionStatus.RUNNING
    await handle.terminate("cron test done")
    assert (await handle.describe()).status == WorkflowExecutionStatus.TERMINATED


# --- 6. Reset -----------------------------------------------------------------------------------------

async def test_reset_to_workflow_task(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Waiter.run, id=unique, task_queue=unique)
        await wait_for_event(client, unique, E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        await handle.signal(Waiter.note, "first")
        events = await wait_for_event(client, unique, E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, count=2)
        completed = [e.event_id for e in events if e.event_type == E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED]
        reset_point = completed[1]  # the task that handled the first signal
        old_run = handle.result_run_id
        response = await client.workflow_service.reset_workflow_execution(ResetWorkflowExecutionRequest(
            namespace=client.namespace, workflow_execution=WorkflowExecution(workflow_id=unique, run_id=old_run),
            reason="test reset", workflow_task_finish_event_id=reset_point, request_id=str(uuid.uuid4())))
        new_run = response.run_id
        assert new_run and new_run != old_run

        old_events = await history(client, unique, old_run)
        assert old_events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
        assert (await client.get_workflow_handle(unique, run_id=old_run).describe()).status == \
            WorkflowExecutionStatus.TERMINATED

        new_events = await history(client, unique, new_run)
        # The new run copies the events up to the reset point's WORKFLOW_TASK_STARTED, then fails that
        # task with cause RESET_WORKFLOW.
        kept = reset_point - 1
        assert [e.event_type for e in new_events[:kept]] == [e.event_type for e in old_events[:kept]]
        failed = new_events[kept]
        assert failed.event_type == E.EVENT_TYPE_WORKFLOW_TASK_FAILED
        attrs = failed.workflow_task_failed_event_attributes
        assert attrs.cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW
        assert attrs.base_run_id == old_run
        assert attrs.new_run_id == new_run
        assert attrs.identity == "history-service"
        assert attrs.failure.message == "test reset"
        assert attrs.failure.HasField("reset_workflow_failure_info")
        # The old run was terminated by the resetter with the reset reason.
        old_terminated = old_events[-1].workflow_execution_terminated_event_attributes
        assert old_terminated.reason == "test reset"
        assert old_terminated.identity == "history-resetter"
        assert new_events[kept + 1].event_type == E.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED

        assert (await handle.describe()).run_id == new_run  # the latest run
        await client.get_workflow_handle(unique).signal(Waiter.note, "finish")
        assert await client.get_workflow_handle(unique, run_id=new_run).result() == ["first", "finish"]


async def test_cli_reset_update_delete(server, client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        updated = await cli(server, "workflow", "update", "execute", "--workflow-id", unique, "--name", "add",
                            "--input", "4")
        assert updated.returncode == 0, updated.stderr
        assert "4" in updated.stdout
        rejected = await cli(server, "workflow", "update", "execute", "--workflow-id", unique, "--name", "add",
                             "--input", "-1")
        assert rejected.returncode != 0
        assert "negative value -1 rejected" in rejected.stderr + rejected.stdout

        events = await history(client, unique)
        first_completed = next(e.event_id for e in events if e.event_type == E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        reset = await cli(server, "workflow", "reset", "--workflow-id", unique, "--event-id", str(first_completed),
                          "--reason", "cli reset", "--namespace", "default")
        assert reset.returncode == 0, reset.stderr
        new_run = (await handle.describe()).run_id
        assert new_run != handle.result_run_id
        # The CLI prints only "Resetting workflow <id> to event ID <n>", not the new run id.
        assert f"to event ID {first_completed}" in reset.stdout
        new_events = await history(client, unique, new_run)
        new_types = [e.event_type for e in new_events]
        assert new_types[:4] == [E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, E.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                                 E.EVENT_TYPE_WORKFLOW_TASK_STARTED, E.EVENT_TYPE_WORKFLOW_TASK_FAILED]
        # The CLI prefixes the reason with the OS user name ("<user>: cli reset").
        assert new_events[3].workflow_task_failed_event_attributes.failure.message.endswith("cli reset")
        # The update accepted after the reset point is reapplied to the new run (the default reapply
        # types include updates): an UPDATE_ADMITTED event with origin REAPPLY follows WORKFLOW_TASK_FAILED.
        assert new_types[4] == E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED
        admitted = new_events[4].workflow_execution_update_admitted_event_attributes
        assert admitted.origin == UpdateAdmittedEventOrigin.UPDATE_ADMITTED_EVENT_ORIGIN_REAPPLY
        assert admitted.request.input.name == "add"
        await client.get_workflow_handle(unique).signal(Accumulator.finish)
        assert await client.get_workflow_handle(unique).result() == 4

        # Deleting a running workflow from the CLI.
        doomed = f"{unique}-doomed"
        await client.start_workflow(Waiter.run, id=doomed, task_queue=unique)
        deleted = await cli(server, "workflow", "delete", "--workflow-id", doomed, "--yes")
        assert deleted.returncode == 0, deleted.stderr
        assert await gone(client, doomed)


# --- 7. Delete -------------------------------------------------------------------------------------------

async def gone(client, workflow_id, run_id="", timeout=10.0) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        try:
            await raw_describe(client, workflow_id, run_id)
        except RPCError as e:
            if e.status == RPCStatusCode.NOT_FOUND:
                return True
            raise
        await asyncio.sleep(0.2)
    return False


async def delete(client, workflow_id, run_id=""):
    await client.workflow_service.delete_workflow_execution(DeleteWorkflowExecutionRequest(
        namespace=client.namespace, workflow_execution=WorkflowExecution(workflow_id=workflow_id, run_id=run_id)))


# The real server deletes a closed workflow only after its transfer and visibility queues have
# checkpointed past the close (every 30 s by default): this private server checkpoints every second.
QUICK_CHECKPOINTS = ["--dynamic-config-value", 'history.transferProcessorUpdateAckInterval="1s"',
                     "--dynamic-config-value", 'history.visibilityProcessorUpdateAckInterval="1s"']


async def test_delete_completed_workflow(server_factory, unique):
    client = await Client.connect(server_factory(extra_args=QUICK_CHECKPOINTS).start().address)
    async with worker(client, unique):
        handle = await client.start_workflow(Echo.run, "x", id=unique, task_queue=unique)
        assert await handle.result() == "echo:x"
    await delete(client, unique, handle.result_run_id)
    assert await gone(client, unique, handle.result_run_id)
    with pytest.raises(RPCError) as err:
        await handle.fetch_history()
    assert err.value.status == RPCStatusCode.NOT_FOUND


async def test_delete_running_workflow(client, unique):
    handle = await client.start_workflow(Waiter.run, id=unique, task_queue=unique)
    await delete(client, unique)
    assert await gone(client, unique)
    with pytest.raises(RPCError) as err:
        await handle.signal(Waiter.note, "too late")
    assert err.value.status == RPCStatusCode.NOT_FOUND
    # The id is free again.
    again = await client.start_workflow(Waiter.run, id=unique, task_queue=unique)
    assert again.result_run_id != handle.result_run_id
    await again.terminate()


async def test_delete_missing_workflow_is_not_found(client, unique):
    with pytest.raises(RPCError) as err:
        await delete(client, unique)
    assert err.value.status == RPCStatusCode.NOT_FOUND


# --- 8. Limits -----------------------------------------------------------------------------------------------

async def test_oversized_start_input_is_rejected(client, unique):
    with pytest.raises(RPCError) as err:
        await client.start_workflow(Echo.run, "y" * (3 * MiB), id=unique, task_queue=unique)
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert "Blob data size exceeds limit" in err.value.message
    with pytest.raises(RPCError) as err:
        await raw_describe(client, unique)
    assert err.value.status == RPCStatusCode.NOT_FOUND


async def test_namespace_reports_payload_limits(client):
    # The SDK reads these limits (DescribeNamespace) and checks payloads on the worker before sending.
    ns = await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace=client.namespace))
    assert ns.namespace_info.limits.blob_size_limit_error == 2 * MiB
    assert ns.namespace_info.limits.memo_size_limit_error == 2 * MiB


async def test_oversized_result_fails_the_workflow_task(client, unique):
    """Through the SDK: the worker itself refuses to send the 3 MiB result (it knows the namespace's
    limit, read from DescribeNamespace's namespace_info.limits) and fails the workflow task with cause
    PAYLOADS_TOO_LARGE; the task keeps failing (the retries are not written to history) until the
    execution times out."""
    async with worker(client, unique):
        handle = await client.start_workflow(BigResult.run, 3 * MiB, id=unique, task_queue=unique,
                                             execution_timeout=timedelta(seconds=3))
        with pytest.raises(WorkflowFailureError) as err:
            await handle.result()
    assert isinstance(err.value.cause, TimeoutError)
    events = await history(client, unique)
    assert [e.event_type for e in events] == [
        E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, E.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        E.EVENT_TYPE_WORKFLOW_TASK_STARTED, E.EVENT_TYPE_WORKFLOW_TASK_FAILED,
        E.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT]
    attrs = events[3].workflow_task_failed_event_attributes
    assert attrs.cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_PAYLOADS_TOO_LARGE
    assert attrs.failure.application_failure_info.type == "PayloadsTooLarge"


async def test_oversized_result_from_raw_worker_terminates(client, unique):
    """A worker that does not check limits sends the 3 MiB result anyway: the server rejects the
    completion with INVALID_ARGUMENT, fails the workflow task and terminates the workflow."""
    ws = client.workflow_service
    await ws.start_workflow_execution(StartWorkflowExecutionRequest(
        namespace=client.namespace, workflow_id=unique, workflow_type=WorkflowType(name="Raw"),
        task_queue=TaskQueue(name=unique), request_id=str(uuid.uuid4())))
    task = await ws.poll_workflow_task_queue(PollWorkflowTaskQueueRequest(
        namespace=client.namespace, task_queue=TaskQueue(name=unique), identity="raw-worker"))
    big = Payloads(payloads=[Payload(metadata={"encoding": b"binary/plain"}, data=b"z" * (3 * MiB))])
    with pytest.raises(RPCError) as err:
        await ws.respond_workflow_task_completed(RespondWorkflowTaskCompletedRequest(
            namespace=client.namespace, task_token=task.task_token, identity="raw-worker",
            commands=[Command(command_type=CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
                              complete_workflow_execution_command_attributes=CompleteWorkflowExecutionCommandAttributes(
                                  result=big))]))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert "CompleteWorkflowExecutionCommandAttributes.Result exceeds size limit" in err.value.message
    events = await history(client, unique)
    assert [e.event_type for e in events] == [
        E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, E.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        E.EVENT_TYPE_WORKFLOW_TASK_STARTED, E.EVENT_TYPE_WORKFLOW_TASK_FAILED,
        E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED]
    failed = events[3].workflow_task_failed_event_attributes
    # Real server (1.32) quirk: the cause is BAD_SCHEDULE_ACTIVITY_ATTRIBUTES whatever the command;
    # Tern names the command's own cause. Either tells the user which attributes were bad.
    assert failed.cause in (WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
                            WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_COMPLETE_WORKFLOW_EXECUTION_ATTRIBUTES)
    assert "exceeds size limit" in failed.failure.message
    terminated = events[4].workflow_execution_terminated_event_attributes
    assert "exceeds size limit" in terminated.reason
    assert terminated.identity == "history-service"
    assert (await client.get_workflow_handle(unique).describe()).status == WorkflowExecutionStatus.TERMINATED


async def test_history_count_limit_terminates_and_suggests_continue_as_new(server_factory, unique):
    """Past limit.historyCount.suggestContinueAsNew the workflow is told to continue as new; past
    limit.historyCount.error it is terminated."""
    server = server_factory(extra_args=[
        "--dynamic-config-value", "limit.historyCount.suggestContinueAsNew=20",
        "--dynamic-config-value", "limit.historyCount.error=40",
    ]).start()
    client = await Client.connect(server.address)
    async with Worker(client, task_queue=unique, workflows=COMPOSITION_WORKFLOWS):
        handle = await client.start_workflow(TimerLoop.run, 5, id=f"{unique}-short", task_queue=unique)
        suggested = await handle.result()
        # Each round adds five events; the fourth round's task starts past event 20.
        assert suggested[:3] == [False, False, False] and suggested[-1] is True, suggested
        long = await client.start_workflow(TimerLoop.run, 50, id=unique, task_queue=unique)
        with pytest.raises(WorkflowFailureError) as err:
            await long.result()
        assert isinstance(err.value.cause, TerminatedError)
    events = await history(client, unique)
    assert events[-1].event_type == E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
    terminated = events[-1].workflow_execution_terminated_event_attributes
    assert terminated.reason == "Workflow history count exceeds limit."
    assert terminated.identity == "history-service"
    assert 40 < len(events) <= 48


async def test_update_with_start_conflict_reports_the_start_error(client, unique):
    """Update-with-start whose start fails (id already running, conflict policy FAIL) raises the
    start's error, unpacked by the SDK from MultiOperationExecutionFailure."""
    async with worker(client, unique):
        running = await client.start_workflow(Accumulator.run, id=unique, task_queue=unique)
        operation = WithStartWorkflowOperation(Accumulator.run, id=unique, task_queue=unique,
                                               id_conflict_policy=WorkflowIDConflictPolicy.FAIL)
        with pytest.raises(WorkflowAlreadyStartedError):
            await client.execute_update_with_start_workflow(Accumulator.add, 1, start_workflow_operation=operation)
        await running.signal(Accumulator.finish)
        assert await running.result() == 0
