"""Batch operations: signal, cancel, terminate and reset on the workflows a query or a list names,
their reports (describe, list), stopping, the limits and errors, as Temporal's batcher has them;
and workflow pause, which both servers leave disabled by default."""
from __future__ import annotations

import asyncio

import pytest
from temporalio.api.batch.v1 import (
    BatchOperationCancellation,
    BatchOperationReset,
    BatchOperationSignal,
    BatchOperationTermination,
)
from temporalio.api.common.v1 import ResetOptions, WorkflowExecution
from temporalio.api.enums.v1 import BatchOperationState, BatchOperationType, EventType, WorkflowExecutionStatus
from temporalio.api.workflowservice.v1 import (
    DescribeBatchOperationRequest,
    ListBatchOperationsRequest,
    PauseWorkflowExecutionRequest,
    StartBatchOperationRequest,
    StopBatchOperationRequest,
    UnpauseWorkflowExecutionRequest,
)
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker
from google.protobuf.empty_pb2 import Empty

from conftest import temporal_cli
from wf_defs import MailboxWorkflow


async def describe(client: Client, job_id: str):
    return await client.workflow_service.describe_batch_operation(
        DescribeBatchOperationRequest(namespace="default", job_id=job_id))


async def finished(client: Client, job_id: str, timeout: float = 30):
    for _ in range(int(timeout * 10)):
        resp = await describe(client, job_id)
        if resp.state != BatchOperationState.BATCH_OPERATION_STATE_RUNNING:
            return resp
        await asyncio.sleep(0.1)
    raise AssertionError(f"batch {job_id} still running")


async def start_batch(client: Client, **fields):
    await client.workflow_service.start_batch_operation(StartBatchOperationRequest(namespace="default", **fields))


async def visible(client: Client, query: str, count: int):
    for _ in range(100):
        if (await client.count_workflows(query)).count == count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{query} never matched {count} workflows")


async def mailboxes(client: Client, prefix: str, count: int):
    return [await client.start_workflow(MailboxWorkflow.run, "", id=f"{prefix}-{i}", task_queue=prefix)
            for i in range(count)]


async def test_terminate_by_query_acts_on_the_running_matches_only(client, unique):
    handles = await mailboxes(client, unique, 3)
    done = await client.start_workflow(MailboxWorkflow.run, "", id=f"{unique}-done", task_queue=unique)
    await done.terminate(reason="closed before the batch")
    query = f"WorkflowId STARTS_WITH '{unique}-'"
    await visible(client, query + " AND ExecutionStatus = 'Running'", 3)
    await start_batch(client, job_id=unique, reason="cleanup", visibility_query=query,
                      termination_operation=BatchOperationTermination(identity="operator"))
    resp = await finished(client, unique)
    assert resp.state == BatchOperationState.BATCH_OPERATION_STATE_COMPLETED
    assert (resp.total_operation_count, resp.complete_operation_count, resp.failure_operation_count) == (3, 3, 0)
    assert resp.operation_type == BatchOperationType.BATCH_OPERATION_TYPE_TERMINATE_WORKFLOW
    assert (resp.job_id, resp.identity, resp.reason, resp.query) == (unique, "operator", "cleanup", query)
    assert resp.HasField("close_time") and not resp.executions
    for handle in handles:
        events = (await handle.fetch_history()).events
        assert events[-1].workflow_execution_terminated_event_attributes.reason == "cleanup"
    assert (await done.fetch_history()).events[-1].workflow_execution_terminated_event_attributes.reason == \
        "closed before the batch"


async def test_signal_and_cancel_by_list_count_missing_runs_as_done(client, unique):
    handles = await mailboxes(client, unique, 2)
    targets = [WorkflowExecution(workflow_id=h.id) for h in handles] + [WorkflowExecution(workflow_id=f"{unique}-none")]
    payload = (await client.data_converter.encode(["hi"]))
    await start_batch(client, job_id=f"{unique}-s", reason="poke", executions=targets,
                      signal_operation=BatchOperationSignal(signal="put", identity="signaller",
                                                            input={"payloads": payload}))
    resp = await finished(client, f"{unique}-s")
    assert (resp.total_operation_count, resp.complete_operation_count, resp.failure_operation_count) == (3, 3, 0)
    assert [e.business_id for e in resp.executions] == [t.workflow_id for t in targets]
    await start_batch(client, job_id=f"{unique}-c", reason="stop them", executions=targets[:2],
                      cancellation_operation=BatchOperationCancellation(identity="canceller"))
    assert (await finished(client, f"{unique}-c")).complete_operation_count == 2
    for handle in handles:
        events = (await handle.fetch_history()).events
        signals = [e.workflow_execution_signaled_event_attributes for e in events
                   if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]
        assert [(s.signal_name, s.identity) for s in signals] == [("put", "signaller")]
        assert (await client.data_converter.decode(signals[0].input.payloads)) == ["hi"]
        assert any(e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED for e in events)


