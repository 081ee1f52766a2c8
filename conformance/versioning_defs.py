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
