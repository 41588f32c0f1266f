import ArgumentParser
import BraidCore
import Foundation

/// The one door to Braid. Subcommands are grouped so the tree can grow (store, server, analysis) without
/// changing existing invocations.
struct Braid: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "braid",
        abstract: "Braid: integrated care for cocaine (stimulant) use and depression.",
        discussion: """
            Clinical decision support: Braid scores, organizes, explains and flags; the clinician decides.
            Output for machines is JSON on stdout; messages for people go to stderr. Bad input exits 2.
            In a crisis: call or text 988 (US Suicide & Crisis Lifeline), or 911 for emergencies.
            """,
        version: "0.1.0",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ProgramCommand.self, UserCommand.self, ImportCommand.self,
            ScoreCommand.self,
            InstrumentsCommand.self,
            OrderingCommand.self, LevelCommand.self, CMCommand.self, OutcomesCommand.self, ReportCommand.self,
            ExportCommand.self,
            AnalyzeCommand.self,
            SimulateCommand.self,
            DemoCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, KeysCommand.self,
        ]
    )
}

/// Process exit statuses of the `braid` contract.
enum ExitStatus {
    static let badInput: Int32 = 2
    static let failure: Int32 = 1
}

/// Bad input from the user: names the field (item id, option or file) and what is allowed.
struct BadInput: Error, CustomStringConvertible {
    let field: String
    let message: String

    init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    init(_ error: ScoringError) {
        self.init(field: error.field, String(error.description.dropFirst(error.field.count + 2)))
    }

    var description: String { "\(field): \(message)" }
}

/// Writes to stdout (machine output) and stderr (messages for people).
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Encodes a value as JSON with stable key order.
    static func json(_ value: some Encodable, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Output formats shared by commands that print for both people and machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, text
}

extension Instrument.ID {
    /// Parses an instrument id given on the command line, naming the allowed ids when it is unknown.
    static func parse(_ text: String, field: String = "instrument") throws -> Instrument.ID {
        guard let id = Instrument.ID(rawValue: text) else {
            let allowed = Instrument.ID.allCases.map(\.rawValue).joined(separator: ", ")
            throw BadInput(field: field, "'\(text)' is not an instrument (allowed: \(allowed))")
        }
        return id
    }
}
