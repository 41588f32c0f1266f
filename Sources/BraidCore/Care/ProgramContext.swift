import Foundation

/// What every service needs to know about a client's program: the program (the tenant), its calendar, its crisis
/// line and its clinical configuration. The program record is the one source of the time zone and the crisis
/// line; configuration only gives the defaults for a new program.
public struct ProgramContext: Sendable {
    public let program: Program
    public let timeZone: TimeZone
    public let clinical: ClinicalConfiguration

    /// A zone the record does not name (never written by Braid, which checks it) falls back to UTC.
    public init(_ program: Program, clinical: ClinicalConfiguration) {
        self.program = program
        timeZone = TimeZone(identifier: program.timeZone) ?? TimeZone(identifier: "UTC")!
        self.clinical = clinical
    }

    public var id: ProgramID { program.id }

    /// 988, 911 and the program's own 24/7 line.
    public var crisisResources: CrisisResources { CrisisResources(programLine: program.crisisLine) }

    /// Today's calendar date in the program's zone.
    public func today(now: Date) -> CalendarDate { CalendarDate(date: now, timeZone: timeZone) }
}
