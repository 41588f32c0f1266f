import BraidCore
import Foundation

// MARK: - The caseload and a client's record

extension APIContract {
    /// The PHQ-9's highest total, from its definition.
    static var phq9Maximum: Int { Instrument.definition(.phq9).maximumTotal ?? 27 }

    static var clients: [String: JSONValue] {
        [
            "Caseload": JSONSchema.object(["clients": JSONSchema.list("ClientSummary")], required: ["clients"]),
            "ClientSummary": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "name": JSONSchema.string(), "openAlerts": JSONSchema.list("Alert"),
                    "flags": JSONSchema.list("Flag"),
                    "classification": JSONSchema.enumeration(CycleClassification.self),
                    "latestPHQ9": JSONSchema.ref("PHQ9Summary"), "useDaysLast30": JSONSchema.integer(0...30),
                    "lastCheckIn": JSONSchema.date,
                    "episodeStatus": JSONSchema.enumeration(["active", "discharged", "not-admitted"]),
                    "level": JSONSchema.enumeration(LevelOfCare.self), "planReviewDue": JSONSchema.boolean,
                ],
                required: [
                    "id", "name", "openAlerts", "flags", "classification", "useDaysLast30", "episodeStatus",
                    "planReviewDue",
                ]),
            "PHQ9Summary": JSONSchema.object(
                [
                    "date": JSONSchema.date, "total": JSONSchema.integer(0...phq9Maximum),
                    "severity": JSONSchema.enumeration(Severity.self),
                ], required: ["date", "total", "severity"]),
            "Flag": JSONSchema.object(
                [
                    "id": JSONSchema.enumeration(AnalysisFlag.ID.self),
                    "label": JSONSchema.string(),
                    "evidence": JSONSchema.map(.object(["type": .string("number")])),
                ], required: ["id", "label", "evidence"]),
            "Client": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "name": JSONSchema.string(),
                    "careTeam": JSONSchema.list("CareTeamMember"), "createdAt": JSONSchema.instant,
                    "episodes": JSONSchema.list("Episode"),
                ], required: ["id", "name", "careTeam", "createdAt", "episodes"]),
            "Episode": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "admittedOn": JSONSchema.date,
                    "levelAtAdmission": JSONSchema.enumeration(LevelOfCare.admissionLevels.map(\.rawValue)),
                    "referralSource": JSONSchema.enumeration(ReferralSource.self), "dischargedOn": JSONSchema.date,
                    "dischargeReason": JSONSchema.enumeration(DischargeReason.self),
                ], required: ["id", "admittedOn", "levelAtAdmission", "referralSource"]),
            "CareTeamMember": JSONSchema.object(
                ["id": JSONSchema.uuid, "name": JSONSchema.string(), "role": JSONSchema.enumeration(Role.self)],
                required: ["id", "name", "role"]),
        ]
    }
}
