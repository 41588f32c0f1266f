import AsyncHTTPClient
import BraidCore
import Crypto
import Foundation
import NIOCore

/// The signed webhook: a POST of a small JSON body with `X-Braid-Signature: sha256=<hex>`, the HMAC-SHA256 of the
/// exact body bytes under the program's secret. The receiver recomputes it to know the call came from Braid.
struct WebhookSender: Sendable {
    let client: HTTPClient
    let url: String
    let secret: String
    var timeout: TimeAmount = .seconds(10)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let signatureHeader = "X-Braid-Signature"

    static func signature(of body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// The body: what the notification says, for whom, and nothing clinical.
    static func body(_ notification: OutgoingNotification, sentAt: Date) throws -> Data {
        var object: [String: JSONValue] = [
            "notification": .string(notification.id.uuidString.lowercased()),
            "recipient": .string(notification.recipient), "subject": .string(notification.message.subject),
            "text": .string(notification.message.body), "link": .string(notification.message.link),
            "sentAt": .string(ISO8601DateFormatter().string(from: sentAt)),
        ]
        switch notification.purpose {
        case .alert(let alert, let urgency, let step):
            object["event"] = .string("alert")
            object["alert"] = .string(alert.description)
            object["urgency"] = .string(urgency.rawValue)
            object["step"] = .number(Double(step))
        case .reminder(let kind):
            object["event"] = .string("reminder")
            object["reminder"] = .string(kind.rawValue)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(JSONValue.object(object))
    }

    func send(_ notification: OutgoingNotification, at now: Date) async throws {
        let body = try Self.body(notification, sentAt: now)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: Self.signatureHeader, value: Self.signature(of: body, secret: secret))
        request.headers.add(name: "X-Braid-Notification", value: notification.id.uuidString.lowercased())
        request.body = .bytes(ByteBuffer(data: body))
        let response = try await client.execute(request, timeout: timeout)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw Failure(description: "HTTP \(response.status.code)")
        }
    }
}
