import Foundation
import Testing

/// Runs only when DATABASE_URL points at a PostgreSQL server (CI starts one): the binary refuses to serve a
/// database that is behind, and `braid migrate` brings it up to date. Uses the database's default schema, which
/// no other test touches (they each create their own).
@Suite("braid against PostgreSQL (the built binary)", .serialized)
struct PostgresCommandTests {
    static var url: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.hasPrefix("postgres") ? $0 : nil }
    }

    @Test("serve refuses a database that is behind; migrate applies and reverts")
    func behindThenMigrated() throws {
        guard Self.url != nil else { return }
        _ = try BraidBinary.run(["migrate", "--revert"])
        let refused = try BraidBinary.run(["serve", "--port", "18093"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("run `braid migrate` first"))
        let migrated = try BraidBinary.run(["migrate"])
        #expect(migrated.status == 0)
        #expect(((migrated.json?["applied"] as? [String])?.count ?? 0) >= 10)
        #expect(try BraidBinary.run(["migrate"]).json?["applied"] as? [String] == [])
        let reverted = try BraidBinary.run(["migrate", "--revert"])
        #expect(reverted.status == 0)
    }
}
