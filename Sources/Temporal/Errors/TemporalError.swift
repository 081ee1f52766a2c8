/// The common shape of every error the SDK defines: a message, an optional underlying cause and
/// a stack trace (often empty in Swift).
public protocol TemporalError: Error, CustomStringConvertible {
    /// A human-readable description of what went wrong.
    var message: String { get set }

    /// The error that led to this one, if any.
    var cause: (any Error)? { get set }

    /// The stack trace recorded where the error arose, or an empty string.
    var stackTrace: String { get set }
}

extension TemporalError {
    /// The message, followed by the cause's description when there is one.
    public var description: String {
        guard let cause else { return message }
        return "\(message) (cause: \(cause))"
    }
}
