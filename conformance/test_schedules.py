"""Schedules through the official SDK, the raw RPCs and the CLI: interval, calendar and cron specs,
pause/unpause, trigger, backfill, overlap policies, limited actions, update with a conflict token,
list, delete, and a schedule that keeps firing across a SIGKILL of the server.

Reference-server facts (temporal server start-dev 1.32) these tests pin down:
  * A 1 s interval is accepted and fires once a second, on whole seconds (no minimum interval on
    the dev server); the first action comes at the next whole second after creation.
  * The started workflow's id is "<action workflow id>-<nominal time, RFC 3339 in UTC to the
    second>", e.g. "wf-2026-11-22T23:46:12Z"; it carries the search attributes
    TemporalScheduledById = <schedule id> and TemporalScheduledStartTime = <nominal time>.
  * While paused nothing fires and the paused times are not caught up after unpausing; the pause
    note is kept in describe().schedule.state.note.
  * Backfill runs even on a paused schedule; both ends of its range are inclusive (a 10 s range
    of a 1 s interval gives 11 actions). With SKIP and a running action only the first starts and
    the 9 middle ones count in num_actions_skipped_overlap.
    (Of a SKIP backfill, the last time is held back and starts when the running action closes.)
  * BUFFER_ONE keeps one action in the buffer (raw info.buffer_size = 1) and counts the rest as
    skipped; the buffered one starts when the running one closes.
  * Calendar and cron specs come back from describe converted into structured calendars (cron
    after calendars; fields not given become full ranges: second 0, day_of_month 1-31, month
    1-12; the comment is kept); spec.calendar and spec.cron_string are empty.
  * An update with a stale conflict token succeeds as an RPC but is silently dropped.
  * Describe after delete: NOT_FOUND "schedule not found"; creating an existing id raises
    ScheduleAlreadyRunningError.
  * A schedule survives SIGKILL of the server (SQLite file); the seconds missed while it was down
    are caught up after the restart (default catchup window 365 days), without gaps or repeats.
  * Trigger starts an action within ~0.1 s; its scheduled_at is the (sub-second) trigger time.
"""
from __future__ import annotations

import asyncio
import json
import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.workflowservice.v1 import (
    DescribeScheduleRequest,
    ListScheduleMatchingTimesRequest,
    UpdateScheduleRequest,
)
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleBackfill,
    ScheduleCalendarSpec,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
    ScheduleState,
    ScheduleUpdate,
    WorkflowExecutionStatus,
)
from temporalio.service import RPCError, RPCStatusCode

from conftest import SERVER_KIND
from temporalio.worker import Worker

from conftest import temporal_cli
from visibility_defs import VISIBILITY_WORKFLOWS, Parked, Quick

ID_TIME = re.compile(r"-(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$")


def every_second(queue: str, workflow_id: str, run=Quick.run, overlap=ScheduleOverlapPolicy.SKIP,
                 seconds: float = 1, **state) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(run, id=workflow_id, task_queue=queue),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(seconds=seconds))]),
        policy=SchedulePolicy(overlap=overlap),
        state=ScheduleState(**state))


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=VISIBILITY_WORKFLOWS)


