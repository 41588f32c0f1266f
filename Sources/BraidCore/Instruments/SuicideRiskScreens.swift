import Foundation

/// Columbia Suicide Severity Rating Scale, screen version (Posner et al. 2011), clinician-administered.
///
/// Electronic use of the exact C-SSRS wording may need a license (Columbia / Clario), so Braid stores
/// answers by item id and shows item topics; a program can load licensed wording as configuration.
enum CSSRS {
    static let askedIfQ2 = SkipCondition(anyYesOf: ["cssrs.q2"], description: "q2 is yes")

    static let definition = Instrument(
        id: .cssrs, name: "Columbia Suicide Severity Rating Scale, screen (C-SSRS)",
        timeframe: "past month; behavior lifetime and past 3 months", instructions: "",
        administration: .clinician,
        source: "Posner K, Brown GK, Stanley B, et al. Am J Psychiatry 2011;168:1266-1277",
        attribution: "Item topics only; exact wording is licensed (Columbia University / Clario).",
        reproducesWording: false,
        items: [
            Item(
                id: "cssrs.q1", position: 1, text: "Wish to be dead (past month)", options: AnswerOption.yesNo,
                loinc: "93246-7"),
            Item(
                id: "cssrs.q2", position: 2, text: "Non-specific active suicidal thoughts (past month)",
                options: AnswerOption.yesNo, loinc: "93247-5"),
            Item(
                id: "cssrs.q3", position: 3, text: "Active suicidal ideation with any methods, without intent",
                options: AnswerOption.yesNo, loinc: "93248-3", askedWhen: askedIfQ2),
            Item(
                id: "cssrs.q4", position: 4, text: "Active suicidal ideation with some intent to act",
                options: AnswerOption.yesNo, loinc: "93249-1", askedWhen: askedIfQ2),
            Item(
                id: "cssrs.q5", position: 5, text: "Active suicidal ideation with specific plan and intent",
                options: AnswerOption.yesNo, loinc: "93250-9", askedWhen: askedIfQ2),
            Item(
                id: "cssrs.q6", position: 6, text: "Any suicidal behavior (lifetime)",
                options: AnswerOption.yesNo, loinc: "93267-3"),
            Item(
                id: "cssrs.q6b", position: 7, text: "Suicidal behavior within the past 3 months",
                options: AnswerOption.yesNo, loinc: "93269-9",
                askedWhen: SkipCondition(anyYesOf: ["cssrs.q6"], description: "q6 is yes")),
        ],
        requiredItemCount: 7, allowsMissingAnswers: false, panelLOINC: nil, totalLOINC: "93374-7")

    /// Columbia triage points: high (Q4, Q5 or Q6b), moderate (Q3 or Q6), low (Q1 or Q2), else none.
    /// "none" means no screen-based flag, not no risk.
    static func score(_ sheet: AnswerSheet) -> ScoreResult {
        let yes = { (position: Int) in sheet[position] == 1 }
        let triage: Severity =
            if yes(4) || yes(5) || yes(7) { .high } else if yes(3) || yes(6) { .moderate } else if yes(1) || yes(2) {
                .low
            } else { .none }
        return ScoreResult(
            instrument: .cssrs, total: nil, severity: triage,
            flags: riskFlags(any: triage != .none, acute: triage == .high),
            items: sheet.itemScores, codes: ResultCodes(loinc: definition.totalLOINC))
    }

    static func riskFlags(any: Bool, acute: Bool) -> [ScoreFlag] {
        acute ? [.suicideRisk, .acuteSuicideRisk] : any ? [.suicideRisk] : []
    }
}

/// Ask Suicide-Screening Questions (NIMH; public domain), a self-screen.
enum ASQ {
    static let definition = Instrument(
        id: .asq, name: "Ask Suicide-Screening Questions (ASQ)", timeframe: "past few weeks; right now",
        instructions: "Ask the patient:", administration: .selfReport,
        source:
            "Horowitz LM, Bridge JA, Teach SJ, et al. Arch Pediatr Adolesc Med 2012;166:1170-1176; NIMH ASQ toolkit",
        attribution: "Public domain; National Institute of Mental Health.", reproducesWording: true,
        items: [
            Item(
                id: "asq.q1", position: 1, text: "In the past few weeks, have you wished you were dead?",
                options: AnswerOption.yesNo),
            Item(
                id: "asq.q2", position: 2,
                text: "In the past few weeks, have you felt that you or your family would be better off if you "
                    + "were dead?", options: AnswerOption.yesNo),
            Item(
                id: "asq.q3", position: 3,
                text: "In the past week, have you been having thoughts about killing yourself?",
                options: AnswerOption.yesNo),
            Item(
                id: "asq.q4", position: 4, text: "Have you ever tried to kill yourself?",
                options: AnswerOption.yesNo),
            Item(
                id: "asq.q5", position: 5, text: "Are you having thoughts of killing yourself right now?",
                options: AnswerOption.yesNo,
                askedWhen: SkipCondition(
                    anyYesOf: ["asq.q1", "asq.q2", "asq.q3", "asq.q4"], description: "any of q1–q4 is yes")),
        ],
        requiredItemCount: 5, allowsMissingAnswers: false, panelLOINC: nil, totalLOINC: nil)

    /// Negative if Q1–Q4 are all no; acute positive if Q5 is yes; otherwise non-acute positive.
    static func score(_ sheet: AnswerSheet) -> ScoreResult {
        let anyYes = (1...4).contains { sheet[$0] == 1 }
        let result: Severity = !anyYes ? .negative : sheet[5] == 1 ? .acutePositive : .nonAcutePositive
        return ScoreResult(
            instrument: .asq, total: nil, severity: result,
            flags: CSSRS.riskFlags(any: anyYes, acute: result == .acutePositive), items: sheet.itemScores,
            codes: ResultCodes())
    }
}
