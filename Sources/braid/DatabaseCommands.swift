import ArgumentParser
import BraidApp
import BraidCore
import BraidStore
import Foundation

/// A subcommand whose work is asynchronous (database, server). `main.swift` awaits `runAsync()`; a separate
/// name avoids ArgumentParser's sync/async `run()` overloads resolving to the wrong one.
protocol AsyncBraidCommand: ParsableCommand {
    func runAsync() async throws
}

extension AsyncBraidCommand {
    func run() throws {
        throw BadInput(field: "command", "internal: asynchronous command run synchronously")
    }
}

/// The database every command that touches it uses: `--db PATH` (SQLite), or `DATABASE_URL` for PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database file (ignored when DATABASE_URL is a postgres:// URL).")
    var path: String = "./braid.sqlite"

    /// The configuration from the environment, with this database; bad settings exit 2 listing every problem.
    func configuration() throws -> BraidConfiguration {
        do {
            return try BraidConfiguration.load(environment: ProcessInfo.processInfo.environment, sqlitePath: path)
        } catch {
            throw BadInput(field: "configuration", error.description)
        }
    }
}

/// Runs a database command, mapping domain validation errors to exit 2.
func withBraidApplication<T: Sendable>(
    _ options: DatabaseOptions, prepare: Bool = true, _ body: (BraidConfiguration, BraidApplication) async throws -> T
) async throws -> T {
    let configuration = try options.configuration()
    do {
        return try await BraidServer.withApplication(configuration, prepare: prepare) { app in
            try await body(configuration, app)
        }
    } catch let error as BraidCore.ValidationError {
        throw BadInput(field: error.field, error.message)
    } catch let error as DatabaseBehind {
        throw BadInput(field: "database", error.description)
    }
}

struct ServeCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Braid server (JSON API under /api/v1).",
        discussion: """
            SQLite by default (--db, migrated automatically); PostgreSQL when DATABASE_URL is a postgres:// URL \
            (run `braid migrate` first: serve refuses a database that is behind).
            --demo creates, once, a demo program with synthetic clients and prints the demo logins.
            Settings come from the environment: BRAID_ENV, DATABASE_URL, BRAID_CRISIS_LINE, BRAID_TIME_ZONE, \
            BRAID_TOKEN_HOURS, BRAID_BCRYPT_COST (see README).
            """
    )

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (1–65535).") var port = 8080
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Create the demo program (once) and print its logins.") var demo = false
    @Option(help: "PEM certificate chain: serve HTTPS directly (with --tls-key; responses then carry HSTS).")
    var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert.") var tlsKey: String?

    func runAsync() async throws {
        guard (1...65_535).contains(port) else { throw BadInput(field: "--port", "\(port) is out of range 1…65535") }
        var tls: TLSFiles?
        switch (tlsCert, tlsKey) {
        case (nil, nil): tls = nil
        case (let cert?, let key?): tls = TLSFiles(certificate: cert, key: key)
        case (nil, _): throw BadInput(field: "--tls-cert", "is required with --tls-key")
        case (_, nil): throw BadInput(field: "--tls-key", "is required with --tls-cert")
        }
        let configuration = try database.configuration()
        do {
            try await BraidServer.serve(configuration, host: host, port: port, demo: demo, tls: tls) {
                Console.error($0)
            }
        } catch let error as DatabaseBehind {
            throw BadInput(field: "database", error.description)
        } catch let error as BraidCore.ValidationError {
            throw BadInput(field: error.field, error.message)
        }
    }
}

