// The catalog in English. English: the default, and the fallback.

extension Catalog {
    static let english: [CopyKey: String] = [
        // Layout and crisis banner
        .layoutSkip: "Skip to content",
        .layoutFooter:
            "Braid is decision support for treatment programs. It does not diagnose; a clinician decides. All data in this demo is synthetic.",
        .crisisRegion: "Crisis help",
        .crisisPrompt: "In crisis?",
        .crisisCall: "Call {line}",
        .crisisSpanishOption: "(press 2 for Spanish) or",
        .crisisText: "text {line}",
        .crisisEmergency: "Emergency",
        .crisisProgramLine: "Program line",
        .crisisMessage:
            "You don't have to go through this alone. Call or text {line} (Suicide & Crisis Lifeline) any time; call {emergency} in an emergency",
        .crisisMessageProgram: "; or call your program's 24/7 line, {programLine}",
        .navSafetyPlan: "My safety plan",
        .navRelapsePlan: "My relapse-prevention plan",
        // Dates
        .dayMon: "Mon",
        .dayTue: "Tue",
        .dayWed: "Wed",
        .dayThu: "Thu",
        .dayFri: "Fri",
        .daySat: "Sat",
        .daySun: "Sun",
        .monthJan: "Jan",
        .monthFeb: "Feb",
        .monthMar: "Mar",
        .monthApr: "Apr",
        .monthMay: "May",
        .monthJun: "Jun",
        .monthJul: "Jul",
        .monthAug: "Aug",
        .monthSep: "Sep",
        .monthOct: "Oct",
        .monthNov: "Nov",
        .monthDec: "Dec",
    ]
}