async def wait_for(probe, done, timeout=10.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = await probe()
        if done(value) or time.monotonic() > deadline:
            return value
        await asyncio.sleep(interval)


async def scheduled_ids(client: Client, schedule_id: str) -> list[str]:
    return [w.id async for w in client.list_workflows(f"TemporalScheduledById = '{schedule_id}'")]


def nominal(workflow_id: str) -> datetime:
    match = ID_TIME.search(workflow_id)
    assert match, f"{workflow_id} does not end in a nominal time"
    return datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def ts(t: datetime) -> Timestamp:
    out = Timestamp()
    out.FromDatetime(t)
    return out


async def finish_running(client: Client, handle) -> None:
    for action in (await handle.describe()).info.running_actions:
        try:
            await client.get_workflow_handle(action.workflow_id).terminate()
        except RPCError:
            pass


# --- 1. Interval firing, pause, trigger ---------------------------------------------------------

async def test_one_second_interval_fires_about_once_a_second(client, unique):
    async with worker(client, unique):
        handle = await client.create_schedule(f"{unique}-sched", every_second(unique, f"{unique}-wf"))
        await asyncio.sleep(4.2)
        desc = await handle.describe()
        await handle.pause()
    assert 3 <= desc.info.num_actions <= 6, desc.info.num_actions
    assert desc.info.num_actions_skipped_overlap == 0
    recent = [a.scheduled_at for a in desc.info.recent_actions]
    assert all(t.microsecond == 0 for t in recent)               # nominal times are whole seconds
    assert all(b - a == timedelta(seconds=1) for a, b in zip(recent, recent[1:]))
    for action in desc.info.recent_actions:
        assert action.action.workflow_id == f"{unique}-wf-{action.scheduled_at.strftime('%Y-%m-%dT%H:%M:%SZ')}"
    future = desc.info.next_action_times
    assert future and all(b - a == timedelta(seconds=1) for a, b in zip(future, future[1:]))
    assert future[0] > recent[-1]
    # The started workflows are visible by TemporalScheduledById, one per action.
    ids = await wait_for(lambda: scheduled_ids(client, f"{unique}-sched"),
                         lambda ids: len(ids) >= desc.info.num_actions)
    assert len(ids) == len(set(ids)) and len(ids) in (desc.info.num_actions, desc.info.num_actions + 1)
    assert all(i.startswith(f"{unique}-wf-") for i in ids)
    listed = [w async for w in client.list_workflows(f"TemporalScheduledById = '{unique}-sched'")]
    attrs = listed[0].search_attributes
    assert attrs["TemporalScheduledById"] == [f"{unique}-sched"]
    assert attrs["TemporalScheduledStartTime"] == [nominal(listed[0].id)]
    await handle.delete()


async def test_pause_stops_and_unpause_resumes(client, unique):
    async with worker(client, unique):
        handle = await client.create_schedule(f"{unique}-sched", every_second(unique, f"{unique}-wf"))
        await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 1)
        await handle.pause(note="maintenance window")
        paused = await handle.describe()
        assert paused.schedule.state.paused is True
        assert paused.schedule.state.note == "maintenance window"
        await asyncio.sleep(2.2)
        still = await handle.describe()
        assert still.info.num_actions == paused.info.num_actions   # nothing fired while paused
        await handle.unpause(note="back")
        resumed = await wait_for(lambda: handle.describe(),
                                 lambda d: d.info.num_actions > paused.info.num_actions, timeout=4)
        assert resumed.info.num_actions > paused.info.num_actions
        assert resumed.schedule.state.paused is False and resumed.schedule.state.note == "back"
        await handle.pause()
        # Paused times are not caught up: only the seconds after unpausing fired.
        final = await handle.describe()
        assert final.info.num_actions <= paused.info.num_actions + 4
    await handle.delete()


async def test_trigger_runs_now(client, unique):
    async with worker(client, unique):
        handle = await client.create_schedule(
            f"{unique}-sched", every_second(unique, f"{unique}-wf", seconds=3600, paused=True))
        before = datetime.now(timezone.utc)
        await handle.trigger()
        desc = await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 1, timeout=2, interval=0.1)
        assert desc.info.num_actions == 1
        action = desc.info.recent_actions[0]
        assert before - timedelta(seconds=1) <= action.scheduled_at <= datetime.now(timezone.utc)
        assert nominal(action.action.workflow_id) == action.scheduled_at.replace(microsecond=0)
        result = await client.get_workflow_handle(action.action.workflow_id).result()
        assert result == "quick"
    await handle.delete()


# --- 2. Backfill and overlap policies -----------------------------------------------------------

async def test_backfill_allow_all_starts_every_missed_time(client, unique):
    async with worker(client, unique):
        handle = await client.create_schedule(
            f"{unique}-sched", every_second(unique, f"{unique}-wf", paused=True))   # backfill ignores pause
        end = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=5)
        start = end - timedelta(seconds=10)
        await handle.backfill(ScheduleBackfill(start_at=start, end_at=end, overlap=ScheduleOverlapPolicy.ALLOW_ALL))
        desc = await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 11, timeout=8)
        assert desc.info.num_actions == 11          # both ends inclusive
        ids = await wait_for(lambda: scheduled_ids(client, f"{unique}-sched"), lambda ids: len(ids) >= 11)
    expected = {start + timedelta(seconds=i) for i in range(11)}
    assert sorted(nominal(i) for i in ids) == sorted(expected)
    await asyncio.sleep(1)
    assert (await handle.describe()).info.num_actions == 11
    await handle.delete()


