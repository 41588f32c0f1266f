import BraidCore
import Foundation
import Plot

/// The client's plain view of their treatment plan: what we're working on and how their goals are doing,
/// computed from their own check-ins and scores. No codes, no clinical shorthand; in the client's language.
enum MyPlanView {
    static func problemKey(_ kind: ProblemKind) -> CopyKey {
        switch kind {
        case .stimulantUseDisorder: .planProblemStimulant
        case .depression: .planProblemDepression
        case .anxiety: .planProblemAnxiety
        case .trauma: .planProblemTrauma
        case .sleep: .planProblemSleep
        case .suicideRisk: .planProblemSuicide
        }
    }

    static func progressKey(_ progress: GoalProgress) -> CopyKey {
        switch progress {
        case .met: .planProgressMet
        case .onTrack: .planProgressOnTrack
        case .notMet: .planProgressNotMet
        case .noData: .planProgressNoData
        }
    }

    static func targetKey(_ target: GoalTarget) -> CopyKey {
        switch target {
        case .phq9Below10: .planGoalPHQ9Below10
        case .phq9Below5: .planGoalPHQ9Below5
        case .gad7Below10: .planGoalGAD7Below10
        case .pcl5BelowThreshold: .planGoalPCL5
        case .abstinent21DaysConfirmed: .planGoalAbstinent21
        case .sleep65On5Of7: .planGoalSleep
        case .checkIns6Of7: .planGoalCheckIns
        case .activities2Of7: .planGoalActivities
        case .diaryCard5Of7: .planGoalDiary
        case .groupAttendance80: .planGoalGroups
        }
    }

    static func modalityKey(_ modality: Modality) -> CopyKey {
        switch modality {
        case .cbt: .planModalityCBT
        case .contingencyManagement: .planModalityCM
        case .dbtSkills: .planModalityDBT
        case .psychiatricCare: .planModalityPsychiatric
        case .relapsePrevention: .planModalityRelapse
        case .behavioralActivation: .planModalityActivation
        case .emdr: .planModalityEMDR
        case .somaticExperiencing: .planModalitySomatic
        case .neurofeedback: .planModalityNeurofeedback
        case .breathworkPEMF: .planModalityBreathwork
        }
    }

    static func routeKey(_ route: MedicationRoute) -> CopyKey {
        switch route {
        case .oral: .routeOral
        case .sublingual: .routeSublingual
        case .intramuscular: .routeIntramuscular
        case .subcutaneous: .routeSubcutaneous
        case .transdermal: .routeTransdermal
        case .intranasal: .routeIntranasal
        case .inhaled: .routeInhaled
        case .other: .routeOther
        }
    }

    /// "12 of 14 answered days (86 %)", in the reader's language.
    static func adherence(_ adherence: MedicationAdherence, _ copy: Copy) -> String {
        guard let rate = adherence.rate else { return copy(.medsNoAnswers, ["days": String(adherence.days)]) }
        return copy(
            .medsAdherence,
            [
                "taken": String(adherence.taken), "answered": String(adherence.answered),
                "percent": String(Int((rate * 100).rounded())),
            ])
            + (adherence.unanswered > 0
                ? copy.count(adherence.unanswered, one: .medsUnansweredOne, many: .medsUnansweredMany) : "")
    }

    static func render(_ view: TreatmentPlanView, medications: MedicationsView? = nil, context: PageContext) -> String {
        let copy = context.copy
        let names = Dictionary(uniqueKeysWithValues: view.careTeam.map { ($0.id, $0.name) })
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.navMyPlan))),
            view.current.map { plan -> Node<HTML.BodyContext> in
                .group(
                    .h2(.text(copy(.planWorkingOn))),
                    .ul(
                        .class("my-problems"),
                        .forEach(plan.keptProblems) { problem in
                            .li(
                                .attribute(named: "data-problem", value: problem.kind.rawValue),
                                .strong(.text(copy(problemKey(problem.kind)))),
                                .text(
                                    copy(.planWith) + " "
                                        + problem.interventions.map { copy(modalityKey($0)).lowercasedFirst }
                                        .joined(separator: ", ")))
                        }),
                    .h2(.text(copy(.planMyGoals))),
                    .if(
                        plan.goals.isEmpty, .p(.text(copy(.planNoGoals))),
                        else: .ul(
                            .class("my-goals"),
                            .forEach(plan.goals) { goal in
                                .li(
                                    .attribute(
                                        named: "data-progress", value: view.progress[goal.target]?.rawValue ?? ""),
                                    .strong(.text(copy(targetKey(goal.target)))),
                                    .text(
                                        copy(
                                            .planBy,
                                            [
                                                "date": goal.due.description,
                                                "progress": view.progress[goal.target].map { copy(progressKey($0)) }
                                                    ?? "—",
                                            ])
                                            + (names[goal.owner].map { copy(.planWithOwner, ["name": $0]) } ?? "")))
                            })),
                    .p(
                        .class("meta"),
                        .text(
                            copy(
                                .planSigned,
                                ["signed": plan.signedOn.description, "review": plan.reviewDue.description]))))
            } ?? .p(.text(copy(.planNotSigned))),
            .unwrap(medications) { medications in
                .section(
                    .id("my-medications"), .attribute(named: "aria-labelledby", value: "my-medications-heading"),
                    .h2(.id("my-medications-heading"), .text(copy(.medsTitle))),
                    .if(
                        medications.current.isEmpty, .p(.text(copy(.medsNone))),
                        else: .ul(
                            .class("my-medications"),
                            .forEach(medications.current) { medication in
                                .li(
                                    .strong(.text(medication.name)),
                                    .text(
                                        " \(medication.dose), \(medication.frequency) (\(copy(routeKey(medication.route)).lowercased()))"
                                            + (medication.reason.map { copy(.medsFor, ["reason": $0]) } ?? "")))
                            })),
                    .if(
                        !medications.current.isEmpty,
                        .p(.text(copy(.medsTaken, ["sentence": adherence(medications.adherence30, copy)])))),
                    .p(.class("meta"), .text(copy(.medsNoApproved))),
                    .p(.class("meta"), .text(copy(.medsAntidepressants))))
            },
            .p(.a(.href(SiteURL.today().path), .text(copy(.planBackToToday)))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.navMyPlan), context: context, content)
    }
}

extension String {
    var lowercasedFirst: String {
        // Keep acronyms (CBT, DBT, EMDR) as they are.
        guard let first = first, first.isUppercase, dropFirst().first?.isLowercase == true else { return self }
        return first.lowercased() + dropFirst()
    }
}
