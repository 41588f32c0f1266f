import ArgumentParser
import BraidApp
import BraidCore
import Foundation

/// `braid export`: client records out of Braid (issue 13): typed CSV tables.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export client records: csv (typed tables), fhir (an R4 Bundle).",
        subcommands: [CSV.self, FHIR.self])

    struct FHIR: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "fhir", abstract: "Print a client's record as a FHIR R4 Bundle (type collection).",
            discussion: """
                The Bundle holds the Patient; a QuestionnaireResponse per instrument administered (linkIds are \
                Braid's item ids); an Observation (category survey) per total, with its LOINC code and derivedFrom \
                its QuestionnaireResponse; an Observation per check-in value (mood, craving, sleep, use; LOINC where \
                a code exists, urn:braid:check-in otherwise); a Condition per problem of the signed plan (ICD-10-CM \
                and SNOMED CT; provisional while the depression type is undetermined); the CarePlan and its Goals; a \
                Consent per 42 CFR Part 2 consent. \
                Every resource carries the 42 CFR Part 2 security labels. Audited as export.fhir. Bad input exits 2.

                With --recipient and --purpose it is a disclosure outside the program (42 CFR Part 2): it needs the \
                client's active consent naming that recipient and purpose (and --scope counseling-notes a consent \
                of its own). It prints {"disclosure", "consent", "notice", "scopeStatement", "bundle"}: the 2.32 \
                notice and the consent's scope travel with the Bundle, and the disclosure is recorded in the \
                accounting the client reads. A refusal (no consent, expired, revoked, wrong recipient, wrong \
                purpose) exits 2 with its reason and writes nothing out.
                """)

        @Option(help: "The client account's email.") var client: String
        @Option(help: "Disclose outside the program to this recipient (with --purpose), under the client's consent.")
        var recipient: String?
        @Option(
            help: ArgumentHelp(
                "The disclosure's purpose.",
                valueName: DisclosurePurpose.allCases.map(\.rawValue).joined(separator: "|")))
        var purpose: String?
        @Option(help: "What to disclose: record (default) or counseling-notes.") var scope: String?
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            guard (recipient == nil) == (purpose == nil) else {
                throw BadInput(
                    field: recipient == nil ? "--recipient" : "--purpose",
                    "a disclosure names both --recipient and --purpose")
            }
            if scope != nil && recipient == nil {
                throw BadInput(field: "--scope", "applies only to a disclosure (with --recipient and --purpose)")
            }
            let output = try await withBraidApplication(database) { _, app in
                if let recipient, let purpose {
                    try await Part2Disclosing.disclose(
                        app, clientEmail: client, recipient: recipient, purpose: purpose, scope: scope)
                } else {
                    try await FHIRExporting.bundle(app, clientEmail: client)
                }
            }
            Console.output(output)
        }
    }

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
