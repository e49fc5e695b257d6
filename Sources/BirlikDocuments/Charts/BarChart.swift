import Foundation

/// A horizontal bar chart of shares (0…1) drawn as SVG on the server: readable without JavaScript,
/// printable, each bar a link to the rows behind it.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double?
        public var link: String?

        public init(label: String, value: Double?, link: String?) {
            self.label = label
            self.value = value
            self.link = link
        }
    }

    public var title: String
    public var labelWidth: Int
    public var barWidth: Int

    public init(title: String, labelWidth: Int = 240, barWidth: Int = 360) {
        self.title = title
        self.labelWidth = labelWidth
        self.barWidth = barWidth
    }

    public func render(_ bars: [Bar]) -> HTMLNode {
        let rowHeight = 22
        let height = bars.count * rowHeight + 30
        let width = labelWidth + barWidth + 60
        var nodes: [HTMLNode] = [el("title", [:], .text(title))]
        for percent in [0, 25, 50, 75, 100] {
            let x = labelWidth + barWidth * percent / 100
            nodes.append(el("line", ["x1": "\(x)", "y1": "0", "x2": "\(x)", "y2": "\(bars.count * rowHeight)", "class": "grid"]))
            nodes.append(el("text", ["x": "\(x)", "y": "\(bars.count * rowHeight + 16)", "text-anchor": "middle", "class": "axis"], .text("\(percent)%")))
        }
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight
            let share = min(max(bar.value ?? 0, 0), 1)
            let length = Int((share * Double(barWidth)).rounded())
            let text = bar.value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
            let group = el("g", ["class": "bar"],
                el("title", [:], .text("\(bar.label): \(text)")),
                el("text", ["x": "\(labelWidth - 6)", "y": "\(y + 15)", "text-anchor": "end", "class": "label"], .text(String(bar.label.prefix(34)))),
                el("rect", ["x": "\(labelWidth)", "y": "\(y + 3)", "width": "\(length)", "height": "\(rowHeight - 6)",
                            "fill": share >= 0.75 ? "#2e7d32" : share >= 0.5 ? "#0b4f8a" : share >= 0.25 ? "#f0a30a" : "#c62828"]),
                el("text", ["x": "\(labelWidth + length + 4)", "y": "\(y + 15)", "class": "value"], .text(text)))
            nodes.append(bar.link.map { el("a", ["href": $0], group) } ?? group)
        }
        return el("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(width) \(height)", "width": "100%",
                          "role": "img", "aria-label": title, "class": "bar-chart"], nodes)
    }
}
