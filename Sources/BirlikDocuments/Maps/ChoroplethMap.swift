import Foundation

/// An SVG map of the regions shaded by a value, drawn on the server: no tiles, no scripts, readable by
/// screen readers (each region carries its name and value as a title) and clickable.
public struct ChoroplethMap: Sendable {
    /// One region's entry.
    public struct Entry: Sendable {
        /// What a reader hears and sees on hover: the place and its figure as the page words it
        /// ("Almaty: 80%"), never the bare shading value.
        public var label: String
        public var value: Int
        public var link: String?

        public init(label: String, value: Int, link: String?) {
            self.label = label
            self.value = value
            self.link = link
        }
    }

    /// Five shades from light to dark.
    public static let palette = ["#e8f1f8", "#b9d4ea", "#7fb0d6", "#3d84bd", "#0b4f8a"]

    public var geometry: RegionGeometry
    public var title: String
    public var legendTitle: String

    public init(geometry: RegionGeometry = .shared, title: String, legendTitle: String) {
        self.geometry = geometry
        self.title = title
        self.legendTitle = legendTitle
    }

    /// The upper bounds of the five shades for values up to `maximum`.
    public static func bins(maximum: Int) -> [Int] {
        let top = max(maximum, 5)
        return (1...5).map { Int((Double(top) * Double($0) / 5).rounded(.up)) }
    }

    /// The shade of `value`.
    public static func shade(_ value: Int, bins: [Int]) -> String {
        guard value > 0 else { return "#f6f7f9" }
        return palette[bins.firstIndex { value <= $0 } ?? palette.count - 1]
    }

    /// The map as an inline `<svg>` element.
    public func render(_ entries: [String: Entry]) -> HTMLNode {
        let bins = Self.bins(maximum: entries.values.map(\.value).max() ?? 0)
        var regions: [HTMLNode] = []
        var cities: [HTMLNode] = []
        for shape in geometry.shapes {
            guard let entry = entries[shape.code] else { continue }
            let fill = Self.shade(entry.value, bins: bins)
            let caption = entry.label
            let outline = el("path", ["d": shape.path, "fill": fill, "class": "region", "data-region": shape.code],
                             el("title", [:], .text(caption)))
            regions.append(el("a", ["href": entry.link, "aria-label": caption], outline))
            if shape.isCity {
                let marker = el("circle", ["cx": String(format: "%.1f", shape.center.x), "cy": String(format: "%.1f", shape.center.y),
                                           "r": "9", "fill": fill, "class": "city", "data-region": shape.code],
                                el("title", [:], .text(caption)))
                cities.append(el("a", ["href": entry.link, "aria-label": caption], marker))
            }
        }
        let legendItems = Self.palette.enumerated().map { index, color -> HTMLNode in
            let low = index == 0 ? 1 : bins[index - 1] + 1
            return el("g", ["transform": "translate(\(20 + index * 150),0)"],
                      el("rect", ["width": "28", "height": "18", "fill": color, "stroke": "#8a96a3"]),

                      el("text", ["x": "36", "y": "15", "font-size": "18"], .text("\(low)–\(bins[index])")))
        }
        let legend = el("g", ["transform": "translate(0,\(Int(geometry.height) + 34))", "class": "legend"],
                        el("text", ["x": "20", "y": "-6", "font-size": "18", "font-weight": "600"], .text(legendTitle)),
                        .group(legendItems))
        return el("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(Int(geometry.width)) \(Int(geometry.height) + 62)",
                          "role": "img", "aria-labelledby": "map-title", "class": "region-map"],
                  el("title", ["id": "map-title"], .text(title)),
                  el("g", ["stroke": "#ffffff", "stroke-width": "1.5"], .group(regions)),
                  el("g", ["stroke": "#1d2b3a", "stroke-width": "1.5"], .group(cities)),
                  legend)
    }
}
