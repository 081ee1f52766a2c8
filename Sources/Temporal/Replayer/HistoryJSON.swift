import Foundation

/// Turns a history export into protobuf JSON that swift-protobuf decodes.
///
/// Temporal's web UI downloads histories with enum values spelled the way its older JSON encoder
/// wrote them: the value's name alone, in PascalCase (`"WorkflowExecutionStarted"`), where protobuf
/// JSON wants the full constant (`"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"`). Which enum a value
/// belongs to depends on its field (and for `cause`, `kind` and a few other generic names, on the
/// object holding it), so every enum-typed field that can occur in a history event, in the
/// failures it carries and in the messages those hold is listed below with its enum's prefix.
enum HistoryJSON {
    /// An enum-typed field: its JSON name, the key of the object that must hold it (`nil`: any
    /// object), and the prefix of its enum's constants.
    struct EnumField {
        let name: String
        let heldBy: String?
        let prefix: String
    }

    static let enumFields: [EnumField] = [
        // HistoryEvent
        EnumField(name: "eventType", heldBy: nil, prefix: "EVENT_TYPE"),
        // Event attributes
        EnumField(name: "initiator", heldBy: nil, prefix: "CONTINUE_AS_NEW_INITIATOR"),
        EnumField(name: "retryState", heldBy: nil, prefix: "RETRY_STATE"),
        EnumField(name: "parentClosePolicy", heldBy: nil, prefix: "PARENT_CLOSE_POLICY"),
        EnumField(name: "workflowIdReusePolicy", heldBy: nil, prefix: "WORKFLOW_ID_REUSE_POLICY"),
        EnumField(name: "workflowIdConflictPolicy", heldBy: nil, prefix: "WORKFLOW_ID_CONFLICT_POLICY"),
        EnumField(name: "timeoutType", heldBy: nil, prefix: "TIMEOUT_TYPE"),
        EnumField(name: "versioningBehavior", heldBy: nil, prefix: "VERSIONING_BEHAVIOR"),
        EnumField(name: "initialVersioningBehavior", heldBy: nil, prefix: "CONTINUE_AS_NEW_VERSIONING_BEHAVIOR"),
        EnumField(name: "suggestContinueAsNewReasons", heldBy: nil, prefix: "SUGGEST_CONTINUE_AS_NEW_REASON"),
        EnumField(
            name: "origin", heldBy: "workflowExecutionUpdateAdmittedEventAttributes", prefix: "UPDATE_ADMITTED_EVENT_ORIGIN"),
        EnumField(name: "behavior", heldBy: "versioningOverride", prefix: "VERSIONING_BEHAVIOR"),
        EnumField(
            name: "cause", heldBy: "workflowTaskFailedEventAttributes", prefix: "WORKFLOW_TASK_FAILED_CAUSE"),
        EnumField(
            name: "cause", heldBy: "activityTaskFailedEventAttributes", prefix: "ACTIVITY_TASK_FAILED_CAUSE"),
        EnumField(
            name: "cause", heldBy: "startChildWorkflowExecutionFailedEventAttributes",
            prefix: "START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE"),
        EnumField(
            name: "cause", heldBy: "signalExternalWorkflowExecutionFailedEventAttributes",
            prefix: "SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE"),
        EnumField(
            name: "cause", heldBy: "requestCancelExternalWorkflowExecutionFailedEventAttributes",
            prefix: "CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE"),
        // TaskQueue
        EnumField(name: "kind", heldBy: "taskQueue", prefix: "TASK_QUEUE_KIND"),
        // Failure details
        EnumField(name: "category", heldBy: "applicationFailureInfo", prefix: "APPLICATION_ERROR_CATEGORY"),
        EnumField(name: "retryBehavior", heldBy: "nexusHandlerFailureInfo", prefix: "NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR"),
    ]

    /// The prefix of the enum `field` holds when it sits in an object under `key`, if it is an enum field.
    static func enumPrefix(field: String, heldBy key: String?) -> String? {
        enumFields.first { $0.name == field && ($0.heldBy == nil || $0.heldBy == key) }?.prefix
    }

    /// The export as protobuf JSON: `{"events": [...]}` with every enum value spelled as a
    /// protobuf constant. Returns `data` itself when nothing needed changing.
    static func protobufJSON(from data: Data) throws -> Data {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ArgumentError(message: "The workflow history is not valid JSON: \(error)", cause: error)
        }
        var events: [Any]
        var root: [String: Any]
        var wrapped = false
        switch document {
        case let object as [String: Any]:
            guard let list = object["events"] else {
                throw ArgumentError(message: "The workflow history JSON has no \"events\" array")
            }
            guard let array = list as? [Any] else {
                throw ArgumentError(message: "The \"events\" of the workflow history JSON is not an array")
            }
            root = object
            events = array
        case let array as [Any]:
            root = [:]
            events = array
            wrapped = true
        default:
            throw ArgumentError(
                message: "The workflow history JSON is neither an object with an \"events\" array nor an array of events")
        }
        if events.isEmpty {
            throw ArgumentError(message: "The workflow history JSON holds no events")
        }
        var changed = wrapped
        for index in events.indices {
            guard var event = events[index] as? [String: Any] else {
                throw ArgumentError(message: "Event \(index + 1) of the workflow history JSON is not an object")
            }
            if normalize(&event, key: nil) {
                events[index] = event
                changed = true
            }
        }
        guard changed else { return data }
        root["events"] = events
        return try JSONSerialization.data(withJSONObject: root, options: [.withoutEscapingSlashes])
    }

    /// Rewrites the short enum spellings in `object` (held under `key`) and below; whether anything changed.
    private static func normalize(_ object: inout [String: Any], key: String?) -> Bool {
        var changed = false
        for (field, value) in object {
            switch value {
            case let text as String:
                if let prefix = enumPrefix(field: field, heldBy: key), let fixed = constant(text, prefix: prefix) {
                    object[field] = fixed
                    changed = true
                }
            case var child as [String: Any]:
                if normalize(&child, key: field) {
                    object[field] = child
                    changed = true
                }
            case var list as [Any]:
                let prefix = enumPrefix(field: field, heldBy: key)
                var listChanged = false
                for index in list.indices {
                    if let text = list[index] as? String, let prefix, let fixed = constant(text, prefix: prefix) {
                        list[index] = fixed
                        listChanged = true
                    } else if var element = list[index] as? [String: Any], normalize(&element, key: field) {
                        list[index] = element
                        listChanged = true
                    }
                }
                if listChanged {
                    object[field] = list
                    changed = true
                }
            default:
                break
            }
        }
        return changed
    }

    /// `PREFIX_UPPER_SNAKE` for a PascalCase value (`"StartToClose"` → `TIMEOUT_TYPE_START_TO_CLOSE`);
    /// `nil` when the value already is a constant (or a number in a string) and needs no change.
    static func constant(_ value: String, prefix: String) -> String? {
        guard let first = value.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first),
            value.unicodeScalars.contains(where: { CharacterSet.lowercaseLetters.contains($0) }),
            !value.hasPrefix(prefix + "_")
        else { return nil }
        var result = prefix
        var previousWasUpper = false
        for scalar in value.unicodeScalars {
            let isUpper = CharacterSet.uppercaseLetters.contains(scalar)
            // A run of capitals is one word (as in "ID"); a new word starts at a capital after a
            // lower-case letter or digit, and at the start.
            if isUpper && !previousWasUpper { result += "_" }
            if scalar != "_" { result.unicodeScalars.append(contentsOf: String(scalar).uppercased().unicodeScalars) }
            previousWasUpper = isUpper
        }
        return result
    }
}
