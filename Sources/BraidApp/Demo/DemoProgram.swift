import BraidCore
import BraidStore
import Vapor

/// The demo program of `braid serve --demo`: synthetic people only, created once, clearly marked as a demo.
public enum DemoProgram {
    public struct Login: Sendable, Hashable {
        public let role: Role
        public let email: String
        public let name: String
        public let password: String
    }

    // Demo credentials are fixed so the README and the browser tests can use them. They exist only in a
    // program flagged `is_demo`, created only by `--demo`.
    static let adminPassword = "demo-admin-password"
    static let clinicianPassword = "demo-clinician-password"
    static let clientPassword = "demo-client-password"
    static let leadPassword = "demo-lead-password"
    /// A fictional number (555-01xx is reserved for fiction).
    static let demoCrisisLine = "555-0100 (demo program line)"

    static let clinicians = [("rivera@demo.braid.test", "Dr. Ana Rivera"), ("chen@demo.braid.test", "Dr. Sam Chen")]
    static let clientNames = [
        "Alex M.", "Blair T.", "Casey R.", "Devon L.", "Emery S.", "Finley J.", "Gray P.", "Harper N.", "Indy W.",
        "Jules K.", "Kai D.", "Logan F.",
    ]

    /// Every demo login, in the order they are printed.
    public static var logins: [Login] {
        [
            Login(role: .admin, email: "admin@demo.braid.test", name: "Demo Admin", password: adminPassword),
            Login(role: .programLead, email: "lead@demo.braid.test", name: "Demo Program Lead", password: leadPassword),
        ]
            + clinicians.map { Login(role: .clinician, email: $0.0, name: $0.1, password: clinicianPassword) }
            + clientNames.enumerated().map { index, name in
                Login(
                    role: .client, email: String(format: "client%02d@demo.braid.test", index + 1), name: name,
                    password: clientPassword)
            }
    }

    /// Creates the demo program unless it exists; returns the logins.
    public static func ensure(_ app: Application) async throws -> [Login] {
        if try await app.repository.demoProgram() == nil { try await seed(app) }
        return logins
    }

    public static func describe(_ logins: [Login], url: String) -> String {
        var lines = ["Demo program ready (synthetic data only). Sign in at \(url) with:"]
        for login in logins
        where login.role != .client || login.email.hasPrefix("client01") || login.email.hasPrefix("client02") {
            lines.append(
                "  \(login.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(login.email)  password: \(login.password)"
            )
        }
        lines.append("  (clients client01 … client12@demo.braid.test all use password: \(clientPassword))")
        return lines.joined(separator: "\n")
    }

