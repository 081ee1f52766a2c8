"""Durability on PostgreSQL: workflows with activities, timers and signals run while Tern is
killed with SIGKILL three times and, later, PostgreSQL itself is restarted twice in immediate mode
(what a crash looks like to its clients) while Tern keeps running.

Every workflow must complete exactly once with the right result and a gap-free history, and every
change a client was told succeeded (a start, a signal) must be there at the end: the client keeps
a ledger of what the server acknowledged, and the histories are checked against it."""
from __future__ import annotations

import asyncio
import os
import random
import subprocess

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from conftest import ON_POSTGRES, REPO
from durability_defs import SignalledSurvivor, times_two

WORKFLOWS = 200

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="restarts PostgreSQL: runs with CONFORMANCE_STORE=postgres (scripts/test does)")


def restart_postgres() -> None:
    """`pg_ctl restart -m immediate` on the cluster the servers use (scripts/postgres-cluster's)."""
    directory = os.environ.get("CONFORMANCE_POSTGRES_DIR")
    subprocess.run([str(REPO / "scripts" / "postgres-cluster"), "restart-immediate", *([directory] if directory else [])],
                   check=True, capture_output=True, timeout=120)


async def connect(address: str) -> Client:
    for _ in range(200):
        try:
            return await Client.connect(address)
        except Exception:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"no server at {address}")


async def until_acknowledged(action, attempts: int = 400):
    """Retries an RPC while the server or its database is down; returns once it succeeded."""
    for _ in range(attempts):
        try:
            return await asyncio.wait_for(action(), 10)
        except WorkflowAlreadyStartedError:
            raise
        except Exception:
            await asyncio.sleep(0.1)
    raise RuntimeError("never acknowledged")


@pytest.mark.slow
async def test_sigkill_and_postgres_restarts_lose_nothing(server_factory, unique):
    server = server_factory(db_filename=f"durability-{unique}").start()
    client = await connect(server.address)
    ids = [f"{unique}-{i}" for i in range(WORKFLOWS)]
    acknowledged_starts: set[str] = set()
    acknowledged_signals: dict[str, set[str]] = {workflow_id: set() for workflow_id in ids}
    values: dict[str, dict[str, int]] = {workflow_id: {} for workflow_id in ids}
    rng = random.Random()

    async def start(i: int, workflow_id: str) -> None:
        try:
            await until_acknowledged(lambda: client.start_workflow(
                SignalledSurvivor.run, i, id=workflow_id, task_queue=unique))
        except WorkflowAlreadyStartedError:
            pass  # an earlier attempt did start it, though its answer was lost
        acknowledged_starts.add(workflow_id)

    async def signal(workflow_id: str, n: int) -> None:
        signal_id, value = f"s{n}", rng.randrange(1, 1000)
        values[workflow_id][signal_id] = value
        handle = client.get_workflow_handle(workflow_id)
        await until_acknowledged(lambda: handle.signal(SignalledSurvivor.add, args=[signal_id, value]))
        acknowledged_signals[workflow_id].add(signal_id)

    async def chaos() -> None:
        for _ in range(3):
            await asyncio.sleep(rng.uniform(0.5, 2.5))
            server.kill()
            server.start()
        for _ in range(2):
            await asyncio.sleep(rng.uniform(1.0, 3.0))
            await asyncio.to_thread(restart_postgres)

    async def signals() -> None:
        # Spread over the whole run, so some land while Tern or PostgreSQL is down.
        order = [(workflow_id, n) for n in (1, 2) for workflow_id in ids]
        rng.shuffle(order)
        for batch in range(0, len(order), 20):
            await asyncio.gather(*(signal(w, n) for w, n in order[batch:batch + 20]))
            await asyncio.sleep(rng.uniform(0.05, 0.4))

    async with Worker(client, task_queue=unique, workflows=[SignalledSurvivor], activities=[times_two],
                      workflow_runner=UnsandboxedWorkflowRunner()):
        chaos_task = asyncio.create_task(chaos())
        await asyncio.gather(*(start(i, w) for i, w in enumerate(ids)))
        await signals()
        await chaos_task
        results = {}
        for workflow_id in ids:
            handle = client.get_workflow_handle(workflow_id)
            for _ in range(120):
                try:
                    results[workflow_id] = await asyncio.wait_for(handle.result(), 30)
                    break
                except Exception:
                    await asyncio.sleep(0.5)

    assert acknowledged_starts == set(ids)
    for i, workflow_id in enumerate(ids):
        assert results.get(workflow_id) == 4 * i + sum(values[workflow_id].values()), workflow_id

    for workflow_id in ids:
        events = (await client.get_workflow_handle(workflow_id).fetch_history()).events
        assert [e.event_id for e in events] == list(range(1, len(events) + 1)), f"{workflow_id}: gap or duplicate"
        types = [e.event_type for e in events]
        assert types.count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) == 1, workflow_id
        assert types.count(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) == 2, workflow_id
        assert types.count(EventType.EVENT_TYPE_TIMER_FIRED) == 1, workflow_id
        assert types.count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) == 1, workflow_id
        assert types[-1] == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
        signalled = set()
        for e in events:
            if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
                payload = e.workflow_execution_signaled_event_attributes.input.payloads[0].data
                signalled.add(payload.decode().strip('"'))
        assert acknowledged_signals[workflow_id] <= signalled, f"{workflow_id}: an acknowledged signal was lost"
