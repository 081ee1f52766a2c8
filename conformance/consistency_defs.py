"""Workflows for the consistency conformance tests (importable: the SDK's sandbox re-imports
workflow modules)."""
from __future__ import annotations

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
