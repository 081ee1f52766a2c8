#!/usr/bin/env python3
"""Writes Sources/Temporal/Converters/Generated/PayloadVisitor.generated.swift: a `PayloadVisitable`
conformance for every Temporal API message that can hold a user payload, so a payload codec reaches
all of them (see Sources/Temporal/Converters/PayloadVisitor.swift for the visitor itself).

Which fields hold payloads is read from the compiled descriptors in the `temporalio` pip package,
the same source scripts/derive-protos.py writes proto/ from; only messages declared in proto/ (the
subset Tern compiles) get code. Swift names follow swift-protobuf's naming rules and are checked
against Sources/TernAPI/Generated before anything is written.

Run by scripts/generate-api; the output is committed, so builds and CI never need this.
Usage: python3 scripts/generate-payload-visitor.py   (needs: pip install temporalio)
"""
from __future__ import annotations

import importlib
import pathlib
import pkgutil
import re
import sys

from google.protobuf import descriptor, descriptor_pool

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
SWIFT_GENERATED = ROOT / "Sources/TernAPI/Generated"
OUT = ROOT / "Sources/Temporal/Converters/Generated/PayloadVisitor.generated.swift"

PAYLOAD = "temporal.api.common.v1.Payload"
HEADER = "temporal.api.common.v1.Header"
ANY = "google.protobuf.Any"

# Types whose payloads are never visited, and why.
NEVER_VISITED = {
    # The server decodes and indexes search attributes, so they must stay in the converter's form.
    "temporal.api.common.v1.SearchAttributes",
}

# `google.protobuf.Any` fields that are unpacked, visited and repacked, and the message types
# looked for inside them. Other Any contents (e.g. gRPC error details) are left alone.
ANY_FIELDS = {"temporal.api.protocol.v1.Message.body"}
ANY_BODIES = (
    "temporal.api.update.v1.Request",
    "temporal.api.update.v1.Acceptance",
    "temporal.api.update.v1.Rejection",
    "temporal.api.update.v1.Response",
)


def skipped_field(message: str, field: str) -> bool:
    """Payload fields a codec must not touch."""
    # Count*Response.AggregationGroup.group_values are the search attribute values a GROUP BY
    # query grouped on: written by the server, never by a codec.
    return message.endswith(".AggregationGroup") and field == "group_values"


# ---------------------------------------------------------------------------------------------
# swift-protobuf naming (SwiftProtobufPluginLibrary/NamingUtils.swift, SwiftLanguage.swift)

_DECLARATION_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "protocol", "public",
    "static", "struct", "subscript", "typealias", "var",
}
_STATEMENT_KEYWORDS = {
    "break", "case", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
    "if", "in", "repeat", "return", "switch", "where", "while",
}
_EXPRESSION_KEYWORDS = {
    "as", "Any", "catch", "false", "is", "nil", "rethrows", "super", "self", "Self", "throw",
    "throws", "true", "try",
}
_COMMON_TYPES = {"Bool", "Data", "Double", "Float", "Int", "Int32", "Int64", "String", "UInt", "UInt32", "UInt64"}
_SPECIAL_VARIABLES = {"__COLUMN__", "__FILE__", "__FUNCTION__", "__LINE__"}
_KEYWORDS = _DECLARATION_KEYWORDS | _STATEMENT_KEYWORDS | _EXPRESSION_KEYWORDS

RESERVED_TYPE_NAMES = _KEYWORDS | _COMMON_TYPES | _SPECIAL_VARIABLES | {
    "SwiftProtobuf", "Extensions", "protoMessageName", "decodeMessage", "traverse", "isInitialized",
    "unknownFields", "debugDescription", "description", "dynamicType", "hashValue", "Type",
    "Protocol", "Swift", "Equatable", "Hashable", "Sendable",
}
QUOTABLE_FIELD_NAMES = _KEYWORDS
RESERVED_FIELD_NAMES = _COMMON_TYPES | _SPECIAL_VARIABLES | {
    "isInitialized", "unknownFields", "debugDescription", "description", "dynamicType", "hashValue",
    "init", "self", "Type", "Protocol",
}
ABBREVIATIONS = {"url", "http", "https", "id"}


