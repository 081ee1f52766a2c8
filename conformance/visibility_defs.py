"""Workflows for the visibility and schedule conformance tests (importable: the SDK's sandbox
re-imports workflow modules, so they live apart from the test files)."""
from __future__ import annotations

from datetime import datetime, timezone

from temporalio import workflow
from temporalio.common import SearchAttributeKey

# Custom search attributes registered by the visibility tests, one of every indexed type.
KW = SearchAttributeKey.for_keyword("VisKeyword")
TEXT = SearchAttributeKey.for_text("VisText")
INT = SearchAttributeKey.for_int("VisInt")
DOUBLE = SearchAttributeKey.for_float("VisDouble")
BOOL = SearchAttributeKey.for_bool("VisBool")
DT = SearchAttributeKey.for_datetime("VisDatetime")
KWL = SearchAttributeKey.for_keyword_list("VisKeywordList")
ALL_KEYS = [KW, TEXT, INT, DOUBLE, BOOL, DT, KWL]


@workflow.defn
class Parked:
    """Stays running until it gets a "finish" signal."""

    def __init__(self) -> None:
        self.done = False

    @workflow.run
    async def run(self) -> str:
        await workflow.wait_condition(lambda: self.done)
        return "finished"

    @workflow.signal
    def finish(self) -> None:
        self.done = True


@workflow.defn
class Quick:
    """Completes at once (schedule actions use it too)."""

    @workflow.run
    async def run(self) -> str:
        return "quick"


@workflow.defn
class Upserter:
    """Upserts a fixed set of custom search attributes from inside the workflow, then completes."""

    @workflow.run
    async def run(self) -> str:
        workflow.upsert_search_attributes([
            KW.value_set("upserted"),
            INT.value_set(10),
            DOUBLE.value_set(10.5),
            BOOL.value_set(False),
            DT.value_set(datetime(2024, 6, 1, tzinfo=timezone.utc)),
            KWL.value_set(["x", "y"]),
            TEXT.value_set("inserted later"),
        ])
        return "upserted"


@workflow.defn
class BadUpserter:
    """Upserts a string into the Int attribute `VisInt` (bypassing the SDK's typed keys)."""

    @workflow.run
    async def run(self) -> str:
        workflow.upsert_search_attributes({"VisInt": ["not a number"]})  # type: ignore[dict-item]
        return "upserted"


VISIBILITY_WORKFLOWS = [Parked, Quick, Upserter, BadUpserter]
