import Coordinator
import Foundation
import Testing
import XungKichWire

/// The small-cell rules of CSV and JSON exports, on rows whose every suppressed cell is worked out by hand.
@Suite("Exports suppress what could point at a person")
struct StatsExportTests {
    /// 12 received: big enough to show; 3 online submissions (1 toàn trình), 2 failed, 0 aged 60+.
    static let shown: StatsRow = {
        var row = StatsRow(key: "00286", received: 12, resolved: 10, open: 2, onlineSubmissions: 3, fullProcess: 1,
                           failed: 2, aged60Plus: 0, medianSecondsToResolve: 5400, p90SecondsToResolve: 7200.25)
        row.citizens = 9
        row.identifiedRequests = 11
        row.residentialGroups = 2
        row.onlineDossiers = 3
        return row
    }()
    /// 4 received: the whole group is suppressed.
    static let small = StatsRow(key: "00289", received: 4, resolved: 4, open: 0, onlineSubmissions: 4, fullProcess: 4,
                                failed: 0, aged60Plus: 4)

    private func value(_ row: StatsExport.Row, _ column: String) -> StatsExport.Cell? {
        ExportColumn.all.firstIndex { $0.name == column }.map { row.cells[$0] }
    }

    @Test("a group of fewer than 5 shows only its key")
    func smallGroup() {
        let export = StatsExport(rows: [Self.small], by: .ward, slaHours: 72)
        #expect(export.rows[0].isSuppressed)
        #expect(export.rows[0].cells.isEmpty)
        #expect(export.rows[0].key == "00289")
        #expect(StatsExport(rows: [StatsRow(key: "x", received: 5, resolved: 0, open: 5, onlineSubmissions: 0,
                                            fullProcess: 0, failed: 0, aged60Plus: 0)],
                            by: .ward, slaHours: 72).rows[0].isSuppressed == false, "5 is shown")
    }

    @Test("counts of 1 to 4 citizens are suppressed, zero and 5+ are kept, times and groups are never suppressed")
    func cells() {
        let row = StatsExport(rows: [Self.shown], by: .ward, slaHours: 72).rows[0]
        #expect(value(row, "received") == .count(12))
        #expect(value(row, "online_submissions") == .suppressed)   // 3
        #expect(value(row, "full_process") == .suppressed)         // 1
        #expect(value(row, "partial_process") == .suppressed)      // 3 − 1 = 2
        #expect(value(row, "failed") == .suppressed)               // 2
        #expect(value(row, "open") == .suppressed)                 // 2
        #expect(value(row, "aged_60_plus") == .count(0))           // zero identifies nobody
        #expect(value(row, "citizens") == .count(9))
        #expect(value(row, "residential_groups") == .count(2))     // groups, not people
        #expect(value(row, "median_seconds_to_resolve") == .seconds(5400))
        #expect(value(row, "median_seconds_to_assign") == StatsExport.Cell.none)
        #expect(row.suppressedCells == ["open", "online_submissions", "full_process", "partial_process", "online_dossiers",
                                        "failed"])
    }

    @Test("a rate is suppressed when its numerator or denominator is 1 to 4")
    func rates() {
        let rates = StatsExport(rows: [Self.shown], by: .ward, slaHours: 72).rows[0].rates
        #expect(rates["conversion"] == .suppressed)                                          // 3 ÷ 10
        #expect(rates["elderlyShare"] == .shown(Rate(numerator: 0, denominator: 12)))        // 0 ÷ 12
        #expect(rates["fullProcessShare"] == .suppressed)                                    // 1 ÷ 3
        #expect(rates["slaAdherence"] == .shown(Rate(numerator: 0, denominator: 0)))         // nothing measured
        #expect(ExportedRate(Rate(numerator: 5, denominator: 20)) == .shown(Rate(numerator: 5, denominator: 20)))
        #expect(ExportedRate(Rate(numerator: 5, denominator: 4)) == .suppressed)
    }

    @Test("CSV: no comment lines, <5 for small cells, the group key quoted, what was suppressed in the last column")
    func csv() {
        let lines = StatsExport(rows: [Self.shown, Self.small], by: .ward, slaHours: 72).csvLines()
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { !$0.hasPrefix("#") })
        #expect(lines[0].hasPrefix("ward,received,open,resolved,online_submissions,full_process,"))
        #expect(lines[0].hasSuffix(",suppression"))
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(cells.count == ExportColumn.all.count + 2)
        #expect(Array(cells[0...6]) == ["\"00286\"", "12", "<5", "10", "<5", "<5", "<5"])
        #expect(cells[ExportColumn.all.count - 6] == "7200.250", "p90 to resolve, a fraction of a second")
        #expect(cells.last?.hasPrefix("\"<5: ") == true && cells.last?.contains("failed") == true)
        #expect(lines[2] == "\"00289\",suppressed" + String(repeating: ",", count: ExportColumn.all.count - 1)
                + ",whole group (fewer than 5 citizens)")
    }

    @Test("JSON: null with suppressedCells, the API's names too, rates as numerator and denominator")
    func json() throws {
        let data = Data(WireJSON.encode(StatsExport(rows: [Self.shown, Self.small], by: .ward, slaHours: 48)))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
        #expect(object["by"] as? String == "ward")
        #expect(object["slaHours"] as? Double == 48)
        #expect((object["note"] as? String)?.contains("null in JSON") == true)
        let rows = try #require(object["rows"] as? [NSDictionary])
        #expect(rows[0]["received"] as? Int == 12)
        #expect(rows[0]["failed"] is NSNull)
        #expect(rows[0]["onlineSubmissions"] is NSNull)
        #expect(rows[0]["aged_60_plus"] as? Int == 0)
        #expect(rows[0]["median_seconds_to_assign"] is NSNull)
        #expect((rows[0]["suppressedCells"] as? [String])?.contains("failed") == true)
        let rates = try #require(rows[0]["rates"] as? NSDictionary)
        #expect((rates["conversion"] as? NSDictionary)?["suppressed"] as? Bool == true)
        let sla = try #require(rates["slaAdherence"] as? NSDictionary)
        #expect(sla["numerator"] as? Int == 0 && sla["denominator"] as? Int == 0 && sla["value"] is NSNull)
        #expect(rows[1] == ["key": "00289", "suppressed": true] as NSDictionary)
    }
}
