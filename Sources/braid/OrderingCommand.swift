import ArgumentParser
import BraidCore
import Foundation

/// `braid ordering FILE.json`: which came first, depression or cocaine use (clinical-rules.md §2).
struct OrderingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ordering",
        abstract: "Assess which came first: depression, cocaine use, or tangled.",
        discussion: """
            Reads the intake JSON (FILE, or - for stdin):
              depressionOnsetAge (number 5–120, or null = never depressed), cocaineFirstUseAge (5–120),
              cocaineRegularUseAge (5–120, or null = never regular), abstinencePeriods ([{weeks ≥ 1,
              lowMoodAtStart, lowMoodPersistedWeeks 0…weeks}]), episodeBeganDuringAbstinence,
              lowsMostlyAfterUse, usesToLiftLowMood (true/false). Leave a field out when it is unknown.
            Prints order, depressionType, pattern, provisional, reasons and recommendations as JSON.
            The result shapes where treatment starts; it never gates treatment: both are always treated.
            """
    )

    @Argument(help: "Intake JSON file, or - for standard input.")
    var file: String

    @Flag(help: "Add a plain-language sentence for the client and one for the clinician per id.")
    var explain = false

    func run() throws {
        let data = try InputFile.read(file, field: "file")
        let input: OrderingInput
        do {
            input = try OrderingInput.parse(json: data)
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        Console.output(try Console.json(OrderingReport(OrderingAssessment(input), explain: explain)))
    }
}

/// The JSON printed by `braid ordering`.
struct OrderingReport: Encodable {
    let order: String
    let depressionType: String
    let pattern: String
    let provisional: Bool
    let reasons: [String]
    let recommendations: [String]
    let explanations: [String: Explanation]?

    init(_ assessment: OrderingAssessment, explain: Bool) {
        order = assessment.order.rawValue
        depressionType = assessment.depressionType.rawValue
        pattern = assessment.pattern.rawValue
        provisional = assessment.provisional
        reasons = assessment.reasons.map(\.rawValue)
        recommendations = assessment.recommendations.map(\.rawValue)
        explanations = explain ? assessment.explanations : nil
    }
}
