"""`bench/compare --store postgres`: Tern on PostgreSQL next to Tern on SQLite and `temporal server
start-dev`, the same scenarios, one run, same machine.

Every run gets a fresh server; Tern on PostgreSQL gets a fresh database in one cluster (started
here with scripts/postgres-cluster unless --postgres-url names one). The order of the three servers
rotates from one scenario to the next. Besides what bench/compare records for every server, a
PostgreSQL run records:

- PostgreSQL CPU per workflow: user + system time of the postmaster and all its backends
  (`/proc`), the backends that exited during the run included (the postmaster reaps them, so they
  count in its children's times);
- transactions per workflow: `xact_commit + xact_rollback` of the run's database in
  `pg_stat_database`, read after the statistics were flushed.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import uuid
from types import ModuleType
from urllib.parse import urlsplit, urlunsplit

from benchlib import CONCURRENCY_SCALE, REPO, fmt, log, measured_run, ratio

KINDS = ("tern-postgres", "tern", "temporal")
LABELS = {"tern-postgres": "Tern, PostgreSQL", "tern": "Tern, SQLite", "temporal": "Temporal dev server"}


class Cluster:
    def __init__(self, admin_url: str | None, workdir: pathlib.Path):
        if admin_url is None:
            # The cluster runs as the postgres user, who must be able to reach its directory (the
            # work directory is private to us).
            directory = pathlib.Path(tempfile.mkdtemp(prefix="tern-compare-postgres-"))
            directory.chmod(0o755)
            admin_url = subprocess.run([str(REPO / "scripts" / "postgres-cluster"), "start", str(directory), "54333"],
                                       capture_output=True, text=True, check=True).stdout.strip()
            self.directory: pathlib.Path | None = directory
        else:
            self.directory = None
        self.admin_url = admin_url

    def psql(self, sql: str, database_url: str | None = None) -> str:
        return subprocess.run(["psql", database_url or self.admin_url, "-Atq", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              capture_output=True, text=True, check=True).stdout.strip()

    def new_database(self) -> tuple[str, str]:
        name = "bench_" + uuid.uuid4().hex[:12]
        self.psql(f"CREATE DATABASE {name}")
        return name, urlunsplit(urlsplit(self.admin_url)._replace(path="/" + name))

    def drop(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def transactions(self, name: str) -> int:
        return int(self.psql(
            f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{name}'") or 0)

    def postmaster_pid(self) -> int:
        # The checkpointer lives as long as the cluster (psql's own backend is gone once psql
        # returns); its parent is the postmaster.
        pid = self.psql("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")
        return int(pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])

    def cpu_seconds(self) -> float:
        """The postmaster's own and reaped children's times, plus its live children's."""
        postmaster = self.postmaster_pid()
        ticks = 0
        for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if pid == postmaster:
                ticks += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
            elif ppid == postmaster:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.directory is not None:
            subprocess.run([str(REPO / "scripts" / "postgres-cluster"), "stop", str(self.directory)], check=False)
            shutil.rmtree(self.directory, ignore_errors=True)


def postgres_run(cluster: Cluster, bin_dir: pathlib.Path, workdir: pathlib.Path, scenario: str,
                 driver_args: list[str]) -> dict:
    name, url = cluster.new_database()
    try:
        cpu0 = cluster.cpu_seconds()
        result = measured_run("tern", bin_dir, workdir, scenario, driver_args, db_url=url)
        cpu = cluster.cpu_seconds() - cpu0
        time.sleep(1.5)  # backends flush their statistics at most once a second
        done = max(result["workflows"], 1)
        result.update(server="tern-postgres", postgres_cpu_s_per_1000=cpu / done * 1000,
                      transactions_per_wf=cluster.transactions(name) / done)
        return result
    finally:
        cluster.drop(name)


def run(compare: ModuleType, args, bin_dir: pathlib.Path, workdir: pathlib.Path, out: pathlib.Path,
        duration: float) -> None:
    cluster = Cluster(args.postgres_url, workdir)
    version = cluster.psql("SHOW server_version")
    results: dict = {"machine": f"{os.cpu_count()} cores", "postgres": version,
                     "date": time.strftime("%Y-%m-%d %H:%M"), "runs": []}
    try:
        scenarios = [s for s in args.scenarios.split(",") if s]
        for i, scenario in enumerate(scenarios):
            count = 1_000_000 if scenario != "fan-out" else 100_000
            concurrency = max(1, round(args.concurrency * CONCURRENCY_SCALE.get(scenario, 1)))
            driver_args = ["--count", str(count), "--duration", str(duration), "--concurrency", str(concurrency),
                           "--timeout", str(duration + 120)]
            row = {}
            for kind in KINDS[i % 3:] + KINDS[:i % 3]:
                log(f"[{i + 1}/{len(scenarios)}] {scenario} on {LABELS[kind]}…")
                row[kind] = (postgres_run(cluster, bin_dir, workdir, scenario, driver_args) if kind == "tern-postgres"
                             else measured_run(kind, bin_dir, workdir, scenario, driver_args))
            row["ratios"] = {
                "postgres_over_temporal": ratio(row["tern-postgres"]["throughput"], row["temporal"]["throughput"]),
                "postgres_over_sqlite": ratio(row["tern-postgres"]["throughput"], row["tern"]["throughput"]),
            }
            results["runs"].append(row)
    finally:
        cluster.stop()
    text = table(results)
    print(text)
    (out / "compare-postgres.json").write_text(json.dumps(results, indent=2))
    (out / "compare-postgres.md").write_text(text + "\n")
    log(f"results: {out / 'compare-postgres.json'}")
    problems = [f"{r['scenario']} on {kind}: {r['workflows']} completed, errors {r['error_kinds']}, "
                f"first messages {r['error_samples']}; server log {r['log']}"
                for row in results["runs"] for kind, r in row.items() if kind in KINDS
                and (r["workflows"] == 0 or (kind != "temporal" and r["errors"]))]
    compare.finish(problems, workdir)


def table(results: dict) -> str:
    lines = [f"PostgreSQL {results['postgres']}, {results['machine']}, {results['date']}", "",
             "| scenario | server | wf/s | p50 ms | p99 ms | server CPU s/1000 wf | PostgreSQL CPU s/1000 wf | "
             "transactions/wf | errors |", "|" + "---|" * 9]
    for row in results["runs"]:
        for kind in KINDS:
            r = row[kind]
            lines.append(f"| {r['scenario']} | {LABELS[kind]} | {fmt(r['throughput'])} | {fmt(r['p50_ms'])} | "
                         f"{fmt(r['p99_ms'])} | {fmt(r['cpu_s_per_1000'], 2)} | "
                         f"{fmt(r.get('postgres_cpu_s_per_1000'), 2)} | {fmt(r.get('transactions_per_wf'), 2)} | "
                         f"{r['errors']} |")
        q = row["ratios"]
        lines.append(f"| | **PostgreSQL / Temporal** | **{fmt(q['postgres_over_temporal'], 2)}×** | | | | | | |")
        lines.append(f"| | **PostgreSQL / SQLite** | **{fmt(q['postgres_over_sqlite'], 2)}×** | | | | | | |")
    return "\n".join(lines)
