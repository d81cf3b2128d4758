import Foundation
import MajordomoPeers
import XungKich
import XungKichWire
import ZeroMQ

/// Feeds the demo's dispatchers a steady stream of made-up help requests through `xk.submit`, as
/// `xk enqueue` does, at `rate` per second over all districts, until its task is cancelled.
///
/// Wards are drawn from a shuffled deck in which each ward appears one to three times (busier and quieter
/// wards), so every ward of every district gets requests in each pass through the deck. Nothing about a
/// request is logged or printed; failures are counted, with the last error message kept for the screen.
struct DemoFeeder: Sendable {
    /// A district and the dispatcher that takes its requests.
    struct Target: Sendable {
        var config: DistrictConfig
        var endpoint: String
        /// With keys: a help desk's keys for this district's dispatcher.
        var curve: CurveClientKeys?
    }

    /// Counts the screen shows.
    actor Counters {
        private(set) var submitted = 0
        private(set) var failed = 0
        private(set) var lastError: String?

        func succeeded() { submitted += 1 }

        func failed(_ error: any Error) {
            failed += 1
            lastError = "\(error)"
        }
    }

    let targets: [Target]
    let rate: Double
    let counters = Counters()

    /// Submits until cancelled. In-flight requests finish (or time out) after cancellation.
    func run() async {
        let clients: [MajordomoClient]
        do {
            var options = MajordomoClient.Options()
            options.timeout = .seconds(2)
            options.retries = 2
            clients = try targets.map { target in
                var keyed = options
                keyed.curve = target.curve
                return try MajordomoClient(endpoint: target.endpoint, options: keyed)
            }
        } catch {
            await counters.failed(error)
            return
        }
        defer { for client in clients { client.close() } }

        var deck: [(target: Int, ward: String)] = []
        for (index, target) in targets.enumerated() {
            for ward in target.config.wards { deck += Array(repeating: (index, ward.code), count: Int.random(in: 1...3)) }
        }
        guard !deck.isEmpty else { return }
        var mix = DemoRequestMix(runID: String(UInt32.random(in: 0...UInt32.max), radix: 36))
        let clock = ContinuousClock()
        let start = clock.now
        let interval = 1 / max(rate, 0.001)
        var sent = 0
        var order: [(target: Int, ward: String)] = []
        while !Task.isCancelled {
            if order.isEmpty { order = deck.shuffled() }
            let (index, ward) = order.removeLast()
            let due = start + .seconds(Double(sent) * interval)
            if due > clock.now {
                do { try await clock.sleep(until: due) } catch { return }
            }
            sent += 1
            let request = mix.next(ward: ward, district: targets[index].config)
            do {
                let reply = try await clients[index].request(service: "xk.submit", body: [WireJSON.encode(request)])
                _ = try WireJSON.decodeReply(SubmitAnswer.self, from: reply.first ?? [])
                await counters.succeeded()
            } catch {
                await counters.failed(error)
            }
        }
    }
}
