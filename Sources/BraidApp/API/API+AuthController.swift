import BraidCore
import BraidStore
import Vapor

/// Sign-in, sign-out, health and the OpenAPI document.
enum AuthController {
    static func createToken(_ req: Request) async throws -> Response {
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["email", "password"])
        // An email of only spaces is simply one no account has: 401 like any wrong email.
        let email = try reader.text("email", maximumLength: 254).trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
        guard case .string(let password)? = reader.object["password"], !password.isEmpty else {
            throw APIError.validation(field: "password", "is required")
        }
        guard let account = try await Passwords.signIn(email: email, password: password, on: req) else {
            throw APIError(.unauthorized, code: "unauthorized", "email or password is wrong")
        }
        let token = Tokens.make()
        let expiresAt = req.now.addingTimeInterval(req.braid.tokenLifetime)
        try await req.repository.transaction { store in
            try await store.createToken(hash: Tokens.hash(token), for: account.id, now: req.now, expiresAt: expiresAt)
            try await store.appendAudit(
                AuditEvent(
                    programID: account.programID, actorID: account.id, role: account.role, action: "auth.login",
                    clientID: nil, requestID: req.requestID, at: req.now))
        }
        return try req.respond(TokenDTO(token: token, expiresAt: expiresAt))
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let token = req.headers.bearerAuthorization?.token else { throw APIError.unauthorized }
        await req.application.tokenCache.forget(Tokens.hash(token))
        try await req.repository.transaction { store in
            try await store.revokeToken(hash: Tokens.hash(token), now: req.now)
            try await store.appendAudit(
                AuditEvent(
                    programID: actor.programID, actorID: actor.userID, role: actor.role, action: "auth.logout",
                    clientID: nil, requestID: req.requestID, at: req.now))
        }
        return Response(status: .noContent)
    }

    /// Sign out everywhere: every token of the account is revoked and its web sessions end.
    static func revokeAllTokens(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try await SessionControl.signOutEverywhere(actor, req)
        return Response(status: .noContent)
    }

    static func health(_ req: Request) async throws -> Response {
        do {
            try await req.repository.ping()
        } catch {
            throw APIError(.serviceUnavailable, code: "unavailable", "the database is not answering")
        }
        return try req.respond(HealthDTO(status: "ok", database: req.braid.database.isSQLite ? "sqlite" : "postgresql"))
    }

    static func openAPI(_ req: Request) async throws -> Response {
        try req.respond(OpenAPIDocument.make())
    }
}
