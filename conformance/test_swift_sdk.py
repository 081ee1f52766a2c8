"""The Swift SDK next to the official Python SDK, on one server: a Swift workflow calls an activity
served by a Python worker, a Python client starts, signals and queries the Swift workflow, and a
Swift worker killed with SIGKILL in the middle of 100 workflows is replaced without losing or
repeating any. The Swift side is the InteropWorker executable (Examples/Interop), built by
`swift build` into .build/debug next to `tern`."""
from __future__ import annotations

import asyncio
import os
import pathlib
import signal
import subprocess
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import dataclasses
from typing import Sequence

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio import activity
from temporalio.api.common.v1 import Payload
from temporalio.converter import DataConverter, PayloadCodec
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from conftest import REPO

INTEROP_BIN = os.environ.get("INTEROP_WORKER_BIN", str(REPO / ".build" / "debug" / "InteropWorker"))

pytestmark = pytest.mark.skipif(
    not pathlib.Path(INTEROP_BIN).exists(), reason=f"{INTEROP_BIN} is not built (swift build builds it)")


@dataclass
class Greeting:
    name: str
    times: int
    tags: list[str] = field(default_factory=list)


@dataclass
class GreetingResult:
    text: str
    python_said: str
    approved_by: str | None = None


@activity.defn(name="py_shout")
async def py_shout(greeting: Greeting) -> str:
    # The Swift workflow's Codable struct arrives as this dataclass: the JSON matches field for field.
    return f"{greeting.name.upper()}! ({greeting.times}x, tags {','.join(greeting.tags)})"


class SwiftWorker:
    """The Swift worker process, on a task queue of its own."""

    def __init__(self, address: str, task_queue: str, encryption_key: bytes | None = None) -> None:
        env = dict(os.environ)
        if encryption_key is not None:
            env["INTEROP_ENCRYPTION_KEY"] = encryption_key.hex()
        self.proc = subprocess.Popen([INTEROP_BIN, address, task_queue], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, env=env)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        assert line.strip() == "ready", f"InteropWorker did not start: {line}"

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


async def test_python_and_swift_call_each_other(server, client: Client, unique: str):
    queue = f"swift-{unique}"
    swift = SwiftWorker(server.address, queue)
    try:
        async with Worker(client, task_queue=f"{queue}-python", activities=[py_shout]):
            handle = await client.start_workflow(
                "InteropWorkflow", Greeting(name="ada", times=2, tags=["a", "b"]), id=f"interop-{unique}",
                task_queue=queue, result_type=GreetingResult)
            async def stage() -> str:
                return await handle.query("stage", result_type=str)
            for _ in range(200):
                if await stage() == "waiting for approval":
                    break
                await asyncio.sleep(0.05)
            assert await stage() == "waiting for approval"
            await handle.signal("approve", "grace")
            result = await handle.result()
    finally:
        swift.stop()
    assert result == GreetingResult(text="hello ada hello ada", python_said="ADA! (2x, tags a,b)", approved_by="grace")


async def test_a_killed_swift_worker_is_replaced_and_every_workflow_completes_once(server, client: Client, unique: str):
    queue = f"crash-{unique}"
    first = SwiftWorker(server.address, queue)
    handles = [await client.start_workflow("CountdownWorkflow", 4, id=f"countdown-{unique}-{i}", task_queue=queue,
                                           result_type=int)
               for i in range(100)]
    await asyncio.sleep(1.0)  # let the worker get some of the way
    first.kill()
    second = SwiftWorker(server.address, queue)
    try:
        results = await asyncio.wait_for(asyncio.gather(*(h.result() for h in handles)), timeout=180)
    finally:
        second.stop()
    assert results == [1 + 2 + 3 + 4] * 100
    for handle in handles:
        description = await handle.describe()
        assert description.status == WorkflowExecutionStatus.COMPLETED
        events = [e async for e in handle.fetch_history_events()]
        assert sum(e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED for e in events) == 1
        # Each step's activity ran to one recorded completion, in order.
        assert sum(e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED for e in events) == 4


class EncryptionCodec(PayloadCodec):
    """AES-256-GCM in the format of Temporal's encryption sample (samples-python/encryption): the
    serialised payload sealed with a random 12-byte nonce in front, metadata naming the key."""

    def __init__(self, key: bytes, key_id: str) -> None:
        self.aead = AESGCM(key)
        self.key_id = key_id

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        out = []
        for p in payloads:
            nonce = os.urandom(12)
            out.append(Payload(metadata={"encoding": b"binary/encrypted", "encryption-key-id": self.key_id.encode()},
                               data=nonce + self.aead.encrypt(nonce, p.SerializeToString(), None)))
        return out

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        out = []
        for p in payloads:
            if p.metadata.get("encoding") != b"binary/encrypted":
                out.append(p)
                continue
            assert p.metadata.get("encryption-key-id") == self.key_id.encode()
            out.append(Payload.FromString(self.aead.decrypt(p.data[:12], p.data[12:], None)))
        return out


async def test_swift_and_python_share_an_encryption_codec(server, client: Client, unique: str):
    key = os.urandom(32)
    encrypted = await Client.connect(
        server.address, data_converter=dataclasses.replace(DataConverter.default, payload_codec=EncryptionCodec(key, "interop")))
    queue = f"sealed-{unique}"
    swift = SwiftWorker(server.address, queue, encryption_key=key)
    try:
        async with Worker(encrypted, task_queue=f"{queue}-python", activities=[py_shout]):
            handle = await encrypted.start_workflow(
                "InteropWorkflow", Greeting(name="eve", times=1, tags=["x"]), id=f"sealed-{unique}",
                task_queue=queue, result_type=GreetingResult)
            for _ in range(200):
                if await handle.query("stage", result_type=str) == "waiting for approval":
                    break
                await asyncio.sleep(0.05)
            await handle.signal("approve", "mallory")
            result = await handle.result()
    finally:
        swift.stop()
    # Each side decoded what the other sealed: the Python activity got the Swift workflow's input,
    # the Swift workflow got the Python client's input, signal and query, and the result came back.
    assert result == GreetingResult(text="hello eve", python_said="EVE! (1x, tags x)", approved_by="mallory")
    # The server holds only ciphertext.
    plain = client  # no codec: sees what is stored
    stored = [e async for e in plain.get_workflow_handle(f"sealed-{unique}").fetch_history_events()]
    payloads = [p for e in stored for p in (
        list(e.workflow_execution_started_event_attributes.input.payloads)
        + list(e.activity_task_scheduled_event_attributes.input.payloads)
        + list(e.activity_task_completed_event_attributes.result.payloads)
        + list(e.workflow_execution_signaled_event_attributes.input.payloads)
        + list(e.workflow_execution_completed_event_attributes.result.payloads))]
    assert len(payloads) == 5
    assert all(p.metadata["encoding"] == b"binary/encrypted" for p in payloads)
    assert not any(b"eve" in e.SerializeToString() for e in stored)
