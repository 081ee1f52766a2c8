"""The deprecated version-set API (worker versioning v0.1): UpdateWorkerBuildIdCompatibility,
GetWorkerBuildIdCompatibility and GetWorkerTaskReachability, served only with
`frontend.workerVersioningDataAPIs` on, through the Python SDK, raw RPCs and the CLI."""
from __future__ import annotations

import asyncio
import json

import pytest
from temporalio.api.enums.v1 import TaskReachability as TaskReachabilityProto
from temporalio.api.workflowservice.v1 import (
    GetWorkerBuildIdCompatibilityRequest,
    GetWorkerTaskReachabilityRequest,
    UpdateWorkerBuildIdCompatibilityRequest,
)
from temporalio.client import (
    BuildIdOpAddNewCompatible,
    BuildIdOpAddNewDefault,
    BuildIdOpMergeSets,
    BuildIdOpPromoteBuildIdWithinSet,
    BuildIdOpPromoteSetByBuildId,
    Client,
    TaskReachabilityType,
)
from temporalio.service import RPCError, RPCStatusCode

from conftest import temporal_cli

NEW = TaskReachabilityType.NEW_WORKFLOWS
EXISTING = TaskReachabilityType.EXISTING_WORKFLOWS
OPEN = TaskReachabilityType.OPEN_WORKFLOWS


@pytest.fixture
def versioning_server(server_factory):
    return server_factory(extra_args=["--dynamic-config-value", "frontend.workerVersioningDataAPIs=true"]).start()


@pytest.fixture
async def versioning(versioning_server) -> Client:
    return await Client.connect(versioning_server.address)


async def sets_of(client: Client, task_queue: str, max_sets: int = 0) -> list[list[str]]:
    sets = await client.get_worker_build_id_compatibility(task_queue, max_sets=max_sets)
    return [list(s.build_ids) for s in sets.version_sets]


async def test_off_by_default(client: Client, unique):
    with pytest.raises(RPCError) as err:
        await client.update_worker_build_id_compatibility(unique, BuildIdOpAddNewDefault("1.0"))
    assert err.value.status == RPCStatusCode.PERMISSION_DENIED
    assert "Version Set-based, deprecated" in err.value.message
    with pytest.raises(RPCError) as err:
        await client.get_worker_task_reachability(build_ids=["1.0"])
    assert err.value.status == RPCStatusCode.PERMISSION_DENIED


async def test_sets_follow_each_operation(versioning: Client, unique):
    tq = f"sets-{unique}"
    update = versioning.update_worker_build_id_compatibility
    await update(tq, BuildIdOpAddNewDefault("1.0"))
    await update(tq, BuildIdOpAddNewCompatible("1.1", "1.0"))
    assert await sets_of(versioning, tq) == [["1.0", "1.1"]]
    await update(tq, BuildIdOpPromoteBuildIdWithinSet("1.0"))
    assert await sets_of(versioning, tq) == [["1.1", "1.0"]]
    await update(tq, BuildIdOpAddNewDefault("2.0"))
    assert await sets_of(versioning, tq) == [["1.1", "1.0"], ["2.0"]]
    sets = await versioning.get_worker_build_id_compatibility(tq)
    assert sets.default_build_id() == "2.0"
    await update(tq, BuildIdOpPromoteSetByBuildId("1.0"))
    assert await sets_of(versioning, tq) == [["2.0"], ["1.1", "1.0"]]
    # Merging keeps the primary's default as default, the rest in the order they became defaults.
    await update(tq, BuildIdOpMergeSets(primary_build_id="2.0", secondary_build_id="1.0"))
    assert await sets_of(versioning, tq) == [["1.1", "1.0", "2.0"]]
    # Compatible with a non-default member, promoted to be the queue's default set.
    await update(tq, BuildIdOpAddNewDefault("3.0"))
    await update(tq, BuildIdOpAddNewCompatible("2.1", "1.1", promote_set=True))
    assert await sets_of(versioning, tq) == [["3.0"], ["1.1", "1.0", "2.0", "2.1"]]
    assert await sets_of(versioning, tq, max_sets=1) == [["1.1", "1.0", "2.0", "2.1"]]


