import Foundation

/// A safety plan (Stanley & Brown 2012; clinical-rules.md §8), built with the client and kept in versions: every save
/// is a new version and earlier ones stay. Each section is a short list of the client's own words.
public struct SafetyPlan: Sendable, Hashable {
    public enum Section: String, Sendable, Hashable, Codable, CaseIterable {
        case warningSigns
        case copingStrategies
        case distractions
        case helpers
        case professionals
        case environment
        case reasonsForLiving

        /// The step as the plan names it.
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

    /// Limits that keep a plan readable on a phone in a crisis.
    public static let maximumItemsPerSection = 12
    public static let maximumItemLength = 300

    /// What step 5 starts with before anyone edits it.
    public static let prefilledProfessionals = [
        "988 Suicide & Crisis Lifeline: call or text 988", "Emergency: 911",
    ]

    public var sections: [Section: [String]]

    public init(sections: [Section: [String]] = [:]) {
        self.sections = sections
    }

    /// A new plan: empty except the crisis lines in step 5.
    public static var starter: SafetyPlan { SafetyPlan(sections: [.professionals: prefilledProfessionals]) }

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

    /// Whether the plan has anything beyond the pre-filled crisis lines.
    public var isStarted: Bool {
        Section.allCases.contains { section in
            section == .professionals ? items(section) != Self.prefilledProfessionals : !items(section).isEmpty
        }
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
            throw ValidationError(field: Section.warningSigns.rawValue, "write at least one line in the plan")
        }
        self.sections = sections
    }
}

extension SafetyPlan {
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
                guard text.unicodeScalars.count <= SafetyPlan.maximumItemLength else {
                    throw ValidationError(
                        field: "sections.\(section.rawValue)[\(index)]",
                        "is longer than \(SafetyPlan.maximumItemLength) characters")
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
public struct StoredSafetyPlan: Sendable, Hashable {
    public let clientID: ClientID
    public let version: Int
    public let plan: SafetyPlan
    public let savedAt: Date
    public let savedBy: UserID

    public init(clientID: ClientID, version: Int, plan: SafetyPlan, savedAt: Date, savedBy: UserID) {
        self.clientID = clientID
        self.version = version
        self.plan = plan
        self.savedAt = savedAt
        self.savedBy = savedBy
    }
}
