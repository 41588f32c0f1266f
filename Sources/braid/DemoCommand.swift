import ArgumentParser
import BraidCore
import Foundation

/// `braid demo`: a short guided tour on synthetic answers, for a first look without any setup.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A guided tour of Braid on synthetic data (no files written)."
    )

    func run() throws {
        let examples: [(String, Instrument.ID, String, ScoringContext)] = [
            (
                "PHQ-9 at intake, 6 days after last use", .phq9, "2,2,3,3,2,2,1,2,0,2",
                ScoringContext(daysSinceLastUse: 6)
            ),
            ("PHQ-9 with item 9 answered 'several days'", .phq9, "1,1,1,1,1,1,1,1,1", ScoringContext()),
            ("PHQ-9 with two items skipped (prorated)", .phq9, "2,x,2,2,x,2,2,2,0", ScoringContext()),
            ("GAD-7", .gad7, "2,2,1,2,1,2,1", ScoringContext()),
            ("DSM-5 stimulant use disorder criteria", .stimulantSUD, "1,1,1,1,0,1,0,0,1,1,1", ScoringContext()),
            ("C-SSRS screen", .cssrs, "1,1,1,0,0,0,x", ScoringContext()),
        ]
        Console.error("Braid demo: scoring synthetic answers (JSON on stdout, one line per result).\n")
        for (title, id, answers, context) in examples {
            let instrument = Instrument.definition(id)
            let result = try instrument.score(instrument.parseAnswers(answers), context: context)
            let total = result.total.map(String.init) ?? "—"
            let flags = result.flags.isEmpty ? "" : "  flags: " + result.flags.map(\.rawValue).joined(separator: ", ")
            Console.error("• \(title): braid score \(id.rawValue) --answers \(answers)")
            Console.error("  total \(total), \(result.severity.rawValue)\(flags)")
            if result.hasSuicideRiskSignal {
                Console.error(
                    "  ⚠ suicide-risk signal: in the app this opens a care-team alert and shows crisis resources: call or text 988, or 911."
                )
            }
            Console.output(try Console.json(result))
        }
        Console.error("\nNext: 'braid instruments' lists every instrument; 'braid score --help' explains answers.")
    }
}
