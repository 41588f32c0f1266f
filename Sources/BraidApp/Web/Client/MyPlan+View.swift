import BraidCore
import Foundation
import Plot

/// The client's plain view of their treatment plan: what we're working on and how their goals are doing,
/// computed from their own check-ins and scores. No codes, no clinical shorthand.
enum MyPlanView {
    static func render(_ view: TreatmentPlanView, medications: MedicationsView? = nil, context: PageContext) -> String {
        let names = Dictionary(uniqueKeysWithValues: view.careTeam.map { ($0.id, $0.name) })
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("My plan")),
            view.current.map { plan -> Node<HTML.BodyContext> in
                .group(
                    .h2(.text("What we're working on")),
                    .ul(
                        .class("my-problems"),
                        .forEach(plan.keptProblems) { problem in
                            .li(
                                .attribute(named: "data-problem", value: problem.kind.rawValue),
                                .strong(.text(problem.kind.plainWords)),
                                .text(
                                    " — with "
                                        + problem.interventions.map { $0.name.lowercasedFirst }
                                        .joined(separator: ", ")))
                        }),
                    .h2(.text("My goals")),
                    .if(
                        plan.goals.isEmpty, .p(.text("Your team will set goals with you.")),
                        else: .ul(
                            .class("my-goals"),
                            .forEach(plan.goals) { goal in
                                .li(
                                    .attribute(
                                        named: "data-progress", value: view.progress[goal.target]?.rawValue ?? ""),
                                    .strong(.text(goal.target.description)),
                                    .text(
                                        " by \(goal.due): \(view.progress[goal.target]?.plainWords ?? "—")"
                                            + (names[goal.owner].map { " (with \($0))" } ?? "")))
                            })),
                    .p(
                        .class("meta"),
                        .text(
                            "Your team signed this plan on \(plan.signedOn) and reviews it with you by "
                                + "\(plan.reviewDue). Both the cocaine use and the mood are worked on together; you "
                                + "never have to stop using first to get care.")))
            } ?? .p(.text("Your team has not signed a plan with you yet. You can ask about it at your next session.")),
            .unwrap(medications) { medications in
                .section(
                    .id("my-medications"), .attribute(named: "aria-labelledby", value: "my-medications-heading"),
                    .h2(.id("my-medications-heading"), .text("My medications")),
                    .if(
                        medications.current.isEmpty, .p(.text("No medication on your list.")),
                        else: .ul(
                            .class("my-medications"),
                            .forEach(medications.current) { medication in
                                .li(
                                    .strong(.text(medication.name)),
                                    .text(
                                        " \(medication.dose), \(medication.frequency) (\(medication.route.label.lowercased()))"
                                            + (medication.reason.map { " — for \($0)" } ?? "")))
                            })),
                    .if(
                        !medications.current.isEmpty,
                        .p(
                            .text(
                                "In the last 30 days you said you took them as prescribed on \(medications.adherence30.sentence). "
                                    + "Missed doses happen: tell your team, they can help."))),
                    .p(.class("meta"), .text(MedicationFacts.noApprovedMedication)),
                    .p(.class("meta"), .text(MedicationFacts.antidepressants)))
            },
            .p(.a(.href(SiteURL.today().path), .text("Back to Today"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "My plan", context: context, content)
    }
}

extension String {
    var lowercasedFirst: String {
        // Keep acronyms (CBT, DBT, EMDR) as they are.
        guard let first = first, first.isUppercase, dropFirst().first?.isLowercase == true else { return self }
        return first.lowercased() + dropFirst()
    }
}
