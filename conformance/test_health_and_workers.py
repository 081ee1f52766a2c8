"""gRPC health, worker heartbeats (ListWorkers, DescribeWorker, and the SDK's own heartbeats),
CountSchedules, and the capabilities that advertise them."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.enums.v1 import WorkerStatus
from temporalio.api.worker.v1 import WorkerHeartbeat, WorkerHostInfo
from temporalio.api.workflowservice.v1 import (
    CountSchedulesRequest,
    DescribeNamespaceRequest,
    DescribeWorkerRequest,
    GetSystemInfoRequest,
    ListWorkersRequest,
    RecordWorkerHeartbeatRequest,
)
from temporalio.bridge.proto.health.v1 import HealthCheckRequest
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleIntervalSpec,
    ScheduleSpec,
    ScheduleState,
)
from temporalio.runtime import Runtime, TelemetryConfig
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from engine_defs import ENGINE_ACTIVITIES, ENGINE_WORKFLOWS, QuickWorkflow


async def test_health_check_answers_serving_for_the_services_served(client):
    assert await client.service_client.check_health()
    health = client.service_client.health_service
    for service in ["", "temporal.api.workflowservice.v1.WorkflowService"]:
        assert (await health.check(HealthCheckRequest(service=service))).status == 1  # SERVING
    with pytest.raises(RPCError) as err:
        await health.check(HealthCheckRequest(service="no.such.Service"))
    assert err.value.status == RPCStatusCode.NOT_FOUND


def heartbeat(key: str, queue: str, status=WorkerStatus.WORKER_STATUS_RUNNING) -> WorkerHeartbeat:
    started = Timestamp()
    started.GetCurrentTime()
    return WorkerHeartbeat(worker_instance_key=key, worker_identity=f"id-{key}", task_queue=queue,
                           sdk_name="conformance", sdk_version="1.0", status=status, start_time=started,
                           heartbeat_time=started, host_info=WorkerHostInfo(host_name="host-a", process_id="42"))


async def test_recorded_workers_are_listed_queried_and_described(client, unique):
    service = client.workflow_service
    await service.record_worker_heartbeat(RecordWorkerHeartbeatRequest(
        namespace="default", identity="conformance",
        worker_heartbeat=[heartbeat(f"{unique}-a", unique), heartbeat(f"{unique}-b", unique),
                          heartbeat(f"{unique}-c", f"{unique}-other", WorkerStatus.WORKER_STATUS_SHUTTING_DOWN),
                          heartbeat(f"{unique}-d", unique, WorkerStatus.WORKER_STATUS_SHUTDOWN)]))
    # A worker that reports it has shut down is forgotten at once.
    listed = await service.list_workers(ListWorkersRequest(namespace="default", query=f"TaskQueue = '{unique}'"))
    assert sorted(w.worker_instance_key for w in listed.workers) == [f"{unique}-a", f"{unique}-b"]
    assert all(w.host_name == "host-a" and w.process_id == "42" for w in listed.workers)
    assert sorted(w.worker_heartbeat.worker_instance_key for w in listed.workers_info) == [f"{unique}-a", f"{unique}-b"]
    prefix = await service.list_workers(ListWorkersRequest(
        namespace="default", query=f"WorkerInstanceKey STARTS_WITH '{unique}' AND SdkName = 'conformance'"))
    assert sorted(w.worker_instance_key for w in prefix.workers) == [f"{unique}-a", f"{unique}-b", f"{unique}-c"]
    described = await service.describe_worker(DescribeWorkerRequest(
        namespace="default", worker_instance_key=f"{unique}-c"))
    assert described.worker_info.worker_heartbeat.status == WorkerStatus.WORKER_STATUS_SHUTTING_DOWN
    with pytest.raises(RPCError) as err:
        await service.describe_worker(DescribeWorkerRequest(namespace="default", worker_instance_key=f"{unique}-d"))
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert err.value.message == f"Worker {unique}-d not found"


async def test_an_sdk_worker_reports_itself(server, unique):
    runtime = Runtime(telemetry=TelemetryConfig(), worker_heartbeat_interval=timedelta(seconds=1))
    client = await Client.connect(server.address, runtime=runtime)
    async with Worker(client, task_queue=unique, workflows=ENGINE_WORKFLOWS, activities=ENGINE_ACTIVITIES):
        await client.execute_workflow(QuickWorkflow.run, "one", id=unique, task_queue=unique)
        for _ in range(100):
            listed = await client.workflow_service.list_workers(
                ListWorkersRequest(namespace="default", query=f"TaskQueue = '{unique}'"))
            if listed.workers:
                break
            await asyncio.sleep(0.1)
    assert listed.workers
    assert listed.workers[0].sdk_name == "temporal-python"
    assert listed.workers[0].status == WorkerStatus.WORKER_STATUS_RUNNING


async def test_count_schedules_counts_what_the_query_selects(client, unique):
    action = ScheduleActionStartWorkflow(QuickWorkflow.run, "one", id=f"wf-{unique}", task_queue=unique)
    spec = ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(hours=1))])
    handles = [await client.create_schedule(f"{unique}-{i}", Schedule(action=action, spec=spec,
                                                                        state=ScheduleState(paused=i == 0)))
               for i in range(3)]
    service = client.workflow_service

    async def count(query):
        return (await service.count_schedules(CountSchedulesRequest(namespace="default", query=query))).count

    paused = f"ScheduleId STARTS_WITH '{unique}' AND TemporalSchedulePaused = true"
    for _ in range(50):  # Temporal's schedule visibility is eventually consistent
        if await count(f"ScheduleId STARTS_WITH '{unique}'") == 3 and await count(paused) == 1:
            break
        await asyncio.sleep(0.2)
    assert await count(f"ScheduleId STARTS_WITH '{unique}'") == 3
    assert await count(paused) == 1
    for handle in handles:
        await handle.delete()


async def test_schedule_queries_on_custom_search_attributes(server_factory, unique):
    from temporalio.common import SearchAttributeKey, SearchAttributePair, TypedSearchAttributes
    server = server_factory(extra_args=["--search-attribute", "SchedTier=Keyword",
                                        "--search-attribute", "SchedTags=KeywordList",
                                        "--search-attribute", "SchedRank=Int"]).start()
    client = await Client.connect(server.address)
    tier, tags, rank = (SearchAttributeKey.for_keyword("SchedTier"), SearchAttributeKey.for_keyword_list("SchedTags"),
                        SearchAttributeKey.for_int("SchedRank"))
    action = ScheduleActionStartWorkflow(QuickWorkflow.run, "one", id=f"wf-{unique}", task_queue=unique)
    spec = ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(hours=1))])
    attributes = [
        TypedSearchAttributes([SearchAttributePair(tier, "gold"), SearchAttributePair(tags, ["eu", "batch"]),
                               SearchAttributePair(rank, 1)]),
        TypedSearchAttributes([SearchAttributePair(tier, "silver"), SearchAttributePair(tags, ["us"]),
                               SearchAttributePair(rank, 5)]),
        TypedSearchAttributes([SearchAttributePair(tier, "gold"), SearchAttributePair(rank, 9)]),
    ]
    for i, typed in enumerate(attributes):
        await client.create_schedule(f"{unique}-{i}", Schedule(action=action, spec=spec),
                                     search_attributes=typed)

    async def ids(query: str) -> list[str]:
        return sorted([s.id async for s in await client.list_schedules(query)])

    async def count(query: str) -> int:
        return (await client.workflow_service.count_schedules(
            CountSchedulesRequest(namespace="default", query=query))).count

    for _ in range(50):  # Temporal's schedule visibility is eventually consistent
        if await count("SchedTier = 'gold'") == 2:
            break
        await asyncio.sleep(0.2)
    assert await ids("SchedTier = 'gold'") == [f"{unique}-0", f"{unique}-2"]
    assert await ids("SchedTags = 'batch'") == [f"{unique}-0"]
    assert await ids("SchedRank > 3 AND SchedTier != 'gold'") == [f"{unique}-1"]
    assert await ids("SchedTags IS NULL") == [f"{unique}-2"]
    assert await count("SchedTier IN ('gold', 'silver') AND SchedRank >= 5") == 2
    with pytest.raises(RPCError) as err:
        await count("NoSuchAttribute = 'x'")
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT


async def test_capabilities_advertise_what_is_served(client):
    system = (await client.workflow_service.get_system_info(GetSystemInfoRequest())).capabilities
    assert system.supports_schedules and system.count_group_by_execution_status
    namespace = await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
    capabilities = namespace.namespace_info.capabilities
    assert capabilities.worker_heartbeats
    assert capabilities.standalone_activities and capabilities.standalone_activity_start_delay
    assert capabilities.standalone_activity_operator_commands
