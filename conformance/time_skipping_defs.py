"""Workflows and activities for test_time_skipping.py (kept apart so the workflow sandbox
imports only this module)."""
from __future__ import annotations

from datetime import timedelta

from temporalio import activity, workflow
from temporalio.common import RetryPolicy


@workflow.defn
class LongTimerWorkflow:
    """Sleeps `days` days; returns the workflow clock before and after, in seconds."""

    @workflow.run
    async def run(self, days: int) -> list[float]:
        before = workflow.now().timestamp()
        await workflow.sleep(timedelta(days=days))
        return [before, workflow.now().timestamp()]


@activity.defn
async def fail_twice() -> str:
    info = activity.info()
    if info.attempt < 3:
        raise RuntimeError(f"attempt {info.attempt} fails")
    return f"done on attempt {info.attempt}"


@workflow.defn
class LongRetryWorkflow:
    """An activity whose retries back off by a week."""

    @workflow.run
    async def run(self) -> str:
        return await workflow.execute_activity(
            fail_twice,
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(initial_interval=timedelta(days=7), backoff_coefficient=1.0),
        )


@workflow.defn
class WaitForeverWorkflow:
    """Waits for a signal nobody sends; only its run timeout ends it."""

    def __init__(self) -> None:
        self.signalled = False

    @workflow.run
    async def run(self) -> None:
        await workflow.wait_condition(lambda: self.signalled)

    @workflow.signal
    def go(self) -> None:
        self.signalled = True


WORKFLOWS = [LongTimerWorkflow, LongRetryWorkflow, WaitForeverWorkflow]
ACTIVITIES = [fail_twice]
