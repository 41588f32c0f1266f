import BraidCore
import FluentKit
import Foundation
import SQLKit

extension BraidRepository {
    /// Everything the program report needs about the episodes of care in care on some day of `from...through`,
    /// in five program-wide queries (episodes, level decisions, totals, urine screens, check-ins) rather than
    /// five per client; check-ins are read as (client, date, use) only.
    public func reportEpisodes(in program: ProgramID, from: CalendarDate, through: CalendarDate) async throws
        -> [ReportEpisode]
    {
        let episodes = try await self.episodes(in: program).filter {
            $0.admittedOn <= through && ($0.dischargedOn.map { $0 >= from } ?? true)
        }
        guard let earliest = episodes.map(\.admittedOn).min() else { return [] }
        let clients = Set(episodes.map(\.clientID))
        let decisions = Dictionary(
            grouping: try await LevelDecisionRecord.query(on: database).filter(\.$programID == program.uuid).all()
                .map { try $0.toDomain() },
            by: \.clientID
        ).mapValues { $0.sorted { ($0.effectiveOn, $0.decidedAt) < ($1.effectiveOn, $1.decidedAt) } }

        struct TotalRow: Decodable {
            let client_id: UUID
            let kind: String
            let date: String
            let total: Int
        }
        var totals: [ClientID: [Instrument.ID: [DatedScore]]] = [:]
        let totalRows = try await sql.select().columns("client_id", "kind", "date", "total")
            .from(AssessmentRecord.schema)
            .where("program_id", .equal, SQLBind(program.uuid))
            .where("kind", .in, SQLBind.group(MeasurementOutcome.instruments.map(\.rawValue)))
            .where(SQLIdentifier("total"), .isNot, SQLLiteral.null)
            .where("date", .greaterThanOrEqual, SQLBind(earliest.description))
            .where("date", .lessThanOrEqual, SQLBind(through.description))
            .orderBy("date").orderBy("recorded_at")
            .all(decoding: TotalRow.self)
        for row in totalRows {
            let client = ClientID(row.client_id)
            guard clients.contains(client), let id = Instrument.ID(rawValue: row.kind),
                let date = CalendarDate(iso: row.date)
            else { continue }
            totals[client, default: [:]][id, default: []].append(DatedScore(date: date, total: row.total))
        }

        struct ScreenRow: Decodable {
            let client_id: UUID
            let date: String
            let positive: Bool
        }
        var screens: [ClientID: [UrineScreen]] = [:]
        let screenRows = try await sql.select().columns("client_id", "date", "positive").from(ScreenRecord.schema)
            .where("program_id", .equal, SQLBind(program.uuid))
            .where("date", .greaterThanOrEqual, SQLBind(earliest.description))
            .where("date", .lessThanOrEqual, SQLBind(through.description))
            .orderBy("date").orderBy("recorded_at")
            .all(decoding: ScreenRow.self)
        for row in screenRows {
            guard let date = CalendarDate(iso: row.date) else { throw StoreError.corrupt("urine_screens.date") }
            screens[ClientID(row.client_id), default: []].append(UrineScreen(date: date, positive: row.positive))
        }

        struct CheckInRow: Decodable {
            let client_id: UUID
            let date: String
            let used: Bool
        }
        var checkIns: [ClientID: [CheckInDay]] = [:]
        let checkInRows = try await sql.select().columns("client_id", "date", "used").from(CheckInRecord.schema)
            .where("program_id", .equal, SQLBind(program.uuid))
            .where(SQLIdentifier("superseded_at"), .is, SQLLiteral.null)
            .where("date", .greaterThanOrEqual, SQLBind(earliest.description))
            .where("date", .lessThanOrEqual, SQLBind(through.description))
            .orderBy("date")
            .all(decoding: CheckInRow.self)
        for row in checkInRows {
            guard let date = CalendarDate(iso: row.date) else { throw StoreError.corrupt("check_ins.date") }
            checkIns[ClientID(row.client_id), default: []].append(CheckInDay(date: date, used: row.used))
        }

        return episodes.map { episode in
            let client = episode.clientID
            return ReportEpisode(
                episode: episode, totals: totals[client] ?? [:], checkIns: checkIns[client] ?? [],
                screens: screens[client] ?? [],
                levels: LevelEvidence.history(of: episode, decisions: decisions[client] ?? []))
        }
    }
}
