#!/usr/bin/env python3
"""The Python SDK's side of `bench/compare --workers`: the counterpart of sdk-bench (bench/sdk-driver).

    python3 bench/python_sdk_bench.py --host 127.0.0.1 --port 7233 --count 1000 --concurrency 100

One process runs a temporalio Worker and a Client on the same connection; the client runs
one-activity workflows (one activity `echo` that returns its input, start-to-close 30 s)
closed-loop with `execute_workflow`, `--concurrency` in flight, until `--count` have started (or
`--duration` seconds have passed). Prints one JSON line with the keys of sdk-bench's: workflows
completed, errors, wall seconds and this process's CPU seconds (user + system of all its threads,
the SDK's Rust core included, from getrusage), both counted from the first start to the last result.

The worker keeps the SDK's defaults, the sandboxed workflow runner included (what a Python user
gets); `--runner unsandboxed` uses UnsandboxedWorkflowRunner instead. `--workflow-pollers` and
`--activity-pollers` set the worker's poller behaviour (default: the SDK's, 5 each).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
import uuid
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.worker import PollerBehaviorSimpleMaximum, UnsandboxedWorkflowRunner, Worker


@activity.defn(name="echo")
async def echo(value: str) -> str:
    return value


@workflow.defn(name="OneActivity")
class OneActivity:
    @workflow.run
    async def run(self, value: str) -> str:
        return await workflow.execute_activity(echo, value, start_to_close_timeout=timedelta(seconds=30))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def drive(client: Client, args: argparse.Namespace, queue: str) -> dict:
    completed = 0
    errors: dict[str, int] = {}
    samples: dict[str, str] = {}
    next_index = 0

    def error(kind: str, message: str) -> None:
        errors[kind] = errors.get(kind, 0) + 1
        samples.setdefault(kind, message[:500])

    cpu_before = cpu_seconds()
    began = time.monotonic()
    stop_starting = began + args.duration if args.duration > 0 else None

    async def loop() -> None:
        nonlocal completed, next_index
        while next_index < args.count and (stop_starting is None or time.monotonic() < stop_starting):
            i, next_index = next_index, next_index + 1
            try:
                result = await client.execute_workflow(OneActivity.run, f"v{i}", id=f"{queue}-{i}", task_queue=queue,
                                                       request_eager_start=args.eager_start)
                if result == f"v{i}":
                    completed += 1
                else:
                    error("wrong result", str(result))
            except Exception as e:  # noqa: BLE001 - every failure is counted and reported
                error(type(e).__name__, str(e))

    await asyncio.gather(*(loop() for _ in range(min(args.concurrency, args.count))))
    cpu = cpu_seconds() - cpu_before
    seconds = time.monotonic() - began
    return {"driver": "python-sdk", "taskQueue": queue, "concurrency": args.concurrency, "completed": completed,
            "errors": sum(errors.values()), "errorKinds": errors, "errorSamples": samples,
            "seconds": seconds, "throughput": completed / seconds if seconds > 0 else 0,
            "cpuSeconds": cpu, "cpuMsPerWorkflow": cpu * 1000 / completed if completed else 0,
            "settings": {"runner": args.runner,
                         "workflowPollers": str(args.workflow_pollers or "SDK default"),
                         "activityPollers": str(args.activity_pollers or "SDK default"),
                         "eagerStart": str(args.eager_start).lower()}}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7233)
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--task-queue", help="default: a new one")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--duration", type=float, default=0, help="stop starting after this many seconds (0: all)")
    parser.add_argument("--workflow-pollers", type=int, help="workflow-task polls, sticky ones included")
    parser.add_argument("--activity-pollers", type=int)
    parser.add_argument("--runner", choices=["sandboxed", "unsandboxed"], default="sandboxed")
    parser.add_argument("--eager-start", action="store_true", help="ask for eager workflow start (opt-in)")
    args = parser.parse_args()

    queue = args.task_queue or f"python-sdk-bench-{uuid.uuid4().hex[:8]}"
    client = await Client.connect(f"{args.host}:{args.port}", namespace=args.namespace)
    options: dict = {}
    if args.runner == "unsandboxed":
        options["workflow_runner"] = UnsandboxedWorkflowRunner()
    if args.workflow_pollers:
        options["workflow_task_poller_behavior"] = PollerBehaviorSimpleMaximum(maximum=args.workflow_pollers)
    if args.activity_pollers:
        options["activity_task_poller_behavior"] = PollerBehaviorSimpleMaximum(maximum=args.activity_pollers)
    async with Worker(client, task_queue=queue, workflows=[OneActivity], activities=[echo], **options):
        report = await drive(client, args, queue)
        print(json.dumps(report, sort_keys=True), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
    # Exit without interpreter finalization: the SDK core's threads, still alive then, sometimes
    # crash it ("PyGILState_Release: thread state ... must be current", SIGABRT/SIGSEGV) after the
    # report is out and the worker has shut down.
    sys.stdout.flush()
    os._exit(0)
