import BirlikCore
import Foundation

/// The outlines of the 17 regions and 3 cities, projected once into SVG path data.
public struct RegionGeometry: Sendable {
    /// One region's outline: SVG path data and the centre of its bounding box.
    public struct Shape: Sendable {
        public var code: String
        public var path: String
        public var center: (x: Double, y: Double)
        public var isCity: Bool
    }

    public let shapes: [Shape]
    public let width: Double
    public let height: Double

    /// The shipped geometry (`regions.geojson`, see ATTRIBUTION.md).
    public static let shared = RegionGeometry(geoJSON: (try? Data(contentsOf: ReferenceData.url("regions.geojson"))) ?? Data())

    /// Parses a GeoJSON FeatureCollection whose features carry a `code` and `kind` property.
    public init(geoJSON: Data, width: Double = 1000) {
        typealias Ring = [(Double, Double)]
        var features: [(code: String, kind: String, polygons: [[Ring]])] = []
        let root = (try? JSONSerialization.jsonObject(with: geoJSON)) as? [String: Any]
        for feature in root?["features"] as? [[String: Any]] ?? [] {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            func ring(_ value: Any) -> Ring {
                (value as? [[Double]] ?? []).compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
            }
            var polygons: [[Ring]] = []
            switch geometry["type"] as? String {
            case "Polygon": polygons = [(geometry["coordinates"] as? [Any] ?? []).map(ring)]
            case "MultiPolygon": polygons = (geometry["coordinates"] as? [[Any]] ?? []).map { $0.map(ring) }
            default: break
            }
            features.append((properties["code"] as? String ?? "", properties["kind"] as? String ?? "", polygons))
        }
        let points = features.flatMap { $0.polygons.flatMap { $0.flatMap { $0 } } }
        let minLon = points.map(\.0).min() ?? 46, maxLon = points.map(\.0).max() ?? 88
        let minLat = points.map(\.1).min() ?? 40, maxLat = points.map(\.1).max() ?? 56
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let scale = width / max((maxLon - minLon) * squeeze, 0.001)
        self.width = width
        height = ((maxLat - minLat) * scale).rounded()
        shapes = features.map { feature in
            var path = ""
            var xs: [Double] = [], ys: [Double] = []
            for polygon in feature.polygons {
                for ring in polygon {
                    for (index, point) in ring.enumerated() {
                        let x = (point.0 - minLon) * squeeze * scale, y = (maxLat - point.1) * scale
                        xs.append(x); ys.append(y)
                        path += (index == 0 ? "M" : "L") + String(format: "%.1f,%.1f", x, y)
                    }
                    path += "Z"
                }
            }
            let center = (((xs.min() ?? 0) + (xs.max() ?? 0)) / 2, ((ys.min() ?? 0) + (ys.max() ?? 0)) / 2)
            return Shape(code: feature.code, path: path, center: center, isCity: feature.kind == "city")
        }
    }
}
