import Synchronization
import Tracing

/// A tracer that keeps every span it starts, for tests: each span gets a number, and its parent
/// is the span whose number the start context carried. `inject`/`extract` carry that number under
/// `test-span`, the way a real tracer carries `traceparent`.
final class SpanRecordingTracer: Tracer, Sendable {
    struct Record: Sendable, Equatable {
        var id: Int
        var name: String
        var kind: SpanKind
        var parent: Int?
        var attributes: [String: String]
        var failed: Bool
    }

    private enum SpanNumber: ServiceContextKey { typealias Value = Int }
    private let records = Mutex<[Record]>([])

    var spans: [Record] { records.withLock { $0 } }

    func spans(named name: String) -> [Record] { spans.filter { $0.name == name } }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> RecordedSpan {
        let parent = context()[SpanNumber.self]
        let id = records.withLock { records in
            records.append(Record(id: records.count + 1, name: operationName, kind: kind, parent: parent, attributes: [:], failed: false))
            return records.count
        }
        var spanContext = context()
        spanContext[SpanNumber.self] = id
        return RecordedSpan(id: id, context: spanContext, tracer: self)
    }

    fileprivate func update(_ id: Int, _ change: (inout Record) -> Void) {
        records.withLock { change(&$0[id - 1]) }
    }

    func forceFlush() {}

    func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        if let id = context[SpanNumber.self] { injector.inject("\(id)", forKey: "test-span", into: &carrier) }
    }

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        if let value = extractor.extract(key: "test-span", from: carrier), let id = Int(value) { context[SpanNumber.self] = id }
    }

    struct RecordedSpan: Tracing.Span {
        let id: Int
        let context: ServiceContext
        let tracer: SpanRecordingTracer

        var isRecording: Bool { true }
        var operationName: String {
            get { tracer.spans[id - 1].name }
            nonmutating set { tracer.update(id) { $0.name = newValue } }
        }
        var attributes: SpanAttributes {
            get { SpanAttributes() }
            nonmutating set {
                var copied: [String: String] = [:]
                newValue.forEach { key, attribute in
                    if case .string(let text) = attribute { copied[key] = text } else { copied[key] = "\(attribute)" }
                }
                tracer.update(id) { $0.attributes.merge(copied) { _, new in new } }
            }
        }
        func setStatus(_ status: SpanStatus) {
            if status.code == .error { tracer.update(id) { $0.failed = true } }
        }
        func addLink(_ link: SpanLink) {}
        func addEvent(_ event: SpanEvent) {}
        func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {}
        func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {}
    }
}
