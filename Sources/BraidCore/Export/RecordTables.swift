import Foundation

/// A column of an exported table, with the type a reader should load it as (docs/exports.md).
public struct ExportColumn: Sendable, Hashable {
    /// How a column's cells are written, and the pandas dtype that loads them.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Text; empty when absent. pandas `string`.
        case text
        /// A calendar date, `YYYY-MM-DD`. pandas `datetime64[ns]` (with `parse_dates`).
        case date
        /// An instant in UTC, ISO 8601 with `Z`. pandas `datetime64[ns, UTC]` (with `parse_dates`).
        case instant
        /// A whole number; empty when absent. pandas `Int64`.
        case integer
        /// A decimal number; empty when absent. pandas `float64`.
        case decimal
        /// `true` or `false`; empty when absent. pandas `boolean`.
        case boolean

        public var pandasType: String {
            switch self {
            case .text: "string"
            case .date: "datetime64[ns]"
            case .instant: "datetime64[ns, UTC]"
            case .integer: "Int64"
            case .decimal: "float64"
            case .boolean: "boolean"
            }
        }
    }

    public let name: String
    public let kind: Kind
    public let meaning: String

    public init(_ name: String, _ kind: Kind, _ meaning: String) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
    }
}

/// One exported table: its columns and its rows as written (RFC 4180 quoting where a cell needs it).
public struct ExportTable: Sendable, Hashable {
    public let name: String
    public let columns: [ExportColumn]
    public private(set) var rows: [[String]] = []

    public init(name: String, columns: [ExportColumn]) {
        self.name = name
        self.columns = columns
    }

    /// The file name: `NAME.csv`.
    public var fileName: String { "\(name).csv" }

    mutating func append(_ cells: [String]) {
        precondition(
            cells.count == columns.count, "\(name): a row of \(cells.count) cells for \(columns.count) columns")
        rows.append(cells)
    }

    public var csv: String {
        var text = columns.map(\.name).joined(separator: ",") + "\n"
        for row in rows { text += row.map(Self.quoted).joined(separator: ",") + "\n" }
        return text
    }

    /// A cell as CSV: quoted (with doubled quotes) when it holds a comma, a quote or a line break.
    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Everything the record export reads about one client: plain data from the store.
public struct ClientRecordData: Sendable {
    public let clientID: ClientID
    public let checkIns: [StoredCheckIn]
    public let assessments: [StoredAssessment]
    public let screens: [StoredScreen]
    public let episodes: [Episode]
    public let decisions: [LevelDecision]
    public let plans: [SignedPlan]

    public init(
        clientID: ClientID, checkIns: [StoredCheckIn], assessments: [StoredAssessment], screens: [StoredScreen],
        episodes: [Episode], decisions: [LevelDecision], plans: [SignedPlan]
    ) {
        self.clientID = clientID
        self.checkIns = checkIns
        self.assessments = assessments
        self.screens = screens
        self.episodes = episodes
        self.decisions = decisions
        self.plans = plans
    }
}

/// The CSV export of client records (issue 13 §3), for one client or a cohort: check-ins, item-level
/// assessments, urine screens, levels of care and plan goals, one file each, every column typed. Free text
/// (check-in notes, plan statements, reasons) stays out of these tables; rows carry the client's id, never a name.
public enum RecordExport {
    static let client = ExportColumn("client_id", .text, "The client's Braid id (a UUID); no names are exported.")

    public static let checkInColumns = [
        client, ExportColumn("date", .date, "The day the check-in is for."),
        ExportColumn("mood", .integer, "Mood 0 (worst) to 10 (best)."),
        ExportColumn("craving", .integer, "Craving 0 (none) to 10 (strongest)."),
        ExportColumn("sleep_hours", .decimal, "Hours slept, in half hours."),
        ExportColumn("used", .boolean, "Whether cocaine or another stimulant was used that day."),
        ExportColumn("enjoyment", .integer, "Enjoyment 0–10; empty when not asked."),
        ExportColumn("energy", .integer, "Energy 0–10; empty when not asked."),
        ExportColumn("irritability", .integer, "Irritability 0–10; empty when not asked."),
        ExportColumn("other_substances", .text, "Other substances used, separated by ';'; empty when none given."),
        ExportColumn("exercise_minutes", .integer, "Minutes of exercise; empty when not given."),
        ExportColumn("meds_taken", .boolean, "Whether prescribed medicines were taken; empty when not asked."),
        ExportColumn("regular_meals", .boolean, "Regular meals that day (lifestyle); empty when not answered."),
        ExportColumn("safety", .boolean, "The safety question (thoughts of self-harm); empty when not asked."),
        ExportColumn("revision", .integer, "1 for the first entry of the day, higher for each correction."),
        ExportColumn("recorded_at", .instant, "When this revision was recorded."),
    ]

    public static let assessmentColumns = [
        client, ExportColumn("assessment_id", .text, "The administration's id: its items share it."),
        ExportColumn("instrument", .text, "phq9, phq2, gad7, pcl5, cssrs, stimulant-sud, sds, audit-c, …"),
        ExportColumn("date", .date, "The day the instrument was answered."),
        ExportColumn("item_id", .text, "Braid's item id (the FHIR QuestionnaireResponse linkId)."),
        ExportColumn("position", .integer, "The item's 1-based position in the instrument."),
        ExportColumn("answer", .integer, "The answer's score; empty when the item was not answered or not asked."),
        ExportColumn("total", .integer, "The administration's total (prorated where allowed); empty when none."),
        ExportColumn("severity", .text, "The administration's severity band."),
        ExportColumn("recorded_at", .instant, "When the administration was recorded."),
    ]

