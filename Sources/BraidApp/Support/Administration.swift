import BraidCore
import BraidStore
import Foundation
import Vapor

/// A one-time link handed to a person so they set their own password.
public struct InvitationLink: Sendable {
    public let account: UserAccount
    public let purpose: InvitationPurpose
    public let url: String
    public let expiresAt: Date
}

/// Running a program, for the admin pages and the CLI alike: accounts and invitations, deactivation, care teams,
/// the program's settings and thresholds (each change with a reason, audited, kept as history), and episodes of
/// care. Every write commits with its audit event. Callers check the actor's permission (`AccessPolicy`); this
/// checks the inputs, and its errors name the field.
public struct Administration: Sendable {
    let store: BraidRepository
    /// Who acts; `nil` for the command line.
    let actor: Actor?
    let programID: ProgramID
    let now: Date
    let requestID: String
    /// Where invitation links point, without a trailing slash.
    let baseURL: String
    /// The names of the form fields (the CLI's options or the admin form's inputs).
    var fields = Fields.cli

    public struct Fields: Sendable {
        var email, name, role, clinician: String

        static let cli = Fields(email: "--email", name: "--name", role: "--role", clinician: "--clinician")
        static let form = Fields(email: "email", name: "name", role: "role", clinician: "clinician")
    }

    func event(_ action: String, client: ClientID? = nil) -> AuditEvent {
        AuditEvent(
            programID: programID, actorID: actor?.userID, role: actor?.role, action: action, clientID: client,
            requestID: requestID, at: now)
    }

    // MARK: - Accounts

    /// The clinicians named by email, checked to be clinicians of this program.
    func clinicians(emails: [String]) async throws -> [UserAccount] {
        var members: [UserAccount] = []
        for email in emails {
            let lookup = email.trimmingCharacters(in: .whitespaces).lowercased()
            guard let member = try await store.credentials(email: lookup)?.account else {
                throw ValidationError(field: fields.clinician, "no clinician with email \(lookup) in this program")
            }
            members.append(member)
        }
        try CareTeamRule.checkMembers(members, in: programID, field: fields.clinician)
        return members
    }

    /// The clinicians named by id, checked to be active clinicians of this program.
    func clinicians(ids: [UserID]) async throws -> [UserAccount] {
        var members: [UserAccount] = []
        for id in Set(ids) {
            guard let member = try await store.user(id), member.programID == programID, member.isActive else {
                throw ValidationError(field: fields.clinician, "no clinician with id \(id) in this program")
            }
            members.append(member)
        }
        try CareTeamRule.checkMembers(members, in: programID, field: fields.clinician)
        return members.sorted { $0.name < $1.name }
    }

    /// Creates an account without a password and returns its first invitation link. A client account gets its
    /// client record, its care team, and, when `admission` is given, its first episode of care.
    func createAccount(
        role: Role, email: String, name: String, careTeam: [UserAccount],
        admission: (date: CalendarDate, level: LevelOfCare, referral: ReferralSource, today: CalendarDate)? = nil
    ) async throws -> InvitationLink {
        let email = try AccountRules.email(email, field: fields.email)
        let name = try AccountRules.name(name, field: fields.name)
        try CareTeamRule.checkSize(careTeam.count, for: role, field: fields.clinician)
        try CareTeamRule.checkMembers(careTeam, in: programID, field: fields.clinician)
        if let admission {
            guard role == .client else { throw ValidationError(field: "admittedOn", "only a client is admitted") }
            try EpisodeRules.checkAdmission(
                on: admission.date, level: admission.level, episodes: [], today: admission.today)
        }
        let account = UserAccount(id: .random(), programID: programID, role: role, email: email, name: name)
        let clientID = ClientID.random()
        let token = Tokens.make()
        let expiresAt = InvitationRules.expiry(from: now)
        let events = [event("account.create", client: role == .client ? clientID : nil), event("account.invite")]
        let author = actor?.userID
        let now = now
        do {
            try await store.transaction { store in
                try await store.createUser(
                    account, passwordHash: "", clientID: clientID, careTeam: careTeam.map(\.id), now: now)
                if let admission {
                    try await store.admit(
                        Episode(
                            id: .random(), clientID: clientID, programID: account.programID, admittedOn: admission.date,
                            levelAtAdmission: admission.level, referralSource: admission.referral),
                        by: author, now: now)
                }
                try await store.createInvitation(
                    for: account, purpose: .welcome, tokenHash: Tokens.hash(token), by: author, now: now,
                    expiresAt: expiresAt)
                try await store.appendAudit(
                    events + (admission == nil ? [] : [event("episode.admit", client: clientID)]))
            }
        } catch StoreError.conflict {
            throw ValidationError(field: fields.email, "an account with \(email) already exists")
        }
        return InvitationLink(account: account, purpose: .welcome, url: link(token), expiresAt: expiresAt)
    }

