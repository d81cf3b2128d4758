extension Duration {
    /// Whole milliseconds, rounded down: the unit of `zmq_poll` timeouts and socket options.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
