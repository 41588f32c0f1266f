import BraidCore
import Plot

/// The public landing page: what Braid is, for whom, and the self-check.
enum HomeView {
    static let cycle =
        "Cocaine pulls mood down: the high is followed by a crash, and repeated crashes deepen the low. Low mood "
        + "pulls people back toward cocaine. After a while nobody can say which came first, and treating only one "
        + "side stalls."
    static let braid =
        "Braid helps outpatient programs treat both in one plan, with one team, without requiring you to stop "
        + "first: a quick daily check-in, your own pattern explained with your data, and a care team that sees "
        + "what needs attention first."

    static func render(crisis: CrisisResources) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("Cocaine use and depression, treated together")),
            .p(.text(cycle)),
            .p(.text(braid)),
            .h2(.text("Are the two linked for you?")),
            .p(.text("A few questions, about three minutes. Nothing you answer is stored.")),
            .a(.class("button"), .href(SiteURL.selfCheck.path), .text("Start the self-check"))
        )
        return Layout.page(title: "Cocaine use and depression, treated together", crisis: crisis, content)
    }
}
