import TernAPI

/// An error that travels as a Temporal `Failure`: thrown from a workflow it fails the workflow
/// execution (rather than just the workflow task), and failures that arrive from the server
/// surface as one of these.
public protocol TemporalFailureError: TemporalError {}
