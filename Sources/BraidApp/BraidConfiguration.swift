import BraidCore
import BraidStore
import Foundation

/// Braid's runtime configuration, decoded once at start from environment variables into one typed value.
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `BRAID_ENV` | `development`, `production` or `testing` | `development` |
/// | `DATABASE_URL` | a `postgres://` URL selects PostgreSQL; otherwise the SQLite file (`--db`) | — |
/// | `BRAID_CRISIS_LINE` | the program's own 24/7 line, shown with 988 and 911 | required in production |
/// | `BRAID_TIME_ZONE` | IANA zone of the program's calendar dates | required in production; `UTC` otherwise |
/// | `BRAID_TOKEN_HOURS` | API token lifetime in hours (1–720) | 12 |
/// | `BRAID_BCRYPT_COST` | bcrypt cost (10–16; tests may use 4) | 12 |
/// | `BRAID_PUBLIC_URL` | the address people open, for invitation links (`https://braid.example.org`) | the request's host |
/// | `BRAID_IDLE_MINUTES` | sign-out after this long without a request (web sessions and API tokens; 5–240) | 30 |
/// | `BRAID_TRUST_PROXY` | `1`: the client's address is the first of `X-Forwarded-For` (behind a proxy) | `0` |
public struct BraidConfiguration: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case development, production, testing
    }

    public var mode: Mode
    public var database: DatabaseLocation
    public var crisisLine: String?
    public var timeZone: TimeZone
    public var tokenLifetime: TimeInterval
    public var bcryptCost: Int
    public var clinical: ClinicalConfiguration
    /// The public base URL for links handed to people (invitations), without a trailing slash.
    public var publicURL: String?
    /// A session or token unused this long is signed out (HIPAA 164.312(a)(2)(iii) automatic logoff).
    public var idleTimeout: TimeInterval = 30 * 60
    /// Whether `X-Forwarded-For` names the client (only behind a proxy that sets it).
    public var trustForwardedFor = false
    /// Whether the server itself speaks TLS (`braid serve --tls-cert --tls-key`): responses carry HSTS.
    public var servesTLS = false

    public init(
        mode: Mode = .development, database: DatabaseLocation, crisisLine: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, tokenLifetime: TimeInterval = 12 * 3600,
        bcryptCost: Int = 12, clinical: ClinicalConfiguration = .default, publicURL: String? = nil
    ) {
        self.publicURL = publicURL
        self.mode = mode
        self.database = database
        self.crisisLine = crisisLine
        self.timeZone = timeZone
        self.tokenLifetime = tokenLifetime
        self.bcryptCost = bcryptCost
        self.clinical = clinical
    }

    /// Crisis resources shown to clients: 988, 911 and the program's own line.
    public var crisisResources: CrisisResources { CrisisResources(programLine: crisisLine) }

    /// Reads the environment; every problem is collected so one start-up failure lists them all.
    public static func load(environment: [String: String], sqlitePath: String) throws(ConfigurationError)
        -> BraidConfiguration
    {
        var problems: [String] = []
        let modeText = environment["BRAID_ENV"] ?? "development"
        let mode =
            Mode(rawValue: modeText)
            ?? {
                problems.append("BRAID_ENV: '\(modeText)' is not one of development, production, testing")
                return .development
            }()
        var database = DatabaseLocation.sqliteFile(path: sqlitePath)
        do {
            database = try DatabaseLocation.resolve(databaseURL: environment["DATABASE_URL"], sqlitePath: sqlitePath)
        } catch {
            problems.append("DATABASE_URL: must be a postgres:// URL (or unset for SQLite)")
        }
        let crisisLine = environment["BRAID_CRISIS_LINE"].flatMap { $0.isEmpty ? nil : $0 }
        if mode == .production && crisisLine == nil {
            problems.append("BRAID_CRISIS_LINE: required in production (the program's own 24/7 line)")
        }
        var timeZone = TimeZone(identifier: "UTC")!
        if let zone = environment["BRAID_TIME_ZONE"] {
            if let parsed = TimeZone(identifier: zone) {
                timeZone = parsed
            } else {
                problems.append("BRAID_TIME_ZONE: '\(zone)' is not an IANA time zone (e.g. America/New_York)")
            }
        } else if mode == .production {
            problems.append("BRAID_TIME_ZONE: required in production (calendar dates are the program's)")
        }
        func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) -> Int {
            guard let text = environment[name] else { return value }
            guard let number = Int(text), range.contains(number) else {
                problems.append("\(name): '\(text)' is not a whole number \(range.lowerBound)…\(range.upperBound)")
                return value
            }
            return number
        }
        let hours = integer("BRAID_TOKEN_HOURS", default: 12, in: 1...720)
        let cost = integer("BRAID_BCRYPT_COST", default: 12, in: mode == .testing ? 4...16 : 10...16)
        let idleMinutes = integer("BRAID_IDLE_MINUTES", default: 30, in: 5...240)
        var trustProxy = false
        if let text = environment["BRAID_TRUST_PROXY"], !text.isEmpty {
            switch text {
            case "1", "true": trustProxy = true
            case "0", "false": trustProxy = false
            default: problems.append("BRAID_TRUST_PROXY: '\(text.prefix(20))' is not 1 or 0")
            }
        }
        var publicURL: String?
        if let text = environment["BRAID_PUBLIC_URL"], !text.isEmpty {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil {
                publicURL = text.hasSuffix("/") ? String(text.dropLast()) : text
            } else {
                problems.append("BRAID_PUBLIC_URL: '\(text.prefix(80))' is not an http(s) URL")
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        var configuration = BraidConfiguration(
            mode: mode, database: database, crisisLine: crisisLine, timeZone: timeZone,
            tokenLifetime: TimeInterval(hours) * 3600, bcryptCost: cost, publicURL: publicURL)
        configuration.idleTimeout = TimeInterval(idleMinutes) * 60
        configuration.trustForwardedFor = trustProxy
        return configuration
    }

    /// Today's calendar date in the program's time zone.
    public func today(now: Date) -> CalendarDate {
        CalendarDate(date: now, timeZone: timeZone)
    }
}

/// Start-up configuration problems, all of them.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let problems: [String]

    public var description: String {
        "Braid cannot start; fix these settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
