import BraidCore
import Vapor

/// Gives every request an id (a safe incoming `X-Request-ID` or a new UUID), puts it on the logger and echoes
/// it in the response, so an audit event, a log line and a support ticket can be matched.
struct RequestIDMiddleware: AsyncMiddleware {
    static let header = HTTPHeaders.Name("X-Request-ID")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.headers.first(name: Self.header)
        let id =
            incoming.flatMap { value in
                value.count <= 64 && value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) ? value : nil
            } ?? UUID().uuidString.lowercased()
        request.storage[RequestIDKey.self] = id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: Self.header, value: id)
        return response
    }
}

enum RequestIDKey: StorageKey {
    typealias Value = String
}

extension Request {
    var requestID: String { storage[RequestIDKey.self] ?? id }
}

/// Conservative security headers on every response, errors included. Clinical responses are never cached.
/// With TLS (`braid serve --tls-cert`), HSTS tells browsers to use HTTPS only.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    var strictTransportSecurity = false

    static let pagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'"
    static let dataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"), ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"), ("X-Permitted-Cross-Domain-Policies", "none"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
            // Pages use no scripts and load only their own stylesheet; data responses load nothing.
            ("Content-Security-Policy", response.headers.contentType == .html ? Self.pagePolicy : Self.dataPolicy),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if strictTransportSecurity {
            response.headers.replaceOrAdd(
                name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}

/// One log line per request: method, the route pattern (never the concrete path, which carries record ids),
/// status and duration. Never bodies, never query strings: no clinical content reaches the log.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            log(request, status: APIError.from(error).status, start: start)
            throw error
        }
        log(request, status: response.status, start: start)
        return response
    }

    private func log(_ request: Request, status: HTTPResponseStatus, start: UInt64) {
        let pattern = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(no route)"
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let level: Logger.Level = status.code >= 500 ? .error : .info
        request.logger.log(
            level: level,
            "\(request.method.rawValue) \(pattern) \(status.code) \(String(format: "%.1f", milliseconds)) ms")
    }
}

/// Turns every error into the API's JSON error body; internals go to the log (without clinical content).
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let abort as any AbortError where (300..<400).contains(abort.status.code) {
            // Redirects (e.g. to the sign-in page) keep their Location header.
            return Response(status: abort.status, headers: abort.headers)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                // The error's type is logged, not its message: messages may quote stored values.
                request.logger.error("unhandled error: \(String(reflecting: type(of: error)))")
            }
            guard request.url.path.hasPrefix("/api/") else {
                // Pages get a page: the same message, the crisis line in the header, a way back.
                let page = Response.html(
                    ErrorPage.render(
                        status: apiError.status, message: apiError.message, crisis: request.braid.crisisResources,
                        copy: request.publicCopy),
                    status: apiError.status)
                page.headers.add(contentsOf: apiError.headers)
                return page
            }
            let body = APIErrorBody(error: .init(code: apiError.code, message: apiError.message, field: apiError.field))
            let response = Response(status: apiError.status, headers: apiError.headers)
            try response.content.encode(body, using: JSONEncoder.braid)
            if apiError.status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            }
            return response
        }
    }
}

extension JSONEncoder {
    /// Braid's API encoding: ISO-8601 instants, stable key order.
    static let braid: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
