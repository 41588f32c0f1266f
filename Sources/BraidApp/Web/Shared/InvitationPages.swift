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
                form(
                    token: token, account: account, purpose: purpose, error: nil, crisis: req.braid.crisisResources,
                    copy: req.publicCopy))
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
                    token: token, account: account, purpose: purpose, error: error, crisis: req.braid.crisisResources,
                    copy: req.publicCopy),
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
        let copy = req.publicCopy
        let why =
            switch state {
            case .used: copy(.inviteUsed)
            case .expired: copy(.inviteExpired)
            case .revoked: copy(.inviteRevoked)
            case .unknown, .usable: copy(.inviteUnknown)
            }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.inviteCannot))),
            .p(.id("invitation-state"), .text(why)),
            .p(.a(.href(Layout.publicPath(SiteURL.login.path, copy)), .text(copy(.inviteSignIn)))))
        return Response.html(
            Layout.page(title: copy(.inviteTitle), crisis: req.braid.crisisResources, copy: copy, content),
            status: state == .unknown ? .notFound : .gone)
    }

    static func form(
        token: String, account: UserAccount, purpose: InvitationPurpose, error: ValidationError?,
        crisis: CrisisResources, copy: Copy = .english
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(purpose == .welcome ? copy(.inviteWelcome, ["name": account.name]) : copy(.inviteNewPassword))),
            .p(.text(copy(.inviteChoose, ["length": String(Passwords.minimumLength)]))),
            .unwrap(error) {
                .p(
                    .class("error"), .id("\($0.field)-error"), .attribute(named: "role", value: "alert"),
                    .text($0.message))
            },
            .form(
                .action(Layout.publicPath(SiteURL.invitation(token).path, copy)), .method(.post),
                .label(.for("username"), .text(copy(.inviteEmail))),
                .input(
                    .type(.text), .name("username"), .id("username"), .value(account.email),
                    .attribute(named: "readonly", value: "readonly"),
                    .attribute(named: "autocomplete", value: "username")),
                .label(.for("password"), .text(copy(.inviteNewPasswordLabel))),
                .input(
                    .type(.password), .name("password"), .id("password"),
                    .attribute(named: "autocomplete", value: "new-password"),
                    .attribute(named: "minlength", value: String(Passwords.minimumLength))),
                .label(.for("confirm"), .text(copy(.inviteConfirm))),
                .input(
                    .type(.password), .name("confirm"), .id("confirm"),
                    .attribute(named: "autocomplete", value: "new-password")),
                .p(.button(.type(.submit), .text(copy(.inviteSubmit))))))
        return Layout.page(
            title: copy(.inviteSetTitle), crisis: crisis, copy: copy, switchFrom: SiteURL.invitation(token).path,
            content)
    }
}
