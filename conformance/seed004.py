"""The Python examples of seed document 004 (Temporal workflow orchestration), kept as written.

What the document leaves undefined is filled in minimally: the input/output dataclasses, and the
activities' side effects. Activities that call external services there (an HTTP payment gateway,
e-mail) call in-process stand-ins here, because tests have no network; their Temporal-facing logic
(the non-retryable `PaymentDeclined` error, heartbeats) is the document's. A `Ledger` records what
each activity did so tests can assert on it.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable

from temporalio import activity, workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError


# ---- data the document uses but does not define -------------------------------------------


@dataclass
class OrderInput:
    id: str = ""
    total: float = 0
    items: list[str] = field(default_factory=list)
    order_id: str = ""  # create_order's view of the order id


@dataclass
class OrderResult:
    order_id: str
    payment_id: str = ""
    shipment_id: str = ""


@dataclass
class PaymentInput:
    order_id: str
    amount: float = 0


@dataclass
class PaymentResult:
    id: str


@dataclass
class InventoryInput:
    order_id: str


@dataclass
class Reservation:
    id: str


@dataclass
class ShipmentInput:
    order_id: str


@dataclass
class Shipment:
    id: str


@dataclass
class CancelInput:
    order_id: str | None


@dataclass
class NotificationInput:
    recipients: list[str]
    subject: str
    body: str


@dataclass
class TaskInput:
    name: str
    timeout_seconds: float = 24 * 3600


@dataclass
class TaskResult:
    status: str


# ---- test instrumentation --------------------------------------------------------------------


class Ledger:
    """What the activities did, per workflow run (keyed by order/test id)."""

    calls: dict[str, list[str]] = {}
    declined_orders: set[str] = set()
    failing_shipments: set[str] = set()
    sent: list[str] = []

    @classmethod
    def record(cls, key: str, what: str) -> None:
        cls.calls.setdefault(key, []).append(what)


class HTTPStatusError(Exception):
    def __init__(self, status_code: int) -> None:
        super().__init__(f"HTTP {status_code}")
        self.response = type("Response", (), {"status_code": status_code})()


async def payment_gateway_charge(order_id: str, amount: float) -> dict:
    """Stands in for POST https://payments.example.com/charge."""
    Ledger.record(order_id, "charge")
    if order_id in Ledger.declined_orders:
        raise HTTPStatusError(402)
    return {"id": f"pay-{order_id}"}


async def send_email(recipient: str, subject: str, body: str) -> None:
    await asyncio.sleep(0.05)
    Ledger.sent.append(recipient)


# ---- activities (the document's, with the stand-ins above) ----------------------------------


@activity.defn
async def create_order(order_data: OrderInput) -> str:
    Ledger.record(order_data.id, "create_order")
    if "slow" in order_data.id:
        await asyncio.sleep(1)  # lets a test's signal arrive while the order is being created
    return order_data.id


@activity.defn
async def process_payment(input: PaymentInput) -> PaymentResult:
    activity.logger.info(f"Processing payment for order {input.order_id}")
    try:
        response = await payment_gateway_charge(input.order_id, input.amount)
        return PaymentResult(**response)
    except HTTPStatusError as e:
        if e.response.status_code == 402:
            raise ApplicationError("Payment declined", non_retryable=True, type="PaymentDeclined")
        raise


@activity.defn
async def reserve_inventory(input: Any) -> Reservation:
    # OrderWorkflow passes an InventoryInput (a dict once decoded here), the saga a list of items.
    order_id = input["order_id"] if isinstance(input, dict) else "saga-" + "-".join(input)
    Ledger.record(order_id, "reserve_inventory")
    return Reservation(id=f"res-{order_id}")


@activity.defn
async def cancel_order_activity(input: CancelInput) -> None:
    Ledger.record(input.order_id or "", "cancel_order_activity")


@activity.defn
async def send_notification(input: NotificationInput) -> None:
    for i, recipient in enumerate(input.recipients):
        activity.heartbeat(f"Sending {i+1}/{len(input.recipients)}")  # For long operations
        await send_email(recipient, input.subject, input.body)


@activity.defn
async def charge_payment(input: PaymentInput) -> PaymentResult:
    Ledger.record(input.order_id, "charge_payment")
    return PaymentResult(id=f"pay-{input.order_id}")


@activity.defn
async def create_shipment(input: ShipmentInput) -> Shipment:
    Ledger.record(input.order_id, "create_shipment")
    if input.order_id in Ledger.failing_shipments:
        raise ApplicationError("no carrier available", non_retryable=True)
    return Shipment(id=f"ship-{input.order_id}")