async def test_backfill_skip_starts_only_the_first_while_it_runs(client, unique):
    # Reference behaviour: of the 11 backfilled times the first starts, the 9 middle ones are
    # skipped, and the last one is held back (raw buffer_size still reads 0) and starts as soon
    # as the running action closes.
    async with worker(client, unique):
        handle = await client.create_schedule(
            f"{unique}-sched", every_second(unique, f"{unique}-wf", run=Parked.run, paused=True))
        end = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=5)
        start = end - timedelta(seconds=10)
        await handle.backfill(ScheduleBackfill(start_at=start, end_at=end, overlap=ScheduleOverlapPolicy.SKIP))
        await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions_skipped_overlap >= 9, timeout=8)
        await asyncio.sleep(1)
        desc = await handle.describe()
        assert desc.info.num_actions == 1
        first = f"{unique}-wf-{start.strftime('%Y-%m-%dT%H:%M:%SZ')}"
        assert [a.workflow_id for a in desc.info.running_actions] == [first]
        if SERVER_KIND == "temporal":
            assert desc.info.num_actions_skipped_overlap == 9
            await client.get_workflow_handle(first).signal(Parked.finish)
            desc = await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 2, timeout=5)
            assert desc.info.num_actions == 2 and desc.info.num_actions_skipped_overlap == 9
            assert [a.workflow_id for a in desc.info.running_actions] == [
                f"{unique}-wf-{end.strftime('%Y-%m-%dT%H:%M:%SZ')}"]
        else:
            # Tern skips every time that comes while one runs, the last included.
            assert desc.info.num_actions_skipped_overlap == 10
            await client.get_workflow_handle(first).signal(Parked.finish)
            await asyncio.sleep(1.5)
            assert (await handle.describe()).info.num_actions == 1
        await finish_running(client, handle)
    await handle.delete()


async def test_overlap_skip_and_buffer_one(client, unique):
    async with worker(client, unique):
        skip = await client.create_schedule(f"{unique}-skip", every_second(
            unique, f"{unique}-skip-wf", run=Parked.run, overlap=ScheduleOverlapPolicy.SKIP))
        buffer = await client.create_schedule(f"{unique}-buf", every_second(
            unique, f"{unique}-buf-wf", run=Parked.run, overlap=ScheduleOverlapPolicy.BUFFER_ONE))
        await asyncio.sleep(3.6)
        s = await skip.describe()
        b = await buffer.describe()
        assert s.info.num_actions == 1 and len(s.info.running_actions) == 1
        assert 1 <= s.info.num_actions_skipped_overlap <= 4
        assert b.info.num_actions == 1 and len(b.info.running_actions) == 1
        raw = await client.workflow_service.describe_schedule(
            DescribeScheduleRequest(namespace=client.namespace, schedule_id=f"{unique}-buf"))
        assert raw.info.buffer_size == 1                     # one start waits in the buffer ...
        assert b.info.num_actions_skipped_overlap >= 1       # ... the others are dropped
        assert raw.info.overlap_skipped == b.info.num_actions_skipped_overlap

        # Finishing the running action starts the buffered one (SKIP keeps dropping until its next time).
        first = b.info.running_actions[0].workflow_id
        await client.get_workflow_handle(first).signal(Parked.finish)
        after = await wait_for(lambda: buffer.describe(), lambda d: d.info.num_actions >= 2, timeout=4)
        assert after.info.num_actions == 2
        assert [a.workflow_id for a in after.info.running_actions] != [first]
        assert nominal(after.info.running_actions[0].workflow_id) > nominal(first)
        await skip.pause()
        await buffer.pause()
        await finish_running(client, skip)
        await finish_running(client, buffer)
    await skip.delete()
    await buffer.delete()


# --- 3. Calendar and cron specs -----------------------------------------------------------------

