import BraidCore
import Foundation
import Plot

/// The chart's treatment plan (§7): the signed plan with each goal's computed progress, and the builder that
/// starts from what the data suggest (problems with their codes, suggested interventions pre-ticked, goals with a
/// due date and an owner) and signs a new version.
enum PlanViews {
    typealias Form = Node<HTML.FormContext>

    static func progressWord(_ progress: GoalProgress?) -> String { progress?.plainWords ?? "—" }

    static func current(_ plan: SignedPlan, view: TreatmentPlanView, names: [UserID: String]) -> Node<HTML.BodyContext>
    {
        let signer = names[plan.signedBy] ?? "the care team"
        let due = view.reviewDue ? " (due now)." : "."
        let summary =
            "Version \(plan.version), signed \(plan.signedOn) by \(signer). Next review \(plan.reviewDue)\(due)"
        return .div(
            .class("signed-plan"), .attribute(named: "data-plan-version", value: String(plan.version)),
            .p(.text(summary)),
            .ul(
                .class("plan-problems"),
                .forEach(plan.keptProblems) { problem in
                    .li(
                        .attribute(named: "data-problem", value: problem.kind.rawValue),
                        .strong(.text(problem.statement)),
                        .text(
                            (problem.icd10.map { " · \($0)\(problem.provisional ? " (provisional)" : "")" } ?? "")
                                + ": " + problem.interventions.map(\.name).joined(separator: ", ")))
                }),
            .if(
                !plan.goals.isEmpty,
                .table(
                    .class("goals"), .caption(.text("Goals, with progress computed from the data")),
                    .thead(.tr(.th("Goal"), .th("Due"), .th("Owner"), .th("Progress"))),
                    .tbody(
                        .forEach(plan.goals) { goal in
                            .tr(
                                .td(.text(goal.target.description)), .td(.text(goal.due.description)),
                                .td(.text(names[goal.owner] ?? "—")),
                                .td(
                                    .attribute(
                                        named: "data-progress", value: view.progress[goal.target]?.rawValue ?? ""),
                                    .text(progressWord(view.progress[goal.target]))))
                        }))))
    }

    static func section(
        _ client: ClientID, view: TreatmentPlanView, errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let names = Dictionary(uniqueKeysWithValues: view.careTeam.map { ($0.id, $0.name) })
        return .section(
            .id("plan"), .attribute(named: "aria-labelledby", value: "plan-heading"),
            .h2(.id("plan-heading"), .text("Treatment plan")),
            .unwrap(errors.sorted { $0.key < $1.key }.first) { error in
                .p(
                    .class("error"), .id("plan-error"), .attribute(named: "role", value: "alert"),
                    .text("\(error.key): \(error.value)"))
            },
            view.current.map { current($0, view: view, names: names) } ?? .p(.text("No plan signed yet.")),
            builder(client, view: view, csrfToken: csrfToken),
            .if(
                view.versions.count > 1,
                .p(
                    .class("meta"),
                    .text(
                        "Earlier versions, kept: "
                            + view.versions.dropFirst().map { "v\($0.version) (\($0.signedOn))" }.joined(
                                separator: ", "))))
        )
    }

    /// The problems the builder offers: the derived ones, then those of the current plan no longer derived.
    static func offered(_ view: TreatmentPlanView) -> [(
        kind: ProblemKind, derived: DerivedProblem?, kept: PlanProblem?
    )] {
        var rows = view.derived.map { derived in
            (
                kind: derived.kind, derived: Optional(derived),
                kept: view.current?.problems.first { $0.kind == derived.kind }
            )
        }
        for problem in view.current?.keptProblems ?? [] where !rows.contains(where: { $0.kind == problem.kind }) {
            rows.append((problem.kind, nil, problem))
        }
        return rows
    }

