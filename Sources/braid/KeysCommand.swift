import ArgumentParser
import BraidApp
import BraidCore
import BraidStore
import Foundation

/// `braid keys rotate`: a new key for the notes sealed at rest, and every note resealed with it.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The keyring that seals notes at rest.", subcommands: [KeysRotateCommand.self])
}

struct KeysRotateCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Add a new key, reseal every note with it, then retire the old keys.",
        discussion: """
            Needs the keyring file (BRAID_NOTES_KEY_FILE, or DB.notes-key in development) and the server \
            stopped (on SQLite it refuses while braid serve holds the database). The new key is written to the \
            file first, beside the old ones, so an interrupted rotation loses nothing: run it again. Once every \
            note is resealed (plain notes from before sealing too), the old keys are dropped from the file. \
            Prints {"key", "resealed", "retired"}.
            """)

    @OptionGroup var database: DatabaseOptions

    func runAsync() async throws {
        let configuration = try database.configuration()
        guard let source = configuration.notesKey else {
            throw BadInput(field: "BRAID_NOTES_KEY_FILE", "no keyring is configured")
        }
        var lock: SQLiteFileLock?
        if case .sqliteFile(let path) = configuration.database {
            try database.requireExistingFile()
            lock = try SQLiteFileLock.acquire(for: path)
            guard lock != nil else { throw BadInput(field: "--db", "braid serve is using \(path); stop it first") }
        }
        let old: NoteKeyring
        let rotated: NoteKeyring
        do {
            old = try source.load()
            rotated = old.rotated()
            try source.save(rotated)
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        let resealed = try await withBraidApplication(database) { _, app in
            NoteSeal.use(rotated)
            let count = try await app.repository.resealNotes()
            let left = try await app.repository.sealedValueCounts().filter { $0.key != rotated.current.id }
            guard left.isEmpty else { throw BadInput(field: "keys", "some notes were not resealed: \(left)") }
            return count
        }
        do {
            try source.save(NoteKeyring(keys: [rotated.current]))
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        withExtendedLifetime(lock) {}
        struct Result: Encodable {
            let key: String
            let resealed: Int
            let retired: [String]
        }
        Console.output(
            try Console.json(Result(key: rotated.current.id, resealed: resealed, retired: old.keys.map(\.id))))
    }
}
