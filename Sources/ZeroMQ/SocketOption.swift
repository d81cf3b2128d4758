import CZeroMQ

/// Socket options this project sets, typed so that a wrong unit or type cannot be passed.
public enum SocketOption: Sendable {
    /// How long unsent messages linger after close, in milliseconds (libzmq default: forever).
    case linger(milliseconds: Int32)
    /// ROUTER: fail sends to unknown or vanished peers with EHOSTUNREACH instead of dropping them.
    case routerMandatory(Bool)
    case sendHighWaterMark(Int32)
    case receiveHighWaterMark(Int32)
    /// The routing id this socket presents to a ROUTER peer.
    case routingID([UInt8])
    /// Largest inbound message libzmq accepts; larger ones drop the connection (-1: no limit).
    case maxMessageSize(Int64)
    /// ZMTP-level heartbeats (libzmq ≥ 4.2): detect dead TCP peers even without application traffic.
    case heartbeatInterval(milliseconds: Int32)
    case heartbeatTimeout(milliseconds: Int32)
    case heartbeatTTL(milliseconds: Int32)
    case reconnectInterval(milliseconds: Int32)
    case reconnectIntervalMax(milliseconds: Int32)
    /// Queue messages only to completed connections.
    case immediate(Bool)
    /// CURVE: this socket is the server (bind side).
    case curveServer(Bool)
    /// CURVE keys in Z85 text (40 characters).
    case curvePublicKey(String)
    case curveSecretKey(String)
    case curveServerKey(String)
    /// ZAP domain for authentication requests.
    case zapDomain(String)
    /// SUB: subscribe to a prefix ("" for everything).
    case subscribe([UInt8])
    case unsubscribe([UInt8])
}

extension ZMQSocket {
    /// Sets one option. Options that matter for bind/connect must be set before them.
    public func set(_ option: SocketOption) throws {
        switch option {
        case .linger(let ms): try setInt(ZMQ_LINGER, ms, "LINGER")
        case .routerMandatory(let on): try setInt(ZMQ_ROUTER_MANDATORY, on ? 1 : 0, "ROUTER_MANDATORY")
        case .sendHighWaterMark(let n): try setInt(ZMQ_SNDHWM, n, "SNDHWM")
        case .receiveHighWaterMark(let n): try setInt(ZMQ_RCVHWM, n, "RCVHWM")
        case .routingID(let id): try setBytes(ZMQ_ROUTING_ID, id, "ROUTING_ID")
        case .maxMessageSize(let n):
            var value = n
            try check(zmq_setsockopt(handle, ZMQ_MAXMSGSIZE, &value, MemoryLayout<Int64>.size), "MAXMSGSIZE")
        case .heartbeatInterval(let ms): try setInt(ZMQ_HEARTBEAT_IVL, ms, "HEARTBEAT_IVL")
        case .heartbeatTimeout(let ms): try setInt(ZMQ_HEARTBEAT_TIMEOUT, ms, "HEARTBEAT_TIMEOUT")
        case .heartbeatTTL(let ms): try setInt(ZMQ_HEARTBEAT_TTL, ms, "HEARTBEAT_TTL")
        case .reconnectInterval(let ms): try setInt(ZMQ_RECONNECT_IVL, ms, "RECONNECT_IVL")
        case .reconnectIntervalMax(let ms): try setInt(ZMQ_RECONNECT_IVL_MAX, ms, "RECONNECT_IVL_MAX")
        case .immediate(let on): try setInt(ZMQ_IMMEDIATE, on ? 1 : 0, "IMMEDIATE")
        case .curveServer(let on): try setInt(ZMQ_CURVE_SERVER, on ? 1 : 0, "CURVE_SERVER")
        case .curvePublicKey(let key): try setString(ZMQ_CURVE_PUBLICKEY, key, "CURVE_PUBLICKEY")
        case .curveSecretKey(let key): try setString(ZMQ_CURVE_SECRETKEY, key, "CURVE_SECRETKEY")
        case .curveServerKey(let key): try setString(ZMQ_CURVE_SERVERKEY, key, "CURVE_SERVERKEY")
        case .zapDomain(let domain): try setString(ZMQ_ZAP_DOMAIN, domain, "ZAP_DOMAIN")
        case .subscribe(let prefix): try setBytes(ZMQ_SUBSCRIBE, prefix, "SUBSCRIBE")
        case .unsubscribe(let prefix): try setBytes(ZMQ_UNSUBSCRIBE, prefix, "UNSUBSCRIBE")
        }
    }

    /// The endpoint the socket last bound to, with the real port when `:0` or `*` was asked for.
    public func lastEndpoint() throws -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        var size = buffer.count
        try check(zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size), "LAST_ENDPOINT")
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file descriptor libzmq signals on (edge-triggered; always re-check `events`).
    public func fileDescriptor() throws -> Int32 {
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        try check(zmq_getsockopt(handle, ZMQ_FD, &fd, &size), "FD")
        return fd
    }

    /// Whether a message is waiting to be received now (`ZMQ_EVENTS` has `ZMQ_POLLIN`). Asking also makes libzmq
    /// take the commands its I/O thread left for the socket, so after a false answer the `fileDescriptor()` is
    /// certain to signal when that changes.
    public func hasInput() throws -> Bool {
        var events: Int32 = 0
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(handle, ZMQ_EVENTS, &events, &size) == 0 else { throw ZMQError.last("getsockopt EVENTS") }
        return events & ZMQ_POLLIN != 0
    }

    private func setInt(_ name: Int32, _ value: Int32, _ label: String) throws {
        var v = value
        try check(zmq_setsockopt(handle, name, &v, MemoryLayout<Int32>.size), label)
    }

    private func setBytes(_ name: Int32, _ value: [UInt8], _ label: String) throws {
        try value.withUnsafeBytes { raw in
            try check(zmq_setsockopt(handle, name, raw.baseAddress, raw.count), label)
        }
    }

    private func setString(_ name: Int32, _ value: String, _ label: String) throws {
        try setBytes(name, Array(value.utf8), label)
    }

    private func check(_ rc: Int32, _ label: String) throws {
        if rc != 0 { throw ZMQError.last("setsockopt \(label)") }
    }
}