def camel_case(name: str, initial_upper: bool) -> str:
    """swift-protobuf's CamelCaser for proto identifiers ([A-Za-z_][A-Za-z0-9_]*)."""
    result, current, last = "", "", ""

    def kind(c: str) -> str:
        if c.isdigit():
            return "digit"
        if "a" <= c <= "z":
            return "lower"
        if "A" <= c <= "Z":
            return "upper"
        return "underscore"

    def flush() -> None:
        nonlocal result, current
        if not current:
            return
        if not result and not initial_upper:
            segment = current
        elif current in ABBREVIATIONS:
            segment = current.upper()
        else:
            segment = current[0].upper() + current[1:]
        result += segment
        current = ""

    for c in name:
        k = kind(c)
        if k == "digit":
            if last != "digit":
                flush()
            if not result:
                result += "_"
            current += c
        elif k == "upper":
            if last != "upper":
                flush()
            current += c.lower()
        elif k == "lower":
            if last not in ("lower", "upper"):
                flush()
            current += c
        else:
            flush()
            if last == "underscore":
                result += "_"
        last = k
    flush()
    if last == "underscore":
        result += "_"
    return result


def sanitize_field(name: str, based_on: str) -> str:
    if based_on.startswith("clear") and based_on[5:6].isupper():
        return name + "_p"
    if based_on.startswith("has") and based_on[3:4].isupper():
        return name + "_p"
    if based_on in RESERVED_FIELD_NAMES:
        return name + "_p"
    if based_on == name and based_on in QUOTABLE_FIELD_NAMES:
        return f"`{name}`"
    if based_on and set(based_on) == {"_"}:
        return name + "__"
    return name


def property_name(field: descriptor.FieldDescriptor) -> str:
    lower = camel_case(field.name, initial_upper=False)
    return sanitize_field(lower, lower)


def has_name(field: descriptor.FieldDescriptor) -> str:
    lower = camel_case(field.name, initial_upper=False)
    return sanitize_field("has" + camel_case(field.name, initial_upper=True), lower)


def oneof_property_name(oneof: descriptor.OneofDescriptor) -> str:
    lower = camel_case(oneof.name, initial_upper=False)
    return sanitize_field(lower, lower)


def sanitize_type(name: str, disambiguator: str = "Message") -> str:
    if name in RESERVED_TYPE_NAMES or set(name) == {"_"}:
        return name + disambiguator
    if name.endswith(disambiguator) and name != disambiguator:
        return sanitize_type(name[: -len(disambiguator)], disambiguator) + disambiguator
    return name


def type_prefix(package: str) -> str:
    out, upper = "", True
    for c in package:
        if c == "_":
            upper = True
        elif c == ".":
            upper = True
            out += "_"
        else:
            if not out and c.isdigit():
                out += "_"
            out += c.upper() if upper else c
            upper = False
    return out + "_"


def swift_type(m: descriptor.Descriptor) -> str:
    if m.full_name == ANY:
        return "Google_Protobuf_Any"
    if m.containing_type is not None:
        return swift_type(m.containing_type) + "." + sanitize_type(m.name)
    return type_prefix(m.file.package) + sanitize_type(m.name)


# ---------------------------------------------------------------------------------------------
# Descriptors


def load_pool() -> descriptor_pool.DescriptorPool:
    try:
        import temporalio.api
    except ImportError:
        raise SystemExit("needs the Temporal API descriptors: pip install temporalio")

    for mod in pkgutil.walk_packages(temporalio.api.__path__, "temporalio.api."):
        if mod.name.endswith("_pb2"):
            try:
                importlib.import_module(mod.name)
            except ImportError:
                pass  # parts of the API Tern never compiles (cloud, ...) need extra packages
    return descriptor_pool.Default()


