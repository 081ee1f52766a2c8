"""Workflow for the crash test: two activities around a short durable timer."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import activity, workflow


@activity.defn
async def times_two(x: int) -> int:
    return x * 2


@workflow.defn
class CrashSurvivor:
    @workflow.run
    async def run(self, x: int) -> int:
        y = await workflow.execute_activity(times_two, x, start_to_close_timeout=timedelta(seconds=5))
        await asyncio.sleep(0.5 + (x % 7) * 0.25)
        return await workflow.execute_activity(times_two, y, start_to_close_timeout=timedelta(seconds=5))
