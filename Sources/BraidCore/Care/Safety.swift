import Foundation

/// Where a suicide-risk signal came from (clinical-rules.md §8).
public enum SafetySource: String, Sendable, Hashable, Codable, CaseIterable {
    case checkIn = "check-in-safety"
    case phq9Item9 = "phq9-item9"
    case asq
    case cssrs
    /// A DBT diary card with a suicide urge above 0 or self-harm done (§10).
    case diaryCard = "diary-card"
}

/// How urgently the care team must respond.
public enum AlertSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Review and contact the client today.
    case urgent
    /// ASQ acute positive or C-SSRS high: an emergency (§8).
    case emergency
}

/// A suicide-risk signal that must open a care-team alert in the same transaction as the answer.
public struct SafetySignal: Sendable, Hashable {
    public let source: SafetySource
    public let severity: AlertSeverity
    /// For the care team (clinical content: stored with the alert, never logged).
    public let summary: String
}

public enum SafetyRules {
    /// A check-in with `safety` yes. The summary names the day the answer was about: a back-filled or imported
    /// day is not "today".
    public static func signal(for values: CheckInValues, on date: CalendarDate) -> SafetySignal? {
        guard values.safety == true else { return nil }
        return SafetySignal(
            source: .checkIn, severity: .urgent,
            summary: "Check-in for \(date): thoughts of being better off dead or of hurting themselves that day.")
    }

    /// The longest acknowledgement note.
    public static let maximumNoteLength = 2_000

    /// An alert is closed only with a note of what the care team did (§8): at most 2,000 characters (Unicode
    /// scalars, as sent), not only white space; stored trimmed.
    public static func acknowledgementNote(_ text: String, field: String = "note") throws(ValidationError) -> String {
        let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, text.unicodeScalars.count <= maximumNoteLength else {
            throw ValidationError(field: field, "write what you did (1–\(maximumNoteLength) characters)")
        }
        return note
    }

    /// PHQ-9 item 9 > 0, ASQ positive, C-SSRS above none.
    public static func signal(for result: ScoreResult) -> SafetySignal? {
        guard result.hasSuicideRiskSignal else { return nil }
        let emergency = result.flags.contains(.acuteSuicideRisk)
        switch result.instrument {
        case .phq9:
            let item9 = result.score(of: "phq9.9") ?? 0
            let label = AnswerOption.frequency.first { $0.score == item9 }?.label.lowercased() ?? "\(item9)"
            return SafetySignal(
                source: .phq9Item9, severity: .urgent, summary: "PHQ-9 item 9 answered \(item9) (\(label)).")
        case .asq:
            return SafetySignal(
                source: .asq, severity: emergency ? .emergency : .urgent,
                summary: emergency
                    ? "ASQ acute positive: thoughts of killing themselves right now. Emergency: do not leave alone."
                    : "ASQ non-acute positive: brief suicide safety assessment needed.")
        case .cssrs:
            return SafetySignal(
                source: .cssrs, severity: emergency ? .emergency : .urgent,
                summary: "C-SSRS screen triage \(result.severity.rawValue)"
                    + (emergency ? ": emergency, immediate evaluation." : "."))
        default:
            return nil
        }
    }
}

/// What a client's app shows at once when a signal is raised, and in the header of every client page.
public struct CrisisResources: Sendable, Hashable, Codable {
    /// 988 Suicide & Crisis Lifeline (US): call or text.
    public var lifeline: String
    public var emergency: String
    /// The program's own 24/7 line, when configured.
    public var programLine: String?
    public var message: String

    public init(lifeline: String = "988", emergency: String = "911", programLine: String? = nil) {
        self.lifeline = lifeline
        self.emergency = emergency
        self.programLine = programLine
        message =
            "You don't have to go through this alone. Call or text \(lifeline) (Suicide & Crisis Lifeline) any "
            + "time; call \(emergency) in an emergency"
            + (programLine.map { "; or call your program's 24/7 line, \($0)" } ?? "") + "."
    }
}
