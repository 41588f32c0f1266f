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
    static var entryKind: ClinicalEntryKind { get }
    static func content(_ plan: SectionedPlan<Self>) -> ClinicalWrite.Content
    /// The client's own page, and the care team's.
    static func ownURL(saved: Bool) -> SiteURL
    static func careTeamURL(_ client: ClientID) -> SiteURL
    /// The client's words for the plan: its page title ("My safety plan"), the note before a first version, the
    /// save button; and each section's title.
    static var ownTitleKey: CopyKey { get }
    static var notWrittenKey: CopyKey { get }
    static var saveKey: CopyKey { get }
    var titleKey: CopyKey { get }
}

extension SafetyPlanSection: KeptPlanSection {
    static var planName: String { "safety plan" }
    static var slug: String { "safety-plan" }
    static var starter: SafetyPlan { .starter }
    static var entryKind: ClinicalEntryKind { .safetyPlan }
    static func content(_ plan: SafetyPlan) -> ClinicalWrite.Content { .safetyPlan(plan) }
    static func ownURL(saved: Bool) -> SiteURL { .safetyPlan(saved: saved) }
    static func careTeamURL(_ client: ClientID) -> SiteURL { .clientSafetyPlan(client) }
    static var ownTitleKey: CopyKey { .navSafetyPlan }
    static var notWrittenKey: CopyKey { .safetyPlanNotWritten }
    static var saveKey: CopyKey { .safetyPlanSave }
    var titleKey: CopyKey {
        switch self {
        case .warningSigns: .safetyStepWarningSigns
        case .copingStrategies: .safetyStepCoping
        case .distractions: .safetyStepDistractions
        case .helpers: .safetyStepHelpers
        case .professionals: .safetyStepProfessionals
        case .environment: .safetyStepEnvironment
        case .reasonsForLiving: .safetyStepReasons
        }
    }
}

extension RelapsePlanSection: KeptPlanSection {
    static var planName: String { "relapse-prevention plan" }
    static var slug: String { "relapse-plan" }
    static var starter: RelapsePreventionPlan { RelapsePreventionPlan() }
    static var entryKind: ClinicalEntryKind { .relapsePlan }
    static func content(_ plan: RelapsePreventionPlan) -> ClinicalWrite.Content { .relapsePlan(plan) }
    static func ownURL(saved: Bool) -> SiteURL { .relapsePlan(saved: saved) }
    static func careTeamURL(_ client: ClientID) -> SiteURL { .clientRelapsePlan(client) }
    static var ownTitleKey: CopyKey { .navRelapsePlan }
    static var notWrittenKey: CopyKey { .relapsePlanNotWritten }
    static var saveKey: CopyKey { .relapsePlanSave }
    var titleKey: CopyKey {
        switch self {
        case .highRiskSituations: .relapsePartHighRisk
        case .warningSigns: .relapsePartWarningSigns
        case .copingResponses: .relapsePartCoping
        case .peopleToCall: .relapsePartPeople
        case .afterALapse: .relapsePartAfterLapse
        }
    }
}

extension String {
    /// The text with its first letter upper-cased ("Safety plan").
    var sentenceCased: String { prefix(1).uppercased() + dropFirst() }
}
