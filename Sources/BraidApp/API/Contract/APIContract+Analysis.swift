import BraidCore
import Foundation

// MARK: - The check-in analysis (clinical-rules.md §4–§5; the same JSON as `braid analyze`)

extension APIContract {
    static var analysis: [String: JSONValue] {
        let figure = JSONSchema.nullable(.object(["type": .string("number")]))
        let marker = JSONSchema.object(
            ["first14": figure, "last14": figure, "change": figure, "shifted": JSONSchema.boolean],
            required: ["first14", "last14", "change", "shifted"])
        let count = JSONSchema.integer(atLeast: 0)
        return [
            "Analysis": JSONSchema.object(
                [
                    "days": JSONSchema.object(
                        [
                            "first": JSONSchema.nullable(JSONSchema.date), "last": JSONSchema.nullable(JSONSchema.date),
                            "rated": count, "missing": count,
                        ], required: ["first", "last", "rated", "missing"]),
                    "use": JSONSchema.object(
                        [
                            "useDays": count, "useDaysLast30": JSONSchema.integer(0...30),
                            "percentDaysAbstinent": JSONSchema.nullable(JSONSchema.number(0...100)),
                            "longestAbstinenceDays": count, "currentAbstinenceDays": count, "knownDays": count,
                            "possibleUseDays": count,
                        ],
                        required: [
                            "useDays", "useDaysLast30", "percentDaysAbstinent", "longestAbstinenceDays",
                            "currentAbstinenceDays", "knownDays", "possibleUseDays",
                        ]),
                    "model": JSONSchema.object(
                        [
                            "underlyingMood": figure, "surge": figure, "crashDepth": figure,
                            "crashHalfLifeDays": figure, "r2": figure, "improvementOverMean": figure,
                            "crashDepthFirstHalf": figure, "crashDepthSecondHalf": figure,
                            "deepening": JSONSchema.boolean, "crashCraving": figure,
                            "crashEstimable": JSONSchema.boolean,
                        ],
                        required: [
                            "underlyingMood", "surge", "crashDepth", "crashHalfLifeDays", "r2", "improvementOverMean",
                            "crashDepthFirstHalf", "crashDepthSecondHalf", "deepening", "crashCraving",
                            "crashEstimable",
                        ]),
                    "classification": JSONSchema.enumeration(CycleClassification.self),
                    "progress": JSONSchema.nullable(
                        JSONSchema.object(
                            [
                                "dipsPerWeek": marker, "sleepHours": marker, "baselineMood": marker,
                                "useDays": marker,
                                "phq9": JSONSchema.nullable(
                                    JSONSchema.object(
                                        [
                                            "firstDate": JSONSchema.date, "first": JSONSchema.integer(0...phq9Maximum),
                                            "latestDate": JSONSchema.date,
                                            "latest": JSONSchema.integer(0...phq9Maximum),
                                            "change": JSONSchema.integer(-phq9Maximum...phq9Maximum),
                                            "response": JSONSchema.boolean,
                                            "remission": JSONSchema.boolean,
                                            "reliableChange": JSONSchema.enumeration(ReliableChange.self),
                                            "shifted": JSONSchema.boolean,
                                        ],
                                        required: [
                                            "firstDate", "first", "latestDate", "latest", "change", "response",
                                            "remission", "reliableChange", "shifted",
                                        ])),
                            ], required: ["dipsPerWeek", "sleepHours", "baselineMood", "useDays", "phq9"])),
                    "flags": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "id": JSONSchema.enumeration(AnalysisFlag.ID.self),
                                "evidence": JSONSchema.map(.object(["type": .string("number")])),
                            ], required: ["id", "evidence"])),
                ], required: ["days", "use", "model", "classification", "progress", "flags"])
        ]
    }
}
