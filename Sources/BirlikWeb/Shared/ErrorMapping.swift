import BirlikCore
import BirlikDocuments
import Vapor

/// The one place where an error becomes an HTTP status and a message in the user's language:
/// JSON under `/api`, an HTML page elsewhere.
struct ErrorMapping: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let domain = Self.domainError(error)
            let status = Self.status(domain)
            if status == .internalServerError {
                request.logger.report(error: error)
            } else {
                request.logger.info("request failed", metadata: ["status": "\(status.code)", "error": "\(String(describing: domain))"])
            }
            let l10n = request.l10n
            let message = Self.message(domain, l10n)
            let response: Response
            if request.url.path.hasPrefix("/api/") || request.url.path == "/api" {
                let fields: [APIError.Field]
                if case let .invalid(problems) = domain {
                    fields = problems.map { APIError.Field(field: $0.field, message: l10n($0.key, $0.arguments)) }
                } else {
                    fields = []
                }
                response = Response(status: status)
                try response.content.encode(APIError(error: APIError.Body(status: Int(status.code), code: Self.code(domain),
                                                                            message: message, fields: fields)))
            } else {
                var model = ErrorPage.Model(status: Int(status.code), message: message)
                if case .signInRequired = domain, request.method == .POST {
                    // The session ended while a form was being filled: its text is shown (and signing in leads
                    // back to the page the form was on, `PageContext.currentURL`).
                    model.typed = ConfirmationPage.formFields(request)
                        .filter { !$0.name.hasPrefix("_") && !$0.name.lowercased().contains("password") && $0.value.trimmingCharacters(in: .whitespaces).count >= 3 }
                        .map(\.value)
                }
                let page = ErrorPage.view(model, PageContext(request))
                response = Response(status: status, body: .init(string: page))
                response.headers.contentType = .html
            }
            if case .signInRequired = domain, request.url.path.hasPrefix("/api/") {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            }
            if case .rateLimited = domain { response.headers.replaceOrAdd(name: .retryAfter, value: "60") }
            return response
        }
    }

    /// Any error as a `DomainError`; what is not one is an internal error (`nil`).
    static func domainError(_ error: any Error) -> DomainError? {
        switch error {
        case let error as DomainError: return error
        case is CSRFError: return .conflict(.errorCsrf)
        case let error as DecodingError: return .malformed(describe(error))
        case let error as any AbortError:
            switch error.status {
            case .notFound: return .notFound
            case .payloadTooLarge: return .tooLarge
            case .unauthorized: return .signInRequired
            case .forbidden: return .forbidden
            case .badRequest, .unsupportedMediaType, .unprocessableEntity: return .malformed(error.reason)
            case .tooManyRequests: return .rateLimited
            default: return nil
            }
        default: return nil
        }
    }

    static func status(_ error: DomainError?) -> HTTPResponseStatus {
        switch error {
        case .invalid: .unprocessableEntity
        case .notFound: .notFound
        case .conflict(.errorCsrf): .forbidden
        case .conflict, .staleVersion: .conflict
        case .malformed: .badRequest
        case .tooLarge: .payloadTooLarge
        case .signInRequired, .invalidCredentials: .unauthorized
        case .forbidden: .forbidden
        case .rateLimited: .tooManyRequests
        case nil: .internalServerError
        }
    }

    static func code(_ error: DomainError?) -> String {
        guard let error else { return "internal" }
        return error.messageKey.rawValue.replacingOccurrences(of: "error.", with: "")
    }

    static func message(_ error: DomainError?, _ l10n: Localizer) -> String {
        switch error {
        case let .malformed(detail): l10n(.errorMalformed, ["detail": detail])
        // Outside a form (a query parameter), each problem is named on the error page itself.
        case let .invalid(problems) where !problems.isEmpty: problems.map { l10n($0.key, $0.arguments) }.joined(separator: " ")
        case let error?: l10n(error.messageKey)
        case nil: l10n(.errorServer)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context), let .dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            if case let .keyNotFound(key, _) = error { return "missing field '\(([path, key.stringValue].filter { !$0.isEmpty }).joined(separator: "."))'" }
            return path.isEmpty ? "the body is not valid JSON" : "wrong value at '\(path)'"
        @unknown default:
            return "the body could not be read"
        }
    }
}

/// The JSON shape of every API error.
struct APIError: Content {
    struct Body: Content {
        var status: Int
        var code: String
        var message: String
        var fields: [Field]
    }

    struct Field: Content {
        var field: String
        var message: String
    }

    var error: Body
}
