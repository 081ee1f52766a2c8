"""Crash safety of composition: a 5-generation continue-as-new chain and a 3-level child tree using
every parent close policy, with the server killed (SIGKILL) in the middle and restarted on the same
database. Every run must finish exactly as it would have without the crash."""
from __future__ import annotations

import asyncio

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from composition_defs import COMPOSITION_WORKFLOWS, Looper, TreeNode, TreeWorkflow

E = EventType
S = WorkflowExecutionStatus
POLICIES = ["TERMINATE", "REQUEST_CANCEL", "ABANDON"]


async def connect(address: str) -> Client:
    for _ in range(200):
        try:
            return await Client.connect(address)
        except Exception:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"no server at {address}")


async def retry(call, attempts=150):
    """Calls `call` until it stops failing (the server may still be coming back)."""
    for i in range(attempts):
        try:
            return await call()
        except Exception:
            if i == attempts - 1:
                raise
            await asyncio.sleep(0.2)


async def status(client, workflow_id):
    return (await retry(lambda: client.get_workflow_handle(workflow_id).describe())).status


async def wait_status(client, workflow_id, wanted, timeout=20.0):
    deadline = asyncio.get_running_loop().time() + timeout
    current = None
    while asyncio.get_running_loop().time() < deadline:
        current = await status(client, workflow_id)
        if current == wanted:
            return current
        await asyncio.sleep(0.2)
    return current


async def exists(client, workflow_id):
    try:
        await client.get_workflow_handle(workflow_id).describe()
        return True
    except Exception:
        return False


async def gap_free(client, workflow_id, run_id=None):
    events = (await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()).events
    assert [e.event_id for e in events] == list(range(1, len(events) + 1)), f"{workflow_id}: gap or duplicate"
    return events


async def test_chain_and_child_tree_survive_sigkill(server_factory, tmp_path, unique):
    server = server_factory(db_filename=str(tmp_path / "composition.db")).start()
    client = await connect(server.address)
    root = f"{unique}-root"
    children = [f"{root}-{i}" for i in range(3)]
    grandchildren = [f"{c}-{j}" for c in children for j in range(3)]

    async with Worker(client, task_queue=unique, workflows=COMPOSITION_WORKFLOWS):
        chain = await client.start_workflow(Looper.run, args=[0, 5, 0.5], id=f"{unique}-chain", task_queue=unique)
        tree = await client.start_workflow(TreeWorkflow.run, TreeNode(prefix=root, depth=2, policies=POLICIES),
                                           id=root, task_queue=unique)
        for workflow_id in grandchildren:
            for _ in range(100):
                if await exists(client, workflow_id):
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"{workflow_id} never started")

        # The chain is in the middle: past its first run, not yet finished.
        for _ in range(100):
            latest = await client.get_workflow_handle(chain.id).describe()
            if latest.run_id != chain.first_execution_run_id:
                break
            await asyncio.sleep(0.1)
        assert latest.run_id != chain.first_execution_run_id and latest.status == S.RUNNING

        # The root finishes: its close policies (and their children's) are applied while the server dies.
        await tree.signal(TreeWorkflow.note, "finish")
        server.kill()
        server.start()

        assert await retry(lambda: asyncio.wait_for(tree.result(), 30)) == f"{root}:3"
        assert await retry(lambda: asyncio.wait_for(chain.result(), 30)) == 5

        # Level 1: root-0 TERMINATE, root-1 REQUEST_CANCEL, root-2 ABANDON.
        assert await wait_status(client, children[0], S.TERMINATED) == S.TERMINATED
        assert await wait_status(client, children[1], S.CANCELED) == S.CANCELED
        assert await status(client, children[2]) == S.RUNNING
        # Level 2 under the closed children: their own policies apply when they close.
        for parent in children[:2]:
            assert await wait_status(client, f"{parent}-0", S.TERMINATED) == S.TERMINATED
            assert await wait_status(client, f"{parent}-1", S.CANCELED) == S.CANCELED
        await asyncio.sleep(0.5)
        for parent in children:
            assert await status(client, f"{parent}-2") == S.RUNNING
        for workflow_id in children[2:3] + [f"{c}-2" for c in children[:2]]:
            await client.get_workflow_handle(workflow_id).signal(TreeWorkflow.note, "finish")
        assert await wait_status(client, f"{children[2]}-0", S.TERMINATED) == S.TERMINATED
        assert await wait_status(client, f"{children[2]}-1", S.CANCELED) == S.CANCELED
        assert await status(client, f"{children[2]}-2") == S.RUNNING
        await client.get_workflow_handle(f"{children[2]}-2").signal(TreeWorkflow.note, "finish")
        for workflow_id in [children[2]] + [f"{c}-2" for c in children]:
            assert await wait_status(client, workflow_id, S.COMPLETED) == S.COMPLETED, workflow_id

    # Every history is gap-free and closes exactly once.
    closing = {E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
               E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW}
    for workflow_id in [root] + children + grandchildren:
        types = [e.event_type for e in await gap_free(client, workflow_id)]
        assert sum(t in closing for t in types) == 1, workflow_id
        assert types[-1] in closing, workflow_id
    root_types = [e.event_type for e in await gap_free(client, root)]
    assert root_types.count(E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) == 3

    # The chain: six runs linked by CONTINUED_AS_NEW, each with one timer, the last completed with 5.
    run_ids = [chain.first_execution_run_id]
    while True:
        events = await gap_free(client, chain.id, run_ids[-1])
        types = [e.event_type for e in events]
        assert types.count(E.EVENT_TYPE_TIMER_FIRED) == 1
        if types[-1] != E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
            assert types[-1] == E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
            break
        assert types.count(E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) == 1
        run_ids.append(events[-1].workflow_execution_continued_as_new_event_attributes.new_execution_run_id)
        started = (await gap_free(client, chain.id, run_ids[-1]))[0].workflow_execution_started_event_attributes
        assert started.continued_execution_run_id == run_ids[-2]
        assert started.first_execution_run_id == run_ids[0]
    assert len(run_ids) == 6 and len(set(run_ids)) == 6