    func link(_ token: String) -> String { baseURL + SiteURL.invitation(token).path }

    /// A new link for an existing account (a welcome link while it has no password, otherwise a password reset);
    /// earlier links stop working.
    func invitation(for account: UserAccount) async throws -> InvitationLink {
        try checkInProgram(account)
        guard account.isActive else {
            throw ValidationError(field: fields.email, "\(account.email) is deactivated: reactivate it first")
        }
        let hasPassword = try await store.credentials(email: account.email).map { !$0.passwordHash.isEmpty } ?? false
        let purpose: InvitationPurpose = hasPassword ? .passwordReset : .welcome
        let token = Tokens.make()
        let expiresAt = InvitationRules.expiry(from: now)
        let (author, now, audit) = (actor?.userID, now, event("account.invite"))
        try await store.transaction { store in
            try await store.createInvitation(
                for: account, purpose: purpose, tokenHash: Tokens.hash(token), by: author, now: now,
                expiresAt: expiresAt)
            try await store.appendAudit(audit)
        }
        return InvitationLink(account: account, purpose: purpose, url: link(token), expiresAt: expiresAt)
    }

    /// Ends an account's access now: sign-in refused, tokens and sessions ended, links voided; records stay.
    /// Nobody deactivates their own account (a program would be left without an admin by a slip).
    func deactivate(_ account: UserAccount) async throws {
        try checkInProgram(account)
        guard account.id != actor?.userID else {
            throw ValidationError(field: "account", "you cannot deactivate your own account")
        }
        guard account.isActive else { return }
        if account.role == .clinician {
            // A safety alert must always reach someone: no client may be left without an active clinician.
            let active = Set(
                try await store.users(in: programID).filter { $0.isActive && $0.role == .clinician }.map(\.id))
            let stranded = try await store.caseload(of: account.id, in: programID).filter { client in
                !client.careTeam.contains { $0 != account.id && active.contains($0) }
            }
            if !stranded.isEmpty {
                throw ValidationError(
                    field: "account",
                    "first give these clients another clinician, so their alerts reach someone: "
                        + stranded.map(\.displayName).joined(separator: ", "))
            }
        }
        let (now, audit) = (now, event("account.deactivate"))
        try await store.transaction { store in
            try await store.deactivate(account.id, now: now)
            try await store.appendAudit(audit)
        }
    }

    func reactivate(_ account: UserAccount) async throws {
        try checkInProgram(account)
        guard !account.isActive else { return }
        let audit = event("account.reactivate")
        try await store.transaction { store in
            try await store.reactivate(account.id)
            try await store.appendAudit(audit)
        }
    }

    /// Replaces a client's care team (one or more clinicians of the program).
    func setCareTeam(of client: ClientProfile, to members: [UserAccount]) async throws {
        guard client.programID == programID else { throw ValidationError(field: "client", "no such client") }
        try CareTeamRule.checkSize(members.count, for: .client, field: fields.clinician)
        try CareTeamRule.checkMembers(members, in: programID, field: fields.clinician)
        let (now, audit) = (now, event("careteam.change", client: client.id))
        try await store.transaction { store in
            try await store.setCareTeam(members.map(\.id), of: client.ref, now: now)
            try await store.appendAudit(audit)
        }
    }

    func checkInProgram(_ account: UserAccount) throws {
        guard account.programID == programID else { throw ValidationError(field: "account", "no such account") }
    }

