import BraidCore
import Foundation

// MARK: - The group program (issue 14 §7)

extension APIContract {
    static var groups: [String: JSONValue] {
        let weekdays = JSONSchema.array(JSONSchema.integer(1...7), minItems: 1, maxItems: 7, unique: true)
        let time = JSONSchema.string(minLength: 5, maxLength: 5, pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$")
        let summary: [String: JSONValue] = [
            "id": JSONSchema.uuid, "name": JSONSchema.string(), "modality": JSONSchema.enumeration(GroupModality.self),
            "weekdays": weekdays, "startTime": time, "durationMinutes": JSONSchema.integer(GroupSchedule.durations),
            "facilitator": JSONSchema.uuid, "facilitatorName": JSONSchema.string(),
            "memberCount": JSONSchema.integer(atLeast: 0), "nextMeeting": JSONSchema.date,
        ]
        let summaryKeys = Array(summary.keys)
        let entry: [String: JSONValue] = [
            "clientId": JSONSchema.uuid, "status": JSONSchema.enumeration(AttendanceStatus.self),
            "note": JSONSchema.string(maxLength: 500),
        ]
        let homework: [String: JSONValue] = [
            "id": JSONSchema.uuid, "groupId": JSONSchema.uuid, "title": JSONSchema.string(),
            "details": JSONSchema.string(), "assignedOn": JSONSchema.date, "dueOn": JSONSchema.date,
        ]
        return [
            "GroupRequest": JSONSchema.object(
                [
                    "name": JSONSchema.string(minLength: 1, maxLength: 80, pattern: "\\S"),
                    "modality": JSONSchema.enumeration(GroupModality.self), "weekdays": weekdays, "startTime": time,
                    "durationMinutes": JSONSchema.integer(GroupSchedule.durations),
                    "facilitator": JSONSchema.uuid,
                    "members": JSONSchema.array(JSONSchema.uuid, unique: true),
                ], required: ["name", "modality", "weekdays", "startTime", "durationMinutes", "facilitator"]),
            "GroupSummary": JSONSchema.object(summary, required: summaryKeys),
            "GroupList": JSONSchema.object(["groups": JSONSchema.list("GroupSummary")], required: ["groups"]),
            "Group": JSONSchema.object(
                summary.merging([
                    "members": JSONSchema.array(
                        JSONSchema.object(
                            ["clientId": JSONSchema.uuid, "name": JSONSchema.string()], required: ["clientId", "name"])),
                    "sessions": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "date": JSONSchema.date,
                                "attendance": JSONSchema.array(
                                    JSONSchema.object(entry, required: ["clientId", "status"])),
                            ], required: ["date", "attendance"])),
                    "homework": JSONSchema.list("Homework"),
                ]) { $1 }, required: summaryKeys + ["members", "sessions", "homework"]),
            "AttendanceRequest": JSONSchema.object(
                [
                    "date": dated("The session's day: today (the default) or within the last 30 days."),
                    "attendance": JSONSchema.array(
                        JSONSchema.object(
                            entry.merging(["note": JSONSchema.string(maxLength: 500)]) { $1 },
                            required: ["clientId", "status"])),
                ], required: ["attendance"]),
            "HomeworkRequest": JSONSchema.object(
                [
                    "title": JSONSchema.string(minLength: 1, maxLength: 120, pattern: "\\S"),
                    "details": JSONSchema.string(maxLength: 1_000),
                    "dueOn": dated("From today to 60 days ahead."),
                ], required: ["title"]),
            "Homework": JSONSchema.object(
                homework.merging(["doneBy": JSONSchema.array(JSONSchema.uuid)]) { $1 },
                required: ["id", "groupId", "title", "assignedOn", "doneBy"]),
            "MyGroups": JSONSchema.object(
                [
                    "groups": JSONSchema.list("GroupSummary"),
                    "attendance": JSONSchema.array(
                        JSONSchema.object(
                            entry.merging(["groupId": JSONSchema.uuid, "date": JSONSchema.date]) { $1 },
                            required: ["clientId", "status", "groupId", "date"])),
                    "summary": JSONSchema.object(
                        [
                            "sessions": JSONSchema.integer(atLeast: 0), "attended": JSONSchema.integer(atLeast: 0),
                            "excused": JSONSchema.integer(atLeast: 0),
                            "rate": JSONSchema.nullable(JSONSchema.number(0...1)),
                        ], required: ["sessions", "attended", "excused", "rate"]),
                    "homework": JSONSchema.array(
                        JSONSchema.object(
                            homework.merging(["done": JSONSchema.boolean, "doneAt": JSONSchema.instant]) { $1 },
                            required: ["id", "groupId", "title", "assignedOn", "done"])),
                ], required: ["groups", "attendance", "summary", "homework"]),
        ]
    }
}
