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
/// | `BRAID_NOTES_KEY_FILE` | the keyring that seals notes at rest (`braid keys rotate` rewrites it) | dev: `DB.notes-key` |
/// | `BRAID_NOTES_KEY` | the keyring itself (`ID BASE64`; instead of the file) | one of the two in production |
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
    /// Where the keyring that seals notes at rest comes from (nil in tests: one key per test process).
    public var notesKey: NotesKeySource?
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
        var notesKey: NotesKeySource?
        if let text = environment["BRAID_NOTES_KEY"], !text.isEmpty {
            notesKey = .text(text.replacingOccurrences(of: ";", with: "\n"))
        } else if let path = environment["BRAID_NOTES_KEY_FILE"], !path.isEmpty {
            notesKey = .file(path, createIfMissing: false)
        } else if mode == .production {
            problems.append(
                "BRAID_NOTES_KEY_FILE or BRAID_NOTES_KEY: required in production (notes are sealed at rest)")
        } else {
            // Development: a keyring file beside the database, made on first use.
            notesKey = .file(sqlitePath + ".notes-key", createIfMissing: true)
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        var configuration = BraidConfiguration(
            mode: mode, database: database, crisisLine: crisisLine, timeZone: timeZone,
            tokenLifetime: TimeInterval(hours) * 3600, bcryptCost: cost, publicURL: publicURL)
        configuration.idleTimeout = TimeInterval(idleMinutes) * 60
        configuration.trustForwardedFor = trustProxy
        configuration.notesKey = notesKey
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

/// Where the notes keyring comes from.
public enum NotesKeySource: Sendable, Equatable {
    /// The keyring's text (from `BRAID_NOTES_KEY`).
    case text(String)
    /// A keyring file; in development it is created (mode 0600) when missing.
    case file(String, createIfMissing: Bool)

    /// Reads (or creates) the keyring; problems name the setting, never the key.
    public func load() throws(ValidationError) -> NoteKeyring {
        switch self {
        case .text(let text):
            do {
                return try NoteKeyring.parse(text, source: "BRAID_NOTES_KEY")
            } catch {
                throw ValidationError(field: "BRAID_NOTES_KEY", error.description)
            }
        case .file(let path, let create):
            if create && !FileManager.default.fileExists(atPath: path) {
                let ring = NoteKeyring.generate()
                guard
                    FileManager.default.createFile(
                        atPath: path, contents: Data(ring.text.utf8), attributes: [.posixPermissions: 0o600])
                else { throw ValidationError(field: "BRAID_NOTES_KEY_FILE", "cannot create \(path)") }
                return ring
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError(field: "BRAID_NOTES_KEY_FILE", "cannot read \(path)")
            }
            do {
                return try NoteKeyring.parse(String(decoding: data, as: UTF8.self), source: path)
            } catch {
                throw ValidationError(field: "BRAID_NOTES_KEY_FILE", error.description)
            }
        }
    }

    /// Writes a rotated keyring back (files only), atomically, readable by its owner only.
    public func save(_ ring: NoteKeyring) throws(ValidationError) {
        guard case .file(let path, _) = self else {
            throw ValidationError(
                field: "BRAID_NOTES_KEY", "keys rotate needs a keyring file (BRAID_NOTES_KEY_FILE), not the variable")
        }
        let staging = path + ".new"
        guard
            FileManager.default.createFile(
                atPath: staging, contents: Data(ring.text.utf8), attributes: [.posixPermissions: 0o600]),
            rename(staging, path) == 0
        else { throw ValidationError(field: "BRAID_NOTES_KEY_FILE", "cannot write \(path)") }
    }
}