def declared_messages() -> set[str]:
    """Full names of the temporal.api messages in proto/ (scripts/derive-protos.py's 2-space layout)."""
    names: set[str] = set()
    for path in sorted((PROTO_DIR / "temporal/api").rglob("*.proto")):
        package, stack = "", []
        for line in path.read_text().splitlines():
            if m := re.match(r"package ([\w.]+);", line):
                package = m.group(1)
            elif m := re.match(r"^( *)message (\w+) \{", line):
                stack = stack[: len(m.group(1)) // 2] + [m.group(2)]
                names.add(package + "." + ".".join(stack))
    return names


def real_oneof(f: descriptor.FieldDescriptor) -> descriptor.OneofDescriptor | None:
    o = f.containing_oneof
    # proto3 `optional` is a synthetic one-field oneof; Swift gives it has/clear like any field.
    if o is None or (len(o.fields) == 1 and o.name == "_" + f.name):
        return None
    return o


def map_value(f: descriptor.FieldDescriptor) -> descriptor.FieldDescriptor | None:
    if f.message_type is not None and f.message_type.GetOptions().map_entry:
        return f.message_type.fields_by_name["value"]
    return None


def target(f: descriptor.FieldDescriptor) -> descriptor.Descriptor | None:
    """The message type a field holds (a map's value type), or None for scalars."""
    value = map_value(f)
    return (value or f).message_type


class Analysis:
    def __init__(self, pool: descriptor_pool.DescriptorPool, declared: set[str]) -> None:
        self.pool = pool
        self.messages = {name: pool.FindMessageTypeByName(name) for name in sorted(declared)}
        self.visitable = self._fixpoint()

    def visits(self, owner: descriptor.Descriptor, f: descriptor.FieldDescriptor, visitable: set[str]) -> bool:
        t = target(f)
        if t is None or skipped_field(owner.full_name, f.name) or t.full_name in NEVER_VISITED:
            return False
        if t.full_name == ANY:
            return f"{owner.full_name}.{f.name}" in ANY_FIELDS
        return t.full_name == PAYLOAD or t.full_name in visitable

    def _fixpoint(self) -> set[str]:
        # Message graphs have cycles (Failure.cause), so grow the set until nothing changes.
        visitable: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, m in self.messages.items():
                if name in visitable or name in NEVER_VISITED or m.GetOptions().map_entry:
                    continue
                if any(self.visits(m, f, visitable) for f in m.fields):
                    visitable.add(name)
                    changed = True
        for body in ANY_BODIES:
            if body not in visitable:
                raise SystemExit(f"{body} is listed in ANY_BODIES but holds no payload (or is not in proto/)")
        return visitable


# ---------------------------------------------------------------------------------------------
# Swift


def field_statement(f: descriptor.FieldDescriptor) -> list[str]:
    prop = f"self.{property_name(f)}"
    t = target(f)
    assert t is not None
    if map_value(f) is not None:
        label = "payloadMap" if t.full_name == PAYLOAD else "messageMap"
        visit = [f"try await visitor.visit({label}: &{prop})"]
        condition = f"!{prop}.isEmpty"
    elif f.is_repeated:
        label = "payloads" if t.full_name == PAYLOAD else "messages"
        visit = [f"try await visitor.visit({label}: &{prop})"]
        condition = f"!{prop}.isEmpty"
    else:
        visit = [f"try await visitor.visit(payload: &{prop})" if t.full_name == PAYLOAD else f"try await {prop}.visitPayloads(visitor)"]
        condition = f"self.{has_name(f)}"
    if t.full_name == HEADER:
        condition = f"!visitor.skipHeaders, {condition}"
    return [f"if {condition} {{", *[f"    {line}" for line in visit], "}"]


def oneof_statement(a: Analysis, m: descriptor.Descriptor, o: descriptor.OneofDescriptor) -> list[str]:
    prop = f"self.{oneof_property_name(o)}"
    lines = [f"switch {prop} {{"]
    for f in o.fields:
        if not a.visits(m, f, a.visitable):
            continue
        case = property_name(f)
        t = target(f)
        assert t is not None
        guard = " where !visitor.skipHeaders" if t.full_name == HEADER else ""
        visit = "try await visitor.visit(payload: &value)" if t.full_name == PAYLOAD else "try await value.visitPayloads(visitor)"
        lines += [f"case .{case}(var value)?{guard}:", f"    {visit}", f"    {prop} = .{case}(value)"]
    lines += ["default:", "    break", "}"]
    return lines


def message_extension(a: Analysis, m: descriptor.Descriptor) -> list[str]:
    body: list[str] = []
    done_oneofs: set[str] = set()
    for f in m.fields:
        if not a.visits(m, f, a.visitable):
            continue
        o = real_oneof(f)
        if o is None:
            body += field_statement(f)
        elif o.name not in done_oneofs:
            done_oneofs.add(o.name)
            body += oneof_statement(a, m, o)
    return [
        f"extension {swift_type(m)}: PayloadVisitable {{",
        "    package mutating func visitPayloads(_ visitor: PayloadVisitor) async throws {",
        *[f"        {line}" for line in body],
        "    }",
        "}",
    ]


def any_extension(a: Analysis) -> list[str]:
    lines = [
        "extension Google_Protobuf_Any: PayloadVisitable {",
        "    package mutating func visitPayloads(_ visitor: PayloadVisitor) async throws {",
    ]
    for i, name in enumerate(ANY_BODIES):
        swift = swift_type(a.pool.FindMessageTypeByName(name))
        keyword = "if" if i == 0 else "} else if"
        lines += [f"        {keyword} self.isA({swift}.self) {{", f"            try await visitor.visit(packed: &self, as: {swift}.self)"]
    lines += ["        }", "    }", "}"]
    return lines


def check_names(a: Analysis, names: list[tuple[str, str]]) -> None:
    """Fails unless every type and property used appears in the swift-protobuf output."""
    text = "\n".join(p.read_text() for p in sorted(SWIFT_GENERATED.glob("*.pb.swift")))
    missing = []
    for kind, name in names:
        if kind == "type":
            pattern = rf"\b(?:struct|enum) {re.escape(name.rsplit('.', 1)[-1])}\b"
        else:
            pattern = rf"\bvar {re.escape(name)}:"
        if not re.search(pattern, text):
            missing.append(f"{kind} {name}")
    if missing:
        raise SystemExit("names not found in Sources/TernAPI/Generated:\n  " + "\n  ".join(missing))


def main() -> int:
    a = Analysis(load_pool(), declared_messages())
    emitted = [m for name, m in a.messages.items() if name in a.visitable]
    names: list[tuple[str, str]] = []
    for m in emitted:
        names.append(("type", swift_type(m)))
        for f in m.fields:
            if a.visits(m, f, a.visitable):
                o = real_oneof(f)
                names.append(("property", oneof_property_name(o) if o else property_name(f)))
                names.append(("property", property_name(f)))
                if o is None and not f.is_repeated and map_value(f) is None:
                    names.append(("property", has_name(f)))
    check_names(a, names)

    lines = [
        "// Generated by scripts/generate-payload-visitor.py from the Temporal API descriptors. Do not edit.",
        "//",
        f"// One `PayloadVisitable` conformance per message that can hold a user payload ({len(emitted)} of",
        f"// {len(a.messages)} declared in proto/). Search attributes are never visited; headers only when the",
        "// visitor asks for them; Any bodies only for the update protocol messages.",
        "import SwiftProtobuf",
        "import TernAPI",
        "",
    ]
    for m in emitted:
        lines += message_extension(a, m)
        lines.append("")
    lines += any_extension(a)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(emitted)} message types, {len(lines)} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