    public static let screenColumns = [
        client, ExportColumn("date", .date, "The day the urine sample was taken."),
        ExportColumn("positive", .boolean, "Whether it was positive for cocaine or other stimulants."),
        ExportColumn("recorded_at", .instant, "When the result was recorded."),
    ]

    public static let levelColumns = [
        client, ExportColumn("episode_id", .text, "The episode of care's id."),
        ExportColumn("admitted_on", .date, "The episode's admission day."),
        ExportColumn("discharged_on", .date, "The episode's discharge day; empty while it is open."),
        ExportColumn("discharge_reason", .text, "Why it ended; empty while it is open."),
        ExportColumn("level", .text, "outpatient, iop, php or refer-higher."),
        ExportColumn("from", .date, "The first day at this level."),
        ExportColumn("to", .date, "The last day at this level; empty while it continues."),
        ExportColumn("source", .text, "admission (the level at admission) or decision (a level-of-care decision)."),
    ]

    public static let goalColumns = [
        client, ExportColumn("plan_version", .integer, "The signed plan's version (1, 2, …)."),
        ExportColumn("signed_on", .date, "The day that version was signed."),
        ExportColumn("review_due", .date, "When that version is due for review."),
        ExportColumn("problem", .text, "The plan problem the goal serves."),
        ExportColumn("target", .text, "The measurable target (clinical-rules.md §7)."),
        ExportColumn("due", .date, "When the goal is due."),
    ]

    /// Every table of the export, in file order.
    public static let tables: [(name: String, columns: [ExportColumn])] = [
        ("checkins", checkInColumns), ("assessments", assessmentColumns), ("screens", screenColumns),
        ("levels", levelColumns), ("goals", goalColumns),
    ]

    /// The five tables for `records` (one client, or a cohort in any order: rows follow the records' order).
    public static func export(_ records: [ClientRecordData]) -> [ExportTable] {
        var checkIns = ExportTable(name: "checkins", columns: checkInColumns)
        var assessments = ExportTable(name: "assessments", columns: assessmentColumns)
        var screens = ExportTable(name: "screens", columns: screenColumns)
        var levels = ExportTable(name: "levels", columns: levelColumns)
        var goals = ExportTable(name: "goals", columns: goalColumns)
        for record in records {
            let id = record.clientID.description
            for entry in record.checkIns.sorted(by: { ($0.date, $0.revision) < ($1.date, $1.revision) }) {
                let values = entry.values
                checkIns.append([
                    id, entry.date.description, String(values.mood), String(values.craving),
                    String(values.sleepHours), flag(values.used), number(values.enjoyment), number(values.energy),
                    number(values.irritability),
                    values.otherSubstances.map { $0.map(\.rawValue).joined(separator: ";") } ?? "",
                    number(values.exerciseMinutes), flag(values.medsTaken), flag(values.regularMeals),
                    flag(values.safety),
                    String(entry.revision), instant(entry.recordedAt),
                ])
            }
            for assessment in record.assessments.sorted(by: { ($0.date, $0.recordedAt) < ($1.date, $1.recordedAt) }) {
                guard case .instrument(let answers, let result) = assessment.content else { continue }
                let items = Instrument.definition(result.instrument).items
                for (index, item) in items.enumerated() {
                    assessments.append([
                        id, assessment.id.uuidString.lowercased(), result.instrument.rawValue,
                        assessment.date.description, item.id, String(item.position),
                        number(index < answers.count ? answers[index] : nil), number(result.total),
                        result.severity.rawValue, instant(assessment.recordedAt),
                    ])
                }
            }
            for screen in record.screens.sorted(by: { $0.screen.date < $1.screen.date }) {
                screens.append([
                    id, screen.screen.date.description, flag(screen.screen.positive), instant(screen.recordedAt),
                ])
            }
            let ordered = record.decisions.sorted { ($0.effectiveOn, $0.decidedAt) < ($1.effectiveOn, $1.decidedAt) }
            for episode in record.episodes.sorted(by: { $0.admittedOn < $1.admittedOn }) {
                let periods = LevelEvidence.history(of: episode, decisions: ordered)
                for (index, period) in periods.enumerated() {
                    let next = index + 1 < periods.count ? periods[index + 1].from.adding(days: -1) : nil
                    levels.append([
                        id, episode.id.description, episode.admittedOn.description,
                        episode.dischargedOn?.description ?? "", episode.dischargeReason?.rawValue ?? "",
                        period.level.rawValue, period.from.description,
                        (next ?? episode.dischargedOn)?.description ?? "",
                        period.decision == nil ? "admission" : "decision",
                    ])
                }
            }
            for plan in record.plans.sorted(by: { $0.version < $1.version }) {
                for goal in plan.goals {
                    goals.append([
                        id, String(plan.version), plan.signedOn.description, plan.reviewDue.description,
                        goal.target.problem.rawValue, goal.target.rawValue, goal.due.description,
                    ])
                }
            }
        }
        return [checkIns, assessments, screens, levels, goals]
    }

    static func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
    static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    static func instant(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
