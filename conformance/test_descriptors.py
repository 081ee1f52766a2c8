"""Tern's .proto files must agree with the descriptors the official `temporalio` package ships:
every message, field, enum value and RPC we declare exists there under the same full name with
the same number, type, label and type name. A wrong field number fails here."""
from __future__ import annotations

import importlib
import pathlib
import pkgutil
import shutil
import subprocess

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool

PROTO_DIR = pathlib.Path(__file__).resolve().parent.parent / "proto"


def ours() -> descriptor_pb2.FileDescriptorSet:
    protoc = shutil.which("protoc")
    if protoc is None:
        pytest.fail("protoc is needed to compile proto/ (apt-get install protobuf-compiler)")
    files = sorted(str(p.relative_to(PROTO_DIR)) for p in PROTO_DIR.rglob("*.proto"))
    out = subprocess.run([protoc, f"--proto_path={PROTO_DIR}", "--descriptor_set_out=/dev/stdout", *files],
                         capture_output=True, check=True)
    fds = descriptor_pb2.FileDescriptorSet()
    fds.ParseFromString(out.stdout)
    return fds


# gRPC's health service: temporalio ships its descriptor under another package name; the wire
# (and our proto/) uses grpc.health.v1.
SHIPPED_AS = {"grpc.health.v1": "temporal.grpc.health.v1"}


def shipped(full: str) -> str:
    for wire, theirs_name in SHIPPED_AS.items():
        if full.lstrip(".").startswith(wire + "."):
            return theirs_name + full.lstrip(".")[len(wire):]
    return full.lstrip(".")


def theirs() -> descriptor_pool.DescriptorPool:
    import temporalio.api
    for mod in pkgutil.walk_packages(temporalio.api.__path__, "temporalio.api."):
        if mod.name.endswith("_pb2"):
            try:
                importlib.import_module(mod.name)
            except ImportError:
                pass
    importlib.import_module("temporalio.bridge.proto.health.v1.health_pb2")
    return descriptor_pool.Default()


FDS = ours()
POOL = theirs()


def walk_messages(prefix: str, messages):
    for m in messages:
        full = f"{prefix}.{m.name}"
        yield full, m
        yield from walk_messages(full, m.nested_type)


def walk_enums(prefix: str, file_or_msg_enums, messages):
    for e in file_or_msg_enums:
        yield f"{prefix}.{e.name}", e
    for m in messages:
        yield from walk_enums(f"{prefix}.{m.name}", m.enum_type, m.nested_type)


# Tern's own messages (package tern.*: stored state, task tokens) are not part of Temporal's API.
TEMPORAL_FILES = [f for f in FDS.file if f.package.startswith("temporal.") or f.package in SHIPPED_AS]
MESSAGES = [(full, m) for f in TEMPORAL_FILES for full, m in walk_messages(f.package, f.message_type)]
ENUMS = [(full, e) for f in TEMPORAL_FILES for full, e in walk_enums(f.package, f.enum_type, f.message_type)]
SERVICES = [(f"{f.package}.{s.name}", s) for f in TEMPORAL_FILES for s in f.service]


def test_we_declare_a_meaningful_api():
    names = {full for full, _ in MESSAGES}
    assert "temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse" in names
    assert "temporal.api.history.v1.HistoryEvent" in names
    assert len(MESSAGES) > 300


@pytest.mark.parametrize("full,msg", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_message_fields_match(full, msg):
    try:
        ref = POOL.FindMessageTypeByName(shipped(full))
    except KeyError:
        pytest.fail(f"{full} does not exist in temporalio's API")
    ref_proto = descriptor_pb2.DescriptorProto()
    ref.CopyToProto(ref_proto)
    ref_fields = {f.name: f for f in ref_proto.field}
    for field in msg.field:
        assert field.name in ref_fields, f"{full}.{field.name} is not a field of Temporal's {full}"
        r = ref_fields[field.name]
        where = f"{full}.{field.name}"
        assert field.number == r.number, f"{where}: number {field.number} != {r.number}"
        assert field.type == r.type, f"{where}: type {field.type} != {r.type}"
        assert field.label == r.label, f"{where}: label {field.label} != {r.label}"
        assert shipped(field.type_name) == r.type_name.lstrip("."), f"{where}: type name differs"
        assert field.proto3_optional == r.proto3_optional, f"{where}: optional-ness differs"
        if field.HasField("oneof_index"):
            assert r.HasField("oneof_index"), f"{where}: in a oneof here, not in Temporal's"
            assert msg.oneof_decl[field.oneof_index].name == ref_proto.oneof_decl[r.oneof_index].name


@pytest.mark.parametrize("full,enum", ENUMS, ids=[e[0] for e in ENUMS])
def test_enum_values_match(full, enum):
    try:
        ref = POOL.FindEnumTypeByName(shipped(full))
    except KeyError:
        pytest.fail(f"{full} does not exist in temporalio's API")
    ref_values = {v.name: v.number for v in ref.values}
    for v in enum.value:
        assert v.name in ref_values, f"{full}.{v.name} is not in Temporal's enum"
        assert v.number == ref_values[v.name], f"{full}.{v.name}: {v.number} != {ref_values[v.name]}"


@pytest.mark.parametrize("full,svc", SERVICES, ids=[s[0] for s in SERVICES])
def test_service_methods_match(full, svc):
    ref = POOL.FindServiceByName(shipped(full))
    for m in svc.method:
        r = ref.methods_by_name.get(m.name)
        assert r is not None, f"{full}.{m.name} is not an RPC of Temporal's service"
        assert shipped(m.input_type) == r.input_type.full_name
        assert shipped(m.output_type) == r.output_type.full_name
        assert not m.client_streaming and not m.server_streaming


def test_a_wrong_number_would_be_caught():
    """The comparison itself works: a field renumbered in a copy of our descriptor is reported."""
    full, msg = next((f, m) for f, m in MESSAGES if f == "temporal.api.common.v1.WorkflowExecution")
    broken = descriptor_pb2.DescriptorProto()
    broken.CopyFrom(msg)
    broken.field[0].number += 100
    with pytest.raises(AssertionError):
        test_message_fields_match(full, broken)
