import ArgumentParser
import BraidCore
import Foundation

/// `braid level FILE.json`: the level of care of clinical-rules.md §6.
struct LevelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "level",
        abstract: "Recommend a level of care (outpatient, IOP, PHP or refer higher) from the §6 rules.",
        discussion: """
            Reads one JSON object (FILE, or - for stdin). Every key is optional; leave a key out when it is \
            unknown (an unknown input makes no rule hold):
              currentLevel            "outpatient", "iop" or "php"; null = intake (not yet placed)
              daysAtCurrentLevel      whole number ≥ 0
              suicideScreen           "none", "low", "moderate" or "high": the latest C-SSRS triage in the last \
            30 days
              asq                     "negative", "non-acute-positive" or "acute-positive": the latest ASQ in \
            the last 30 days
              psychosis, severeAgitation, medicalInstability, withdrawalNeedsMedicalManagement   true or false
              recoveryEnvironment     "supportive" or "unsafe"
              phq9                    0–27, the latest total;  phq9Functional 0–3 (its 10th answer)
              phq9Baseline            0–27, the total when the episode began
              phq9AtLevelStart        0–27, the total when the current level began
              useDaysLast30           0–30;  useDaysAtLevelStart 0–30 (the 30 days before the level began)
              daysSinceLastUse        whole number ≥ 0; null = no use on record
              stimulantCriteria       0–11, the DSM-5 criteria count
              daysSincePhpRuleHeld    whole number ≥ 0: days since any PHP rule last held
            Prints {"level", "rules", "stepDirection"}: the level, the ids of the rules behind it, and "up", \
            "down", "stay" or null at intake. Placement follows the highest-risk dimension; no rule requires \
            abstinence and none refuses care. Bad input exits 2 with one line naming the key.
            """
    )

    @Argument(help: "The inputs as a JSON object in a file, or - for standard input.")
    var file: String

    func run() throws {
        let data = try InputFile.read(file, field: "file")
        let input: LevelInput
        do {
            input = try LevelInput.parse(json: data)
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        Console.output(try Console.json(LevelOfCareRules.recommend(input).json))
    }
}
