"""The Python SDK's time-skipping test environment on Tern's test server:
`WorkflowEnvironment.start_time_skipping(test_server_existing_path=…)` starts the tern binary as
Temporal's Java test server is started (`EXECUTABLE PORT`), then relies on Temporal's TestService.

Every test checks both that time really skipped (days of workflow time in seconds of wall time)
and that the workflow saw the skipped time (its clock, its history's timestamps)."""
from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowFailureError
from temporalio.exceptions import TimeoutError as WorkflowTimeoutError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from conftest import SERVER_KIND, TERN_BIN
from time_skipping_defs import ACTIVITIES, WORKFLOWS, LongRetryWorkflow, LongTimerWorkflow, WaitForeverWorkflow

pytestmark = pytest.mark.skipif(
    SERVER_KIND != "tern",
    reason="Temporal's reference here is its Java test server, which is downloaded from temporal.download "
    "(unreachable from CI); these tests pin Tern's test server to what the Python SDK expects of it")

DAY = 86_400


@pytest.fixture
async def env():
    environment = await WorkflowEnvironment.start_time_skipping(test_server_existing_path=TERN_BIN)
    try:
        yield environment
    finally:
        await environment.shutdown()


def worker(env, queue):
    return Worker(env.client, task_queue=queue, workflows=WORKFLOWS, activities=ACTIVITIES)


async def test_the_environment_reports_time_skipping(env):
    assert env.supports_time_skipping


async def test_a_thirty_day_timer_takes_no_wall_time(env):
    queue = f"tq-{uuid.uuid4()}"
    async with worker(env, queue):
        started = time.monotonic()
        before, after = await env.client.execute_workflow(
            LongTimerWorkflow.run, 30, id=f"timer-{uuid.uuid4()}", task_queue=queue)
        elapsed = time.monotonic() - started
    assert after - before == pytest.approx(30 * DAY, abs=5)
    assert elapsed < 5, f"30 days took {elapsed:.2f} s of wall time"


async def test_the_timer_events_are_thirty_days_apart(env):
    queue = f"tq-{uuid.uuid4()}"
    async with worker(env, queue):
        handle = await env.client.start_workflow(
            LongTimerWorkflow.run, 30, id=f"timer-{uuid.uuid4()}", task_queue=queue)
        await handle.result()
        events = (await handle.fetch_history()).events
    started = next(e for e in events if e.event_type == EventType.EVENT_TYPE_TIMER_STARTED)
    fired = next(e for e in events if e.event_type == EventType.EVENT_TYPE_TIMER_FIRED)
    gap = fired.event_time.ToDatetime() - started.event_time.ToDatetime()
    assert abs(gap.total_seconds() - 30 * DAY) < 5


async def test_env_sleep_moves_the_clock(env):
    before = await env.get_current_time()
    started = time.monotonic()
    await env.sleep(timedelta(hours=5))
    after = await env.get_current_time()
    assert (after - before).total_seconds() >= 5 * 3600
    assert (after - before).total_seconds() < 5 * 3600 + 60
    assert time.monotonic() - started < 5


async def test_time_stands_still_while_the_client_is_not_waiting(env):
    # The client holds its lock except while it waits for a result: with nothing waiting, a
    # timer far in the future must not fire.
    queue = f"tq-{uuid.uuid4()}"
    async with worker(env, queue):
        handle = await env.client.start_workflow(
            LongTimerWorkflow.run, 1, id=f"timer-{uuid.uuid4()}", task_queue=queue)
        before = await env.get_current_time()
        time.sleep(0.5)
        describe = await handle.describe()
        assert describe.status.name == "RUNNING"
        assert (await env.get_current_time() - before).total_seconds() < 60
        before_result, after_result = await handle.result()
    assert after_result - before_result == pytest.approx(DAY, abs=5)


async def test_an_activity_retrying_weekly_finishes_at_once(env):
    queue = f"tq-{uuid.uuid4()}"
    async with worker(env, queue):
        started = time.monotonic()
        handle = await env.client.start_workflow(
            LongRetryWorkflow.run, id=f"retry-{uuid.uuid4()}", task_queue=queue)
        assert await handle.result() == "done on attempt 3"
        elapsed = time.monotonic() - started
        events = (await handle.fetch_history()).events
    assert elapsed < 10, f"two week-long back-offs took {elapsed:.2f} s"
    scheduled = next(e for e in events if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
    started_event = next(e for e in events if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
    assert started_event.activity_task_started_event_attributes.attempt == 3
    gap = started_event.event_time.ToDatetime() - scheduled.event_time.ToDatetime()
    assert abs(gap.total_seconds() - 14 * DAY) < 60


async def test_a_run_timeout_a_year_away_ends_the_run(env):
    queue = f"tq-{uuid.uuid4()}"
    async with worker(env, queue):
        started = time.monotonic()
        handle = await env.client.start_workflow(
            WaitForeverWorkflow.run, id=f"forever-{uuid.uuid4()}", task_queue=queue,
            run_timeout=timedelta(days=365))
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()
        assert isinstance(failure.value.cause, WorkflowTimeoutError)
        assert time.monotonic() - started < 10
        events = (await handle.fetch_history()).events
    gap = events[-1].event_time.ToDatetime() - events[0].event_time.ToDatetime()
    assert events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT
    assert abs(gap.total_seconds() - 365 * DAY) < 60


async def test_with_auto_skipping_disabled_time_runs_at_wall_pace(env):
    queue = f"tq-{uuid.uuid4()}"
    async with worker(env, queue):
        handle = await env.client.start_workflow(
            LongTimerWorkflow.run, 1, id=f"timer-{uuid.uuid4()}", task_queue=queue)
        with env.auto_time_skipping_disabled():
            with pytest.raises(Exception):
                # Without skipping, a day-long timer cannot fire within two seconds.
                await handle.result(rpc_timeout=timedelta(seconds=2))
        assert (await handle.describe()).status.name == "RUNNING"
        before_result, after_result = await handle.result()
    assert after_result - before_result == pytest.approx(DAY, abs=5)
