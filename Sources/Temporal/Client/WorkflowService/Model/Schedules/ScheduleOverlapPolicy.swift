/// What a schedule does when an action is due while its previous run is still open.
public enum ScheduleOverlapPolicy: CustomStringConvertible, Hashable, Sendable {
    /// Do not take the action.
    case skip

    /// Take it once the open run closes; later due actions meanwhile are dropped.
    case bufferOne

    /// Take every due action, one after another, as runs close.
    case bufferAll

    /// Cancel the open run, then take the action once it closed.
    case cancelOther

    /// Terminate the open run and take the action.
    case terminateOther

    /// Take the action at once, whatever is open.
    case allowAll

    /// The policy's name in the CLI's spelling (`buffer-one`, say).
    public var description: String {
        switch self {
        case .skip: "skip"
        case .bufferOne: "buffer-one"
        case .bufferAll: "buffer-all"
        case .cancelOther: "cancel-other"
        case .terminateOther: "terminate-other"
        case .allowAll: "allow-all"
        }
    }
}
