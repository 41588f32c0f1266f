import BraidCore
import BraidStore
import Fluent
import NIOSSL
import Vapor

/// Builds and runs the Braid application.
public enum BraidServer {
    /// Configures an application: database, migrations, passwords, middleware (in order: request id → security
    /// headers → request log → errors → token auth on protected routes → route) and the API routes.
    public static func configure(_ app: Application, with configuration: BraidConfiguration) throws {
        app.braid = configuration
        // Notes are sealed at rest with this process's keyring (tests share one random key).
        if let source = configuration.notesKey {
            NoteSeal.use(try source.load())
        } else {
            NoteSeal.useIfUnset(NoteKeyring.generate())
        }
        app.installServices()
        try configuration.database.configure(app.databases)
        app.migrations.add(BraidMigrations.all)
        app.configureSessions()
        app.passwords.use(.bcrypt(cost: configuration.bcryptCost))
        var middleware = Middlewares()
        middleware.use(RequestIDMiddleware())
        middleware.use(SecurityHeadersMiddleware(strictTransportSecurity: configuration.servesTLS))
        middleware.use(RequestLogMiddleware())
        middleware.use(APIErrorMiddleware())
        app.middleware = middleware
        registerRoutes(app)
        PublicController.register(app)
        SignInController.register(app)
        ClientPagesController.register(app)
        RecoveryPages.register(app)
        GroupPages.register(app)
        ClinicianController.register(app)
        ContingencyPages.register(app)
        MedicationPages.register(app)
        ConsentPages.register(app)
        AdminController.register(app)
        InvitationPages.register(app)
        ProgramOverviewPage.register(app)
        ProgramReportPage.register(app)
        AuditLogPage.register(app)
    }

    static func registerRoutes(_ app: Application) {
        let protected = app.routes.grouped(TokenAuthMiddleware())
        for route in APIRoute.allCases {
            let builder: any RoutesBuilder = route.requiresToken ? protected : app.routes
            builder.on(route.method, route.pathComponents, body: .collect(maxSize: "64kb"), use: handler(for: route))
        }
    }

    static func handler(for route: APIRoute) -> @Sendable (Request) async throws -> Response {
        switch route {
        case .health: AuthController.health
        case .openAPI: AuthController.openAPI
        case .createToken: AuthController.createToken
        case .revokeToken: AuthController.revokeToken
        case .revokeAllTokens: AuthController.revokeAllTokens
        case .me: MeController.me
        case .myCheckIns: MeController.checkIns
        case .createMyCheckIn: MeController.createCheckIn
        case .clients: ClientsController.caseload
        case .client: ClientsController.client
        case .clientCheckIns: ClientsController.checkIns
        case .clientAssessments: ClientsController.assessments
        case .createClientAssessment: ClientsController.createAssessment
        case .clientScreens: ClientsController.screens
        case .createClientScreen: ClientsController.createScreen
        case .clientAnalysis: ClientsController.analysis
        case .clientLevel: LevelController.level
        case .createLevelDecision: LevelController.decide
        case .clientPlan: PlanController.plan
        case .createPlanVersion: PlanController.sign
        case .clientContingency: ContingencyController.show
        case .createEnrollment: ContingencyController.enroll
        case .endEnrollment: ContingencyController.end
        case .createPayout: ContingencyController.payout
        case .myContingency: ContingencyController.mine
        case .clientMedications: MedicationsController.list
        case .createMedication: MedicationsController.create
        case .updateMedication: MedicationsController.update
        case .createPrescriberNote: MedicationsController.createNote
        case .myMedications: MedicationsController.mine
        case .clientSafetyPlan: KeptPlanController<SafetyPlanSection>.show
        case .createSafetyPlanVersion: KeptPlanController<SafetyPlanSection>.save
        case .mySafetyPlan: KeptPlanController<SafetyPlanSection>.mine
        case .createMySafetyPlanVersion: KeptPlanController<SafetyPlanSection>.saveMine
        case .clientRelapsePlan: KeptPlanController<RelapsePlanSection>.show
        case .createRelapsePlanVersion: KeptPlanController<RelapsePlanSection>.save
        case .myRelapsePlan: KeptPlanController<RelapsePlanSection>.mine
        case .createMyRelapsePlanVersion: KeptPlanController<RelapsePlanSection>.saveMine
        case .myReminders: RemindersController.mine
        case .updateMyReminders: RemindersController.save
        case .clientFHIR: FHIRController.bundle
        case .clientConsents: ConsentsController.list
        case .createConsent: ConsentsController.create
        case .revokeConsent: ConsentsController.revoke
        case .createDisclosure: ConsentsController.disclose
        case .myConsents: ConsentsController.mine
        case .revokeMyConsent: ConsentsController.revokeMine
        case .clientCounselingNotes: ConsentsController.notes
        case .createCounselingNote: ConsentsController.createNote
        case .myThoughtRecords: { try await RecoveryController.thoughtRecords($0, mine: true) }
        case .clientThoughtRecords: { try await RecoveryController.thoughtRecords($0, mine: false) }
        case .createMyThoughtRecord: { try await RecoveryController.create($0, .thoughtRecord) }
        case .myDiaryCards: { try await RecoveryController.diaryCards($0, mine: true) }
        case .clientDiaryCards: { try await RecoveryController.diaryCards($0, mine: false) }
        case .saveMyDiaryCard: RecoveryController.saveDiaryCard
        case .myActivities: { try await RecoveryController.activities($0, mine: true) }
        case .clientActivities: { try await RecoveryController.activities($0, mine: false) }
        case .createMyActivity: { try await RecoveryController.create($0, .activity) }
        case .rateMyActivity: RecoveryController.rateActivity
        case .mySupport: { try await RecoveryController.support($0, mine: true) }
        case .clientSupport: { try await RecoveryController.support($0, mine: false) }
        case .createMySupportContact: { try await RecoveryController.create($0, .supportContact) }
        case .updateMySupportContact: RecoveryController.updateContact
        case .removeMySupportContact: RecoveryController.removeContact
        case .createMyMeeting: { try await RecoveryController.create($0, .meeting) }
        case .myPAWS: { try await RecoveryController.paws($0, mine: true) }
        case .clientPAWS: { try await RecoveryController.paws($0, mine: false) }
        case .groups: GroupsController.list
        case .createGroup: GroupsController.create
        case .group: GroupsController.show
        case .updateGroup: GroupsController.update
        case .recordGroupAttendance: GroupsController.attendance
        case .createGroupHomework: GroupsController.homework
        case .myGroups: GroupsController.mine
        case .markMyHomeworkDone: GroupsController.markDone
        case .clientGroups: GroupsController.ofClient
        case .alerts: AlertsController.alerts
        case .acknowledgeAlert: AlertsController.acknowledge
        }
    }

