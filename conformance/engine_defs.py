"""Workflows and activities for the engine conformance tests (importable: the SDK's sandbox
re-imports workflow modules)."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, CancelledError


class Tracker:
    """Attempt times per key, recorded by activities running in the test process."""

    attempts: dict[str, list[float]] = {}

    @classmethod
    def hit(cls, key: str) -> int:
        cls.attempts.setdefault(key, []).append(time.monotonic())
        return len(cls.attempts[key])


@dataclass
class Plan:
    key: str
    fail_times: int = 0
    sleep: float = 0
    heartbeat: bool = False


@activity.defn
async def flaky(plan: Plan) -> str:
    attempt = Tracker.hit(plan.key)
    if attempt <= plan.fail_times:
        raise ApplicationError(f"attempt {attempt} fails", type="Flaky")
    if plan.sleep:
        if plan.heartbeat:
            activity.heartbeat(f"at attempt {attempt}")
        await asyncio.sleep(plan.sleep)
    return f"ok after {attempt}"


@activity.defn
async def heartbeat_then_stall(key: str) -> str:
    attempt = Tracker.hit(key)
    details = activity.info().heartbeat_details
    if attempt == 1:
        activity.heartbeat("checkpoint-1")
        await asyncio.sleep(10)  # longer than the heartbeat timeout: this attempt times out
        return "stalled attempt finished"
    return f"resumed from {details[0] if details else None}"


@activity.defn
async def until_cancelled(key: str) -> str:
    Tracker.hit(key)
    try:
        while True:
            activity.heartbeat()
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        Tracker.hit(key + "-cancelled")
        raise


class AsyncTokens:
    """Task tokens of activities that completed asynchronously, by key."""

    tokens: dict[str, bytes] = {}


@activity.defn
async def complete_later(key: str) -> str:
    AsyncTokens.tokens[key] = activity.info().task_token
    activity.raise_complete_async()


@activity.defn
async def double(x: int) -> int:
    return 2 * x


@workflow.defn
class RetryWorkflow:
    @workflow.run
    async def run(self, plan: Plan) -> str:
        return await workflow.execute_activity(
            flaky, plan, start_to_close_timeout=timedelta(seconds=10),
            retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=500), backoff_coefficient=2,
                                     maximum_attempts=5, non_retryable_error_types=["Fatal"]))


@dataclass
class TimeoutCase:
    kind: str
    key: str
    task_queue: str = ""


@workflow.defn
class ActivityTimeoutWorkflow:
    @workflow.run
    async def run(self, case: TimeoutCase) -> str:
        no_retry = RetryPolicy(maximum_attempts=1)
        try:
            if case.kind == "schedule_to_start":
                await workflow.execute_activity(flaky, Plan(case.key), task_queue=case.task_queue,
                                                schedule_to_start_timeout=timedelta(seconds=1),
                                                start_to_close_timeout=timedelta(seconds=5), retry_policy=no_retry)
            elif case.kind == "start_to_close":
                await workflow.execute_activity(flaky, Plan(case.key, sleep=5), start_to_close_timeout=timedelta(seconds=1),
                                                retry_policy=no_retry)
            elif case.kind == "schedule_to_close":
                await workflow.execute_activity(flaky, Plan(case.key, sleep=5), schedule_to_close_timeout=timedelta(seconds=1))
            elif case.kind == "heartbeat":
                await workflow.execute_activity(flaky, Plan(case.key, sleep=5, heartbeat=True),
                                                start_to_close_timeout=timedelta(seconds=10),
                                                heartbeat_timeout=timedelta(seconds=1), retry_policy=no_retry)
        except ActivityError as e:
            return f"{type(e.cause).__name__}:{e.cause.type.name if hasattr(e.cause, 'type') else ''}"
        return "completed"


@workflow.defn
class HeartbeatRetryWorkflow:
    @workflow.run
    async def run(self, key: str) -> str:
        return await workflow.execute_activity(
            heartbeat_then_stall, key, start_to_close_timeout=timedelta(seconds=30),
            heartbeat_timeout=timedelta(seconds=1), retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100)))


@workflow.defn
class CancelActivityWorkflow:
    @workflow.run
    async def run(self, key: str) -> str:
        handle = workflow.start_activity(
            until_cancelled, key, start_to_close_timeout=timedelta(seconds=30), heartbeat_timeout=timedelta(seconds=2),
            cancellation_type=workflow.ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        await workflow.sleep(0.5)
        handle.cancel()
        try:
            await handle
        except ActivityError as e:
            return type(e.cause).__name__
        return "not cancelled"


@workflow.defn
class AsyncCompletionWorkflow:
    @workflow.run
    async def run(self, key: str) -> str:
        return await workflow.execute_activity(
            complete_later, key, start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_attempts=1))


@workflow.defn
class LocalActivityWorkflow:
    @workflow.run
    async def run(self, x: int) -> int:
        first = await workflow.execute_local_activity(double, x, start_to_close_timeout=timedelta(seconds=5))
        return await workflow.execute_local_activity(double, first, start_to_close_timeout=timedelta(seconds=5))


@workflow.defn
class WaitingWorkflow:
    """Sleeps, collects signals, answers queries; finishes on a "finish" signal."""

    def __init__(self) -> None:
        self.signals: list[str] = []

    @workflow.run
    async def run(self, sleep_seconds: float) -> list[str]:
        if sleep_seconds:
            await workflow.sleep(sleep_seconds)
        try:
            await workflow.wait_condition(lambda: "finish" in self.signals)
        except asyncio.CancelledError:
            self.signals.append("cancelled")
            raise
        return self.signals

    @workflow.signal
    def note(self, value: str) -> None:
        self.signals.append(value)

    @workflow.query
    def seen(self) -> list[str]:
        return self.signals

    @workflow.query
    def broken(self) -> str:
        raise ValueError("this query always fails")


@workflow.defn
class ManyTimersWorkflow:
    @workflow.run
    async def run(self, count: int) -> int:
        for _ in range(count):
            await workflow.sleep(0.001)
        return count


@workflow.defn
class SleepWorkflow:
    @workflow.run
    async def run(self, seconds: float) -> float:
        start = workflow.now()
        await workflow.sleep(seconds)
        return (workflow.now() - start).total_seconds()


@workflow.defn
class QuickWorkflow:
    @workflow.run
    async def run(self, value: str) -> str:
        return value


@workflow.defn
class FailingWorkflow:
    @workflow.run
    async def run(self) -> None:
        raise ApplicationError("the workflow failed on purpose", non_retryable=True)


ENGINE_WORKFLOWS = [AsyncCompletionWorkflow, RetryWorkflow, ActivityTimeoutWorkflow, HeartbeatRetryWorkflow, CancelActivityWorkflow,
                    LocalActivityWorkflow, WaitingWorkflow, ManyTimersWorkflow, SleepWorkflow, QuickWorkflow,
                    FailingWorkflow]
ENGINE_ACTIVITIES = [complete_later, flaky, heartbeat_then_stall, until_cancelled, double]