    static func seed(_ app: Application) async throws {
        let now = app.clock()
        let configuration = app.braid
        let today = configuration.today(now: now)
        let repository = app.repository
        let program = Program(
            id: .random(), name: "Braid demo program", timeZone: configuration.timeZone.identifier,
            crisisLine: configuration.crisisLine ?? demoCrisisLine, isDemo: true)
        try await repository.createProgram(program, now: now)

        // Demo passwords are hashed once each (bcrypt is deliberately slow).
        var hashes: [String: String] = [:]
        for login in logins where hashes[login.password] == nil {
            hashes[login.password] = try Passwords.hash(login.password, cost: configuration.bcryptCost)
        }
        let all = logins
        var staff: [UserID] = []
        var admin: UserID?
        for login in all where login.role != .client {
            let account = UserAccount(
                id: .random(), programID: program.id, role: login.role, email: login.email, name: login.name)
            try await repository.createUser(account, passwordHash: hashes[login.password]!, now: now)
            if login.role == .clinician { staff.append(account.id) }
            if login.role == .admin { admin = account.id }
        }
        try await seedAdministration(program, admin: admin, today: today, now: now, repository: repository)
        var stepUpShown = false
        var demoClients: [ClientProfile] = []
        for (index, login) in all.filter({ $0.role == .client }).enumerated() {
            // Clients 1–6 with Dr. Rivera, 7–12 with Dr. Chen; clients 3 and 9 are shared.
            var team = [staff[index < 6 ? 0 : 1]]
            if index == 2 || index == 8 { team.append(staff[index < 6 ? 1 : 0]) }
            let account = UserAccount(
                id: .random(), programID: program.id, role: .client, email: login.email, name: login.name)
            let clientID = ClientID.random()
            try await repository.createUser(
                account, passwordHash: hashes[clientPassword]!, clientID: clientID, careTeam: team, now: now)
            guard let client = try await repository.client(clientID, in: program.id) else { continue }
            demoClients.append(client)
            for episode in episodes(of: client, index: index, today: today) {
                try await repository.admit(episode.admitted, by: team[0], now: now)
                if let discharge = episode.discharge {
                    try await repository.discharge(
                        episode.admitted.id, in: program.id, on: discharge.date, reason: discharge.reason, by: team[0])
                }
            }
            let enrollment = try await enrollInContingency(client, index: index, today: today, now: now, repository)
            try await DemoHistory(
                client: client, index: index,
                clientActor: Actor(userID: account.id, role: .client, programID: program.id, clientID: clientID),
                clinician: Actor(userID: team[0], role: .clinician, programID: program.id, clientID: nil),
                today: today, now: now, repository: repository
            ).record()
            try await reviewLevels(
                of: client, index: index, by: team[0], today: today, now: now, repository: repository)
            try await prescribe(for: client, index: index, by: team[0], today: today, now: now, repository)
            try await recordConsents(
                for: client, index: index, program: program, by: team[0], today: today, now: now, repository)
            if let enrollment, index == 0, let ledger = try await repository.contingency(of: client.ref) {
                // A week ago the clinician handed over about half of what had been earned, as a gift card.
                let earned = ledger.lines.filter { $0.date <= today.adding(days: -7) }.reduce(0) { $0 + $1.earnedCents }
                if earned >= 500 {
                    try await repository.recordPayout(
                        CMPayout(
                            id: UUID(), enrollmentID: enrollment.id, paidOn: today.adding(days: -7),
                            amountCents: earned / 200 * 100, note: "Grocery gift card", paidBy: team[0],
                            recordedAt: now.addingTimeInterval(-7 * 86_400)),
                        client: client.ref)
                }
            }
            try await signPlan(for: client, by: team[0], today: today, now: now, repository: repository)
            // One client at IOP tells the team this week that home is no longer safe: a pending step-up to PHP.
            let evaluation = try await repository.levelEvidence(of: client.ref, through: today).evaluate(today: today)
            if !stepUpShown, evaluation.current?.level == .iop, evaluation.recommendation.stepDirection == .stay {
                try await repository.recordLevelFactors(
                    LevelFactors(
                        psychosis: false, severeAgitation: false, medicalInstability: false,
                        withdrawalNeedsMedicalManagement: false, recoveryEnvironment: .unsafe,
                        recordedOn: today.adding(days: -3), recordedAt: now.addingTimeInterval(-3 * 86_400),
                        recordedBy: team[0]),
                    for: client.ref)
                stepUpShown = true
            }
        }
        try await DemoRecovery(repository: repository, program: program, today: today, now: now)
            .seed(clients: demoClients, clinicians: staff)
    }

    /// Every client was admitted when its 90 days of history begin. Kai D. (client 11) is a readmission: an
    /// earlier episode ended against advice. Logan F. (client 12) was discharged 10 days ago and still checks in.
    static func episodes(of client: ClientProfile, index: Int, today: CalendarDate)
        -> [(admitted: Episode, discharge: (date: CalendarDate, reason: DischargeReason)?)]
    {
        func episode(_ daysAgo: Int, _ level: LevelOfCare, _ referral: ReferralSource) -> Episode {
            Episode(
                id: .random(), clientID: client.id, programID: client.programID,
                admittedOn: today.adding(days: -daysAgo), levelAtAdmission: level, referralSource: referral)
        }
        let referrals: [ReferralSource] = [.selfReferred, .primaryCare, .family, .emergencyDepartment]
        let current = episode(DemoHistory.days, index % 3 == 0 ? .php : .iop, referrals[index % referrals.count])
        switch index {
        case 10:
            return [
                (episode(200, .iop, .criminalJustice), (today.adding(days: -150), .leftAgainstAdvice)),
                (episode(DemoHistory.days, .php, .inpatientOrDetox), nil),
            ]
        case 11: return [(current, (today.adding(days: -10), .completed))]
        default: return [(current, nil)]
        }
    }

    /// The care team's level reviews 76 and 41 days ago: a recommended step is accepted as of that day, except that
    /// every third client's team keeps them at PHP a while longer (an override, with its reason), so clients have
    /// a history of levels and decisions; what the data say since the last review is left pending (step-ups and
    /// step-downs on today's caseload).
    static func reviewLevels(
        of client: ClientProfile, index: Int, by clinician: UserID, today: CalendarDate, now: Date,
        repository: BraidRepository
    ) async throws {
        for daysAgo in [76, 41] {
            let day = today.adding(days: -daysAgo)
            let evidence = try await repository.levelEvidence(of: client.ref, through: today)
            guard let episode = evidence.episode(on: day), episode.isActive || (episode.dischargedOn ?? day) > day
            else { continue }
            let evaluation = evidence.evaluate(today: day)
            guard let step = evaluation.recommendation.stepDirection, step != .stay else { continue }
            let keep = step == .down && evaluation.current?.level == .php && index % 3 == 0
            try await repository.recordLevelDecision(
                LevelDecision(
                    id: .random(), clientID: client.id, episodeID: episode.id,
                    recommendation: evaluation.recommendation, inputs: evaluation.input,
                    kind: keep ? .overridden : .accepted, level: keep ? .php : evaluation.recommendation.level,
                    reason: keep
                        ? "Demo: client asked for two more weeks of the day program before stepping down" : nil,
                    decidedBy: clinician, decidedAt: now.addingTimeInterval(-Double(daysAgo) * 86_400),
                    effectiveOn: day),
                in: client.programID)
        }
    }

