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


@workflow.defn
class SignalledSurvivor:
    """Two activities, a timer, and two signals it must see once each (by signal id: a signal a
    client retried after an unclear failure may arrive twice, and counts once)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    @workflow.signal
    def add(self, signal_id: str, value: int) -> None:
        self.seen.setdefault(signal_id, value)

    @workflow.run
    async def run(self, x: int) -> int:
        y = await workflow.execute_activity(times_two, x, start_to_close_timeout=timedelta(seconds=5))
        await asyncio.sleep(0.5 + (x % 5) * 0.25)
        await workflow.wait_condition(lambda: len(self.seen) >= 2)
        z = await workflow.execute_activity(times_two, y, start_to_close_timeout=timedelta(seconds=5))
        return z + sum(self.seen.values())
