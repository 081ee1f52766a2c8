"""Workflow life cycle through the official SDK: cancel, terminate, timeouts, sleep, signals,
signal-with-start, id policies, describe, queries, history paging and replay."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import (
    Client,
    WorkflowExecutionStatus,
    WorkflowFailureError,
    WorkflowQueryFailedError,
    WorkflowQueryRejectedError,
)
from temporalio.common import QueryRejectCondition, WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import CancelledError, TerminatedError, TimeoutError, WorkflowAlreadyStartedError
from temporalio.worker import Replayer, Worker

from engine_defs import (
    ENGINE_ACTIVITIES,
    ENGINE_WORKFLOWS,
    FailingWorkflow,
    ManyTimersWorkflow,
    QuickWorkflow,
    SleepWorkflow,
    WaitingWorkflow,
)


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=ENGINE_WORKFLOWS, activities=ENGINE_ACTIVITIES)


async def event_types(client, workflow_id, run_id=None):
    return [e.event_type for e in (await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()).events]


async def test_cancel(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique)
        await handle.signal(WaitingWorkflow.note, "first")
        await handle.cancel()
        with pytest.raises(WorkflowFailureError) as err:
            await handle.result()
    assert isinstance(err.value.cause, CancelledError)
    types = await event_types(client, unique)
    assert EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED in types
    assert types[-1] == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
    assert (await handle.describe()).status == WorkflowExecutionStatus.CANCELED


async def test_terminate(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique)
        await handle.terminate("some detail", reason="enough")
        with pytest.raises(WorkflowFailureError) as err:
            await handle.result()
    assert isinstance(err.value.cause, TerminatedError)
    events = (await handle.fetch_history()).events
    assert events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
    assert events[-1].workflow_execution_terminated_event_attributes.reason == "enough"
    with pytest.raises(Exception):
        await handle.signal(WaitingWorkflow.note, "too late")


async def test_execution_timeout(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique,
                                             execution_timeout=timedelta(seconds=1))
        with pytest.raises(WorkflowFailureError) as err:
            await handle.result()
    assert isinstance(err.value.cause, TimeoutError)
    assert (await handle.describe()).status == WorkflowExecutionStatus.TIMED_OUT


async def test_failure_is_reported(client, unique):
    async with worker(client, unique):
        with pytest.raises(WorkflowFailureError) as err:
            await client.execute_workflow(FailingWorkflow.run, id=unique, task_queue=unique)
    assert "on purpose" in str(err.value.cause)
    assert (await event_types(client, unique))[-1] == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED


async def test_sleep_is_a_durable_timer(client, unique):
    async with worker(client, unique):
        slept = await client.execute_workflow(SleepWorkflow.run, 1.0, id=unique, task_queue=unique)
    assert 1.0 <= slept < 3
    types = await event_types(client, unique)
    assert types.count(EventType.EVENT_TYPE_TIMER_STARTED) == 1 and types.count(EventType.EVENT_TYPE_TIMER_FIRED) == 1


async def test_signal_during_a_timer(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 30, id=unique, task_queue=unique)
        await asyncio.sleep(0.5)
        await handle.signal(WaitingWorkflow.note, "early")
        await handle.cancel()
        with pytest.raises(WorkflowFailureError):
            await handle.result()
    types = await event_types(client, unique)
    started = types.index(EventType.EVENT_TYPE_TIMER_STARTED)
    assert types.index(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) > started
    assert EventType.EVENT_TYPE_TIMER_CANCELED in types


async def test_signal_with_start(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique,
                                             start_signal="note", start_signal_args=["finish"])
        assert await handle.result() == ["finish"]
        types = await event_types(client, unique)
        assert types[:3] == [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                             EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                             EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED]
        # On a running workflow, signal-with-start only signals it.
        second = f"{unique}-2"
        first = await client.start_workflow(WaitingWorkflow.run, 0, id=second, task_queue=unique,
                                            start_signal="note", start_signal_args=["a"])
        again = await client.start_workflow(WaitingWorkflow.run, 0, id=second, task_queue=unique,
                                            start_signal="note", start_signal_args=["finish"])
        assert again.result_run_id == first.result_run_id
        assert await first.result() == ["a", "finish"]


async def test_id_reuse_policies(client, unique):
    async with worker(client, unique):
        first = await client.start_workflow(QuickWorkflow.run, "1", id=unique, task_queue=unique)
        await first.result()
        with pytest.raises(WorkflowAlreadyStartedError):
            await client.start_workflow(QuickWorkflow.run, "2", id=unique, task_queue=unique,
                                        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE)
        with pytest.raises(WorkflowAlreadyStartedError):
            await client.start_workflow(QuickWorkflow.run, "2", id=unique, task_queue=unique,
                                        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY)
        second = await client.start_workflow(QuickWorkflow.run, "3", id=unique, task_queue=unique,
                                             id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE)
        assert second.result_run_id != first.result_run_id
        assert await second.result() == "3"

        failed = f"{unique}-failed"
        with pytest.raises(WorkflowFailureError):
            await client.execute_workflow(FailingWorkflow.run, id=failed, task_queue=unique)
        retried = await client.start_workflow(QuickWorkflow.run, "4", id=failed, task_queue=unique,
                                              id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY)
        assert await retried.result() == "4"


async def test_id_conflict_policies(client, unique):
    async with worker(client, unique):
        running = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique)
        with pytest.raises(WorkflowAlreadyStartedError):
            await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique)
        existing = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique,
                                               id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING)
        assert existing.result_run_id == running.result_run_id
        replacement = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique,
                                                  id_conflict_policy=WorkflowIDConflictPolicy.TERMINATE_EXISTING)
        assert replacement.result_run_id != running.result_run_id
        old = client.get_workflow_handle(unique, run_id=running.result_run_id)
        assert (await old.describe()).status == WorkflowExecutionStatus.TERMINATED
        await replacement.signal(WaitingWorkflow.note, "finish")
        assert await replacement.result() == ["finish"]


async def test_describe(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique,
                                             memo={"owner": "team-a"})
        await handle.signal(WaitingWorkflow.note, "x")
        desc = await handle.describe()
        assert desc.status == WorkflowExecutionStatus.RUNNING
        assert desc.workflow_type == "WaitingWorkflow"
        assert desc.task_queue == unique
        assert desc.run_id == handle.result_run_id
        assert await desc.memo_value("owner") == "team-a"
        assert desc.history_length >= 3
        await handle.signal(WaitingWorkflow.note, "finish")
        await handle.result()
        closed = await handle.describe()
        assert closed.status == WorkflowExecutionStatus.COMPLETED
        assert closed.close_time is not None and closed.close_time >= closed.start_time


async def test_queries(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(WaitingWorkflow.run, 0, id=unique, task_queue=unique)
        assert await handle.query(WaitingWorkflow.seen) == []
        await handle.signal(WaitingWorkflow.note, "one")
        assert await handle.query(WaitingWorkflow.seen) == ["one"]
        with pytest.raises(WorkflowQueryFailedError) as err:
            await handle.query(WaitingWorkflow.broken)
        assert "always fails" in str(err.value)
        await handle.signal(WaitingWorkflow.note, "finish")
        await handle.result()
        # A closed workflow is queried by replaying its history.
        assert await handle.query(WaitingWorkflow.seen) == ["one", "finish"]
        with pytest.raises(WorkflowQueryRejectedError):
            await handle.query(WaitingWorkflow.seen, reject_condition=QueryRejectCondition.NOT_OPEN)


async def test_thousand_event_history_pages_and_replays(server_factory, unique):
    # 250 sleeps of 1 ms: exact timers (no one-second floor, see test_timer_floor.py) keep it short.
    server = server_factory(extra_args=["--dynamic-config-value", 'history.timerProcessorMaxTimeShift="0s"']).start()
    client = await Client.connect(server.address)
    async with worker(client, unique):
        handle = await client.start_workflow(ManyTimersWorkflow.run, 250, id=unique, task_queue=unique)
        assert await handle.result() == 250
    ids = [e.event_id async for e in handle.fetch_history_events(page_size=100)]
    assert len(ids) >= 1000
    assert ids == list(range(1, len(ids) + 1)), "history must be gap-free and in order"
    history = await handle.fetch_history()
    await Replayer(workflows=ENGINE_WORKFLOWS).replay_workflow(history)
