#!/usr/bin/env python3
"""Writes Tern's .proto files (proto/) for the subset of Temporal's API that Tern serves.

Field names, numbers and types are protocol facts; we read them from the compiled
descriptors shipped in the `temporalio` pip package, so a typo can never creep in.
Only the RPCs listed in `proto/rpcs.txt` and the messages they reach are written, which
keeps the generated Swift (and the build) small. To serve a new RPC: add it to
proto/rpcs.txt, run this script, then scripts/generate-api.

Usage: python3 scripts/derive-protos.py   (needs: pip install temporalio googleapis-common-protos)
"""
from __future__ import annotations

import importlib
import pathlib
import pkgutil
import sys

from google.protobuf import descriptor, descriptor_pool

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"

# Messages sent inside Any or gRPC status details: nothing references them by field,
# so they are named here.
EXTRA_PACKAGES = (
    "temporal.api.errordetails.v1",
    "temporal.api.update.v1",
    # What SDK workers answer inside payloads (`__temporal_workflow_metadata`, enhanced stack traces).
    "temporal.api.sdk.v1",
)

# Services outside Temporal's API whose descriptors temporalio ships under another package name:
# the wire name (left) is what clients call, e.g. /grpc.health.v1.Health/Check.
WIRE_PACKAGES = {
    "grpc.health.v1": "temporal.grpc.health.v1",
}
EXTRA_MODULES = ("temporalio.bridge.proto.health.v1.health_pb2",)


def wire(full_name: str) -> str:
    """A descriptor's full name as written in proto/ (and sent on the wire)."""
    for ours, shipped in WIRE_PACKAGES.items():
        if full_name == shipped or full_name.startswith(shipped + "."):
            return ours + full_name[len(shipped):]
    return full_name


def shipped(full_name: str) -> str:
    for ours, theirs in WIRE_PACKAGES.items():
        if full_name == ours or full_name.startswith(ours + "."):
            return theirs + full_name[len(ours):]
    return full_name


SCALARS = {
    descriptor.FieldDescriptor.TYPE_DOUBLE: "double",
    descriptor.FieldDescriptor.TYPE_FLOAT: "float",
    descriptor.FieldDescriptor.TYPE_INT64: "int64",
    descriptor.FieldDescriptor.TYPE_UINT64: "uint64",
    descriptor.FieldDescriptor.TYPE_INT32: "int32",
    descriptor.FieldDescriptor.TYPE_FIXED64: "fixed64",
    descriptor.FieldDescriptor.TYPE_FIXED32: "fixed32",
    descriptor.FieldDescriptor.TYPE_BOOL: "bool",
    descriptor.FieldDescriptor.TYPE_STRING: "string",
    descriptor.FieldDescriptor.TYPE_BYTES: "bytes",
    descriptor.FieldDescriptor.TYPE_UINT32: "uint32",
    descriptor.FieldDescriptor.TYPE_SFIXED32: "sfixed32",
    descriptor.FieldDescriptor.TYPE_SFIXED64: "sfixed64",
    descriptor.FieldDescriptor.TYPE_SINT32: "sint32",
    descriptor.FieldDescriptor.TYPE_SINT64: "sint64",
}


def load_pool() -> descriptor_pool.DescriptorPool:
    import temporalio.api

    for mod in pkgutil.walk_packages(temporalio.api.__path__, "temporalio.api."):
        if not mod.name.endswith("_pb2"):
            continue
        try:
            importlib.import_module(mod.name)
        except ImportError:
            pass  # parts of the API Tern never serves (cloud, cluster) need extra packages
    for name in EXTRA_MODULES:
        importlib.import_module(name)
    return descriptor_pool.Default()


def read_rpcs() -> dict[str, list[str]]:
    services: dict[str, list[str]] = {}
    for raw in (PROTO_DIR / "rpcs.txt").read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        service, method = line.rsplit(".", 1)
        services.setdefault(service, []).append(method)
    return services


