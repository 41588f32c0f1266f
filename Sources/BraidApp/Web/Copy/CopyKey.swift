/// The keys of the client-facing text catalog (`Copy`), grouped by the page that uses them. Generated from the
/// catalog's table; each has an English and a Spanish entry.
enum CopyKey: String, CaseIterable, Sendable {
    // MARK: Layout and crisis banner
    case layoutSkip
    case layoutFooter
    case crisisRegion
    case crisisPrompt
    case crisisCall
    case crisisSpanishOption
    case crisisText
    case crisisEmergency
    case crisisProgramLine
    case crisisMessage
    case crisisMessageProgram
    case navSafetyPlan
    case navRelapsePlan
    // MARK: Dates
    case dayMon
    case dayTue
    case dayWed
    case dayThu
    case dayFri
    case daySat
    case daySun
    case monthJan
    case monthFeb
    case monthMar
    case monthApr
    case monthMay
    case monthJun
    case monthJul
    case monthAug
    case monthSep
    case monthOct
    case monthNov
    case monthDec
}
