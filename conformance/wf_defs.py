"""Workflows and activities for test_activities.py, test_workflows.py, test_cli_workflows.py and
test_durability.py (an importable module: the SDK's sandbox re-imports workflow modules).

Activities run in the test process, on the test's event loop, so they report what they did
through class-level records (`Runs`, `Gates`) that the tests read.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from temporalio import activity, workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, CancelledError, TimeoutError


# ---- records the tests read ------------------------------------------------------------------


class Runs:
    """Per key: the monotonic time and `activity.info().attempt` of every activity execution."""

    times: dict[str, list[float]] = {}
    attempts: dict[str, list[int]] = {}
    events: dict[str, list[str]] = {}

    @classmethod
    def hit(cls, key: str) -> int:
        cls.times.setdefault(key, []).append(time.monotonic())
        cls.attempts.setdefault(key, []).append(activity.info().attempt)
        return len(cls.times[key])

    @classmethod
    def note(cls, key: str, what: str) -> None:
        cls.events.setdefault(key, []).append(what)

    @classmethod
    def count(cls, key: str) -> int:
        return len(cls.times.get(key, []))


class Gates:
    """Keys a test has released; `hold` waits for its key."""

    released: set[str] = set()


async def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02) -> None:
    """Polls `predicate` (in the test process) until it is true; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(interval)


# ---- activities ------------------------------------------------------------------------------


@dataclass
class Call:
    """One activity invocation and the options it is scheduled with (seconds; None = unset)."""

    key: str
    activity: str = "scripted"
    local: bool = False
    # what `scripted` does
    fail_times: int = 0
    error_type: str = "Flaky"
    non_retryable: bool = False
    sleep: float = 0
    sleep_attempts: list[int] | None = None  # attempts that sleep; None = every attempt
    heartbeat_every: float = 0
    # scheduling options
    start_to_close: float | None = 10
    schedule_to_close: float | None = None
    schedule_to_start: float | None = None
    heartbeat_timeout: float | None = None
    task_queue: str | None = None
    # retry policy
    initial_interval: float = 0.2
    backoff: float = 2.0
    maximum_interval: float | None = None
    maximum_attempts: int = 0
    non_retryable_types: list[str] = field(default_factory=list)


@activity.defn
async def scripted(call: Call) -> str:
    """Fails its first `fail_times` attempts, optionally sleeps (heartbeating), then succeeds."""
    attempt = Runs.hit(call.key)
    if attempt <= call.fail_times:
        raise ApplicationError(f"attempt {attempt} fails", {"attempt": attempt}, type=call.error_type,
                               non_retryable=call.non_retryable)
    if call.sleep and (call.sleep_attempts is None or attempt in call.sleep_attempts):
        deadline = time.monotonic() + call.sleep
        while (left := deadline - time.monotonic()) > 0:
            if call.heartbeat_every:
                activity.heartbeat(attempt)
            await asyncio.sleep(min(left, call.heartbeat_every or left))
    return f"ok after {attempt}"


@activity.defn
async def checkpointed(key: str) -> list[int]:
    """Processes items 0..5, heartbeating the last one done; attempt 1 stalls after item 2 (so its
    heartbeat timeout fires), later attempts resume after the item the heartbeat details name."""
    Runs.hit(key)
    details = activity.info().heartbeat_details
    start = details[0] + 1 if details else 0
    Runs.note(key, f"attempt {activity.info().attempt} starts at {start}")
    done = []
    for item in range(start, 6):
        done.append(item)
        activity.heartbeat(item)
        if activity.info().attempt == 1 and item == 2:
            await asyncio.sleep(30)  # far beyond the heartbeat timeout
    return done


@activity.defn
async def heartbeat_until_cancelled(key: str) -> str:
    Runs.hit(key)
    try:
        for _ in range(300):
            activity.heartbeat("working")
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        Runs.note(key, "cancelled")
        raise
    Runs.note(key, "ran to the end")
    return "not cancelled"


@activity.defn
async def hold(key: str) -> str:
    """Heartbeats once, then waits until the test releases `key`."""
    Runs.hit(key)
    activity.heartbeat("holding", key)
    while key not in Gates.released:
        await asyncio.sleep(0.02)
    return f"released {key}"


@activity.defn
async def cleanup(key: str) -> str:
    Runs.note(key, "cleanup")
    return "cleaned up"


@activity.defn
async def add(pair: list[int]) -> int:
    return pair[0] + pair[1]


@activity.defn
async def echo(value: Any) -> Any:
    return value


# ---- workflows -------------------------------------------------------------------------------


def secs(value: float | None) -> timedelta | None:
    return None if value is None else timedelta(seconds=value)


