"""Behaviour the official SDK's own tests rely on: queries see every acknowledged signal, memo
upserts remove keys, workflow info leaves unset what Temporal leaves unset, and a first execution
run id names a whole chain of runs."""
from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from temporalio.client import WorkflowExecutionStatus
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from consistency_defs import (
    CONSISTENCY_WORKFLOWS,
    ContinueOnceWorkflow,
    InfoWorkflow,
    MemoWorkflow,
    SignalLogWorkflow,
)


def worker(client, queue, **kwargs):
    return Worker(client, task_queue=queue, workflows=CONSISTENCY_WORKFLOWS,
                  workflow_runner=UnsandboxedWorkflowRunner(), **kwargs)


@pytest.mark.parametrize("sticky", [True, False])
async def test_query_sees_signals_acknowledged_while_a_task_runs(client, unique, sticky):
    # The first signal's workflow task blocks the worker; the second signal arrives meanwhile
    # and waits for the next task. A query sent after both were acknowledged must see both.
    extra = {} if sticky else {"max_cached_workflows": 0}
    async with worker(client, unique, **extra):
        handle = await client.start_workflow(SignalLogWorkflow.run, id=unique, task_queue=unique)
        assert await handle.query(SignalLogWorkflow.seen) == []
        for round in range(3):
            await handle.signal(SignalLogWorkflow.note, f"slow-{round}")
            await asyncio.sleep(0.1)  # that task is now running on the worker
            await handle.signal(SignalLogWorkflow.note, f"quick-{round}")
            seen = await handle.query(SignalLogWorkflow.seen)
            assert seen[-2:] == [f"slow-{round}", f"quick-{round}"], seen
        await handle.signal(SignalLogWorkflow.note, "done")
        assert (await handle.result())[-1] == "done"


async def test_query_before_any_task_completed_waits_for_the_first_task(client, unique):
    handle = await client.start_workflow(SignalLogWorkflow.run, id=unique, task_queue=unique)
    await handle.signal(SignalLogWorkflow.note, "early")
    query = asyncio.create_task(handle.query(SignalLogWorkflow.seen))
    await asyncio.sleep(0.5)
    assert not query.done()
    async with worker(client, unique):
        assert await asyncio.wait_for(query, 20) == ["early"]
        await handle.terminate()


async def test_query_of_run_closed_before_any_task_fails_precondition(client, unique):
    handle = await client.start_workflow(SignalLogWorkflow.run, id=unique, task_queue=unique)
    await handle.terminate()
    with pytest.raises(RPCError) as err:
        await handle.query(SignalLogWorkflow.seen)
    assert err.value.status == RPCStatusCode.FAILED_PRECONDITION
    assert "closed before WorkflowTaskStarted" in err.value.message


async def test_memo_upsert_with_null_removes_the_key(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(
            MemoWorkflow.run, {"gone": None, "changed": "new", "added": 3}, id=unique, task_queue=unique,
            memo={"gone": "old", "changed": "old", "kept": True})
        for _ in range(100):
            memo = await (await handle.describe()).memo()
            if "added" in memo:
                break
            await asyncio.sleep(0.1)
        assert memo == {"changed": "new", "added": 3, "kept": True}
        await handle.terminate()


async def test_workflow_info_leaves_absent_timeouts_unset(client, unique):
    async with worker(client, unique):
        info = await client.execute_workflow(InfoWorkflow.run, id=unique, task_queue=unique)
    assert info["execution_timeout"] is None
    assert info["run_timeout"] is None
    assert info["task_timeout"] == "0:00:10"
    # Temporal's run ids are version 7 UUIDs (time ordered).
    assert uuid.UUID(info["run_id"]).version == 7


async def test_first_execution_run_id_names_the_chain(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(ContinueOnceWorkflow.run, False, id=unique, task_queue=unique)
        first_run = handle.first_execution_run_id
        for _ in range(100):
            if (await client.get_workflow_handle(unique).describe()).run_id != first_run:
                break
            await asyncio.sleep(0.1)
        wrong = client.get_workflow_handle(unique, first_execution_run_id=str(uuid.uuid4()))
        with pytest.raises(RPCError) as err:
            await wrong.terminate()
        assert err.value.status == RPCStatusCode.NOT_FOUND
        assert err.value.message == "workflow execution not found"
        # The handle from the start terminates the chain's current (second) run.
        await handle.terminate()
        current = await client.get_workflow_handle(unique).describe()
        assert current.run_id != first_run
        assert current.status == WorkflowExecutionStatus.TERMINATED


async def test_workflow_task_completions_record_the_worker_build(client, unique):
    from temporalio.common import WorkerDeploymentVersion
    from temporalio.worker import WorkerDeploymentConfig
    version = WorkerDeploymentVersion(deployment_name=f"deploy-{unique}", build_id="build-7")
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS,
                      deployment_config=WorkerDeploymentConfig(version=version, use_worker_versioning=False)):
        await client.execute_workflow(InfoWorkflow.run, id=unique, task_queue=unique)
    completed = [e.workflow_task_completed_event_attributes
                 async for e in client.get_workflow_handle(unique).fetch_history_events()
                 if e.HasField("workflow_task_completed_event_attributes")]
    assert completed and all(c.worker_version.build_id == "build-7" for c in completed)
    # An unversioned worker of a deployment: its build and deployment name, no version or behavior.
    assert all(c.worker_deployment_name == f"deploy-{unique}" for c in completed)
    assert not any(c.HasField("deployment_version") or c.versioning_behavior or c.binary_checksum for c in completed)


async def test_zero_and_concurrent_timers_with_summaries(client, unique):
    from temporalio.api.enums.v1 import EventType
    from consistency_defs import ManySleepsWorkflow
    async with worker(client, unique):
        handle = await client.start_workflow(ManySleepsWorkflow.run, id=unique, task_queue=unique)
        await asyncio.wait_for(handle.result(), 20)
    converter = client.data_converter.payload_converter
    summaries = [converter.from_payload(e.user_metadata.summary, str)
                 async for e in handle.fetch_history_events() if e.event_type == EventType.EVENT_TYPE_TIMER_STARTED]
    assert summaries == ["nap0", "nap1", "nap2", "instant", "bounded wait"]


async def test_a_retried_workflow_gets_its_input_again(client, unique):
    from temporalio.common import RetryPolicy
    from consistency_defs import RetriedWithInputWorkflow
    async with worker(client, unique):
        result = await client.execute_workflow(
            RetriedWithInputWorkflow.run, "payload", id=unique, task_queue=unique,
            retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100), maximum_attempts=3))
    assert result == "payload on attempt 2"


async def test_cancel_of_a_closed_workflow_succeeds_but_terminate_does_not(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(InfoWorkflow.run, id=unique, task_queue=unique)
        await handle.result()
    await handle.cancel()  # a no-op, as on Temporal
    with pytest.raises(RPCError) as err:
        await handle.terminate()
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED


async def test_workflow_tasks_record_the_build_of_the_worker_that_polled(client, unique):
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS, build_id="legacy-3"):
        await client.execute_workflow(InfoWorkflow.run, id=unique, task_queue=unique)
    started = [e.workflow_task_started_event_attributes
               async for e in client.get_workflow_handle(unique).fetch_history_events()
               if e.HasField("workflow_task_started_event_attributes")]
    assert started and all(s.worker_version.build_id == "legacy-3" for s in started)
