import CoreMetrics
import XungKich
import XungKichWire

/// The dispatcher's Prometheus metrics (`--metrics`), kept off the broker's hot path: counters move once per
/// committed journal event (after the fsync, which costs far more), and the gauges are sampled from the desk and
/// the broker at most once a second on the loop's thread. Labels are wards, services and outcomes: a bounded set
/// from the district's configuration, never a request, a citizen or a team member.
final class DispatcherMetrics {
    /// Seconds between samples of the gauges.
    static let sampleInterval = 1.0

    private let factory: any MetricsFactory
    private let wards: [WardCode]
    private let commit: CoreMetrics.Timer
    private let published: Counter
    private let lastEvent: Gauge
    private let attention: [WardCode: Gauge]
    private let open: [WardCode: Gauge]
    private let waiting: [WardCode: Gauge]
    private let oldest: [WardCode: Gauge]
    private let workers: [WardCode: Gauge]
    private var accepted: [WardCode: Counter] = [:]
    private var deliveries: [WardCode: Counter] = [:]
    private var redeliveries: [WardCode: Counter] = [:]
    private var cancelled: [WardCode: Counter] = [:]
    private var resolved: [ResolvedKey: Counter] = [:]
    private var nextSample = 0.0

    private struct ResolvedKey: Hashable {
        var ward: WardCode
        var outcome: String
    }

    /// Makes every instrument for `wards` at zero, so a dashboard shows a quiet ward as 0, not as missing.
    init(factory: any MetricsFactory, wards: [WardCode]) {
        self.factory = factory
        self.wards = wards
        commit = CoreMetrics.Timer(label: "xk_dispatcher_journal_commit_duration_seconds", factory: factory)
        published = Counter(label: "xk_dispatcher_events_published_total", factory: factory)
        lastEvent = Gauge(label: "xk_dispatcher_last_event_seq", factory: factory)
        func gauges(_ name: String) -> [WardCode: Gauge] {
            Dictionary(uniqueKeysWithValues: wards.map {
                ($0, Gauge(label: name, dimensions: [("ward", $0.rawValue)], factory: factory))
            })
        }
        attention = gauges("xk_dispatcher_needs_attention_requests")
        open = gauges("xk_dispatcher_open_requests")
        waiting = gauges("xk_dispatcher_waiting_requests")
        oldest = gauges("xk_dispatcher_oldest_waiting_age_seconds")
        workers = Dictionary(uniqueKeysWithValues: wards.map {
            ($0, Gauge(label: "xk_dispatcher_connected_workers", dimensions: [("service", WardService.string($0))],
                       factory: factory))
        })
        for ward in wards {
            for gauge in [attention[ward], open[ward], waiting[ward], oldest[ward], workers[ward]] { gauge?.record(0) }
            _ = counter(&accepted, ward, "xk_dispatcher_requests_accepted_total")
            _ = counter(&deliveries, ward, "xk_dispatcher_deliveries_total")
            _ = counter(&redeliveries, ward, "xk_dispatcher_redeliveries_total")
            _ = counter(&cancelled, ward, "xk_dispatcher_requests_cancelled_total")
        }
    }

    /// One journal commit, from before the write to after the fsync.
    func recordCommit(nanoseconds: Int64) { commit.recordNanoseconds(nanoseconds) }

    /// Events a commit made durable: the request counters move only once the journal has them.
    func record(committed events: [JournalEvent]) {
        guard let last = events.last else { return }
        for event in events {
            switch event.kind {
            case .accepted: counter(&accepted, event.ward, "xk_dispatcher_requests_accepted_total").increment()
            case .delivered, .overflow: counter(&deliveries, event.ward, "xk_dispatcher_deliveries_total").increment()
            case .redelivery: counter(&redeliveries, event.ward, "xk_dispatcher_redeliveries_total").increment()
            case .cancelled: counter(&cancelled, event.ward, "xk_dispatcher_requests_cancelled_total").increment()
            case .resolved:
                let key = ResolvedKey(ward: event.ward, outcome: event.detail?.outcome?.rawValue ?? "UNKNOWN")
                if let existing = resolved[key] {
                    existing.increment()
                } else {
                    let made = Counter(label: "xk_dispatcher_requests_resolved_total",
                                       dimensions: [("ward", key.ward.rawValue), ("outcome", key.outcome)], factory: factory)
                    resolved[key] = made
                    made.increment()
                }
            default: break
            }
        }
        lastEvent.record(Double(last.seq))
    }

    /// Events sent on the PUB socket.
    func recordPublished(_ count: Int) { if count > 0 { published.increment(by: count) } }

    /// Whether the gauges are due for a sample at `now` (wall-clock seconds); the loop then calls ``sample``.
    func isSampleDue(now: Double) -> Bool { now >= nextSample }

    /// Seconds until the next sample, so an idle loop still wakes to take it.
    func secondsToSample(now: Double) -> Double { max(0, nextSample - now) }

    /// Reads the queues from the desk and the workers from the broker.
    func sample(_ snapshot: DispatchDesk.MetricsSnapshot, workers count: (WardCode) -> Int, now: Double) {
        nextSample = now + Self.sampleInterval
        for ward in wards {
            waiting[ward]?.record(Double(snapshot.waiting[ward] ?? 0))
            open[ward]?.record(Double(snapshot.open[ward] ?? 0))
            attention[ward]?.record(Double(snapshot.attention[ward] ?? 0))
            oldest[ward]?.record(snapshot.oldestWaiting[ward].map { max(0, now - $0) } ?? 0)
            workers[ward]?.record(Double(count(ward)))
        }
    }

    /// A ward outside the configuration (a submission validated against another version of it) still counts.
    private func counter(_ table: inout [WardCode: Counter], _ ward: WardCode, _ name: String) -> Counter {
        if let existing = table[ward] { return existing }
        let made = Counter(label: name, dimensions: [("ward", ward.rawValue)], factory: factory)
        table[ward] = made
        return made
    }
}
