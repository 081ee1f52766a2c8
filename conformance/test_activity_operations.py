"""Pause, unpause, reset and new options for a workflow's pending activity (Temporal's activity
API): what describe shows, what the running attempt's heartbeats answer, when the next attempt
starts, and the errors for what cannot be done."""
from __future__ import annotations

import asyncio

import pytest
from google.protobuf.duration_pb2 import Duration
from google.protobuf.field_mask_pb2 import FieldMask
from temporalio.api.activity.v1 import ActivityOptions
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.enums.v1 import PendingActivityState
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import (
    PauseActivityRequest,
    ResetActivityRequest,
    UnpauseActivityRequest,
    UpdateActivityOptionsRequest,
)
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from activity_ops_defs import ACTIVITY_OPS_ACTIVITIES, OneActivityWorkflow


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=[OneActivityWorkflow], activities=ACTIVITY_OPS_ACTIVITIES)


async def pending(handle):
    desc = await handle.describe()
    return desc.raw_description.pending_activities


async def eventually(check, timeout=15.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)


async def test_pause_holds_the_next_attempt_until_unpause(client, unique):
    service = client.workflow_service
    execution = WorkflowExecution(workflow_id=unique)
    async with worker(client, unique):
        handle = await client.start_workflow(OneActivityWorkflow.run, args=["heartbeating", None, 5],
                                             id=unique, task_queue=unique)
        await eventually(lambda: _state_is(handle, PendingActivityState.PENDING_ACTIVITY_STATE_STARTED))
        await service.pause_activity(PauseActivityRequest(
            namespace="default", execution=execution, id="the-activity", identity="operator", reason="maintenance",
            request_id="pause-1"))
        # Same request again: no error; another pause: refused.
        await service.pause_activity(PauseActivityRequest(
            namespace="default", execution=execution, id="the-activity", request_id="pause-1"))
        with pytest.raises(RPCError) as err:
            await service.pause_activity(PauseActivityRequest(namespace="default", execution=execution, type="heartbeating"))
        assert err.value.status == RPCStatusCode.FAILED_PRECONDITION
        assert err.value.message == "activity is already paused"
        # The running attempt hears of it through its heartbeat, stops, and no new attempt starts.
        info = await eventually(lambda: _state_is(handle, PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED))
        assert info.paused
        assert info.pause_info.manual.identity == "operator"
        assert info.pause_info.manual.reason == "maintenance"
        assert info.attempt == 2
        await asyncio.sleep(1.0)
        assert (await pending(handle))[0].state == PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED
        await service.unpause_activity(UnpauseActivityRequest(namespace="default", execution=execution, id="the-activity"))
        assert await handle.result() == "attempt 2 after paused"


async def test_reset_tells_the_running_attempt_and_restarts_at_attempt_one(client, unique):
    service = client.workflow_service
    execution = WorkflowExecution(workflow_id=unique)
    async with worker(client, unique):
        handle = await client.start_workflow(OneActivityWorkflow.run, args=["heartbeating", None, 5],
                                             id=unique, task_queue=unique)
        await eventually(lambda: _state_is(handle, PendingActivityState.PENDING_ACTIVITY_STATE_STARTED))
        await service.reset_activity(ResetActivityRequest(namespace="default", execution=execution, id="the-activity"))
        # The reset attempt heard "reset"; the attempt after it counts from the reset (1 + 1).
        assert await handle.result() == "attempt 2 after reset"


async def test_reset_of_a_paused_activity_unpauses_it_unless_asked_to_keep_it(client, unique):
    service = client.workflow_service
    execution = WorkflowExecution(workflow_id=unique)
    # No worker polls "elsewhere": the activity waits scheduled, and is paused there.
    handle = await client.start_workflow(OneActivityWorkflow.run, args=["quick", f"elsewhere-{unique}", 5],
                                         id=unique, task_queue=unique)
    async with worker(client, unique):
        await eventually(lambda: _state_is(handle, PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED))
        await service.pause_activity(PauseActivityRequest(namespace="default", execution=execution, type="quick"))
        await service.reset_activity(ResetActivityRequest(
            namespace="default", execution=execution, id="the-activity", keep_paused=True))
        info = (await pending(handle))[0]
        assert info.state == PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED and info.attempt == 1
        # New options move it to the queue a worker polls; it stays paused until unpaused.
        response = await service.update_activity_options(UpdateActivityOptionsRequest(
            namespace="default", execution=execution, id="the-activity",
            activity_options=ActivityOptions(task_queue=TaskQueue(name=unique),
                                             heartbeat_timeout=Duration(seconds=7)),
            update_mask=FieldMask(paths=["task_queue.name", "heartbeat_timeout"])))
        assert response.activity_options.task_queue.name == unique
        assert response.activity_options.heartbeat_timeout.seconds == 7
        assert response.activity_options.start_to_close_timeout.seconds == 30
        info = (await pending(handle))[0]
        assert info.activity_options.task_queue.name == unique
        assert info.state == PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED
        await service.reset_activity(ResetActivityRequest(namespace="default", execution=execution, match_all=True))
        assert await handle.result() == "ran quick on attempt 1"


async def test_activity_operations_refuse_what_cannot_be_done(client, unique):
    service = client.workflow_service
    execution = WorkflowExecution(workflow_id=unique)
    handle = await client.start_workflow(OneActivityWorkflow.run, args=["quick", None, 1], id=unique, task_queue=unique)
    with pytest.raises(RPCError) as err:
        await service.pause_activity(PauseActivityRequest(namespace="default", execution=execution, id="no-such"))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert "Can't find pending activity with such ID" in err.value.message
    with pytest.raises(RPCError) as err:
        await service.pause_activity(PauseActivityRequest(namespace="default", execution=execution))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    with pytest.raises(RPCError) as err:
        await service.update_activity_options(UpdateActivityOptionsRequest(
            namespace="default", execution=execution, match_all=True,
            activity_options=ActivityOptions(), update_mask=FieldMask(paths=["task_queue.name"])))
    assert err.value.status in (RPCStatusCode.INVALID_ARGUMENT, RPCStatusCode.NOT_FOUND)
    await handle.terminate()
    with pytest.raises(RPCError) as err:
        await service.unpause_activity(UnpauseActivityRequest(namespace="default", execution=execution, unpause_all=True))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert err.value.message == "workflow execution already completed"


async def _state_is(handle, state):
    activities = await pending(handle)
    return activities[0] if activities and activities[0].state == state else None
