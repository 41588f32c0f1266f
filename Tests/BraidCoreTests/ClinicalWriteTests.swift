import Foundation
import Testing

@testable import BraidCore

@Suite("Clinical writes: effects decided in BraidCore")
struct ClinicalWriteTests {
    static let program = ProgramID.random()
    static let client = ClientRef(id: .random(), programID: program)
    static let clientActor = Actor(userID: .random(), role: .client, programID: program, clientID: client.id)
    static let clinician = Actor(userID: .random(), role: .clinician, programID: program, clientID: nil)
    static let date = CalendarDate(iso: "2026-06-10")!
    static let now = Date(timeIntervalSince1970: 1_781_000_000)

    static func write(
        _ content: ClinicalWrite.Content, by actor: Actor = clientActor, through door: WriteDoor = .api,
        requestID: String? = "r1", client: ClientRef = client
    ) -> ClinicalWrite {
        ClinicalWrite(content, to: client, by: actor, through: door, requestID: requestID, now: now)
    }

    static func values(safety: Bool?) -> CheckInValues {
        CheckInValues(mood: 3, craving: 6, sleepHours: 5, used: false, safety: safety)
    }

    @Test("a check-in with safety yes: bump, one alert naming its day, checkin.create; no or absent: no alert")
    func checkIn() {
        let effects = Self.write(.checkIn(date: Self.date, values: Self.values(safety: true))).effects
        #expect(effects.first == .bumpDataVersion)
        #expect(effects.last == .audit(action: "checkin.create"))
        let alerts = effects.compactMap { if case .openAlert(let signal) = $0 { signal } else { nil } }
        #expect(alerts.count == 1)
        #expect(alerts.first?.source == .checkIn && alerts.first?.severity == .urgent)
        #expect(alerts.first?.summary.contains("2026-06-10") == true)
        for safety in [false, nil] as [Bool?] {
            let quiet = Self.write(.checkIn(date: Self.date, values: Self.values(safety: safety))).effects
            #expect(quiet == [.bumpDataVersion, .audit(action: "checkin.create")])
        }
    }

    @Test("every door gives a safety answer the same alert; only the audit action differs for an import")
    func doors() {
        for door in WriteDoor.allCases {
            let effects = Self.write(.checkIn(date: Self.date, values: Self.values(safety: true)), through: door)
                .effects
            #expect(effects.filter { if case .openAlert = $0 { true } else { false } }.count == 1)
            #expect(effects.contains(.audit(action: door == .csvImport ? "checkin.import" : "checkin.create")))
        }
    }

    @Test("assessments: PHQ-9 item 9 > 0, ASQ positive and C-SSRS above none alert; item 9 = 0 does not")
    func assessments() throws {
        func effects(_ id: Instrument.ID, _ answers: [Int?]) throws -> [ClinicalEffect] {
            let result = try Instrument.definition(id).score(answers)
            return Self.write(
                .assessment(date: Self.date, content: .instrument(answers: answers, result: result)),
                by: Self.clinician
            ).effects
        }
        func alert(_ effects: [ClinicalEffect]) -> SafetySignal? {
            effects.lazy.compactMap { if case .openAlert(let signal) = $0 { signal } else { nil } }.first
        }
        #expect(alert(try effects(.phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]))?.source == .phq9Item9)
        #expect(alert(try effects(.phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0])) == nil)
        #expect(alert(try effects(.asq, [1, 0, 0, 0, 1]))?.severity == .emergency)
        #expect(alert(try effects(.cssrs, [1, 0, nil, nil, nil, 0, nil]))?.severity == .urgent)
        #expect(alert(try effects(.cssrs, [0, 0, nil, nil, nil, 0, nil])) == nil)
        #expect(try effects(.gad7, [3, 3, 3, 3, 3, 3, 3]).contains(.audit(action: "assessment.create")))
    }

