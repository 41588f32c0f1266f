import ArgumentParser
import BraidApp
import BraidCore
import Foundation

/// `braid export`: client records out of Braid (issue 13): typed CSV tables.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export client records: csv (typed tables).",
        subcommands: [CSV.self])

    struct CSV: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Write checkins.csv, assessments.csv, screens.csv, levels.csv and goals.csv for a client or all.",
            discussion: """
                One client (--client EMAIL) or the whole cohort of the program (--all). Every column has a stated \
                type (docs/exports.md): dates YYYY-MM-DD, instants ISO 8601 in UTC, booleans true/false, an empty \
                cell for a missing value. Rows carry the client's id, never a name; free text (notes, plan \
                statements) is not exported. Every client exported is audited as export.csv. Prints \
                {"clients", "folder", "files": [{"name", "rows"}]}. Bad input exits 2 naming the option.
                """)

        @Option(help: "The client account's email (one client).") var client: String?
        @Flag(help: "Every client of the program (the cohort).") var all = false
        @Option(help: "The folder to write the files into (created if needed).") var out: String
        @Option(help: "Program id, with --all, when the database holds several programs.") var program: String?
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            guard (client == nil) != !all else {
                throw BadInput(field: "--client", "give --client EMAIL or --all (one of them)")
            }
            if client != nil && program != nil {
                throw BadInput(field: "--program", "applies only with --all (a client's email names its program)")
            }
            guard !out.isEmpty else { throw BadInput(field: "--out", "give a folder") }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                throw BadInput(field: "--out", "'\(out.prefix(80))' is a file, not a folder")
            }
            var programID: ProgramID?
            if let program {
                guard let id = ProgramID(program) else {
                    throw BadInput(field: "--program", "'\(program)' is not an id")
                }
                programID = id
            }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let result = try await withBraidApplication(database) { _, app in
                try await RecordExporting.exportCSV(app, clientEmail: client, programID: programID, to: folder)
            }
            struct Output: Encodable {
                struct File: Encodable {
                    let name: String
                    let rows: Int
                }
                let clients: Int
                let folder: String
                let files: [File]
            }
            Console.output(
                try Console.json(
                    Output(
                        clients: result.clients, folder: folder.path,
                        files: result.files.map { Output.File(name: $0.name, rows: $0.rows) })))
        }
    }
}
