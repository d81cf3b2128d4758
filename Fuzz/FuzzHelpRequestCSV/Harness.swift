// libFuzzer harness: a help-request CSV file as `xk enqueue --file` reads it (HelpRequestCSV.parse(text:)),
// and the same file validated against Hai Bà Trưng's config (parse(text:config:)).
//
// Input: the file's bytes, decoded as UTF-8 with replacement characters (the CLI refuses invalid UTF-8; a
// replacement character is just more text). Problems are reported, never thrown, so the harness only fails
// on a crash, a hang or a broken oracle.
// Oracles: every good row's request, sent as the CLI sends it (WireJSON), decodes on the dispatcher's side to
// the same request; with the config, a good row validates again to itself; rows and problems are in line
// order and every row has an idempotency key.
import Foundation
import XungKich
import XungKichWire
import FuzzSupport

let config = harnessConfig

func checkRows(_ parsed: HelpRequestCSV.Parsed, validatedAgainst config: DistrictConfig?) {
    check(zip(parsed.rows, parsed.rows.dropFirst()).allSatisfy { $0.line < $1.line }, "rows out of line order")
    for row in parsed.rows {
        check(row.line >= 2, "a row on line \(row.line), at or above the header")
        check(row.request.idempotencyKey != nil, "row \(row.line) has no idempotency key")
        guard let body = try? WireJSON.encodeOrThrow(row.request) else {
            fatalError("oracle: row \(row.line) does not encode: \(row.request)")
        }
        do {
            let received = try HelpRequest.decode(json: body)
            check(received == row.request, "row \(row.line) reads differently on the dispatcher: \(row.request) vs \(received)")
            if let config {
                let again = try received.validated(against: config)
                check(again.request == row.request, "row \(row.line) not in normal form: \(row.request) vs \(again.request)")
            }
        } catch {
            fatalError("oracle: row \(row.line), accepted by the CSV reader, is refused: \(error)\n\(String(decoding: body, as: UTF8.self))")
        }
    }
    for problem in parsed.problems {
        check(problem.line >= 1, "a problem on line \(problem.line)")
        check(!problem.message.isEmpty, "a problem without a message")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let plain = HelpRequestCSV.parse(text: text)
    checkRows(plain, validatedAgainst: nil)
    let checked = HelpRequestCSV.parse(text: text, config: config)
    checkRows(checked, validatedAgainst: config)
    // The catalogue can only refuse more rows, never accept one the plain reading refused.
    check(checked.rows.count <= plain.rows.count, "the config accepted more rows (\(checked.rows.count)) than the plain reading (\(plain.rows.count))")
    return 0
}
