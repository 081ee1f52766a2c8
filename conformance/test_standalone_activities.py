"""Standalone activities: started by a client with no workflow, run by ordinary workers, found
by id, listed and counted with the query language, with id reuse and conflict policies, retries,
cancellation, termination, completion by id, and the operator commands."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from temporalio.client import (
    ActivityExecutionCount,
    ActivityExecutionCountAggregationGroup,
    ActivityExecutionStatus,
    ActivityFailureError,
)
from temporalio.common import ActivityIDConflictPolicy, ActivityIDReusePolicy, RetryPolicy
from temporalio.exceptions import ActivityAlreadyStartedError, ApplicationError
from temporalio.worker import Worker

from standalone_defs import (
    STANDALONE_ACTIVITIES,
    completes_elsewhere,
    describe_myself,
    fail_until,
    increment,
    waits_for_cancel,
)


def worker(client, queue):
    return Worker(client, task_queue=queue, activities=STANDALONE_ACTIVITIES)


async def eventually(check, timeout=15.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            return await check()
        except AssertionError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.2)


async def test_start_run_and_describe(client, unique):
    handle = await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                         start_to_close_timeout=timedelta(seconds=5))
    running = await handle.describe()
    assert running.status == ActivityExecutionStatus.RUNNING
    async with worker(client, unique):
        assert await handle.result() == 2
        # A second handle by id alone finds the same run.
        assert await client.get_activity_handle(unique).result() == 2
        info = await client.execute_activity(describe_myself, id=f"{unique}-info", task_queue=unique,
                                             start_to_close_timeout=timedelta(seconds=5))
    assert info == [None, f"{unique}-info", "describe_myself", 1]
    desc = await handle.describe()
    assert desc.status == ActivityExecutionStatus.COMPLETED
    assert desc.activity_type == "increment" and desc.task_queue == unique and desc.attempt == 1
    assert desc.close_time is not None and desc.last_started_time is not None


async def test_list_and_count_with_queries(client, unique):
    ids = [f"{unique}-{i}" for i in range(3)]
    for activity_id in ids:
        await client.start_activity(increment, 1, id=activity_id, task_queue=unique,
                                    schedule_to_close_timeout=timedelta(seconds=60))
    either = " OR ".join(f'ActivityId = "{i}"' for i in ids)

    async def listed():
        found = [e async for e in client.list_activities(f'ActivityId = "{ids[0]}"')]
        assert len(found) == 1
        assert found[0].activity_type == "increment" and found[0].task_queue == unique
        assert found[0].status == ActivityExecutionStatus.RUNNING
        count = await client.count_activities(f"({either}) GROUP BY ExecutionStatus")
        assert count == ActivityExecutionCount(
            count=3, groups=[ActivityExecutionCountAggregationGroup(count=3, group_values=["Running"])])
        assert (await client.count_activities(f"ActivityType = 'increment' AND TaskQueue = '{unique}'")).count == 3
    await eventually(listed)
    # Workflow listings do not show activities.
    assert [w async for w in client.list_workflows(f"WorkflowId = '{ids[0]}'")] == []
    async with worker(client, unique):
        for activity_id in ids:
            await client.get_activity_handle(activity_id).result()


async def test_id_conflict_and_reuse_policies(client, unique):
    first = await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                        start_to_close_timeout=timedelta(seconds=5),
                                        id_conflict_policy=ActivityIDConflictPolicy.FAIL)
    with pytest.raises(ActivityAlreadyStartedError) as err:
        await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                    start_to_close_timeout=timedelta(seconds=5),
                                    id_conflict_policy=ActivityIDConflictPolicy.FAIL)
    assert err.value.activity_id == unique
    same = await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                       start_to_close_timeout=timedelta(seconds=5),
                                       id_conflict_policy=ActivityIDConflictPolicy.USE_EXISTING)
    assert same.run_id == first.run_id
    async with worker(client, unique):
        await first.result()
    with pytest.raises(ActivityAlreadyStartedError):
        await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                    start_to_close_timeout=timedelta(seconds=5),
                                    id_reuse_policy=ActivityIDReusePolicy.REJECT_DUPLICATE)
    again = await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                        start_to_close_timeout=timedelta(seconds=5),
                                        id_reuse_policy=ActivityIDReusePolicy.ALLOW_DUPLICATE)
    assert again.run_id != first.run_id
    await again.terminate()


async def test_retries_follow_the_policy_and_the_last_failure_is_reported(client, unique):
    policy = RetryPolicy(initial_interval=timedelta(milliseconds=100), maximum_attempts=2)
    async with worker(client, unique):
        ok = await client.start_activity(fail_until, 2, id=unique, task_queue=unique,
                                         start_to_close_timeout=timedelta(seconds=5), retry_policy=policy)
        assert await ok.result() == "succeeded on attempt 2"
        failing = await client.start_activity(fail_until, 5, id=f"{unique}-f", task_queue=unique,
                                              start_to_close_timeout=timedelta(seconds=5), retry_policy=policy)
        with pytest.raises(ActivityFailureError) as err:
            await failing.result()
    assert isinstance(err.value.cause, ApplicationError)
    assert err.value.cause.message == "attempt 2 fails"
    desc = await failing.describe()
    assert desc.status == ActivityExecutionStatus.FAILED and desc.attempt == 2
    assert desc.retry_policy.maximum_attempts == 2


async def test_completion_by_id_and_heartbeat(client, unique):
    handle = await client.start_activity(completes_elsewhere, id=unique, task_queue=unique,
                                         start_to_close_timeout=timedelta(seconds=30))
    async with worker(client, unique):
        await eventually(lambda: _started(handle))
        by_id = client.get_async_activity_handle(activity_id=unique, run_id=handle.run_id)
        await by_id.heartbeat("half way")
        desc = await handle.describe()
        assert desc.last_heartbeat_time is not None
        await by_id.complete("done by id")
        assert await handle.result() == "done by id"


async def _started(handle):
    desc = await handle.describe()
    assert desc.last_started_time is not None
    return desc


async def test_cancel_and_terminate(client, unique):
    # Not yet started: canceled at once.
    waiting = await client.start_activity(increment, 1, id=unique, task_queue=f"{unique}-nobody",
                                          start_to_close_timeout=timedelta(seconds=5))
    await waiting.cancel(reason="no longer needed")
    with pytest.raises(ActivityFailureError):
        await waiting.result()
    assert (await waiting.describe()).status == ActivityExecutionStatus.CANCELED
    async with worker(client, unique):
        # Running: its heartbeat hears of it and it reports itself canceled.
        running = await client.start_activity(waits_for_cancel, id=f"{unique}-r", task_queue=unique,
                                              start_to_close_timeout=timedelta(seconds=30),
                                              heartbeat_timeout=timedelta(seconds=5))
        await eventually(lambda: _started(running))
        await running.cancel()
        with pytest.raises(ActivityFailureError):
            await running.result()
        assert (await running.describe()).status == ActivityExecutionStatus.CANCELED
        stuck = await client.start_activity(completes_elsewhere, id=f"{unique}-t", task_queue=unique,
                                            start_to_close_timeout=timedelta(seconds=30))
        await eventually(lambda: _started(stuck))
        await stuck.terminate(reason="operator")
        with pytest.raises(ActivityFailureError):
            await stuck.result()
        assert (await stuck.describe()).status == ActivityExecutionStatus.TERMINATED


async def test_start_delay_holds_the_first_attempt(client, unique):
    async with worker(client, unique):
        handle = await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                             start_to_close_timeout=timedelta(seconds=5),
                                             start_delay=timedelta(seconds=1))
        assert await handle.result() == 2
        desc = await handle.describe()
    assert (desc.last_started_time - desc.schedule_time).total_seconds() >= 0.9


async def test_operator_commands_pause_and_unpause_a_standalone_activity(client, unique):
    from temporalio.api.workflowservice.v1 import PauseActivityExecutionRequest, UnpauseActivityExecutionRequest
    handle = await client.start_activity(increment, 1, id=unique, task_queue=unique,
                                         start_to_close_timeout=timedelta(seconds=5))
    await client.workflow_service.pause_activity_execution(PauseActivityExecutionRequest(
        namespace="default", activity_id=unique, identity="operator", reason="hold"))
    async with worker(client, unique):
        await asyncio.sleep(1.0)
        desc = await handle.describe()
        assert desc.status == ActivityExecutionStatus.PAUSED and desc.last_started_time is None
        await client.workflow_service.unpause_activity_execution(UnpauseActivityExecutionRequest(
            namespace="default", activity_id=unique))
        assert await handle.result() == 2


async def test_reporting_canceled_needs_a_cancel_request_and_predefined_attributes_are_settable(client, unique):
    from temporalio.common import SearchAttributeKey, SearchAttributePair, TypedSearchAttributes
    from temporalio.service import RPCError, RPCStatusCode
    change_version = SearchAttributeKey.for_keyword_list("TemporalChangeVersion")
    handle = await client.start_activity(
        completes_elsewhere, id=unique, task_queue=unique, start_to_close_timeout=timedelta(seconds=30),
        search_attributes=TypedSearchAttributes([SearchAttributePair(change_version, ["patch-1"])]))
    assert (await handle.describe()).typed_search_attributes[change_version] == ["patch-1"]
    async with worker(client, unique):
        await eventually(lambda: _started(handle))
        by_id = client.get_async_activity_handle(activity_id=unique, run_id=handle.run_id)
        with pytest.raises(RPCError) as err:
            await by_id.report_cancellation("not asked")
        assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
        assert "unable to mark activity as canceled" in err.value.message
        await handle.cancel()
        await by_id.report_cancellation("now asked")
        with pytest.raises(ActivityFailureError):
            await handle.result()
    assert (await handle.describe()).status == ActivityExecutionStatus.CANCELED
