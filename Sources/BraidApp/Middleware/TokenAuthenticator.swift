import BraidCore
import BraidStore
import Crypto
import Vapor

/// Resolves `Authorization: Bearer <token>` to the acting account; routes behind it require one.
struct TokenAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token, !token.isEmpty,
            let actor = try await request.repository.actor(tokenHash: Tokens.hash(token), now: request.now)
        else { throw APIError.unauthorized }
        request.storage[ActorKey.self] = actor
        request.logger[metadataKey: "actor"] = .string(actor.userID.description)
        return try await next.respond(to: request)
    }
}

enum ActorKey: StorageKey {
    typealias Value = Actor
}

extension Request {
    /// The authenticated actor (routes behind `TokenAuthMiddleware` only).
    var actor: Actor {
        get throws {
            guard let actor = storage[ActorKey.self] else { throw APIError.unauthorized }
            return actor
        }
    }
}

/// Bearer tokens: 32 random bytes, base64url; only their SHA-256 is stored.
enum Tokens {
    static func make() -> String {
        Data([UInt8].random(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
