import BirlikCore
import Prometheus
import Vapor

/// Prometheus metrics: requests by route and status, and their durations.
final class Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "birlik", subsystem: "http", metricName: "requests", unitName: "total",
                             helpText: "HTTP requests by method, route pattern and status")
    }

    static var durations: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "birlik", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                             helpText: "HTTP request durations by route pattern")
    }

    func record(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests,
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: Self.durations, labels: [("route", route)],
                                       buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                 .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1)])
            .record(duration)
    }
}

/// Times every request and counts it under its route pattern (not its raw path, to bound the labels).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.application.birlik.metrics.record(method: request.method.rawValue, route: route,
                                                    status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}

enum OperationsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.health) { request async throws -> Response in
            _ = try await BirlikStorage.RegionQueries.find("KZ", on: request.db)
            let response = Response(status: .ok, body: .init(string: #"{"status":"ok"}"#))
            response.headers.contentType = .json
            return response
        }
        // Liveness: the process answers, without touching the database (also the benchmark's bare route).
        routes.get(.liveness) { _ -> Response in
            let response = Response(status: .ok, body: .init(string: #"{"status":"live"}"#))
            response.headers.contentType = .json
            return response
        }
        // The figures tell an outsider too much (routes, load, errors): a scraper presents BIRLIK_METRICS_TOKEN,
        // a person signs in as an administrator.
        routes.get(.metrics) { request async throws -> Response in
            if !ContextMiddleware.isMetricsScraper(request) {
                try Access.require(request.actor, .view, .auditLog, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false))
            }
            let response = Response(status: .ok, body: .init(string: request.application.birlik.metrics.registry.emitToString()))
            response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }
}

import BirlikStorage