def describe_error(err: BaseException) -> dict:
    """What a workflow saw when an activity failed, as plain data for the test."""
    out: dict[str, Any] = {"error": type(err).__name__}
    if isinstance(err, ActivityError):
        out["retry_state"] = err.retry_state.name if err.retry_state is not None else None
        out["activity_type"] = err.activity_type
    cause = err.cause if isinstance(err, ActivityError) else None
    if cause is not None:
        out["cause"] = type(cause).__name__
        out["message"] = cause.message
        if isinstance(cause, ApplicationError):
            out["type"] = cause.type
            out["non_retryable"] = cause.non_retryable
            out["details"] = list(cause.details)
        if isinstance(cause, TimeoutError):
            out["type"] = cause.type.name if cause.type is not None else None
        if cause.cause is not None:
            out["inner"] = type(cause.cause).__name__
            out["inner_message"] = cause.cause.message
    return out


@workflow.defn
class ActivityCallWorkflow:
    """Runs one activity (or local activity) as `Call` describes; reports the result or the error."""

    @workflow.run
    async def run(self, call: Call) -> dict:
        retry = RetryPolicy(initial_interval=timedelta(seconds=call.initial_interval),
                            backoff_coefficient=call.backoff, maximum_interval=secs(call.maximum_interval),
                            maximum_attempts=call.maximum_attempts,
                            non_retryable_error_types=call.non_retryable_types or None)
        options: dict[str, Any] = dict(start_to_close_timeout=secs(call.start_to_close),
                                       schedule_to_close_timeout=secs(call.schedule_to_close),
                                       retry_policy=retry)
        try:
            if call.local:
                result = await workflow.execute_local_activity(call.activity, call, **options)
            else:
                result = await workflow.execute_activity(
                    call.activity, call, task_queue=call.task_queue, heartbeat_timeout=secs(call.heartbeat_timeout),
                    schedule_to_start_timeout=secs(call.schedule_to_start), **options)
        except ActivityError as err:
            return describe_error(err)
        return {"result": result}


@workflow.defn
class CheckpointWorkflow:
    @workflow.run
    async def run(self, key: str) -> list[int]:
        return await workflow.execute_activity(
            checkpointed, key, start_to_close_timeout=timedelta(seconds=60), heartbeat_timeout=timedelta(seconds=1),
            retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100), maximum_attempts=3))


@dataclass
class CancelSpec:
    key: str
    cancellation_type: str = "TRY_CANCEL"  # a workflow.ActivityCancellationType name


@workflow.defn
class ActivityCancelWorkflow:
    """Starts a heartbeating activity, cancels it when signalled, reports what the cancel gave."""

    def __init__(self) -> None:
        self.cancel_now = False

    @workflow.run
    async def run(self, spec: CancelSpec) -> dict:
        handle = workflow.start_activity(
            heartbeat_until_cancelled, spec.key, start_to_close_timeout=timedelta(seconds=60),
            heartbeat_timeout=timedelta(seconds=5),
            cancellation_type=workflow.ActivityCancellationType[spec.cancellation_type])
        await workflow.wait_condition(lambda: self.cancel_now)
        handle.cancel()
        try:
            return {"result": await handle}
        except ActivityError as err:
            return describe_error(err)

    @workflow.signal
    def cancel_activity(self) -> None:
        self.cancel_now = True


@dataclass
class CancelledWorkSpec:
    key: str
    clean_up: bool = False  # swallow the workflow's cancellation and run a clean-up activity


