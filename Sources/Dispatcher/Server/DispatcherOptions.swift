import CoreMetrics
import Security
import ZeroMQ

/// How a dispatcher process listens and behaves.
public struct DispatcherOptions: Sendable {
    /// The ROUTER endpoint for clients and workers, e.g. `tcp://127.0.0.1:5555`
    /// (`tcp://127.0.0.1:0` picks a free port; read it back from `DispatcherService.endpoint()`).
    public var endpoint: String
    public var broker: BrokerConfiguration
    /// A frame larger than this closes the sender's connection (libzmq's MAXMSGSIZE), so one
    /// oversized message cannot exhaust the dispatcher's memory; a message whose frames add up to
    /// more is dropped.
    public var maxMessageSize: Int64 = 4 << 20
    /// Messages taken from the socket per loop turn before timers are looked at again.
    public var batchSize = 512
    /// libzmq I/O threads (TCP work for all connections).
    public var ioThreads = 1
    /// How long the loop keeps polling without sleeping after traffic (zero: never spin).
    public var spin: Duration = .microseconds(200)
    /// Spin only while at most this many requests are in flight.
    public var spinMaxInFlight = 4

    /// PUB endpoint for live journal events (with `durable` only).
    public var eventsEndpoint: String?

    /// Durable dispatch (`xk.submit`, `xk.status`, `xk.admin`); nil runs a plain broker.
    public var durable: DurableOptions?

    /// With keys: every endpoint is CURVE, connections are authenticated against the district's
    /// `authorized.yaml`, and each message is authorized by its sender's identity (``AccessPolicy``).
    public var security: DispatcherSecurity?

    /// Where the dispatcher's Prometheus metrics go (`--metrics`); nil measures nothing.
    public var metrics: (any MetricsFactory)?

    /// The largest frame the socket takes at all (one and a half times ``maxMessageSize``): between the two,
    /// an `xk.*` request is answered `too-large` and anything else is dropped; past it, libzmq drops the
    /// sender's connection.
    public var hardMessageLimit: Int64 { maxMessageSize + maxMessageSize / 2 }

    public init(endpoint: String = "tcp://127.0.0.1:5555", broker: BrokerConfiguration = BrokerConfiguration()) {
        self.endpoint = endpoint
        self.broker = broker
    }
}