async def test_repeats_are_idempotent_and_conflicts_refused(versioning: Client, unique):
    tq = f"conflicts-{unique}"
    update = versioning.update_worker_build_id_compatibility
    await update(tq, BuildIdOpAddNewDefault("1.0"))
    await update(tq, BuildIdOpAddNewDefault("1.0"))  # already the only id of the default set
    await update(tq, BuildIdOpAddNewCompatible("1.1", "1.0"))
    await update(tq, BuildIdOpAddNewCompatible("1.1", "1.0"))  # already its set's default
    await update(tq, BuildIdOpPromoteSetByBuildId("1.0"))  # already the default set
    assert await sets_of(versioning, tq) == [["1.0", "1.1"]]

    async def refused(op) -> RPCError:
        with pytest.raises(RPCError) as err:
            await update(tq, op)
        return err.value

    error = await refused(BuildIdOpAddNewDefault("1.0"))
    assert error.status == RPCStatusCode.INVALID_ARGUMENT and "version 1.0 already exists" in error.message
    error = await refused(BuildIdOpAddNewCompatible("1.2", "nope"))
    assert error.status == RPCStatusCode.NOT_FOUND and "nope" in error.message
    error = await refused(BuildIdOpPromoteSetByBuildId("nope"))
    assert error.status == RPCStatusCode.NOT_FOUND and "targeted version nope not found" in error.message
    error = await refused(BuildIdOpPromoteBuildIdWithinSet("nope"))
    assert error.status == RPCStatusCode.NOT_FOUND
    error = await refused(BuildIdOpMergeSets(primary_build_id="1.0", secondary_build_id="nope"))
    assert error.status == RPCStatusCode.NOT_FOUND and "secondary" in error.message
    await update(tq, BuildIdOpAddNewDefault("2.0"))
    error = await refused(BuildIdOpAddNewCompatible("2.0", "1.0"))
    assert error.status == RPCStatusCode.INVALID_ARGUMENT and "incompatible" in error.message
    assert await sets_of(versioning, tq) == [["1.0", "1.1"], ["2.0"]]


async def test_bad_requests(versioning: Client, unique):
    service = versioning.workflow_service
    with pytest.raises(RPCError) as err:
        await service.update_worker_build_id_compatibility(UpdateWorkerBuildIdCompatibilityRequest(
            namespace="default", task_queue="", add_new_build_id_in_new_default_set="1.0"))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT and "`task_queue` to be set" in err.value.message
    with pytest.raises(RPCError) as err:
        await service.update_worker_build_id_compatibility(UpdateWorkerBuildIdCompatibilityRequest(
            namespace="default", task_queue=unique))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT and "an operation" in err.value.message
    with pytest.raises(RPCError) as err:
        await service.update_worker_build_id_compatibility(UpdateWorkerBuildIdCompatibilityRequest(
            namespace="default", task_queue=unique, add_new_build_id_in_new_default_set="x" * 256))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT and "255" in err.value.message
    assert await sets_of(versioning, unique) == []  # a queue never given sets has none
    answer = await service.get_worker_build_id_compatibility(GetWorkerBuildIdCompatibilityRequest(
        namespace="default", task_queue=unique))
    assert list(answer.major_version_sets) == []

    with pytest.raises(RPCError) as err:
        await versioning.get_worker_task_reachability(build_ids=[])
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    with pytest.raises(RPCError) as err:
        await versioning.get_worker_task_reachability(build_ids=["a", "b", "c", "d", "e", "f"])
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT and "limit: 5" in err.value.message
    with pytest.raises(RPCError) as err:
        await versioning.get_worker_task_reachability(build_ids=[""])
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT and "unversioned" in err.value.message