    static func builder(_ client: ClientID, view: TreatmentPlanView, csrfToken: String) -> Node<HTML.BodyContext> {
        let rows = offered(view)
        let targets = GoalTarget.allCases.filter { target in rows.contains { $0.kind == target.problem } }
        return .details(
            .if(view.reviewDue, .attribute(named: "open", value: "open")),
            .element(
                named: "summary",
                text: view.current == nil ? "Build the plan from the data" : "Review and sign a new version"),
            .form(
                .action(SiteURL.signPlan(client).path), .method(.post), .id("plan-builder"),
                SignedInViews.csrf(csrfToken),
                .if(rows.isEmpty, .p(.text("The data suggest no problem yet: record the intake instruments first."))),
                .forEach(rows) { row in
                    problemFieldset(row.kind, derived: row.derived, kept: row.kept)
                },
                .if(
                    !targets.isEmpty,
                    .fieldset(
                        .element(named: "legend", text: "Goals (each tied to its data)"),
                        .forEach(targets) { target in
                            let existing = view.current?.goals.first { $0.target == target }
                            let key = "goal.\(target.rawValue)"
                            return .div(
                                .class("goal-row"),
                                .label(
                                    .class("choice"),
                                    .input(
                                        .type(.checkbox), .name(key), .value("on"),
                                        .checked(existing != nil || view.current == nil)),
                                    .text(target.description)),
                                .label(.for("\(key).due"), .text("Due")),
                                .input(
                                    .type(.date), .name("\(key).due"), .id("\(key).due"),
                                    // A goal whose date has passed is offered a new one at the review.
                                    .value(
                                        (existing.map(\.due).flatMap { $0 > view.today ? $0 : nil }
                                            ?? view.defaultDue(target)).description)),
                                FormFields.select(
                                    "\(key).owner", id: "\(key).owner", label: "Owner",
                                    options: view.careTeam.map { ($0.id.description, $0.name) },
                                    selected: existing?.owner.description))
                        })),
                .button(.type(.submit), .text("Sign this version"))))
    }

    static func problemFieldset(_ kind: ProblemKind, derived: DerivedProblem?, kept: PlanProblem?) -> Form {
        let key = "problem.\(kind.rawValue)"
        let chosen = Set(kept?.interventions ?? derived?.suggested ?? [])
        return .fieldset(
            .attribute(named: "data-problem", value: kind.rawValue),
            .element(
                named: "legend",
                text: kind.title
                    + (derived?.icd10.map { " · \($0)\(derived?.provisional == true ? " (provisional)" : "")" } ?? "")),
            .p(.class("meta"), .text(derived?.because ?? "In the current plan; no longer suggested by the data.")),
            FormFields.select(
                "\(key).decision", id: "\(key).decision", label: "Decision",
                options: [("accepted", "Accept"), ("edited", "Edit the wording"), ("dismissed", "Dismiss")],
                selected: kept?.decision.rawValue ?? "accepted"),
            .label(.for("\(key).statement"), .text("Wording (when edited)")),
            .input(
                .type(.text), .name("\(key).statement"), .id("\(key).statement"),
                .value(kept?.decision == .edited ? kept?.statement ?? "" : "")),
            .label(.for("\(key).reason"), .text("Reason (needed to edit or dismiss)")),
            .input(.type(.text), .name("\(key).reason"), .id("\(key).reason"), .value(kept?.reason ?? "")),
            .p(.text("Interventions (suggested ones ticked):")),
            .forEach(Modality.allCases) { modality in
                .label(
                    .class("choice"),
                    .input(
                        .type(.checkbox), .name("\(key).intervention.\(modality.rawValue)"), .value("on"),
                        .checked(chosen.contains(modality))),
                    .text(
                        "\(modality.name) — \(modality.group.rawValue); for \(modality.indication); evidence: "
                            + modality.evidence
                            + (derived?.suggested.contains(modality) == true ? " (suggested)" : "")))
            })
    }

    /// The builder form as the plan request's JSON.
    static func request(form: [String: String]) -> JSONValue {
        var problems: [JSONValue] = []
        for kind in ProblemKind.allCases {
            let key = "problem.\(kind.rawValue)"
            guard let decision = form["\(key).decision"] else { continue }
            var object: [String: JSONValue] = [
                "kind": .string(kind.rawValue), "decision": .string(decision),
                "interventions": .array(
                    Modality.allCases.filter { form["\(key).intervention.\($0.rawValue)"] == "on" }.map {
                        .string($0.rawValue)
                    }),
            ]
            if let statement = form["\(key).statement"], !statement.isEmpty { object["statement"] = .string(statement) }
            if let reason = form["\(key).reason"], !reason.isEmpty { object["reason"] = .string(reason) }
            problems.append(.object(object))
        }
        var goals: [JSONValue] = []
        for target in GoalTarget.allCases where form["goal.\(target.rawValue)"] == "on" {
            let key = "goal.\(target.rawValue)"
            goals.append(
                .object([
                    "target": .string(target.rawValue), "due": .string(form["\(key).due"] ?? ""),
                    "owner": .string(form["\(key).owner"] ?? ""),
                ]))
        }
        return .object(["problems": .array(problems), "goals": .array(goals)])
    }
}
