"""Visibility: list/count/scan queries over system and custom search attributes of every type,
GROUP BY ExecutionStatus, paging, memo round trips, the legacy open/closed list RPCs, the CLI's
`workflow list` / `workflow count`, and the errors bad queries and bad upserts give.

The queried data set lives on a private server for this module (custom search attributes are
per namespace, and the session server is shared): six workflows on one task queue, started with
typed search attributes or upserting them from inside the workflow, half of them still running.
Visibility is eventually consistent on the reference server, so every check polls (up to ~10 s).

Reference-server facts (temporal server start-dev 1.32, SQLite visibility) these tests pin down:
  * ORDER BY is rejected: INVALID_ARGUMENT "invalid query: operation is not supported: 'ORDER BY'
    clause". The default order is: running executions first, then closed ones by close time,
    newest first (start time descending among running ones).
  * GROUP BY accepts only ExecutionStatus; each group value is a Payload with metadata
    {encoding: json/plain, type: Keyword} and data '"Running"' / '"Completed"'.
  * Unknown attribute: INVALID_ARGUMENT "invalid query: invalid search attribute: <Name>".
  * Type mismatch: INVALID_ARGUMENT 'invalid query: invalid expression: invalid value type for
    search attribute VisInt of type Int: "1" (type: string)'.
  * Malformed SQL: INVALID_ARGUMENT "invalid query: malformed SQL query: syntax error at position N".
  * Datetimes must be RFC 3339: "invalid query: invalid expression: unable to parse datetime '2024-03-01'".
  * Keyword `!=` and `NOT IN` exclude executions without the attribute.
  * Datetime equality never matches on the SQLite store (stored and queried values are compared as
    differently formatted strings), so no test compares a datetime for exact equality.
  * Upserting a string into an Int attribute fails the workflow task with cause
    BAD_SEARCH_ATTRIBUTES and message "BadSearchAttributes: invalid value for search attribute
    VisInt of type Int: [not a number]"; the workflow stays running and retries the task.
  * GetSearchAttributes lists the system attributes and, for custom ones, the SQL store's column
    names (Keyword01, Int01, ...), not the registered aliases, so only system ones are checked.
"""
from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest
from temporalio.api.common.v1 import WorkflowType
from temporalio.api.enums.v1 import EventType, IndexedValueType, WorkflowExecutionStatus as RawStatus
from temporalio.api.enums.v1 import WorkflowTaskFailedCause
from temporalio.api.filter.v1 import StartTimeFilter, WorkflowExecutionFilter, WorkflowTypeFilter
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import (
    CountWorkflowExecutionsRequest,
    GetSearchAttributesRequest,
    ListClosedWorkflowExecutionsRequest,
    ListOpenWorkflowExecutionsRequest,
    ListWorkflowExecutionsRequest,
    ScanWorkflowExecutionsRequest,
    StartWorkflowExecutionRequest,
)
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import SearchAttributePair, TypedSearchAttributes
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from conftest import SERVER_KIND

from conftest import ServerProcess, temporal_cli
from visibility_defs import (
    BOOL,
    DOUBLE,
    DT,
    INT,
    KW,
    KWL,
    TEXT,
    VISIBILITY_WORKFLOWS,
    BadUpserter,
    Parked,
    Quick,
    Upserter,
)