def is_repeated(f: descriptor.FieldDescriptor) -> bool:
    return f.is_repeated


def real_oneof(f: descriptor.FieldDescriptor):
    o = f.containing_oneof
    if o is None:
        return None
    # proto3 `optional` is a synthetic one-field oneof whose name starts with "_".
    if len(o.fields) == 1 and o.name == "_" + f.name and f.has_presence:
        return None
    return o


class Closure:
    def __init__(self) -> None:
        self.types: set[str] = set()

    def add_enum(self, e: descriptor.EnumDescriptor) -> None:
        self.types.add(e.full_name)
        if e.containing_type is not None:
            self.add_message(e.containing_type)

    def add_message(self, m: descriptor.Descriptor) -> None:
        if m.full_name in self.types:
            return
        self.types.add(m.full_name)
        if m.containing_type is not None:
            self.add_message(m.containing_type)
        for nested in m.nested_types:
            self.add_message(nested)
        for e in m.enum_types:
            self.add_enum(e)
        for f in m.fields:
            if f.message_type is not None:
                self.add_message(f.message_type)
            if f.enum_type is not None:
                self.add_enum(f.enum_type)


def field_type(f: descriptor.FieldDescriptor) -> str:
    if f.message_type is not None:
        return "." + wire(f.message_type.full_name)
    if f.enum_type is not None:
        return "." + wire(f.enum_type.full_name)
    return SCALARS[f.type]


def render_field(f: descriptor.FieldDescriptor, indent: str, in_oneof: bool) -> str:
    opts = " [deprecated = true]" if f.GetOptions().deprecated else ""
    mt = f.message_type
    if mt is not None and mt.GetOptions().map_entry:
        k, v = mt.fields_by_name["key"], mt.fields_by_name["value"]
        return f"{indent}map<{field_type(k)}, {field_type(v)}> {f.name} = {f.number}{opts};"
    label = ""
    if is_repeated(f):
        label = "repeated "
    elif not in_oneof and f.containing_oneof is not None:
        label = "optional "
    return f"{indent}{label}{field_type(f)} {f.name} = {f.number}{opts};"


def render_enum(e: descriptor.EnumDescriptor, indent: str) -> list[str]:
    out = [f"{indent}enum {e.name} {{"]
    if e.GetOptions().allow_alias:
        out.append(f"{indent}  option allow_alias = true;")
    for v in e.values:
        out.append(f"{indent}  {v.name} = {v.number};")
    out.append(f"{indent}}}")
    return out


def render_message(m: descriptor.Descriptor, keep: set[str], indent: str) -> list[str]:
    out = [f"{indent}message {m.name} {{"]
    inner = indent + "  "
    for e in m.enum_types:
        if e.full_name in keep:
            out += render_enum(e, inner)
    for n in m.nested_types:
        if n.GetOptions().map_entry or n.full_name not in keep:
            continue
        out += render_message(n, keep, inner)
    emitted_oneofs: set[str] = set()
    for f in m.fields:
        o = real_oneof(f)
        if o is None:
            out.append(render_field(f, inner, in_oneof=False))
        elif o.name not in emitted_oneofs:
            emitted_oneofs.add(o.name)
            out.append(f"{inner}oneof {o.name} {{")
            for of in o.fields:
                out.append(render_field(of, inner + "  ", in_oneof=True))
            out.append(f"{inner}}}")
    out.append(f"{indent}}}")
    return out


def referenced_files(m: descriptor.Descriptor, acc: set[str]) -> None:
    for f in m.fields:
        target = f.message_type or f.enum_type
        if target is None:
            continue
        if f.message_type is not None and f.message_type.GetOptions().map_entry:
            referenced_files(f.message_type, acc)
            continue
        acc.add(target.file.name)
    for n in m.nested_types:
        referenced_files(n, acc)


