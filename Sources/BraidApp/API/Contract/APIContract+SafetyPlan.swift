import BraidCore
import Foundation

// MARK: - Kept plans: the safety plan (§8) and the relapse-prevention plan (§10)

extension APIContract {
    static var safetyPlan: [String: JSONValue] {
        keptPlan(SafetyPlanSection.self, name: "SafetyPlan", extra: ["reviewDue": JSONSchema.boolean])
    }

    static var relapsePlan: [String: JSONValue] { keptPlan(RelapsePlanSection.self, name: "RelapsePlan") }

    /// The request (`<name>Request`: lists of one-line items by section) and the response (`<name>`).
    static func keptPlan<Section: PlanSection>(_: Section.Type, name: String, extra: [String: JSONValue] = [:])
        -> [String: JSONValue]
    {
        let item = JSONSchema.string(minLength: 1, maxLength: SectionedPlan<Section>.maximumItemLength)
        let ids = Section.allCases.map(\.rawValue)
        return [
            "\(name)Request": JSONSchema.object(
                [
                    "sections": JSONSchema.object(
                        Dictionary(
                            uniqueKeysWithValues: ids.map {
                                ($0, JSONSchema.array(item, maxItems: SectionedPlan<Section>.maximumItemsPerSection))
                            }))
                ], required: ["sections"]),
            name: JSONSchema.object(
                [
                    "sections": JSONSchema.object(
                        Dictionary(uniqueKeysWithValues: ids.map { ($0, JSONSchema.array(JSONSchema.string())) }),
                        required: ids),
                    "titles": JSONSchema.object(
                        Dictionary(uniqueKeysWithValues: ids.map { ($0, JSONSchema.string()) }), required: ids),
                    "version": JSONSchema.integer(atLeast: 1), "savedAt": JSONSchema.instant,
                    "savedBy": JSONSchema.uuid,
                ].merging(extra) { $1 }, required: ["sections", "titles"]),
        ]
    }
}

// MARK: - Reminders (issue 12)

extension APIContract {
    static var reminders: [String: JSONValue] {
        let clock = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
        return [
            "Reminders": JSONSchema.object(
                [
                    "kinds": JSONSchema.array(
                        JSONSchema.enumeration(ReminderKind.allCases.map(\.rawValue)),
                        maxItems: ReminderKind.allCases.count,
                        unique: true),
                    "time": JSONSchema.string(pattern: clock),
                    "quietHours": JSONSchema.string(
                        pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"),
                ], required: ["kinds", "time", "quietHours"])
        ]
    }
}