IVT = IndexedValueType
ATTRIBUTES = {
    "VisKeyword": IVT.INDEXED_VALUE_TYPE_KEYWORD,
    "VisText": IVT.INDEXED_VALUE_TYPE_TEXT,
    "VisInt": IVT.INDEXED_VALUE_TYPE_INT,
    "VisDouble": IVT.INDEXED_VALUE_TYPE_DOUBLE,
    "VisBool": IVT.INDEXED_VALUE_TYPE_BOOL,
    "VisDatetime": IVT.INDEXED_VALUE_TYPE_DATETIME,
    "VisKeywordList": IVT.INDEXED_VALUE_TYPE_KEYWORD_LIST,
}
RUNNING = {"alpha", "alphabet", "bare"}
COMPLETED = {"beta", "gamma", "upserted"}
EVERYONE = RUNNING | COMPLETED


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def rfc3339(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


@dataclass
class DataSet:
    server: ServerProcess
    queue: str
    started_from: datetime = utc(2000, 1, 1)   # before the first start
    middle: datetime = utc(2000, 1, 1)         # after "gamma" started, before "bare"
    done: datetime = utc(2000, 1, 1)           # after everything closed
    names: dict[str, str] = field(default_factory=dict)   # workflow id -> short name

    def wid(self, name: str) -> str:
        return f"{self.queue}-{name}"


async def eventually(probe, expected, timeout: float = 10.0):
    """Polls `probe()` until it returns `expected` (visibility is eventually consistent)."""
    deadline = time.monotonic() + timeout
    while True:
        got = await probe()
        if got == expected or time.monotonic() > deadline:
            return got
        await asyncio.sleep(0.2)


async def seed(data: DataSet) -> None:
    client = await Client.connect(data.server.address)
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(namespace="default", search_attributes=ATTRIBUTES))
    q = data.queue
    typed = {
        "alpha": [SearchAttributePair(KW, "alpha"), SearchAttributePair(TEXT, "the quick brown fox"),
                  SearchAttributePair(INT, 1), SearchAttributePair(DOUBLE, 1.5), SearchAttributePair(BOOL, True),
                  SearchAttributePair(DT, utc(2024, 1, 1)), SearchAttributePair(KWL, ["red", "green"])],
        "beta": [SearchAttributePair(KW, "beta"), SearchAttributePair(TEXT, "lazy dog"),
                 SearchAttributePair(INT, 2), SearchAttributePair(DOUBLE, 2.5), SearchAttributePair(BOOL, False),
                 SearchAttributePair(DT, utc(2024, 2, 1)), SearchAttributePair(KWL, ["blue"])],
        "alphabet": [SearchAttributePair(KW, "alphabet"), SearchAttributePair(INT, 3), SearchAttributePair(DOUBLE, 3.5),
                     SearchAttributePair(BOOL, True), SearchAttributePair(DT, utc(2024, 3, 1)),
                     SearchAttributePair(KWL, ["red", "blue"])],
        "gamma": [SearchAttributePair(KW, "gamma"), SearchAttributePair(INT, 4)],
    }
    kinds = {"alpha": Parked.run, "beta": Quick.run, "alphabet": Parked.run, "gamma": Quick.run}
    data.started_from = datetime.now(timezone.utc) - timedelta(seconds=1)
    async with Worker(client, task_queue=q, workflows=VISIBILITY_WORKFLOWS):
        for name, attrs in typed.items():
            await client.start_workflow(kinds[name], id=data.wid(name), task_queue=q,
                                        search_attributes=TypedSearchAttributes(attrs),
                                        memo={"owner": name, "n": len(name)})
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.3)
        data.middle = datetime.now(timezone.utc)
        await asyncio.sleep(0.3)
        await client.start_workflow(Parked.run, id=data.wid("bare"), task_queue=q)
        await asyncio.sleep(0.02)
        await client.execute_workflow(Upserter.run, id=data.wid("upserted"), task_queue=q)
        for name in ("beta", "gamma"):
            await client.get_workflow_handle(data.wid(name)).result()
    data.done = datetime.now(timezone.utc) + timedelta(seconds=1)
    data.names = {data.wid(n): n for n in EVERYONE}
    # Wait until visibility has caught up with the final state.
    got = await eventually(lambda: names_of(client, data, "ExecutionStatus = 'Completed'"), COMPLETED, 15)
    assert got == COMPLETED, got


@pytest.fixture(scope="module")
def data() -> Iterator[DataSet]:
    """A private server holding the queried workflows (module scoped: seeded once)."""
    server = ServerProcess().start()
    try:
        ds = DataSet(server=server, queue=f"vis-{uuid.uuid4().hex[:8]}")
        asyncio.run(seed(ds))
        yield ds
    finally:
        server.stop()