    @Test("screens bump, go to the CM ledger and audit; a safety plan is audited but is not an input of the analysis")
    func screensAndPlans() throws {
        #expect(
            Self.write(.screen(UrineScreen(date: Self.date, positive: true)), by: Self.clinician).effects
                == [.bumpDataVersion, .addToContingencyLedger, .audit(action: "screen.create")])
        let plan = try SafetyPlan(lines: [.warningSigns: "Payday"])
        #expect(Self.write(.safetyPlan(plan)).effects == [.audit(action: "safety-plan.save")])
        let relapse = try RelapsePreventionPlan(lines: [.highRiskSituations: "Payday\nOld friends"])
        #expect(relapse.items(.highRiskSituations) == ["Payday", "Old friends"])
        #expect(Self.write(.relapsePlan(relapse)).effects == [.audit(action: "relapse-plan.save")])
    }

    @Test("an import is one audited act per client and run; separate requests keep one event each")
    func auditCoalescing() {
        let days = (0..<30).map { Self.date.adding(days: -$0) }
        let imported = days.map {
            Self.write(.checkIn(date: $0, values: Self.values(safety: nil)), through: .csvImport, requestID: "run-1")
        }
        let events = ClinicalWrite.auditEvents(of: imported)
        #expect(events.count == 1)
        #expect(events.first?.action == "checkin.import" && events.first?.clientID == Self.client.id)
        let other = ClientRef(id: .random(), programID: Self.program)
        let secondClient = Self.write(
            .checkIn(date: Self.date, values: Self.values(safety: nil)), through: .csvImport, requestID: "run-1",
            client: other)
        #expect(ClinicalWrite.auditEvents(of: imported + [secondClient]).count == 2)
        let requests = (1...3).map {
            Self.write(.checkIn(date: Self.date, values: Self.values(safety: nil)), requestID: "r\($0)")
        }
        #expect(ClinicalWrite.auditEvents(of: requests).map(\.requestID) == ["r1", "r2", "r3"])
        #expect(ClinicalWrite.clientsToBump(in: imported + [secondClient]) == [Self.client.id, other.id])
    }
}

@Suite("Entry rules: who may enter what, and which dates")
struct EntryRulesTests {
    static let program = ProgramID.random()
    static let client = Actor(userID: .random(), role: .client, programID: program, clientID: .random())
    static let clinician = Actor(userID: .random(), role: .clinician, programID: program, clientID: nil)
    static let admin = Actor(userID: .random(), role: .admin, programID: program, clientID: nil)
    static let today = CalendarDate(iso: "2026-06-15")!