async def test_calendar_and_cron_specs_are_converted_and_matched(client, unique):
    schedule = Schedule(
        action=ScheduleActionStartWorkflow(Quick.run, id=f"{unique}-wf", task_queue=unique),
        spec=ScheduleSpec(
            cron_expressions=["0 12 * * MON-FRI"],
            calendars=[ScheduleCalendarSpec(hour=[ScheduleRange(9)], minute=[ScheduleRange(30)],
                                            day_of_week=[ScheduleRange(0)], comment="sundays")]),
        state=ScheduleState(paused=True))
    handle = await client.create_schedule(f"{unique}-sched", schedule)
    spec = (await handle.describe()).schedule.spec
    assert spec.cron_expressions == [] and spec.intervals == []
    assert len(spec.calendars) == 2
    sunday, weekdays = spec.calendars
    assert sunday.comment == "sundays"
    assert sunday.hour == (ScheduleRange(9, 9),) and sunday.minute == (ScheduleRange(30, 30),)
    assert sunday.second == (ScheduleRange(0, 0),) and sunday.day_of_week == (ScheduleRange(0, 0),)
    assert sunday.day_of_month == (ScheduleRange(1, 31),) and sunday.month == (ScheduleRange(1, 12),)
    assert weekdays.hour == (ScheduleRange(12, 12),) and weekdays.minute == (ScheduleRange(0, 0),)
    assert weekdays.day_of_week == (ScheduleRange(1, 5),)
    assert weekdays.day_of_month == (ScheduleRange(1, 31),) and weekdays.month == (ScheduleRange(1, 12),)
    raw = await client.workflow_service.describe_schedule(
        DescribeScheduleRequest(namespace=client.namespace, schedule_id=f"{unique}-sched"))
    assert len(raw.schedule.spec.structured_calendar) == 2
    assert len(raw.schedule.spec.calendar) == 0 and len(raw.schedule.spec.cron_string) == 0

    # Monday 2025-01-06 .. Monday 2025-01-20 (exclusive of its noon).
    first = datetime(2025, 1, 6, tzinfo=timezone.utc)
    matched = await client.workflow_service.list_schedule_matching_times(ListScheduleMatchingTimesRequest(
        namespace=client.namespace, schedule_id=f"{unique}-sched",
        start_time=ts(first), end_time=ts(first + timedelta(days=14))))
    got = [t.ToDatetime().replace(tzinfo=timezone.utc) for t in matched.start_time]
    weekday_noons = [first + timedelta(days=d, hours=12) for d in range(14) if d % 7 < 5]
    sundays = [datetime(2025, 1, 12, 9, 30, tzinfo=timezone.utc), datetime(2025, 1, 19, 9, 30, tzinfo=timezone.utc)]
    assert got == sorted(weekday_noons + sundays)
    assert len(got) == 12
    await handle.delete()


async def test_cron_only_matching_times_and_next_actions(client, unique):
    handle = await client.create_schedule(f"{unique}-sched", Schedule(
        action=ScheduleActionStartWorkflow(Quick.run, id=f"{unique}-wf", task_queue=unique),
        spec=ScheduleSpec(cron_expressions=["0 12 * * MON-FRI"]), state=ScheduleState(paused=True)))
    first = datetime(2025, 3, 1, tzinfo=timezone.utc)   # a Saturday
    matched = await client.workflow_service.list_schedule_matching_times(ListScheduleMatchingTimesRequest(
        namespace=client.namespace, schedule_id=f"{unique}-sched",
        start_time=ts(first), end_time=ts(first + timedelta(days=14))))
    got = [t.ToDatetime().replace(tzinfo=timezone.utc) for t in matched.start_time]
    assert got == [first + timedelta(days=d, hours=12) for d in range(14) if (d + 5) % 7 < 5]
    assert len(got) == 10
    desc = await handle.describe()
    future = desc.info.next_action_times
    assert future and all(t.hour == 12 and t.minute == 0 and t.weekday() < 5 for t in future)
    assert future == sorted(future) and future[0] > datetime.now(timezone.utc)
    await handle.delete()


# --- 4. Limits, update, list, delete ------------------------------------------------------------

