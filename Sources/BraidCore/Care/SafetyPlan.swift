import Foundation

/// A section of a plan kept in the client's own words (the safety plan's steps, the relapse-prevention plan's parts).
public protocol PlanSection: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == String, AllCases == [Self] {
    /// The section as the plan names it.
    var title: String { get }
}

/// The safety plan's steps (Stanley & Brown 2012; clinical-rules.md §8).
public enum SafetyPlanSection: String, PlanSection {
    case warningSigns
    case copingStrategies
    case distractions
    case helpers
    case professionals
    case environment
    case reasonsForLiving

    public var title: String {
        switch self {
        case .warningSigns: "1. Warning signs that a crisis may be starting"
        case .copingStrategies: "2. Things I can do on my own to take my mind off it"
        case .distractions: "3. People and places that help me feel better"
        case .helpers: "4. People I can ask for help"
        case .professionals: "5. Professionals and crisis lines"
        case .environment: "6. Making my surroundings safer (including cocaine, supply and paraphernalia)"
        case .reasonsForLiving: "My reasons for living (optional)"
        }
    }
}

/// A safety plan: built with the client and kept in versions (every save is a new version and earlier ones stay).
public typealias SafetyPlan = SectionedPlan<SafetyPlanSection>

extension SectionedPlan where Section == SafetyPlanSection {
    /// A new plan: empty except the crisis lines in step 5.
    public static var starter: SafetyPlan { SafetyPlan(sections: [.professionals: prefilledProfessionals]) }

    /// What step 5 starts with before anyone edits it.
    public static var prefilledProfessionals: [String] {
        ["988 Suicide & Crisis Lifeline: call or text 988", "Emergency: 911"]
    }

    /// Whether the plan has anything beyond the pre-filled crisis lines.
    public var isStarted: Bool {
        Section.allCases.contains { section in
            section == .professionals ? items(section) != Self.prefilledProfessionals : !items(section).isEmpty
        }
    }
}

/// A plan in sections, each a short list of the client's own words, kept in versions.
public struct SectionedPlan<Section: PlanSection>: Sendable, Hashable {
    /// Limits that keep a plan readable on a phone in a crisis.
    public static var maximumItemsPerSection: Int { 12 }
    public static var maximumItemLength: Int { 300 }

    public var sections: [Section: [String]]

    public init(sections: [Section: [String]] = [:]) {
        self.sections = sections
    }

    public func items(_ section: Section) -> [String] { sections[section] ?? [] }

    /// Sections by their ids, as stored.
    public var stored: [String: [String]] {
        Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value) })
    }

    /// A plan read back from storage; unknown section ids are ignored.
    public init(stored: [String: [String]]) {
        sections = Dictionary(
            uniqueKeysWithValues: stored.compactMap { key, items in Section(rawValue: key).map { ($0, items) } })
    }

    /// A plan from one text per section, one item per line; blank lines are dropped. Rejects over-long input
    /// naming the section, and a plan with nothing in it.
    public init(lines texts: [Section: String]) throws(ValidationError) {
        var sections: [Section: [String]] = [:]
        for section in Section.allCases {
            let items = (texts[section] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if items.count > Self.maximumItemsPerSection {
                throw ValidationError(
                    field: section.rawValue, "has \(items.count) lines; at most \(Self.maximumItemsPerSection)")
            }
            if let long = items.firstIndex(where: { $0.count > Self.maximumItemLength }) {
                throw ValidationError(
                    field: section.rawValue,
                    "line \(long + 1) is longer than \(Self.maximumItemLength) characters")
            }
            if !items.isEmpty { sections[section] = items }
        }
        guard !sections.isEmpty else {
            throw ValidationError(field: Section.allCases[0].rawValue, "write at least one line in the plan")
        }
        self.sections = sections
    }
}

extension SectionedPlan {
    /// A plan from the API's `{"sections": {"warningSigns": ["…"], …}}`: the same limits as the form, each refusal
    /// naming the section (`sections.helpers`) or the item (`sections.helpers[2]`).
    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: ["sections"])
        guard let value = reader.object["sections"] else {
            throw ValidationError(field: "sections", "is required (an object of lists of text, by section)")
        }
        let sections = try JSONObjectReader(
            value, path: "sections", allowedKeys: Set(Section.allCases.map(\.rawValue)))
        var texts: [Section: String] = [:]
        for section in Section.allCases {
            guard let items = sections.object[section.rawValue] else { continue }
            guard case .array(let list) = items else {
                throw ValidationError(field: "sections.\(section.rawValue)", "must be a list of text")
            }
            var lines: [String] = []
            for (index, item) in list.enumerated() {
                guard case .string(let text) = item, !text.contains(where: \.isNewline),
                    !text.trimmingCharacters(in: .whitespaces).isEmpty
                else {
                    throw ValidationError(
                        field: "sections.\(section.rawValue)[\(index)]", "must be one line of text, not empty")
                }
                // Counted as JSON Schema counts (Unicode scalars), so the contract's maxLength is the real limit.
                guard text.unicodeScalars.count <= Self.maximumItemLength else {
                    throw ValidationError(
                        field: "sections.\(section.rawValue)[\(index)]",
                        "is longer than \(Self.maximumItemLength) characters")
                }
                lines.append(text)
            }
            texts[section] = lines.joined(separator: "\n")
        }
        do {
            try self.init(lines: texts)
        } catch {
            throw ValidationError(field: "sections.\(error.field)", error.message)
        }
    }
}

/// One saved version of a client's safety plan.
public typealias StoredSafetyPlan = StoredPlan<SafetyPlanSection>

/// One saved version of a client's plan.
public struct StoredPlan<Section: PlanSection>: Sendable, Hashable {
    public let clientID: ClientID
    public let version: Int
    public let plan: SectionedPlan<Section>
    public let savedAt: Date
    public let savedBy: UserID

    public init(clientID: ClientID, version: Int, plan: SectionedPlan<Section>, savedAt: Date, savedBy: UserID) {
        self.clientID = clientID
        self.version = version
        self.plan = plan
        self.savedAt = savedAt
        self.savedBy = savedBy
    }
}

/// The relapse-prevention plan's parts (§10).
public enum RelapsePlanSection: String, PlanSection {
    case highRiskSituations
    case warningSigns
    case copingResponses
    case peopleToCall
    case afterALapse

    public var title: String {
        switch self {
        case .highRiskSituations: "1. High-risk situations and triggers"
        case .warningSigns: "2. Early warning signs that I am heading toward use"
        case .copingResponses: "3. What I do instead (coping responses)"
        case .peopleToCall: "4. People I call"
        case .afterALapse: "5. If I use: what I do next (a lapse is not a relapse)"
        }
    }
}

/// A relapse-prevention plan (§10): written by the client on the phone and the care team on the chart, kept in
/// versions like the safety plan.
public typealias RelapsePreventionPlan = SectionedPlan<RelapsePlanSection>

public typealias StoredRelapsePlan = StoredPlan<RelapsePlanSection>
