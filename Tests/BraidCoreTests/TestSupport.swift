@testable import BraidCore

/// Scores answers written as in `braid score` ("1,2,x") through the same parser the CLI uses.
func score(
    _ id: Instrument.ID, _ answers: String, context: ScoringContext = ScoringContext(),
    configuration: ScoringConfiguration = .default
) throws -> ScoreResult {
    let instrument = Instrument.definition(id)
    return try instrument.score(instrument.parseAnswers(answers), context: context, configuration: configuration)
}

/// Answers for `count` items (0…`maxScore` each) that add up to `total`, filling items from the first.
func answers(total: Int, count: Int, maxScore: Int, fixed: [Int: Int] = [:]) -> String {
    var remaining = total - fixed.values.reduce(0, +)
    return (1...count).map { position -> String in
        if let value = fixed[position] { return "\(value)" }
        let value = min(maxScore, max(0, remaining))
        remaining -= value
        return "\(value)"
    }.joined(separator: ",")
}

/// Catches the scoring error thrown by `body`, if any.
func scoringError(_ body: () throws -> Void) -> ScoringError? {
    do {
        try body()
        return nil
    } catch let error as ScoringError {
        return error
    } catch {
        return nil
    }
}
