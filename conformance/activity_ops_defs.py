"""Workflow and activities for the activity operation tests (importable: the SDK's sandbox
re-imports workflow modules)."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.common import RetryPolicy


@activity.defn
async def heartbeating(note: str) -> str:
    """Heartbeats until cancelled; the attempt after that returns what the first one learned."""
    info = activity.info()
    if info.heartbeat_details:
        return f"attempt {info.attempt} after {info.heartbeat_details[0]}"
    try:
        while True:
            activity.heartbeat("running")
            await asyncio.sleep(0.2)
    except asyncio.CancelledError:
        details = activity.cancellation_details()
        reason = "paused" if details and details.paused else "reset" if details and details.reset else "other"
        activity.heartbeat(reason)
        raise


@activity.defn
async def quick(note: str) -> str:
    return f"ran {note} on attempt {activity.info().attempt}"


@workflow.defn
class OneActivityWorkflow:
    @workflow.run
    async def run(self, name: str, queue: str | None, attempts: int) -> str:
        fn = heartbeating if name == "heartbeating" else quick
        return await workflow.execute_activity(
            fn, name, activity_id="the-activity", task_queue=queue,
            start_to_close_timeout=timedelta(seconds=30), heartbeat_timeout=timedelta(seconds=5),
            retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100), maximum_attempts=attempts))


ACTIVITY_OPS_ACTIVITIES = [heartbeating, quick]
