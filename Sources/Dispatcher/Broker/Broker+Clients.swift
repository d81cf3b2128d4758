import Majordomo
import XungKichWire

extension Broker {
    /// The dispatcher's own services (`xk.submit`, `xk.status`, …).
    static let dispatcherPrefix = Array("xk.".utf8)

    mutating func clientRequest(from client: [UInt8], _ dialect: Dialect, service: [UInt8], body: [[UInt8]],
                                userID: String? = nil, now: Instant, into out: inout Outbox) {
        if MMI.isReserved(service) {
            let code: [UInt8]
            if service == MMI.service {
                code = body.first.map { internalServices.contains($0) || workerCount(service: $0) > 0 } == true
                    ? MMI.found : MMI.notFound
            } else {
                code = MMI.notImplemented
            }
            reply(to: client, dialect, service: service, final: true, body: [code], into: &out)
            return
        }
        if internalServices.contains(service) {
            out.internalRequests.append((client, dialect, service, body, userID))
            return
        }
        if internalServices.isEmpty, service.starts(with: Self.dispatcherPrefix), workerCount(service: service) == 0 {
            // A plain broker (no --data): say so at once rather than queue a help request no one will take.
            let refusal = WireError(.unavailable, "this dispatcher takes no help requests: it was started without "
                + "--data, as a plain Majordomo broker. Use the district's durable dispatcher.")
            reply(to: client, dialect, service: service, final: true, body: [refusal.json], into: &out)
            return
        }
        guard queuedCount < configuration.maxQueuedRequests else {
            out.notices.append(.requestRefused(service: service, reason: "queue full"))
            return
        }
        let request = Request(client: client, dialect: dialect, service: service, body: body,
                              expiresAt: now + configuration.requestExpiry, deliveries: 0)
        services[ByteKey(service), default: Service()].pending.append(request)
        queuedCount += 1
        dispatch(service, now: now, into: &out)
    }

    /// Relays a worker's reply to whoever asked: a client, or the dispatcher itself.
    mutating func reply(for request: Request, final: Bool, body: [[UInt8]], into out: inout Outbox) {
        if request.isInternal {
            out.internalReplies.append((request.tag, final, body))
        } else {
            reply(to: request.client, request.dialect, service: request.service, final: final, body: body, into: &out)
        }
    }

    mutating func reply(to client: [UInt8], _ dialect: Dialect, service: [UInt8], final: Bool,
                        body: [[UInt8]], into out: inout Outbox) {
        if let frames = BrokerOutbound.reply(to: client, dialect, service: service, final: final, body: body) {
            out.send(.reply, frames)
        }
    }

    /// Hands queued requests of `service` to workers with spare credit, longest-waiting worker first;
    /// a worker that still has credit goes to the back of the line, so load spreads evenly.
    mutating func dispatch(_ service: [UInt8], now: Instant, into out: inout Outbox) {
        // The service's and each worker's entry are found once and changed in place through their indices (valid
        // while nothing is added to or removed from the tables here), so neither is hashed again nor copied.
        guard let entry = services.index(forKey: ByteKey(service)) else { return }
        while !services.values[entry].pending.isEmpty, let peer = services.values[entry].ready.popFirst() {
            guard let worker = workers.index(forKey: ByteKey(peer)) else { continue }
            var request = services.values[entry].pending.removeFirst()
            queuedCount -= 1
            request.deliveries += 1
            let id = nextDeliveryID
            nextDeliveryID += 1
            out.send(.request, BrokerOutbound.request(to: peer, workers.values[worker].dialect,
                                                      client: Self.address(of: id), body: request.body))
            inFlightCount += 1
            if workers.values[worker].assign(id, request) { services.values[entry].ready.append(peer) }
        }
    }

    /// Puts a request whose worker is gone back at the head of its queue — unless it has already
    /// been delivered `maxDeliveries` times.
    mutating func requeue(_ request: Request, now: Instant, into out: inout Outbox) {
        guard !request.isInternal else { return out.internalLost.append(request.tag) }
        guard request.deliveries < configuration.maxDeliveries else {
            out.notices.append(.requestAbandoned(service: request.service, deliveries: request.deliveries))
            return
        }
        var request = request
        request.expiresAt = now + configuration.requestExpiry
        services[ByteKey(request.service), default: Service()].pending.prepend(request)
        queuedCount += 1
        out.notices.append(.requestRequeued(service: request.service, deliveries: request.deliveries))
    }

    /// The reply address a worker sees: the delivery id, 8 bytes big-endian.
    static func address(of id: UInt64) -> [UInt8] {
        withUnsafeBytes(of: id.bigEndian) { Array($0) }
    }

    static func deliveryID(_ address: [UInt8]) -> UInt64? {
        guard address.count == 8 else { return nil }
        return address.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
