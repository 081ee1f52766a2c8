extension TemporalClient {
    /// A handle on an activity left running by its worker, to finish it from here.
    public func asyncActivityHandle(for reference: AsyncActivityHandle.Reference) -> AsyncActivityHandle {
        AsyncActivityHandle(client: self, reference: reference)
    }
}