    // MARK: - Settings

    /// Saves the program's name, zone and crisis line; each changed one is kept in the history with `reason`.
    /// Returns how many settings changed.
    @discardableResult
    func updateSettings(_ settings: ProgramSettings, reason: String, current: Program) async throws -> Int {
        let changes = [
            ("name", current.name, settings.name), ("time-zone", current.timeZone, settings.timeZone),
            ("crisis-line", current.crisisLine ?? "", settings.crisisLine),
        ]
        .filter { $0.1 != $0.2 }
        guard !changes.isEmpty else { return 0 }
        let reason = try SettingChange.checkReason(reason)
        if settings.name.caseInsensitiveCompare(current.name) != .orderedSame,
            try await store.programs().contains(where: {
                $0.id != programID && $0.name.caseInsensitiveCompare(settings.name) == .orderedSame
            })
        {
            throw ValidationError(field: "name", "a program named '\(settings.name)' exists")
        }
        let history = changes.map {
            SettingChange(
                setting: $0.0, oldValue: $0.1, newValue: $0.2, reason: reason, changedBy: actor?.userID,
                changedAt: now)
        }
        let (id, audit) = (programID, event("program.settings-change"))
        try await store.transaction { store in
            try await store.updateProgram(id, settings: settings)
            try await store.recordSettingChanges(history, in: id)
            try await store.appendAudit(audit)
        }
        return changes.count
    }

    /// Sets thresholds (values `ClinicalThreshold.check` accepted); each one that moved is kept with `reason`.
    /// Returns how many changed.
    @discardableResult
    func setThresholds(_ values: [ClinicalThreshold: Double], reason: String, current: ClinicalConfiguration)
        async throws -> Int
    {
        let moved = ClinicalThreshold.allCases.compactMap { threshold -> SettingChange? in
            guard let value = values[threshold], value != threshold.value(in: current) else { return nil }
            return SettingChange(
                setting: threshold.rawValue, oldValue: threshold.format(threshold.value(in: current)),
                newValue: threshold.format(value), reason: "", changedBy: actor?.userID, changedAt: now)
        }
        guard !moved.isEmpty else { return 0 }
        let reason = try SettingChange.checkReason(reason)
        let history = moved.map {
            SettingChange(
                setting: $0.setting, oldValue: $0.oldValue, newValue: $0.newValue, reason: reason,
                changedBy: $0.changedBy, changedAt: $0.changedAt)
        }
        let (id, audit) = (programID, event("program.threshold-change"))
        try await store.transaction { store in
            try await store.recordSettingChanges(history, in: id)
            try await store.appendAudit(audit)
        }
        return moved.count
    }

    /// Sets the program's contingency-management offer from texts by setting (each checked; all or nothing);
    /// each one that moved is kept with `reason`. Returns how many changed.
    @discardableResult
    func setContingency(_ texts: [ContingencyProgram.Key: String], reason: String) async throws -> Int {
        let current = ContingencyProgram.from(history: try await store.settingChanges(in: programID))
        var next = current
        for key in ContingencyProgram.Key.allCases {
            if let text = texts[key] { try next.set(key, text) }
        }
        let moved = ContingencyProgram.Key.allCases.filter { next.text($0) != current.text($0) }
        return try await record(
            moved.map { ($0.rawValue, current.text($0), next.text($0)) }, reason: reason,
            action: "program.cm-settings-change")
    }

    /// Sets the on-call rota, the notification channels and the escalation minutes (issue 12). Everyone on the rota
    /// must be an active staff account of the program. A secret left empty keeps the one set before.
    func setNotifications(_ texts: [NotificationSettings.Key: String], reason: String) async throws -> Int {
        let current = NotificationSettings.from(history: try await store.settingChanges(in: programID))
        var next = current
        for key in NotificationSettings.Key.allCases {
            if let text = texts[key] { try next.set(key, text) }
        }
        let staff = Set(
            try await store.users(in: programID).filter { $0.role.mayJoinCareTeam && $0.deactivatedAt == nil }
                .map { $0.email.lowercased() })
        if let (index, shift) = next.rota.shifts.enumerated().first(where: { !staff.contains($0.element.email) }) {
            throw ValidationError(
                field: NotificationSettings.Key.rota.rawValue,
                "shift \(index + 1): \(shift.email) is not an active staff account of this program")
        }
        let moved = NotificationSettings.Key.allCases.filter { next.text($0) != current.text($0) }
        return try await record(
            moved.map { ($0.rawValue, current.text($0), next.text($0)) }, reason: reason,
            action: "program.notification-settings-change")
    }

