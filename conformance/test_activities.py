"""Activities through the official Python SDK: retry back-off and its limits, non-retryable
errors, the four timeouts (with and without retries), heartbeat details carried to the next
attempt, the three cancellation types, local activities. Complements test_engine_activities.py."""
from __future__ import annotations

import pytest
from temporalio.api.enums.v1 import EventType, RetryState, TimeoutType
from temporalio.worker import Worker

from wf_defs import (
    ACTIVITIES,
    WORKFLOWS,
    ActivityCallWorkflow,
    ActivityCancelWorkflow,
    Call,
    CancelSpec,
    CheckpointWorkflow,
    Runs,
    wait_until,
)

E = EventType


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=WORKFLOWS, activities=ACTIVITIES)


async def run_call(client, queue, call: Call) -> dict:
    return await client.execute_workflow(ActivityCallWorkflow.run, call, id=call.key, task_queue=queue)


async def history(client, workflow_id):
    return (await client.get_workflow_handle(workflow_id).fetch_history()).events


def of_type(events, event_type):
    return [e for e in events if e.event_type == event_type]


def gaps(key):
    times = Runs.times[key]
    return [round(b - a, 3) for a, b in zip(times, times[1:])]


async def test_maximum_attempts_then_the_last_failure_surfaces(client, unique):
    call = Call(unique, fail_times=99, maximum_attempts=3, initial_interval=0.1)
    async with worker(client, unique):
        outcome = await run_call(client, unique, call)
    assert outcome["error"] == "ActivityError"
    assert outcome["retry_state"] == "MAXIMUM_ATTEMPTS_REACHED"
    assert outcome["cause"] == "ApplicationError" and outcome["type"] == "Flaky"
    assert outcome["message"] == "attempt 3 fails"
    assert outcome["details"] == [{"attempt": 3}], "failure details travel through the server"
    assert Runs.attempts[unique] == [1, 2, 3]

    events = await history(client, unique)
    failed = of_type(events, E.EVENT_TYPE_ACTIVITY_TASK_FAILED)
    assert len(failed) == 1
    attrs = failed[0].activity_task_failed_event_attributes
    assert attrs.retry_state == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
    assert attrs.failure.message == "attempt 3 fails"
    started = of_type(events, E.EVENT_TYPE_ACTIVITY_TASK_STARTED)
    assert [e.activity_task_started_event_attributes.attempt for e in started] == [3]
    assert attrs.started_event_id == started[0].event_id
    assert attrs.scheduled_event_id == of_type(events, E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)[0].event_id


@pytest.mark.parametrize("how", ["flag", "policy"])
async def test_non_retryable_errors_run_once(client, unique, how):
    """A failure is final when the error says non_retryable, or when the retry policy lists its type."""
    if how == "flag":
        call = Call(unique, fail_times=99, non_retryable=True, error_type="Declined")
    else:
        call = Call(unique, fail_times=99, error_type="Fatal", non_retryable_types=["Fatal", "Other"])
    async with worker(client, unique):
        outcome = await run_call(client, unique, call)
    assert outcome["retry_state"] == "NON_RETRYABLE_FAILURE"
    assert outcome["cause"] == "ApplicationError"
    assert outcome["type"] == ("Declined" if how == "flag" else "Fatal")
    assert outcome["non_retryable"] is (how == "flag")
    assert Runs.count(unique) == 1, "a non-retryable failure must not be retried"
    failed = of_type(await history(client, unique), E.EVENT_TYPE_ACTIVITY_TASK_FAILED)
    assert failed[0].activity_task_failed_event_attributes.retry_state == RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE


async def test_error_types_not_listed_are_retried(client, unique):
    call = Call(unique, fail_times=2, error_type="Transient", non_retryable_types=["Fatal"], initial_interval=0.1)
    async with worker(client, unique):
        assert await run_call(client, unique, call) == {"result": "ok after 3"}
    assert Runs.count(unique) == 3


async def test_start_to_close_timeout_is_retried(client, unique):
    """Attempt 1 overruns its 1 s start-to-close timeout; attempt 2 is quick and completes."""
    call = Call(unique, sleep=4, sleep_attempts=[1], start_to_close=1, initial_interval=0.1)
    async with worker(client, unique):
        assert await run_call(client, unique, call) == {"result": "ok after 2"}
    assert Runs.attempts[unique] == [1, 2]
    assert 0.9 <= gaps(unique)[0] <= 3.5
    started = of_type(await history(client, unique), E.EVENT_TYPE_ACTIVITY_TASK_STARTED)[0]
    last = started.activity_task_started_event_attributes.last_failure
    assert started.activity_task_started_event_attributes.attempt == 2
    assert last.timeout_failure_info.timeout_type == TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE


async def test_schedule_to_close_timeout_ends_the_retries(client, unique):
    """Retried failures until the 1.5 s schedule-to-close budget runs out: the timeout carries
    the last attempt's failure as its cause."""
    call = Call(unique, fail_times=999, start_to_close=None, schedule_to_close=1.5, initial_interval=0.2, backoff=1)
    async with worker(client, unique):
        outcome = await run_call(client, unique, call)
    assert outcome["cause"] == "TimeoutError" and outcome["type"] == "SCHEDULE_TO_CLOSE", outcome
    assert outcome["retry_state"] == "TIMEOUT"
    assert outcome["inner"] == "ApplicationError" and outcome["inner_message"].startswith("attempt "), outcome
    assert 2 <= Runs.count(unique) <= 10
    timed_out = of_type(await history(client, unique), E.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT)
    assert len(timed_out) == 1
    failure = timed_out[0].activity_task_timed_out_event_attributes.failure
    assert failure.timeout_failure_info.timeout_type == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE


