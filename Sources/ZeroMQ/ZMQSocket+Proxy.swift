import CZeroMQ

extension ZMQSocket {
    /// Runs libzmq's built-in proxy, moving every message from `frontend` to `backend` and back, on the calling
    /// thread until the context is terminated (or the process ends). Used by `xk bench` for the two-hop ceiling:
    /// what libzmq costs for one hop more, with no broker logic at all.
    ///
    /// - Returns: the error that stopped it (`ETERM` when the context was terminated).
    public static func proxy(_ frontend: ZMQSocket, _ backend: ZMQSocket) -> ZMQError {
        zmq_proxy(frontend.handle, backend.handle, nil)
        return ZMQError.last("zmq_proxy")
    }
}