    @Test("clients answer exactly the self-report instruments; staff administer every instrument")
    func instruments() {
        for id in Instrument.ID.allCases {
            let selfReport = Instrument.definition(id).administration == .selfReport
            #expect((AccessPolicy.refusal(of: .instrument(id), by: Self.client) == nil) == selfReport)
            #expect(AccessPolicy.refusal(of: .instrument(id), by: Self.clinician) == nil)
        }
        #expect(
            AccessPolicy.refusal(of: .instrument(.cssrs), by: Self.client) == "cssrs is administered by your care team")
        // The published split: PHQ-9, PHQ-2, GAD-7, PCL-5, ASQ and SDS are self-report.
        let selfReport = Instrument.ID.allCases.filter {
            AccessPolicy.refusal(of: .instrument($0), by: Self.client) == nil
        }
        #expect(Set(selfReport) == [.phq9, .phq2, .gad7, .pcl5, .asq, .sds])
    }

    @Test("the ordering interview and screens are the care team's; check-ins the client's; plans both")
    func staffOnly() {
        #expect(AccessPolicy.refusal(of: .orderingInterview, by: Self.client) != nil)
        #expect(AccessPolicy.refusal(of: .urineScreen, by: Self.client) != nil)
        #expect(AccessPolicy.refusal(of: .orderingInterview, by: Self.clinician) == nil)
        #expect(AccessPolicy.refusal(of: .urineScreen, by: Self.admin) == nil)
        #expect(AccessPolicy.refusal(of: .checkIn, by: Self.client) == nil)
        #expect(AccessPolicy.refusal(of: .checkIn, by: Self.clinician) != nil)
        #expect(AccessPolicy.refusal(of: .safetyPlan, by: Self.client) == nil)
        #expect(AccessPolicy.refusal(of: .safetyPlan, by: Self.clinician) == nil)
        #expect(AccessPolicy.refusal(of: .relapsePlan, by: Self.client) == nil)
        #expect(AccessPolicy.refusal(of: .relapsePlan, by: Self.clinician) == nil)
    }

    @Test("nothing after today, through any door; a client back-fills at most 30 days in the app")
    func dates() throws {
        let tomorrow = Self.today.adding(days: 1)
        for door in WriteDoor.allCases {
            for actor in [Self.client, Self.clinician] {
                let error = #expect(throws: ValidationError.self) {
                    try EntryDatePolicy.check(tomorrow, today: Self.today, author: actor, door: door)
                }
                #expect(error?.field == "date")
                #expect(error?.message.hasPrefix("2026-06-16 is after today (2026-06-15)") == true)
            }
        }
        try EntryDatePolicy.check(Self.today, today: Self.today, author: Self.client, door: .api)
        try EntryDatePolicy.check(Self.today.adding(days: -30), today: Self.today, author: Self.client, door: .web)
        let old = Self.today.adding(days: -31)
        for door in [WriteDoor.api, .web] {
            #expect(throws: ValidationError.self) {
                try EntryDatePolicy.check(old, today: Self.today, author: Self.client, door: door)
            }
        }
        // History: the care team's entries and imports carry older days.
        try EntryDatePolicy.check(old, today: Self.today, author: Self.clinician, door: .web)
        try EntryDatePolicy.check(
            Self.today.adding(days: -400), today: Self.today, author: Self.client, door: .csvImport)
        let named = #expect(throws: ValidationError.self) {
            try EntryDatePolicy.check(tomorrow, today: Self.today, author: Self.client, door: .csvImport, field: "file")
        }
        #expect(named?.field == "file")
    }

    @Test("an acknowledgement needs a note of 1–2,000 characters, trimmed")
    func acknowledgementNote() throws {
        #expect(
            try SafetyRules.acknowledgementNote("  Called; safe with sister tonight.\n")
                == "Called; safe with sister tonight.")
        #expect(throws: ValidationError.self) { try SafetyRules.acknowledgementNote(" \n ") }
        #expect(try SafetyRules.acknowledgementNote(String(repeating: "a", count: 2_000)).count == 2_000)
        #expect(throws: ValidationError.self) {
            try SafetyRules.acknowledgementNote(String(repeating: "a", count: 2_001))
        }
    }
}

@Suite("Alert order and the analysis window")
struct AlertOrderTests {
    static func alert(_ severity: AlertSeverity, opened: Double, acknowledged: Bool = false) -> SafetyAlert {
        SafetyAlert(
            id: .random(), clientID: .random(), source: .checkIn, sourceID: UUID(), severity: severity, summary: "",
            openedAt: Date(timeIntervalSince1970: opened), acknowledgedAt: acknowledged ? Date() : nil,
            acknowledgedBy: nil, acknowledgementNote: acknowledged ? "done" : nil)
    }

    @Test("open before acknowledged; emergencies first, then the longest waiting; history newest first")
    func triage() {
        let oldUrgent = Self.alert(.urgent, opened: 10)
        let newUrgent = Self.alert(.urgent, opened: 30)
        let emergency = Self.alert(.emergency, opened: 40)
        let doneOld = Self.alert(.emergency, opened: 1, acknowledged: true)
        let doneNew = Self.alert(.urgent, opened: 50, acknowledged: true)
        let sorted = [doneOld, newUrgent, doneNew, oldUrgent, emergency].sorted(by: SafetyAlert.triageOrder)
        #expect(sorted.map(\.id) == [emergency, oldUrgent, newUrgent, doneNew, doneOld].map(\.id))
    }

