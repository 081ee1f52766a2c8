#!/usr/bin/env python3
"""Throughput of one-activity workflows driven by the official Python SDK, on Tern and on
`temporal server start-dev`, each started here with a file-backed SQLite database.

  python3 bench/python_one_activity.py --count 1000 [--servers tern,temporal] [--tern-bin PATH]

Prints one line per server (workflows/s, server CPU seconds) and the Tern/Temporal ratio.
The worker and client are the same Python code for both servers, so the SDK's own cost is
included on both sides; the full harness with a lean Swift driver is bench/compare (issue 6).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

REPO = pathlib.Path(__file__).resolve().parent.parent


@activity.defn
async def echo(value: str) -> str:
    return value


@workflow.defn
class OneActivity:
    @workflow.run
    async def run(self, value: str) -> str:
        return await workflow.execute_activity(echo, value, start_to_close_timeout=timedelta(seconds=30))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children that were waited for."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / ticks


def start_server(kind: str, tern_bin: str, db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if kind == "tern":
        argv = [tern_bin, "server", "start-dev", "--port", str(port), "--db-filename", db, "--log-level", "error"]
    else:
        temporal = shutil.which("temporal") or "temporal"
        argv = [temporal, "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", str(port),
                "--http-port", str(free_port()), "--metrics-port", str(free_port()), "--db-filename", db,
                "--log-level", "error",
                # The same journal and sync settings as Tern's (see bench/compare).
                "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=FULL"]
        # The dev server rate-limits at ~2.4k calls/s unless told otherwise.
        for key in ("frontend.rps", "frontend.namespaceRPS", "frontend.globalNamespaceRPS", "frontend.globalRPS"):
            argv += ["--dynamic-config-value", f"{key}=1000000"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, f"127.0.0.1:{port}"


async def wait_ready(address: str, timeout: float = 60) -> Client:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await Client.connect(address)
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)


async def run_one(kind: str, count: int, concurrency: int, tern_bin: str) -> dict:
    workdir = tempfile.mkdtemp(prefix=f"bench-{kind}-")
    proc, address = start_server(kind, tern_bin, os.path.join(workdir, "bench.db"))
    try:
        client = await wait_ready(address)
        queue = f"bench-{uuid.uuid4().hex[:8]}"
        cpu_before = cpu_seconds(proc.pid)
        started = time.monotonic()
        async with Worker(client, task_queue=queue, workflows=[OneActivity], activities=[echo],
                          max_concurrent_workflow_tasks=100, max_concurrent_activities=100,
                          workflow_runner=UnsandboxedWorkflowRunner()):
            semaphore = asyncio.Semaphore(concurrency)

            async def one(i: int) -> None:
                async with semaphore:
                    result = await client.execute_workflow(
                        OneActivity.run, f"v{i}", id=f"{queue}-{i}", task_queue=queue)
                    assert result == f"v{i}", result

            await asyncio.gather(*(one(i) for i in range(count)))
            elapsed = time.monotonic() - started
        cpu = cpu_seconds(proc.pid) - cpu_before
        return {"server": kind, "workflows": count, "seconds": elapsed, "per_second": count / elapsed,
                "server_cpu_seconds": cpu, "cpu_ms_per_workflow": 1000 * cpu / count}
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--servers", default="tern,temporal")
    parser.add_argument("--tern-bin", default=str(REPO / ".build-release" / "release" / "tern"))
    args = parser.parse_args()
    results = {}
    for kind in args.servers.split(","):
        r = await run_one(kind, args.count, args.concurrency, args.tern_bin)
        results[kind] = r
        print(f"{kind:9s} {r['workflows']} workflows in {r['seconds']:.1f} s = {r['per_second']:.1f}/s, "
              f"server CPU {r['server_cpu_seconds']:.1f} s ({r['cpu_ms_per_workflow']:.2f} ms/workflow)", flush=True)
    if "tern" in results and "temporal" in results:
        t, r = results["tern"], results["temporal"]
        print(f"ratio tern/temporal: throughput x{t['per_second'] / r['per_second']:.2f}, "
              f"server CPU per workflow x{t['cpu_ms_per_workflow'] / r['cpu_ms_per_workflow']:.3f}")


if __name__ == "__main__":
    asyncio.run(main())
