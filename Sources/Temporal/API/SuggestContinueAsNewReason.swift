/// Why the server suggests that a workflow continue as new.
@nonexhaustive
public enum SuggestContinueAsNewReason: Sendable, Hashable {
    /// No particular reason given.
    case unspecified

    /// The history is getting too large in bytes.
    case historySizeTooLarge

    /// The history has too many events.
    case tooManyHistoryEvents

    /// The run has handled too many updates.
    case tooManyUpdates
}
