import BraidCore
import Plot

/// The self-check form and its result, in the reader's language. The result is worded from BraidCore's
/// structured result (pattern, reasons, recommendations, PHQ-2), each sentence from the catalog.
enum SelfCheckView {
    static func yesNoUnsure(_ copy: Copy) -> [(String, String)] {
        [("yes", copy(.yes)), ("no", copy(.no)), ("unsure", copy(.selfNotSure))]
    }

    static func form(_ form: SelfCheckForm, crisis: CrisisResources, copy: Copy = .english) -> String {
        Layout.page(
            title: copy(.selfTitle), crisis: crisis, copy: copy, switchFrom: SiteURL.selfCheck.path,
            .group(
                .h1(.text(copy(.selfTitle))),
                .p(.text(copy(.selfIntro))),
                .if(
                    !form.errors.isEmpty,
                    .p(.class("error"), .attribute(named: "role", value: "alert"), .text(copy(.selfProblems)))),
                .form(
                    .action(Layout.publicPath(SiteURL.selfCheck.path, copy)), .method(.post),
                    radios(form, "everDepressed", copy(.selfEverDepressed), yesNoUnsure(copy)),
                    number(form, "depressionAge", copy(.selfDepressionAge)),
                    number(form, "firstUseAge", copy(.selfFirstUseAge)),
                    number(form, "regularUseAge", copy(.selfRegularUseAge)),
                    radios(
                        form, "moodInBreak", copy(.selfMoodInBreak),
                        [
                            ("no-break", copy(.selfNoBreak)), ("stayed-low", copy(.selfStayedLow)),
                            ("lifted", copy(.selfLifted)), ("was-not-low", copy(.selfWasNotLow)),
                        ]),
                    radios(form, "lowsAfterUse", copy(.selfLowsAfterUse), yesNoUnsure(copy)),
                    radios(form, "usesToLiftMood", copy(.selfUsesToLift), yesNoUnsure(copy)),
                    .h2(.text(copy(.selfPHQ2Heading))),
                    radios(form, "phq2_1", copy(.selfPHQ2Item1), phq2Options(copy)),
                    radios(form, "phq2_2", copy(.selfPHQ2Item2), phq2Options(copy)),
                    .p(.class("attribution"), .text(copy(.selfPHQ2Attribution))),
                    .button(.type(.submit), .text(copy(.selfSubmit)))
                )
            ))
    }

    static func phq2Options(_ copy: Copy) -> [(String, String)] {
        [
            ("0", copy(.phqNotAtAll)), ("1", copy(.phqSeveralDays)), ("2", copy(.phqMoreThanHalf)),
            ("3", copy(.phqNearlyEvery)),
        ]
    }

    static func patternKey(_ pattern: OrderingAssessment.Pattern) -> CopyKey {
        switch pattern {
        case .tangled: .selfPatternTangled
        case .depressionFirst: .selfPatternDepressionFirst
        case .useFirst: .selfPatternUseFirst
        case .noDepressiveHistory: .selfPatternNoHistory
        case .undetermined: .selfPatternUndetermined
        }
    }

    static func reasonKey(_ reason: OrderingAssessment.Reason) -> CopyKey {
        switch reason {
        case .onsetBeforeUse: .reasonOnsetBeforeUse
        case .onsetAfterUse: .reasonOnsetAfterUse
        case .onsetSameAge: .reasonOnsetSameAge
        case .onsetUnknown: .reasonOnsetUnknown
        case .lowMoodPersisted: .reasonLowMoodPersisted
        case .lowMoodLifted: .reasonLowMoodLifted
        case .episodeBeganDuringAbstinence: .reasonEpisodeDuringAbstinence
        case .lowsFollowUse: .reasonLowsFollowUse
        case .usesToLiftLowMood: .reasonUsesToLift
        case .noAbstinenceTest: .reasonNoAbstinenceTest
        case .periodTooShort: .reasonPeriodTooShort
        }
    }

    static func recommendationKey(_ recommendation: OrderingAssessment.Recommendation) -> CopyKey {
        switch recommendation {
        case .treatBoth: .recommendTreatBoth
        case .psychiatricEvaluation: .recommendPsychiatric
        case .monitorMood: .recommendMonitor
        case .reassessAfterAbstinence: .recommendReassess
        }
    }

    /// The result's sentences and next steps in the reader's language, in BraidCore's order.
    static func words(_ result: SelfCheckResult, copy: Copy) -> (sentences: [String], steps: [String]) {
        let sentences =
            [copy(patternKey(result.assessment.pattern))]
            + result.assessment.reasons.filter { $0 != .noAbstinenceTest && $0 != .periodTooShort }.map {
                copy(reasonKey($0))
            }
        var steps = result.assessment.recommendations.map { copy(recommendationKey($0)) }
        if result.phq2?.severity == .positive { steps.insert(copy(.selfPHQ2Positive), at: 0) }
        steps.append(copy(.selfSAMHSA))
        return (sentences, steps)
    }

    static func result(_ result: SelfCheckResult, crisis: CrisisResources, copy: Copy = .english) -> String {
        let (sentences, steps) = words(result, copy: copy)
        return Layout.page(
            title: copy(.selfResultTitle), crisis: crisis, copy: copy, emphasizeCrisis: result.showCrisisResources,
            .group(
                .h1(.text(copy(.selfResultTitle))),
                .if(
                    result.showCrisisResources,
                    .div(
                        .class("summary"), .attribute(named: "role", value: "alert"),
                        .p(.strong(.text(Layout.crisisMessage(crisis, copy: copy)))))),
                .div(.class("summary result"), .ul(.forEach(sentences) { .li(.text($0)) })),
                .h2(.text(copy(.selfNext))),
                .ul(.class("result"), .forEach(steps) { .li(.text($0)) }),
                .p(.text(copy(.selfNotDiagnosis))),
                .a(.href(Layout.publicPath(SiteURL.selfCheck.path, copy)), .text(copy(.selfAgain)))
            ))
    }

    static func radios(_ form: SelfCheckForm, _ name: String, _ question: String, _ options: [(String, String)])
        -> Node<HTML.FormContext>
    {
        .fieldset(
            .attribute(named: "aria-describedby", value: form.errors[name] == nil ? nil : "\(name)-error"),
            .element(named: "legend", text: question),
            .unwrap(form.errors[name]) { message in .p(.class("error"), .id("\(name)-error"), .text(message)) },
            .forEach(options) { value, label in
                .label(
                    .class("choice"),
                    .input(
                        .type(.radio), .name(name), .value(value), .id("\(name)-\(value)"),
                        .checked(form.values[name] == value)),
                    .text(label))
            })
    }

    static func number(_ form: SelfCheckForm, _ name: String, _ question: String) -> Node<HTML.FormContext> {
        .div(
            .label(.for(name), .text(question)),
            .unwrap(form.errors[name]) { message in .p(.class("error"), .id("\(name)-error"), .text(message)) },
            .input(
                .type(.number), .name(name), .id(name), .attribute(named: "min", value: "5"),
                .attribute(named: "max", value: "120"), .attribute(named: "inputmode", value: "numeric"),
                .value(form.values[name] ?? ""),
                .attribute(named: "aria-invalid", value: form.errors[name] == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: form.errors[name] == nil ? nil : "\(name)-error"))
        )
    }
}