struct MigrateCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations (or --revert them all).",
        discussion: "Uses --db or DATABASE_URL like `braid serve`. Prints the migrations applied or reverted."
    )

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Revert every migration (drops Braid's tables and their data).") var revert = false

    func runAsync() async throws {
        let names = try await withBraidApplication(database, prepare: false) { _, app in
            try await BraidServer.migrate(app, revert: revert)
        }
        let verb = revert ? "reverted" : "applied"
        Console.error(
            names.isEmpty
                ? "Nothing to do: the database is up to date." : "\(verb.capitalized): " + names.joined(separator: ", ")
        )
        Console.output(try Console.json([verb: names]))
    }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts: invite, create, list, deactivate, reset-password.",
        subcommands: [InviteUser.self, CreateUser.self, ListUsers.self, DeactivateUser.self, ResetPassword.self]
    )

    /// The role named by `--role` (exit 2 naming the roles otherwise).
    static func role(_ text: String) throws -> Role {
        do {
            return try AccountRules.role(text)
        } catch {
            throw BadInput(field: error.field, error.message)
        }
    }

    /// Reads a password from the first line of standard input (never from arguments, which other users can see).
    static func passwordFromStdin() throws -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !password.isEmpty else { throw BadInput(field: "--password-stdin", "no password on standard input") }
        return password
    }

    struct CreateUser: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an account (a client with its care team).",
            discussion: "The password is read from standard input (--password-stdin); at least 12 characters.")

        @Option(help: "admin, clinician, client or program-lead.") var role: String
        @Option(help: "Login email.") var email: String
        @Option(help: "Display name.") var name: String
        @Option(name: .customLong("clinician"), help: "A clinician's email (client accounts; repeat for a team).")
        var clinicians: [String] = []
        @Option(help: "Program id (when the database holds several programs).") var program: String?
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let role = try UserCommand.role(role)
            guard passwordStdin else {
                throw BadInput(field: "--password-stdin", "required: pass the password on standard input")
            }
            var programID: ProgramID?
            if let program {
                guard let id = ProgramID(program) else {
                    throw BadInput(field: "--program", "'\(program)' is not an id")
                }
                programID = id
            }
            let password = try UserCommand.passwordFromStdin()
            let account = try await withBraidApplication(database) { _, app in
                try await BraidApp.AccountAdministration.createUser(
                    app, role: role, email: email, name: name, password: password, clinicianEmails: clinicians,
                    programID: programID)
            }
            Console.output(try Console.json(AccountDTO(account)))
        }
    }

    struct InviteUser: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite",
            abstract: "Create an account with a one-time link to set its password, or make a new link.",
            discussion: """
                With --role and --name, creates the account (a client with its care team, --clinician) without a \
                password and prints its invitation link. With --email alone, prints a new link for an existing \
                account (a password reset once it has a password); earlier links stop working. Links work once \
                and expire after 72 hours. Prints one JSON object: the account, "invitation" (the link), "purpose" \
                (welcome or password-reset) and "expiresAt".
                """)

        @Option(help: "Login email.") var email: String
        @Option(help: "admin, clinician, client or program-lead (creates the account).") var role: String?
        @Option(help: "Display name (with --role).") var name: String?
        @Option(name: .customLong("clinician"), help: "A clinician's email (client accounts; repeat for a team).")
        var clinicians: [String] = []
        @Option(help: "Program id (when the database holds several programs).") var program: String?
        @Option(
            name: .customLong("base-url"),
            help: "Where the link points (default: BRAID_PUBLIC_URL, else http://localhost:8080).")
        var baseURL: String?
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let role = try role.map(UserCommand.role)
            var programID: ProgramID?
            if let program {
                guard let id = ProgramID(program) else {
                    throw BadInput(field: "--program", "'\(program)' is not an id")
                }
                programID = id
            }
            if let baseURL {
                guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
                else { throw BadInput(field: "--base-url", "'\(baseURL.prefix(80))' is not an http(s) URL") }
            }
            let base = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            let link = try await withBraidApplication(database) { _, app in
                try await BraidApp.AccountAdministration.invite(
                    app, email: email, role: role, name: name, clinicianEmails: clinicians, programID: programID,
                    baseURL: base)
            }
            Console.output(try Console.json(InvitationDTO(link)))
        }
    }

    struct DeactivateUser: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "deactivate",
            abstract: "Stop an account signing in: its tokens and links end now; its records stay.")

        @Option(help: "The account's email.") var email: String
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let account = try await withBraidApplication(database) { _, app in
                try await BraidApp.AccountAdministration.deactivate(app, email: email)
            }
            Console.output(try Console.json(AccountDTO(account)))
        }
    }

    struct ListUsers: AsyncBraidCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")

        @Option(help: "text (default) or json.") var format: OutputFormat = .text
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            let accounts = try await withBraidApplication(database) { _, app in
                try await BraidApp.AccountAdministration.users(app)
            }
            if format == .json {
                Console.output(try Console.json(accounts.map(AccountDTO.init)))
            } else {
                Console.output(
                    accounts.map {
                        "\($0.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))\($0.email)  \($0.name)"
                    }
                    .joined(separator: "\n"))
            }
        }
    }

    struct ResetPassword: AsyncBraidCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password (read from standard input); signs the account out everywhere.")

        @Option(help: "The account's email.") var email: String
        @Flag(help: "Read the new password from standard input (required).") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func runAsync() async throws {
            guard passwordStdin else {
                throw BadInput(field: "--password-stdin", "required: pass the password on standard input")
            }
            let password = try UserCommand.passwordFromStdin()
            try await withBraidApplication(database) { _, app in
                try await BraidApp.AccountAdministration.resetPassword(app, email: email, password: password)
            }
            Console.error("Password reset for \(email.lowercased()); existing tokens were revoked.")
        }
    }
}

/// An account as `braid user` prints it.
struct AccountDTO: Encodable {
    let id: String
    let programId: String
    let role: String
    let email: String
    let name: String
    let active: Bool

    init(_ account: UserAccount) {
        id = account.id.description
        programId = account.programID.description
        role = account.role.rawValue
        email = account.email
        name = account.name
        active = account.isActive
    }
}

/// `braid user invite`'s output: the account and its one-time link.
struct InvitationDTO: Encodable {
    let account: AccountDTO
    let invitation: String
    let purpose: String
    /// ISO 8601, UTC.
    let expiresAt: String

    init(_ link: InvitationLink) {
        account = AccountDTO(link.account)
        invitation = link.url
        purpose = link.purpose.rawValue
        expiresAt = ISO8601DateFormatter().string(from: link.expiresAt)
    }
}
