import Foundation
import Hummingbird
import PageKit
import XungKich
import XungKichWire

/// The four charts of the overview and the ward pages, from the coordinator's figures.
extension WebHandlers {
    /// The four charts, for the district(s) or one ward.
    func charts(ward: String?, _ t: Language) async throws -> String {
        let days = try await data.perDay(ward: ward)
        let perDay = days.map { row -> SVGChart.Point in
            let key = row.key ?? ""
            let shown = Numbers.shownCount(row.received)
            return SVGChart.Point(label: Numbers.shortDay(key), value: shown.map(Double.init),
                                  title: "\(Numbers.day(key)): \(Numbers.count(row.received))")
        }
        let conversion = days.map { row -> SVGChart.Point in
            let key = row.key ?? ""
            let shown = Numbers.shows(row.conversion) ? row.conversion.value : nil
            return SVGChart.Point(label: Numbers.shortDay(key), value: shown, title: "\(Numbers.day(key)): \(Numbers.rate(row.conversion))")
        }
        let fields = try await data.byField(ward: ward).filter { $0.key != nil && $0.received > 0 }
        let series = [t(.onlineFull), t(.onlinePartial), t(.failed), t(.otherResolved)]
        let stacks = fields.map { row -> SVGChart.Stack in
            let name = row.key.flatMap(data.fieldName) ?? row.key ?? ""
            let counts = [row.fullProcess, row.onlineSubmissions - row.fullProcess, row.failed,
                          max(row.resolved - row.onlineSubmissions - row.failed, 0)]
            return SVGChart.Stack(label: name, values: counts.map { Double(Numbers.shownCount($0) ?? 0) },
                                  titles: zip(series, counts).map { "\(name) · \($0): \(Numbers.count($1))" })
        }
        let pareto = try await data.pareto(ward: ward)
        let shownReasons = pareto.entries.filter { Numbers.shownCount($0.failed) != nil }
        let paretoPoints = shownReasons.map { entry in
            SVGChart.Point(label: t.failureReason(entry.reason), value: Double(entry.failed),
                           title: "\(t.failureReason(entry.reason)): \(entry.failed) · \(Numbers.rate(entry.share))")
        }
        let cumulative = shownReasons.map { $0.cumulative.value ?? 0 }
        func orEmpty(_ chart: String, _ empty: Bool, _ caption: Phrase) -> String {
            empty ? "<figure><figcaption>\(t(caption))</figcaption><p>\(t(.noData))</p></figure>" : chart
        }
        return """
            <div class="charts">
            \(SVGChart.bars(perDay, caption: t(.requestsPerDay)))
            \(SVGChart.line(conversion, caption: t(.conversionOverTime), percent: true, maximum: 1))
            \(orEmpty(SVGChart.stacked(stacks, series: series, caption: t(.outcomesByField)), stacks.isEmpty, .outcomesByField))
            \(orEmpty(SVGChart.pareto(paretoPoints, cumulative: cumulative, caption: t(.failurePareto), cumulativeName: t(.cumulative)),
                      paretoPoints.isEmpty, .failurePareto))
            </div>
            """
    }
}
