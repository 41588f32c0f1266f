import ArgumentParser
import BraidCore
import Foundation

/// `braid score <id> --answers …`: scores one administration (clinical-rules.md §1.7).
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score an instrument from answers given in item order.",
        discussion: """
            Answers are comma-separated, in item order: numbers on the item's scale, x for a missing item or \
            one the skip logic did not ask (0 is accepted there too). Yes/no items take 1/0.
            The C-SSRS takes 7 answers (q1–q6, then q6b); the ASQ 5; the PHQ-9 9, or 10 with the functional item.
            Prints one JSON object: instrument, total, severity, flags, items, codes.

            Examples:
              braid score phq9 --answers 1,1,1,1,1,1,1,1,1
              braid score stimulant-sud --answers 1,1,0,1,0,0,0,0,0,1,1 --prescribed-stimulant
              braid score cssrs --answers 1,1,0,0,0,0,x
            """
    )

    @Argument(help: "Instrument id: phq9, phq2, gad7, pcl5, cssrs, asq, stimulant-sud, sds.")
    var instrument: String

    @Option(help: "Comma-separated answers in item order (x = missing).")
    var answers: String

    @Flag(help: "stimulant-sud: the client takes a prescribed stimulant under medical supervision.")
    var prescribedStimulant = false

    @Option(help: "phq9: whole days since the last cocaine use (flags early abstinence at 14 or fewer).")
    var daysSinceLastUse: Int?

    func run() throws {
        let definition = Instrument.definition(try Instrument.ID.parse(instrument))
        let context = ScoringContext(prescribedStimulant: prescribedStimulant, daysSinceLastUse: daysSinceLastUse)
        do {
            let result = try definition.score(definition.parseAnswers(answers), context: context)
            Console.output(try Console.json(result))
        } catch let error as ScoringError {
            throw BadInput(Self.optionName(error))
        }
    }

    /// Names the command-line option in errors about extra inputs, so the message matches what was typed.
    static func optionName(_ error: ScoringError) -> ScoringError {
        switch error {
        case .notApplicable(let input, let instrument, let appliesTo):
            .notApplicable(input: "--" + kebab(input), instrument: instrument, appliesTo: appliesTo)
        case .invalidInput(let input, let message): .invalidInput(input: "--" + kebab(input), message: message)
        default: error
        }
    }

    static func kebab(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
    }
}
