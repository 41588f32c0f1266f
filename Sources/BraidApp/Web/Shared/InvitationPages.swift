import BraidCore
import BraidStore
import Plot
import Vapor

/// The one-time invitation link: the person sets their own password and is signed in. The link's token is its
/// own secret (a cross-site form cannot know it), so the form needs no session before it is used; a used,
/// expired or voided link says so and changes nothing.
enum InvitationPages {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.invitation, use: show)
        pages.post(.invitation, use: accept)
    }

    static func token(_ req: Request) -> String {
        String((req.parameters.get("token") ?? "").prefix(100))
    }

    static func show(_ req: Request) async throws -> Response {
        let token = token(req)
        switch try await req.repository.invitationState(tokenHash: Tokens.hash(token), now: req.now) {
        case .usable(let user, let purpose):
            guard let account = try await req.repository.user(user) else { return gone(req, .revoked) }
            return Response.html(
                form(token: token, account: account, purpose: purpose, error: nil, crisis: req.braid.crisisResources))
        case let state:
            return gone(req, state)
        }
    }

    static func accept(_ req: Request) async throws -> Response {
        let token = token(req)
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        guard
            case .usable(let user, let purpose) = try await req.repository.invitationState(
                tokenHash: Tokens.hash(token), now: req.now),
            let account = try await req.repository.user(user)
        else {
            return gone(req, try await req.repository.invitationState(tokenHash: Tokens.hash(token), now: req.now))
        }
        let password = form["password"] ?? ""
        do {
            try Passwords.validate(password, field: "password")
            guard password == form["confirm"] else {
                throw ValidationError(field: "confirm", "the two passwords are not the same")
            }
        } catch let error as ValidationError {
            return Response.html(
                self.form(
                    token: token, account: account, purpose: purpose, error: error, crisis: req.braid.crisisResources),
                status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(password)
        let (now, requestID) = (req.now, req.requestID)
        let redeemed = try await req.repository.transaction { store -> UserAccount? in
            guard
                let account = try await store.redeemInvitation(
                    tokenHash: Tokens.hash(token), passwordHash: hash, now: now)
            else { return nil }
            try await store.appendAudit([
                AuditEvent(
                    programID: account.programID, actorID: account.id, role: account.role,
                    action: purpose == .welcome ? "account.invitation-used" : "account.password-reset",
                    clientID: nil, requestID: requestID, at: now),
                AuditEvent(
                    programID: account.programID, actorID: account.id, role: account.role, action: "auth.login",
                    clientID: nil, requestID: requestID, at: now),
            ])
            return account
        }
        guard let redeemed else { return gone(req, .used) }
        await req.application.tokenCache.forget(user: redeemed.id)
        try await SignInController.startSession(req, for: redeemed)
        return req.redirect(to: SignInController.landing(for: redeemed.role))
    }

    static func gone(_ req: Request, _ state: InvitationState) -> Response {
        let why =
            switch state {
            case .used:
                "This link was already used. Sign in with the password you set, or ask your program for a new link."
            case .expired: "This link has expired. Ask your program for a new one."
            case .revoked: "This link no longer works: a newer link replaced it, or the account was closed."
            case .unknown, .usable: "This link is not one Braid knows. Check that it was copied whole."
            }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("This link cannot be used")),
            .p(.id("invitation-state"), .text(why)),
            .p(.a(.href(SiteURL.login.path), .text("Go to sign-in"))))
        return Response.html(
            Layout.page(title: "Invitation", crisis: req.braid.crisisResources, content),
            status: state == .unknown ? .notFound : .gone)
    }

    static func form(
        token: String, account: UserAccount, purpose: InvitationPurpose, error: ValidationError?,
        crisis: CrisisResources
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(purpose == .welcome ? "Welcome to Braid, \(account.name)" : "Set a new password")),
            .p(
                .text(
                    "Choose a password of at least \(Passwords.minimumLength) characters. Nobody at the program sees "
                        + "it. This link works once.")),
            .unwrap(error) {
                .p(
                    .class("error"), .id("\($0.field)-error"), .attribute(named: "role", value: "alert"),
                    .text($0.message))
            },
            .form(
                .action(SiteURL.invitation(token).path), .method(.post),
                .label(.for("username"), .text("Email (your sign-in)")),
                .input(
                    .type(.text), .name("username"), .id("username"), .value(account.email),
                    .attribute(named: "readonly", value: "readonly"),
                    .attribute(named: "autocomplete", value: "username")),
                .label(.for("password"), .text("New password")),
                .input(
                    .type(.password), .name("password"), .id("password"),
                    .attribute(named: "autocomplete", value: "new-password"),
                    .attribute(named: "minlength", value: String(Passwords.minimumLength))),
                .label(.for("confirm"), .text("The same password again")),
                .input(
                    .type(.password), .name("confirm"), .id("confirm"),
                    .attribute(named: "autocomplete", value: "new-password")),
                .p(.button(.type(.submit), .text("Set my password and sign in")))))
        return Layout.page(title: "Set your password", crisis: crisis, content)
    }
}