    @Test("the app's series runs through yesterday, or today once it has a check-in, and never past today")
    func asOf() {
        let today = CalendarDate(iso: "2026-06-15")!
        let days = [CheckInDay(date: today.adding(days: -5), mood: 5, craving: 2, sleepHours: 7, used: false)]
        #expect(CheckInSeries.asOf(today, days: days).last == today.adding(days: -1))
        let withToday = days + [CheckInDay(date: today, mood: 5, craving: 2, sleepHours: 7, used: false)]
        #expect(CheckInSeries.asOf(today, days: withToday).last == today)
        let withFuture =
            withToday + [CheckInDay(date: today.adding(days: 2), mood: 5, craving: 2, sleepHours: 7, used: false)]
        #expect(CheckInSeries.asOf(today, days: withFuture).last == today)
        #expect(CheckInSeries.asOf(today, days: []).isEmpty)
    }
}

@Suite("Care-team rule")
struct CareTeamRuleTests {
    @Test("a client needs a clinician of its own program; staff have no team")
    func rule() throws {
        let program = ProgramID.random()
        let clinician = UserAccount(id: .random(), programID: program, role: .clinician, email: "c@x.test", name: "C")
        let elsewhere = UserAccount(id: .random(), programID: .random(), role: .clinician, email: "e@x.test", name: "E")
        let admin = UserAccount(id: .random(), programID: program, role: .admin, email: "a@x.test", name: "A")
        try CareTeamRule.checkSize(1, for: .client)
        try CareTeamRule.checkSize(0, for: .clinician)
        #expect(throws: ValidationError.self) { try CareTeamRule.checkSize(0, for: .client) }
        #expect(throws: ValidationError.self) { try CareTeamRule.checkSize(1, for: .admin) }
        try CareTeamRule.checkMembers([clinician], in: program)
        let foreign = #expect(throws: ValidationError.self) {
            try CareTeamRule.checkMembers([clinician, elsewhere], in: program)
        }
        #expect(foreign?.message == "no clinician with email e@x.test in this program")
        #expect(throws: ValidationError.self) { try CareTeamRule.checkMembers([admin], in: program) }
    }
}

@Suite("Acknowledging an alert is a clinical write")
struct AcknowledgementWriteTests {
    @Test("it is audited, bumps nothing, opens nothing, and is the care team's")
    func acknowledgement() {
        let program = ProgramID.random()
        let client = ClientRef(id: .random(), programID: program)
        let clinician = Actor(userID: .random(), role: .clinician, programID: program, clientID: nil)
        let write = ClinicalWrite(
            .alertAcknowledgement(.random(), note: "Called; safe tonight."), to: client, by: clinician, through: .web,
            requestID: "r", now: Date(timeIntervalSince1970: 0))
        #expect(write.effects == [.audit(action: "alert.acknowledge")])
        let self_ = Actor(userID: .random(), role: .client, programID: program, clientID: client.id)
        #expect(AccessPolicy.refusal(of: .alertAcknowledgement, by: self_) != nil)
        #expect(AccessPolicy.refusal(of: .alertAcknowledgement, by: clinician) == nil)
    }
}

@Suite("Program settings")
struct ProgramSettingsTests {
    @Test("a name, an IANA zone and a crisis line people can call; each error names its option")
    func validation() throws {
        let settings = try ProgramSettings(
            name: "  Riverside IOP ", timeZone: "America/New_York", crisisLine: " 555-0142 ")
        #expect(settings.name == "Riverside IOP" && settings.crisisLine == "555-0142")
        try _ = ProgramSettings(name: "P", timeZone: "UTC", crisisLine: "+1 (555) 010-0199")
        let cases: [(String, String, String, String)] = [
            ("", "UTC", "555-0100", "--name"),
            (String(repeating: "x", count: 201), "UTC", "555-0100", "--name"),
            ("P", "Mars/Olympus", "555-0100", "--time-zone"),
            ("P", "EST", "555-0100", "--time-zone"),
            ("P", "UTC", "call us", "--crisis-line"),
            ("P", "UTC", String(repeating: "5", count: 61), "--crisis-line"),
        ]
        for (name, zone, line, field) in cases {
            let error = #expect(throws: ValidationError.self) {
                try ProgramSettings(name: name, timeZone: zone, crisisLine: line)
            }
            #expect(error?.field == field)
        }
    }
}