@pytest.fixture
async def vclient(data) -> Client:
    return await Client.connect(data.server.address)


async def names_of(client: Client, data: DataSet, condition: str) -> set[str]:
    query = f"TaskQueue = '{data.queue}' AND ({condition})"
    return {data.names.get(w.id, w.id) async for w in client.list_workflows(query)}


# --- 1. Every operator over every type ----------------------------------------------------------

QUERIES = [
    # Keyword
    ("VisKeyword = 'alpha'", {"alpha"}),
    ("VisKeyword != 'alpha'", {"beta", "alphabet", "gamma", "upserted"}),   # NULL excluded
    ("VisKeyword IN ('alpha', 'gamma', 'nobody')", {"alpha", "gamma"}),
    ("VisKeyword NOT IN ('alpha', 'beta')", {"alphabet", "gamma", "upserted"}),
    ("VisKeyword STARTS_WITH 'alpha'", {"alpha", "alphabet"}),
    ("VisKeyword IS NULL", {"bare"}),
    ("VisKeyword IS NOT NULL", EVERYONE - {"bare"}),
    ("VisKeyword > 'beta'", {"gamma", "upserted"}),
    ("`VisKeyword` = 'alpha'", {"alpha"}),
    # Int
    ("VisInt = 2", {"beta"}),
    ("VisInt != 2", {"alpha", "alphabet", "gamma", "upserted"}),
    ("VisInt > 2", {"alphabet", "gamma", "upserted"}),
    ("VisInt >= 2", {"beta", "alphabet", "gamma", "upserted"}),
    ("VisInt < 3", {"alpha", "beta"}),
    ("VisInt <= 3", {"alpha", "beta", "alphabet"}),
    ("VisInt IN (1, 4, 99)", {"alpha", "gamma"}),
    ("VisInt NOT IN (1, 2)", {"alphabet", "gamma", "upserted"}),
    ("VisInt BETWEEN 2 AND 4", {"beta", "alphabet", "gamma"}),
    ("VisInt NOT BETWEEN 2 AND 4", {"alpha", "upserted"}),
    ("`VisInt` >= 10", {"upserted"}),
    # Double
    ("VisDouble = 1.5", {"alpha"}),
    ("VisDouble > 2.0", {"beta", "alphabet", "upserted"}),
    ("VisDouble <= 2.5", {"alpha", "beta"}),
    ("VisDouble BETWEEN 2 AND 4", {"beta", "alphabet"}),
    ("VisDouble IS NULL", {"gamma", "bare"}),
    # Bool
    ("VisBool = true", {"alpha", "alphabet"}),
    ("VisBool = false", {"beta", "upserted"}),
    ("VisBool IS NOT NULL", {"alpha", "beta", "alphabet", "upserted"}),
    # Datetime (RFC 3339, any offset). No case compares a stored value for exact equality: the
    # reference server's SQLite store compares datetimes as strings in different formats, so there
    # `VisDatetime = '2024-02-01T00:00:00Z'` (and `<=` that value) match nothing.
    ("VisDatetime >= '2024-02-01T00:00:00Z'", {"beta", "alphabet", "upserted"}),
    ("VisDatetime < '2024-02-01T01:00:00+01:00'", {"alpha"}),
    ("VisDatetime BETWEEN '2024-01-15T00:00:00Z' AND '2024-03-01T00:00:01Z'", {"beta", "alphabet"}),
    ("VisDatetime NOT BETWEEN '2024-01-15T00:00:00Z' AND '2024-03-01T00:00:01Z'", {"alpha", "upserted"}),
    ("VisDatetime > '2024-01-31T23:59:59.5-00:30'", {"alphabet", "upserted"}),
    ("VisDatetime IS NULL", {"gamma", "bare"}),
    # KeywordList: `=` and IN match any element
    ("VisKeywordList = 'red'", {"alpha", "alphabet"}),
    ("VisKeywordList = 'blue'", {"beta", "alphabet"}),
    ("VisKeywordList IN ('green', 'y')", {"alpha", "upserted"}),
    ("VisKeywordList IS NULL", {"gamma", "bare"}),
    # Text: full-text token match
    ("VisText = 'fox'", {"alpha"}),
    ("VisText = 'later'", {"upserted"}),
    ("VisText IS NOT NULL", {"alpha", "beta", "upserted"}),
    # Boolean logic and parentheses
    ("(VisInt = 1 OR VisInt = 4) AND NOT (VisKeyword = 'gamma')", {"alpha"}),
    ("VisKeyword = 'alpha' OR (VisBool = false AND VisInt > 5)", {"alpha", "upserted"}),
    ("NOT (VisKeyword STARTS_WITH 'alpha') AND VisInt IS NOT NULL", {"beta", "gamma", "upserted"}),
    ("(VisBool = true AND VisInt > 1) OR (VisBool = false AND VisInt < 5)", {"alphabet", "beta"}),
    # System attributes
    ("ExecutionStatus = 'Running'", RUNNING),
    ("ExecutionStatus = 'Completed'", COMPLETED),
    ("ExecutionStatus != 'Running'", COMPLETED),
    ("WorkflowType = 'Parked'", {"alpha", "alphabet", "bare"}),
    ("WorkflowType IN ('Quick', 'Upserter')", {"beta", "gamma", "upserted"}),
    ("CloseTime IS NULL", RUNNING),
    ("CloseTime IS NOT NULL", COMPLETED),
]