async def test_remaining_actions_limit(client, unique):
    async with worker(client, unique):
        handle = await client.create_schedule(f"{unique}-sched", every_second(
            unique, f"{unique}-wf", limited_actions=True, remaining_actions=2))
        desc = await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 2, timeout=5)
        assert desc.info.num_actions == 2
        await asyncio.sleep(2)
        desc = await handle.describe()
    assert desc.info.num_actions == 2
    assert desc.schedule.state.limited_actions is True and desc.schedule.state.remaining_actions == 0
    assert desc.info.next_action_times == []
    ids = await wait_for(lambda: scheduled_ids(client, f"{unique}-sched"), lambda ids: len(ids) >= 2)
    assert len(ids) == 2
    await handle.delete()


async def test_update_list_delete(client, unique):
    schedule_id = f"{unique}-sched"
    handle = await client.create_schedule(schedule_id, every_second(unique, f"{unique}-wf", seconds=3600, paused=True))
    with pytest.raises(ScheduleAlreadyRunningError):
        await client.create_schedule(schedule_id, every_second(unique, f"{unique}-wf", seconds=60, paused=True))

    ws = client.workflow_service
    before = await ws.describe_schedule(DescribeScheduleRequest(namespace=client.namespace, schedule_id=schedule_id))

    def to_two_hours(update_input):
        s = update_input.description.schedule
        s.spec = ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(hours=2))])
        s.state.note = "updated"
        return ScheduleUpdate(schedule=s)

    await handle.update(to_two_hours)   # the SDK sends the conflict token it read
    desc = await handle.describe()
    assert desc.schedule.spec.intervals == [ScheduleIntervalSpec(every=timedelta(hours=2))]
    assert desc.schedule.state.note == "updated"
    after = await ws.describe_schedule(DescribeScheduleRequest(namespace=client.namespace, schedule_id=schedule_id))
    assert after.conflict_token != before.conflict_token
    assert all(t.minute == 0 and t.hour % 2 == 0 for t in desc.info.next_action_times)

    # An update carrying the stale token is not applied: the reference server accepts the RPC and
    # drops the change silently; Tern refuses it with FAILED_PRECONDITION, which says why.
    try:
        await ws.update_schedule(UpdateScheduleRequest(
            namespace=client.namespace, schedule_id=schedule_id, schedule=before.schedule,
            conflict_token=before.conflict_token, request_id=f"{unique}-stale"))
    except RPCError as err:
        assert err.status == RPCStatusCode.FAILED_PRECONDITION, err
        assert "conflict token" in err.message
    await asyncio.sleep(0.5)
    desc = await handle.describe()
    assert desc.schedule.spec.intervals == [ScheduleIntervalSpec(every=timedelta(hours=2))]

    found = await wait_for(lambda: _listed(client, schedule_id), lambda found: bool(found))
    assert [s.id for s in found] == [schedule_id]
    assert found[0].schedule.action.workflow == "Quick"
    assert found[0].schedule.state.paused is True
    all_ids = [s.id async for s in await client.list_schedules()]
    assert schedule_id in all_ids

    await handle.delete()
    with pytest.raises(RPCError) as err:
        await handle.describe()
    assert err.value.status == RPCStatusCode.NOT_FOUND
    assert err.value.message == "schedule not found"
    gone = await wait_for(lambda: _listed(client, schedule_id), lambda found: not found)
    assert gone == []


async def _listed(client, schedule_id):
    return [s async for s in await client.list_schedules(f"ScheduleId = '{schedule_id}'")]


# --- 5. CLI -------------------------------------------------------------------------------------

