import Foundation

/// DSM-5 stimulant (cocaine) use disorder criteria, past 12 months. Criterion text is a topic summary
/// (the DSM-5 wording is the American Psychiatric Association's).
enum StimulantUseDisorder {
    /// Criteria 10 (tolerance) and 11 (withdrawal) are not counted under supervised prescribed stimulants.
    static let pharmacologicalCriteria: Set<Int> = [10, 11]

    static let definition = Instrument(
        id: .stimulantSUD, name: "DSM-5 stimulant use disorder criteria (cocaine)", timeframe: "past 12 months",
        instructions: "Criteria met in the past 12 months (1 = yes, 0 = no).", administration: .clinician,
        source: "American Psychiatric Association. DSM-5, 2013: Stimulant Use Disorder",
        attribution: "Criterion topics only; DSM-5 wording is copyright the American Psychiatric Association.",
        reproducesWording: false,
        items: Instrument.items(
            prefix: "stimulant-sud",
            texts: [
                "Taken in larger amounts or over a longer period than intended",
                "Persistent desire or unsuccessful efforts to cut down or control use",
                "Great deal of time spent obtaining, using or recovering",
                "Craving, or a strong desire or urge to use",
                "Recurrent use resulting in failure to fulfil major role obligations",
                "Continued use despite social or interpersonal problems caused or worsened by it",
                "Important activities given up or reduced because of use",
                "Recurrent use in physically hazardous situations",
                "Continued use despite a physical or psychological problem caused or worsened by it",
                "Tolerance",
                "Withdrawal",
            ],
            options: AnswerOption.yesNo),
        requiredItemCount: 11, allowsMissingAnswers: true, panelLOINC: nil, totalLOINC: nil)

    static func score(_ sheet: AnswerSheet, _ configuration: ScoringConfiguration) -> ScoreResult {
        let excluded = sheet.context.prescribedStimulant
        let counted = (1...11).filter { !(excluded && pharmacologicalCriteria.contains($0)) }
        // A criterion count with a blank is only a lower bound: report it as incomplete rather than guess.
        let total: Int? =
            counted.contains { sheet[$0] == nil } ? nil : counted.filter { sheet[$0] == 1 }.count
        let severity = total.map(configuration.stimulantBands.severity(for:)) ?? .incomplete
        return ScoreResult(
            instrument: .stimulantSUD, total: total, severity: severity,
            flags: excluded ? [.toleranceWithdrawalExcluded] : [], items: sheet.itemScores,
            codes: codes(for: severity))
    }

    /// ICD-10-CM and SNOMED CT for a use disorder of the given severity: mild → F14.10 (cocaine abuse),
    /// moderate or severe → F14.20 (cocaine dependence); no code below the threshold.
    static func codes(for severity: Severity) -> ResultCodes {
        switch severity {
        case .mild: ResultCodes(icd10cm: "F14.10", snomed: "78267003")
        case .moderate, .severe: ResultCodes(icd10cm: "F14.20", snomed: "31956009")
        default: ResultCodes()
        }
    }
}

/// Severity of Dependence Scale for cocaine (Gossop et al. 1995); item text is a topic summary.
enum SDS {
    static let frequency = [
        AnswerOption(0, "Never or almost never"), AnswerOption(1, "Sometimes"), AnswerOption(2, "Often"),
        AnswerOption(3, "Always or nearly always"),
    ]

    static let definition = Instrument(
        id: .sds, name: "Severity of Dependence Scale, cocaine (SDS)", timeframe: "past 12 months",
        instructions: "About your use of cocaine:", administration: .selfReport,
        source: "Gossop M, et al. Addiction 1995;90:607-614; cocaine cut-off ≥ 3: Kaye S, Darke S. "
            + "Addiction 2002;97:727-731",
        attribution: "Item topics summarized.", reproducesWording: false,
        items: [
            Item(id: "sds.1", position: 1, text: "Felt that use was out of control", options: frequency),
            Item(
                id: "sds.2", position: 2, text: "Anxious or worried at the prospect of missing a use",
                options: frequency),
            Item(id: "sds.3", position: 3, text: "Worried about own use", options: frequency),
            Item(id: "sds.4", position: 4, text: "Wished to be able to stop", options: frequency),
            Item(
                id: "sds.5", position: 5, text: "How difficult it would be to stop or go without",
                options: [
                    AnswerOption(0, "Not difficult"), AnswerOption(1, "Quite difficult"),
                    AnswerOption(2, "Very difficult"), AnswerOption(3, "Impossible"),
                ]),
        ],
        requiredItemCount: 5, allowsMissingAnswers: true, panelLOINC: nil, totalLOINC: nil)

    static func score(_ sheet: AnswerSheet, _ configuration: ScoringConfiguration) -> ScoreResult {
        let total = ProratedTotal((1...5).map { sheet[$0] }, maxMissing: 0).total
        let above = total.map { $0 >= configuration.sdsLikelyDependenceAt }
        return ScoreResult(
            instrument: .sds, total: total,
            severity: above.map { $0 ? .aboveCutoff : .belowCutoff } ?? .incomplete,
            flags: above == true ? [.likelyDependence] : [], items: sheet.itemScores, codes: ResultCodes())
    }
}
