import BraidCore
import Foundation
import Plot

/// Pieces every signed-in page shares (the CSRF field, sign-out) and the sign-in page.
enum SignedInViews {
    static func csrf(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("_csrf"), .value(token))
    }

    static func signOut(_ token: String, copy: Copy = .english) -> Node<HTML.BodyContext> {
        .form(
            .class("signout"), .action(SiteURL.logout.path), .method(.post), csrf(token),
            .button(.type(.submit), .text(copy(.signOut))), .text(" "),
            .button(.type(.submit), .name("everywhere"), .value("1"), .text(copy(.signOutEverywhere))))
    }

    static func login(
        email: String, error: String?, notice: String? = nil, crisis: CrisisResources, copy: Copy = .english
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.loginTitle))),
            .unwrap(notice) {
                .p(.class("summary"), .id("login-notice"), .attribute(named: "role", value: "status"), .text($0))
            },
            .unwrap(error) {
                .p(.class("error"), .id("login-error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            .form(
                .action(Layout.publicPath(SiteURL.login.path, copy)), .method(.post),
                .label(.for("email"), .text(copy(.loginEmail))),
                .input(
                    .type(.email), .name("email"), .id("email"), .value(email),
                    .attribute(named: "autocomplete", value: "email")),
                .label(.for("password"), .text(copy(.loginPassword))),
                .input(
                    .type(.password), .name("password"), .id("password"),
                    .attribute(named: "autocomplete", value: "current-password")),
                .p(.button(.type(.submit), .text(copy(.loginTitle))))
            )
        )
        return Layout.page(
            title: copy(.loginTitle), crisis: crisis, copy: copy, switchFrom: SiteURL.login.path, content)
    }
}
