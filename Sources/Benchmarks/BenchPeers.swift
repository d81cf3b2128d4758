import DequeModule
import Foundation
import Histogram
import Majordomo
import Synchronization
import ZeroMQ

/// What a bench client speaks: bare frames to an echo ROUTER, or Majordomo in some dialect.
enum BenchProtocol: Sendable {
    case raw
    case majordomo(Dialect, service: [UInt8])
    /// `xk.submit` with a fixed help-request body; latency from a FIFO of send times, since the
    /// answer (an id) cannot carry the request's stamp.
    case submit(body: [UInt8])
}

/// Monotonic nanoseconds, for round-trip latency stamped into each request body.
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// One bench client: keeps `window` requests in flight for `duration`, then drains.
struct BenchClient: Sendable {
    static let submitService = Array("xk.submit".utf8)
    let endpoint: String
    let proto: BenchProtocol
    let window: Int
    let duration: Duration
    let bodySize: Int
    /// With keys: a CURVE client of the dispatcher.
    var curve: CurveClientKeys? = nil

    struct Result: Sendable {
        var completed = 0
        var lost = 0
        var elapsed: Duration = .zero
        var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    }

    func run(context: ZMQContext) throws -> Result {
        let socket = try ZMQSocket(context, .dealer)
        defer { socket.close() }
        try socket.set(.sendHighWaterMark(100_000))
        try socket.set(.receiveHighWaterMark(100_000))
        if let curve { try socket.secure(asClient: curve) }
        try socket.connect(endpoint)
        var result = Result()
        var body = [UInt8](repeating: 0x2e, count: max(bodySize, 8))
        let clock = ContinuousClock()
        let start = clock.now
        let stopAt = start + duration
        var inFlight = 0
        var sentAt = Deque<UInt64>()
        func sendOne() throws {
            let stamp = monotonicNanos()
            if case .submit(let request) = proto {
                sentAt.append(stamp)
                try socket.send(ClientCodec.request(.rfc18, service: Self.submitService, body: [request]))
                inFlight += 1
                return
            }
            withUnsafeBytes(of: stamp.littleEndian) { raw in
                for i in 0..<8 { body[i] = raw[i] }
            }
            switch proto {
            case .raw: try socket.send([body])
            case .majordomo(let dialect, let service):
                try socket.send(ClientCodec.request(dialect, service: service, body: [body]))
            case .submit:
                break
            }
            inFlight += 1
        }
        for _ in 0..<window { try sendOne() }
        var poller = Poller()
        poller.add(socket)
        while inFlight > 0 {
            guard try poller.poll(timeoutMilliseconds: 2000) > 0 else {
                result.lost = inFlight
                break
            }
            while let frames = try socket.receive(dontWait: true) {
                let sent: UInt64
                if case .submit = proto {
                    guard let first = sentAt.popFirst(), frames.last?.starts(with: Array("{\"d".utf8)) == true else {
                        result.lost += 1
                        inFlight -= 1
                        continue
                    }
                    sent = first
                } else {
                    guard let last = frames.last, last.count >= 8 else { continue }
                    sent = last.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                }
                _ = result.latency.record(monotonicNanos() &- sent)
                result.completed += 1
                inFlight -= 1
                if clock.now < stopAt { try sendOne() }
            }
        }
        result.elapsed = clock.now - start
        return result
    }
}

/// An echo peer that runs until `stop` is set: a raw ROUTER echo, or a Majordomo echo worker.
final class BenchEcho: Sendable {
    enum Role: Sendable {
        case rawRouter(bind: String)
        /// A raw echo worker behind `zmq_proxy`: a DEALER that sends every message back as it came.
        case rawDealer(connect: String)
        /// With `final`, every request is answered with that body (a ward worker's outcome) instead of an echo.
        /// With `curve`, a CURVE client of the broker.
        case worker(connect: String, dialect: Dialect, service: [UInt8], credit: Int, final: [UInt8]? = nil,
                    curve: CurveClientKeys? = nil)
    }

