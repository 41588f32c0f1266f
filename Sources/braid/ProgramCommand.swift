import ArgumentParser
import BraidApp
import BraidCore
import Foundation

/// `braid program create|list`: the programs (tenants) a database holds.
struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Manage programs: create, list.",
        subcommands: [CreateProgram.self, ListPrograms.self]
    )

    struct CreateProgram: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a program with its name, time zone and 24/7 crisis line.",
            discussion: """
                The time zone is an IANA name (America/New_York): the program's calendar dates (check-ins, \
                "today") are dates there. The crisis line is shown with 988 and 911 on every page. Prints the \
                program as JSON {"id", "name", "timeZone", "crisisLine", "isDemo"}; audited as program.create.
                """)

        @Option(help: "The program's name (1–200 characters, unique).") var name: String
        @Option(name: .customLong("time-zone"), help: "IANA time zone, e.g. America/New_York.") var timeZone: String
        @Option(name: .customLong("crisis-line"), help: "The program's own 24/7 line, e.g. \"555-0100\".")
        var crisisLine: String
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let settings: ProgramSettings
            do {
                settings = try ProgramSettings(name: name, timeZone: timeZone, crisisLine: crisisLine)
            } catch {
                throw BadInput(field: error.field, error.message)
            }
            let program = try await withBraidApplication(database) { _, app in
                try await ProgramAdministration.create(app, settings: settings)
            }
            Console.error("Created program \(program.name) (\(program.id)).")
            Console.output(try Console.json(ProgramDTO(program)))
        }
    }

    struct ListPrograms: AsyncBraidCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List programs, oldest first.")

        @Option(help: "text (default) or json.") var format: OutputFormat = .text
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let programs = try await withBraidApplication(database) { _, app in
                try await ProgramAdministration.programs(app)
            }
            if format == .json {
                Console.output(try Console.json(programs.map(ProgramDTO.init)))
            } else {
                Console.output(
                    programs.map {
                        "\($0.id)  \($0.name)  \($0.timeZone)  \($0.crisisLine ?? "—")\($0.isDemo ? "  (demo)" : "")"
                    }
                    .joined(separator: "\n"))
            }
        }
    }
}

/// A program as `braid program` prints it.
struct ProgramDTO: Encodable {
    let id: String
    let name: String
    let timeZone: String
    let crisisLine: String?
    let isDemo: Bool

    init(_ program: Program) {
        id = program.id.description
        name = program.name
        timeZone = program.timeZone
        crisisLine = program.crisisLine
        isDemo = program.isDemo
    }
}
