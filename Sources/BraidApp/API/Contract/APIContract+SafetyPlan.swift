import BraidCore
import Foundation

// MARK: - Safety plan (§8)

extension APIContract {
    static var safetyPlan: [String: JSONValue] {
        let item = JSONSchema.string(minLength: 1, maxLength: SafetyPlan.maximumItemLength)
        let ids = SafetyPlan.Section.allCases.map(\.rawValue)
        return [
            "SafetyPlanRequest": JSONSchema.object(
                [
                    "sections": JSONSchema.object(
                        Dictionary(
                            uniqueKeysWithValues: ids.map {
                                ($0, JSONSchema.array(item, maxItems: SafetyPlan.maximumItemsPerSection))
                            }))
                ], required: ["sections"]),
            "SafetyPlan": JSONSchema.object(
                [
                    "sections": JSONSchema.object(
                        Dictionary(uniqueKeysWithValues: ids.map { ($0, JSONSchema.array(JSONSchema.string())) }),
                        required: ids),
                    "titles": JSONSchema.object(
                        Dictionary(uniqueKeysWithValues: ids.map { ($0, JSONSchema.string()) }), required: ids),
                    "version": JSONSchema.integer(atLeast: 1), "savedAt": JSONSchema.instant,
                    "savedBy": JSONSchema.uuid, "reviewDue": JSONSchema.boolean,
                ], required: ["sections", "titles"]),
        ]
    }
}
