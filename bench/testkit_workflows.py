"""The Python side of bench/testkit: the same two workflows as bench/testkit-driver."""
from __future__ import annotations

from datetime import timedelta

from temporalio import activity, workflow


@activity.defn
async def greet(name: str) -> str:
    return f"Hello, {name}!"


@workflow.defn(sandboxed=False)
class Greeting:
    @workflow.run
    async def run(self, name: str) -> str:
        return await workflow.execute_activity(greet, name, start_to_close_timeout=timedelta(seconds=10))


@workflow.defn(sandboxed=False)
class MonthLong:
    @workflow.run
    async def run(self, days: int) -> int:
        start = workflow.now()
        await workflow.sleep(timedelta(days=days))
        return (workflow.now() - start).days
