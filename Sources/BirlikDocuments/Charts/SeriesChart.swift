import Foundation

/// A chart of one or more series over categories (years, months, regions), drawn as SVG on the
/// server: grouped bars, lines, or stacked bars. Readable without JavaScript and printable; each
/// mark carries a tooltip with its exact value.
public struct SeriesChart: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case bar, line, stacked
    }

    /// One series: its name and a value per category (`nil` where there is none).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public static let palette = ["#0b4f8a", "#d98c1f", "#2f8f5b", "#b03a48", "#6b4fa0", "#3d84bd", "#8a6d0b", "#5a5a5a"]

    public var title: String
    public var kind: Kind
    public var width: Int
    public var height: Int

    public init(title: String, kind: Kind, width: Int = 760, height: Int = 300) {
        self.title = title
        self.kind = kind
        self.width = width
        self.height = height
    }

    /// A round upper bound for the axis (1, 2 or 5 × a power of ten).
    public static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }

    /// An axis label: 2 500 000 as 2.5M, 12 000 as 12k.
    static func compact(_ value: Double) -> String {
        switch abs(value) {
        case 1e6...: String(format: value.truncatingRemainder(dividingBy: 1e6) == 0 ? "%.0fM" : "%.1fM", value / 1e6)
        case 1e4...: String(format: value.truncatingRemainder(dividingBy: 1e3) == 0 ? "%.0fk" : "%.1fk", value / 1e3)
        default: format(value)
        }
    }

    public func render(categories: [String], series: [Series]) -> HTMLNode {
        let left = 70, bottom = 60, top = 10
        let legendHeight = series.count > 1 ? 18 * ((series.count + 2) / 3) : 0
        let plotWidth = width - left - 10
        let plotHeight = height - top - bottom - legendHeight
        let peak: Double
        switch kind {
        case .stacked:
            peak = categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.values[safe: index].flatMap { $0 } ?? 0) } }.max() ?? 0
        case .bar, .line:
            peak = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        }
        let maximum = Self.niceMaximum(peak)
        func y(_ value: Double) -> Double { Double(top) + Double(plotHeight) * (1 - value / maximum) }
        var nodes: [HTMLNode] = [el("title", [:], .text(title))]
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let yy = y(value)
            nodes.append(el("line", ["x1": "\(left)", "y1": String(format: "%.1f", yy), "x2": "\(left + plotWidth)", "y2": String(format: "%.1f", yy), "class": "grid"]))
            nodes.append(el("text", ["x": "\(left - 6)", "y": String(format: "%.1f", yy + 4), "text-anchor": "end", "class": "axis"], .text(Self.compact(value))))
        }
        let slot = categories.isEmpty ? 0 : Double(plotWidth) / Double(categories.count)
        for (index, category) in categories.enumerated() {
            let x = Double(left) + slot * (Double(index) + 0.5)
            let every = max(1, categories.count / 16)
            if index % every == 0 {
                nodes.append(el("text", ["x": String(format: "%.1f", x), "y": "\(top + plotHeight + 16)", "text-anchor": "middle", "class": "axis"], .text(category)))
            }
        }
        for (seriesIndex, entry) in series.enumerated() {
            let color = Self.palette[seriesIndex % Self.palette.count]
            switch kind {
            case .line:
                let points = entry.values.enumerated().compactMap { index, value in
                    value.map { String(format: "%.1f,%.1f", Double(left) + slot * (Double(index) + 0.5), y($0)) }
                }
                nodes.append(el("polyline", ["points": points.joined(separator: " "), "fill": "none", "stroke": color, "stroke-width": "2"]))
                for (index, value) in entry.values.enumerated() {
                    guard let value else { continue }
                    nodes.append(el("circle", ["cx": String(format: "%.1f", Double(left) + slot * (Double(index) + 0.5)), "cy": String(format: "%.1f", y(value)), "r": "3", "fill": color],
                                    el("title", [:], .text("\(entry.name), \(categories[safe: index] ?? ""): \(Self.format(value))"))))
                }
            case .bar:
                let barWidth = slot * 0.8 / Double(max(1, series.count))
                for (index, value) in entry.values.enumerated() {
                    guard let value else { continue }
                    let x = Double(left) + slot * Double(index) + slot * 0.1 + barWidth * Double(seriesIndex)
                    nodes.append(el("rect", ["x": String(format: "%.1f", x), "y": String(format: "%.1f", y(max(0, value))), "width": String(format: "%.1f", max(1, barWidth - 1)),
                                             "height": String(format: "%.1f", max(0, Double(top + plotHeight) - y(max(0, value)))), "fill": color],
                                    el("title", [:], .text("\(entry.name), \(categories[safe: index] ?? ""): \(Self.format(value))"))))
                }
            case .stacked:
                for (index, value) in entry.values.enumerated() {
                    guard let value, value > 0 else { continue }
                    let below = series[..<seriesIndex].reduce(0) { $0 + max(0, $1.values[safe: index].flatMap { $0 } ?? 0) }
                    let x = Double(left) + slot * Double(index) + slot * 0.15
                    nodes.append(el("rect", ["x": String(format: "%.1f", x), "y": String(format: "%.1f", y(below + value)), "width": String(format: "%.1f", max(1, slot * 0.7)),
                                             "height": String(format: "%.1f", y(below) - y(below + value)), "fill": color],
                                    el("title", [:], .text("\(entry.name), \(categories[safe: index] ?? ""): \(Self.format(value))"))))
                }
            }
            if series.count > 1 {
                let column = seriesIndex % 3, row = seriesIndex / 3
                let lx = left + column * (plotWidth / 3), ly = height - legendHeight + row * 18 + 4
                nodes.append(el("rect", ["x": "\(lx)", "y": "\(ly)", "width": "12", "height": "12", "fill": color]))
                nodes.append(el("text", ["x": "\(lx + 16)", "y": "\(ly + 10)", "class": "legend"], .text(entry.name)))
            }
        }
        return el("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(width) \(height)", "role": "img", "aria-label": title, "class": "chart"], .group(nodes))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
