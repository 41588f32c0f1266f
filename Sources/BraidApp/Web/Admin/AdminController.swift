import BraidCore
import BraidStore
import Vapor

/// The admin's pages: accounts with invitation links, deactivation, care teams, and the program's settings and
/// thresholds. Admins read no clinical content here; other roles get 404 (the pages' existence is not theirs).
enum AdminController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.admin, use: accounts)
        pages.post(.adminAccounts, use: createAccount)
        pages.get(.adminAccount, use: account)
        pages.post(.adminInvitation, use: invite)
        pages.post(.adminDeactivate, use: deactivate)
        pages.post(.adminReactivate, use: reactivate)
        pages.post(.adminCareTeam, use: careTeam)
        pages.get(.settings, use: settings)
        pages.post(.settings, use: saveSettings)
        pages.post(.thresholds, use: saveThresholds)
        pages.post(.contingencySettings, use: saveContingency)
        pages.get(.notificationSettings, use: notifications)
        pages.post(.notificationSettings, use: saveNotifications)
    }

    static func admin(_ req: Request) async throws -> Actor {
        let actor = try await req.requirePageActor()
        guard AccessPolicy.mayManageAccounts(actor) else { throw Abort(.notFound) }
        return actor
    }

    // MARK: - Accounts

    static func rows(_ req: Request, program: ProgramID) async throws -> [AccountRow] {
        let accounts = try await req.repository.users(in: program)
        let links = try await req.repository.openInvitations(in: program, now: req.now)
        let withPassword = try await req.repository.accountsWithPassword(in: program)
        return accounts.map {
            AccountRow(account: $0, invitationExpires: links[$0.id], hasPassword: withPassword.contains($0.id))
        }
    }

    static func clinicians(_ req: Request, program: ProgramID) async throws -> [UserAccount] {
        try await req.repository.users(in: program).filter { $0.role == .clinician && $0.isActive }
            .sorted { $0.name < $1.name }
    }

    static func renderAccounts(
        _ req: Request, actor: Actor, values: [String: String] = [:], errors: [String: String] = [:],
        notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        Response.html(
            AdminViews.accounts(
                rows: try await rows(req, program: actor.programID),
                clinicians: try await clinicians(req, program: actor.programID), values: values, errors: errors,
                notice: notice, context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func accounts(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let notice = req.query[String.self, at: "saved"] == "deactivated" ? "The account was deactivated." : nil
        return try await renderAccounts(req, actor: actor, notice: notice)
    }

    /// The clinician ids checked on a form (`clinician-<id>` boxes).
    static func chosenClinicians(_ form: [String: String]) -> [UserID] {
        form.keys.filter { $0.hasPrefix("clinician-") }.compactMap { UserID(String($0.dropFirst("clinician-".count))) }
    }

    static func createAccount(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let form = try req.verifiedForm()
        let administration = req.administration(by: actor)
        do throws(any Error) {
            let role = try AccountRules.role(form["role"] ?? "", field: "role")
            let team = role == .client ? try await administration.clinicians(ids: chosenClinicians(form)) : []
            var admission: (CalendarDate, LevelOfCare, ReferralSource, CalendarDate)?
            if role == .client, let date = form["admittedOn"], !date.isEmpty {
                let parsed = try EpisodeForms.admission(form)
                admission = (
                    parsed.date, parsed.level, parsed.referral, try await req.program(of: actor).today(now: req.now)
                )
            }
            if role != .client && !chosenClinicians(form).isEmpty {
                throw ValidationError(field: "clinician", "only a client is assigned to a care team")
            }
            let link = try await administration.createAccount(
                role: role, email: form["email"] ?? "", name: form["name"] ?? "", careTeam: team,
                admission: admission)
            return Response.html(
                AdminViews.invitation(link, context: try await req.pageContext(for: actor)), status: .created)
        } catch let error as ValidationError {
            return try await renderAccounts(
                req, actor: actor, values: form, errors: [error.field: error.message], status: .unprocessableEntity)
        }
    }

    /// The account named by `:id`, in the admin's program (404 otherwise).
    static func target(_ req: Request, actor: Actor) async throws -> UserAccount {
        guard let id = req.parameters.get("id").flatMap(UserID.init), let account = try await req.repository.user(id),
            account.programID == actor.programID
        else { throw Abort(.notFound) }
        return account
    }

    static func renderAccount(
        _ req: Request, actor: Actor, account: UserAccount, errors: [String: String] = [:], notice: String? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let row =
            try await rows(req, program: actor.programID).first { $0.account.id == account.id }
            ?? AccountRow(account: account, invitationExpires: nil, hasPassword: false)
        var team: Set<UserID>?
        if account.role == .client,
            let client = try await req.repository.clients(in: actor.programID).first(where: { $0.userID == account.id })
        {
            team = Set(client.careTeam)
        }
        return Response.html(
            AdminViews.account(
                row, careTeam: team, clinicians: try await clinicians(req, program: actor.programID), errors: errors,
                notice: notice, isSelf: account.id == actor.userID, context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func account(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let account = try await target(req, actor: actor)
        let notice: String? =
            switch req.query[String.self, at: "saved"] {
            case "care-team": "Care team saved."
            case "reactivated": "The account can sign in again."
            default: nil
            }
        return try await renderAccount(req, actor: actor, account: account, notice: notice)
    }

    static func invite(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        _ = try req.verifiedForm()
        let account = try await target(req, actor: actor)
        do throws(any Error) {
            let link = try await req.administration(by: actor).invitation(for: account)
            return Response.html(AdminViews.invitation(link, context: try await req.pageContext(for: actor)))
        } catch let error as ValidationError {
            return try await renderAccount(
                req, actor: actor, account: account, errors: [error.field: error.message],
                status: .unprocessableEntity)
        }
    }

    static func deactivate(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        _ = try req.verifiedForm()
        let account = try await target(req, actor: actor)
        do throws(any Error) {
            try await req.administration(by: actor).deactivate(account)
            await req.application.tokenCache.forget(user: account.id)
            return req.redirect(to: SiteURL.admin(saved: "deactivated").path)
        } catch let error as ValidationError {
            return try await renderAccount(
                req, actor: actor, account: account, errors: [error.field: error.message],
                status: .unprocessableEntity)
        }
    }

    static func reactivate(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        _ = try req.verifiedForm()
        let account = try await target(req, actor: actor)
        try await req.administration(by: actor).reactivate(account)
        return req.redirect(to: SiteURL.adminAccount(account.id, saved: "reactivated").path)
    }

    static func careTeam(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let form = try req.verifiedForm()
        let account = try await target(req, actor: actor)
        guard account.role == .client,
            let client = try await req.repository.clients(in: actor.programID).first(where: { $0.userID == account.id })
        else { throw Abort(.notFound) }
        let administration = req.administration(by: actor)
        do throws(any Error) {
            let members = try await administration.clinicians(ids: chosenClinicians(form))
            try await administration.setCareTeam(of: client, to: members)
            return req.redirect(to: SiteURL.adminAccount(account.id, saved: "care-team").path)
        } catch let error as ValidationError {
            return try await renderAccount(
                req, actor: actor, account: account, errors: [error.field: error.message],
                status: .unprocessableEntity)
        }
    }

    // MARK: - Settings

    static func renderSettings(
        _ req: Request, actor: Actor, values: [String: String] = [:], errors: [String: String] = [:],
        notice: String? = nil, contingencyValues: [String: String] = [:], status: HTTPStatus = .ok
    ) async throws -> Response {
        let program = try await req.program(of: actor)
        let history = try await req.repository.settingChanges(in: actor.programID)
        let names = Dictionary(
            uniqueKeysWithValues: try await req.repository.users(in: actor.programID).map { ($0.id, $0.name) })
        let context = try await req.pageContext(for: actor)
        return Response.html(
            AdminViews.settings(
                program: program.program, configuration: program.clinical, history: history, names: names,
                values: values, errors: errors, notice: notice, context: context,
                contingency: AdminViews.contingencyForm(
                    ContingencyProgram.from(history: history), values: contingencyValues, errors: errors,
                    csrfToken: context.csrfToken)),
            status: status)
    }

    static func settings(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let notice: String? =
            switch req.query[String.self, at: "saved"] {
            case "program": "Program settings saved."
            case "thresholds": "Thresholds saved: caseloads follow them from now on."
            case "contingency": "Contingency management saved: new enrollments take these terms."
            case "unchanged": "Nothing changed."
            default: nil
            }
        return try await renderSettings(req, actor: actor, notice: notice)
    }

    static func saveSettings(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let form = try req.verifiedForm()
        let program = try await req.program(of: actor)
        do throws(any Error) {
            let settings = try ProgramSettings(
                name: form["name"] ?? "", timeZone: (form["timeZone"] ?? "").trimmingCharacters(in: .whitespaces),
                crisisLine: form["crisisLine"] ?? "", fields: ("name", "timeZone", "crisisLine"))
            let changed = try await req.administration(by: actor).updateSettings(
                settings, reason: form["reason"] ?? "", current: program.program)
            req.application.programContexts.forget(actor.programID)
            return req.redirect(to: SiteURL.settings(saved: changed == 0 ? "unchanged" : "program").path)
        } catch let error as ValidationError {
            return try await renderSettings(
                req, actor: actor, values: form, errors: [error.field: error.message], status: .unprocessableEntity)
        }
    }

    static func saveThresholds(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let form = try req.verifiedForm()
        let program = try await req.program(of: actor)
        var values: [ClinicalThreshold: Double] = [:]
        var errors: [String: String] = [:]
        for threshold in ClinicalThreshold.allCases {
            guard let text = form[threshold.rawValue] else { continue }
            do { values[threshold] = try threshold.check(text) } catch { errors[error.field] = error.message }
        }
        var shown = form
        shown["thresholdReason"] = form["reason"]
        shown["reason"] = nil
        guard errors.isEmpty else {
            return try await renderSettings(
                req, actor: actor, values: shown, errors: errors, status: .unprocessableEntity)
        }
        do throws(any Error) {
            let changed = try await req.administration(by: actor).setThresholds(
                values, reason: form["reason"] ?? "", current: program.clinical)
            req.application.programContexts.forget(actor.programID)
            return req.redirect(to: SiteURL.settings(saved: changed == 0 ? "unchanged" : "thresholds").path)
        } catch let error as ValidationError {
            return try await renderSettings(
                req, actor: actor, values: shown,
                errors: [error.field == "reason" ? "thresholdReason" : error.field: error.message],
                status: .unprocessableEntity)
        }
    }

    static func saveContingency(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let form = try req.verifiedForm()
        var shown = form
        shown["cmReason"] = form["reason"]
        shown["reason"] = nil
        do throws(any Error) {
            let changed = try await req.administration(by: actor).setContingency(
                AdminViews.contingencyValues(form), reason: form["reason"] ?? "")
            return req.redirect(to: SiteURL.settings(saved: changed == 0 ? "unchanged" : "contingency").path)
        } catch let error as ValidationError {
            return try await renderSettings(
                req, actor: actor, errors: [error.field == "reason" ? "cmReason" : error.field: error.message],
                contingencyValues: shown, status: .unprocessableEntity)
        }
    }

    // MARK: - Notifications

    static func notifications(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let notice: String? =
            switch req.query[String.self, at: "saved"] {
            case "notifications": "Notification settings saved."
            case "unchanged": "Nothing changed."
            default: nil
            }
        return try await renderNotifications(req, actor: actor, notice: notice)
    }

    static func renderNotifications(
        _ req: Request, actor: Actor, values: [String: String] = [:], errors: [String: String] = [:],
        notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let program = try await req.program(of: actor)
        let settings = NotificationSettings.from(history: try await req.repository.settingChanges(in: actor.programID))
        let log = try await req.repository.notifications(in: actor.programID, limit: 100)
        return Response.html(
            AdminViews.notifications(
                settings, onCallNow: settings.rota.covering(at: req.now, in: program.timeZone), log: log,
                values: values, errors: errors, notice: notice, context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func saveNotifications(_ req: Request) async throws -> Response {
        let actor = try await admin(req)
        let form = try req.verifiedForm()
        var shown = form
        shown["notifyReason"] = form["reason"]
        shown["reason"] = nil
        do throws(any Error) {
            let changed = try await req.administration(by: actor).setNotifications(
                AdminViews.notificationValues(form), reason: form["reason"] ?? "")
            return req.redirect(
                to: SiteURL.notificationSettings(saved: changed == 0 ? "unchanged" : "notifications").path)
        } catch let error as ValidationError {
            return try await renderNotifications(
                req, actor: actor, values: shown,
                errors: [error.field == "reason" ? "notifyReason" : error.field: error.message],
                status: .unprocessableEntity)
        }
    }
}
