"""Continue-as-new of a pinned workflow across worker deployment versions: the next run stays on
its version unless continue-as-new asks otherwise (AUTO_UPGRADE: the current version;
USE_RAMPING_VERSION: the ramping one), and a pinned run is told when its routing target moved."""
from __future__ import annotations

import asyncio

from temporalio.api.enums.v1 import EventType
from temporalio.api.workflowservice.v1 import SetWorkerDeploymentRampingVersionRequest
from temporalio.client import Client
from temporalio.common import WorkerDeploymentVersion

from test_worker_versioning import set_current, versioned_worker, visible
from versioning_defs import ChainedV1, ChainedV2


def versions(unique):
    name = f"chain-{unique}"
    return (WorkerDeploymentVersion(deployment_name=name, build_id="1.0"),
            WorkerDeploymentVersion(deployment_name=name, build_id="2.0"))


async def started_on_v1(client: Client, unique: str, mode: str):
    """Both builds poll, v1 is current, and a workflow started in `mode` has run a task on v1."""
    v1, _ = versions(unique)
    token = (await set_current(client, v1, (await visible(client, v1)).conflict_token)).conflict_token
    handle = await client.start_workflow("Chained", mode, id=f"{unique}-{mode}", task_queue=unique)
    for _ in range(100):
        info = (await handle.describe()).raw_description.workflow_execution_info.versioning_info
        if info.deployment_version.build_id == "1.0":
            return handle, token
        await asyncio.sleep(0.1)
    raise AssertionError("the workflow never ran a task on v1")


async def first_event_of_next_run(client: Client, handle):
    run_id = (await client.get_workflow_handle(handle.id).describe()).run_id
    return (await client.get_workflow_handle(handle.id, run_id=run_id).fetch_history()).events[0]


async def test_a_pinned_run_continues_on_its_version_and_inherits_it(client, unique):
    v1, v2 = versions(unique)
    async with versioned_worker(client, unique, ChainedV1, v1), versioned_worker(client, unique, ChainedV2, v2):
        handle, token = await started_on_v1(client, unique, "inherit")
        await set_current(client, v2, (await visible(client, v2)).conflict_token)
        await handle.signal(ChainedV1.proceed)
        assert await handle.result() == "v1"
        started = (await first_event_of_next_run(client, handle)).workflow_execution_started_event_attributes
        assert started.inherited_pinned_version.build_id == "1.0"
        assert started.inherited_pinned_version.deployment_name == v1.deployment_name


async def test_auto_upgrade_continue_as_new_moves_to_the_current_version(client, unique):
    v1, v2 = versions(unique)
    async with versioned_worker(client, unique, ChainedV1, v1), versioned_worker(client, unique, ChainedV2, v2):
        handle, token = await started_on_v1(client, unique, "upgrade")
        await set_current(client, v2, (await visible(client, v2)).conflict_token)
        await handle.signal(ChainedV1.proceed)
        assert await handle.result() == "v2"
        started = (await first_event_of_next_run(client, handle)).workflow_execution_started_event_attributes
        assert not started.HasField("inherited_pinned_version")
        source = started.inherited_auto_upgrade_info.source_deployment_version
        assert (source.deployment_name, source.build_id) == (v1.deployment_name, "1.0")


async def test_use_ramping_version_sends_the_next_run_to_the_ramping_version(client, unique):
    v1, v2 = versions(unique)
    async with versioned_worker(client, unique, ChainedV1, v1), versioned_worker(client, unique, ChainedV2, v2):
        handle, token = await started_on_v1(client, unique, "ramping")
        await visible(client, v2)
        # A ramp of 0 %: only a run that asks for the ramping version gets it.
        await client.workflow_service.set_worker_deployment_ramping_version(SetWorkerDeploymentRampingVersionRequest(
            namespace="default", deployment_name=v2.deployment_name, version=v2.to_canonical_string(),
            percentage=0, conflict_token=token))
        await handle.signal(ChainedV1.proceed)
        assert await handle.result() == "v2"


async def test_a_pinned_run_is_told_when_its_target_version_changes(client, unique):
    v1, v2 = versions(unique)
    async with versioned_worker(client, unique, ChainedV1, v1), versioned_worker(client, unique, ChainedV2, v2):
        handle, _ = await started_on_v1(client, unique, "until_told")
        first_run_id = handle.result_run_id
        await set_current(client, v2, (await visible(client, v2)).conflict_token)
        assert await handle.result() == "v2"
    events = (await client.get_workflow_handle(handle.id, run_id=first_run_id).fetch_history()).events
    told = [e.workflow_task_started_event_attributes.target_worker_deployment_version_changed
            for e in events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED]
    # Not while v1 was the target; from the first task after v2 became current, until the run ended.
    assert told[0] is False and told[-1] is True
    assert told == sorted(told)
