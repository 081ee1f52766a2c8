"""Workflows for the worker versioning tests: the same workflow type in three builds."""
from __future__ import annotations

from temporalio import workflow
from temporalio.common import VersioningBehavior


@workflow.defn(name="Versioned", versioning_behavior=VersioningBehavior.AUTO_UPGRADE)
class VersionedV1:
    def __init__(self) -> None:
        self.done = False

    @workflow.run
    async def run(self) -> str:
        await workflow.wait_condition(lambda: self.done)
        return "finished on v1"

    @workflow.signal
    def finish(self) -> None:
        self.done = True

    @workflow.query
    def build(self) -> str:
        return "v1"


@workflow.defn(name="Versioned", versioning_behavior=VersioningBehavior.PINNED)
class VersionedV2:
    def __init__(self) -> None:
        self.done = False

    @workflow.run
    async def run(self) -> str:
        await workflow.wait_condition(lambda: self.done)
        return "finished on v2"

    @workflow.signal
    def finish(self) -> None:
        self.done = True

    @workflow.query
    def build(self) -> str:
        return "v2"


@workflow.defn(name="Versioned", versioning_behavior=VersioningBehavior.AUTO_UPGRADE)
class VersionedV3:
    def __init__(self) -> None:
        self.done = False

    @workflow.run
    async def run(self) -> str:
        await workflow.wait_condition(lambda: self.done)
        return "finished on v3"

    @workflow.signal
    def finish(self) -> None:
        self.done = True

    @workflow.query
    def build(self) -> str:
        return "v3"


# Continue-as-new across versions: the same type in two builds. The first run waits for a signal
# (or, with "until_told", for the server to say the routing target moved), then continues as new
# with the initial versioning behavior it was given; a later run reports which build ran it.
@workflow.defn(name="Chained", versioning_behavior=VersioningBehavior.PINNED)
class ChainedV1:
    def __init__(self) -> None:
        self.go = False

    @workflow.run
    async def run(self, mode: str) -> str:
        if workflow.info().continued_run_id:
            return "v1"
        if mode == "until_told":
            while not workflow.info().is_target_worker_deployment_version_changed():
                await workflow.sleep(0.05)
            workflow.continue_as_new(
                "next", initial_versioning_behavior=workflow.ContinueAsNewVersioningBehavior.AUTO_UPGRADE)
        await workflow.wait_condition(lambda: self.go)
        behavior = {
            "ramping": workflow.ContinueAsNewVersioningBehavior.USE_RAMPING_VERSION,
            "upgrade": workflow.ContinueAsNewVersioningBehavior.AUTO_UPGRADE,
        }.get(mode)
        if behavior is None:
            workflow.continue_as_new("next")
        workflow.continue_as_new("next", initial_versioning_behavior=behavior)

    @workflow.signal
    def proceed(self) -> None:
        self.go = True


@workflow.defn(name="Chained", versioning_behavior=VersioningBehavior.PINNED)
class ChainedV2:
    @workflow.run
    async def run(self, mode: str) -> str:
        return "v2"