@workflow.defn
class CancellableWorkWorkflow:
    """Waits on a heartbeating activity; when the workflow is cancelled, the activity is cancelled
    too and the workflow either ends CANCELED or cleans up and completes."""

    @workflow.run
    async def run(self, spec: CancelledWorkSpec) -> str:
        try:
            return await workflow.execute_activity(
                heartbeat_until_cancelled, spec.key, start_to_close_timeout=timedelta(seconds=60),
                heartbeat_timeout=timedelta(seconds=5),
                cancellation_type=workflow.ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        except (ActivityError, asyncio.CancelledError) as err:
            if not spec.clean_up:
                raise
            workflow.logger.info(f"cancelled ({type(err).__name__}); cleaning up")
            return await workflow.execute_activity(cleanup, spec.key, start_to_close_timeout=timedelta(seconds=10))


@workflow.defn
class HoldWorkflow:
    """Runs `hold` (pending until the test releases it) and returns its result."""

    @workflow.run
    async def run(self, key: str) -> str:
        return await workflow.execute_activity(
            hold, key, start_to_close_timeout=timedelta(seconds=60), heartbeat_timeout=timedelta(seconds=30))


@workflow.defn
class OneActivityWorkflow:
    @workflow.run
    async def run(self, value: str) -> str:
        return await workflow.execute_activity(echo, value, start_to_close_timeout=timedelta(seconds=10))


@workflow.defn
class SignalOrTimerWorkflow:
    """Waits up to `seconds` for a `wake` signal; returns which came first."""

    def __init__(self) -> None:
        self.woken_by: str | None = None

    @workflow.run
    async def run(self, seconds: float) -> str:
        try:
            await workflow.wait_condition(lambda: self.woken_by is not None, timeout=timedelta(seconds=seconds))
        except asyncio.TimeoutError:
            return "timer"
        return f"signal:{self.woken_by}"

    @workflow.signal
    def wake(self, by: str) -> None:
        self.woken_by = by


@workflow.defn
class MailboxWorkflow:
    """Collects `put` signals until one says "done"; answers queries on them."""

    def __init__(self) -> None:
        self.items: list[str] = []

    @workflow.run
    async def run(self, prefix: str) -> list[str]:
        await workflow.wait_condition(lambda: "done" in self.items)
        return [prefix + item for item in self.items]

    @workflow.signal
    def put(self, item: str) -> None:
        self.items.append(item)

    @workflow.query
    def count(self) -> int:
        return len(self.items)

    @workflow.query
    def items_with(self, prefix: str, upper: bool) -> list[str]:
        return [(prefix + i).upper() if upper else prefix + i for i in self.items]

    @workflow.query
    def fail(self) -> str:
        raise ApplicationError("query refused on purpose")


@workflow.defn
class ChattyWorkflow:
    """Rounds of three parallel activities: each round adds 12 events in several small batches,
    so ~85 rounds make a history of more than 1,000 events within a few seconds."""

    @workflow.run
    async def run(self, rounds: int) -> int:
        total = 0
        for i in range(rounds):
            values = await asyncio.gather(*(
                workflow.execute_activity(add, [i, j], start_to_close_timeout=timedelta(seconds=10)) for j in range(3)))
            total += sum(values)
        return total


@workflow.defn(name="ReplayTarget")
class ReplayTarget:
    """An activity, a timer, a local activity, a signal: a small history of varied commands."""

    def __init__(self) -> None:
        self.go = False

    @workflow.run
    async def run(self, value: str) -> str:
        first = await workflow.execute_activity(echo, value, start_to_close_timeout=timedelta(seconds=10))
        await workflow.sleep(0.1)
        second = await workflow.execute_local_activity(echo, first + "!", start_to_close_timeout=timedelta(seconds=10))
        await workflow.wait_condition(lambda: self.go)
        return second

    @workflow.signal
    def proceed(self) -> None:
        self.go = True


@workflow.defn(name="ReplayTarget")
class ReplayTargetChanged:
    """ReplayTarget after an incompatible change: a timer now comes before the activity."""

    def __init__(self) -> None:
        self.go = False

    @workflow.run
    async def run(self, value: str) -> str:
        await workflow.sleep(0.1)
        first = await workflow.execute_activity(echo, value, start_to_close_timeout=timedelta(seconds=10))
        second = await workflow.execute_local_activity(echo, first + "!", start_to_close_timeout=timedelta(seconds=10))
        await workflow.wait_condition(lambda: self.go)
        return second

    @workflow.signal
    def proceed(self) -> None:
        self.go = True


@workflow.defn
class CountdownWorkflow:
    """Continues as new until `n` reaches 0; returns the sum of the values it passed through."""

    @workflow.run
    async def run(self, n: int, acc: int) -> int:
        if n == 0:
            return acc
        workflow.continue_as_new(args=[n - 1, acc + n])


@workflow.defn
class WaitForeverWorkflow:
    """Waits until cancelled, terminated or timed out."""

    @workflow.run
    async def run(self) -> None:
        await workflow.wait_condition(lambda: False)


@workflow.defn
class EchoWorkflow:
    @workflow.run
    async def run(self, value: Any) -> Any:
        return value


@workflow.defn
class FailWorkflow:
    @workflow.run
    async def run(self, message: str) -> None:
        raise ApplicationError(message, type="Deliberate", non_retryable=True)


@workflow.defn
class DurableWorkflow:
    """For the crash test: an activity, a short durable timer, a signal, a second activity."""

    def __init__(self) -> None:
        self.bonus: int | None = None

    @workflow.run
    async def run(self, x: int) -> int:
        a = await workflow.execute_activity(add, [x, 1], start_to_close_timeout=timedelta(seconds=10),
                                            retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=200)))
        await workflow.sleep(0.5 + (x % 4) * 0.5)
        await workflow.wait_condition(lambda: self.bonus is not None)
        return await workflow.execute_activity(add, [a, self.bonus], start_to_close_timeout=timedelta(seconds=10),
                                               retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=200)))

    @workflow.signal
    def bonus_signal(self, value: int) -> None:
        if self.bonus is None:
            self.bonus = value


WORKFLOWS = [ActivityCallWorkflow, CheckpointWorkflow, ActivityCancelWorkflow, CancellableWorkWorkflow, HoldWorkflow,
             OneActivityWorkflow, SignalOrTimerWorkflow, MailboxWorkflow, ChattyWorkflow, ReplayTarget,
             CountdownWorkflow, WaitForeverWorkflow, EchoWorkflow, FailWorkflow]
ACTIVITIES = [scripted, checkpointed, heartbeat_until_cancelled, hold, cleanup, add, echo]
