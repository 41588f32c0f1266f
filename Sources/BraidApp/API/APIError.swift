import BraidCore
import BraidStore
import Vapor

/// An error as the API reports it: `{"error": {"code", "message", "field"?}}`.
struct APIError: Error, AbortError, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let field: String?
    /// Extra response headers (`Retry-After` on 429).
    let headers: HTTPHeaders

    var reason: String { message }

    init(
        _ status: HTTPResponseStatus, code: String, _ message: String, field: String? = nil,
        headers: HTTPHeaders = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    /// Too many failed sign-ins: 429 with `Retry-After` in whole seconds.
    static func throttled(_ refusal: SignInThrottle.Refusal) -> APIError {
        APIError(
            .tooManyRequests, code: "throttled",
            "too many failed sign-ins: try again in \(refusal.seconds) second\(refusal.seconds == 1 ? "" : "s")",
            headers: ["Retry-After": String(refusal.seconds)])
    }

    static func validation(_ error: ValidationError) -> APIError {
        APIError(.unprocessableEntity, code: "invalid-field", error.message, field: error.field)
    }

    static func validation(field: String, _ message: String) -> APIError {
        APIError(.unprocessableEntity, code: "invalid-field", message, field: field)
    }

    /// Not found, also when the record exists but the caller may not see it (never reveal existence).
    static func notFound(_ what: String = "record") -> APIError {
        APIError(.notFound, code: "not-found", "\(what) not found")
    }

    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", "sign in first: send Authorization: Bearer <token>")

    /// Maps any error to what the client may see; internals go to the log only.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as ValidationError: return .validation(error)
        case let error as ScoringError: return .validation(field: error.field, ScoringError.message(of: error))
        case let error as StoreError:
            switch error {
            case .conflict: return APIError(.conflict, code: "conflict", error.description)
            case .notFound: return .notFound()
            case .corrupt: return APIError(.internalServerError, code: "internal", "something went wrong on our side")
            }
        case let error as any AbortError:
            let code = error.status == .notFound ? "not-found" : error.status.code < 500 ? "bad-request" : "internal"
            let message = error.status.code < 500 ? error.reason : "something went wrong on our side"
            return APIError(error.status, code: code, message)
        default:
            return APIError(.internalServerError, code: "internal", "something went wrong on our side")
        }
    }
}

extension ScoringError {
    /// The message without the leading "field: ".
    static func message(of error: ScoringError) -> String {
        let text = error.description
        let prefix = error.field + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}

/// The JSON body of an error response.
struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
    }

    let error: Detail
}
