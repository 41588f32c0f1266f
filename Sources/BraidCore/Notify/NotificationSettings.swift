import Foundation

/// A program's notification settings (issue 12): the on-call rota, the channels and when alerts escalate. Kept in
/// the program's settings history like the contingency-management terms; a key never set keeps its default.
public struct NotificationSettings: Sendable, Hashable {
    public var rota = OnCallRota()
    public var escalation = EscalationPolicy()
    /// Where the signed webhook goes (`nil`: no webhook).
    public var webhookURL: String?
    /// The HMAC-SHA256 key of the webhook's signature.
    public var webhookSecret: String?
    /// The SMTP server (`nil`: no email).
    public var smtp: SMTPServer?
    public var emailFrom = "braid@localhost"
    /// The start of every link (the address clinicians and clients open Braid at).
    public var linkBase = "http://127.0.0.1:8080"

    public struct SMTPServer: Sendable, Hashable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    public init() {}

    public var channels: [NotificationChannel] {
        (webhookURL != nil && webhookSecret != nil ? [.webhook] : []) + (smtp != nil ? [.email] : [])
    }

    public enum Key: String, Sendable, CaseIterable {
        case rota = "on-call-rota"
        case emergencyMinutes = "escalate-emergency-minutes"
        case urgentMinutes = "escalate-urgent-minutes"
        case webhookURL = "notify-webhook-url"
        case webhookSecret = "notify-webhook-secret"
        case smtp = "notify-smtp"
        case emailFrom = "notify-email-from"
        case linkBase = "notify-link-base"

        public var label: String {
            switch self {
            case .rota: "On-call rota (one shift per line, in escalation order)"
            case .emergencyMinutes: "Escalate an emergency after (minutes)"
            case .urgentMinutes: "Escalate other alerts after (minutes)"
            case .webhookURL: "Webhook URL"
            case .webhookSecret: "Webhook secret"
            case .smtp: "SMTP server (host:port)"
            case .emailFrom: "Email from"
            case .linkBase: "Braid's address, for links"
            }
        }

        /// Secrets are never shown again, in the form or the history.
        public var isSecret: Bool { self == .webhookSecret }
    }

    public func text(_ key: Key) -> String {
        switch key {
        case .rota: rota.text
        case .emergencyMinutes: String(escalation.emergencyMinutes)
        case .urgentMinutes: String(escalation.urgentMinutes)
        case .webhookURL: webhookURL ?? ""
        case .webhookSecret: webhookSecret ?? ""
        case .smtp: smtp.map { "\($0.host):\($0.port)" } ?? ""
        case .emailFrom: emailFrom
        case .linkBase: linkBase
        }
    }

    /// Sets `key` from text, checking it; the error names the setting and what is allowed.
    public mutating func set(_ key: Key, _ raw: String) throws(ValidationError) {
        let text = key == .rota ? raw : raw.trimmingCharacters(in: .whitespaces)
        func minutes(_ range: ClosedRange<Int>) throws(ValidationError) -> Int {
            guard let value = Int(text), range.contains(value) else {
                throw ValidationError(
                    field: key.rawValue,
                    "'\(text.prefix(20))' is not allowed (whole minutes \(range.lowerBound)–\(range.upperBound))")
            }
            return value
        }
        func url(_ text: String) throws(ValidationError) -> String {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false, text.count <= 500
            else {
                throw ValidationError(field: key.rawValue, "'\(text.prefix(40))' is not an http(s) address")
            }
            return text
        }
        switch key {
        case .rota: rota = try OnCallRota(text: text, field: key.rawValue)
        case .emergencyMinutes: escalation.emergencyMinutes = try minutes(1...240)
        case .urgentMinutes: escalation.urgentMinutes = try minutes(1...1440)
        case .webhookURL: webhookURL = text.isEmpty ? nil : try url(text)
        case .webhookSecret:
            guard text.isEmpty || (16...200).contains(text.count) else {
                throw ValidationError(field: key.rawValue, "must be 16–200 characters (or empty for none)")
            }
            webhookSecret = text.isEmpty ? nil : text
        case .smtp:
            if text.isEmpty {
                smtp = nil
                return
            }
            let parts = text.split(separator: ":").map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 253,
                parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }),
                let port = Int(parts[1]), (1...65535).contains(port)
            else {
                throw ValidationError(field: key.rawValue, "'\(text.prefix(40))' is not host:port, e.g. localhost:25")
            }
            smtp = SMTPServer(host: parts[0], port: port)
        case .emailFrom:
            guard text.contains("@"), text.count <= 254, !text.contains(where: { $0.isWhitespace || $0 == "<" }) else {
                throw ValidationError(field: key.rawValue, "'\(text.prefix(40))' is not an email address")
            }
            emailFrom = text
        case .linkBase:
            var base = try url(text)
            while base.hasSuffix("/") { base.removeLast() }
            linkBase = base
        }
    }

    public static func from(history: [SettingChange]) -> NotificationSettings {
        var settings = NotificationSettings()
        for change in history {
            if let key = Key(rawValue: change.setting) { try? settings.set(key, change.newValue) }
        }
        return settings
    }
}
