import BraidCore
import Plot
import Vapor

/// An error as a page (for anything outside `/api`).
enum ErrorPage {
    static func render(
        status: HTTPResponseStatus, message: String, crisis: CrisisResources, copy: Copy = .english
    ) -> String {
        let title = copy(status == .notFound ? .errorNotFound : status.code < 500 ? .errorUnusable : .errorServer)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.text(message.prefix(1).uppercased() + message.dropFirst() + ".")),
            .a(.href(Layout.publicPath(SiteURL.home.path, copy)), .text(copy(.errorStart)))
        )
        return Layout.page(title: title, crisis: crisis, copy: copy, content)
    }
}