    /// Keeps each moved setting in the history with the reason, and audits the change, in one transaction.
    private func record(_ moved: [(setting: String, old: String, new: String)], reason: String, action: String)
        async throws -> Int
    {
        guard !moved.isEmpty else { return 0 }
        let reason = try SettingChange.checkReason(reason)
        let changes = moved.map {
            SettingChange(
                setting: $0.setting, oldValue: $0.old, newValue: $0.new, reason: reason, changedBy: actor?.userID,
                changedAt: now)
        }
        let (id, audit) = (programID, event(action))
        try await store.transaction { store in
            try await store.recordSettingChanges(changes, in: id)
            try await store.appendAudit(audit)
        }
        return moved.count
    }

    // MARK: - Episodes of care

    /// Admits a client (a first admission or a readmission, which opens a new episode).
    func admit(
        _ client: ClientProfile, on date: CalendarDate, level: LevelOfCare, referral: ReferralSource,
        today: CalendarDate
    ) async throws -> Episode {
        let episodes = try await store.episodes(of: [client.ref])[client.id] ?? []
        try EpisodeRules.checkAdmission(on: date, level: level, episodes: episodes, today: today)
        let episode = Episode(
            id: .random(), clientID: client.id, programID: client.programID, admittedOn: date, levelAtAdmission: level,
            referralSource: referral)
        let (author, now, audit) = (actor?.userID, now, event("episode.admit", client: client.id))
        try await store.transaction { store in
            try await store.admit(episode, by: author, now: now)
            try await store.appendAudit(audit)
        }
        return episode
    }

    /// Discharges a client's open episode.
    func discharge(_ client: ClientProfile, on date: CalendarDate, reason: DischargeReason, today: CalendarDate)
        async throws
    {
        let episodes = try await store.episodes(of: [client.ref])[client.id] ?? []
        guard let open = episodes.last(where: \.isActive) else {
            throw ValidationError(field: "dischargedOn", "the client has no open episode to discharge")
        }
        try EpisodeRules.checkDischarge(of: open, on: date, today: today)
        // Contingency management ends with the episode: on the discharge date, or on the last result when one was
        // recorded after it (a ledger never loses a line).
        var ending: (id: UUID, on: CalendarDate)?
        if let ledger = try await store.contingency(of: client.ref), ledger.enrollment.isActive {
            let last = ledger.lines.filter { $0.result != .missed }.map(\.date).max() ?? ledger.enrollment.startedOn
            ending = (ledger.enrollment.id, max(date, last, ledger.enrollment.startedOn))
        }
        let (author, audit, program) = (actor?.userID, event("episode.discharge", client: client.id), programID)
        let (cmAudit, endCM) = (event("cm.end", client: client.id), ending)
        try await store.transaction { store in
            try await store.discharge(open.id, in: program, on: date, reason: reason, by: author)
            if let endCM {
                try await store.endEnrollment(endCM.id, client: client.ref, on: endCM.on, by: author)
                try await store.appendAudit(audit, cmAudit)
            } else {
                try await store.appendAudit(audit)
            }
        }
    }
}

extension Request {
    /// Administration by `actor` in its program, with links pointing at `BRAID_PUBLIC_URL` or this request's host.
    func administration(by actor: Actor) -> Administration {
        var administration = Administration(
            store: repository, actor: actor, programID: actor.programID, now: now, requestID: requestID,
            baseURL: publicBaseURL)
        administration.fields = .form
        return administration
    }

    var publicBaseURL: String {
        if let configured = braid.publicURL { return configured }
        let host = headers.first(name: .host) ?? "localhost:8080"
        let scheme = braid.mode == .production ? "https" : "http"
        return "\(scheme)://\(host)"
    }
}
