import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where Braid's data lives: one function chooses the database (ARCHITECTURE.md).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    /// A `postgres://` URL; `searchPath` selects a schema (tests use one schema per test).
    case postgres(url: String, searchPath: [String]? = nil)

    /// A `postgres://` or `postgresql://` `DATABASE_URL` selects PostgreSQL; otherwise the SQLite file.
    public static func resolve(databaseURL: String?, sqlitePath: String) throws -> DatabaseLocation {
        guard let url = databaseURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            return .sqliteFile(path: sqlitePath)
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw StoreError.corrupt("DATABASE_URL (must start with postgres://)")
        }
        return .postgres(url: url)
    }

    public var isSQLite: Bool {
        if case .postgres = self { false } else { true }
    }

    /// For messages: never includes credentials.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "in-memory SQLite"
        case .postgres(let url, _):
            "PostgreSQL at \(URL(string: url).map { "\($0.host ?? "?"):\($0.port ?? 5432)\($0.path)" } ?? "?")"
        }
    }

    /// Registers the database as the default one.
    public func configure(_ databases: Databases) throws {
        switch self {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, maxConnectionsPerEventLoop: 1), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4), as: .psql)
        }
    }

    /// Per-connection settings for a SQLite file: WAL (readers never block the writer) and synchronous=NORMAL
    /// (a commit survives a crash of the app; the last commits may be lost on power loss). SQLite refuses to
    /// change the safety level inside a transaction, so this runs on each connection before any request.
    public static func prepareSQLiteConnection(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = NORMAL").run()
    }
}
