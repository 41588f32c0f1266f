import Foundation
import Testing

@testable import BraidCore

/// The CSV export of client records (issue 13 §3): every table's columns, cells as documented, quoting, and no
/// free text or names.
@Suite("Record export: five typed CSV tables per client or cohort")
struct RecordExportTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
    static let client = ClientID(UUID(uuidString: "0A000000-0000-4000-8000-000000000001")!)
    static let at = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z
    static let episode = Episode(
        id: EpisodeID(UUID(uuidString: "0E000000-0000-4000-8000-000000000001")!), clientID: client,
        programID: .random(), admittedOn: day("2026-05-01"), levelAtAdmission: .iop, referralSource: .selfReferred,
        dischargedOn: day("2026-05-31"), dischargeReason: .completed)

    static func record() throws -> ClientRecordData {
        let phq9 = Instrument.definition(.phq9)
        let answers: [Int?] = [2, 2, nil, 2, 2, 2, 2, 2, 0]
        let result = try phq9.score(answers, context: ScoringContext(), configuration: .default)
        return ClientRecordData(
            clientID: client,
            checkIns: [
                StoredCheckIn(
                    id: UUID(), clientID: client, date: day("2026-05-02"),
                    values: CheckInValues(
                        mood: 3, craving: 7, sleepHours: 5.5, used: true, otherSubstances: [.alcohol, .cannabis],
                        safety: false, note: "argued with \"J\", then, used"),
                    revision: 2, recordedAt: at, recordedBy: .random(), supersededAt: nil),
                StoredCheckIn(
                    id: UUID(), clientID: client, date: day("2026-05-02"),
                    values: CheckInValues(mood: 4, craving: 6, sleepHours: 6, used: false), revision: 1,
                    recordedAt: at.addingTimeInterval(-3600), recordedBy: .random(), supersededAt: at),
            ],
            assessments: [
                StoredAssessment(
                    id: UUID(uuidString: "0B000000-0000-4000-8000-000000000001")!, clientID: client,
                    date: day("2026-05-03"), content: .instrument(answers: answers, result: result), recordedAt: at,
                    recordedBy: .random())
            ],
            screens: [
                StoredScreen(
                    id: UUID(), clientID: client, screen: UrineScreen(date: day("2026-05-04"), positive: false),
                    recordedAt: at, recordedBy: .random())
            ],
            episodes: [episode],
            decisions: [
                LevelDecision(
                    id: .random(), clientID: client, episodeID: episode.id,
                    recommendation: LevelRecommendation(level: .php, rules: [.phq9Severe], stepDirection: .up),
                    inputs: LevelInput(), kind: .accepted, level: .php, reason: "worse, see note", decidedBy: nil,
                    decidedAt: at, effectiveOn: day("2026-05-10"))
            ],
            plans: [
                SignedPlan(
                    clientID: client, episodeID: episode.id, version: 1, problems: [],
                    goals: [
                        PlanGoal(target: .phq9Below10, due: day("2026-06-01"), owner: .random()),
                        PlanGoal(target: .abstinent21DaysConfirmed, due: day("2026-06-15"), owner: .random()),
                    ],
                    signedBy: .random(), signedAt: at, signedOn: day("2026-05-05"), reviewDue: day("2026-06-04"))
            ])
    }

    static func rows(_ table: ExportTable) -> [String] {
        table.csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("five tables in order, each with its documented header; every column has a kind")
    func headers() throws {
        let tables = RecordExport.export([try Self.record()])
        #expect(
            tables.map(\.fileName) == ["checkins.csv", "assessments.csv", "screens.csv", "levels.csv", "goals.csv"])
        for (table, spec) in zip(tables, RecordExport.tables) {
            #expect(Self.rows(table).first == spec.columns.map(\.name).joined(separator: ","))
            #expect(Set(spec.columns.map(\.name)).count == spec.columns.count)
        }
        #expect(ExportColumn.Kind.allCases.map(\.pandasType).contains("Int64"))
    }

    @Test("check-ins: every revision in order, empty cells for unasked values, no note, substances quoted-free")
    func checkIns() throws {
        let table = RecordExport.export([try Self.record()])[0]
        let id = Self.client.description
        #expect(
            Self.rows(table).dropFirst()
                == [
                    "\(id),2026-05-02,4,6,6.0,false,,,,,,,,,1,2026-05-28T19:26:40Z",
                    "\(id),2026-05-02,3,7,5.5,true,,,,alcohol;cannabis,,,,false,2,2026-05-28T20:26:40Z",
                ])
        #expect(!table.csv.contains("argued"))
    }

    @Test("assessments: one row per item, the unanswered item empty, the total and severity on each")
    func assessments() throws {
        let table = RecordExport.export([try Self.record()])[1]
        let rows = Self.rows(table).dropFirst()
        // PHQ-9 has 10 items: the 10th (difficulty, not scored) was not asked here, so its answer is empty.
        #expect(rows.count == 10 && rows.last?.contains(",10,,16,") == true)
        let items = Instrument.definition(.phq9).items
        let prefix = "\(Self.client.description),0b000000-0000-4000-8000-000000000001,phq9,2026-05-03"
        // 14 from 8 answered items, prorated to 9: round(14 × 9 / 8) = 16.
        #expect(rows.first == "\(prefix),\(items[0].id),1,2,16,moderately-severe,2026-05-28T20:26:40Z")
        #expect(rows.dropFirst(2).first == "\(prefix),\(items[2].id),3,,16,moderately-severe,2026-05-28T20:26:40Z")
    }

    @Test("screens, levels (admission then each decision, with their ends) and goals of every signed version")
    func others() throws {
        let tables = RecordExport.export([try Self.record()])
        let id = Self.client.description
        #expect(Self.rows(tables[2]).dropFirst() == ["\(id),2026-05-04,false,2026-05-28T20:26:40Z"])
        let episode = Self.episode.id.description
        #expect(
            Self.rows(tables[3]).dropFirst()
                == [
                    "\(id),\(episode),2026-05-01,2026-05-31,completed,iop,2026-05-01,2026-05-09,admission",
                    "\(id),\(episode),2026-05-01,2026-05-31,completed,php,2026-05-10,2026-05-31,decision",
                ])
        #expect(!tables[3].csv.contains("see note"))
        #expect(
            Self.rows(tables[4]).dropFirst()
                == [
                    "\(id),1,2026-05-05,2026-06-04,depression,phq9-below-10,2026-06-01",
                    "\(id),1,2026-05-05,2026-06-04,stimulant-use-disorder,abstinent-21-days-confirmed,2026-06-15",
                ])
    }

    @Test("docs/exports.md lists every column of every table with its type and pandas dtype, and no other")
    func documented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/exports.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for (name, columns) in RecordExport.tables {
            let section = try #require(
                text.range(of: "### \(name).csv").map { String(text[$0.upperBound...].prefix { $0 != "#" }) })
            let listed = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
            #expect(listed.count == columns.count, "\(name)")
            for (line, column) in zip(listed, columns) {
                #expect(
                    line.hasPrefix("| `\(column.name)` | \(column.kind.rawValue) | `\(column.kind.pandasType)` |"),
                    "\(name): \(line)")
            }
        }
        for column in ProgramReport.csvColumns { #expect(text.contains("| `\(column)` |")) }
    }

    @Test("a cell with a comma, a quote or a line break is quoted, quotes doubled")
    func quoting() {
        #expect(ExportTable.quoted("plain") == "plain")
        #expect(ExportTable.quoted("a,b") == "\"a,b\"")
        #expect(ExportTable.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ExportTable.quoted("two\nlines") == "\"two\nlines\"")
    }
}
