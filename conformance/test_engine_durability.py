"""Crash safety: workflows run while the server is killed with SIGKILL three times, at random
moments, and restarted on the same database. Every workflow must complete exactly once with the
right result, with a gap-free history that completed each activity exactly once."""
from __future__ import annotations

import asyncio
import random

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from durability_defs import CrashSurvivor, times_two

WORKFLOWS = 200


async def connect(address: str) -> Client:
    for _ in range(200):
        try:
            return await Client.connect(address)
        except Exception:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"no server at {address}")


@pytest.mark.slow
async def test_sigkill_three_times_loses_nothing(server_factory, tmp_path, unique):
    server = server_factory(db_filename=str(tmp_path / "crash.db")).start()
    client = await connect(server.address)
    ids = [f"{unique}-{i}" for i in range(WORKFLOWS)]
    for i, workflow_id in enumerate(ids):
        await client.start_workflow(CrashSurvivor.run, i, id=workflow_id, task_queue=unique)

    rng = random.Random()
    async with Worker(client, task_queue=unique, workflows=[CrashSurvivor], activities=[times_two],
                      workflow_runner=UnsandboxedWorkflowRunner()):
        for _ in range(3):
            await asyncio.sleep(rng.uniform(0.5, 2.5))
            server.kill()
            server.start()
        results = []
        for i, workflow_id in enumerate(ids):
            handle = client.get_workflow_handle(workflow_id)
            for _ in range(120):
                try:
                    results.append(await asyncio.wait_for(handle.result(), 30))
                    break
                except Exception:
                    await asyncio.sleep(0.5)
    assert results == [4 * i for i in range(WORKFLOWS)]

    for workflow_id in ids:
        events = (await client.get_workflow_handle(workflow_id).fetch_history()).events
        assert [e.event_id for e in events] == list(range(1, len(events) + 1)), f"{workflow_id}: gap or duplicate"
        types = [e.event_type for e in events]
        assert types.count(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) == 2, workflow_id
        assert types.count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) == 1, workflow_id
        assert types[-1] == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
