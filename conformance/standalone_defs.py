"""Activities run as standalone activities (started by a client, no workflow)."""
from __future__ import annotations

import asyncio

from temporalio import activity
from temporalio.exceptions import ApplicationError


@activity.defn
async def increment(value: int) -> int:
    return value + 1


@activity.defn
async def fail_until(attempts: int) -> str:
    attempt = activity.info().attempt
    if attempt < attempts:
        raise ApplicationError(f"attempt {attempt} fails")
    return f"succeeded on attempt {attempt}"


@activity.defn
async def completes_elsewhere() -> str:
    activity.raise_complete_async()


@activity.defn
async def waits_for_cancel() -> str:
    try:
        while True:
            activity.heartbeat("waiting")
            await asyncio.sleep(0.2)
    except asyncio.CancelledError:
        activity.heartbeat("cancelled")
        raise


@activity.defn
async def describe_myself() -> list:
    info = activity.info()
    return [info.workflow_id, info.activity_id, info.activity_type, info.attempt]


STANDALONE_ACTIVITIES = [increment, fail_until, completes_elsewhere, waits_for_cancel, describe_myself]
