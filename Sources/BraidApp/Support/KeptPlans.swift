import BraidCore
import BraidStore

/// A plan the client keeps with the care team in versions (the safety plan of §8, the relapse-prevention plan of
/// §10): what the pages, the API and the one write path need to know to treat them alike.
protocol KeptPlanSection: StoredPlanSection {
    /// The plan's name in a sentence ("safety plan").
    static var planName: String { get }
    /// The word in its audit actions and saved notices ("safety-plan").
    static var slug: String { get }
    /// What a new plan starts with before anyone edits it.
    static var starter: SectionedPlan<Self> { get }
    /// What the page says before the first version.
    static var notWritten: String { get }
    static var entryKind: ClinicalEntryKind { get }
    static func content(_ plan: SectionedPlan<Self>) -> ClinicalWrite.Content
    /// The client's own page, and the care team's.
    static func ownURL(saved: Bool) -> SiteURL
    static func careTeamURL(_ client: ClientID) -> SiteURL
}

extension SafetyPlanSection: KeptPlanSection {
    static var planName: String { "safety plan" }
    static var slug: String { "safety-plan" }
    static var starter: SafetyPlan { .starter }
    static var notWritten: String {
        "Not written yet. The client and the care team make it together; it takes about 20 minutes."
    }
    static var entryKind: ClinicalEntryKind { .safetyPlan }
    static func content(_ plan: SafetyPlan) -> ClinicalWrite.Content { .safetyPlan(plan) }
    static func ownURL(saved: Bool) -> SiteURL { .safetyPlan(saved: saved) }
    static func careTeamURL(_ client: ClientID) -> SiteURL { .clientSafetyPlan(client) }
}

extension RelapsePlanSection: KeptPlanSection {
    static var planName: String { "relapse-prevention plan" }
    static var slug: String { "relapse-plan" }
    static var starter: RelapsePreventionPlan { RelapsePreventionPlan() }
    static var notWritten: String {
        "Not written yet. Write it in your own words, with your counselor or on your own: what puts you at risk, "
            + "the first signs, what you do instead, who you call, and what you do if you use."
    }
    static var entryKind: ClinicalEntryKind { .relapsePlan }
    static func content(_ plan: RelapsePreventionPlan) -> ClinicalWrite.Content { .relapsePlan(plan) }
    static func ownURL(saved: Bool) -> SiteURL { .relapsePlan(saved: saved) }
    static func careTeamURL(_ client: ClientID) -> SiteURL { .clientRelapsePlan(client) }
}

extension String {
    /// The text with its first letter upper-cased ("Safety plan").
    var sentenceCased: String { prefix(1).uppercased() + dropFirst() }
}
