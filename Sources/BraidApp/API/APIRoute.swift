import BraidCore
import Vapor

/// Every JSON API route: one table drives both route registration and the OpenAPI document, so the two
/// cannot drift apart (a test also compares them with the live router).
enum APIRoute: String, CaseIterable, Sendable {
    case health, openAPI, createToken, revokeToken, revokeAllTokens
    case me, myCheckIns, createMyCheckIn
    case clients, client, clientCheckIns, clientAssessments, createClientAssessment, clientScreens
    case createClientScreen, clientAnalysis, clientLevel, createLevelDecision, clientPlan, createPlanVersion
    case alerts, acknowledgeAlert
    case clientContingency, createEnrollment, endEnrollment, createPayout, myContingency
    case clientMedications, createMedication, updateMedication, createPrescriberNote, myMedications
    case clientSafetyPlan, createSafetyPlanVersion, mySafetyPlan, createMySafetyPlanVersion
    case clientRelapsePlan, createRelapsePlanVersion, myRelapsePlan, createMyRelapsePlanVersion
    case myReminders, updateMyReminders
    case clientFHIR
    case clientConsents, createConsent, revokeConsent, createDisclosure, myConsents, revokeMyConsent
    case clientCounselingNotes, createCounselingNote
    case myThoughtRecords, createMyThoughtRecord, clientThoughtRecords
    case myDiaryCards, saveMyDiaryCard, clientDiaryCards
    case myActivities, createMyActivity, rateMyActivity, clientActivities
    case mySupport, createMySupportContact, updateMySupportContact, removeMySupportContact, createMyMeeting
    case clientSupport, myPAWS, clientPAWS
    case groups, createGroup, group, updateGroup, recordGroupAttendance, createGroupHomework
    case myGroups, markMyHomeworkDone, clientGroups

    static let prefix = ["api", "v1"]

    var method: HTTPMethod {
        switch self {
        case .createToken, .createMyCheckIn, .createClientAssessment, .createClientScreen, .acknowledgeAlert,
            .createLevelDecision, .createPlanVersion, .createEnrollment, .endEnrollment, .createPayout,
            .createMedication, .createPrescriberNote, .createSafetyPlanVersion, .createMySafetyPlanVersion,
            .createRelapsePlanVersion, .createMyRelapsePlanVersion, .createConsent, .revokeConsent, .createDisclosure,
            .revokeMyConsent, .createCounselingNote, .createMyThoughtRecord, .createMyActivity, .rateMyActivity,
            .createMySupportContact, .createMyMeeting, .createGroup, .recordGroupAttendance, .createGroupHomework,
            .markMyHomeworkDone:
            .POST
        case .updateMedication, .updateMyReminders, .saveMyDiaryCard, .updateMySupportContact, .updateGroup: .PUT
        case .revokeToken, .revokeAllTokens, .removeMySupportContact: .DELETE
        default: .GET
        }
    }