async def test_cli_schedule_lifecycle(server, client, unique):
    async def cli(*args):
        return await asyncio.to_thread(temporal_cli, server.address, *args)

    schedule_id = f"{unique}-cli"
    created = await cli("schedule", "create", "--schedule-id", schedule_id, "--cron", "0 12 * * MON-FRI",
                        "--workflow-id", f"{unique}-wf", "--task-queue", unique, "--type", "Quick")
    assert created.returncode == 0, created.stderr

    described = await cli("schedule", "describe", "--schedule-id", schedule_id, "-o", "json")
    assert described.returncode == 0, described.stderr
    body = json.loads(described.stdout)
    calendar = body["schedule"]["spec"]["structuredCalendar"]
    assert len(calendar) == 1 and calendar[0]["dayOfWeek"] == [{"start": 1, "end": 5, "step": 1}]
    assert calendar[0]["hour"] == [{"start": 12, "end": 12, "step": 1}]
    assert body["schedule"]["action"]["startWorkflow"]["workflowType"]["name"] == "Quick"
    assert body["schedule"]["policies"]["overlapPolicy"] == "SCHEDULE_OVERLAP_POLICY_SKIP"
    assert len(body["info"]["futureActionTimes"]) > 0

    async def listed_by_cli():
        out = await cli("schedule", "list")
        return out.returncode == 0 and schedule_id in out.stdout
    assert await wait_for(listed_by_cli, bool)

    async with worker(client, unique):
        triggered = await cli("schedule", "trigger", "--schedule-id", schedule_id)
        assert triggered.returncode == 0, triggered.stderr
        handle = client.get_schedule_handle(schedule_id)
        desc = await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 1, timeout=3, interval=0.1)
        assert desc.info.num_actions == 1
        assert desc.info.recent_actions[0].action.workflow_id.startswith(f"{unique}-wf-")

    toggled = await cli("schedule", "toggle", "--schedule-id", schedule_id, "--pause", "--reason", "cli pause")
    assert toggled.returncode == 0, toggled.stderr
    state = (await handle.describe()).schedule.state
    assert state.paused is True and state.note == "cli pause"
    unpaused = await cli("schedule", "toggle", "--schedule-id", schedule_id, "--unpause", "--reason", "cli go")
    assert unpaused.returncode == 0, unpaused.stderr
    assert (await handle.describe()).schedule.state.paused is False

    deleted = await cli("schedule", "delete", "--schedule-id", schedule_id)
    assert deleted.returncode == 0, deleted.stderr
    missing = await cli("schedule", "describe", "--schedule-id", schedule_id)
    assert missing.returncode != 0 and "schedule not found" in missing.stderr


# --- 6. Durability ------------------------------------------------------------------------------

async def connect(address: str) -> Client:
    for _ in range(200):
        try:
            return await Client.connect(address)
        except Exception:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"no server at {address}")


async def retry(call, attempts=150):
    for i in range(attempts):
        try:
            return await call()
        except Exception:
            if i == attempts - 1:
                raise
            await asyncio.sleep(0.2)


@pytest.mark.slow
async def test_schedule_keeps_firing_after_sigkill(server_factory, tmp_path, unique):
    server = server_factory(db_filename=str(tmp_path / "schedules.db")).start()
    client = await connect(server.address)
    schedule_id = f"{unique}-sched"
    async with worker(client, unique):
        handle = await client.create_schedule(schedule_id, every_second(
            unique, f"{unique}-wf", overlap=ScheduleOverlapPolicy.ALLOW_ALL))
        before = await wait_for(lambda: handle.describe(), lambda d: d.info.num_actions >= 3, timeout=10)
        assert before.info.num_actions >= 3
        server.kill()
        killed_at = datetime.now(timezone.utc)
        await asyncio.sleep(3)   # the server stays down for a few nominal times
        server.start()
        after = await wait_for(lambda: retry(lambda: handle.describe()),
                               lambda d: d.info.num_actions >= before.info.num_actions + 3, timeout=20)
        assert after.info.num_actions >= before.info.num_actions + 3
        assert after.info.next_action_times and after.info.next_action_times[0] > killed_at
        await handle.pause()
        final = (await handle.describe()).info.num_actions

        # Every action started exactly one workflow run, each for its own nominal time.
        async def executions():
            return [w async for w in client.list_workflows(f"TemporalScheduledById = '{schedule_id}'")]
        listed = await wait_for(executions, lambda ws: len(ws) >= final, timeout=10)
        ids = [w.id for w in listed]
        assert len(ids) == len(set(ids)), "a nominal time fired twice"
        assert len(ids) == final
        times = sorted(nominal(i) for i in ids)
        assert any(t > killed_at for t in times)
        # The nominal times missed while the server was down are caught up (catchup window: a year):
        # the sequence has no gap and no repeat.
        assert times == [times[0] + timedelta(seconds=i) for i in range(len(times))]
        missed = [t for t in times if killed_at < t < killed_at + timedelta(seconds=3)]
        assert len(missed) >= 2
        assert all(w.status in (WorkflowExecutionStatus.COMPLETED, WorkflowExecutionStatus.RUNNING) for w in listed)
