"""Worker deployments and versioning: versions announced by polls, current and ramping versions
routing new and auto-upgrading workflows, pinned workflows staying on their version, overrides,
and the errors for what cannot be done."""
from __future__ import annotations

import asyncio

import pytest
from temporalio.api.enums.v1 import VersioningBehavior as VersioningBehaviorProto
from temporalio.api.workflowservice.v1 import (
    DescribeWorkerDeploymentRequest,
    DescribeWorkerDeploymentVersionRequest,
    ListWorkerDeploymentsRequest,
    SetWorkerDeploymentCurrentVersionRequest,
    SetWorkerDeploymentRampingVersionRequest,
)
from temporalio.common import PinnedVersioningOverride, WorkerDeploymentVersion
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker, WorkerDeploymentConfig

from versioning_defs import VersionedV1, VersionedV2, VersionedV3


def versioned_worker(client, queue, workflow, version):
    return Worker(client, task_queue=queue, workflows=[workflow],
                  deployment_config=WorkerDeploymentConfig(version=version, use_worker_versioning=True))


async def visible(client, version):
    for _ in range(150):
        try:
            resp = await client.workflow_service.describe_worker_deployment(DescribeWorkerDeploymentRequest(
                namespace="default", deployment_name=version.deployment_name))
            if any(s.version == version.to_canonical_string() for s in resp.worker_deployment_info.version_summaries):
                return resp
        except RPCError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"{version} never became visible")


async def set_current(client, version, token):
    return await client.workflow_service.set_worker_deployment_current_version(
        SetWorkerDeploymentCurrentVersionRequest(namespace="default", deployment_name=version.deployment_name,
                                                 version=version.to_canonical_string(), conflict_token=token))


async def test_current_version_routes_new_workflows_and_pinned_ones_stay(client, unique):
    name = f"deploy-{unique}"
    v1, v2, v3 = (WorkerDeploymentVersion(deployment_name=name, build_id=b) for b in ("1.0", "2.0", "3.0"))
    async with versioned_worker(client, unique, VersionedV1, v1), \
            versioned_worker(client, unique, VersionedV2, v2), \
            versioned_worker(client, unique, VersionedV3, v3):
        await set_current(client, v1, (await visible(client, v1)).conflict_token)
        first = await client.start_workflow("Versioned", id=f"{unique}-1", task_queue=unique)
        assert await first.query("build") == "v1"
        await set_current(client, v2, (await visible(client, v2)).conflict_token)
        second = await client.start_workflow("Versioned", id=f"{unique}-2", task_queue=unique)
        assert await second.query("build") == "v2"
        info = (await second.describe()).raw_description.workflow_execution_info.versioning_info
        assert info.behavior == VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED
        assert info.deployment_version.build_id == "2.0"
        await set_current(client, v3, (await visible(client, v3)).conflict_token)
        third = await client.start_workflow("Versioned", id=f"{unique}-3", task_queue=unique)
        assert await third.query("build") == "v3"
        for handle in (first, second, third):
            await handle.signal("finish")
        # The auto-upgrading first workflow moved to the current version; the pinned one stayed.
        assert await first.result() == "finished on v3"
        assert await second.result() == "finished on v2"
        assert await third.result() == "finished on v3"
    described = await client.workflow_service.describe_worker_deployment_version(DescribeWorkerDeploymentVersionRequest(
        namespace="default", version=v3.to_canonical_string()))
    assert described.worker_deployment_version_info.task_queue_infos[0].name == unique
    listed = await client.workflow_service.list_worker_deployments(ListWorkerDeploymentsRequest(namespace="default"))
    assert any(d.name == name and d.routing_config.current_deployment_version.build_id == "3.0"
               for d in listed.worker_deployments)


