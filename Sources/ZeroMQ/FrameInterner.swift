/// Shares one array for each one-byte frame instead of allocating a new one per message:
/// protocols on ZeroMQ (Majordomo's command bytes among them) send many such frames, and at
/// tens of thousands of messages a second the allocations show.
enum FrameInterner {
    private static let singleBytes: [[UInt8]] = (0...255).map { [UInt8($0)] }

    static func shared(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        bytes.count == 1 ? singleBytes[Int(bytes[0])] : nil
    }
}
