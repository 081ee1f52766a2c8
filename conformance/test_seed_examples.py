"""Seed document 004's Python examples (conformance/seed004.py) run unchanged against the server."""
from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowFailureError
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from conftest import SERVER_KIND, TEMPORAL_BIN, TERN_BIN, free_port
from seed004 import (
    ALL_ACTIVITIES,
    ALL_WORKFLOWS,
    Ledger,
    NotificationInput,
    OrderInput,
    OrderSagaWorkflow,
    OrderWorkflow,
    PaymentInput,
    PaymentWorkflow,
    NotifyWorkflow,
    TaskInput,
    TimeoutWorkflow,
    create_order,
    process_payment,
)


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=ALL_WORKFLOWS, activities=ALL_ACTIVITIES)


async def test_order_workflow_as_the_document_tests_it():
    """The document's own test: a WorkflowEnvironment started locally (here: this server's binary)."""
    binary = TERN_BIN if SERVER_KIND == "tern" else TEMPORAL_BIN
    async with await WorkflowEnvironment.start_local(dev_server_existing_path=binary, port=free_port()) as env:
        async with Worker(env.client, task_queue="test", workflows=[OrderWorkflow],
                          activities=ALL_ACTIVITIES):
            result = await env.client.execute_workflow(
                OrderWorkflow.run, OrderInput(id="test-1", total=100),
                id="test-order-1", task_queue="test",
            )
            assert result.order_id == "test-1"
            assert result.payment_id == "pay-test-1"


async def test_order_workflow_query_and_parallel_activities(client, unique):
    order = f"order-{unique}"
    async with worker(client, unique):
        handle = await client.start_workflow(OrderWorkflow.run, OrderInput(id=order, total=10), id=order, task_queue=unique)
        result = await handle.result()
        assert result.order_id == order and result.payment_id == f"pay-{order}"
        assert await handle.query(OrderWorkflow.get_status) == "completed"
    assert Ledger.calls[order][0] == "create_order"
    assert sorted(Ledger.calls[order][1:]) == ["charge", "reserve_inventory"]
    events = [e.event_type for e in (await handle.fetch_history()).events]
    assert events.count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) == 3  # create, then payment + inventory


async def test_order_workflow_cancel_signal_runs_its_activity(client, unique):
    order = f"slow-{unique}"
    async with worker(client, unique):
        handle = await client.start_workflow(OrderWorkflow.run, OrderInput(id=order), id=order, task_queue=unique)
        await handle.signal(OrderWorkflow.cancel_order, "customer changed their mind")
        for _ in range(100):
            if await handle.query(OrderWorkflow.get_status) in ("cancelled", "processing", "completed"):
                break
            await asyncio.sleep(0.05)
        await handle.result()
    history = await handle.fetch_history()
    assert any(e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED for e in history.events)
    scheduled = {e.event_id: e.activity_task_scheduled_event_attributes.activity_type.name
                 for e in history.events if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED}
    completed = [scheduled[e.activity_task_completed_event_attributes.scheduled_event_id]
                 for e in history.events if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED]
    assert "cancel_order_activity" in completed, "the signal handler's activity ran to completion"


async def test_saga_compensates_in_reverse(client, unique):
    order = f"saga-{unique}"
    Ledger.failing_shipments.add(order)
    async with worker(client, unique):
        with pytest.raises(WorkflowFailureError) as err:
            await client.execute_workflow(OrderSagaWorkflow.run, OrderInput(id=order, items=[unique]), id=order,
                                          task_queue=unique)
    assert isinstance(err.value.cause, ActivityError)
    calls = Ledger.calls[order]
    assert calls[calls.index("create_shipment") + 1:] == ["refund_payment", "release_inventory"]


@pytest.mark.parametrize("signal,expected", [(True, "approved"), (False, "rejected"), (None, "auto_rejected")])
async def test_timeout_workflow_both_outcomes(client, unique, signal, expected):
    async with worker(client, unique):
        handle = await client.start_workflow(
            TimeoutWorkflow.run, TaskInput(name="review", timeout_seconds=1.5 if signal is None else 60),
            id=f"timeout-{unique}", task_queue=unique)
        if signal is not None:
            await handle.signal(TimeoutWorkflow.approve, signal)
        result = await handle.result()
    assert result.status == expected
    types = [e.event_type for e in (await handle.fetch_history()).events]
    if signal is None:
        assert EventType.EVENT_TYPE_TIMER_FIRED in types  # the wait ran out
    else:
        assert EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED in types
        assert EventType.EVENT_TYPE_TIMER_FIRED not in types  # the wait never ran out


async def test_declined_payment_is_not_retried(client, unique):
    order = f"declined-{unique}"
    Ledger.declined_orders.add(order)
    async with worker(client, unique):
        with pytest.raises(WorkflowFailureError) as err:
            await client.execute_workflow(PaymentWorkflow.run, PaymentInput(order_id=order, amount=5), id=order,
                                          task_queue=unique)
    cause = err.value.cause
    assert isinstance(cause, ActivityError)
    assert isinstance(cause.cause, ApplicationError)
    assert cause.cause.type == "PaymentDeclined" and cause.cause.non_retryable
    assert Ledger.calls[order] == ["charge"], "a non-retryable failure must run exactly once"


async def test_notification_heartbeats(client, unique):
    recipients = [f"{unique}-{i}@example.com" for i in range(4)]
    async with worker(client, unique):
        handle = await client.start_workflow(NotifyWorkflow.run, NotificationInput(recipients, "hi", "body"),
                                             id=f"notify-{unique}", task_queue=unique)
        await handle.result()
    assert [r for r in Ledger.sent if r.startswith(unique)] == recipients