    /// Every client's plan, signed 20 days ago from what the data suggested then: each derived problem accepted with
    /// its suggested interventions, and the goals of those problems owned by the first clinician. PHP plans (a
    /// 14-day review) are due for review on today's caseload; IOP plans (30 days) are not.
    static func signPlan(
        for client: ClientProfile, by clinician: UserID, today: CalendarDate, now: Date, repository: BraidRepository
    ) async throws {
        let day = today.adding(days: -20)
        let service = TreatmentPlanService(
            store: repository,
            actor: Actor(userID: clinician, role: .clinician, programID: client.programID, clientID: nil),
            today: day, now: now.addingTimeInterval(-20 * 86_400), requestID: "demo", clinical: .default)
        let view = try await service.view(of: client)
        let problems: [JSONValue] = view.derived.map { problem in
            .object([
                "kind": .string(problem.kind.rawValue), "decision": .string("accepted"),
                "interventions": .array(problem.suggested.map { .string($0.rawValue) }),
            ])
        }
        guard !problems.isEmpty else { return }
        let kinds = Set(view.derived.map(\.kind))
        let goals: [JSONValue] = GoalTarget.allCases.filter { kinds.contains($0.problem) }.map { target in
            .object([
                "target": .string(target.rawValue), "due": .string(view.defaultDue(target).description),
                "owner": .string(clinician.description),
            ])
        }
        _ = try await service.sign(
            try PlanRequest(json: .object(["problems": .array(problems), "goals": .array(goals)])), for: client)
    }

    /// Clients 1 and 3 have medication lists (an antidepressant started after their ordering interview; client 3
    /// also a stopped sleep aid), with a prescriber note for the team.
    static func prescribe(
        for client: ClientProfile, index: Int, by clinician: UserID, today: CalendarDate, now: Date,
        _ repository: BraidRepository
    ) async throws {
        guard index == 0 || index == 2 else { return }
        func medication(
            _ name: String, _ dose: String, _ frequency: String, started: Int, stopped: Int?, _ reason: String
        )
            -> Medication
        {
            Medication(
                id: UUID(), clientID: client.id, name: name, dose: dose, route: .oral, frequency: frequency,
                prescriber: "Dr. Ana Rivera", startDate: today.adding(days: -started),
                stopDate: stopped.map { today.adding(days: -$0) }, reason: reason, notes: nil,
                updatedAt: now.addingTimeInterval(-Double(started) * 86_400), updatedBy: clinician)
        }
        var list = [medication("Sertraline", "100 mg", "once a day, morning", started: 45, stopped: nil, "depression")]
        if index == 2 {
            list.append(medication("Trazodone", "50 mg", "at bedtime", started: 40, stopped: 12, "sleep"))
        }
        for item in list { try await repository.addMedication(item, client: client.ref) }
        try await repository.addPrescriberNote(
            PrescriberNote(
                id: UUID(), clientID: client.id,
                text: "Sertraline raised to 100 mg two weeks ago. Ask about sleep and agitation at group.",
                writtenBy: clinician, writtenAt: now.addingTimeInterval(-14 * 86_400)),
            client: client.ref)
    }

