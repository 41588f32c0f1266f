import ArgumentParser
import BraidApp
import BraidCore
import BraidStore
import Foundation

/// `braid audit verify`: checks the audit trail's hash chains (clinical-rules.md §11).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail: verify its hash chains.",
        subcommands: [AuditVerifyCommand.self])
}

struct AuditVerifyCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every program's audit chain from its first event to its head.",
        discussion: """
            Exits 0 when every chain is intact and prints each chain's length and head hash (keep the head \
            somewhere else: a later rewrite of a whole chain then shows too). Exits 1 naming the first broken \
            event when a row was edited, deleted or inserted out of order. Reads the database only.
            """)

    @OptionGroup var database: DatabaseOptions

    func runAsync() async throws {
        try database.requireExistingFile()
        let result = try await withBraidApplication(database) { _, app in try await app.repository.verifyAudit() }
        if let broken = result.firstBreak {
            Console.error("audit trail broken: \(broken)")
            throw ExitCode(ExitStatus.failure)
        }
        let events = result.chains.reduce(0) { $0 + $1.events }
        Console.output(
            "audit trail intact: \(result.chains.count) chain\(result.chains.count == 1 ? "" : "s"), \(events) events")
        for chain in result.chains {
            Console.output("  chain \(chain.chain): \(chain.events) events, head \(chain.head)")
        }
    }
}

extension DatabaseOptions {
    /// Commands that read an existing database refuse a missing SQLite file instead of creating an empty one.
    func requireExistingFile() throws {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DATABASE_URL"], !url.trimmingCharacters(in: .whitespaces).isEmpty { return }
        guard FileManager.default.fileExists(atPath: path) else {
            throw BadInput(field: "--db", "no database at \(path)")
        }
    }
}
