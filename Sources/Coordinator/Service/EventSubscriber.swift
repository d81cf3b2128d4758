import Logging
import ServiceLifecycle
import XungKichWire
import ZeroMQ

/// Subscribes to every district's events PUB socket on one OS thread (a thread blocked in `zmq_poll` must
/// not be one of the cooperative pool's) and hands what arrives, one batch per district per poll turn, to the
/// ``FollowerService``. A service of the coordinator's group: it stops on graceful shutdown, and a socket
/// that fails ends the group with the cause.
final class EventSubscriber: Service, Sendable {
    enum Command: Sendable { case stop }

    let sources: [CoordinatorCore.Source]
    let mailbox: Mailbox<Command>
    let logger: Logger
    private let batches: AsyncStream<EventBatch>.Continuation

    /// A subscriber that yields into `batches` (finished when the subscriber stops).
    init(sources: [CoordinatorCore.Source], batches: AsyncStream<EventBatch>.Continuation, logger: Logger) throws {
        self.sources = sources
        self.batches = batches
        self.logger = logger
        mailbox = try Mailbox()
    }

    func run() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let mailbox = self.mailbox
        let failure = await withTaskCancellationOrGracefulShutdownHandler {
            await SocketThread.run(name: "xk-coordinator-sub") { self.follow(context: context) }
        } onCancelOrGracefulShutdown: {
            mailbox.post(.stop)
        }
        batches.finish()
        if let failure {
            logger.error("event subscription failed", metadata: ["error": "\(failure)"])
            throw failure
        }
    }

    /// The socket loop; returns on `.stop` (nil) or on a socket failure (its cause).
    private func follow(context: ZMQContext) -> CoordinatorError? {
        var sockets: [(district: String, socket: ZMQSocket)] = []
        defer { sockets.forEach { $0.socket.close() } }
        for source in sources {
            do {
                let socket = try ZMQSocket(context, .sub)
                sockets.append((source.district, socket))
                try socket.set(.receiveHighWaterMark(1_000_000))
                try socket.set(.subscribe(WireEvent.topic))
                if let curve = source.curve { try socket.secure(asClient: curve) }
                try socket.connect(source.events)
            } catch {
                return .eventsUnavailable(district: source.district, endpoint: source.events, reason: "\(error)")
            }
        }
        do {
            var poller = Poller()
            let indexes = sockets.map { poller.add($0.socket) }
            let mailboxIndex = poller.add(fileDescriptor: mailbox.fileDescriptor)
            while true {
                try poller.poll(timeoutMilliseconds: -1)
                if poller.isReadable(mailboxIndex), !mailbox.drain().isEmpty { return nil }
                for (position, index) in indexes.enumerated() where poller.isReadable(index) {
                    let (district, socket) = sockets[position]
                    var batch: [CoordinatorEvent] = []
                    while batch.count < 10_000, let frames = try socket.receive(dontWait: true) {
                        if let event = decode(frames, district: district) { batch.append(event) }
                    }
                    if !batch.isEmpty { batches.yield(EventBatch(district: district, events: batch)) }
                }
            }
        } catch {
            return .subscriptionFailed(reason: "\(error)")
        }
    }

    /// One PUB message, `["event", JSON]`. One that does not read is logged and left out: the follower then
    /// sees a gap in the sequence and asks the dispatcher for the event again.
    private func decode(_ frames: [[UInt8]], district: String) -> CoordinatorEvent? {
        guard frames.count == 2, frames[0] == WireEvent.topic else {
            logger.warning("an events message is not [\"event\", JSON]; left out, the follower will replay what it missed",
                           metadata: ["district": "\(district)", "frames": "\(frames.count)"])
            return nil
        }
        do {
            return CoordinatorEvent(district: district, event: try WireJSON.decode(WireEvent.self, from: frames[1]))
        } catch {
            logger.warning("an event could not be read; left out, the follower will replay it",
                           metadata: ["district": "\(district)", "error": "\(error)"])
            return nil
        }
    }
}
