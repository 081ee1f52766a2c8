#!/usr/bin/env python3
"""Cold start (process start until GetSystemInfo answers) and idle RSS, Tern vs
`temporal server start-dev`, both with a new file SQLite database.

  python3 bench/startup.py [--runs 5] [--tern-bin PATH]
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

import grpc
from temporalio.api.workflowservice.v1 import GetSystemInfoRequest, GetSystemInfoResponse

REPO = pathlib.Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(address: str) -> bool:
    with grpc.insecure_channel(address) as channel:
        call = channel.unary_unary("/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo",
                                   request_serializer=GetSystemInfoRequest.SerializeToString,
                                   response_deserializer=GetSystemInfoResponse.FromString)
        try:
            call(GetSystemInfoRequest(), timeout=1)
            return True
        except grpc.RpcError:
            return False


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants (the temporal CLI is one process)."""
    total = 0
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1])
    return total / 1024


def measure(kind: str, tern_bin: str) -> tuple[float, float]:
    workdir = tempfile.mkdtemp()
    port = free_port()
    db = os.path.join(workdir, "start.db")
    if kind == "tern":
        argv = [tern_bin, "server", "start-dev", "--port", str(port), "--db-filename", db, "--log-level", "error"]
    else:
        argv = [shutil.which("temporal") or "temporal", "server", "start-dev", "--headless", "--port", str(port),
                "--http-port", str(free_port()), "--metrics-port", str(free_port()), "--db-filename", db,
                "--log-level", "error"]
    began = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not answers(f"127.0.0.1:{port}"):
            time.sleep(0.005)
        cold = time.monotonic() - began
        time.sleep(5)
        return cold, rss_mb(proc.pid)
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tern-bin", default=str(REPO / ".build-release" / "release" / "tern"))
    args = parser.parse_args()
    results = {}
    for kind in ("tern", "temporal"):
        samples = [measure(kind, args.tern_bin) for _ in range(args.runs)]
        cold = statistics.median(s[0] for s in samples)
        rss = statistics.median(s[1] for s in samples)
        results[kind] = (cold, rss)
        print(f"{kind:9s} cold start {cold * 1000:.0f} ms (median of {args.runs}), idle RSS {rss:.1f} MB", flush=True)
    (tc, tr), (rc, rr) = results["tern"], results["temporal"]
    print(f"ratio tern/temporal: cold start {tc / rc:.3f}, idle RSS {tr / rr:.3f}")


if __name__ == "__main__":
    main()
