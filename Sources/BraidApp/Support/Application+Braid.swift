import BraidCore
import BraidStore
import Fluent
import Vapor

extension Application {
    private struct ConfigurationKey: StorageKey {
        typealias Value = BraidConfiguration
    }

    private struct ClockKey: StorageKey {
        typealias Value = @Sendable () -> Date
    }

    private struct InsightsKey: StorageKey {
        typealias Value = ClientInsights
    }

    private struct CheckInWriterKey: StorageKey {
        typealias Value = CheckInWriter
    }

    private struct TokenCacheKey: StorageKey {
        typealias Value = TokenCache
    }

    private struct ProgramContextsKey: StorageKey {
        typealias Value = ProgramContexts
    }

    /// The configuration the app was started with.
    public var braid: BraidConfiguration {
        get {
            guard let configuration = storage[ConfigurationKey.self] else {
                fatalError("configure(_:with:) sets the configuration before the app is used")
            }
            return configuration
        }
        set { storage[ConfigurationKey.self] = newValue }
    }

    /// The clock (tests pin it).
    public var clock: @Sendable () -> Date {
        get { storage[ClockKey.self] ?? { Date() } }
        set { storage[ClockKey.self] = newValue }
    }

    var insights: ClientInsights {
        guard let insights = storage[InsightsKey.self] else { fatalError("configure(_:with:) creates the cache") }
        return insights
    }

    public var repository: BraidRepository { BraidRepository(db) }

    /// Created in `configure` (storage is not safe to create lazily from concurrent requests).
    var checkInWriter: CheckInWriter {
        guard let writer = storage[CheckInWriterKey.self] else { fatalError("configure(_:with:) creates the writer") }
        return writer
    }

    /// The sign-in throttle of this process (SignInThrottle).
    var signInThrottle: SignInGate {
        guard let gate = storage[SignInGateKey.self] else { fatalError("configure(_:with:) creates the gate") }
        return gate
    }

    private struct SignInGateKey: StorageKey {
        typealias Value = SignInGate
    }

    var tokenCache: TokenCache {
        guard let cache = storage[TokenCacheKey.self] else { fatalError("configure(_:with:) creates the cache") }
        return cache
    }

    var programContexts: ProgramContexts {
        guard let contexts = storage[ProgramContextsKey.self] else { fatalError("configure(_:with:) creates it") }
        return contexts
    }

    /// A program's context (its calendar, crisis line and clinical configuration).
    func programContext(_ id: ProgramID) async throws -> ProgramContext {
        try await programContexts.context(id, store: repository, clinical: braid.clinical, now: clock())
    }

    func installServices() {
        storage[SignInGateKey.self] = SignInGate()
        storage[ProgramContextsKey.self] = ProgramContexts()
        storage[TokenCacheKey.self] = TokenCache()
        storage[CheckInWriterKey.self] = CheckInWriter()
        storage[InsightsKey.self] = ClientInsights()
    }
}

extension Request {
    var repository: BraidRepository { BraidRepository(db) }
    var now: Date { application.clock() }
    var braid: BraidConfiguration { application.braid }

    /// The actor's program: its calendar ("today"), its crisis line, its clinical configuration.
    func program(of actor: Actor) async throws -> ProgramContext {
        try await application.programContext(actor.programID)
    }

    /// The entry service for `actor` at this request's time, in the actor's program.
    func clinicalEntry(by actor: Actor, through door: WriteDoor) async throws -> ClinicalEntry {
        ClinicalEntry(
            store: repository, actor: actor, program: try await program(of: actor), door: door, requestID: requestID,
            now: now, logger: logger)
    }
}

/// Password rules and hashing (bcrypt, Vapor's implementation).
public enum Passwords {
    public static let minimumLength = 12
    public static let maximumLength = 256

    /// Checks the policy; the error names the field.
    public static func validate(_ password: String, field: String = "password") throws(ValidationError) {
        guard password.count >= minimumLength else {
            throw ValidationError(field: field, "must be at least \(minimumLength) characters")
        }
        guard password.count <= maximumLength else {
            throw ValidationError(field: field, "must be at most \(maximumLength) characters")
        }
    }

    public static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// The account for an email and password, or `nil`. An unknown email, a deactivated account and an account
    /// whose invitation is not yet used (no password) cost the same bcrypt work as a wrong password, so response
    /// time does not reveal which emails exist. A failure is audited.
    ///
    /// Throttled (SignInThrottle): while an account's or an address's wait runs, the attempt is refused with 429
    /// before any password is checked; the first refusal after a failure is audited as `auth.login-throttled`.
    static func signIn(email: String, password: String, on req: Request) async throws -> UserAccount? {
        let address = req.clientAddress
        let throttle = req.application.signInThrottle
        let credentials = email.isEmpty ? nil : try await req.repository.credentials(email: email)
        func audit(_ action: String) async throws {
            try await req.repository.appendAudit(
                AuditEvent(
                    programID: credentials?.account.programID, actorID: credentials?.account.id,
                    role: credentials?.account.role, action: action, clientID: nil, requestID: req.requestID,
                    at: req.now))
        }
        if let refusal = await throttle.check(account: email, address: address, now: req.now) {
            if refusal.isFirst { try await audit("auth.login-throttled") }
            throw APIError.throttled(refusal)
        }
        let usable = credentials.flatMap { $0.account.isActive && !$0.passwordHash.isEmpty ? $0 : nil }
        if let usable, !password.isEmpty,
            (try? await req.password.async.verify(password, created: usable.passwordHash)) == true
        {
            await throttle.recordSuccess(account: email)
            return usable.account
        }
        if usable == nil { _ = try await req.password.async.hash(password.isEmpty ? "-" : password) }
        await throttle.recordFailure(account: email, address: address, now: req.now)
        try await audit("auth.login-failed")
        return nil
    }
}
