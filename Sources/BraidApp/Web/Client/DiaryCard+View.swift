import BraidCore
import Foundation
import Plot

/// The client's DBT diary card (§10): the week as a grid, and a form with one part per day (today's open). A
/// suicide urge or self-harm saved here opens a care-team alert, as a check-in's safety answer does.
enum DiaryCardView {
    static func urgeKey(_ urge: DiaryUrge) -> CopyKey {
        switch urge {
        case .use: .urgeUse
        case .selfHarm: .urgeSelfHarm
        case .suicide: .urgeSuicide
        case .quitTherapy: .urgeQuitTherapy
        }
    }

    static func emotionKey(_ emotion: DiaryEmotion) -> CopyKey {
        switch emotion {
        case .misery: .diaryMisery
        case .joy: .diaryJoy
        case .anger: .diaryAnger
        case .fear: .diaryFear
        case .sadness: .diarySadness
        case .shame: .diaryShame
        }
    }

    static func actionKey(_ action: DiaryAction) -> CopyKey {
        switch action {
        case .used: .actionUsed
        case .selfHarm: .actionSelfHarm
        case .medsAsPrescribed: .actionMeds
        }
    }

    static func moduleKey(_ module: DBTModule) -> CopyKey {
        switch module {
        case .mindfulness: .moduleMindfulness
        case .distressTolerance: .moduleDistressTolerance
        case .emotionRegulation: .moduleEmotionRegulation
        case .interpersonalEffectiveness: .moduleInterpersonal
        }
    }

    static func skillKey(_ skill: DBTSkill) -> CopyKey {
        switch skill {
        case .wiseMind: .skillWiseMind
        case .observe: .skillObserve
        case .describe: .skillDescribe
        case .participate: .skillParticipate
        case .nonjudgmental: .skillNonjudgmental
        case .oneMindfully: .skillOneMindfully
        case .stop: .skillStop
        case .tipp: .skillTipp
        case .prosAndCons: .skillProsAndCons
        case .accepts: .skillAccepts
        case .selfSoothe: .skillSelfSoothe
        case .improve: .skillImprove
        case .radicalAcceptance: .skillRadicalAcceptance
        case .urgeSurfing: .skillUrgeSurfing
        case .dialecticalAbstinence: .skillDialecticalAbstinence
        case .burningBridges: .skillBurningBridges
        case .alternateRebellion: .skillAlternateRebellion
        case .checkTheFacts: .skillCheckTheFacts
        case .oppositeAction: .skillOppositeAction
        case .problemSolving: .skillProblemSolving
        case .accumulatePositives: .skillAccumulatePositives
        case .please: .skillPlease
        case .dearMan: .skillDearMan
        case .give: .skillGive
        case .fast: .skillFast
        }
    }

    static let skillsScaleKeys: [CopyKey] = [
        .skills0, .skills1, .skills2, .skills3, .skills4, .skills5, .skills6, .skills7,
    ]

    /// The days of the week that can be filled in (none after today).
    static func days(of weekStart: CalendarDate, today: CalendarDate) -> [CalendarDate] {
        (0..<7).map(weekStart.adding(days:)).filter { $0 <= today }
    }

