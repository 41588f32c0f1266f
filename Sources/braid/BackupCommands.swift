import ArgumentParser
import BraidApp
import BraidCore
import BraidStore
import Foundation

/// `braid backup FILE`: a consistent copy of the SQLite database, taken while the server keeps serving.
struct BackupCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite database to FILE, consistently, while braid serve keeps running.",
        discussion: """
            Uses SQLite's VACUUM INTO: the copy holds every transaction committed before it started and none \
            after, in one compact file, and is checked (PRAGMA integrity_check) before the command reports it. \
            FILE must not exist. PostgreSQL: use pg_dump (README, Backup and restore). Prints {"backup", "bytes", \
            "integrity"}.
            """)

    @Argument(help: "Where to write the copy (must not exist).") var file: String
    @OptionGroup var database: DatabaseOptions

    func runAsync() async throws {
        try database.requireSQLite(for: "backup")
        try database.requireExistingFile()
        guard !FileManager.default.fileExists(atPath: file) else {
            throw BadInput(field: "FILE", "\(file) exists; name a new file")
        }
        try await withBraidApplication(database, prepare: false) { _, app in
            try await SQLiteMaintenance.copy(app.db, to: file)
        }
        let integrity = try await SQLiteMaintenance.integrity(of: file)
        guard integrity == "ok" else {
            throw BadInput(field: "FILE", "the copy failed its integrity check: \(integrity)")
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
        struct Result: Encodable {
            let backup: String
            let bytes: Int
            let integrity: String
        }
        Console.output(try Console.json(Result(backup: file, bytes: bytes, integrity: integrity)))
    }
}

/// `braid restore FILE`: puts a backup back in place of the SQLite database, with the server stopped.
struct RestoreCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the SQLite database with a backup taken by braid backup (stop braid serve first).",
        discussion: """
            Checks that FILE is a sound Braid database (PRAGMA integrity_check, its migrations table), refuses \
            while a braid serve holds the database (DB.lock), keeps the database it replaces as \
            DB.before-restore-<time> (with its -wal file), and moves the copy into place in one rename. The next \
            braid serve migrates it if it is older. Prints {"restored", "from", "previous"}.
            """)

    @Argument(help: "The backup to restore.") var file: String
    @OptionGroup var database: DatabaseOptions

    func runAsync() async throws {
        try database.requireSQLite(for: "restore")
        guard FileManager.default.fileExists(atPath: file) else { throw BadInput(field: "FILE", "no file at \(file)") }
        let integrity = try await SQLiteMaintenance.integrity(of: file)
        guard integrity == "ok" else {
            throw BadInput(field: "FILE", "\(file) is not a sound SQLite database: \(integrity.prefix(200))")
        }
        guard try await SQLiteMaintenance.isBraidDatabase(file) else {
            throw BadInput(field: "FILE", "\(file) is not a Braid database (no migrations table)")
        }
        let target = database.path
        guard let lock = try SQLiteFileLock.acquire(for: target) else {
            throw BadInput(field: "--db", "braid serve is using \(target); stop it first")
        }
        let previous = try withExtendedLifetime(lock) { try SQLiteMaintenance.replace(target, with: file) }
        var output = ["restored": target, "from": file]
        if let previous { output["previous"] = previous }
        Console.output(try Console.json(output))
    }
}

extension DatabaseOptions {
    func requireSQLite(for command: String) throws {
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
        guard url.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw BadInput(
                field: "DATABASE_URL",
                "braid \(command) works on SQLite files; for PostgreSQL use pg_dump and pg_restore (README)")
        }
    }
}
