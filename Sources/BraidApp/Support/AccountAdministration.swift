import BraidCore
import BraidStore
import Fluent
import Vapor

/// Account administration for the CLI (`braid user …`): create, list, reset a password.
public enum AccountAdministration {
    /// Creates an account. A client is assigned to the named clinicians (its care team). With no program yet,
    /// one is created. Returns the account.
    public static func createUser(
        _ app: Application, role: Role, email: String, name: String, password: String, clinicianEmails: [String],
        programID: ProgramID?
    ) async throws -> UserAccount {
        let email = try AccountRules.email(email)
        let name = try AccountRules.name(name)
        try Passwords.validate(password)
        try CareTeamRule.checkSize(clinicianEmails.count, for: role)
        let repository = app.repository
        let program = try await self.program(app, programID)
        var members: [UserAccount] = []
        for clinicianEmail in clinicianEmails {
            let lookup = clinicianEmail.lowercased()
            guard let member = try await repository.credentials(email: lookup)?.account else {
                throw ValidationError(field: "--clinician", "no clinician with email \(lookup) in this program")
            }
            members.append(member)
        }
        try CareTeamRule.checkMembers(members, in: program.id)
        let team = members.map(\.id)
        let account = UserAccount(id: .random(), programID: program.id, role: role, email: email, name: name)
        let careTeam = team
        let hash = try Passwords.hash(password, cost: app.braid.bcryptCost)
        let now = app.clock()
        do {
            try await repository.transaction { store in
                try await store.createUser(account, passwordHash: hash, careTeam: careTeam, now: now)
                try await store.appendAudit(
                    AuditEvent(
                        programID: program.id, actorID: nil, role: nil, action: "account.create", clientID: nil,
                        requestID: "cli", at: now))
            }
        } catch StoreError.conflict {
            throw ValidationError(field: "--email", "an account with \(email) already exists")
        }
        return account
    }

    public static func resetPassword(_ app: Application, email: String, password: String) async throws {
        try Passwords.validate(password)
        let repository = app.repository
        guard let account = try await repository.credentials(email: email.lowercased())?.account else {
            throw ValidationError(field: "--email", "no account with email \(email.lowercased())")
        }
        let hash = try Passwords.hash(password, cost: app.braid.bcryptCost)
        let now = app.clock()
        try await repository.transaction { store in
            try await store.setPasswordHash(hash, for: account.id)
            try await store.revokeTokens(of: account.id, now: now)
            try await store.appendAudit(
                AuditEvent(
                    programID: account.programID, actorID: nil, role: nil, action: "account.password-reset",
                    clientID: nil, requestID: "cli", at: now))
        }
    }

    /// `braid user invite`: with a role and name, creates the account (no password) and returns its first link;
    /// without them, a new link for the existing account (a password reset once it has a password).
    public static func invite(
        _ app: Application, email: String, role: Role?, name: String?, clinicianEmails: [String], programID: ProgramID?,
        baseURL: String?
    ) async throws -> InvitationLink {
        let base = baseURL ?? app.braid.publicURL ?? "http://localhost:8080"
        if let role {
            guard let name else { throw ValidationError(field: "--name", "required with --role (a new account)") }
            let program = try await self.program(app, programID)
            let administration = Administration(
                store: app.repository, actor: nil, programID: program.id, now: app.clock(), requestID: "cli",
                baseURL: base)
            let team = try await administration.clinicians(emails: clinicianEmails)
            return try await administration.createAccount(role: role, email: email, name: name, careTeam: team)
        }
        let lookup = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let account = try await app.repository.credentials(email: lookup)?.account else {
            throw ValidationError(
                field: "--email", "no account with email \(lookup) (give --role and --name to create one)")
        }
        guard clinicianEmails.isEmpty, name == nil else {
            throw ValidationError(field: "--role", "required with --name or --clinician (a new account)")
        }
        return try await Administration(
            store: app.repository, actor: nil, programID: account.programID, now: app.clock(), requestID: "cli",
            baseURL: base
        ).invitation(for: account)
    }

    /// `braid user deactivate`: the account can no longer sign in; its tokens and links end now, records stay.
    public static func deactivate(_ app: Application, email: String) async throws -> UserAccount {
        let lookup = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let account = try await app.repository.credentials(email: lookup)?.account else {
            throw ValidationError(field: "--email", "no account with email \(lookup)")
        }
        try await Administration(
            store: app.repository, actor: nil, programID: account.programID, now: app.clock(), requestID: "cli",
            baseURL: ""
        ).deactivate(account)
        return try await app.repository.user(account.id) ?? account
    }

