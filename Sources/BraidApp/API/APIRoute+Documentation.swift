import BraidCore
import Vapor

// What the OpenAPI document says of each route: its summary and every error status it can answer.

extension APIRoute {
    var summary: String {
        switch self {
        case .health: "Liveness with a real database query"
        case .openAPI: "This document"
        case .createToken: "Sign in: email and password for a bearer token"
        case .revokeToken: "Sign out: revoke the bearer token used"
        case .revokeAllTokens: "Sign out everywhere: revoke every token of the account and end its web sessions"
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
        case .myThoughtRecords: "My CBT thought records, newest first, with the emotion drop per record and my triggers"
        case .createMyThoughtRecord: "Write a CBT thought record (§10)"
        case .clientThoughtRecords:
            "A client's thought records with trends: the emotion drop per record and the most frequent triggers"
        case .myDiaryCards: "My DBT diary cards, newest week first, with the analysis and the skills by module"
        case .saveMyDiaryCard:
            "Save the diary card of the week starting {weekStart} (created or replaced); a new suicide urge or "
                + "self-harm opens a care-team alert and the response carries the crisis resources"
        case .clientDiaryCards:
            "A client's diary cards with the analysis: urges against use, and the skills used on days a high urge "
                + "passed without use"
        case .myActivities: "My behavioral-activation activities, with enjoyment beside mood week by week"
        case .createMyActivity: "Plan an enjoyable or valued activity"
        case .rateMyActivity: "Rate a planned activity afterwards: done, and how much I enjoyed it 0–10"
        case .clientActivities: "A client's activities, with the enjoyment trend beside mood"
        case .mySupport: "My support network and the mutual-help meetings I attended"
        case .createMySupportContact: "Add a person to my support network"
        case .updateMySupportContact: "Change a person's details in my support network"
        case .removeMySupportContact: "Take a person out of my support network"
        case .createMyMeeting: "Record a mutual-help meeting I attended"
        case .clientSupport: "A client's support network and mutual-help meetings"
        case .myPAWS: "My mood, sleep, energy and irritability week by week since my last use (PAWS)"
        case .clientPAWS: "A client's post-acute withdrawal trend since the last use"
        case .groups: "The program's groups with their schedules (staff)"
        case .createGroup: "Schedule a group: name, modality, days and time, facilitator, members (staff)"
        case .group:
            "One group: schedule, members, homework, and for its facilitator every session's attendance with notes"
        case .updateGroup: "Change a group's schedule, facilitator or (when listed) members (staff)"
        case .recordGroupAttendance:
            "Record a session's attendance for the whole group, a status for every member and a note if wanted "
                + "(the facilitator; the same date again replaces it)"
        case .createGroupHomework: "Give the group homework; it shows on each member's Today page (the facilitator)"
        case .myGroups: "My groups, my attendance and my homework"
        case .markMyHomeworkDone: "Mark a piece of my group homework done"
        case .clientGroups: "A client's groups, attendance with the facilitators' notes, and homework"
        case .alerts: "Safety alerts of my caseload (status=open, default, or all)"
        case .acknowledgeAlert: "Acknowledge a safety alert with a note"
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
        case .createToken:
            return [
                badRequest, (401, "Email or password is wrong"), tooLarge, invalid,
                (429, "Too many failed sign-ins: wait the Retry-After seconds"),
            ]
        case .revokeToken, .revokeAllTokens, .me: return [unauthorized]
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
        case .clientThoughtRecords, .clientDiaryCards, .clientActivities, .clientSupport, .clientPAWS:
            return [unauthorized, notFound]
        case .myThoughtRecords, .myDiaryCards, .myActivities, .mySupport, .myPAWS:
            return [unauthorized, (404, "Only a client keeps recovery records of its own")]
        case .createMyThoughtRecord, .createMyActivity, .createMySupportContact, .createMyMeeting:
            return [
                badRequest, unauthorized, (404, "Only a client keeps recovery records of its own"), tooLarge, invalid,
            ]
        case .saveMyDiaryCard:
            return [
                badRequest, unauthorized, (404, "Only a client keeps a diary card of its own"), tooLarge,
                (
                    422,
                    "A field is invalid (a rating out of range, a day outside the week…), or weekStart is not a date"
                ),
            ]
        case .rateMyActivity:
            return [
                badRequest, unauthorized, (404, "No such activity of mine"), tooLarge,
                (422, "done is required; enjoyment 0–10 when done and not otherwise; not before the activity's day"),
            ]
        case .updateMySupportContact:
            return [badRequest, unauthorized, (404, "No such contact in my network"), tooLarge, invalid]
        case .removeMySupportContact: return [unauthorized, (404, "No such contact in my network")]
        case .groups: return [unauthorized, (403, "Groups are run by the program's staff")]
        case .createGroup:
            return [
                badRequest, unauthorized, (403, "Groups are scheduled by the program's staff"), tooLarge,
                (
                    422,
                    "A field is invalid: no weekday, a time that is not HH:MM, a facilitator or member not in the program…"
                ),
            ]
        case .updateGroup:
            return [
                badRequest, unauthorized, (403, "Groups are scheduled by the program's staff"),
                (404, "No such group in the program"), tooLarge, invalid,
            ]
        case .group: return [unauthorized, (403, "Groups are run by the program's staff"), (404, "No such group")]
        case .recordGroupAttendance, .createGroupHomework:
            return [
                badRequest, unauthorized, (403, "Only the group's facilitator records it"), (404, "No such group"),
                tooLarge,
                (
                    422,
                    "A field is invalid: a member missing or listed twice, someone not in the group, a date out of range…"
                ),
            ]
        case .myGroups: return [unauthorized, (404, "Only a client has groups of its own")]
        case .markMyHomeworkDone: return [unauthorized, (404, "No such homework in my groups")]
        case .clientGroups: return [unauthorized, notFound]
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
