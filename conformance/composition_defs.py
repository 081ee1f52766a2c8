"""Workflows for the composition conformance tests: child workflows, continue-as-new, updates,
external signals and cancels, workflow retries, cron, reset and payload limits (importable: the
SDK's sandbox re-imports workflow modules)."""
from __future__ import annotations

from dataclasses import dataclass, field

from temporalio import workflow
from temporalio.exceptions import ApplicationError, ChildWorkflowError, WorkflowAlreadyStartedError


@workflow.defn
class Waiter:
    """Collects signals and finishes on a "finish" signal; a cancel request re-raises (ends CANCELED)."""

    def __init__(self) -> None:
        self.signals: list[str] = []

    @workflow.run
    async def run(self) -> list[str]:
        await workflow.wait_condition(lambda: "finish" in self.signals)
        return self.signals

    @workflow.signal
    def note(self, value: str) -> None:
        self.signals.append(value)

    @workflow.query
    def seen(self) -> list[str]:
        return self.signals


@workflow.defn
class Echo:
    @workflow.run
    async def run(self, value: str) -> str:
        if value == "fail":
            raise ApplicationError("child failed on purpose", type="ChildBoom", non_retryable=True)
        return f"echo:{value}"


@dataclass
class ChildCase:
    kind: str
    child_id: str
    value: str = ""
    policy: str = ""


@workflow.defn
class Parent:
    @workflow.run
    async def run(self, case: ChildCase) -> str:
        if case.kind == "result":
            return await workflow.execute_child_workflow(Echo.run, case.value, id=case.child_id)
        if case.kind == "fail":
            try:
                await workflow.execute_child_workflow(Echo.run, "fail", id=case.child_id)
            except ChildWorkflowError as e:
                return f"ChildWorkflowError:{type(e.cause).__name__}:{e.cause.message}"
            return "no error"
        if case.kind == "duplicate":
            try:
                await workflow.start_child_workflow(Echo.run, "dup", id=case.child_id)
            except WorkflowAlreadyStartedError as e:
                return f"WorkflowAlreadyStartedError:{e.workflow_id}"
            return "no error"
        if case.kind == "cancel":
            handle = await workflow.start_child_workflow(Waiter.run, id=case.child_id)
            await workflow.sleep(0.2)
            handle.cancel()
            try:
                await handle
            except ChildWorkflowError as e:
                return f"ChildWorkflowError:{type(e.cause).__name__}"
            return "not cancelled"
        if case.kind == "wait":
            # Runs the child to completion (the test describes it meanwhile and then signals it).
            return ",".join(await workflow.execute_child_workflow(Waiter.run, id=case.child_id))
        if case.kind == "close_policy":
            policy = workflow.ParentClosePolicy[case.policy]
            await workflow.start_child_workflow(Waiter.run, id=case.child_id, parent_close_policy=policy)
            return "parent done"
        raise ApplicationError(f"unknown kind {case.kind}", non_retryable=True)


@dataclass
class TreeNode:
    """A node of a child tree: starts its children with their policies, then waits for a signal
    "finish" (or returns immediately when `wait` is false)."""
    prefix: str
    depth: int
    wait: bool = True
    policies: list[str] = field(default_factory=list)


@workflow.defn
class TreeWorkflow:
    def __init__(self) -> None:
        self.signals: list[str] = []

    @workflow.run
    async def run(self, node: TreeNode) -> str:
        results: list[str] = []
        handles = []
        if node.depth > 0:
            for i, policy in enumerate(node.policies):
                child = TreeNode(prefix=f"{node.prefix}-{i}", depth=node.depth - 1, wait=True,
                                 policies=node.policies if node.depth > 1 else [])
                handles.append(await workflow.start_child_workflow(
                    TreeWorkflow.run, child, id=child.prefix,
                    parent_close_policy=workflow.ParentClosePolicy[policy]))
        if node.wait:
            await workflow.wait_condition(lambda: "finish" in self.signals)
        return f"{node.prefix}:{len(handles)}"

    @workflow.signal
    def note(self, value: str) -> None:
        self.signals.append(value)


@workflow.defn
class Looper:
    """Continues as new until `count` reaches `target` (each run first sleeps `pause` seconds),
    then returns the count."""

    @workflow.run
    async def run(self, count: int, target: int, pause: float = 0.0) -> int:
        if pause:
            await workflow.sleep(pause)
        if count < target:
            # Memo and search attributes are not given: the new run carries over the current ones.
            workflow.continue_as_new(args=[count + 1, target, pause])
        return count


@workflow.defn
class Accumulator:
    """Adds numbers by update (a validator rejects negatives) and finishes on the "finish" signal."""

    def __init__(self) -> None:
        self.total = 0
        self.handler_runs = 0
        self.done = False

    @workflow.run
    async def run(self) -> int:
        await workflow.wait_condition(lambda: self.done)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self.total

    @workflow.update
    async def add(self, n: int) -> int:
        self.handler_runs += 1
        self.total += n
        return self.total

    @add.validator
    def validate_add(self, n: int) -> None:
        if n < 0:
            raise ValueError(f"negative value {n} rejected")

    @workflow.update
    async def slow_add(self, n: int) -> int:
        self.handler_runs += 1
        await workflow.sleep(0.5)
        self.total += n
        return self.total

    @workflow.signal
    def finish(self) -> None:
        self.done = True

    @workflow.query
    def runs(self) -> int:
        return self.handler_runs


@dataclass
class ExternalCase:
    kind: str
    target_id: str


@workflow.defn
class Messenger:
    @workflow.run
    async def run(self, case: ExternalCase) -> str:
        handle = workflow.get_external_workflow_handle(case.target_id)
        try:
            if case.kind == "signal":
                await handle.signal(Waiter.note, "finish")
            elif case.kind == "cancel":
                await handle.cancel()
        except Exception as e:  # the SDK raises ApplicationError for a failed external command
            return f"error:{type(e).__name__}:{e}"
        return "sent"


@workflow.defn
class RetriedWorkflow:
    @workflow.run
    async def run(self) -> int:
        attempt = workflow.info().attempt
        if attempt < 3:
            raise ApplicationError(f"attempt {attempt} fails", type="Retryable")
        return attempt


@workflow.defn
class BigResult:
    @workflow.run
    async def run(self, size: int) -> str:
        return "x" * size


@workflow.defn
class TimerLoop:
    """Sleeps `rounds` short timers (five history events each) and reports, per round, whether
    the server suggested continue-as-new."""

    @workflow.run
    async def run(self, rounds: int) -> list[bool]:
        suggested = []
        for _ in range(rounds):
            await workflow.sleep(0.01)
            suggested.append(workflow.info().is_continue_as_new_suggested())
        return suggested


COMPOSITION_WORKFLOWS = [TimerLoop, Waiter, Echo, Parent, TreeWorkflow, Looper, Accumulator, Messenger, RetriedWorkflow, BigResult]