async def test_heartbeat_timeout_of_a_silent_activity(client, unique):
    """An activity that never heartbeats outlives its 1 s heartbeat timeout on both attempts."""
    call = Call(unique, sleep=5, heartbeat_timeout=1, maximum_attempts=2, initial_interval=0.1)
    async with worker(client, unique):
        outcome = await run_call(client, unique, call)
    assert outcome["cause"] == "TimeoutError" and outcome["type"] == "HEARTBEAT", outcome
    assert outcome["retry_state"] == "MAXIMUM_ATTEMPTS_REACHED"
    assert Runs.attempts[unique] == [1, 2]
    timed_out = of_type(await history(client, unique), E.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT)
    assert timed_out[0].activity_task_timed_out_event_attributes.failure.timeout_failure_info.timeout_type == \
        TimeoutType.TIMEOUT_TYPE_HEARTBEAT


async def test_heartbeats_keep_a_long_activity_alive(client, unique):
    """3 s of work against a 1 s heartbeat timeout succeeds when the activity heartbeats."""
    call = Call(unique, sleep=3, heartbeat_every=0.2, heartbeat_timeout=1, maximum_attempts=1)
    async with worker(client, unique):
        assert await run_call(client, unique, call) == {"result": "ok after 1"}
    assert Runs.count(unique) == 1


async def test_schedule_to_start_timeout_on_an_unpolled_queue(client, unique):
    call = Call(unique, task_queue=f"{unique}-nobody-polls", schedule_to_start=1, start_to_close=5)
    async with worker(client, unique):
        outcome = await run_call(client, unique, call)
    assert outcome["cause"] == "TimeoutError" and outcome["type"] == "SCHEDULE_TO_START", outcome
    assert Runs.count(unique) == 0, "the activity never ran"
    events = await history(client, unique)
    assert not of_type(events, E.EVENT_TYPE_ACTIVITY_TASK_STARTED)
    scheduled = of_type(events, E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)[0]
    assert scheduled.activity_task_scheduled_event_attributes.task_queue.name == f"{unique}-nobody-polls"


async def test_heartbeat_details_reach_the_next_attempt(client, unique):
    """Attempt 1 heartbeats items 0..2, then stalls; attempt 2 starts after item 2."""
    async with worker(client, unique):
        done = await client.execute_workflow(CheckpointWorkflow.run, unique, id=unique, task_queue=unique)
    assert done == [3, 4, 5]
    assert Runs.events[unique] == ["attempt 1 starts at 0", "attempt 2 starts at 3"]
    started = of_type(await history(client, unique), E.EVENT_TYPE_ACTIVITY_TASK_STARTED)[0]
    assert started.activity_task_started_event_attributes.attempt == 2
    assert started.activity_task_started_event_attributes.last_failure.timeout_failure_info.timeout_type == \
        TimeoutType.TIMEOUT_TYPE_HEARTBEAT


@pytest.mark.parametrize("cancellation_type", ["TRY_CANCEL", "WAIT_CANCELLATION_COMPLETED", "ABANDON"])
async def test_activity_cancellation_types(client, unique, cancellation_type):
    async with worker(client, unique):
        handle = await client.start_workflow(ActivityCancelWorkflow.run, CancelSpec(unique, cancellation_type),
                                             id=unique, task_queue=unique)
        await wait_until(lambda: Runs.count(unique) == 1)
        await handle.signal(ActivityCancelWorkflow.cancel_activity)
        outcome = await handle.result()
        assert outcome["error"] == "ActivityError" and outcome["cause"] == "CancelledError", outcome
        if cancellation_type == "WAIT_CANCELLATION_COMPLETED":
            # The workflow waited: the activity had seen the cancel (through a heartbeat) already.
            assert Runs.events[unique] == ["cancelled"]
        else:
            # The activity finds out afterwards (its next heartbeat is refused or says cancelled).
            await wait_until(lambda: unique in Runs.events)
            assert Runs.events[unique] == ["cancelled"]
    types = [e.event_type for e in await history(client, unique)]
    if cancellation_type == "ABANDON":
        assert E.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED not in types, "abandon tells the server nothing"
    else:
        assert E.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED in types
    if cancellation_type == "WAIT_CANCELLATION_COMPLETED":
        assert types.index(E.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED) < types.index(
            E.EVENT_TYPE_ACTIVITY_TASK_STARTED) < types.index(E.EVENT_TYPE_ACTIVITY_TASK_CANCELED)
    else:
        assert E.EVENT_TYPE_ACTIVITY_TASK_CANCELED not in types, "the workflow did not wait for the activity"
    assert types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED


async def test_local_activity_retries_leave_one_marker(client, unique):
    call = Call(unique, local=True, fail_times=2, initial_interval=0.1)
    async with worker(client, unique):
        assert await run_call(client, unique, call) == {"result": "ok after 3"}
    assert Runs.attempts[unique] == [1, 2, 3]
    types = [e.event_type for e in await history(client, unique)]
    assert types.count(E.EVENT_TYPE_MARKER_RECORDED) == 1
    assert not any(t in types for t in (E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, E.EVENT_TYPE_ACTIVITY_TASK_STARTED))
    assert types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED

