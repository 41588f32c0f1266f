import ArgumentParser
import BraidApp
import BraidCore
import Foundation

/// `braid import checkins`: bring a client's check-in history into Braid.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data into Braid.",
        subcommands: [ImportCheckIns.self]
    )

    struct ImportCheckIns: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkins",
            abstract: "Import a client's check-in history from check-in CSV (one transaction).",
            discussion: """
                FILE uses the check-in CSV of `braid analyze` (or - for stdin). Days lacking mood, craving, sleep \
                or use are skipped; a day that already has a check-in is superseded (the old one is kept). A day \
                with safety = 1 opens a care-team alert, as a check-in from the phone would. Prints \
                {"imported", "skipped", "alertsOpened"}; audited as checkin.import.
                """
        )

        @Option(help: "The client's login email.") var client: String
        @Argument(help: "Check-in CSV file, or - for standard input.") var file: String
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let days: [CheckInDay]
            do {
                days = try CheckInCSV.parse(InputFile.readText(file, field: "file"))
            } catch let error as CheckInCSVError {
                throw BadInput(field: file, error.description)
            }
            let result = try await withBraidApplication(database) { _, app in
                try await DataImport.checkIns(app, clientEmail: client, days: days)
            }
            Console.error(
                "Imported \(result.imported) check-ins for \(client.lowercased()); skipped \(result.skipped) incomplete "
                    + "days.")
            if result.alertsOpened > 0 {
                Console.error(
                    "\(result.alertsOpened) imported day(s) answered the safety question yes: each opened an alert for "
                        + "the care team to review.")
            }
            Console.output(
                try Console.json(
                    [
                        "imported": result.imported, "skipped": result.skipped, "alertsOpened": result.alertsOpened,
                    ]))
        }
    }
}
