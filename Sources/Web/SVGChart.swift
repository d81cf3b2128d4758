import PageKit

/// Charts drawn on the server as inline SVG: no script and nothing fetched, so they show on any phone and in
/// a printed page. Each data point is an element of its own (`rect.bar`, `circle.point`) with a `<title>`
/// giving its exact figure, so a tap or a screen reader tells the number.
enum SVGChart {
    static let width = 600.0, height = 240.0
    static let left = 56.0, right = 12.0, top = 16.0, bottom = 56.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    /// One bar or point: an axis label, the value (nil: not shown, e.g. suppressed) and its tooltip.
    struct Point {
        var label: String
        var value: Double?
        var title: String
    }

    /// A stacked bar's parts, in the order of `series`.
    struct Stack {
        var label: String
        var values: [Double]
        var titles: [String]
    }

    static let colors = ["#1565c0", "#64b5f6", "#c62828", "#9e9e9e", "#2e7d32"]

    /// Vertical bars, e.g. requests per day.
    static func bars(_ points: [Point], caption: String, percent: Bool = false) -> String {
        let top = max(points.compactMap(\.value).max() ?? 0, 1)
        let step = plotWidth / Double(max(points.count, 1))
        var body = axes(maximum: top, percent: percent) + labels(points.map(\.label), step: step)
        for (index, point) in points.enumerated() {
            guard let value = point.value else { continue }
            let h = value / top * plotHeight
            body += "<rect class=\"bar\" x=\"\(f(left + Double(index) * step + step * 0.1))\" y=\"\(f(Self.top + plotHeight - h))\" "
                + "width=\"\(f(step * 0.8))\" height=\"\(f(h))\" fill=\"\(colors[0])\"><title>\(HTMLEscape.escape(point.title))</title></rect>"
        }
        return svg(body, caption: caption)
    }

    /// A line with a dot per point, e.g. online conversion per day; a missing value breaks the line.
    static func line(_ points: [Point], caption: String, percent: Bool, maximum: Double? = nil) -> String {
        let top = maximum ?? max(points.compactMap(\.value).max() ?? 0, 1)
        let step = plotWidth / Double(max(points.count, 1))
        var body = axes(maximum: top, percent: percent) + labels(points.map(\.label), step: step)
        var path = "", pen = false
        for (index, point) in points.enumerated() {
            guard let value = point.value else { pen = false; continue }
            let x = left + (Double(index) + 0.5) * step, y = Self.top + plotHeight - value / top * plotHeight
            path += "\(pen ? "L" : "M")\(f(x)) \(f(y)) "
            pen = true
            body += "<circle class=\"point\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(colors[4])\"><title>\(HTMLEscape.escape(point.title))</title></circle>"
        }
        if !path.isEmpty { body = "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colors[4])\" stroke-width=\"2\"/>" + body }
        return svg(body, caption: caption)
    }

    /// Stacked bars with a legend, e.g. outcomes by field.
    static func stacked(_ stacks: [Stack], series: [String], caption: String) -> String {
        let top = max(stacks.map { $0.values.reduce(0, +) }.max() ?? 0, 1)
        let step = plotWidth / Double(max(stacks.count, 1))
        var body = axes(maximum: top, percent: false) + labels(stacks.map(\.label), step: step)
        for (index, stack) in stacks.enumerated() {
            var base = 0.0
            for (part, value) in stack.values.enumerated() where value > 0 {
                let h = value / top * plotHeight
                base += h
                body += "<rect class=\"bar\" x=\"\(f(left + Double(index) * step + step * 0.15))\" y=\"\(f(Self.top + plotHeight - base))\" "
                    + "width=\"\(f(step * 0.7))\" height=\"\(f(h))\" fill=\"\(colors[part % colors.count])\"><title>\(HTMLEscape.escape(stack.titles[part]))</title></rect>"
            }
        }
        return svg(body, caption: caption, legend: legend(series))
    }

    /// A Pareto chart: bars most frequent first, and the running share as a line on a 0–100 % scale.
    static func pareto(_ points: [Point], cumulative: [Double], caption: String, cumulativeName: String) -> String {
        let top = max(points.compactMap(\.value).max() ?? 0, 1)
        let step = plotWidth / Double(max(points.count, 1))
        var body = axes(maximum: top, percent: false) + labels(points.map(\.label), step: step)
        var path = ""
        for (index, point) in points.enumerated() {
            let value = point.value ?? 0
            let h = value / top * plotHeight
            body += "<rect class=\"bar\" x=\"\(f(left + Double(index) * step + step * 0.1))\" y=\"\(f(Self.top + plotHeight - h))\" "
                + "width=\"\(f(step * 0.8))\" height=\"\(f(h))\" fill=\"\(colors[2])\"><title>\(HTMLEscape.escape(point.title))</title></rect>"
            if index < cumulative.count {
                let x = left + (Double(index) + 0.5) * step, y = Self.top + plotHeight - cumulative[index] * plotHeight
                path += "\(index == 0 ? "M" : "L")\(f(x)) \(f(y)) "
                body += "<circle class=\"point\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"#111\"><title>\(HTMLEscape.escape(cumulativeName)) \(Numbers.percent(cumulative[index]))</title></circle>"
            }
        }
        if !path.isEmpty { body += "<path d=\"\(path)\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>" }
        return svg(body, caption: caption, legend: legend([caption, cumulativeName], colors: [colors[2], "#111"]))
    }

    private static func svg(_ body: String, caption: String, legend: String = "") -> String {
        "<figure><svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLEscape.escape(caption))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">\(body)</svg>\(legend)<figcaption>\(HTMLEscape.escape(caption))</figcaption></figure>"
    }

    private static func axes(maximum: Double, percent: Bool) -> String {
        var out = "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\" stroke=\"#666\"/>"
        for fraction in [0.0, 0.5, 1.0] {
            let y = top + plotHeight - fraction * plotHeight
            let value = maximum * fraction
            let text = percent ? Numbers.percent(value) : (value.rounded() == value ? "\(Int(value))" : Numbers.decimal(value, digits: 1))
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>"
                + "<text x=\"\(f(left - 4))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(text)</text>"
        }
        return out
    }

    /// X labels, thinned so they never overlap (at most ~12), slanted for long names.
    private static func labels(_ labels: [String], step: Double) -> String {
        let every = max(1, Int((Double(labels.count) / 12).rounded(.up)))
        return labels.enumerated().filter { $0.offset % every == 0 }.map { index, label in
            let x = left + (Double(index) + 0.5) * step, y = top + plotHeight + 14
            let short = label.count > 14 ? String(label.prefix(13)) + "…" : label
            return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"end\" transform=\"rotate(-25 \(f(x)) \(f(y)))\">\(HTMLEscape.escape(short))</text>"
        }.joined()
    }

    private static func legend(_ names: [String], colors: [String] = SVGChart.colors) -> String {
        "<p class=\"legend\">" + names.enumerated().map { index, name in
            "<span><i style=\"background:\(colors[index % colors.count])\"></i>\(HTMLEscape.escape(name))</span>"
        }.joined(separator: " ") + "</p>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
