import BraidCore
import Plot
import Vapor

/// An error as a page (for anything outside `/api`).
enum ErrorPage {
    static func render(status: HTTPResponseStatus, message: String, crisis: CrisisResources) -> String {
        let title =
            status == .notFound
            ? "Page not found" : status.code < 500 ? "That request could not be used" : "Something went wrong"
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.text(message.prefix(1).uppercased() + message.dropFirst() + ".")),
            .a(.href(SiteURL.home.path), .text("Go to the start page"))
        )
        return Layout.page(title: title, crisis: crisis, content)
    }
}
