"""User metadata (summaries and details) stored and returned as sent; schedules that type their
action's untyped search attributes and hand the last run's result to the next."""
from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from temporalio import activity
from temporalio.api.enums.v1 import EventType, IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.api.workflowservice.v1 import DescribeScheduleRequest
from temporalio.client import (
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleIntervalSpec,
    ScheduleSpec,
)
from temporalio.worker import Worker

from consistency_defs import CONSISTENCY_WORKFLOWS, CountingWorkflow, SummarizedWorkflow


@activity.defn
async def noop_activity() -> None:
    return None


def worker(client, queue):
    return Worker(client, task_queue=queue, workflows=CONSISTENCY_WORKFLOWS, activities=[noop_activity])


async def test_summaries_and_details_are_kept_on_starts_and_commands(client, unique):
    async with worker(client, unique):
        handle = await client.start_workflow(
            SummarizedWorkflow.run, False, id=unique, task_queue=unique,
            static_summary="parent summary", static_details="parent *details*")
        assert await handle.result() == "child done"
    desc = await handle.describe()
    assert await desc.static_summary() == "parent summary"
    assert await desc.static_details() == "parent *details*"
    converter = client.data_converter.payload_converter
    summaries = {}
    async for event in handle.fetch_history_events():
        if event.HasField("user_metadata") and event.user_metadata.HasField("summary"):
            summaries[event.event_type] = converter.from_payload(event.user_metadata.summary, str)
    assert summaries[EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED] == "parent summary"
    assert summaries[EventType.EVENT_TYPE_TIMER_STARTED] == "short nap"
    assert summaries[EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED] == "does nothing"
    assert summaries[EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED] == "the child"
    child = await client.get_workflow_handle(f"{unique}-child").describe()
    assert await child.static_summary() == "the child"
    assert await child.static_details() == "child **details**"


async def test_schedule_types_untyped_action_attributes(client, unique):
    name = f"Untyped{unique}"
    await client.operator_service.add_search_attributes(AddSearchAttributesRequest(
        namespace="default", search_attributes={name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD}))
    await asyncio.sleep(1)  # Temporal's search attribute cache
    action = ScheduleActionStartWorkflow("SomeWorkflow", [], id=f"wf-{unique}", task_queue=unique)
    action.untyped_search_attributes = {name: ["value-1"]}
    handle = await client.create_schedule(unique, Schedule(action=action, spec=ScheduleSpec()))
    raw = await client.workflow_service.describe_schedule(
        DescribeScheduleRequest(namespace="default", schedule_id=unique))
    payload = raw.schedule.action.start_workflow.search_attributes.indexed_fields[name]
    assert payload.metadata["type"] == b"Keyword"
    assert payload.data == b'["value-1"]'
    await handle.delete()


async def test_scheduled_runs_see_the_last_completion_result(client, unique):
    async with worker(client, unique):
        handle = await client.create_schedule(unique, Schedule(
            action=ScheduleActionStartWorkflow(CountingWorkflow.run, id=f"wf-{unique}", task_queue=unique),
            spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(hours=1))])))
        results = []
        for _ in range(3):
            await handle.trigger()
            for _ in range(100):
                desc = await handle.describe()
                if len(desc.info.recent_actions) > len(results):
                    break
                await asyncio.sleep(0.1)
            action = desc.info.recent_actions[-1].action
            results.append(await client.get_workflow_handle(action.workflow_id, run_id=action.first_execution_run_id).result())
        await handle.delete()
    assert results == [1, 2, 3]
