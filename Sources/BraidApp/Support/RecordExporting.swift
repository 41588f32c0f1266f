import BraidCore
import BraidStore
import Foundation
import Vapor

/// The CSV export of client records (issue 13 §3): reads each client's record from the store and writes the
/// five typed tables of `RecordExport`. Every client exported is audited (`export.csv`).
public enum RecordExporting {
    /// The record of each client, as the export reads it (every check-in revision, so corrections show).
    static func records(_ repository: BraidRepository, clients: [ClientProfile]) async throws -> [ClientRecordData] {
        let episodes = try await repository.episodes(of: clients.map(\.ref))
        var records: [ClientRecordData] = []
        for client in clients {
            let ref = client.ref
            records.append(
                ClientRecordData(
                    clientID: client.id, checkIns: try await repository.checkIns(of: ref, includeHistory: true),
                    assessments: try await repository.assessments(of: ref),
                    screens: try await repository.screens(of: ref),
                    episodes: episodes[client.id] ?? [], decisions: try await repository.levelDecisions(of: ref),
                    plans: try await repository.planVersions(of: ref)))
        }
        return records
    }

    /// Writes the five CSV files for the client with `clientEmail`, or for every client of the program (the
    /// named one, or the database's only one), into `folder`. Returns each file with its row count.
    public static func exportCSV(
        _ app: Application, clientEmail: String?, programID: ProgramID?, to folder: URL
    ) async throws -> (clients: Int, files: [(name: String, rows: Int)]) {
        let clients: [ClientProfile]
        if let clientEmail {
            clients = [try await DataImport.client(app, email: clientEmail)]
        } else {
            let program = try await ProgramReporting.program(app, programID)
            clients = try await app.repository.clients(in: program.id)
        }
        let tables = RecordExport.export(try await records(app.repository, clients: clients))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for table in tables {
            try Data(table.csv.utf8).write(to: folder.appendingPathComponent(table.fileName), options: .atomic)
        }
        let now = app.clock()
        try await app.repository.transaction { store in
            for client in clients {
                try await store.appendAudit(
                    AuditEvent(
                        programID: client.programID, actorID: nil, role: nil, action: "export.csv", clientID: client.id,
                        requestID: "cli", at: now))
            }
        }
        return (clients.count, tables.map { ($0.fileName, $0.rows.count) })
    }
}