    /// Readies the database before serving: on SQLite, sets each connection up and applies migrations; on
    /// PostgreSQL, refuses to start when migrations are pending (run `braid migrate`).
    public static func prepareDatabase(_ app: Application) async throws {
        if app.braid.database.isSQLite {
            for eventLoop in app.eventLoopGroup.makeIterator() {
                if let database = app.databases.database(logger: app.logger, on: eventLoop) {
                    try await DatabaseLocation.prepareSQLiteConnection(database)
                }
            }
            try await app.autoMigrate()
        } else {
            let pending = try await BraidRepository.pendingMigrations(on: app.db, expected: allMigrations)
            guard pending.isEmpty else { throw DatabaseBehind(pending: pending) }
        }
    }

    /// Every migration the app runs: Braid's, then the web sessions table.
    static var allMigrations: [any Migration] { BraidMigrations.all + [SessionRecord.migration] }

    /// Applies (or reverts) every migration; returns the names applied or reverted.
    public static func migrate(_ app: Application, revert: Bool) async throws -> [String] {
        let before = try await BraidRepository.pendingMigrations(on: app.db, expected: allMigrations)
        if revert {
            try await app.autoRevert()
            return allMigrations.map(\.name).filter { !before.contains($0) }.reversed()
        }
        try await app.autoMigrate()
        return before
    }

    /// Runs the server until it is stopped.
    public static func serve(
        _ configuration: BraidConfiguration, host: String, port: Int, demo: Bool, tls: TLSFiles? = nil,
        announce: @Sendable (String) -> Void
    ) async throws {
        var configuration = configuration
        configuration.servesTLS = tls != nil
        // One server per SQLite file, and `braid restore` waits for it to stop.
        var lock: SQLiteFileLock?
        if case .sqliteFile(let path) = configuration.database {
            lock = try SQLiteFileLock.acquire(for: path)
            guard lock != nil else {
                throw ValidationError(field: "--db", "another braid serve is using \(path) (it holds \(path).lock)")
            }
        }
        defer { withExtendedLifetime(lock) {} }
        let tlsConfiguration = try tls?.serverConfiguration()
        let app = try await Application.make(
            Environment(
                name: configuration.mode.rawValue,
                arguments: ["braid", "serve", "--hostname", host, "--port", "\(port)"]))
        let scheme = tls == nil ? "http" : "https"
        do {
            try configure(app, with: configuration)
            if let tlsConfiguration { app.http.server.configuration.tlsConfiguration = tlsConfiguration }
            try await prepareDatabase(app)
            if demo {
                let logins = try await DemoProgram.ensure(app)
                announce(DemoProgram.describe(logins, url: "\(scheme)://\(host):\(port)"))
            }
            announce("Braid is serving \(configuration.database) on \(scheme)://\(host):\(port) (API: /api/v1).")
            let background = Task { await BackgroundWork.run(app) }
            defer { background.cancel() }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Runs `body` with a configured application that is not serving (for the CLI's database commands). With
    /// `prepare`, the database is readied as for serving (SQLite migrated; PostgreSQL must not be behind).
    public static func withApplication<T: Sendable>(
        _ configuration: BraidConfiguration, prepare: Bool = true, _ body: (Application) async throws -> T
    ) async throws -> T {
        let app = try await Application.make(Environment(name: configuration.mode.rawValue, arguments: ["braid"]))
        app.logger.logLevel = .warning
        do {
            try configure(app, with: configuration)
            if prepare { try await prepareDatabase(app) }
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// A PEM certificate chain and its private key, for serving HTTPS directly.
public struct TLSFiles: Sendable {
    public let certificate: String
    public let key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }

    /// TLS 1.2 or later with the files' certificate and key; a file that cannot be read or parsed is named.
    func serverConfiguration() throws(ValidationError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw ValidationError(field: "--tls-cert", "\(certificate) is not a readable PEM certificate")
        }
        guard !chain.isEmpty else {
            throw ValidationError(field: "--tls-cert", "\(certificate) holds no certificate")
        }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw ValidationError(field: "--tls-key", "\(key) is not a readable PEM private key")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

/// PostgreSQL schema is behind the code.
public struct DatabaseBehind: Error, CustomStringConvertible {
    public let pending: [String]

    public var description: String {
        "the database is behind (\(pending.count) migration\(pending.count == 1 ? "" : "s") pending: "
            + pending.joined(separator: ", ") + "); run `braid migrate` first"
    }
}

/// The application type, for the CLI (which does not import Vapor: its `Option` and `Flag` would clash with
/// ArgumentParser's).
public typealias BraidApplication = Application
