import BraidCore
import Foundation

// MARK: - The client's recovery tools (issue 14, §10)

extension APIContract {
    static var recovery: [String: JSONValue] {
        func text(_ maxLength: Int) -> JSONValue { JSONSchema.string(maxLength: maxLength) }
        func required(_ maxLength: Int) -> JSONValue {
            JSONSchema.string(minLength: 1, maxLength: maxLength, pattern: "\\S")
        }
        let maybe = JSONSchema.nullable(JSONSchema.number())
        let stored: [String: JSONValue] = [
            "id": JSONSchema.uuid, "recordedAt": JSONSchema.instant, "updatedAt": JSONSchema.instant,
        ]
        func ratings<Key: CaseIterable & RawRepresentable>(_: Key.Type, _ scale: ClosedRange<Int>) -> JSONValue
        where Key.RawValue == String {
            JSONSchema.object(
                Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0.rawValue, JSONSchema.integer(scale)) }))
        }
        let emotion = JSONSchema.object(
            [
                "emotion": required(40), "before": JSONSchema.integer(0...100), "after": JSONSchema.integer(0...100),
            ], required: ["emotion", "before"])
        let thought: [String: JSONValue] = [
            "date": dated("The day it is about: today (the default) or within the last 90 days."),
            "situation": required(ThoughtRecord.maximumTextLength),
            "automaticThought": required(ThoughtRecord.maximumThoughtLength),
            "starterThought": JSONSchema.enumeration(StarterThought.library.map(\.id)),
            "emotions": JSONSchema.array(emotion, minItems: 1, maxItems: ThoughtRecord.maximumEmotions),
            "evidenceFor": text(ThoughtRecord.maximumTextLength),
            "evidenceAgainst": text(ThoughtRecord.maximumTextLength),
            "balancedThought": text(ThoughtRecord.maximumTextLength),
            "triggers": JSONSchema.array(required(60), maxItems: ThoughtRecord.maximumTriggers),
        ]
        let day: [String: JSONValue] = [
            "date": dated("A day of the card's week, not after today."),
            "urges": ratings(DiaryUrge.self, DiaryCard.ratingScale),
            "emotions": ratings(DiaryEmotion.self, DiaryCard.ratingScale),
            "actions": JSONSchema.object(
                Dictionary(uniqueKeysWithValues: DiaryAction.allCases.map { ($0.rawValue, JSONSchema.boolean) })),
            "skillsRating": JSONSchema.integer(DiaryCard.skillsScale),
            "skillsUsed": JSONSchema.array(JSONSchema.enumeration(DBTSkill.self)),
            "note": text(DiaryCard.maximumNoteLength),
        ]
        let activity: [String: JSONValue] = [
            "date": dated("The day planned: from 14 days back to 60 days ahead (default today)."),
            "title": required(120), "kind": JSONSchema.enumeration(ActivityKind.self),
            "lifeArea": JSONSchema.enumeration(LifeArea.self), "expectedEnjoyment": JSONSchema.integer(Activity.scale),
        ]
        let contact: [String: JSONValue] = [
            "name": required(80), "role": JSONSchema.enumeration(SupportRole.self), "reach": text(120),
            "crisisContact": JSONSchema.boolean,
        ]
        let meeting: [String: JSONValue] = [
            "date": dated("The day attended: today (the default) or within the last 90 days."),
            "fellowship": JSONSchema.enumeration(Fellowship.self), "name": text(80), "online": JSONSchema.boolean,
        ]
        return [
            "ThoughtRecordRequest": JSONSchema.object(
                thought, required: ["situation", "automaticThought", "emotions"]),
            "ThoughtRecord": JSONSchema.object(
                thought.merging(stored) { $1 }.merging(["date": JSONSchema.date, "emotionDrop": JSONSchema.number()]) {
                    $1
                },
                required: ["id", "date", "situation", "automaticThought", "emotions", "triggers", "recordedAt"]),
            "ThoughtRecordList": JSONSchema.object(
                [
                    "records": JSONSchema.list("ThoughtRecord"),
                    "trends": JSONSchema.object(
                        [
                            "records": JSONSchema.integer(atLeast: 0), "meanDrop": maybe,
                            "drops": JSONSchema.array(
                                JSONSchema.object(
                                    ["date": JSONSchema.date, "drop": maybe], required: ["date", "drop"])),
                            "triggers": JSONSchema.array(
                                JSONSchema.object(
                                    ["trigger": JSONSchema.string(), "records": JSONSchema.integer(atLeast: 1)],
                                    required: ["trigger", "records"])),
                        ], required: ["records", "meanDrop", "drops", "triggers"]),
                ], required: ["records", "trends"]),
            "DiaryCardRequest": JSONSchema.object(
                [
                    "weekStart": dated("The card's first day; when sent, it must match the path."),
                    "days": JSONSchema.array(JSONSchema.object(day, required: ["date"]), maxItems: 7),
                ]),
            "DiaryCard": JSONSchema.object(
                [
                    "weekStart": JSONSchema.date,
                    "days": JSONSchema.array(
                        JSONSchema.object(
                            day.merging(["date": JSONSchema.date]) { $1 },
                            required: ["date", "urges", "emotions", "actions", "skillsUsed"])),
                    "safetyAlert": JSONSchema.ref("Alert"), "crisisResources": JSONSchema.ref("CrisisResources"),
                ].merging(stored) { $1 }, required: ["id", "weekStart", "days", "recordedAt"]),
            "DiaryCardList": JSONSchema.object(
                [
                    "cards": JSONSchema.list("DiaryCard"),
                    "analysis": JSONSchema.object(
                        [
                            "highUrge": JSONSchema.integer(DiaryCard.ratingScale),
                            "days": JSONSchema.array(
                                JSONSchema.object(
                                    [
                                        "date": JSONSchema.date, "urge": JSONSchema.integer(DiaryCard.ratingScale),
                                        "used": JSONSchema.boolean,
                                    ], required: ["date"])),
                            "meanUrgeWhenUsed": maybe, "meanUrgeWhenNotUsed": maybe,
                            "highUrgeDays": JSONSchema.integer(atLeast: 0),
                            "highUrgeDaysWithoutUse": JSONSchema.integer(atLeast: 0),
                            "skillsWhenUrgeRiddenOut": JSONSchema.array(
                                JSONSchema.object(
                                    [
                                        "skill": JSONSchema.enumeration(DBTSkill.self),
                                        "days": JSONSchema.integer(atLeast: 1),
                                    ], required: ["skill", "days"])),
                            "meanSkillsRatingRiddenOut": maybe, "meanSkillsRatingWhenUsed": maybe,
                            "suicideUrgeDays": JSONSchema.integer(atLeast: 0),
                            "selfHarmDays": JSONSchema.integer(atLeast: 0),
                        ],
                        required: [
                            "highUrge", "days", "meanUrgeWhenUsed", "meanUrgeWhenNotUsed", "highUrgeDays",
                            "highUrgeDaysWithoutUse", "skillsWhenUrgeRiddenOut", "meanSkillsRatingRiddenOut",
                            "meanSkillsRatingWhenUsed", "suicideUrgeDays", "selfHarmDays",
                        ]),
                    "skills": JSONSchema.object(
                        Dictionary(
                            uniqueKeysWithValues: DBTModule.allCases.map {
                                ($0.rawValue, JSONSchema.array(JSONSchema.enumeration(DBTSkill.self)))
                            }), required: DBTModule.allCases.map(\.rawValue)),
                ], required: ["cards", "analysis", "skills"]),
            "ActivityRequest": JSONSchema.object(activity, required: ["title", "kind"]),
            "ActivityRating": JSONSchema.object(
                ["done": JSONSchema.boolean, "enjoyment": JSONSchema.integer(Activity.scale)], required: ["done"]),
            "Activity": JSONSchema.object(
                activity.merging(stored) { $1 }.merging([
                    "date": JSONSchema.date, "done": JSONSchema.boolean,
                    "enjoyment": JSONSchema.integer(Activity.scale),
                ]) { $1 }, required: ["id", "date", "title", "kind", "recordedAt"]),
            "ActivityList": JSONSchema.object(
                [
                    "activities": JSONSchema.list("Activity"),
                    "trend": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "weekEnding": JSONSchema.date, "planned": JSONSchema.integer(atLeast: 0),
                                "done": JSONSchema.integer(atLeast: 0), "activityEnjoyment": maybe,
                                "expectedEnjoyment": maybe, "mood": maybe, "checkInEnjoyment": maybe,
                            ],
                            required: [
                                "weekEnding", "planned", "done", "activityEnjoyment", "expectedEnjoyment", "mood",
                                "checkInEnjoyment",
                            ])),
                ], required: ["activities", "trend"]),
            "SupportContactRequest": JSONSchema.object(contact, required: ["name", "role"]),
            "SupportContact": JSONSchema.object(
                contact.merging(stored) { $1 }, required: ["id", "name", "role", "crisisContact", "recordedAt"]),
            "MeetingRequest": JSONSchema.object(meeting, required: ["fellowship"]),
            "Meeting": JSONSchema.object(
                meeting.merging(stored) { $1 }.merging(["date": JSONSchema.date]) { $1 },
                required: ["id", "date", "fellowship", "recordedAt"]),
            "Support": JSONSchema.object(
                [
                    "contacts": JSONSchema.list("SupportContact"), "meetings": JSONSchema.list("Meeting"),
                    "meetingsLast7Days": JSONSchema.integer(atLeast: 0),
                    "meetingsLast30Days": JSONSchema.integer(atLeast: 0),
                ], required: ["contacts", "meetings", "meetingsLast7Days", "meetingsLast30Days"]),
            "PAWS": JSONSchema.object(
                [
                    "timeline": JSONSchema.string(), "lastUse": JSONSchema.date,
                    "daysSinceLastUse": JSONSchema.integer(atLeast: 0),
                    "weeks": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "week": JSONSchema.integer(atLeast: 1), "days": JSONSchema.integer(0...7),
                                "mood": maybe, "sleepHours": maybe, "energy": maybe, "irritability": maybe,
                            ], required: ["week", "days", "mood", "sleepHours", "energy", "irritability"])),
                ], required: ["timeline", "weeks"]),
        ]
    }
}
