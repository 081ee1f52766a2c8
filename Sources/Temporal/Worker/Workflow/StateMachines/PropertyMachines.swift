import Foundation

/// Commands that change the run's own properties and wait for nothing: search-attribute upserts
/// (UPSERT_WORKFLOW_SEARCH_ATTRIBUTES), memo changes (MODIFY_WORKFLOW_PROPERTIES) and patch markers.
extension WorkflowInstance {
    func upsertSearchAttributes(_ attributes: Api.Common.V1.SearchAttributes) {
        for (key, value) in attributes.indexedFields { searchAttributes.indexedFields[key] = value }
        var command = Api.Command.V1.Command()
        command.commandType = .upsertWorkflowSearchAttributes
        command.upsertWorkflowSearchAttributesCommandAttributes = .with { $0.searchAttributes = attributes }
        issueUnwaited(command, expecting: .upsertWorkflowSearchAttributes)
    }

    func upsertMemo(_ fields: [String: Api.Common.V1.Payload]) {
        for (key, value) in fields { memo.fields[key] = value }
        var command = Api.Command.V1.Command()
        command.commandType = .modifyWorkflowProperties
        command.modifyWorkflowPropertiesCommandAttributes = .with { $0.upsertedMemo = .with { $0.fields = fields } }
        issueUnwaited(command, expecting: .workflowPropertiesModified)
    }

    /// Whether the run takes the patched code path; the answer never changes within a run.
    func patch(_ id: String, deprecated: Bool) -> Bool {
        if let known = patches[id] { return known }
        let taken: Bool
        if isReplaying {
            // Replaying: take the new path only if the history recorded the marker for this task.
            taken = recordedPatches.contains(id)
        } else {
            taken = true
        }
        patches[id] = taken
        guard taken else { return false }
        var command = Api.Command.V1.Command()
        command.commandType = .recordMarker
        command.recordMarkerCommandAttributes = .with {
            $0.markerName = PatchMarker.name
            $0.details = PatchMarker.details(id: id, deprecated: deprecated)
        }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == .markerRecorded,
                        let data = PatchMarker.decode(event.markerRecordedEventAttributes)
                    else { return "expected the patch marker \(id)" }
                    return data.id == id ? nil : "the history's patch is \(data.id), the code's \(id)"
                },
                recorded: { _ in }, summary: "RecordMarker(patch \(id))"))
        // As core's SDKs: the patches a run took are listed in the TemporalChangeVersion attribute.
        let taken_ = patches.filter(\.value).keys.sorted()
        if let payload = try? payloadConverter.convertValue(taken_) {
            upsertSearchAttributes(.with { $0.indexedFields[PatchMarker.searchAttribute] = keywordList(payload) })
        }
        return true
    }

    private func keywordList(_ payload: Api.Common.V1.Payload) -> Api.Common.V1.Payload {
        var payload = payload
        payload.metadata["type"] = Data("KeywordList".utf8)
        return payload
    }

    private func issueUnwaited(_ command: Api.Command.V1.Command, expecting eventType: Api.Enums.V1.EventType) {
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { $0.eventType == eventType ? nil : "expected \(eventType)" },
                recorded: { _ in }, summary: "\(command.commandType)"))
    }

    func userMetadata(summary: String?, details: String? = nil) -> Api.Sdk.V1.UserMetadata {
        payloadConverter.userMetadata(summary: summary, details: details)
    }

    /// A UUID drawn from the run's random numbers (the same on every replay).
    func randomUUID() -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 { bytes[index] = UInt8.random(in: 0...255, using: &random) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    func memoWireValue(_ memo: [String: any Sendable]) throws -> Api.Common.V1.Memo {
        var wire = Api.Common.V1.Memo()
        for (key, value) in memo { wire.fields[key] = try payloadConverter.convertValue(value) }
        return wire
    }
}