    public static func users(_ app: Application) async throws -> [UserAccount] {
        try await app.repository.users()
    }

    /// The program to add accounts to: the one named, the only one, or a new one when there is none.
    static func program(_ app: Application, _ id: ProgramID?) async throws -> Program {
        let repository = app.repository
        if let id {
            guard let program = try await repository.program(id) else {
                throw ValidationError(field: "--program", "no program with id \(id)")
            }
            return program
        }
        let programs = try await repository.programs().filter { !$0.isDemo }
        if programs.count == 1 { return programs[0] }
        guard programs.isEmpty else {
            throw ValidationError(
                field: "--program", "there are \(programs.count) programs; name one with --program ID")
        }
        let program = Program(
            id: .random(), name: "Braid program", timeZone: app.braid.timeZone.identifier,
            crisisLine: app.braid.crisisLine, isDemo: false)
        try await repository.createProgram(program, now: app.clock())
        return program
    }
}

/// Data administration for the CLI (`braid import …`).
public enum DataImport {
    /// Imports check-in days (from the CSV interchange) for the client with `email`, in one transaction through
    /// the one write path, so a safety answer opens its alert as it would from the phone. Days without all four
    /// core values (mood, craving, sleep, use) are skipped: a check-in needs them.
    public static func checkIns(_ app: Application, clientEmail: String, days: [CheckInDay]) async throws
        -> (imported: Int, skipped: Int, alertsOpened: Int)
    {
        let repository = app.repository
        let client = try await self.client(app, email: clientEmail)
        let account = (userID: client.userID, programID: client.programID)
        let now = app.clock()
        let program = try await app.programContext(account.programID)
        // Imported history is recorded in the client's name; the audit event marks it as an import.
        let author = Actor(userID: account.userID, role: .client, programID: account.programID, clientID: client.id)
        let run = "import-\(UUID().uuidString.lowercased())"
        var writes: [ClinicalWrite] = []
        for day in days {
            try EntryDatePolicy.check(
                day.date, today: program.today(now: now), author: author, door: .csvImport, field: "file")
            guard let mood = day.mood, let craving = day.craving, let sleep = day.sleepHours, let used = day.used else {
                continue
            }
            let values = CheckInValues(
                mood: mood, craving: craving, sleepHours: sleep, used: used, enjoyment: day.enjoyment,
                energy: day.energy, irritability: day.irritability, safety: day.safety)
            writes.append(
                ClinicalWrite(
                    .checkIn(date: day.date, values: values), to: client.ref, by: author, through: .csvImport,
                    requestID: run, now: now))
        }
        let stored = try await repository.commit(writes)
        return (stored.count, days.count - writes.count, stored.filter { $0.alert != nil }.count)
    }
}

extension DataImport {
    /// The client record of the client account with `email` (the CLI's `--client`).
    static func client(_ app: Application, email: String, field: String = "--client") async throws -> ClientProfile {
        let repository = app.repository
        guard let account = try await repository.credentials(email: email.lowercased())?.account,
            account.role == .client,
            let client = try await repository.clients(in: account.programID).first(where: { $0.userID == account.id })
        else { throw ValidationError(field: field, "no client account with email \(email.lowercased())") }
        return client
    }
}

/// Program administration for the CLI (`braid program …`).
public enum ProgramAdministration {
    /// Creates a program from checked settings (audited as `program.create`). Two programs may not share a name.
    public static func create(_ app: Application, settings: ProgramSettings) async throws -> Program {
        let repository = app.repository
        let taken = try await repository.programs().contains {
            $0.name.caseInsensitiveCompare(settings.name) == .orderedSame
        }
        guard !taken else { throw ValidationError(field: "--name", "a program named '\(settings.name)' exists") }
        let program = Program(
            id: .random(), name: settings.name, timeZone: settings.timeZone, crisisLine: settings.crisisLine,
            isDemo: false)
        let now = app.clock()
        try await repository.transaction { store in
            try await store.createProgram(program, now: now)
            try await store.appendAudit(
                AuditEvent(
                    programID: program.id, actorID: nil, role: nil, action: "program.create", clientID: nil,
                    requestID: "cli", at: now))
        }
        return program
    }

    public static func programs(_ app: Application) async throws -> [Program] {
        try await app.repository.programs()
    }
}
