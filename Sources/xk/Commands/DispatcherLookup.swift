import Foundation
import Majordomo
import ZeroMQ

/// A one-shot, synchronous `xk.status` call, for commands that only need a case's ward.
enum DispatcherLookup {
    static func ward(of id: String, dispatcher: String, timeout: Double = 3) throws -> String? {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context, .dealer)
        defer { socket.close() }
        try socket.connect(dispatcher)
        try socket.send(ClientCodec.request(.rfc18, service: Array("xk.status".utf8), body: [Array(id.utf8)]))
        var poller = Poller()
        poller.add(socket)
        guard try poller.poll(timeoutMilliseconds: Int(timeout * 1000)) > 0,
              let frames = try socket.receive(dontWait: true),
              case .success(let reply) = ClientCodec.decodeReply(.rfc18, frames),
              let body = reply.body.first,
              let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        else { return nil }
        return object["ward"] as? String
    }
}
