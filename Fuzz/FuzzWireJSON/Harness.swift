// libFuzzer harness: the typed wire codec (WireJSON) on the message types the services read from peers:
// the dispatcher (events queries, worker reports, admin commands), the ward worker (deliveries, control
// commands), the coordinator (events, events pages, statistics queries) and the clients (answers, error
// envelopes, through decodeReply).
//
// Input: one selector byte, then the message body. The selector picks the type: `types[byte % types.count]`
// (the order of the list below is part of the seed corpus' format; append, never reorder).
// A WireError is the expected answer to garbage.
// Oracles: a decoded message encodes, and that encoding decodes and encodes to the same bytes; for the types read through JSONSerialization
// (JSONObjectReadable: WireEvent, EventDetail, EventsPage), the Decodable reading of that encoding agrees.
import Foundation
import XungKich
import XungKichWire
import FuzzSupport

/// Decodes `body` as `T`; whatever decodes must encode, and its encoding must decode and encode to the same
/// bytes (byte equality, not value equality: vocabulary values a newer release sent are kept aside in
/// `unrecognized` and, by design, never sent on).
func roundTrip<T: Codable>(_ type: T.Type, _ body: [UInt8], reply: Bool = false, alsoDecodable: Bool = false) {
    let value: T
    do {
        value = reply ? try WireJSON.decodeReply(T.self, from: body) : try WireJSON.decode(T.self, from: body)
    } catch {
        // An answer's error envelope is the peer's own words, an empty message included; our refusals say why.
        check(reply || !error.message.isEmpty, "\(T.self): a refusal without a message")
        return
    }
    let encoded: [UInt8]
    do {
        encoded = try WireJSON.encodeOrThrow(value)
    } catch {
        fatalError("oracle: \(T.self) decoded but does not encode: \(error)\n\(value)")
    }
    do {
        let again = try WireJSON.encodeOrThrow(try WireJSON.decode(T.self, from: encoded))
        check(again == encoded, "\(T.self): encode(decode(e)) != e:\n\(text(encoded))\n\(text(again))")
        if alsoDecodable {
            // Read through JSONSerialization above; the Decodable reading of the same bytes must agree.
            let decodable = try WireJSON.encodeOrThrow(try JSONDecoder().decode(T.self, from: Data(encoded)))
            check(decodable == encoded, "\(T.self): the Decodable reading disagrees:\n\(text(encoded))\n\(text(decodable))")
        }
    } catch {
        fatalError("oracle: \(T.self) encoded by WireJSON is refused: \(error)\n\(text(encoded))")
    }
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

let types: [@Sendable ([UInt8]) -> Void] = [
    { roundTrip(HelpRequest.self, $0) },                       // 0
    { roundTrip(EventsQuery.self, $0) },                       // 1  dispatcher, from clients
    { roundTrip(WorkerReport.self, $0) },                      // 2  dispatcher, from workers
    { roundTrip(AdminCommand.self, $0) },                      // 3  dispatcher, from officers
    { roundTrip(WardDelivery.self, $0) },                      // 4  ward worker, from the dispatcher
    { roundTrip(ControlCommand.self, $0) },                    // 5  ward worker, from officers and teams
    { roundTrip(StatsQueryMessage.self, $0) },                 // 6  coordinator, from clients
    { roundTrip(WireEvent.self, $0, alsoDecodable: true) },    // 7  coordinator, from dispatchers
    { roundTrip(EventsPage.self, $0, reply: true, alsoDecodable: true) },  // 8
    { roundTrip(EventDetail.self, $0, alsoDecodable: true) },  // 9  dispatcher, its own journal
    { roundTrip(SubmitAnswer.self, $0, reply: true) },         // 10 clients
    { roundTrip(StatusAnswer.self, $0, reply: true) },         // 11
    { roundTrip(StatsAnswer.self, $0, reply: true) },          // 12
    { roundTrip(AdminAnswer.self, $0, reply: true) },          // 13
    { roundTrip(AttentionList.self, $0, reply: true) },        // 14
    { roundTrip(CaseList.self, $0, reply: true) },             // 15
    { roundTrip(CaseAnswer.self, $0, reply: true) },           // 16
    { roundTrip(TeamAnswer.self, $0, reply: true) },           // 17
    { roundTrip(ErrorEnvelope.self, $0) },                     // 18
    { roundTrip(ContributionAnswer.self, $0, reply: true) },   // 19
    { roundTrip(BaselineAnswer.self, $0, reply: true) },       // 20
    { roundTrip(BaselineImportAnswer.self, $0, reply: true) }, // 21
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    types[Int(data[0]) % types.count](body)
    return 0
}
