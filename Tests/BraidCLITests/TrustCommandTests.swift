import Foundation
import Testing

/// `braid audit verify`, `braid backup` and `braid restore` against SQLite files (DATABASE_URL cleared).
@Suite("braid audit verify, backup, restore (the built binary)")
struct TrustCommandTests {
    /// Runs SQL on a SQLite file with Python's sqlite3 (the test's way to tamper, as an attacker with the file would).
    static func sqlite(_ db: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); "
                + "print('\\n'.join('|'.join(map(str,x)) for x in r))",
            db, sql,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite: \(sql)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("audit verify: 0 on an intact chain; 1 naming the event after an edit, a deletion; 2 for a missing file")
    func auditVerify() throws {
        let db = DatabaseCommandTests.database()
        try DatabaseCommandTests.createClientWithClinician(db)
        let intact = try DatabaseCommandTests.run(["audit", "verify", "--db", db])
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.hasPrefix("audit trail intact: 1 chain"))
        let events = try Self.sqlite(db, "SELECT id, seq FROM audit_events ORDER BY seq")
        let rows = events.split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        #expect(rows.count >= 2)
        #expect(intact.stdout.contains("\(rows.count) events"))

        _ = try Self.sqlite(db, "UPDATE audit_events SET action = 'account.read' WHERE seq = 1")
        let edited = try DatabaseCommandTests.run(["audit", "verify", "--db", db])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("audit trail broken"))
        #expect(edited.stderr.contains(rows[0][0].lowercased()) && edited.stderr.contains("was changed"))
        #expect(edited.stdout.isEmpty)

        let restored = DatabaseCommandTests.database()
        try DatabaseCommandTests.createClientWithClinician(restored)
        let ids = try Self.sqlite(restored, "SELECT id FROM audit_events ORDER BY seq").split(separator: "\n")
        _ = try Self.sqlite(restored, "DELETE FROM audit_events WHERE seq = 1")
        let deleted = try DatabaseCommandTests.run(["audit", "verify", "--db", restored])
        #expect(deleted.status == 1)
        #expect(deleted.stderr.contains(String(ids[1]).lowercased()) && deleted.stderr.contains("missing"))

        let missing = try DatabaseCommandTests.run(["audit", "verify", "--db", "/nonexistent/braid.sqlite"])
        #expect(missing.status == 2 && missing.stderr.contains("--db"))
    }
}
