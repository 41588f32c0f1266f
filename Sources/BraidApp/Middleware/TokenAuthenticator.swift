import BraidCore
import BraidStore
import Crypto
import Vapor

/// Resolves `Authorization: Bearer <token>` to the acting account; routes behind it require one.
struct TokenAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token, !token.isEmpty else {
            throw APIError.unauthorized
        }
        let hash = Tokens.hash(token)
        let cache = request.application.tokenCache
        let actor: Actor
        if let cached = await cache.actor(for: hash, now: request.now) {
            actor = cached
        } else {
            guard
                let session = try await request.repository.session(
                    tokenHash: hash, now: request.now, idleTimeout: request.braid.idleTimeout)
            else {
                throw APIError.unauthorized
            }
            actor = session.actor
            await cache.remember(session.actor, for: hash, expiresAt: session.expiresAt, now: request.now)
        }
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
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