    let role: Role
    private let stopFlag = Atomic<Bool>(false)
    /// Requests answered so far.
    let answered = Atomic<Int>(0)
    let bound = AsyncPromise<String>()

    init(_ role: Role) { self.role = role }

    func stop() { stopFlag.store(true, ordering: .relaxed) }

    func run(context: ZMQContext) {
        do {
            switch role {
            case .rawRouter(let endpoint): try echoRouter(context, endpoint)
            case .rawDealer(let endpoint): try echoDealer(context, endpoint)
            case .worker(let endpoint, let dialect, let service, let credit, let final, let curve):
                try echoWorker(context, endpoint, dialect, service, credit, final, curve)
            }
        } catch {
            bound.fail(error)
        }
    }

    private func echoRouter(_ context: ZMQContext, _ endpoint: String) throws {
        let socket = try ZMQSocket(context, .router)
        defer { socket.close() }
        try socket.set(.sendHighWaterMark(100_000))
        try socket.set(.receiveHighWaterMark(100_000))
        try socket.bind(endpoint)
        bound.succeed(try socket.lastEndpoint())
        var poller = Poller()
        poller.add(socket)
        while !stopFlag.load(ordering: .relaxed) {
            guard try poller.poll(timeoutMilliseconds: 100) > 0 else { continue }
            while let frames = try socket.receive(dontWait: true) { try socket.send(frames) }
        }
    }

    private func echoDealer(_ context: ZMQContext, _ endpoint: String) throws {
        let socket = try ZMQSocket(context, .dealer)
        defer { socket.close() }
        try socket.set(.sendHighWaterMark(100_000))
        try socket.set(.receiveHighWaterMark(100_000))
        try socket.connect(endpoint)
        bound.succeed(endpoint)
        var poller = Poller()
        poller.add(socket)
        while !stopFlag.load(ordering: .relaxed) {
            guard try poller.poll(timeoutMilliseconds: 100) > 0 else { continue }
            while let frames = try socket.receive(dontWait: true) {
                try socket.send(frames)
                answered.add(1, ordering: .relaxed)
            }
        }
    }

    private func echoWorker(_ context: ZMQContext, _ endpoint: String, _ dialect: Dialect, _ service: [UInt8],
                            _ credit: Int, _ final: [UInt8]?, _ curve: CurveClientKeys?) throws {
        let socket = try ZMQSocket(context, .dealer)
        defer { socket.close() }
        try socket.set(.sendHighWaterMark(100_000))
        try socket.set(.receiveHighWaterMark(100_000))
        if let curve { try socket.secure(asClient: curve) }
        try socket.connect(endpoint)
        try socket.send(WorkerCodec.ready(dialect, service: service, credit: credit))
        bound.succeed(endpoint)
        let commandIndex = dialect.hasEnvelopeDelimiter ? 2 : 1
        let requestCommand: [UInt8] = [0x02]
        let finalCommand: [UInt8] = [dialect == .mdp01 ? 0x03 : 0x04]
        var poller = Poller()
        poller.add(socket)
        var lastSent = ContinuousClock.now
        while !stopFlag.load(ordering: .relaxed) {
            if try poller.poll(timeoutMilliseconds: 100) > 0 {
                while var frames = try socket.receive(dontWait: true) {
                    // Turn the REQUEST into its FINAL in place, as a lean C echo worker would:
                    // the bench should measure the broker, not the worker's allocations.
                    guard frames.count > commandIndex + 2, frames[commandIndex] == requestCommand else { continue }
                    frames[commandIndex] = finalCommand
                    if let final { frames[frames.count - 1] = final }
                    try socket.send(frames)
                    answered.add(1, ordering: .relaxed)
                    lastSent = .now
                }
            }
            if ContinuousClock.now - lastSent > .seconds(1) {
                try socket.send(WorkerCodec.heartbeat(dialect))
                lastSent = .now
            }
        }
        try? socket.send(WorkerCodec.disconnect(dialect), dontWait: true)
    }
}
