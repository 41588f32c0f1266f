import Foundation

/// Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606).
enum PHQ9 {
    static let texts = [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety "
            + "or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ]
    // LOINC items 1–9. Item 9 is 44260-8; 44261-6 is the total (some public code maps confuse the two).
    static let itemLOINC = [
        "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8",
    ]
    static let functionalItem = Item(
        id: "phq9.10", position: 10,
        text: "If you checked off any problems, how difficult have these problems made it for you to do your work, "
            + "take care of things at home, or get along with other people?",
        options: [
            AnswerOption(0, "Not difficult at all"), AnswerOption(1, "Somewhat difficult"),
            AnswerOption(2, "Very difficult"), AnswerOption(3, "Extremely difficult"),
        ],
        loinc: "69722-7")

    static let attribution =
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
        + "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."

    static let definition = Instrument(
        id: .phq9, name: "Patient Health Questionnaire-9 (PHQ-9)", timeframe: "past 2 weeks",
        instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        administration: .selfReport,
        source: "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606-613",
        attribution: attribution, reproducesWording: true,
        items: Instrument.items(prefix: "phq9", texts: texts, options: AnswerOption.frequency, loinc: itemLOINC)
            + [functionalItem],
        requiredItemCount: 9, allowsMissingAnswers: true, panelLOINC: "44249-1", totalLOINC: "44261-6")

    static func score(_ sheet: AnswerSheet, _ configuration: ScoringConfiguration) -> ScoreResult {
        let symptomItems = (1...9).map { sheet[$0] }
        let total = ProratedTotal(symptomItems, maxMissing: configuration.phq9MaxProratedItems)
        var flags: [ScoreFlag] = []
        // Item 9 > 0 is a suicide-risk signal whatever the total; a blank item 9 must be asked by the team.
        switch sheet[9] {
        case .some(let item9) where item9 > 0: flags.append(.suicideRisk)
        case .none: flags.append(.item9Unanswered)
        default: break
        }
        if total.prorated { flags.append(.prorated) }
        if let days = sheet.context.daysSinceLastUse, days <= configuration.earlyAbstinenceDays {
            flags.append(.earlyAbstinence)
        }
        return ScoreResult(
            instrument: .phq9, total: total.total,
            severity: total.total.map(configuration.phq9Bands.severity(for:)) ?? .incomplete,
            flags: flags, items: sheet.itemScores, codes: ResultCodes(loinc: definition.totalLOINC))
    }
}

/// PHQ-2: the first two PHQ-9 items as a depression screen (Kroenke, Spitzer & Williams 2003).
enum PHQ2 {
    static let definition = Instrument(
        id: .phq2, name: "Patient Health Questionnaire-2 (PHQ-2)", timeframe: "past 2 weeks",
        instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        administration: .selfReport,
        source: "Kroenke K, Spitzer RL, Williams JBW. Med Care 2003;41:1284-1292",
        attribution: PHQ9.attribution, reproducesWording: true,
        items: Instrument.items(
            prefix: "phq2", texts: Array(PHQ9.texts.prefix(2)), options: AnswerOption.frequency,
            loinc: Array(PHQ9.itemLOINC.prefix(2))),
        requiredItemCount: 2, allowsMissingAnswers: true, panelLOINC: nil, totalLOINC: "55758-7")

    static func score(_ sheet: AnswerSheet, _ configuration: ScoringConfiguration) -> ScoreResult {
        // Two items leave nothing to prorate from: any blank makes the screen incomplete.
        let total = ProratedTotal([sheet[1], sheet[2]], maxMissing: 0).total
        let positive = total.map { $0 >= configuration.phq2PositiveAt }
        return ScoreResult(
            instrument: .phq2, total: total,
            severity: positive.map { $0 ? .positive : .negative } ?? .incomplete,
            flags: positive == true ? [.positiveScreen] : [], items: sheet.itemScores,
            codes: ResultCodes(loinc: definition.totalLOINC))
    }
}

/// Generalized Anxiety Disorder-7 (Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092).
enum GAD7 {
    static let definition = Instrument(
        id: .gad7, name: "Generalized Anxiety Disorder-7 (GAD-7)", timeframe: "past 2 weeks",
        instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        administration: .selfReport,
        source: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. Arch Intern Med 2006;166:1092-1097",
        attribution: PHQ9.attribution, reproducesWording: true,
        items: Instrument.items(
            prefix: "gad7",
            texts: [
                "Feeling nervous, anxious, or on edge",
                "Not being able to stop or control worrying",
                "Worrying too much about different things",
                "Trouble relaxing",
                "Being so restless that it is hard to sit still",
                "Becoming easily annoyed or irritable",
                "Feeling afraid, as if something awful might happen",
            ],
            options: AnswerOption.frequency,
            loinc: ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]),
        requiredItemCount: 7, allowsMissingAnswers: true, panelLOINC: "69737-5", totalLOINC: "70274-6")

    static func score(_ sheet: AnswerSheet, _ configuration: ScoringConfiguration) -> ScoreResult {
        let total = ProratedTotal((1...7).map { sheet[$0] }, maxMissing: configuration.gad7MaxProratedItems)
        return ScoreResult(
            instrument: .gad7, total: total.total,
            severity: total.total.map(configuration.gad7Bands.severity(for:)) ?? .incomplete,
            flags: total.prorated ? [.prorated] : [], items: sheet.itemScores,
            codes: ResultCodes(loinc: definition.totalLOINC))
    }
}