@activity.defn
async def release_inventory(reservation_id: str) -> None:
    Ledger.record(reservation_id.removeprefix("res-"), "release_inventory")


@activity.defn
async def refund_payment(payment_id: str) -> None:
    Ledger.record(payment_id.removeprefix("pay-"), "refund_payment")


# ---- workflows (as in the document) ----------------------------------------------------------


@workflow.defn
class OrderWorkflow:
    def __init__(self):
        self._status = "pending"
        self._order_id: str | None = None

    @workflow.run
    async def run(self, order_data: OrderInput) -> OrderResult:
        self._order_id = await workflow.execute_activity(
            create_order, order_data,
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_attempts=3, initial_interval=timedelta(seconds=1)),
        )
        self._status = "processing"

        # Parallel activities
        payment, inventory = await asyncio.gather(
            workflow.execute_activity(process_payment, PaymentInput(order_id=self._order_id), start_to_close_timeout=timedelta(minutes=5)),
            workflow.execute_activity(reserve_inventory, InventoryInput(order_id=self._order_id), start_to_close_timeout=timedelta(minutes=2)),
        )

        self._status = "completed"
        return OrderResult(order_id=self._order_id, payment_id=payment.id)

    @workflow.query
    def get_status(self) -> str:
        return self._status

    @workflow.signal
    async def cancel_order(self, reason: str):
        self._status = "cancelling"
        await workflow.execute_activity(cancel_order_activity, CancelInput(order_id=self._order_id), start_to_close_timeout=timedelta(seconds=30))
        self._status = "cancelled"


@workflow.defn
class OrderSagaWorkflow:
    @workflow.run
    async def run(self, order: OrderInput) -> OrderResult:
        compensations: list[tuple[Callable, Any]] = []

        try:
            reservation = await workflow.execute_activity(reserve_inventory, order.items, start_to_close_timeout=timedelta(minutes=2))
            compensations.append((release_inventory, reservation.id))

            payment = await workflow.execute_activity(charge_payment, PaymentInput(order_id=order.id), start_to_close_timeout=timedelta(minutes=5))
            compensations.append((refund_payment, payment.id))

            shipment = await workflow.execute_activity(create_shipment, ShipmentInput(order_id=order.id), start_to_close_timeout=timedelta(minutes=3))
            return OrderResult(order_id=order.id, payment_id=payment.id, shipment_id=shipment.id)

        except Exception:
            workflow.logger.warning(f"Saga failed, running {len(compensations)} compensations")
            for compensate_fn, compensate_arg in reversed(compensations):
                try:
                    await workflow.execute_activity(compensate_fn, compensate_arg, start_to_close_timeout=timedelta(minutes=2))
                except Exception as e:
                    workflow.logger.error(f"Compensation failed: {e}")
            raise


@workflow.defn
class TimeoutWorkflow:
    def __init__(self) -> None:
        self._approved: bool | None = None  # the document reads it before any signal

    @workflow.run
    async def run(self, input: TaskInput) -> TaskResult:
        try:
            # The document waits 24 hours; the input carries the wait so a test can shorten it.
            await workflow.wait_condition(lambda: self._approved is not None, timeout=timedelta(seconds=input.timeout_seconds))
        except asyncio.TimeoutError:
            return TaskResult(status="auto_rejected")
        return TaskResult(status="approved" if self._approved else "rejected")

    @workflow.signal
    async def approve(self, approved: bool):
        self._approved = approved


@workflow.defn
class NotifyWorkflow:
    """Runs the document's send_notification activity (which the document shows on its own)."""

    @workflow.run
    async def run(self, input: NotificationInput) -> None:
        await workflow.execute_activity(
            send_notification, input, start_to_close_timeout=timedelta(seconds=30),
            heartbeat_timeout=timedelta(seconds=5))


@workflow.defn
class PaymentWorkflow:
    """Runs process_payment alone, to observe its non-retryable failure."""

    @workflow.run
    async def run(self, input: PaymentInput) -> PaymentResult:
        return await workflow.execute_activity(process_payment, input, start_to_close_timeout=timedelta(seconds=30))


ALL_WORKFLOWS = [OrderWorkflow, OrderSagaWorkflow, TimeoutWorkflow, NotifyWorkflow, PaymentWorkflow]
ALL_ACTIVITIES = [create_order, process_payment, reserve_inventory, cancel_order_activity, send_notification,
                  charge_payment, create_shipment, release_inventory, refund_payment]