@pytest.mark.parametrize("condition,expected", QUERIES, ids=[q for q, _ in QUERIES])
async def test_query_operators(vclient, data, condition, expected):
    got = await eventually(lambda: names_of(vclient, data, condition), expected)
    assert got == expected


async def test_workflow_id_and_time_ranges(vclient, data):
    cases = [
        (f"WorkflowId = '{data.wid('alpha')}'", {"alpha"}),
        (f"WorkflowId STARTS_WITH '{data.wid('alpha')}'", {"alpha", "alphabet"}),
        (f"WorkflowId IN ('{data.wid('beta')}', '{data.wid('bare')}')", {"beta", "bare"}),
        (f"StartTime >= '{rfc3339(data.started_from)}'", EVERYONE),
        (f"StartTime < '{rfc3339(data.middle)}'", {"alpha", "beta", "alphabet", "gamma"}),
        (f"StartTime BETWEEN '{rfc3339(data.middle)}' AND '{rfc3339(data.done)}'", {"bare", "upserted"}),
        (f"StartTime > '{rfc3339(data.done)}'", set()),
        (f"CloseTime BETWEEN '{rfc3339(data.started_from)}' AND '{rfc3339(data.done)}'", COMPLETED),
        (f"CloseTime > '{rfc3339(data.done)}'", set()),
        (f"ExecutionTime >= '{rfc3339(data.started_from)}'", EVERYONE),
    ]
    for condition, expected in cases:
        assert await eventually(lambda: names_of(vclient, data, condition), expected) == expected, condition
    # TaskQueue alone (and nothing from another queue).
    assert {w.id async for w in vclient.list_workflows(f"TaskQueue = '{data.queue}'")} == set(data.names)
    assert [w async for w in vclient.list_workflows(f"TaskQueue = '{data.queue}-other'")] == []


