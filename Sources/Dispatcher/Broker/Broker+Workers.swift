import Majordomo

extension Broker {
    mutating func workerCommand(from peer: [UInt8], _ command: BrokerInbound, now: Instant, into out: inout Outbox) {
        let dialect = command.dialect
        // One look-up by routing id per message; the worker is then read and changed in place through its index
        // (`workers.values[index]`), which stays valid while no worker is added or removed. Each `workers[key]`
        // hashed the id again, and copying a worker out retained its tables: together a sixth of the loop
        // thread's time under load with plain workers.
        guard let index = workers.index(forKey: ByteKey(peer)) else {
            if case .ready(_, let service, let credit) = command {
                register(peer, dialect, service: service, credit: credit, now: now, into: &out)
            } else if case .disconnect = command {
                // Nothing to undo, and nothing may be sent after a DISCONNECT.
            } else {
                // Valid but unexpected from a stranger (RFC 18): tell it to start over.
                out.send(.disconnect, BrokerOutbound.disconnect(to: peer, dialect))
            }
            return
        }
        guard dialect == workers.values[index].dialect else {
            out.notices.append(.invalidMessage(peer: peer, reason: .unknownHeader))
            return
        }
        workers.values[index].lastSeen = now
        switch command {
        case .ready:
            disconnect(peer, now: now, into: &out)
        case .heartbeat:
            if workers.values[index].isBusy { workers.values[index].heartbeatsWhileBusy = true }
        case .partial(_, let address, let body):
            guard let id = Self.deliveryID(address), let request = workers.values[index].inFlight[id] else {
                return out.notices.append(.staleReply(worker: peer, final: false))
            }
            reply(for: request, final: false, body: body, into: &out)
        case .final(_, let address, let body):
            guard let id = Self.deliveryID(address), let done = workers.values[index].complete(id) else {
                return out.notices.append(.staleReply(worker: peer, final: true))
            }
            inFlightCount -= 1
            let service = workers.values[index].service
            reply(for: done.request, final: true, body: body, into: &out)
            if done.requeueWorker { services[ByteKey(service), default: Service()].ready.append(peer) }
            dispatch(service, now: now, into: &out)
        case .disconnect:
            removeWorker(peer, reason: .saidDisconnect, now: now, into: &out)
        case .request:
            break  // decoded as a client message; never reaches here
        }
    }

    private mutating func register(_ peer: [UInt8], _ dialect: Dialect, service: [UInt8], credit: Int, now: Instant,
                                   into out: inout Outbox) {
        guard !MMI.isReserved(service) else {
            out.send(.disconnect, BrokerOutbound.disconnect(to: peer, dialect))
            out.notices.append(.workerDisconnected(peer: peer, reason: .protocolViolation))
            return
        }
        workers[ByteKey(peer)] = Worker(service: service, dialect: dialect, credit: credit, lastSeen: now, isQueued: true)
        var entry = services[ByteKey(service), default: Service()]
        entry.workerCount += 1
        entry.ready.append(peer)
        services[ByteKey(service)] = entry
        out.notices.append(.workerRegistered(peer: peer, service: service, dialect: dialect, credit: credit))
        dispatch(service, now: now, into: &out)
    }

    /// Sends DISCONNECT to a registered worker that broke the protocol and forgets it.
    mutating func disconnect(_ peer: [UInt8], now: Instant, into out: inout Outbox) {
        guard let worker = workers[ByteKey(peer)] else { return }
        out.send(.disconnect, BrokerOutbound.disconnect(to: peer, worker.dialect))
        removeWorker(peer, reason: .protocolViolation, now: now, into: &out)
    }

    /// Forgets a worker; requests it held go back to the head of their queue, oldest delivery first.
    mutating func removeWorker(_ peer: [UInt8], reason: BrokerNotice.DisconnectReason, now: Instant,
                               into out: inout Outbox) {
        guard let worker = workers.removeValue(forKey: ByteKey(peer)) else { return }
        out.notices.append(.workerDisconnected(peer: peer, reason: reason))
        if var entry = services[ByteKey(worker.service)] {
            entry.workerCount -= 1
            if worker.isQueued, let index = entry.ready.firstIndex(of: peer) {
                entry.ready.remove(at: index)
            }
            services[ByteKey(worker.service)] = entry
        }
        // Newest first, since each is put at the head of the queue: the oldest ends up in front.
        inFlightCount -= worker.inFlight.count
        for id in worker.inFlight.keys.sorted(by: >) {
            if let request = worker.inFlight[id] { requeue(request, now: now, into: &out) }
        }
        if worker.isBusy { dispatch(worker.service, now: now, into: &out) }
    }
}