async def test_reset_goes_back_to_the_first_workflow_task_and_a_missing_run_fails(client, unique):
    async with Worker(client, task_queue=unique, workflows=[MailboxWorkflow]):
        handle = (await mailboxes(client, unique, 1))[0]
        await handle.signal(MailboxWorkflow.put, "a")
        assert await handle.query(MailboxWorkflow.count) == 1
        targets = [WorkflowExecution(workflow_id=handle.id), WorkflowExecution(workflow_id=f"{unique}-none")]
        await start_batch(client, job_id=unique, reason="replay it", executions=targets,
                          reset_operation=BatchOperationReset(
                              identity="resetter", options=ResetOptions(first_workflow_task=Empty())))
        resp = await finished(client, unique)
        assert (resp.total_operation_count, resp.complete_operation_count, resp.failure_operation_count) == (2, 1, 1)
        current = await client.get_workflow_handle(handle.id).describe()
        assert current.run_id != handle.result_run_id
        first_run = client.get_workflow_handle(handle.id, run_id=handle.result_run_id)
        old = (await first_run.fetch_history()).events[-1].workflow_execution_terminated_event_attributes
        assert (old.reason, old.identity) == ("replay it", "history-resetter")
        # The signal after the reset point is applied again to the new run.
        assert await client.get_workflow_handle(handle.id).query(MailboxWorkflow.count) == 1
        await client.get_workflow_handle(handle.id).signal(MailboxWorkflow.put, "done")


async def test_a_job_can_be_stopped_and_the_limits_and_errors_are_temporals(client, unique):
    slow = [WorkflowExecution(workflow_id=f"{unique}-missing-{i}") for i in range(400)]  # ~8 s at 50 per second
    await start_batch(client, job_id=unique, reason="slow", executions=slow,
                      termination_operation=BatchOperationTermination())
    with pytest.raises(RPCError) as err:
        await start_batch(client, job_id=f"{unique}-2", reason="second", executions=slow[:1],
                          termination_operation=BatchOperationTermination())
    assert err.value.status == RPCStatusCode.RESOURCE_EXHAUSTED
    assert err.value.message == "Max concurrent batch operations is reached"
    listed = await client.workflow_service.list_batch_operations(ListBatchOperationsRequest(namespace="default"))
    assert listed.operation_info[0].job_id == unique
    assert listed.operation_info[0].state == BatchOperationState.BATCH_OPERATION_STATE_RUNNING
    await client.workflow_service.stop_batch_operation(
        StopBatchOperationRequest(namespace="default", job_id=unique, reason="enough", identity="op"))
    resp = await describe(client, unique)
    assert resp.state == BatchOperationState.BATCH_OPERATION_STATE_FAILED and resp.HasField("close_time")

    async def code_and_message(call):
        with pytest.raises(RPCError) as err:
            await call
        return err.value.status, err.value.message

    assert await code_and_message(client.workflow_service.stop_batch_operation(
        StopBatchOperationRequest(namespace="default", job_id=unique, reason="again"))) == \
        (RPCStatusCode.NOT_FOUND, "workflow execution already completed")
    assert await code_and_message(describe(client, f"{unique}-never")) == \
        (RPCStatusCode.NOT_FOUND, f"workflow not found for ID: {unique}-never")
    status, message = await code_and_message(start_batch(
        client, job_id=unique, reason="again", executions=slow[:1], termination_operation=BatchOperationTermination()))
    assert status == RPCStatusCode.ALREADY_EXISTS and message.startswith(
        f"Workflow execution already finished. WorkflowId: {unique}, RunId: ")
    one = slow[:1]
    bad = {
        "JobId is not set on request.": dict(reason="r", executions=one, termination_operation=BatchOperationTermination()),
        "visibility query, executions, and target executions are mutually exclusive": dict(
            job_id=unique, reason="r", executions=one, visibility_query="WorkflowType = 'x'",
            termination_operation=BatchOperationTermination()),
        "must provide signal name": dict(job_id=unique, reason="r", executions=one, signal_operation=BatchOperationSignal()),
        "unknown batch reset type Unspecified": dict(job_id=unique, reason="r", executions=one,
                                                    reset_operation=BatchOperationReset()),
        "batch reset missing target": dict(job_id=unique, reason="r", executions=one,
                                           reset_operation=BatchOperationReset(options=ResetOptions())),
    }
    for expected, fields in bad.items():
        assert await code_and_message(start_batch(client, **fields)) == (RPCStatusCode.INVALID_ARGUMENT, expected)
    status, message = await code_and_message(start_batch(
        client, job_id=unique, executions=one, termination_operation=BatchOperationTermination()))
    assert status == RPCStatusCode.INVALID_ARGUMENT and message.startswith("must provide required parameters")


