import Foundation

/// PTSD Checklist for DSM-5 (Weathers et al. 2013; public domain, National Center for PTSD).
enum PCL5 {
    /// DSM-5 symptom clusters by 1-based item position, with the number of endorsed items each needs.
    static let clusters: [(name: String, items: ClosedRange<Int>, needed: Int)] = [
        ("B", 1...5, 1), ("C", 6...7, 1), ("D", 8...14, 2), ("E", 15...20, 2),
    ]

    static let definition = Instrument(
        id: .pcl5, name: "PTSD Checklist for DSM-5 (PCL-5)", timeframe: "past month",
        instructions: "Below is a list of problems that people sometimes have in response to a very stressful "
            + "experience. Please read each problem carefully and then indicate how much you have been bothered "
            + "by that problem in the past month.",
        administration: .selfReport,
        source: "Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 "
            + "(PCL-5). National Center for PTSD, 2013",
        attribution: "Public domain; National Center for PTSD. No LOINC code is confirmed: coded locally as "
            + "urn:braid:instrument.",
        reproducesWording: true,
        items: Instrument.items(
            prefix: "pcl5",
            texts: [
                "Repeated, disturbing, and unwanted memories of the stressful experience?",
                "Repeated, disturbing dreams of the stressful experience?",
                "Suddenly feeling or acting as if the stressful experience were actually happening again (as if "
                    + "you were actually back there reliving it)?",
                "Feeling very upset when something reminded you of the stressful experience?",
                "Having strong physical reactions when something reminded you of the stressful experience (for "
                    + "example, heart pounding, trouble breathing, sweating)?",
                "Avoiding memories, thoughts, or feelings related to the stressful experience?",
                "Avoiding external reminders of the stressful experience (for example, people, places, "
                    + "conversations, activities, objects, or situations)?",
                "Trouble remembering important parts of the stressful experience?",
                "Having strong negative beliefs about yourself, other people, or the world (for example, having "
                    + "thoughts such as: I am bad, there is something seriously wrong with me, no one can be "
                    + "trusted, the world is completely dangerous)?",
                "Blaming yourself or someone else for the stressful experience or what happened after it?",
                "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
                "Loss of interest in activities that you used to enjoy?",
                "Feeling distant or cut off from other people?",
                "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving "
                    + "feelings for people close to you)?",
                "Irritable behavior, angry outbursts, or acting aggressively?",
                "Taking too many risks or doing things that could cause you harm?",
                "Being \"superalert\" or watchful or on guard?",
                "Feeling jumpy or easily startled?",
                "Having difficulty concentrating?",
                "Trouble falling or staying asleep?",
            ],
            options: [
                AnswerOption(0, "Not at all"), AnswerOption(1, "A little bit"), AnswerOption(2, "Moderately"),
                AnswerOption(3, "Quite a bit"), AnswerOption(4, "Extremely"),
            ]),
        requiredItemCount: 20, allowsMissingAnswers: true, panelLOINC: nil, totalLOINC: nil)

    static func score(_ sheet: AnswerSheet, _ configuration: ScoringConfiguration) -> ScoreResult {
        let total = ProratedTotal((1...20).map { sheet[$0] }, maxMissing: configuration.pcl5MaxProratedItems)
        var subscales: [String: Int] = [:]
        var patternMet = true
        // Cluster sums and the DSM-5 pattern use answered items only; a blank item is not an endorsed symptom.
        for cluster in clusters {
            let answers = cluster.items.compactMap { sheet[$0] }
            subscales[cluster.name] = answers.reduce(0, +)
            let endorsed = answers.filter { $0 >= configuration.pcl5EndorsedAt }.count
            if endorsed < cluster.needed { patternMet = false }
        }
        var flags: [ScoreFlag] = []
        let probable = total.total.map { $0 >= configuration.pcl5ProbablePTSDAt }
        if probable == true { flags.append(.probablePTSD) }
        if patternMet { flags.append(.dsm5Pattern) }
        if total.prorated { flags.append(.prorated) }
        return ScoreResult(
            instrument: .pcl5, total: total.total,
            severity: probable.map { $0 ? .probablePTSD : .belowThreshold } ?? .incomplete,
            flags: flags, items: sheet.itemScores, codes: ResultCodes(), subscales: subscales)
    }
}
