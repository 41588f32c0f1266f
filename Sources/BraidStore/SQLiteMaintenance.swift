import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Backup and restore of a SQLite database file (issue 15): a consistent copy while serving, its check, and
/// putting a copy back in one rename.
public enum SQLiteMaintenance {
    /// Writes a consistent copy of `database` to `file` (SQLite's VACUUM INTO: every transaction committed
    /// before it started, none after; readers and the writer go on meanwhile).
    public static func copy(_ database: any Database, to file: String) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            throw StoreError.corrupt("database (a backup copies SQLite only)")
        }
        try await sql.raw("VACUUM INTO \(bind: file)").run()
    }

    /// `PRAGMA integrity_check` of a file: `ok`, or SQLite's findings (or the error) as text.
    public static func integrity(of path: String) async throws -> String {
        do {
            return try await withFile(path) { sql in
                try await sql.raw("PRAGMA integrity_check").all().map {
                    try $0.decode(column: "integrity_check", as: String.self)
                }
                .joined(separator: "; ")
            }
        } catch {
            return "cannot be read as SQLite (\(String(describing: type(of: error))))"
        }
    }

    /// Whether the file holds Braid's migrations table.
    public static func isBraidDatabase(_ path: String) async throws -> Bool {
        try await withFile(path) { sql in
            try await sql.raw(
                "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'"
            )
            .first()?.decode(column: "n", as: Int.self) == 1
        }
    }

    /// Moves `target` (and its -wal and -shm files) aside as `target.before-restore-<time>`, then renames a
    /// copy of `backup` into place. Returns where the previous database went (nil when there was none). Call
    /// with the server stopped (holding `SQLiteFileLock`).
    public static func replace(_ target: String, with backup: String, now: Date = Date()) throws -> String? {
        let files = FileManager.default
        let staging = target + ".restoring"
        try? files.removeItem(atPath: staging)
        try files.copyItem(atPath: backup, toPath: staging)
        var previous: String?
        if files.fileExists(atPath: target) {
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let aside = "\(target).before-restore-\(stamp)"
            for suffix in ["-wal", "-shm"] where files.fileExists(atPath: target + suffix) {
                try files.moveItem(atPath: target + suffix, toPath: aside + suffix)
            }
            try files.moveItem(atPath: target, toPath: aside)
            previous = aside
        }
        guard rename(staging, target) == 0 else { throw StoreError.corrupt("\(target) (the rename failed)") }
        return previous
    }

    /// Opens a SQLite file on its own for one piece of work.
    static func withFile<T: Sendable>(_ path: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let databases = Databases(threadPool: threadPool, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .sqlite)
        let logger = Logger(label: "braid.maintenance")
        do {
            let database = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
            let result = try await body(database as! any SQLDatabase)
            await databases.shutdownAsync()
            try await threadPool.shutdownGracefully()
            return result
        } catch {
            await databases.shutdownAsync()
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }
}
