import XungKichWire
import Coordinator
import Testing

/// `WardTable`, the live table of `xk demo`: every configured ward is shown, figures come from the rows.
@Suite struct WardTableTests {
    let hbt = WardTable.Section(code: "007", title: "Quận Hai Bà Trưng", units: [
        .init(code: "00286", name: "Bạch Mai"), .init(code: "00289", name: "Quỳnh Mai"),
    ])
    let ml = WardTable.Section(code: "250", title: "Huyện Mê Linh", units: [.init(code: "08989", name: "TT Quang Minh")])

    let bachMai = StatsRow(key: "00286", received: 40, resolved: 30, open: 10, onlineSubmissions: 18, fullProcess: 12,
                           failed: 5, aged60Plus: 30, medianSecondsToResolve: 2.44)

    @Test func wardRowsShowFullAndPartialOnlineConversionAndMedian() {
        let lines = WardTable.render(sections: [hbt], wardRows: [bachMai])
        #expect(lines[0].hasPrefix("ward"))
        #expect(lines[0].hasSuffix("median to resolve"))
        let row = lines.first { $0.hasPrefix("00286 Bạch Mai") }
        #expect(row != nil)
        let cells = row?.split(separator: " ", omittingEmptySubsequences: true).map(String.init) ?? []
        // label (3 words), received, open, toàn trình, một phần (18 − 12), conversion "60%" "(18/30)", "2.4" "s"
        #expect(cells == ["00286", "Bạch", "Mai", "40", "10", "12", "6", "60%", "(18/30)", "2.4", "s"])
    }

    @Test func aWardWithoutRowsShowsZerosAndDashes() {
        let lines = WardTable.render(sections: [hbt], wardRows: [bachMai])
        let row = lines.first { $0.hasPrefix("00289 Quỳnh Mai") }
        let cells = row?.split(separator: " ").map(String.init) ?? []
        #expect(cells == ["00289", "Quỳnh", "Mai", "0", "0", "0", "0", "–", "–"])
    }

    @Test func districtTotalSumsWardsAndTakesItsMedianFromTheDistrictRow() {
        let quynhMai = StatsRow(key: "00289", received: 2, resolved: 2, open: 0, onlineSubmissions: 2, fullProcess: 0,
                                failed: 0, aged60Plus: 1, medianSecondsToResolve: 90)
        let district = StatsRow(key: "007", received: 42, resolved: 32, open: 10, onlineSubmissions: 20, fullProcess: 12,
                                failed: 5, aged60Plus: 31, medianSecondsToResolve: 150)
        let lines = WardTable.render(sections: [hbt], wardRows: [bachMai, quynhMai], districtRows: [district])
        let total = lines.first { $0.hasPrefix("total Quận Hai Bà Trưng") }
        let cells = total?.split(separator: " ").map(String.init) ?? []
        #expect(Array(cells.suffix(8)) == ["42", "10", "12", "8", "62%", "(20/32)", "2.5", "min"])
        // No grand total with one district, and no district title either.
        #expect(!lines.contains { $0.contains("districts") })
    }

    @Test func columnsLineUpDespiteDiacritics() {
        let lines = WardTable.render(sections: [hbt, ml], wardRows: [bachMai])
        let tableLines = lines.filter { $0.hasPrefix("0") || $0.hasPrefix("ward") || $0.hasPrefix("total") }
        #expect(Set(tableLines.map(\.count)).count == 1)
    }

    @Test func severalDistrictsGetTitlesAndAGrandTotal() {
        let quangMinh = StatsRow(key: "08989", received: 7, resolved: 5, open: 2, onlineSubmissions: 1, fullProcess: 1,
                                 failed: 1, aged60Plus: 5)
        let lines = WardTable.render(sections: [hbt, ml], wardRows: [bachMai, quangMinh], overallMedianSeconds: 7200)
        #expect(lines.contains("Quận Hai Bà Trưng (007)"))
        #expect(lines.contains("Huyện Mê Linh (250)"))
        let grand = lines.last?.split(separator: " ").map(String.init) ?? []
        #expect(Array(grand.prefix(3)) == ["total,", "2", "districts"])
        #expect(Array(grand.suffix(8)) == ["47", "12", "13", "6", "54%", "(19/35)", "2.0", "h"])
    }

    @Test func durationsUseAReadableUnit() {
        #expect(WardTable.duration(nil) == "–")
        #expect(WardTable.duration(0.25) == "0.2 s" || WardTable.duration(0.25) == "0.3 s")
        #expect(WardTable.duration(59) == "59.0 s")
        #expect(WardTable.duration(90) == "1.5 min")
        #expect(WardTable.duration(5400) == "1.5 h")
        #expect(WardTable.percent(Rate(numerator: 0, denominator: 0)) == "–")
        #expect(WardTable.percent(Rate(numerator: 1, denominator: 3)) == "33% (1/3)")
    }
}
