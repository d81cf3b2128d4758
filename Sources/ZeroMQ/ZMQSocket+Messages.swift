import CZeroMQ

extension ZMQSocket {
    /// Sends all frames as one multipart message.
    ///
    /// - Returns: false if `dontWait` and the message could not be queued now (high-water mark).
    /// - Throws: `ZMQError` — notably `isHostUnreachable` for a ROUTER_MANDATORY send to a gone peer.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws -> Bool {
        let base: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        let last = frames.count - 1
        if last < 0 { return true }
        for index in 0...last {
            let flags = index < last ? base | ZMQ_SNDMORE : base
            let rc = frames[index].withUnsafeBytes { raw in
                zmq_send(handle, raw.baseAddress, raw.count, flags)
            }
            if rc < 0 {
                let error = ZMQError.last("send")
                // Only the first frame can report EAGAIN/EHOSTUNREACH; later frames of a multipart
                // message are queued atomically with it.
                if error.isWouldBlock && index == 0 { return false }
                if error.code == EINTR && index == 0 { return try send(frames, dontWait: dontWait) }
                throw error
            }
        }
        return true
    }

    /// Receives one whole multipart message.
    ///
    /// - Returns: nil if `dontWait` and nothing is waiting (or a signal interrupted a blocking wait).
    public func receive(dontWait: Bool = false) throws -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        frames.reserveCapacity(6)
        var userID: String?
        return try receiveFrames(into: &frames, userID: &userID, dontWait: dontWait, readingUserID: false) ? frames : nil
    }

    /// Receives one whole multipart message and the ZAP user id its connection was authenticated as (the
    /// `User-Id` property libzmq attaches to each message; nil on a socket without ZAP).
    ///
    /// - Returns: nil if `dontWait` and nothing is waiting.
    public func receiveWithUserID(dontWait: Bool = false) throws -> (frames: [[UInt8]], userID: String?)? {
        var frames: [[UInt8]] = []
        frames.reserveCapacity(6)
        var userID: String?
        return try receiveFrames(into: &frames, userID: &userID, dontWait: dontWait, readingUserID: true)
            ? (frames, userID) : nil
    }

    /// Receives one whole multipart message into `frames`, which is emptied first with its capacity kept: a loop
    /// that takes tens of thousands of messages a second then allocates no new frame list for each. With
    /// `readingUserID`, `userID` is set to the connection's ZAP user id (nil without ZAP).
    ///
    /// - Returns: false if `dontWait` and nothing is waiting (or a signal interrupted a blocking wait).
    public func receive(into frames: inout [[UInt8]], userID: inout String?, readingUserID: Bool = false,
                        dontWait: Bool = false) throws -> Bool {
        try receiveFrames(into: &frames, userID: &userID, dontWait: dontWait, readingUserID: readingUserID)
    }

    private func receiveFrames(into frames: inout [[UInt8]], userID: inout String?, dontWait: Bool,
                               readingUserID: Bool) throws -> Bool {
        frames.removeAll(keepingCapacity: true)
        userID = nil
        var msg = zmq_msg_t()
        let flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        while true {
            zmq_msg_init(&msg)
            let rc = zmq_msg_recv(&msg, handle, frames.isEmpty ? flags : 0)
            if rc < 0 {
                let error = ZMQError.last("receive")
                zmq_msg_close(&msg)
                if frames.isEmpty && (error.isWouldBlock || error.code == EINTR) { return false }
                throw error
            }
            // A ROUTER's first frame is the routing id it made itself, without the connection's properties:
            // the first frame that came over the wire carries them.
            if readingUserID, userID == nil, let property = zmq_msg_gets(&msg, "User-Id") {
                userID = String(cString: property)
            }
            let size = zmq_msg_size(&msg)
            frames.append(interner.array(UnsafeRawBufferPointer(start: zmq_msg_data(&msg), count: size)))
            let more = zmq_msg_more(&msg) != 0
            zmq_msg_close(&msg)
            if !more { return true }
        }
    }
}