    /// Path below `/api/v1`; `:id` marks the record id.
    var path: [String] {
        switch self {
        case .health: ["health"]
        case .openAPI: ["openapi.json"]
        case .createToken, .revokeToken: ["auth", "token"]
        case .revokeAllTokens: ["auth", "tokens"]
        case .me: ["me"]
        case .myCheckIns, .createMyCheckIn: ["me", "checkins"]
        case .clients: ["clients"]
        case .client: ["clients", ":id"]
        case .clientCheckIns: ["clients", ":id", "checkins"]
        case .clientAssessments, .createClientAssessment: ["clients", ":id", "assessments"]
        case .clientScreens, .createClientScreen: ["clients", ":id", "screens"]
        case .clientAnalysis: ["clients", ":id", "analysis"]
        case .clientLevel: ["clients", ":id", "level"]
        case .createLevelDecision: ["clients", ":id", "level-decisions"]
        case .clientPlan: ["clients", ":id", "plan"]
        case .createPlanVersion: ["clients", ":id", "plan-versions"]
        case .clientContingency: ["clients", ":id", "contingency"]
        case .createEnrollment: ["clients", ":id", "contingency", "enrollment"]
        case .endEnrollment: ["clients", ":id", "contingency", "end"]
        case .createPayout: ["clients", ":id", "contingency", "payouts"]
        case .myContingency: ["me", "contingency"]
        case .clientMedications, .createMedication: ["clients", ":id", "medications"]
        case .updateMedication: ["clients", ":id", "medications", ":medicationId"]
        case .createPrescriberNote: ["clients", ":id", "prescriber-notes"]
        case .myMedications: ["me", "medications"]
        case .clientSafetyPlan: ["clients", ":id", "safety-plan"]
        case .createSafetyPlanVersion: ["clients", ":id", "safety-plan-versions"]
        case .mySafetyPlan: ["me", "safety-plan"]
        case .createMySafetyPlanVersion: ["me", "safety-plan-versions"]
        case .clientRelapsePlan: ["clients", ":id", "relapse-plan"]
        case .createRelapsePlanVersion: ["clients", ":id", "relapse-plan-versions"]
        case .myRelapsePlan: ["me", "relapse-plan"]
        case .createMyRelapsePlanVersion: ["me", "relapse-plan-versions"]
        case .myReminders, .updateMyReminders: ["me", "reminders"]
        case .clientFHIR: ["clients", ":id", "fhir"]
        case .clientConsents, .createConsent: ["clients", ":id", "consents"]
        case .revokeConsent: ["clients", ":id", "consents", ":consentId", "revoke"]
        case .createDisclosure: ["clients", ":id", "disclosures"]
        case .myConsents: ["me", "consents"]
        case .revokeMyConsent: ["me", "consents", ":consentId", "revoke"]
        case .clientCounselingNotes, .createCounselingNote: ["clients", ":id", "counseling-notes"]
        case .myThoughtRecords, .createMyThoughtRecord: ["me", "thought-records"]
        case .clientThoughtRecords: ["clients", ":id", "thought-records"]
        case .myDiaryCards: ["me", "diary-cards"]
        case .saveMyDiaryCard: ["me", "diary-cards", ":weekStart"]
        case .clientDiaryCards: ["clients", ":id", "diary-cards"]
        case .myActivities, .createMyActivity: ["me", "activities"]
        case .rateMyActivity: ["me", "activities", ":activityId", "rating"]
        case .clientActivities: ["clients", ":id", "activities"]
        case .mySupport: ["me", "support"]
        case .createMySupportContact: ["me", "support-contacts"]
        case .updateMySupportContact, .removeMySupportContact: ["me", "support-contacts", ":contactId"]
        case .createMyMeeting: ["me", "meetings"]
        case .clientSupport: ["clients", ":id", "support"]
        case .myPAWS: ["me", "paws"]
        case .clientPAWS: ["clients", ":id", "paws"]
        case .groups, .createGroup: ["groups"]
        case .group, .updateGroup: ["groups", ":groupId"]
        case .recordGroupAttendance: ["groups", ":groupId", "attendance"]
        case .createGroupHomework: ["groups", ":groupId", "homework"]
        case .myGroups: ["me", "groups"]
        case .markMyHomeworkDone: ["me", "homework", ":homeworkId", "done"]
        case .clientGroups: ["clients", ":id", "groups"]
        case .alerts: ["alerts"]
        case .acknowledgeAlert: ["alerts", ":id", "acknowledge"]
        }
    }

    var pathComponents: [PathComponent] { (Self.prefix + path).map { PathComponent(stringLiteral: $0) } }

    /// The OpenAPI form of the path: `/api/v1/clients/{id}`.
    var openAPIPath: String {
        "/" + (Self.prefix + path).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
    }

    var requiresToken: Bool { ![.health, .openAPI, .createToken].contains(self) }

    var tag: String {
        switch self {
        case .health, .openAPI: "service"
        case .createToken, .revokeToken, .revokeAllTokens: "auth"
        case .me, .myCheckIns, .createMyCheckIn, .myContingency, .myMedications, .mySafetyPlan,
            .createMySafetyPlanVersion, .myRelapsePlan, .createMyRelapsePlanVersion, .myReminders, .updateMyReminders,
            .myConsents, .revokeMyConsent, .myThoughtRecords, .createMyThoughtRecord, .myDiaryCards, .saveMyDiaryCard,
            .myActivities, .createMyActivity, .rateMyActivity, .mySupport, .createMySupportContact,
            .updateMySupportContact, .removeMySupportContact, .createMyMeeting, .myPAWS, .myGroups, .markMyHomeworkDone:
            "me"
        case .groups, .createGroup, .group, .updateGroup, .recordGroupAttendance, .createGroupHomework: "groups"
        case .alerts, .acknowledgeAlert: "alerts"
        default: "clients"
        }
    }

    /// Name of the request body schema, for routes that take one.
    var requestSchema: String? {
        switch self {
        case .createToken: "TokenRequest"
        case .createMyCheckIn: "CheckInRequest"
        case .createClientAssessment: "AssessmentRequest"
        case .createClientScreen: "ScreenRequest"
        case .acknowledgeAlert: "AcknowledgeRequest"
        case .createLevelDecision: "LevelDecisionRequest"
        case .createPlanVersion: "PlanRequest"
        case .createEnrollment: "EnrollmentRequest"
        case .endEnrollment: "EnrollmentEndRequest"
        case .createPayout: "PayoutRequest"
        case .createMedication, .updateMedication: "MedicationRequest"
        case .createPrescriberNote: "PrescriberNoteRequest"
        case .createSafetyPlanVersion, .createMySafetyPlanVersion: "SafetyPlanRequest"
        case .createRelapsePlanVersion, .createMyRelapsePlanVersion: "RelapsePlanRequest"
        case .updateMyReminders: "Reminders"
        case .createConsent: "ConsentRequest"
        case .createDisclosure: "DisclosureRequest"
        case .createCounselingNote: "CounselingNoteRequest"
        case .createMyThoughtRecord: "ThoughtRecordRequest"
        case .saveMyDiaryCard: "DiaryCardRequest"
        case .createMyActivity: "ActivityRequest"
        case .rateMyActivity: "ActivityRating"
        case .createMySupportContact, .updateMySupportContact: "SupportContactRequest"
        case .createMyMeeting: "MeetingRequest"
        case .createGroup, .updateGroup: "GroupRequest"
        case .recordGroupAttendance: "AttendanceRequest"
        case .createGroupHomework: "HomeworkRequest"
        default: nil
        }
    }