async def test_list_results_carry_typed_attributes_and_upserts(vclient, data):
    listed = {data.names[w.id]: w async for w in vclient.list_workflows(f"TaskQueue = '{data.queue}'")}
    alpha = listed["alpha"].typed_search_attributes
    assert alpha.get(KW) == "alpha" and alpha.get(INT) == 1 and alpha.get(DOUBLE) == 1.5
    assert alpha.get(BOOL) is True and alpha.get(DT) == utc(2024, 1, 1)
    assert list(alpha.get(KWL)) == ["red", "green"] and alpha.get(TEXT) == "the quick brown fox"
    assert listed["alpha"].workflow_type == "Parked" and listed["alpha"].task_queue == data.queue
    assert listed["alpha"].status == WorkflowExecutionStatus.RUNNING and listed["alpha"].close_time is None
    assert listed["beta"].status == WorkflowExecutionStatus.COMPLETED and listed["beta"].close_time is not None
    # Values upserted from inside the workflow are indexed and shown like start-time ones.
    up = listed["upserted"].typed_search_attributes
    assert up.get(KW) == "upserted" and up.get(INT) == 10 and up.get(DOUBLE) == 10.5 and up.get(BOOL) is False
    assert up.get(DT) == utc(2024, 6, 1) and list(up.get(KWL)) == ["x", "y"] and up.get(TEXT) == "inserted later"
    described = (await vclient.get_workflow_handle(data.wid("upserted")).describe()).typed_search_attributes
    assert described.get(KW) == "upserted" and described.get(INT) == 10
    assert KW not in listed["bare"].typed_search_attributes


async def test_memo_round_trip(vclient, data):
    handle = vclient.get_workflow_handle(data.wid("alpha"))
    assert await (await handle.describe()).memo() == {"owner": "alpha", "n": 5}
    listed = [w async for w in vclient.list_workflows(f"WorkflowId = '{data.wid('alpha')}'")]
    assert len(listed) == 1 and await listed[0].memo() == {"owner": "alpha", "n": 5}
    # A workflow started without a memo lists an empty one.
    bare = [w async for w in vclient.list_workflows(f"WorkflowId = '{data.wid('bare')}'")]
    assert len(bare) == 1 and await bare[0].memo() == {}


async def test_order_by_and_default_order_is_newest_first(vclient, data):
    if SERVER_KIND == "temporal":
        # The reference server's SQL visibility rejects ORDER BY (Elasticsearch would accept it);
        # Tern's SQLite visibility supports it.
        for query in (f"TaskQueue = '{data.queue}' ORDER BY VisInt DESC", "ORDER BY StartTime ASC"):
            with pytest.raises(RPCError) as err:
                [w async for w in vclient.list_workflows(query)]
            assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
            assert "ORDER BY" in err.value.message
    else:
        ordered = [w async for w in vclient.list_workflows(f"TaskQueue = '{data.queue}' AND VisInt IS NOT NULL ORDER BY VisInt DESC")]
        values = [w.typed_search_attributes.get(INT) for w in ordered]
        assert values == sorted(values, reverse=True) and len(values) >= 4
        oldest_first = [w async for w in vclient.list_workflows(f"TaskQueue = '{data.queue}' ORDER BY StartTime ASC")]
        assert [w.start_time for w in oldest_first] == sorted(w.start_time for w in oldest_first)
    # Default order: running executions first (newest start first), then closed ones by close time, newest first.
    listed = [w async for w in vclient.list_workflows(f"TaskQueue = '{data.queue}'")]
    running = [w for w in listed if w.close_time is None]
    closed = [w for w in listed if w.close_time is not None]
    assert listed == running + closed
    assert [data.names[w.id] for w in running] == ["bare", "alphabet", "alpha"]
    assert [w.start_time for w in running] == sorted((w.start_time for w in running), reverse=True)
    assert [w.close_time for w in closed] == sorted((w.close_time for w in closed), reverse=True)
    assert {data.names[w.id] for w in closed} == COMPLETED


# --- 2. Count and GROUP BY ----------------------------------------------------------------------