async def test_the_cli_terminates_by_query_through_a_batch(client, server, unique):
    await mailboxes(client, unique, 2)
    query = f"WorkflowId STARTS_WITH '{unique}-'"
    await visible(client, query, 2)
    out = temporal_cli(server.address, "workflow", "terminate", "--query", query, "--reason", "from cli", "--yes")
    assert out.returncode == 0, out.stderr
    job_id = out.stdout.strip().rsplit(" ", 1)[-1]
    assert (await finished(client, job_id)).complete_operation_count == 2
    described = temporal_cli(server.address, "batch", "describe", "--job-id", job_id)
    assert described.returncode == 0 and "Completed" in described.stdout and "2/2" in described.stdout
    listed = temporal_cli(server.address, "batch", "list")
    assert job_id in listed.stdout
    missing = temporal_cli(server.address, "batch", "describe", "--job-id", f"{unique}-nope")
    assert missing.returncode != 0 and f"could not find Batch Job '{unique}-nope'" in missing.stderr


async def test_workflow_pause_is_disabled_and_unpause_finds_nothing_paused(client, unique):
    handle = (await mailboxes(client, unique, 1))[0]
    with pytest.raises(RPCError) as err:
        await client.workflow_service.pause_workflow_execution(
            PauseWorkflowExecutionRequest(namespace="default", workflow_id=handle.id, reason="maintenance"))
    assert err.value.status == RPCStatusCode.UNIMPLEMENTED
    assert err.value.message == "workflow pause is not enabled for namespace: default"
    with pytest.raises(RPCError) as err:
        await client.workflow_service.unpause_workflow_execution(
            UnpauseWorkflowExecutionRequest(namespace="default", workflow_id=handle.id))
    assert (err.value.status, err.value.message) == (RPCStatusCode.FAILED_PRECONDITION, "workflow is not paused.")
    await handle.terminate()
    with pytest.raises(RPCError) as err:
        await client.workflow_service.unpause_workflow_execution(
            UnpauseWorkflowExecutionRequest(namespace="default", workflow_id=handle.id))
    assert (err.value.status, err.value.message) == (RPCStatusCode.NOT_FOUND, "workflow execution already completed")
    assert (await handle.describe()).status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED


async def test_a_running_job_resumes_after_a_crash(server_factory, tmp_path, unique):
    server = server_factory(db_filename=str(tmp_path / "batch.db"),
                            extra_args=["--dynamic-config-value", "worker.batcherRPS=20"]).start()
    client = await Client.connect(server.address)
    handles = await mailboxes(client, unique, 3)
    # 60 runs that do not exist (3 s at 20 per second), then the three that do.
    targets = [WorkflowExecution(workflow_id=f"{unique}-gone-{i}") for i in range(60)] + \
        [WorkflowExecution(workflow_id=h.id) for h in handles]
    await start_batch(client, job_id=unique, reason="finish them", executions=targets,
                      signal_operation=BatchOperationSignal(signal="put", identity="batch",
                                                            input={"payloads": await client.data_converter.encode(["done"])}))
    await asyncio.sleep(0.5)
    server.kill()
    server.start()
    client = await Client.connect(server.address)
    resp = await finished(client, unique)
    assert resp.state == BatchOperationState.BATCH_OPERATION_STATE_COMPLETED
    assert resp.complete_operation_count == 63
    for handle in handles:
        signals = [e for e in (await client.get_workflow_handle(handle.id).fetch_history()).events
                   if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]
        assert len(signals) == 1
