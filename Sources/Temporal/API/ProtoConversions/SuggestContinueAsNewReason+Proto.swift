import TernAPI

extension SuggestContinueAsNewReason {
    /// The reason a wire value names; unknown values read as ``unspecified``.
    package init(_ proto: Api.Enums.V1.SuggestContinueAsNewReason) {
        switch proto {
        case .historySizeTooLarge: self = .historySizeTooLarge
        case .tooManyHistoryEvents: self = .tooManyHistoryEvents
        case .tooManyUpdates: self = .tooManyUpdates
        default: self = .unspecified
        }
    }
}

extension Api.Enums.V1.SuggestContinueAsNewReason {
    /// The wire form of `reason`.
    package init(_ reason: SuggestContinueAsNewReason) {
        switch reason {
        case .historySizeTooLarge: self = .historySizeTooLarge
        case .tooManyHistoryEvents: self = .tooManyHistoryEvents
        case .tooManyUpdates: self = .tooManyUpdates
        default: self = .unspecified
        }
    }
}
