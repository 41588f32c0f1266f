import BraidCore
import Foundation
import Plot

/// The client's CBT thought records (§10): the list, newest first, and the form that walks through a record,
/// starting from the client's own thought or one of the starter library's.
enum ThoughtRecordsView {
    static let emotionRows = 3

    static func list(_ records: [StoredRecoveryItem], notice: String?, context: PageContext) -> String {
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.thoughtTitle))),
            ClientForms.notice(notice),
            .p(.text(copy(.thoughtIntro))),
            .p(.a(.class("button"), .href(SiteURL.newThoughtRecord().path), .text(copy(.thoughtWrite)))),
            .if(records.isEmpty, .p(.text(copy(.thoughtNone)))),
            .ul(
                .class("records"),
                .forEach(records.compactMap { item in item.item.thoughtRecord.map { (item.id, $0) } }) { id, record in
                    .li(
                        .class("card"), .attribute(named: "data-record", value: id.uuidString.lowercased()),
                        .h2(.text(copy.shortDate(record.date) + " · " + record.automaticThought)),
                        .p(.strong(.text(copy(.thoughtSituation) + ": ")), .text(record.situation)),
                        .unwrap(record.balancedThought) {
                            .p(.strong(.text(copy(.thoughtBalanced) + ": ")), .text($0))
                        },
                        .ul(
                            .forEach(record.emotions) { emotion in
                                .li(
                                    .text(
                                        "\(emotion.emotion): \(emotion.before)"
                                            + (emotion.after.map { " → \($0)" } ?? "")))
                            }),
                        .if(
                            !record.triggers.isEmpty,
                            .p(
                                .text(
                                    copy(.thoughtTriggers) + ": "
                                        + record.triggers.map { trigger($0, copy) }.joined(separator: ", "))))
                    )
                }),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.thoughtTitle), context: context, content)
    }

    /// A trigger's words: a library trigger in the reader's language, the client's own as written.
    static func trigger(_ id: String, _ copy: Copy) -> String {
        RecoveryTrigger(rawValue: id).map { copy(triggerKey($0)) } ?? id
    }

    static func triggerKey(_ trigger: RecoveryTrigger) -> CopyKey {
        switch trigger {
        case .money: .triggerMoney
        case .alone: .triggerAlone
        case .conflict: .triggerConflict
        case .people: .triggerPeople
        case .places: .triggerPlaces
        case .stress: .triggerStress
        case .boredom: .triggerBoredom
        case .tired: .triggerTired
        case .alcohol: .triggerAlcohol
        case .parties: .triggerParties
        case .lowMood: .triggerLowMood
        case .anxious: .triggerAnxious
        case .pain: .triggerPain
        case .weekend: .triggerWeekend
        }
    }

    static func starterKeys(_ id: String) -> (thought: CopyKey, question: CopyKey)? {
        switch id {
        case "never-happy": (.starterNeverHappy, .starterNeverHappyQuestion)
        case "just-once": (.starterJustOnce, .starterJustOnceQuestion)
        case "already-blown-it": (.starterBlownIt, .starterBlownItQuestion)
        case "cant-cope": (.starterCantCope, .starterCantCopeQuestion)
        case "failure": (.starterFailure, .starterFailureQuestion)
        case "never-better": (.starterNeverBetter, .starterNeverBetterQuestion)
        case "handle-it-now": (.starterHandleIt, .starterHandleItQuestion)
        case "everyone-judges": (.starterJudges, .starterJudgesQuestion)
        case "sober-is-worse": (.starterSoberWorse, .starterSoberWorseQuestion)
        case "need-it-for-energy": (.starterEnergy, .starterEnergyQuestion)
        default: nil
        }
    }

    static func trapKey(_ trap: ThinkingTrap) -> CopyKey {
        switch trap {
        case .allOrNothing: .trapAllOrNothing
        case .fortuneTelling: .trapFortuneTelling
        case .catastrophizing: .trapCatastrophizing
        case .labelling: .trapLabelling
        case .mindReading: .trapMindReading
        case .permissionGiving: .trapPermissionGiving
        case .discountingThePositive: .trapDiscounting
        case .emotionalReasoning: .trapEmotionalReasoning
        }
    }

    /// The form: the starter library first (each opens the form with its thought filled in), then the record's
    /// steps in order.
    static func form(values: [String: String], errors: [String: String], context: PageContext) -> String {
        let copy = context.copy
        let starter = values["starterThought"].flatMap { id in StarterThought.library.first { $0.id == id } }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.thoughtWrite))),
            ClientForms.problems(errors, copy: copy),
            .element(
                named: "details",
                nodes: [
                    .attribute(named: "open", value: "open"),
                    .element(named: "summary", text: copy(.thoughtStarters)),
                    .p(.text(copy(.thoughtStartersIntro))),
                    .ul(
                        .class("starters"),
                        .forEach(StarterThought.library) { item in
                            .li(
                                .a(
                                    .href(SiteURL.newThoughtRecord(starter: item.id).path),
                                    .text(starterKeys(item.id).map { copy($0.thought) } ?? item.id)),
                                .text(" (" + copy(trapKey(item.trap)) + ")"))
                        }),
                ]),
            .unwrap(starter) { item in
                .p(
                    .class("hint"),
                    .text(copy(.thoughtAskYourself) + " " + (starterKeys(item.id).map { copy($0.question) } ?? "")))
            },
            .form(
                .action(SiteURL.thoughtRecords().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                .input(.type(.hidden), .name("starterThought"), .value(values["starterThought"] ?? "")),
                ClientForms.date("date", label: copy(.thoughtDate), values: values, errors: errors),
                ClientForms.textArea(
                    "situation", label: copy(.thoughtSituationLabel), hint: copy(.thoughtSituationHint),
                    values: values, errors: errors, maxLength: ThoughtRecord.maximumTextLength, required: true),
                ClientForms.textArea(
                    "automaticThought", label: copy(.thoughtAutomaticLabel), hint: copy(.thoughtAutomaticHint),
                    values: values, errors: errors, maxLength: ThoughtRecord.maximumThoughtLength, rows: 2,
                    required: true),
                .fieldset(
                    .element(named: "legend", text: copy(.thoughtEmotionsLegend)),
                    .p(.class("hint"), .text(copy(.thoughtEmotionsHint))),
                    ClientForms.error(errors, "emotions"),
                    .forEach(0..<emotionRows) { row in
                        .div(
                            .class("emotion-row"),
                            ClientForms.textField(
                                "emotion\(row)", label: copy(.thoughtEmotion, ["n": String(row + 1)]), values: values,
                                errors: errors, maxLength: 40, list: "emotion-words"),
                            ClientForms.number(
                                "before\(row)", label: copy(.thoughtBefore), range: 0...100, values: values,
                                errors: errors))
                    },
                    .element(
                        named: "datalist",
                        nodes: [.attribute(named: "id", value: "emotion-words")]
                            + emotionWords(copy).map {
                                .element(named: "option", nodes: [.attribute(named: "value", value: $0)])
                            })
                ),
                ClientForms.textArea(
                    "evidenceFor", label: copy(.thoughtEvidenceFor), values: values, errors: errors,
                    maxLength: ThoughtRecord.maximumTextLength),
                ClientForms.textArea(
                    "evidenceAgainst", label: copy(.thoughtEvidenceAgainst), hint: copy(.thoughtEvidenceAgainstHint),
                    values: values, errors: errors, maxLength: ThoughtRecord.maximumTextLength),
                ClientForms.textArea(
                    "balancedThought", label: copy(.thoughtBalancedLabel), hint: copy(.thoughtBalancedHint),
                    values: values, errors: errors, maxLength: ThoughtRecord.maximumTextLength),
                .fieldset(
                    .element(named: "legend", text: copy(.thoughtRerateLegend)),
                    .p(.class("hint"), .text(copy(.thoughtRerateHint))),
                    .forEach(0..<emotionRows) { row in
                        ClientForms.number(
                            "after\(row)", label: copy(.thoughtAfter, ["n": String(row + 1)]), range: 0...100,
                            values: values, errors: errors)
                    }),
                .fieldset(
                    .element(named: "legend", text: copy(.thoughtTriggersLegend)),
                    ClientForms.error(errors, "triggers"),
                    .div(
                        .class("choices"),
                        .forEach(RecoveryTrigger.allCases) { trigger in
                            ClientForms.checkbox(
                                "trigger-\(trigger.rawValue)", label: copy(triggerKey(trigger)),
                                checked: values["trigger-\(trigger.rawValue)"] == "on")
                        }),
                    ClientForms.textField(
                        "ownTrigger", label: copy(.thoughtOwnTrigger), values: values, errors: errors, maxLength: 60)),
                .p(.button(.type(.submit), .text(copy(.thoughtSave))))
            ),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.thoughtWrite), context: context, content)
    }

    static func emotionWords(_ copy: Copy) -> [String] {
        [
            .emotionSad, .emotionAnxious, .emotionAshamed, .emotionAngry, .emotionGuilty, .emotionHopeless,
            .emotionLonely, .emotionBored, .emotionIrritable, .emotionEmpty,
        ].map { copy($0) }
    }

    /// The form as the API's JSON body; form field names map back to the JSON fields for errors.
    static func submission(_ form: [String: String]) -> (body: JSONValue, rows: [Int]) {
        var object = ClientForms.json(
            form,
            text: [
                "date", "situation", "automaticThought", "starterThought", "evidenceFor", "evidenceAgainst",
                "balancedThought",
            ])
        var emotions: [JSONValue] = []
        var rows: [Int] = []
        for row in 0..<emotionRows {
            let name = form["emotion\(row)"] ?? ""
            let before = form["before\(row)"] ?? ""
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty || !before.isEmpty else { continue }
            let emotion = ClientForms.json(
                ["emotion": name, "before": before, "after": form["after\(row)"] ?? ""], text: ["emotion"],
                numbers: ["before", "after"])
            emotions.append(.object(emotion))
            rows.append(row)
        }
        object["emotions"] = .array(emotions)
        var triggers = RecoveryTrigger.allCases.filter { form["trigger-\($0.rawValue)"] == "on" }.map {
            JSONValue.string($0.rawValue)
        }
        if let own = form["ownTrigger"], !own.trimmingCharacters(in: .whitespaces).isEmpty {
            triggers.append(.string(own))
        }
        object["triggers"] = .array(triggers)
        return (.object(object), rows)
    }

    /// Where a JSON field's error shows on the form: `emotions[1].before` by the second row's rating.
    static func formField(_ field: String, rows: [Int]) -> String {
        if field.hasPrefix("emotions["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 9)..<close]), rows.indices.contains(index)
        {
            let row = rows[index]
            let rest = field[field.index(after: close)...]
            switch rest {
            case ".emotion": return "emotion\(row)"
            case ".before": return "before\(row)"
            case ".after": return "after\(row)"
            default: return "emotions"
            }
        }
        if field.hasPrefix("triggers") { return "triggers" }
        return field
    }
}