async def test_count_and_group_by_execution_status(vclient, data):
    base = f"TaskQueue = '{data.queue}'"
    assert (await vclient.count_workflows(base)).count == 6
    assert (await vclient.count_workflows(f"{base} AND VisInt >= 2")).count == 4
    assert (await vclient.count_workflows(f"{base} AND ExecutionStatus = 'Running'")).count == 3

    sdk = await vclient.count_workflows(f"{base} GROUP BY ExecutionStatus")
    assert sdk.count == 6
    assert sorted((list(g.group_values), g.count) for g in sdk.groups) == [(["Completed"], 3), (["Running"], 3)]

    raw = await vclient.workflow_service.count_workflow_executions(CountWorkflowExecutionsRequest(
        namespace="default", query=f"{base} AND VisInt > 1 GROUP BY ExecutionStatus"))
    assert raw.count == 4
    groups = {}
    for g in raw.groups:
        assert len(g.group_values) == 1
        payload = g.group_values[0]
        # The group value is a JSON-encoded Keyword payload: data b'"Running"'.
        assert payload.metadata["encoding"] == b"json/plain"
        assert payload.metadata["type"] == b"Keyword"
        groups[json.loads(payload.data)] = g.count
    assert groups == {"Running": 1, "Completed": 3}


async def test_raw_count_list_and_scan(vclient, data):
    ws = vclient.workflow_service
    query = f"TaskQueue = '{data.queue}' AND VisKeyword STARTS_WITH 'alpha'"
    count = await ws.count_workflow_executions(CountWorkflowExecutionsRequest(namespace="default", query=query))
    assert count.count == 2 and len(count.groups) == 0
    listed = await ws.list_workflow_executions(ListWorkflowExecutionsRequest(namespace="default", query=query))
    assert {e.execution.workflow_id for e in listed.executions} == {data.wid("alpha"), data.wid("alphabet")}
    assert all(e.status == RawStatus.WORKFLOW_EXECUTION_STATUS_RUNNING for e in listed.executions)
    assert all(e.type.name == "Parked" and e.task_queue == data.queue for e in listed.executions)
    assert all(e.search_attributes.indexed_fields["VisKeyword"].data for e in listed.executions)
    scanned, token = [], b""
    while True:
        page = await ws.scan_workflow_executions(ScanWorkflowExecutionsRequest(
            namespace="default", query=f"TaskQueue = '{data.queue}'", page_size=4, next_page_token=token))
        scanned += [e.execution.workflow_id for e in page.executions]
        token = page.next_page_token
        if not token:
            break
    assert sorted(scanned) == sorted(data.names)


async def test_legacy_open_and_closed_lists(vclient, data):
    ws = vclient.workflow_service
    window = StartTimeFilter()
    window.earliest_time.FromDatetime(data.started_from)
    window.latest_time.FromDatetime(data.done)
    opened = await ws.list_open_workflow_executions(ListOpenWorkflowExecutionsRequest(
        namespace="default", maximum_page_size=100, start_time_filter=window,
        type_filter=WorkflowTypeFilter(name="Parked")))
    assert {e.execution.workflow_id for e in opened.executions} == {data.wid(n) for n in RUNNING}
    closed = await ws.list_closed_workflow_executions(ListClosedWorkflowExecutionsRequest(
        namespace="default", maximum_page_size=100, start_time_filter=window,
        type_filter=WorkflowTypeFilter(name="Quick")))
    assert {e.execution.workflow_id for e in closed.executions} == {data.wid("beta"), data.wid("gamma")}
    assert all(e.status == RawStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED for e in closed.executions)
    by_id = await ws.list_closed_workflow_executions(ListClosedWorkflowExecutionsRequest(
        namespace="default", maximum_page_size=100, start_time_filter=window,
        execution_filter=WorkflowExecutionFilter(workflow_id=data.wid("upserted"))))
    assert [e.execution.workflow_id for e in by_id.executions] == [data.wid("upserted")]
    none_open = await ws.list_open_workflow_executions(ListOpenWorkflowExecutionsRequest(
        namespace="default", maximum_page_size=100, start_time_filter=window,
        execution_filter=WorkflowExecutionFilter(workflow_id=data.wid("upserted"))))
    assert list(none_open.executions) == []


