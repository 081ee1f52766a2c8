/// How far an update must have got before a call that sends it returns.
public enum WorkflowUpdateStage: Sendable {
    /// The server has received the update.
    case admitted

    /// The workflow's validator (if any) has accepted the update.
    case accepted

    /// The update's handler has finished.
    case completed
}
