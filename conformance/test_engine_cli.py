"""The `temporal` CLI's workflow commands against the server, with a Python worker running."""
from __future__ import annotations

import asyncio
import json

from temporalio.worker import Worker

from conftest import temporal_cli
from engine_defs import ENGINE_ACTIVITIES, ENGINE_WORKFLOWS


async def cli(server, *args):
    return await asyncio.to_thread(temporal_cli, server.address, *args)


async def test_workflow_commands(server, client, unique):
    async with Worker(client, task_queue=unique, workflows=ENGINE_WORKFLOWS, activities=ENGINE_ACTIVITIES):
        executed = await cli(server, "workflow", "execute", "--type", "QuickWorkflow", "--task-queue", unique,
                             "--workflow-id", f"{unique}-exec", "--input", '"hello"')
        assert executed.returncode == 0, executed.stderr
        assert '"hello"' in executed.stdout

        started = await cli(server, "workflow", "start", "--type", "WaitingWorkflow", "--task-queue", unique,
                            "--workflow-id", unique, "--input", "0")
        assert started.returncode == 0, started.stderr
        assert unique in started.stdout

        signalled = await cli(server, "workflow", "signal", "--workflow-id", unique, "--name", "note",
                              "--input", '"via-cli"')
        assert signalled.returncode == 0, signalled.stderr

        queried = await cli(server, "workflow", "query", "--workflow-id", unique, "--type", "seen")
        assert queried.returncode == 0, queried.stderr
        assert "via-cli" in queried.stdout

        described = await cli(server, "workflow", "describe", "--workflow-id", unique, "-o", "json")
        assert described.returncode == 0, described.stderr
        info = json.loads(described.stdout)
        assert info["workflowExecutionInfo"]["status"] == "WORKFLOW_EXECUTION_STATUS_RUNNING"
        assert info["workflowExecutionInfo"]["type"]["name"] == "WaitingWorkflow"

        cancelled = await cli(server, "workflow", "cancel", "--workflow-id", unique)
        assert cancelled.returncode == 0, cancelled.stderr
        handle = client.get_workflow_handle(unique)
        for _ in range(100):
            if (await handle.describe()).status.name == "CANCELED":
                break
            await asyncio.sleep(0.1)
        shown = await cli(server, "workflow", "show", "--workflow-id", unique)
        assert shown.returncode == 0, shown.stderr
        for event in ("WorkflowExecutionStarted", "WorkflowExecutionSignaled", "WorkflowExecutionCancelRequested",
                      "WorkflowExecutionCanceled"):
            assert event in shown.stdout, shown.stdout

        await cli(server, "workflow", "start", "--type", "WaitingWorkflow", "--task-queue", unique,
                  "--workflow-id", f"{unique}-t", "--input", "0")
        terminated = await cli(server, "workflow", "terminate", "--workflow-id", f"{unique}-t", "--reason", "cli test")
        assert terminated.returncode == 0, terminated.stderr
        shown = await cli(server, "workflow", "show", "--workflow-id", f"{unique}-t", "-o", "json")
        events = json.loads(shown.stdout)["events"]
        assert events[-1]["eventType"] == "EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED"
        assert events[-1]["workflowExecutionTerminatedEventAttributes"]["reason"] == "cli test"


async def test_cli_errors_are_readable(server, unique):
    missing = await cli(server, "workflow", "describe", "--workflow-id", f"{unique}-missing")
    assert missing.returncode != 0
    assert "not found" in missing.stderr.lower()
