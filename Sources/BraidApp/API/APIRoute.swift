import BraidCore
import Vapor

/// Every JSON API route: one table drives both route registration and the OpenAPI document, so the two
/// cannot drift apart (a test also compares them with the live router).
enum APIRoute: String, CaseIterable, Sendable {
    case health, openAPI, createToken, revokeToken
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

    static let prefix = ["api", "v1"]

    var method: HTTPMethod {
        switch self {
        case .createToken, .createMyCheckIn, .createClientAssessment, .createClientScreen, .acknowledgeAlert,
            .createLevelDecision, .createPlanVersion, .createEnrollment, .endEnrollment, .createPayout,
            .createMedication, .createPrescriberNote, .createSafetyPlanVersion, .createMySafetyPlanVersion,
            .createRelapsePlanVersion, .createMyRelapsePlanVersion, .createConsent, .revokeConsent, .createDisclosure,
            .revokeMyConsent, .createCounselingNote:
            .POST
        case .updateMedication, .updateMyReminders: .PUT
        case .revokeToken: .DELETE
        default: .GET
        }
    }

    /// Path below `/api/v1`; `:id` marks the record id.
    var path: [String] {
        switch self {
        case .health: ["health"]
        case .openAPI: ["openapi.json"]
        case .createToken, .revokeToken: ["auth", "token"]
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

    var summary: String {
        switch self {
        case .health: "Liveness with a real database query"
        case .openAPI: "This document"
        case .createToken: "Sign in: email and password for a bearer token"
        case .revokeToken: "Sign out: revoke the bearer token used"
        case .me: "The signed-in account (for a client, id is its client id)"
        case .myCheckIns: "My check-ins in a date range (from, to: YYYY-MM-DD)"
        case .createMyCheckIn: "Record today's (or a recent day's) check-in; a later one for the day supersedes"
        case .clients: "My caseload, each client with open alerts and latest flags"
        case .client: "One client's record"
        case .clientCheckIns: "A client's check-ins (from, to; history=true adds superseded ones)"
        case .clientAssessments: "A client's assessments"
        case .createClientAssessment: "Score and store an instrument (§1) or the ordering interview (§2)"
        case .clientScreens: "A client's urine drug screens"
        case .createClientScreen: "Record a urine drug screen"
        case .clientAnalysis: "The §5 analysis computed from stored check-ins"
        case .clientLevel:
            "Level of care (§6): the current level, the recommendation computed now from stored data, the level "
                + "history, every decision, the recorded factors, and whether a safety-plan review is due"
        case .createLevelDecision:
            "Accept the current level recommendation, or override it with a reason (care team only); answers the "
                + "updated level of care"
        case .clientPlan:
            "Treatment plan (§7): the problems the data suggest now (with codes and suggested interventions), the "
                + "signed versions, and each goal's progress computed from its data"
        case .createPlanVersion: "Sign a new version of the treatment plan (care team only); none is overwritten"
        case .clientContingency:
            "Contingency management (§10): the enrollment and its terms, the ledger as of today (passed screening "
                + "days without a result count as missed), every prize draw, payouts and the balance"
        case .createEnrollment:
            "Enroll the client in the program's contingency management (care team only): the ledger starts, on the "
                + "program's current terms"
        case .endEnrollment: "End the client's contingency-management enrollment (care team only)"
        case .createPayout: "Record money handed to the client (care team only; no more than the balance)"
        case .myContingency: "My contingency management: streak, earnings, next screen, the ledger"
        case .clientMedications:
            "The client's medications, adherence over 7 and 30 days from the check-ins' medsTaken, the prescriber's "
                + "notes, and the plain facts (no FDA-approved medication for cocaine use disorder)"
        case .createMedication: "Add a medication to the client's list (care team only)"
        case .updateMedication: "Change a medication: dose, frequency, a stop date… (care team only)"
        case .createPrescriberNote: "A prescriber's note to the whole care team (care team only)"
        case .myMedications: "My medications and how regularly I reported taking them"
        case .clientSafetyPlan:
            "The client's safety plan (§8): the current version, or the starter with 988 and 911 pre-filled, and "
                + "whether a level-of-care change still waits for its review"
        case .createSafetyPlanVersion: "Save a new version of the client's safety plan (earlier versions are kept)"
        case .mySafetyPlan: "My safety plan"
        case .createMySafetyPlanVersion: "Save a new version of my safety plan"
        case .clientRelapsePlan:
            "The client's relapse-prevention plan (§10): high-risk situations, early warning signs, coping responses, "
                + "people to call, what to do after a lapse; the current version, or empty sections"
        case .createRelapsePlanVersion:
            "Save a new version of the client's relapse-prevention plan (earlier versions are kept)"
        case .myRelapsePlan: "My relapse-prevention plan"
        case .createMyRelapsePlanVersion: "Save a new version of my relapse-prevention plan"
        case .myReminders: "My reminder choices (none until I opt in): which, when, and my quiet hours"
        case .updateMyReminders:
            "Choose my reminders (the daily check-in, a screening day, group homework), their time and my quiet hours"
        case .clientFHIR:
            "The client's record as a FHIR R4 Bundle (collection) for the care team: Patient, QuestionnaireResponses, "
                + "survey Observations of totals and check-ins, Conditions, CarePlan and Goals, Consents, with the 42 CFR Part 2 "
                + "security labels (application/fhir+json)"
        case .clientConsents:
            "The client's 42 CFR Part 2 consents (each with its status today) and the accounting of disclosures made "
                + "under them"
        case .createConsent:
            "Record a consent the client signed (care team only): to whom, the purpose, what (the record, or SUD "
                + "counseling notes, which need a consent of their own), the expiry, the signature and its date"
        case .revokeConsent: "Revoke a consent on the client's word; it permits nothing from now on"
        case .createDisclosure:
            "Disclose the client's record outside the program (care team only): needs an active consent naming the "
                + "recipient and the purpose; answers the FHIR Bundle with the 42 CFR 2.32 notice and the consent's "
                + "scope, and records it in the accounting of disclosures. Any refusal writes nothing out"
        case .myConsents: "My consents and the accounting of every disclosure of my record outside the program"
        case .revokeMyConsent: "Revoke one of my consents; it permits nothing from now on"
        case .clientCounselingNotes: "SUD counseling notes, kept apart from the rest of the record (care team only)"
        case .createCounselingNote: "Write a SUD counseling note for a session (care team only)"
        case .alerts: "Safety alerts of my caseload (status=open, default, or all)"
        case .acknowledgeAlert: "Acknowledge a safety alert with a note"
        }
    }

    var tag: String {
        switch self {
        case .health, .openAPI: "service"
        case .createToken, .revokeToken: "auth"
        case .me, .myCheckIns, .createMyCheckIn, .myContingency, .myMedications, .mySafetyPlan,
            .createMySafetyPlanVersion, .myRelapsePlan, .createMyRelapsePlanVersion, .myReminders, .updateMyReminders,
            .myConsents, .revokeMyConsent:
            "me"
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
        default: nil
        }
    }

    /// Success status and response schema.
    var response: (status: Int, schema: String) {
        switch self {
        case .health: (200, "Health")
        case .openAPI: (200, "OpenAPIDocument")
        case .createToken: (200, "Token")
        case .revokeToken: (204, "")
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

    /// Every error status the route can answer, with what it means there.
    var errorStatuses: [(status: Int, description: String)] {
        let badRequest = (400, "The body is not JSON, or a query parameter is malformed (the error names it)")
        let unauthorized = (401, "Missing, expired or revoked token")
        let forbidden = (403, "Your role may not make this entry (for example a client entering a C-SSRS)")
        let notFound = (404, "No such record, or not yours to see (existence is never revealed)")
        let conflict = (409, "Conflicts with stored data")
        let tooLarge = (413, "The body is over 64 kB")
        let invalid = (422, "A field is invalid: the error names it and says what is allowed")
        switch self {
        case .health: return [(503, "The database is not answering")]
        case .openAPI: return []
        case .createToken: return [badRequest, (401, "Email or password is wrong"), tooLarge, invalid]
        case .revokeToken, .me: return [unauthorized]
        case .myCheckIns: return [badRequest, unauthorized, (404, "Only a client has check-ins of its own")]
        case .createMyCheckIn:
            return [badRequest, unauthorized, (404, "Only a client records check-ins"), conflict, tooLarge, invalid]
        case .clients: return [badRequest, unauthorized, (404, "Only staff have a caseload")]
        case .client, .clientAssessments, .clientScreens, .clientAnalysis, .clientLevel, .clientPlan,
            .clientContingency:
            return [unauthorized, notFound]
        case .myContingency: return [unauthorized, (404, "Only a client has contingency management of its own")]
        case .clientMedications, .clientSafetyPlan, .clientRelapsePlan: return [unauthorized, notFound]
        case .clientFHIR:
            return [unauthorized, (404, "No such client on your caseload (the export is for the care team)")]
        case .mySafetyPlan, .myRelapsePlan: return [unauthorized, (404, "Only a client has a plan of its own")]
        case .clientConsents: return [unauthorized, notFound]
        case .myConsents: return [unauthorized, (404, "Only a client has consents of its own")]
        case .createConsent:
            return [
                badRequest, unauthorized, (403, "Only the care team records a consent"), notFound, tooLarge,
                (422, "An element is missing or invalid: the error names it (a signature date in the future…)"),
            ]
        case .revokeConsent:
            return [
                unauthorized, (403, "Only the client or the care team revokes"), notFound, (409, "Already revoked"),
            ]
        case .revokeMyConsent: return [unauthorized, (404, "No such consent of mine"), (409, "Already revoked")]
        case .createDisclosure:
            return [
                badRequest, unauthorized, (404, "No such client on your caseload (disclosures are for the care team)"),
                tooLarge,
                (
                    422,
                    "Refused, and nothing written out: no consent for this scope, none naming the recipient, none for "
                        + "the purpose, or the consent expired or was revoked (the error says which); or a field is "
                        + "invalid"
                ),
            ]
        case .clientCounselingNotes:
            return [unauthorized, (404, "No such client on your caseload (the notes are for the care team)")]
        case .createCounselingNote:
            return [
                badRequest, unauthorized, (403, "Only the care team writes counseling notes"), notFound, tooLarge,
                invalid,
            ]
        case .createSafetyPlanVersion, .createRelapsePlanVersion:
            return [badRequest, unauthorized, forbidden, notFound, tooLarge, invalid]
        case .createMySafetyPlanVersion, .createMyRelapsePlanVersion:
            return [badRequest, unauthorized, (404, "Only a client has a plan of its own"), tooLarge, invalid]
        case .myMedications: return [unauthorized, (404, "Only a client has a medication list of its own")]
        case .myReminders: return [unauthorized, (404, "Only a client has reminders")]
        case .updateMyReminders:
            return [
                badRequest, unauthorized, (404, "Only a client has reminders"), tooLarge,
                (422, "A field is invalid: an unknown reminder, a time that is not HH:MM or falls in the quiet hours"),
            ]
        case .createMedication, .updateMedication, .createPrescriberNote:
            return [
                badRequest, unauthorized, (403, "Only the care team keeps the medication list"), notFound, tooLarge,
                invalid,
            ]
        case .createEnrollment, .endEnrollment, .createPayout:
            return [
                badRequest, unauthorized, (403, "Only the care team runs contingency management"), notFound,
                tooLarge,
                (422, "A field is invalid: a date outside what is allowed, a payout over the balance, not enrolled…"),
            ]
        case .createPlanVersion:
            return [
                badRequest, unauthorized, (403, "Only the care team signs a plan"), notFound, tooLarge,
                (
                    422,
                    "A field is invalid: an adjunct-only problem, a goal of a dismissed problem, an owner off the team…"
                ),
            ]
        case .createLevelDecision:
            return [
                badRequest, unauthorized, (403, "Only the care team decides a level"), notFound,
                (409, "The recommendation changed since recommendedLevel was read: review it again"), tooLarge,
                (422, "A field is invalid (an override needs a level and a reason), or the client has no open episode"),
            ]
        case .clientCheckIns: return [badRequest, unauthorized, notFound]
        case .createClientAssessment, .createClientScreen:
            return [badRequest, unauthorized, forbidden, notFound, tooLarge, invalid]
        case .alerts: return [badRequest, unauthorized, (404, "Only staff see alerts")]
        case .acknowledgeAlert:
            return [badRequest, unauthorized, notFound, (409, "The alert was already acknowledged"), tooLarge, invalid]
        }
    }
}
