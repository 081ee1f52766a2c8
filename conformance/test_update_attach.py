"""Update-with-start and updates around a run's close, as Temporal decides them: an update id the
current run already finished answers from its outcome (even on a closed run, whatever the
policies); one the running run already admitted is attached to; one a closed run never finished
is not, and the id reuse policy decides whether a new run starts."""
from __future__ import annotations

import asyncio

import pytest
from temporalio.client import (
    WithStartWorkflowOperation,
    WorkflowExecutionStatus,
    WorkflowUpdateFailedError,
    WorkflowUpdateStage,
)
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from consistency_defs import CONSISTENCY_WORKFLOWS, SlowContinueWorkflow, UpdatableWorkflow

POLICIES = [
    (WorkflowIDConflictPolicy.USE_EXISTING, WorkflowIDReusePolicy.ALLOW_DUPLICATE),
    (WorkflowIDConflictPolicy.FAIL, WorkflowIDReusePolicy.REJECT_DUPLICATE),
    (WorkflowIDConflictPolicy.FAIL, WorkflowIDReusePolicy.ALLOW_DUPLICATE),
]


def operation(workflow_id, queue, hold, conflict, reuse):
    return WithStartWorkflowOperation(
        UpdatableWorkflow.run, hold, id=workflow_id, task_queue=queue,
        id_conflict_policy=conflict, id_reuse_policy=reuse)


@pytest.mark.parametrize("conflict,reuse", POLICIES)
@pytest.mark.parametrize("run_holds", [False, True])
async def test_finished_update_is_answered_from_its_outcome(client, unique, conflict, reuse, run_holds):
    update_id = f"u-{unique}"
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS):
        first = operation(unique, unique, run_holds, conflict, reuse)
        result_1 = await client.execute_update_with_start_workflow(
            UpdatableWorkflow.change, False, id=update_id, start_workflow_operation=first)
        handle_1 = await first.workflow_handle()
        expected = WorkflowExecutionStatus.RUNNING if run_holds else WorkflowExecutionStatus.COMPLETED
        if not run_holds:
            await handle_1.result()
        assert (await handle_1.describe()).status == expected
        second = operation(unique, unique, run_holds, conflict, reuse)
        result_2 = await client.execute_update_with_start_workflow(
            UpdatableWorkflow.change, False, id=update_id, start_workflow_operation=second)
        handle_2 = await second.workflow_handle()
        assert handle_2.first_execution_run_id == handle_1.first_execution_run_id
        assert result_2 == result_1
        if run_holds:
            await handle_1.terminate()


@pytest.mark.parametrize("conflict,reuse", POLICIES)
async def test_unfinished_update_of_running_run_is_attached_to(client, unique, conflict, reuse):
    update_id = f"u-{unique}"
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS):
        first = operation(unique, unique, True, conflict, reuse)
        update_1 = await client.start_update_with_start_workflow(
            UpdatableWorkflow.change, True, id=update_id, start_workflow_operation=first,
            wait_for_stage=WorkflowUpdateStage.ACCEPTED)
        handle_1 = await first.workflow_handle()
        second = operation(unique, unique, True, conflict, reuse)
        update_2 = await client.start_update_with_start_workflow(
            UpdatableWorkflow.change, False, id=update_id, start_workflow_operation=second,
            wait_for_stage=WorkflowUpdateStage.ACCEPTED)
        assert (await second.workflow_handle()).first_execution_run_id == handle_1.first_execution_run_id
        await handle_1.signal(UpdatableWorkflow.release_update)
        assert await update_1.result() == await update_2.result()
        await handle_1.terminate()


@pytest.mark.parametrize("conflict,reuse", POLICIES)
async def test_unfinished_update_of_closed_run_is_not_attached_to(client, unique, conflict, reuse):
    update_id = f"u-{unique}"
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS):
        first = operation(unique, unique, False, conflict, reuse)
        update_1 = await client.start_update_with_start_workflow(
            UpdatableWorkflow.change, True, id=update_id, start_workflow_operation=first,
            wait_for_stage=WorkflowUpdateStage.ACCEPTED)
        handle_1 = await first.workflow_handle()
        await handle_1.result()
        # The run completed under an accepted update: the update fails, it does not hang.
        with pytest.raises(WorkflowUpdateFailedError) as err:
            await update_1.result()
        assert isinstance(err.value.cause, ApplicationError)
        assert err.value.cause.type == "AcceptedUpdateCompletedWorkflow"
        second = operation(unique, unique, False, conflict, reuse)
        if reuse == WorkflowIDReusePolicy.REJECT_DUPLICATE:
            with pytest.raises(WorkflowAlreadyStartedError):
                await client.execute_update_with_start_workflow(
                    UpdatableWorkflow.change, False, id=update_id, start_workflow_operation=second)
        else:
            await client.execute_update_with_start_workflow(
                UpdatableWorkflow.change, False, id=update_id, start_workflow_operation=second)
            assert (await second.workflow_handle()).first_execution_run_id != handle_1.first_execution_run_id


async def test_update_admitted_before_continue_as_new_goes_on_in_the_new_run(client, unique):
    # The update arrives while the first run's only workflow task (which continues as new) runs.
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS,
                      workflow_runner=UnsandboxedWorkflowRunner()):
        handle = await client.start_workflow(SlowContinueWorkflow.run, False, id=unique, task_queue=unique)
        await asyncio.sleep(0.3)
        handled_by = await handle.execute_update(SlowContinueWorkflow.which_run, id=f"u-{unique}")
        assert handled_by != handle.first_execution_run_id
        assert handled_by == (await client.get_workflow_handle(unique).describe()).run_id
        await handle.terminate()


async def test_update_on_closed_run_is_refused(client, unique):
    async with Worker(client, task_queue=unique, workflows=CONSISTENCY_WORKFLOWS):
        handle = await client.start_workflow(UpdatableWorkflow.run, False, id=unique, task_queue=unique)
        await handle.result()
    with pytest.raises(RPCError) as err:
        await handle.execute_update(UpdatableWorkflow.change, False, id=f"late-{unique}")
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert err.value.message == "workflow execution already completed"


async def test_polling_an_update_without_a_wait_stage_answers_at_once(client, unique):
    import time
    from temporalio.api.common.v1 import WorkflowExecution
    from temporalio.api.enums.v1 import UpdateWorkflowExecutionLifecycleStage
    from temporalio.api.update.v1 import UpdateRef
    from temporalio.api.workflowservice.v1 import PollWorkflowExecutionUpdateRequest
    # No worker: the update stays admitted; the poll must not wait for it to be accepted.
    handle = await client.start_workflow(UpdatableWorkflow.run, True, id=unique, task_queue=unique)
    pending = asyncio.create_task(handle.execute_update(UpdatableWorkflow.change, False, id="u1"))
    request = PollWorkflowExecutionUpdateRequest(
        namespace="default", update_ref=UpdateRef(workflow_execution=WorkflowExecution(workflow_id=unique), update_id="u1"))
    for _ in range(50):
        try:
            began = time.monotonic()
            response = await client.workflow_service.poll_workflow_execution_update(request)
            break
        except RPCError as err:
            assert err.status == RPCStatusCode.NOT_FOUND  # not admitted yet
            await asyncio.sleep(0.1)
    assert time.monotonic() - began < 5
    assert response.stage == UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED
    pending.cancel()
    await handle.terminate()