    /// The read-only week grid: a row per urge, emotion and action, a column per day.
    static func grid(_ card: DiaryCard?, weekStart: CalendarDate, copy: Copy, id: String) -> Node<HTML.BodyContext> {
        let dates = (0..<7).map(weekStart.adding(days:))
        func row(_ label: String, _ value: (DiaryDay) -> String?) -> Node<HTML.TableContext> {
            .tr(
                .th(.attribute(named: "scope", value: "row"), .text(label)),
                .forEach(dates) { date in .td(.text(card?.day(date).flatMap(value) ?? "")) })
        }
        func yesNo(_ value: Bool?) -> String? { value.map { $0 ? copy(.yes) : copy(.no) } }
        return .div(
            .class("grid-scroll"), .attribute(named: "tabindex", value: "0"),
            .attribute(named: "role", value: "region"), .attribute(named: "aria-labelledby", value: "\(id)-caption"),
            .table(
                .class("diary-grid"), .id(id),
                .caption(.id("\(id)-caption"), .text(copy(.diaryWeekOf, ["date": copy.shortDate(weekStart)]))),
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .text(copy(.diaryItem))),
                        .forEach(dates) { date in
                            .th(.attribute(named: "scope", value: "col"), .text(copy.shortDate(date)))
                        })),
                .tbody(
                    .forEach(DiaryUrge.allCases) { urge in
                        row(copy(.diaryUrgeRow, ["urge": copy(urgeKey(urge))])) { $0.urges[urge].map(String.init) }
                    },
                    .forEach(DiaryEmotion.allCases) { emotion in
                        row(copy(emotionKey(emotion))) { $0.emotions[emotion].map(String.init) }
                    },
                    .forEach(DiaryAction.allCases) { action in
                        row(copy(actionKey(action))) { yesNo($0.actions[action]) }
                    },
                    row(copy(.diarySkillsRating)) { $0.skillsRating.map(String.init) },
                    row(copy(.diarySkillsUsed)) { day in
                        day.skillsUsed.isEmpty ? nil : day.skillsUsed.map { copy(skillKey($0)) }.joined(separator: ", ")
                    }
                )))
    }

    static func render(
        card: DiaryCard?, weekStart: CalendarDate, values: [String: String], errors: [String: String],
        notice: String?, context: PageContext
    ) -> String {
        let copy = context.copy
        let today = context.today
        let thisWeek = today.adding(days: 1 - today.isoWeekday)
        let values = values.isEmpty ? formValues(card) : values
        func rating(_ name: String, label: String, scale: ClosedRange<Int>) -> Node<HTML.FormContext> {
            ClientForms.select(
                name, label: label,
                options: [("", "—")] + scale.map { (String($0), String($0)) }, values: values, errors: errors)
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.diaryTitle))),
            ClientForms.notice(notice),
            .p(.text(copy(.diaryIntro))),
            .nav(
                .class("links"), .attribute(named: "aria-label", value: copy(.diaryWeeks)),
                .a(.href(SiteURL.diaryCard(week: weekStart.adding(days: -7)).path), .text(copy(.diaryPrevious))),
                .if(
                    weekStart < thisWeek,
                    .group(
                        .text(" · "),
                        .a(.href(SiteURL.diaryCard(week: weekStart.adding(days: 7)).path), .text(copy(.diaryNext)))))),
            grid(card, weekStart: weekStart, copy: copy, id: "diary-grid"),
            ClientForms.problems(errors, copy: copy),
            .unwrap(errors["days"]) { .p(.class("error"), .text($0)) },
            .form(
                .action(SiteURL.diaryCard().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                .input(.type(.hidden), .name("weekStart"), .value(weekStart.description)),
                .forEach(days(of: weekStart, today: today).reversed()) { date in
                    let prefix = date.description
                    return .element(
                        named: "details",
                        nodes: [
                            date == days(of: weekStart, today: today).last
                                ? .attribute(named: "open", value: "open") : .empty,
                            .element(named: "summary", text: copy.shortDate(date)),
                            .fieldset(
                                .element(named: "legend", text: copy(.diaryUrgesLegend)),
                                .forEach(DiaryUrge.allCases) { urge in
                                    rating("\(prefix).urge.\(urge.rawValue)", label: copy(urgeKey(urge)), scale: 0...5)
                                }),
                            .fieldset(
                                .element(named: "legend", text: copy(.diaryEmotionsLegend)),
                                .forEach(DiaryEmotion.allCases) { emotion in
                                    rating(
                                        "\(prefix).emotion.\(emotion.rawValue)", label: copy(emotionKey(emotion)),
                                        scale: 0...5)
                                }),
                            .fieldset(
                                .element(named: "legend", text: copy(.diaryActionsLegend)),
                                .forEach(DiaryAction.allCases) { action in
                                    ClientForms.select(
                                        "\(prefix).action.\(action.rawValue)", label: copy(actionKey(action)),
                                        options: [("", "—"), ("true", copy(.yes)), ("false", copy(.no))],
                                        values: values, errors: errors)
                                }),
                            .fieldset(
                                .element(named: "legend", text: copy(.diarySkillsLegend)),
                                ClientForms.select(
                                    "\(prefix).skillsRating", label: copy(.diarySkillsRating),
                                    options: [("", "—")]
                                        + skillsScaleKeys.enumerated().map {
                                            (String($0.offset), "\($0.offset) · \(copy($0.element))")
                                        },
                                    values: values, errors: errors),
                                .forEach(DBTModule.allCases) { module in
                                    .div(
                                        .class("choices"),
                                        .p(.strong(.text(copy(moduleKey(module))))),
                                        .forEach(module.skills) { skill in
                                            ClientForms.checkbox(
                                                "\(prefix).skill.\(skill.rawValue)", label: copy(skillKey(skill)),
                                                checked: values["\(prefix).skill.\(skill.rawValue)"] == "on")
                                        })
                                }),
                            ClientForms.textArea(
                                "\(prefix).note", label: copy(.diaryNote), values: values, errors: errors,
                                maxLength: DiaryCard.maximumNoteLength, rows: 2),
                        ])
                },
                .p(.button(.type(.submit), .text(copy(.diarySave))))
            ),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.diaryTitle), context: context, content)
    }

    /// A stored card as the form's values.
    static func formValues(_ card: DiaryCard?) -> [String: String] {
        var values: [String: String] = [:]
        for day in card?.days ?? [] {
            let prefix = day.date.description
            for (urge, value) in day.urges { values["\(prefix).urge.\(urge.rawValue)"] = String(value) }
            for (emotion, value) in day.emotions { values["\(prefix).emotion.\(emotion.rawValue)"] = String(value) }
            for (action, value) in day.actions { values["\(prefix).action.\(action.rawValue)"] = String(value) }
            if let rating = day.skillsRating { values["\(prefix).skillsRating"] = String(rating) }
            for skill in day.skillsUsed { values["\(prefix).skill.\(skill.rawValue)"] = "on" }
            if let note = day.note { values["\(prefix).note"] = note }
        }
        return values
    }

    /// The form as the API's JSON body, with each sent day's date so an error can be put back by its input.
    static func submission(_ form: [String: String], weekStart: CalendarDate, today: CalendarDate)
        -> (body: JSONValue, dates: [CalendarDate])
    {
        var days: [JSONValue] = []
        var dates: [CalendarDate] = []
        for date in self.days(of: weekStart, today: today) {
            let prefix = date.description
            func group<Key: RawRepresentable & CaseIterable>(_ part: String, _: Key.Type) -> JSONValue?
            where Key.RawValue == String {
                var object: [String: JSONValue] = [:]
                for key in Key.allCases {
                    if let text = form["\(prefix).\(part).\(key.rawValue)"], !text.isEmpty {
                        object[key.rawValue] =
                            part == "action"
                            ? (text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text))
                            : Double(text).map(JSONValue.number) ?? .string(text)
                    }
                }
                return object.isEmpty ? nil : .object(object)
            }
            var day: [String: JSONValue] = ["date": .string(prefix)]
            day["urges"] = group("urge", DiaryUrge.self)
            day["emotions"] = group("emotion", DiaryEmotion.self)
            day["actions"] = group("action", DiaryAction.self)
            if let rating = form["\(prefix).skillsRating"], !rating.isEmpty {
                day["skillsRating"] = Double(rating).map(JSONValue.number) ?? .string(rating)
            }
            let skills = DBTSkill.allCases.filter { form["\(prefix).skill.\($0.rawValue)"] == "on" }
            if !skills.isEmpty { day["skillsUsed"] = .array(skills.map { .string($0.rawValue) }) }
            if let note = form["\(prefix).note"], !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                day["note"] = .string(note)
            }
            guard day.count > 1 else { continue }
            days.append(.object(day))
            dates.append(date)
        }
        return (.object(["weekStart": .string(weekStart.description), "days": .array(days)]), dates)
    }

    /// Where a JSON field's error shows: `days[2].urges.use` by that day's urge input.
    static func formField(_ field: String, dates: [CalendarDate]) -> String {
        guard field.hasPrefix("days["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 5)..<close]), dates.indices.contains(index)
        else { return field == "weekStart" ? "days" : field }
        let prefix = dates[index].description
        let parts = field[field.index(after: close)...].split(separator: ".").map(String.init)
        switch parts.first {
        case "urges" where parts.count == 2: return "\(prefix).urge.\(parts[1])"
        case "emotions" where parts.count == 2: return "\(prefix).emotion.\(parts[1])"
        case "actions" where parts.count == 2: return "\(prefix).action.\(parts[1])"
        case "skillsRating": return "\(prefix).skillsRating"
        case "note": return "\(prefix).note"
        default: return "days"
        }
    }
}
