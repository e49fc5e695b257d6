extension Optional {
    /// The value mapped by an asynchronous throwing function, or `nil`: `Optional.map` for `await`.
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
