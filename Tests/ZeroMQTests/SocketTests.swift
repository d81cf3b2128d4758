import Testing
@testable import ZeroMQ

@Suite("The Swift layer over libzmq")
struct SocketTests {
    @Test("multipart messages arrive whole and byte-exact, including repeated short frames")
    func multipartRoundTrip() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let a = try ZMQSocket(context, .pair)
        let b = try ZMQSocket(context, .pair)
        defer { a.close(); b.close() }
        try a.bind("inproc://round-trip")
        try b.connect("inproc://round-trip")
        // Same lengths, different bytes: the frame interner must never hand back a look-alike.
        let messages: [[[UInt8]]] = [
            [[], [1], Array("MDPC02".utf8), Array("MDPW02".utf8), [UInt8](repeating: 7, count: 100)],
            [Array("MDPC01".utf8), [2], Array("ward.00286".utf8), Array("ward.00289".utf8)],
            [[UInt8](repeating: 0xff, count: 24), [UInt8](repeating: 0xfe, count: 24), [UInt8](repeating: 0, count: 25)],
        ]
        for message in messages {
            try a.send(message)
            #expect(try b.receive() == message)
        }
        #expect(try b.receive(dontWait: true) == nil, "nothing extra arrives")
    }

    @Test("a ROUTER with ROUTER_MANDATORY reports a send to an unknown peer instead of dropping it")
    func routerMandatory() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let router = try ZMQSocket(context, .router)
        defer { router.close() }
        try router.set(.routerMandatory(true))
        try router.bind("tcp://127.0.0.1:0")
        #expect {
            try router.send([Array("nobody".utf8), Array("hello".utf8)], dontWait: true)
        } throws: { error in
            (error as? ZMQError)?.isHostUnreachable == true
        }
    }

    @Test("binding port 0 reports the real port")
    func lastEndpoint() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context, .router)
        defer { socket.close() }
        try socket.bind("tcp://127.0.0.1:0")
        let endpoint = try socket.lastEndpoint()
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(Int(endpoint.split(separator: ":").last ?? "") ?? 0 > 0)
    }

    @Test("a bad endpoint is an error that names it")
    func badEndpoint() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context, .router)
        defer { socket.close() }
        #expect {
            try socket.bind("tcp://no-such-host-xk:5555")
        } throws: { error in
            "\(error)".contains("bind tcp://no-such-host-xk:5555")
        }
    }

    @Test("a mailbox wakes its poller and hands over commands in order")
    func mailbox() throws {
        let mailbox = try Mailbox<Int>()
        var poller = Poller()
        let index = poller.add(fileDescriptor: mailbox.fileDescriptor)
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        mailbox.post(1)
        mailbox.post(2)
        #expect(try poller.poll(timeoutMilliseconds: 1000) == 1)
        #expect(poller.isReadable(index))
        #expect(mailbox.drain() == [1, 2])
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0, "drained: no spurious wake-up")
    }

    @Test("libzmq on this machine has CURVE (needed by the security issue)")
    func curve() {
        #expect(ZMQContext.has("curve"))
    }
}
