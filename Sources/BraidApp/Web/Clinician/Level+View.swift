import BraidCore
import Foundation
import Plot

/// The chart's level of care (§6): the current level, the recommendation in plain words with accept and override,
/// the factors form, the level history with dates and every decision. Decision support: the clinician decides.
enum LevelViews {
    typealias Form = Node<HTML.FormContext>

    static func stepWords(_ recommendation: LevelRecommendation) -> String {
        switch recommendation.stepDirection {
        case .up?: "Step up to \(recommendation.level.label)"
        case .down?: "Step down to \(recommendation.level.label)"
        case .stay?: "Stay at \(recommendation.level.label)"
        case nil: "Place at \(recommendation.level.label)"
        }
    }

    static func section(
        _ client: ClientID, view: LevelOfCareView, values: [String: String], errors: [String: String],
        timeZone: TimeZone, names: [UserID: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let evaluation = view.evaluation
        let recommendation = evaluation.recommendation
        return .section(
            .id("level"), .attribute(named: "aria-labelledby", value: "level-heading"),
            .h2(.id("level-heading"), .text("Level of care")),
            .p(
                .attribute(named: "data-current-level", value: evaluation.current?.level.rawValue ?? ""),
                .text(
                    evaluation.current.map { "Current level: \($0.level.label), since \($0.from)." }
                        ?? "Not yet placed: the recommendation is for intake.")),
            .if(
                view.safetyPlanReviewDue,
                .p(
                    .class("proposal"), .id("safety-plan-review"),
                    .text("The level changed: review the safety plan with the client. "),
                    .a(.href(SiteURL.clientSafetyPlan(client).path), .text("Open the safety plan")))),
            .unwrap(errors["decision"] ?? errors["recommendedLevel"]) {
                .p(.class("error"), .id("decision-error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            .if(
                view.status.isInCare,
                .div(
                    .class(recommendation.stepDirection == .up ? "recommendation step-up" : "recommendation"),
                    .attribute(named: "data-recommended-level", value: recommendation.level.rawValue),
                    .attribute(named: "data-step", value: recommendation.stepDirection?.rawValue ?? "intake"),
                    .h3(.text("Recommendation: \(stepWords(recommendation))")),
                    .ul(
                        .forEach(recommendation.rules) { rule in
                            .li(.attribute(named: "data-rule", value: rule.rawValue), .text(rule.sentence))
                        }),
                    .p(
                        .class("meta"),
                        .text(
                            "Computed now from the chart's data (screens in the last 30 days, the latest PHQ-9, use, "
                                + "the criteria count, the level history) and the factors below. It never requires "
                                + "abstinence and never refuses care.")),
                    decisionForms(client, recommendation, values: values, errors: errors, csrfToken: csrfToken)),
                else: .p(.text("Discharged: no level is recommended outside an episode of care."))),
            factorsForm(client, factors: view.factors, errors: errors, csrfToken: csrfToken),
            .h3(.text("Level history")),
            .if(
                view.history.isEmpty, .p(.text("No level yet (admit the client to place them).")),
                else: .ol(
                    .class("level-history"),
                    .forEach(view.history) { period in
                        .li(
                            .text(
                                "\(period.from): \(period.level.label)\(period.decision == nil ? " (admission)" : "")"))
                    })),
            .if(
                !view.decisions.isEmpty,
                .div(
                    .class("table-scroll"),
                    .table(
                        .class("decisions"),
                        .caption(.text("Decisions, newest first")),
                        .thead(.tr(.th("When"), .th("Who"), .th("Recommended"), .th("Decision"), .th("Reason"))),
                        .tbody(
                            .forEach(view.decisions) { decision in
                                .tr(
                                    .td(.text(ClinicianViews.alertTime(decision.decidedAt, timeZone))),
                                    .td(.text(decision.decidedBy.flatMap { names[$0] } ?? "—")),
                                    .td(.text(stepWords(decision.recommendation))),
                                    .td(
                                        .attribute(named: "data-decision", value: decision.kind.rawValue),
                                        .text(
                                            decision.kind == .accepted
                                                ? "Accepted: \(decision.level.label)"
                                                : "Overridden: \(decision.level.label)")),
                                    .td(.text(decision.reason ?? "—")))
                            }))))
        )
    }

    static func decisionForms(
        _ client: ClientID, _ recommendation: LevelRecommendation, values: [String: String],
        errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let others = LevelOfCare.allCases.filter { $0 != recommendation.level }
        return .div(
            .class("decision-forms"),
            .form(
                .action(SiteURL.levelDecision(client).path), .method(.post), .id("accept-level"),
                SignedInViews.csrf(csrfToken),
                .input(.type(.hidden), .name("decision"), .value("accept")),
                .input(.type(.hidden), .name("recommendedLevel"), .value(recommendation.level.rawValue)),
                .button(.type(.submit), .text("Accept: \(stepWords(recommendation))"))),
            .form(
                .action(SiteURL.levelDecision(client).path), .method(.post), .id("override-level"),
                SignedInViews.csrf(csrfToken),
                .input(.type(.hidden), .name("decision"), .value("override")),
                .input(.type(.hidden), .name("recommendedLevel"), .value(recommendation.level.rawValue)),
                .fieldset(
                    .element(named: "legend", text: "Or override, with the reason"),
                    FormFields.error(errors, "level"),
                    FormFields.select(
                        "level", id: "override-level-choice", label: "Level instead",
                        options: others.map { ($0.rawValue, $0.label) }, selected: values["level"]),
                    FormFields.error(errors, "reason"),
                    .label(.for("override-reason"), .text("Reason (kept with the decision)")),
                    .textarea(
                        .name("reason"), .id("override-reason"), .attribute(named: "rows", value: "3"),
                        .text(values["reason"] ?? "")),
                    .button(.type(.submit), .text("Override")))))
    }

    static func factorsForm(
        _ client: ClientID, factors: LevelFactors?, errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        func yesNo(_ name: String, _ label: String, _ value: Bool?) -> Form {
            let current = value.map { $0 ? "true" : "false" } ?? ""
            return .group(
                FormFields.error(errors, name),
                FormFields.select(
                    name, id: "factor-\(name)", label: label,
                    options: [("", "Unknown"), ("false", "No"), ("true", "Yes")], selected: current))
        }
        return .form(
            .action(SiteURL.levelFactors(client).path), .method(.post), .id("level-factors"),
            SignedInViews.csrf(csrfToken),
            .fieldset(
                .element(
                    named: "legend",
                    text: "What the rules cannot derive"
                        + (factors.map { " (last recorded \($0.recordedOn))" } ?? " (not recorded yet)")),
                yesNo("psychosis", "Psychosis", factors?.psychosis),
                yesNo("severeAgitation", "Severe agitation", factors?.severeAgitation),
                yesNo("medicalInstability", "Medical instability", factors?.medicalInstability),
                yesNo(
                    "withdrawalNeedsMedicalManagement", "Withdrawal needs medical management",
                    factors?.withdrawalNeedsMedicalManagement),
                FormFields.error(errors, "recoveryEnvironment"),
                FormFields.select(
                    "recoveryEnvironment", id: "factor-recoveryEnvironment", label: "Recovery environment",
                    options: [("", "Unknown"), ("supportive", "Supportive"), ("unsafe", "Unsafe")],
                    selected: factors?.recoveryEnvironment?.rawValue ?? ""),
                .button(.type(.submit), .text("Save the factors"))))
    }
}

extension LevelFactors {
    /// The factors form as §6's JSON: empty choices are unknown (left out).
    static func json(form: [String: String]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for key in keys {
            guard let value = form[key], !value.isEmpty else { continue }
            switch value {
            case "true": object[key] = .bool(true)
            case "false": object[key] = .bool(false)
            default: object[key] = .string(value)
            }
        }
        return .object(object)
    }
}
