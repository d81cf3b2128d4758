import Foundation
import Logging
import ZeroMQ

/// Subscribes to every district's event PUB socket on one OS thread and hands what arrives, one batch
/// per district per poll turn, to async code.
final class EventSubscriber: Sendable {
    enum Command: Sendable { case stop }

    let sources: [CoordinatorCore.Source]
    let mailbox: Mailbox<Command>
    let logger: Logger

    init(sources: [CoordinatorCore.Source], logger: Logger) throws {
        self.sources = sources
        self.logger = logger
        mailbox = try Mailbox()
    }

    /// Runs until `.stop`, yielding `(district, events)` batches.
    func run(context: ZMQContext, yield: @escaping @Sendable (String, [CoordinatorEvent]) -> Void) -> (any Error)? {
        var sockets: [(String, ZMQSocket)] = []
        defer { sockets.forEach { $0.1.close() } }
        do {
            for source in sources {
                let socket = try ZMQSocket(context, .sub)
                sockets.append((source.district, socket))
                try socket.set(.receiveHighWaterMark(1_000_000))
                try socket.set(.subscribe(Array("event".utf8)))
                try socket.connect(source.events)
            }
            var poller = Poller()
            let indexes = sockets.map { poller.add($0.1) }
            let mailboxIndex = poller.add(fileDescriptor: mailbox.fileDescriptor)
            while true {
                try poller.poll(timeoutMilliseconds: -1)
                if poller.isReadable(mailboxIndex), !mailbox.drain().isEmpty { return nil }
                for (position, index) in indexes.enumerated() where poller.isReadable(index) {
                    let (district, socket) = sockets[position]
                    var batch: [CoordinatorEvent] = []
                    while batch.count < 10_000, let frames = try socket.receive(dontWait: true) {
                        guard frames.count == 2,
                              let object = (try? JSONSerialization.jsonObject(with: Data(frames[1]))) as? [String: Any],
                              let event = CoordinatorEvent(json: object, district: district)
                        else { continue }
                        batch.append(event)
                    }
                    if !batch.isEmpty { yield(district, batch) }
                }
            }
        } catch {
            logger.error("event subscription failed", metadata: ["error": "\(error)"])
            return error
        }
    }
}
