import Foundation

/// A sentence for the client and one for the clinician.
public struct Explanation: Sendable, Hashable, Codable {
    public let client: String
    public let clinician: String
}

extension OrderingAssessment.Reason {
    public var explanation: Explanation {
        switch self {
        case .onsetBeforeUse:
            Explanation(
                client: "Your low periods started before you began using cocaine regularly.",
                clinician:
                    "Depressive onset predates regular cocaine use: evidence for an independent disorder (DSM-5).")
        case .onsetAfterUse:
            Explanation(
                client: "Your low periods started after cocaine use became regular.",
                clinician: "Depressive onset follows regular cocaine use: consistent with, not proof of, induction.")
        case .onsetSameAge:
            Explanation(
                client:
                    "Low mood and regular cocaine use started around the same time, so they are hard to tell apart.",
                clinician:
                    "Depressive onset and regular use began at the same age: temporal order cannot separate them.")
        case .onsetUnknown:
            Explanation(
                client: "We don't know yet which came first; that's common, and we will work it out together.",
                clinician: "Onset of depression or of regular use is unknown: order cannot be assessed.")
        case .lowMoodPersisted:
            Explanation(
                client: "In a stretch of 4 or more weeks without cocaine, your low mood stayed. That part needs its "
                    + "own care.",
                clinician: "Low mood persisted ≥ 4 weeks into abstinence: DSM-5 criterion for an independent "
                    + "depressive disorder.")
        case .lowMoodLifted:
            Explanation(
                client:
                    "In a stretch without cocaine, your low mood lifted within a few weeks: the crash was driving it.",
                clinician: "Low mood lifted within 4 weeks of abstinence: evidence for a substance-induced disorder.")
        case .episodeBeganDuringAbstinence:
            Explanation(
                client: "A low period began while you were not using at all.",
                clinician: "A depressive episode began ≥ 4 weeks into abstinence: evidence for independence.")
        case .lowsFollowUse:
            Explanation(
                client: "Your lows mostly come 1–3 days after using and lift in between: that is the crash.",
                clinician: "Current lows follow use by 1–3 days and remit between: crash-driven pattern.")
        case .usesToLiftLowMood:
            Explanation(
                client: "You sometimes use to lift a low mood. The lift is short, and the crash that follows goes "
                    + "deeper.",
                clinician: "Reports using to relieve low mood (self-medication): clinically important, not decisive "
                    + "for type.")
        case .noAbstinenceTest:
            Explanation(
                client: "There hasn't yet been a stretch of 4 weeks without cocaine to see what your mood does on "
                    + "its own.",
                clinician: "No abstinence period ≥ 4 weeks: independence is untested; the assessment is provisional.")
        case .periodTooShort:
            Explanation(
                client: "Some of your breaks from cocaine were shorter than 4 weeks, too short to show what your "
                    + "mood does on its own.",
                clinician: "Abstinence periods < 4 weeks are recorded but cannot test independence.")
        }
    }
}

extension OrderingAssessment.Recommendation {
    public var explanation: Explanation {
        switch self {
        case .treatBoth:
            Explanation(
                client: "We treat your mood and your cocaine use together, starting now. You don't have to stop "
                    + "first.",
                clinician: "Integrated treatment of both disorders from intake; abstinence is not a precondition.")
        case .psychiatricEvaluation:
            Explanation(
                client: "We'd like a psychiatrist or nurse practitioner to look at your mood, including whether "
                    + "medication could help.",
                clinician: "Independent depression: psychiatric evaluation (antidepressants help depression "
                    + "modestly, not cocaine use; Nunes & Levin 2004).")
        case .monitorMood:
            Explanation(
                client: "Crash lows are expected in the first weeks without cocaine. Your daily check-ins will show "
                    + "whether they lift.",
                clinician: "Track mood daily through early abstinence; crash lows usually lift within 1–4 weeks.")
        case .reassessAfterAbstinence:
            Explanation(
                client: "After 4 weeks without cocaine we'll look at this again together.",
                clinician: "Re-run the assessment after 4 weeks of abstinence; until then it is provisional.")
        }
    }
}

extension OrderingAssessment {
    /// The sentence pair for every reason and recommendation of this assessment, by id.
    public var explanations: [String: Explanation] {
        var sentences: [String: Explanation] = [:]
        for reason in reasons { sentences[reason.rawValue] = reason.explanation }
        for recommendation in recommendations { sentences[recommendation.rawValue] = recommendation.explanation }
        return sentences
    }
}