    /// Success status and response schema.
    var response: (status: Int, schema: String) {
        switch self {
        case .health: (200, "Health")
        case .openAPI: (200, "OpenAPIDocument")
        case .createToken: (200, "Token")
        case .revokeToken, .revokeAllTokens: (204, "")
        case .me: (200, "Me")
        case .myCheckIns, .clientCheckIns: (200, "CheckInList")
        case .createMyCheckIn: (201, "CheckIn")
        case .clients: (200, "Caseload")
        case .client: (200, "Client")
        case .clientAssessments: (200, "AssessmentList")
        case .createClientAssessment: (201, "Assessment")
        case .clientScreens: (200, "ScreenList")
        case .createClientScreen: (201, "Screen")
        case .clientAnalysis: (200, "Analysis")
        case .clientLevel: (200, "LevelOfCare")
        case .createLevelDecision: (201, "LevelOfCare")
        case .clientPlan: (200, "TreatmentPlan")
        case .createPlanVersion: (201, "TreatmentPlan")
        case .alerts: (200, "AlertList")
        case .acknowledgeAlert: (200, "Alert")
        case .clientContingency, .endEnrollment, .myContingency: (200, "Contingency")
        case .createEnrollment, .createPayout: (201, "Contingency")
        case .clientMedications, .myMedications: (200, "MedicationList")
        case .createMedication: (201, "Medication")
        case .updateMedication: (200, "Medication")
        case .createPrescriberNote: (201, "PrescriberNote")
        case .clientSafetyPlan, .mySafetyPlan: (200, "SafetyPlan")
        case .createSafetyPlanVersion, .createMySafetyPlanVersion: (201, "SafetyPlan")
        case .clientRelapsePlan, .myRelapsePlan: (200, "RelapsePlan")
        case .createRelapsePlanVersion, .createMyRelapsePlanVersion: (201, "RelapsePlan")
        case .myReminders, .updateMyReminders: (200, "Reminders")
        case .clientFHIR: (200, "FHIRBundle")
        case .clientConsents, .myConsents: (200, "ConsentAccount")
        case .createConsent: (201, "Consent")
        case .revokeConsent, .revokeMyConsent: (200, "Consent")
        case .createDisclosure: (201, "DisclosurePackage")
        case .clientCounselingNotes: (200, "CounselingNoteList")
        case .createCounselingNote: (201, "CounselingNote")
        case .myThoughtRecords, .clientThoughtRecords: (200, "ThoughtRecordList")
        case .createMyThoughtRecord: (201, "ThoughtRecord")
        case .myDiaryCards, .clientDiaryCards: (200, "DiaryCardList")
        case .saveMyDiaryCard: (200, "DiaryCard")
        case .myActivities, .clientActivities: (200, "ActivityList")
        case .createMyActivity: (201, "Activity")
        case .rateMyActivity: (200, "Activity")
        case .mySupport, .clientSupport: (200, "Support")
        case .createMySupportContact: (201, "SupportContact")
        case .updateMySupportContact: (200, "SupportContact")
        case .removeMySupportContact: (204, "")
        case .createMyMeeting: (201, "Meeting")
        case .myPAWS, .clientPAWS: (200, "PAWS")
        case .groups: (200, "GroupList")
        case .createGroup: (201, "Group")
        case .group, .updateGroup, .recordGroupAttendance: (200, "Group")
        case .createGroupHomework: (201, "Homework")
        case .myGroups, .markMyHomeworkDone, .clientGroups: (200, "MyGroups")
        }
    }

    /// The media type of the success response.
    var responseMediaType: String { self == .clientFHIR ? "application/fhir+json" : "application/json" }

    /// Query parameters with their schemas (all optional).
    var queryParameters: [(name: String, description: String, schema: JSONValue)] {
        let from = ("from", "first date, YYYY-MM-DD", JSONSchema.date)
        let to = ("to", "last date, YYYY-MM-DD (a range that ends before it starts is empty)", JSONSchema.date)
        switch self {
        case .myCheckIns: return [from, to]
        case .clientCheckIns:
            return [
                from, to,
                ("history", "true adds superseded check-ins", JSONSchema.enumeration(["true", "false"])),
            ]
        case .alerts: return [("status", "open (default) or all", JSONSchema.enumeration(["open", "all"]))]
        case .clients:
            return [
                (
                    "show",
                    "active (default: clients in care, and any discharged client with an open alert) or discharged",
                    JSONSchema.enumeration(CaseloadShow.self)
                )
            ]
        default: return []
        }
    }
}