async def reachability(client: Client, build_ids: list[str], task_queues: list[str], kind=None) -> dict:
    answer = await client.workflow_service.get_worker_task_reachability(GetWorkerTaskReachabilityRequest(
        namespace="default", build_ids=build_ids, task_queues=task_queues,
        reachability=kind or TaskReachabilityProto.TASK_REACHABILITY_UNSPECIFIED))
    return {b.build_id: {q.task_queue: list(q.reachability) for q in b.task_queue_reachability}
            for b in answer.build_id_reachability}


async def test_reachability(versioning: Client, unique):
    tq = f"reach-{unique}"
    update = versioning.update_worker_build_id_compatibility
    await update(tq, BuildIdOpAddNewDefault("1.0"))
    await update(tq, BuildIdOpAddNewCompatible("1.1", "1.0"))
    await update(tq, BuildIdOpAddNewDefault("2.0"))

    # No task queue named: every queue whose sets hold the build id.
    found = await versioning.get_worker_task_reachability(build_ids=["2.0", "1.0", "1.1"])
    assert found.build_id_reachability["2.0"].task_queue_reachability[tq] == [NEW]
    assert found.build_id_reachability["1.0"].task_queue_reachability[tq] == []  # not its set's default
    # 1.1 leads a set that stopped being the default moments ago: still counted for new workflows.
    assert found.build_id_reachability["1.1"].task_queue_reachability[tq] == [NEW]
    unknown = await versioning.get_worker_task_reachability(build_ids=["9.9"])
    assert dict(unknown.build_id_reachability["9.9"].task_queue_reachability) == {}

    # A workflow that never ran a task counts as existing for the queue's default build id.
    handle = await versioning.start_workflow("NeverRuns", id=f"wf-{unique}", task_queue=tq)
    for _ in range(50):
        got = await reachability(versioning, ["2.0"], [tq])
        if got["2.0"][tq] != [TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS]:
            break
        await asyncio.sleep(0.1)
    assert got["2.0"][tq] == [TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS,
                              TaskReachabilityProto.TASK_REACHABILITY_EXISTING_WORKFLOWS]
    open_ = await reachability(versioning, ["2.0"], [tq], TaskReachabilityProto.TASK_REACHABILITY_OPEN_WORKFLOWS)
    assert open_["2.0"][tq] == [TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS,
                                TaskReachabilityProto.TASK_REACHABILITY_OPEN_WORKFLOWS]
    closed = await reachability(versioning, ["2.0"], [tq], TaskReachabilityProto.TASK_REACHABILITY_CLOSED_WORKFLOWS)
    assert closed["2.0"][tq] == [TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS]
    # The unversioned worker: a queue without sets takes new workflows; this one got sets just now.
    plain = await reachability(versioning, [""], [tq, f"plain-{unique}"],
                               TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS)
    assert plain[""] == {tq: [TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS],
                         f"plain-{unique}": [TaskReachabilityProto.TASK_REACHABILITY_NEW_WORKFLOWS]}
    await handle.terminate()


async def test_the_cli_manages_build_ids(versioning_server, unique):
    tq = f"cli-{unique}"
    address = versioning_server.address

    def cli(*args: str) -> str:
        done = temporal_cli(address, "task-queue", *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("update-build-ids", "add-new-default", "--task-queue", tq, "--build-id", "1.0")
    cli("update-build-ids", "add-new-compatible", "--task-queue", tq, "--build-id", "1.1",
        "--existing-compatible-build-id", "1.0")
    cli("update-build-ids", "add-new-default", "--task-queue", tq, "--build-id", "2.0")
    sets = json.loads(cli("get-build-ids", "--task-queue", tq, "--output", "json"))
    assert [s["buildIds"] for s in sets] == [["1.0", "1.1"], ["2.0"]]
    cli("update-build-ids", "promote-set", "--task-queue", tq, "--build-id", "1.1")
    sets = json.loads(cli("get-build-ids", "--task-queue", tq, "--output", "json"))
    assert [s["buildIds"] for s in sets] == [["2.0"], ["1.0", "1.1"]]
    reach = cli("get-build-id-reachability", "--task-queue", tq, "--build-id", "1.1")
    assert "NewWorkflows" in reach and tq in reach
