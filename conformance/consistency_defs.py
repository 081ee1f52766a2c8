"""Workflows for the consistency conformance tests (importable: the SDK's sandbox re-imports
workflow modules)."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from datetime import timedelta

from temporalio import workflow


@workflow.defn
class SignalLogWorkflow:
    """Keeps the signals it got; `slow` signals hold the worker (blocking) for a while, so that
    the workflow task applying them is still running when more arrive."""

    def __init__(self) -> None:
        self.received: list[str] = []

    @workflow.run
    async def run(self) -> list[str]:
        await workflow.wait_condition(lambda: "done" in self.received)
        return self.received

    @workflow.signal
    def note(self, value: str) -> None:
        if value.startswith("slow"):
            time.sleep(0.5)  # unsandboxed worker only: keeps this workflow task in flight
        self.received.append(value)

    @workflow.query
    def seen(self) -> list[str]:
        return self.received


@workflow.defn
class MemoWorkflow:
    @workflow.run
    async def run(self, upserts: dict) -> None:
        workflow.upsert_memo(upserts)
        await workflow.wait_condition(lambda: False, timeout=timedelta(seconds=30))


@workflow.defn
class InfoWorkflow:
    @workflow.run
    async def run(self) -> dict:
        return json.loads(json.dumps(dataclasses.asdict(workflow.info()), default=str))


@workflow.defn
class ContinueOnceWorkflow:
    @workflow.run
    async def run(self, continued: bool) -> None:
        if not continued:
            workflow.continue_as_new(True)
        await workflow.wait_condition(lambda: False)


CONSISTENCY_WORKFLOWS = [SignalLogWorkflow, MemoWorkflow, InfoWorkflow, ContinueOnceWorkflow]


@workflow.defn
class UpdatableWorkflow:
    """Runs until told to finish (or finishes at once); its update returns a fresh id, optionally
    after waiting to be released."""

    def __init__(self) -> None:
        self.finish = False
        self.release = False

    @workflow.run
    async def run(self, hold: bool) -> str:
        if hold:
            await workflow.wait_condition(lambda: self.finish)
        return "done"

    @workflow.update(unfinished_policy=workflow.HandlerUnfinishedPolicy.ABANDON)
    async def change(self, hold: bool) -> str:
        if hold:
            await workflow.wait_condition(lambda: self.release)
        return str(workflow.uuid4())

    @workflow.signal
    def finish_run(self) -> None:
        self.finish = True

    @workflow.signal
    def release_update(self) -> None:
        self.release = True


CONSISTENCY_WORKFLOWS.append(UpdatableWorkflow)


@workflow.defn
class SlowContinueWorkflow:
    """The first run blocks its first workflow task (unsandboxed worker), then continues as new;
    the update reports which run handled it."""

    @workflow.run
    async def run(self, continued: bool) -> None:
        if not continued:
            time.sleep(1.0)
            workflow.continue_as_new(True)
        await workflow.wait_condition(lambda: False)

    @workflow.update
    def which_run(self) -> str:
        return workflow.info().run_id


CONSISTENCY_WORKFLOWS.append(SlowContinueWorkflow)


@workflow.defn
class SummarizedWorkflow:
    """Gives its timer, activity and child a summary; the child gets static details too."""

    @workflow.run
    async def run(self, child: bool) -> str:
        if child:
            return "child done"
        await workflow.sleep(timedelta(milliseconds=10), summary="short nap")
        await workflow.execute_activity(
            "noop_activity", start_to_close_timeout=timedelta(seconds=10), summary="does nothing")
        return await workflow.execute_child_workflow(
            SummarizedWorkflow.run, True, id=f"{workflow.info().workflow_id}-child",
            static_summary="the child", static_details="child **details**")


@workflow.defn
class CountingWorkflow:
    """Returns one more than the last scheduled run's result (0 for the first)."""

    @workflow.run
    async def run(self) -> int:
        last = workflow.get_last_completion_result(int)
        return (last or 0) + 1


CONSISTENCY_WORKFLOWS += [SummarizedWorkflow, CountingWorkflow]


@workflow.defn
class ManySleepsWorkflow:
    """Sleeps of zero and of 50 ms side by side, each with its summary."""

    @workflow.run
    async def run(self) -> None:
        naps = [workflow.sleep(0.05, summary=f"nap{i}") for i in range(3)]
        instant = workflow.sleep(0, summary="instant")
        bounded = workflow.wait_condition(lambda: False, timeout=0.05, timeout_summary="bounded wait")
        await asyncio.gather(*naps, instant, bounded, return_exceptions=True)


CONSISTENCY_WORKFLOWS.append(ManySleepsWorkflow)


@workflow.defn
class RetriedWithInputWorkflow:
    """Fails its first attempt; later attempts (new runs of the retry policy) echo their input."""

    @workflow.run
    async def run(self, note: str) -> str:
        from temporalio.exceptions import ApplicationError
        if workflow.info().attempt < 2:
            raise ApplicationError("first attempt fails")
        return f"{note} on attempt {workflow.info().attempt}"


CONSISTENCY_WORKFLOWS.append(RetriedWithInputWorkflow)
