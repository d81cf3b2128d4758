import Majordomo

extension Broker {
    /// Heartbeats workers, retires dead ones (requeueing their requests) and drops expired requests.
    /// Call whenever `now >= nextDeadline`; calling it earlier is harmless.
    public mutating func tick(now: Instant, into out: inout Outbox) {
        if now >= nextHeartbeat {
            for (peer, worker) in workers {
                out.send(.heartbeat, BrokerOutbound.heartbeat(to: peer.bytes, worker.dialect))
            }
            nextHeartbeat = now + configuration.heartbeatInterval
        }
        guard now >= nextHousekeeping else { return }
        nextHousekeeping = now + configuration.housekeepingInterval
        retireSilentWorkers(now: now, into: &out)
        expireRequests(now: now, into: &out)
    }

    private mutating func retireSilentWorkers(now: Instant, into out: inout Outbox) {
        var dead: [[UInt8]] = []
        for (peer, worker) in workers {
            let silentBusy = worker.isBusy && !worker.heartbeatsWhileBusy
            let timeout = silentBusy ? configuration.busyWorkerTimeout : configuration.idleWorkerTimeout
            if now - worker.lastSeen > timeout { dead.append(peer.bytes) }
        }
        for peer in dead {
            // A silent worker may still be alive on a broken link: tell it, so it re-registers.
            if let worker = workers[ByteKey(peer)] {
                out.send(.disconnect, BrokerOutbound.disconnect(to: peer, worker.dialect))
            }
            removeWorker(peer, reason: .expired, now: now, into: &out)
        }
    }

    private mutating func expireRequests(now: Instant, into out: inout Outbox) {
        var emptied: [ByteKey] = []
        for (name, var entry) in services {
            let before = entry.pending.count
            if before > 0 {
                entry.pending.removeAll { request in
                    guard request.expiresAt <= now else { return false }
                    if request.isInternal {
                        out.internalLost.append(request.tag)
                    } else {
                        out.notices.append(.requestExpired(service: name.bytes))
                    }
                    return true
                }
                queuedCount -= before - entry.pending.count
                services[name] = entry
            }
            if entry.pending.isEmpty && entry.workerCount == 0 { emptied.append(name) }
        }
        // Forget services nobody serves and nobody waits for, so random names cannot grow the table.
        for name in emptied { services.removeValue(forKey: name) }
    }
}