    /// Client 1 (Part 2, issue 13 §5) signed a consent 20 days ago for Riverside Community Health, their primary
    /// care clinic, for treatment; the record went there once, 12 days ago. An earlier consent for the county drug
    /// court was revoked. Their counselor keeps SUD counseling notes, which no consent of theirs covers.
    static func recordConsents(
        for client: ClientProfile, index: Int, program: Program, by clinician: UserID, today: CalendarDate,
        now: Date, _ repository: BraidRepository
    ) async throws {
        guard index == 0 else { return }
        func consent(_ recipient: String, _ purpose: DisclosurePurpose, signed: Int, days: Int, revoked: Int?)
            -> Part2Consent
        {
            Part2Consent(
                id: UUID(), clientID: client.id, discloser: program.name,
                terms: ConsentTerms(
                    recipient: recipient, purpose: purpose, scope: .record,
                    expiresOn: today.adding(days: days - signed),
                    signature: client.displayName, signedOn: today.adding(days: -signed)),
                recordedAt: now.addingTimeInterval(-Double(signed) * 86_400), recordedBy: clinician,
                revokedAt: revoked.map { now.addingTimeInterval(-Double($0) * 86_400) },
                revokedBy: revoked.map { _ in clinician })
        }
        let court = consent("County Drug Court", .careCoordination, signed: 80, days: 180, revoked: 30)
        let clinic = consent("Riverside Community Health", .treatment, signed: 20, days: 365, revoked: nil)
        for item in [court, clinic] { try await repository.addConsent(item, client: client.ref) }
        try await repository.addDisclosure(
            Disclosure(
                id: UUID(), clientID: client.id, consentID: clinic.id, recipient: clinic.terms.recipient,
                purpose: .treatment, scope: .record, disclosedAt: now.addingTimeInterval(-12 * 86_400),
                disclosedBy: clinician, resources: 40),
            client: client.ref)
        for (daysAgo, text) in [
            (
                15,
                "Individual session. Talked through the weekend of a near use; named the call to a sister as "
                    + "what got her through. Practised urge surfing."
            ),
            (
                8,
                "Individual session. Low mood since the anniversary of a parent's death; no use. Planned two "
                    + "activities for the week and agreed to raise sleep with the prescriber."
            ),
        ] {
            try await repository.addCounselingNote(
                CounselingNote(
                    id: UUID(), clientID: client.id, sessionDate: today.adding(days: -daysAgo), text: text,
                    writtenBy: clinician, writtenAt: now.addingTimeInterval(-Double(daysAgo) * 86_400 + 3_600)),
                client: client.ref)
        }
    }

    /// Clients 1 and 4 are in contingency management from eight weeks ago (client 1 on vouchers, client 4 on prize
    /// draws), so the screens the history records earn as they are written; the rest are not enrolled.
    static func enrollInContingency(
        _ client: ClientProfile, index: Int, today: CalendarDate, now: Date, _ repository: BraidRepository
    ) async throws -> CMEnrollment? {
        guard index == 0 || index == 3 else { return nil }
        var terms = ContingencyProgram.from(history: try await repository.settingChanges(in: client.programID))
        if index == 3 { terms.schedule = .prizes }
        let enrollment = CMEnrollment(
            id: UUID(), clientID: client.id, startedOn: today.adding(days: -56), terms: terms,
            seed: UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15, endedOn: nil)
        try await repository.enroll(enrollment, client: client.ref, by: nil, now: now.addingTimeInterval(-56 * 86_400))
        return enrollment
    }

    /// The program's settings history (one threshold chosen with its reason) and an invited clinician who has
    /// not yet set a password, so the admin pages show both.
    static func seedAdministration(
        _ program: Program, admin: UserID?, today: CalendarDate, now: Date, repository: BraidRepository
    ) async throws {
        try await repository.recordSettingChanges(
            [
                SettingChange(
                    setting: ClinicalThreshold.reliableChangePCL5.rawValue, oldValue: "10", newValue: "12",
                    reason: "Demo: the trauma service reports PCL-5 change at 12 points", changedBy: admin,
                    changedAt: now.addingTimeInterval(-20 * 86_400)),
                SettingChange(
                    setting: ContingencyProgram.Key.screeningDays.rawValue, oldValue: "mon,wed,fri",
                    newValue: "mon,thu", reason: "Demo: the lab collects on Mondays and Thursdays", changedBy: admin,
                    changedAt: now.addingTimeInterval(-95 * 86_400)),
                // Who covers when; no channel is set, so the demo sends nothing until an admin adds one.
                SettingChange(
                    setting: NotificationSettings.Key.rota.rawValue, oldValue: "",
                    newValue: "mon-fri 08:00-18:00 rivera@demo.braid.test\nmon-fri 08:00-18:00 chen@demo.braid.test\n"
                        + "daily 18:00-08:00 chen@demo.braid.test\ndaily 18:00-08:00 rivera@demo.braid.test\n"
                        + "sat,sun 08:00-18:00 rivera@demo.braid.test",
                    reason: "Demo: day cover by both doctors, nights and weekends on call", changedBy: admin,
                    changedAt: now.addingTimeInterval(-30 * 86_400)),
            ], in: program.id)
        let invited = UserAccount(
            id: .random(), programID: program.id, role: .clinician, email: "park@demo.braid.test", name: "Dr. Jo Park")
        try await repository.createUser(invited, passwordHash: "", now: now)
        try await repository.createInvitation(
            for: invited, purpose: .welcome, tokenHash: Tokens.hash(Tokens.make()), by: admin, now: now,
            expiresAt: InvitationRules.expiry(from: now))
    }
}