async def test_get_search_attributes_lists_system_attributes(vclient):
    keys = (await vclient.workflow_service.get_search_attributes(GetSearchAttributesRequest())).keys
    assert keys["WorkflowId"] == IVT.INDEXED_VALUE_TYPE_KEYWORD
    assert keys["WorkflowType"] == IVT.INDEXED_VALUE_TYPE_KEYWORD
    assert keys["ExecutionStatus"] == IVT.INDEXED_VALUE_TYPE_KEYWORD
    assert keys["StartTime"] == IVT.INDEXED_VALUE_TYPE_DATETIME
    assert keys["CloseTime"] == IVT.INDEXED_VALUE_TYPE_DATETIME
    assert keys["TemporalScheduledById"] == IVT.INDEXED_VALUE_TYPE_KEYWORD


# --- 3. CLI -------------------------------------------------------------------------------------

async def test_cli_workflow_list_and_count(data):
    address = data.server.address
    query = f"TaskQueue = '{data.queue}' AND VisInt BETWEEN 1 AND 3"
    listed = await asyncio.to_thread(temporal_cli, address, "workflow", "list", "--query", query, "-o", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {r["execution"]["workflowId"] for r in rows} == {data.wid(n) for n in ("alpha", "beta", "alphabet")}
    assert {r["status"] for r in rows} == {"WORKFLOW_EXECUTION_STATUS_RUNNING", "WORKFLOW_EXECUTION_STATUS_COMPLETED"}

    plain = await asyncio.to_thread(temporal_cli, address, "workflow", "list", "--query",
                                    f"WorkflowId = '{data.wid('alpha')}'")
    assert plain.returncode == 0 and data.wid("alpha") in plain.stdout and "Running" in plain.stdout

    counted = await asyncio.to_thread(temporal_cli, address, "workflow", "count", "--query", query)
    assert counted.returncode == 0, counted.stderr
    assert "Total: 3" in counted.stdout

    grouped = await asyncio.to_thread(temporal_cli, address, "workflow", "count", "--query",
                                      f"TaskQueue = '{data.queue}' GROUP BY ExecutionStatus")
    assert grouped.returncode == 0, grouped.stderr
    assert "Total: 6" in grouped.stdout
    assert "Group total: 3, values: Running" in grouped.stdout
    assert "Group total: 3, values: Completed" in grouped.stdout

    bad = await asyncio.to_thread(temporal_cli, address, "workflow", "list", "--query", "Bogus = 'x'")
    assert bad.returncode != 0 and ("invalid search attribute" in bad.stderr or "unknown search attribute" in bad.stderr)


# --- 4. Errors ----------------------------------------------------------------------------------

BAD_QUERIES = [
    # (query, words the message contains)
    # Tern names the unknown attribute and where it is; the reference server only names it.
    ("Nope = 'x'", "invalid search attribute: Nope" if SERVER_KIND == "temporal"
     else 'unknown search attribute "Nope" at column 1'),
    ("VisInt = 'abc'", "invalid value type for search attribute VisInt of type Int"),
    ("VisInt = '1'", "invalid value type for search attribute VisInt of type Int"),
    ("VisBool = 'true'", "invalid value type for search attribute VisBool of type Bool"),
    ("VisDatetime > '2024-03-01'", "unable to parse datetime"),
    ("ExecutionStatus = 'Bogus'", "invalid ExecutionStatus value 'Bogus'"),
    ("VisText STARTS_WITH 'the'", "operator 'STARTS_WITH' not supported for Text type"),
    ("VisKeyword = ", "malformed"),
    ("VisKeyword = 'a' AND", "malformed"),
    ("WorkflowId == 'x'", "malformed"),
    ("GROUP BY WorkflowType", "'GROUP BY' clause is not supported for search attribute WorkflowType"),
    ("GROUP BY ExecutionStatus, WorkflowType", "'GROUP BY' clause supports only a single field"),
]


@pytest.mark.parametrize("query,words", BAD_QUERIES, ids=[q for q, _ in BAD_QUERIES])
async def test_bad_queries_are_invalid_argument(vclient, data, query, words):
    ws = vclient.workflow_service
    with pytest.raises(RPCError) as err:
        await ws.count_workflow_executions(CountWorkflowExecutionsRequest(namespace="default", query=query))
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    assert words in err.value.message, err.value.message
    if "GROUP BY" not in query:
        with pytest.raises(RPCError) as err:
            await ws.list_workflow_executions(ListWorkflowExecutionsRequest(namespace="default", query=query))
        assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
        assert words in err.value.message


async def test_unknown_attribute_message_is_exact(vclient):
    with pytest.raises(RPCError) as err:
        [w async for w in vclient.list_workflows("NoSuchAttribute = 'x'")]
    assert err.value.status == RPCStatusCode.INVALID_ARGUMENT
    if SERVER_KIND == "temporal":
        assert err.value.message == "invalid query: invalid search attribute: NoSuchAttribute"
    else:
        assert err.value.message == 'invalid query: unknown search attribute "NoSuchAttribute" at column 1'



async def test_upserting_a_wrongly_typed_value_fails_the_workflow_task(vclient, data):
    workflow_id = f"{data.queue}-bad-upsert-{uuid.uuid4().hex[:6]}"
    async with Worker(vclient, task_queue=data.queue, workflows=VISIBILITY_WORKFLOWS):
        handle = await vclient.start_workflow(BadUpserter.run, id=workflow_id, task_queue=data.queue)
        failed = None
        deadline = time.monotonic() + 10
        while failed is None and time.monotonic() < deadline:
            for event in (await handle.fetch_history()).events:
                if event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
                    failed = event.workflow_task_failed_event_attributes
                    break
            else:
                await asyncio.sleep(0.2)
    assert failed is not None, "no workflow task failure"
    assert failed.cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES
    assert "invalid value for search attribute VisInt of type Int" in failed.failure.message
    desc = await handle.describe()
    assert desc.status == WorkflowExecutionStatus.RUNNING
    assert INT not in desc.typed_search_attributes   # nothing was indexed
    await handle.terminate()


# --- 5. Paging ----------------------------------------------------------------------------------

PAGED = 2500


async def test_paging_2500_workflows_without_gaps_or_duplicates(server_factory, unique):
    began = time.monotonic()
    server = server_factory().start()
    client = await Client.connect(server.address)
    ws = client.workflow_service
    ids = [f"{unique}-{i:04d}" for i in range(PAGED)]

    async def start(workflow_id: str) -> None:
        await ws.start_workflow_execution(StartWorkflowExecutionRequest(
            namespace="default", workflow_id=workflow_id, workflow_type=WorkflowType(name="NoWorker"),
            task_queue=TaskQueue(name=unique), request_id=str(uuid.uuid4()), identity="paging-test"))

    for i in range(0, PAGED, 250):   # no worker: they all stay running on this private server
        await asyncio.gather(*(start(w) for w in ids[i:i + 250]))
    query = f"TaskQueue = '{unique}'"
    counted = await eventually(lambda: _count(client, query), PAGED, timeout=20)
    assert counted == PAGED

    seen: list[str] = []
    token, pages = b"", 0
    while True:
        page = await ws.list_workflow_executions(ListWorkflowExecutionsRequest(
            namespace="default", query=query, page_size=100, next_page_token=token))
        assert len(page.executions) <= 100
        seen += [e.execution.workflow_id for e in page.executions]
        pages += 1
        token = page.next_page_token
        if not token:
            break
        assert pages <= PAGED // 100 + 2, "paging does not end"
    assert len(seen) == len(set(seen)), "duplicates across pages"
    assert set(seen) == set(ids), "gaps across pages"
    assert pages >= PAGED // 100
    # The SDK iterator pages the same way.
    assert len({w.id async for w in client.list_workflows(query, page_size=500)}) == PAGED
    assert time.monotonic() - began < 90


async def _count(client: Client, query: str) -> int:
    return (await client.count_workflows(query)).count
