import BraidCore
import Plot

/// The public landing page: what Braid is, for whom, and the self-check.
enum HomeView {
    static func render(crisis: CrisisResources, copy: Copy = .english) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.homeTitle))),
            .p(.text(copy(.homeCycle))),
            .p(.text(copy(.homeBraid))),
            .h2(.text(copy(.homeLinked))),
            .p(.text(copy(.homeMinutes))),
            .a(.class("button"), .href(Layout.publicPath(SiteURL.selfCheck.path, copy)), .text(copy(.homeStart)))
        )
        return Layout.page(title: copy(.homeTitle), crisis: crisis, copy: copy, switchFrom: SiteURL.home.path, content)
    }
}
