"""Activities through the official SDK: retries, the four timeouts, heartbeats, cancellation,
local activities."""
from __future__ import annotations

import asyncio

import pytest
from temporalio.client import WorkflowFailureError
from temporalio.worker import Worker

from engine_defs import (
    ENGINE_ACTIVITIES,
    AsyncCompletionWorkflow,
    AsyncTokens,
    ENGINE_WORKFLOWS,
    ActivityTimeoutWorkflow,
    CancelActivityWorkflow,
    HeartbeatRetryWorkflow,
    LocalActivityWorkflow,
    Plan,
    RetryWorkflow,
    TimeoutCase,
    Tracker,
)

from temporalio.api.enums.v1 import EventType

EVENT_ACTIVITY_SCHEDULED = EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
EVENT_ACTIVITY_STARTED = EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=ENGINE_WORKFLOWS, activities=ENGINE_ACTIVITIES)


async def test_retries_back_off_exponentially(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(RetryWorkflow.run, Plan(unique, fail_times=3), id=unique, task_queue=unique)
        assert await handle.result() == "ok after 4"
    times = Tracker.attempts[unique]
    gaps = [b - a for a, b in zip(times, times[1:])]
    # initial 0.5 s, coefficient 2: 0.5, 1, 2 s between attempts (Temporal's timers may round
    # short intervals up to about a second, so only lower bounds and the growth are checked)
    for gap, expected in zip(gaps, [0.5, 1.0, 2.0]):
        assert expected * 0.9 <= gap <= expected + 1.2, gaps
    assert gaps[2] > gaps[0] * 1.5, gaps
    events = (await handle.fetch_history()).events
    started = next(e for e in events if e.event_type == EVENT_ACTIVITY_STARTED)
    assert started.activity_task_started_event_attributes.attempt == 4
    assert started.activity_task_started_event_attributes.last_failure.message == "attempt 3 fails"
    assert [e.event_type for e in events].count(EVENT_ACTIVITY_STARTED) == 1, "retries leave no trace in history"


async def test_retries_stop_at_maximum_attempts(client, unique):
    async with worker(client, unique):
        with pytest.raises(WorkflowFailureError):
            await client.execute_workflow(RetryWorkflow.run, Plan(unique, fail_times=99), id=unique, task_queue=unique)
    assert len(Tracker.attempts[unique]) == 5


@pytest.mark.parametrize("kind,timeout_type", [
    ("schedule_to_start", "SCHEDULE_TO_START"), ("start_to_close", "START_TO_CLOSE"),
    ("schedule_to_close", "SCHEDULE_TO_CLOSE"), ("heartbeat", "HEARTBEAT"),
])
async def test_each_activity_timeout_fires(client, unique, kind, timeout_type):
    async with worker(client, unique):
        result = await client.execute_workflow(
            ActivityTimeoutWorkflow.run, TimeoutCase(kind, unique, task_queue=f"{unique}-nobody-polls"),
            id=unique, task_queue=unique)
    assert result == f"TimeoutError:{timeout_type}"
    events = (await client.get_workflow_handle(unique).fetch_history()).events
    timed_out = [e for e in events if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT]
    assert len(timed_out) == 1


async def test_heartbeat_timeout_retries_with_the_last_details(client, unique):
    async with worker(client, unique):
        result = await client.execute_workflow(HeartbeatRetryWorkflow.run, unique, id=unique, task_queue=unique)
    assert result == "resumed from checkpoint-1"
    assert len(Tracker.attempts[unique]) == 2


async def test_activity_cancellation_reaches_the_activity_through_heartbeats(client, unique):
    async with worker(client, unique):
        result = await client.execute_workflow(CancelActivityWorkflow.run, unique, id=unique, task_queue=unique)
    assert result == "CancelledError"
    assert len(Tracker.attempts.get(unique + "-cancelled", [])) == 1
    types = [e.event_type for e in (await client.get_workflow_handle(unique).fetch_history()).events]
    assert types.index(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED) < types.index(
        EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED)


async def test_local_activities_are_recorded_as_markers(client, unique):
    async with worker(client, unique):
        assert await client.execute_workflow(LocalActivityWorkflow.run, 5, id=unique, task_queue=unique) == 20
    types = [e.event_type for e in (await client.get_workflow_handle(unique).fetch_history()).events]
    assert types.count(EventType.EVENT_TYPE_MARKER_RECORDED) == 2
    assert EVENT_ACTIVITY_SCHEDULED not in types


@pytest.mark.parametrize("by", ["task_token", "activity_id"])
async def test_asynchronous_completion(client, unique, by):
    """Completing an activity from outside the worker, by task token or by workflow and activity id."""
    async with worker(client, unique):
        handle = await client.start_workflow(AsyncCompletionWorkflow.run, unique, id=unique, task_queue=unique)
        for _ in range(100):
            if unique in AsyncTokens.tokens:
                break
            await asyncio.sleep(0.05)
        if by == "task_token":
            target = client.get_async_activity_handle(task_token=AsyncTokens.tokens[unique])
        else:
            target = client.get_async_activity_handle(workflow_id=unique, run_id=None, activity_id="1")
        await target.heartbeat("still going")
        await target.complete(f"done by {by}")
        assert await handle.result() == f"done by {by}"
        with pytest.raises(Exception):
            await target.complete("twice")
