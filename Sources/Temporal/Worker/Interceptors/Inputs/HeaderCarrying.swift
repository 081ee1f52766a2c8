/// An interceptor input whose headers go out with the work it starts (so a tracing interceptor can
/// put its context in them without knowing the input's type).
protocol HeaderCarrying: Sendable {
    var headers: [String: Api.Common.V1.Payload] { get set }
}

extension ScheduleActivityInput: HeaderCarrying {}
extension ScheduleLocalActivityInput: HeaderCarrying {}
extension StartChildWorkflowInput: HeaderCarrying {}
extension SignalChildWorkflowInput: HeaderCarrying {}
extension SignalExternalWorkflowInput: HeaderCarrying {}
extension MakeContinueAsNewErrorInput: HeaderCarrying {}