def main() -> int:
    pool = load_pool()
    services = read_rpcs()
    closure = Closure()
    service_methods: dict[str, list[descriptor.MethodDescriptor]] = {}
    for service_name, methods in services.items():
        svc = pool.FindServiceByName(shipped(service_name))
        for name in methods:
            md = svc.methods_by_name.get(name)
            if md is None:
                print(f"unknown RPC {service_name}.{name}", file=sys.stderr)
                return 1
            closure.add_message(md.input_type)
            closure.add_message(md.output_type)
            service_methods.setdefault(service_name, []).append(md)
    for pkg in EXTRA_PACKAGES:
        for fd_name in {f.name for f in _files_of_package(pool, pkg)}:
            fd = pool.FindFileByName(fd_name)
            for m in fd.message_types_by_name.values():
                closure.add_message(m)

    # Group top-level types by the file Temporal declares them in.
    files: dict[str, descriptor.FileDescriptor] = {}
    for full in closure.types:
        try:
            d = pool.FindMessageTypeByName(full)
        except KeyError:
            d = pool.FindEnumTypeByName(full)
        files[d.file.name] = d.file
    for service_name in service_methods:
        f = pool.FindServiceByName(shipped(service_name)).file
        files[f.name] = f

    for old in [*(PROTO_DIR / "temporal").rglob("*.proto"), *(PROTO_DIR / "grpc").rglob("*.proto")]:
        old.unlink()
    written = 0
    for name, fd in sorted(files.items()):
        if name.startswith("google/protobuf/"):
            continue  # protoc ships the well-known types
        body: list[str] = []
        imports: set[str] = set()
        for e in fd.enum_types_by_name.values():
            if e.full_name in closure.types:
                body += render_enum(e, "")
                body.append("")
        for m in fd.message_types_by_name.values():
            if m.full_name in closure.types:
                referenced_files(m, imports)
                body += render_message(m, closure.types, "")
                body.append("")
        for svc in fd.services_by_name.values():
            methods = service_methods.get(wire(svc.full_name), [])
            if not methods:
                continue
            body.append(f"service {svc.name} {{")
            for md in methods:
                imports.add(md.input_type.file.name)
                imports.add(md.output_type.file.name)
                body.append(f"  rpc {md.name}(.{wire(md.input_type.full_name)}) returns (.{wire(md.output_type.full_name)});")
            body.append("}")
            body.append("")
        imports.discard(name)
        header = [
            "// Tern's wire definitions for this part of the Temporal API. Package, message, field and",
            "// enum names and numbers are protocol facts shared with Temporal; only the subset Tern",
            "// serves is declared. Written by scripts/derive-protos.py; regenerate, don't hand-edit.",
            'syntax = "proto3";',
            "",
            f"package {wire(fd.package)};",
            "",
        ]
        header += [f'import "{wire_path(i, pool)}";' for i in sorted(imports)]
        if imports:
            header.append("")
        path = PROTO_DIR / wire_path(name, pool)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(header + body).rstrip() + "\n")
        written += 1
    print(f"wrote {written} proto files, {len(closure.types)} types, "
          f"{sum(len(v) for v in service_methods.values())} RPCs")
    return 0


def wire_path(file_name: str, pool: descriptor_pool.DescriptorPool) -> str:
    """Where a shipped file goes in proto/: renamed packages get the path of their wire package."""
    package = pool.FindFileByName(file_name).package
    if wire(package) != package:
        return wire(package).replace(".", "/") + "/" + file_name.rsplit("/", 1)[-1]
    return file_name


def _files_of_package(pool: descriptor_pool.DescriptorPool, package: str):
    import temporalio.api

    base = pathlib.Path(temporalio.api.__path__[0])
    rel = package.removeprefix("temporal.api.").replace(".", "/")
    for p in sorted((base / rel).glob("*_pb2.py")):
        stem = p.name.removesuffix("_pb2.py")
        yield pool.FindFileByName(f"temporal/api/{rel}/{stem}.proto")


if __name__ == "__main__":
    sys.exit(main())