async def test_ramping_sends_its_share_to_the_ramping_version(client, unique):
    name = f"deploy-{unique}"
    v1, v2 = (WorkerDeploymentVersion(deployment_name=name, build_id=b) for b in ("1.0", "2.0"))
    async with versioned_worker(client, unique, VersionedV1, v1), versioned_worker(client, unique, VersionedV2, v2):
        await visible(client, v1)
        token = (await set_current(client, v1, (await visible(client, v2)).conflict_token)).conflict_token

        async def ramp(percentage):
            resp = await client.workflow_service.set_worker_deployment_ramping_version(
                SetWorkerDeploymentRampingVersionRequest(namespace="default", deployment_name=name,
                                                         version=v2.to_canonical_string(), percentage=percentage,
                                                         conflict_token=token))
            previous.append(resp.previous_version)
            return resp.conflict_token

        previous = []

        async def builds(prefix, count):
            seen = []
            for i in range(count):
                handle = await client.start_workflow("Versioned", id=f"{unique}-{prefix}-{i}", task_queue=unique)
                seen.append(await handle.query("build"))
                await handle.signal("finish")
            return seen

        token = await ramp(100)
        assert previous == [""]  # nothing ramped before
        assert set(await builds("all", 3)) == {"v2"}
        token = await ramp(0)
        assert set(await builds("none", 3)) == {"v1"}
        token = await ramp(50)
        assert set(await builds("half", 30)) == {"v1", "v2"}
        routing = (await client.workflow_service.describe_worker_deployment(DescribeWorkerDeploymentRequest(
            namespace="default", deployment_name=name))).worker_deployment_info.routing_config
        assert routing.ramping_deployment_version.build_id == "2.0" and routing.ramping_version_percentage == 50


async def test_a_pinned_override_at_start_is_recorded(client, unique):
    name = f"deploy-{unique}"
    v1 = WorkerDeploymentVersion(deployment_name=name, build_id="1.0")
    async with versioned_worker(client, unique, VersionedV1, v1):
        await set_current(client, v1, (await visible(client, v1)).conflict_token)
        handle = await client.start_workflow("Versioned", id=unique, task_queue=unique,
                                             versioning_override=PinnedVersioningOverride(v1))
        await handle.signal("finish")
        assert await handle.result() == "finished on v1"
    started = (await handle.fetch_history()).events[0].workflow_execution_started_event_attributes
    assert started.versioning_override.HasField("pinned") or \
        started.versioning_override.behavior == VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED


async def test_deployment_requests_refuse_what_cannot_be_done(client, unique):
    name = f"deploy-{unique}"
    v1 = WorkerDeploymentVersion(deployment_name=name, build_id="1.0")
    with pytest.raises(RPCError) as err:
        await client.workflow_service.describe_worker_deployment(
            DescribeWorkerDeploymentRequest(namespace="default", deployment_name=name))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    async with versioned_worker(client, unique, VersionedV1, v1):
        token = (await visible(client, v1)).conflict_token
        with pytest.raises(RPCError) as err:
            await set_current(client, WorkerDeploymentVersion(deployment_name=name, build_id="9.9"), token)
        assert err.value.status in (RPCStatusCode.NOT_FOUND, RPCStatusCode.FAILED_PRECONDITION)
        fresh = (await set_current(client, v1, token)).conflict_token
        assert fresh != token
        with pytest.raises(RPCError) as err:
            await client.workflow_service.set_worker_deployment_ramping_version(
                SetWorkerDeploymentRampingVersionRequest(namespace="default", deployment_name=name,
                                                         version=v1.to_canonical_string(), percentage=10,
                                                         conflict_token=token))
        assert err.value.status in (RPCStatusCode.FAILED_PRECONDITION, RPCStatusCode.INVALID_ARGUMENT)


async def test_a_workers_build_id_is_recorded_as_its_version_stamp(client, unique):
    from temporalio.api.workflowservice.v1 import GetSystemInfoRequest
    from wf_defs import OneActivityWorkflow, echo

    info = await client.workflow_service.get_system_info(GetSystemInfoRequest())
    # SDKs send their build id as a version stamp only to a server that says it keeps it.
    assert info.capabilities.build_id_based_versioning
    async with Worker(client, task_queue=unique, workflows=[OneActivityWorkflow], activities=[echo], build_id="7.1"):
        handle = await client.start_workflow(OneActivityWorkflow.run, "x", id=unique, task_queue=unique)
        await handle.result()
    events = (await handle.fetch_history()).events
    # A top-level run names no root workflow in its started event (SDKs then report none).
    assert not events[0].workflow_execution_started_event_attributes.HasField("root_workflow_execution")
    completed = [e.workflow_task_completed_event_attributes for e in events
                 if e.HasField("workflow_task_completed_event_attributes")]
    assert len(completed) == 2
    assert all(c.worker_version.build_id == "7.1" and c.binary_checksum == "" for c in completed)
