import Foundation
import Synchronization
import Tracing

/// An in-memory tracer: keeps every span it starts, and propagates a span's identity as a
/// `traceparent` field (W3C's shape: version, trace id, span id, flags).
final class RecordingTracer: Tracer, Sendable {
    private let started = Mutex<[RecordingSpan]>([])
    private let counter = Atomic<Int>(0)

    /// The spans started so far, oldest first.
    var spans: [RecordingSpan] { started.withLock { $0 } }

    /// The spans whose name starts with `prefix`.
    func spans(named prefix: String) -> [RecordingSpan] { spans.filter { $0.operationName.hasPrefix(prefix) } }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> RecordingSpan {
        let parentContext = context()
        let parent = parentContext.recordedSpan
        let number = counter.add(1, ordering: .relaxed).newValue
        let identity = RecordedSpanIdentity(
            traceID: parent?.traceID ?? String(format: "%032x", number),
            spanID: String(format: "%016x", number))
        var spanContext = parentContext
        spanContext.recordedSpan = identity
        let span = RecordingSpan(
            operationName: operationName, kind: kind, context: spanContext, identity: identity, parent: parent)
        started.withLock { $0.append(span) }
        return span
    }

    func inject<Carrier, Inject>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject: Injector, Carrier == Inject.Carrier {
        guard let identity = context.recordedSpan else { return }
        injector.inject(identity.traceparent, forKey: "traceparent", into: &carrier)
    }

    func extract<Carrier, Extract>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract: Extractor, Carrier == Extract.Carrier {
        guard let value = extractor.extract(key: "traceparent", from: carrier) else { return }
        let parts = value.split(separator: "-")
        guard parts.count == 4 else { return }
        context.recordedSpan = RecordedSpanIdentity(traceID: String(parts[1]), spanID: String(parts[2]))
    }

    func forceFlush() {}
}

/// Which trace a span belongs to and which span it is.
struct RecordedSpanIdentity: Hashable, Sendable {
    var traceID: String
    var spanID: String

    var traceparent: String { "00-\(traceID)-\(spanID)-01" }
}

private enum RecordedSpanKey: ServiceContextKey {
    typealias Value = RecordedSpanIdentity
}

extension ServiceContext {
    /// The identity of the span this context belongs to, as ``RecordingTracer`` keeps it.
    var recordedSpan: RecordedSpanIdentity? {
        get { self[RecordedSpanKey.self] }
        set { self[RecordedSpanKey.self] = newValue }
    }
}

/// A span of ``RecordingTracer``: what was set on it, readable once it ended.
final class RecordingSpan: Span, Sendable {
    struct State {
        var operationName: String
        var attributes = SpanAttributes()
        var status: SpanStatus?
        var errors: [any Error] = []
        var events: [SpanEvent] = []
        var links: [SpanLink] = []
        var ended = false
    }

    let kind: SpanKind
    let context: ServiceContext
    let identity: RecordedSpanIdentity
    let parent: RecordedSpanIdentity?
    private let state: Mutex<State>

    init(
        operationName: String, kind: SpanKind, context: ServiceContext, identity: RecordedSpanIdentity,
        parent: RecordedSpanIdentity?
    ) {
        self.kind = kind
        self.context = context
        self.identity = identity
        self.parent = parent
        self.state = Mutex(State(operationName: operationName))
    }

    var operationName: String {
        get { state.withLock { $0.operationName } }
        set { state.withLock { $0.operationName = newValue } }
    }

    var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { state.withLock { $0.attributes = newValue } }
    }

    var status: SpanStatus? { state.withLock { $0.status } }
    var errors: [any Error] { state.withLock { $0.errors } }
    var ended: Bool { state.withLock { $0.ended } }
    var isRecording: Bool { !ended }

    /// A string attribute's value.
    func string(_ key: String) -> String? {
        guard case .string(let value)? = attributes.get(key) else { return nil }
        return value
    }

    func setStatus(_ status: SpanStatus) { state.withLock { $0.status = status } }
    func addEvent(_ event: SpanEvent) { state.withLock { $0.events.append(event) } }
    func addLink(_ link: SpanLink) { state.withLock { $0.links.append(link) } }

    func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        state.withLock { $0.errors.append(error) }
    }

    func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        state.withLock { $0.ended = true }
    }
}
