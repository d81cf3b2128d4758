import Foundation
import Testing
@testable import ZeroMQ

@Suite("Waiting on a socket and a mailbox with one poll")
struct SocketWaiterTests {
    @Test("a waiter asleep on an empty socket wakes for a message sent later over tcp, and sees every message")
    func wakesForLaterMessages() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let router = try ZMQSocket(context, .router)
        defer { router.close() }
        try router.bind("tcp://127.0.0.1:0")
        let endpoint = try router.lastEndpoint()
        let mailbox = try Mailbox<Int>()
        var waiter = try SocketWaiter(socket: router, otherFileDescriptor: mailbox.fileDescriptor)
        #expect(try waiter.wait(timeoutMilliseconds: 0) == .init(socket: false, other: false))

        // A peer sends one message at a time, each only after the waiter has gone back to sleep: every one must
        // wake it well before the long timeout (a missed edge would leave it asleep for the whole wait).
        let sent = 20
        let peer = Thread {
            guard let dealer = try? ZMQSocket(context, .dealer) else { return }
            defer { dealer.close() }
            try? dealer.connect(endpoint)
            for index in 0..<sent {
                Thread.sleep(forTimeInterval: 0.005)
                _ = try? dealer.send([[UInt8(index)]])
            }
        }
        peer.start()
        var received: [UInt8] = []
        let started = ContinuousClock.now
        while received.count < sent, ContinuousClock.now - started < .seconds(20) {
            let ready = try waiter.wait(timeoutMilliseconds: 10_000)
            #expect(!ready.other)
            guard ready.socket else { continue }
            while let frames = try router.receive(dontWait: true) { received.append(frames[1][0]) }
        }
        #expect(received == (0..<UInt8(sent)).map { $0 }, "every message, in order")
        #expect(ContinuousClock.now - started < .seconds(5), "no wait ran to its timeout")
    }

    @Test("the other descriptor wakes the waiter while the socket stays empty")
    func otherDescriptor() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let router = try ZMQSocket(context, .router)
        defer { router.close() }
        try router.bind("tcp://127.0.0.1:0")
        let mailbox = try Mailbox<Int>()
        var waiter = try SocketWaiter(socket: router, otherFileDescriptor: mailbox.fileDescriptor)
        mailbox.post(7)
        #expect(!mailbox.isEmpty)
        #expect(try waiter.wait(timeoutMilliseconds: 5_000) == .init(socket: false, other: true))
        #expect(mailbox.drain() == [7])
        #expect(mailbox.isEmpty)
    }
}
