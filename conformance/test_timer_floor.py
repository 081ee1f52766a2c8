"""How soon durable timers fire. Temporal's timer queue never fires a timer (a workflow's sleep, an
activity's timeout) sooner than about a second after it was armed (`history.timerProcessorMaxTimeShift`),
and SDK tests time their waits by that; longer timers fire when they are due. Setting the shift to
zero gives exact sub-second timers."""
from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from temporalio import activity, workflow
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowFailureError
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, TimeoutError, TimeoutType
from temporalio.worker import Worker


@workflow.defn(sandboxed=False)
class SleepFor:
    @workflow.run
    async def run(self, seconds: float) -> None:
        await workflow.sleep(seconds)


@activity.defn
async def outlive_timeout() -> None:
    await asyncio.sleep(30)  # cancelled when the worker shuts down


@workflow.defn(sandboxed=False)
class ShortActivityTimeout:
    @workflow.run
    async def run(self) -> None:
        await workflow.execute_activity(
            outlive_timeout, start_to_close_timeout=timedelta(milliseconds=200),
            retry_policy=RetryPolicy(maximum_attempts=1))


async def event_gap(client: Client, workflow_id: str, first: EventType.ValueType, second: EventType.ValueType) -> float:
    """Seconds between the first events of the two types in the run's history."""
    times = {}
    async for event in client.get_workflow_handle(workflow_id).fetch_history_events():
        if event.event_type in (first, second) and event.event_type not in times:
            times[event.event_type] = event.event_time.ToDatetime()
    return (times[second] - times[first]).total_seconds()


async def sleep_gap(client: Client, seconds: float) -> float:
    task_queue = f"tq-{uuid.uuid4()}"
    workflow_id = f"sleep-{uuid.uuid4()}"
    async with Worker(client, task_queue=task_queue, workflows=[SleepFor]):
        await client.execute_workflow(SleepFor.run, seconds, id=workflow_id, task_queue=task_queue)
    return await event_gap(client, workflow_id, EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_FIRED)


async def test_sub_second_sleep_fires_about_a_second_after_it_was_armed(client: Client):
    gap = await sleep_gap(client, 0.2)
    assert 0.7 <= gap < 2.0, gap


async def test_longer_timers_fire_when_due(client: Client):
    gap = await sleep_gap(client, 1.6)
    assert 1.6 <= gap < 2.4, gap


async def test_sub_second_activity_timeout_fires_about_a_second_after_start(client: Client):
    task_queue = f"tq-{uuid.uuid4()}"
    workflow_id = f"short-timeout-{uuid.uuid4()}"
    async with Worker(client, task_queue=task_queue, workflows=[ShortActivityTimeout], activities=[outlive_timeout]):
        with pytest.raises(WorkflowFailureError) as failed:
            await client.execute_workflow(ShortActivityTimeout.run, id=workflow_id, task_queue=task_queue)
    cause = failed.value.cause
    assert isinstance(cause, ActivityError) and isinstance(cause.cause, TimeoutError)
    assert cause.cause.type == TimeoutType.START_TO_CLOSE
    gap = await event_gap(client, workflow_id, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
                          EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT)
    assert 0.7 <= gap < 2.5, gap


async def test_zero_shift_gives_exact_sub_second_timers(server_factory):
    server = server_factory(extra_args=[
        "--dynamic-config-value", "history.timerProcessorMaxTimeShift=\"0s\""]).start()
    client = await Client.connect(server.address)
    gap = await sleep_gap(client, 0.2)
    assert 0.2 <= gap < 0.6, gap
