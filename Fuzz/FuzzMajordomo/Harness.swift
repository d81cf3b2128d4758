// libFuzzer harness: the Majordomo decoders on arbitrary multipart messages.
//
// Input format (see Fuzz/README.md): a sequence of frames, each one length byte L followed by L bytes;
// a last frame shorter than its length byte takes what is left. So `06 4D 44 50 57 30 32 01 05` is the two
// frames "MDPW02" and 0x05. Every decoder sees every input: BrokerInbound (what a broker receives from
// clients and workers, after the routing id), WorkerCodec.decode and ClientCodec.decodeReply in each dialect.
//
// Decode errors are the expected answer to garbage. The oracle: whatever decodes must encode with the
// matching encoder and decode again to the same value.
import Majordomo
import FuzzSupport

/// The frames of a fuzz input, by the one-length-byte scheme above.
func frames(_ bytes: UnsafeBufferPointer<UInt8>) -> Frames {
    var frames: Frames = []
    var i = 0
    while i < bytes.count {
        let length = Int(bytes[i])
        i += 1
        let end = min(i + length, bytes.count)
        frames.append(Array(bytes[i..<end]))
        i = end
    }
    return frames
}

/// What a client or worker sends for a message the broker decoded, to decode it again.
func encode(_ message: BrokerInbound) -> Frames {
    switch message {
    case .request(let d, let service, let body): return ClientCodec.request(d, service: service, body: body)
    case .ready(let d, let service, let credit): return WorkerCodec.ready(d, service: service, credit: credit)
    case .partial(let d, let client, let body):
        guard let frames = WorkerCodec.reply(d, client: client, final: false, body: body) else {
            fatalError("oracle: a PARTIAL decoded in \(d), which has none")
        }
        return frames
    case .final(let d, let client, let body):
        guard let frames = WorkerCodec.reply(d, client: client, final: true, body: body) else {
            fatalError("oracle: a FINAL in \(d) is not encodable")
        }
        return frames
    case .heartbeat(let d): return WorkerCodec.heartbeat(d)
    case .disconnect(let d): return WorkerCodec.disconnect(d)
    }
}

let peer: [UInt8] = [0x00, 0x6B, 0x8B, 0x45, 0x67]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = frames(UnsafeBufferPointer(start: data, count: size))

    if case .success(let message) = BrokerInbound.decode(input[...]) {
        let again = BrokerInbound.decode(encode(message)[...])
        check(again == .success(message), "broker: \(message) re-decoded as \(again)")
        if case .ready(_, _, let credit) = message {
            check((1...BrokerInbound.maxCredit).contains(credit), "credit \(credit) out of range")
        }
    }

    for dialect in Dialect.allCases {
        // What a broker sends a worker.
        if case .success(let inbound) = WorkerCodec.decode(dialect, input) {
            let encoded: Frames
            switch inbound {
            case .request(let client, let body):
                encoded = BrokerOutbound.request(to: peer, dialect, client: client, body: body)
            case .heartbeat: encoded = BrokerOutbound.heartbeat(to: peer, dialect)
            case .disconnect: encoded = BrokerOutbound.disconnect(to: peer, dialect)
            }
            check(encoded.first == peer, "worker: routing id not first")
            let again = WorkerCodec.decode(dialect, Array(encoded.dropFirst()))
            check(again == .success(inbound), "worker \(dialect): \(inbound) re-decoded as \(again)")
        }
        // What a broker sends a client.
        if case .success(let reply) = ClientCodec.decodeReply(dialect, input) {
            guard let encoded = BrokerOutbound.reply(
                to: peer, dialect, service: reply.service, final: reply.final, body: reply.body)
            else {
                fatalError("oracle: client \(dialect): decoded reply \(reply) is not encodable")
            }
            let again = ClientCodec.decodeReply(dialect, Array(encoded.dropFirst()))
            check(again == .success(reply), "client \(dialect): \(reply) re-decoded as \(again)")
        }
    }
    return 0
}
