import Foundation
import Testing

/// The database commands run against a SQLite file in a temporary folder (DATABASE_URL is cleared so they
/// never touch a shared PostgreSQL).
@Suite("braid migrate, user, import (the built binary)")
struct DatabaseCommandTests {
    static func database() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("braid-cli-\(UUID().uuidString).sqlite").path
    }

    /// Clinician c@b.test and client k@b.test on their care team.
    static func createClientWithClinician(_ db: String) throws {
        _ = try run(
            [
                "user", "create", "--role", "clinician", "--email", "c@b.test", "--name", "C", "--password-stdin",
                "--db", db,
            ],
            stdin: "long enough password")
        _ = try run(
            [
                "user", "create", "--role", "client", "--email", "k@b.test", "--name", "K", "--clinician", "c@b.test",
                "--password-stdin", "--db", db,
            ],
            stdin: "long enough password")
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> BraidBinary.Run {
        try BraidBinary.run(arguments, stdin: stdin, environment: ["DATABASE_URL": "", "BRAID_BCRYPT_COST": "10"])
    }

    @Test("migrate applies every migration once; --revert removes them")
    func migrate() throws {
        let db = Self.database()
        let first = try Self.run(["migrate", "--db", db])
        #expect(first.status == 0)
        let applied = try #require(first.json?["applied"] as? [String])
        #expect(applied.count >= 10)
        #expect(try Self.run(["migrate", "--db", db]).json?["applied"] as? [String] == [])
        let reverted = try Self.run(["migrate", "--db", db, "--revert"])
        #expect((reverted.json?["reverted"] as? [String])?.count == applied.count)
    }

    @Test("user create, list and reset-password; passwords come from stdin")
    func users() throws {
        let db = Self.database()
        _ = try Self.run(["migrate", "--db", db])
        let clinician = try Self.run(
            [
                "user", "create", "--role", "clinician", "--email", "Dr.Lee@Example.test", "--name", "Dr. Lee",
                "--password-stdin", "--db", db,
            ],
            stdin: "a long enough password\n")
        #expect(clinician.status == 0)
        #expect(clinician.json?["email"] as? String == "dr.lee@example.test")
        let client = try Self.run(
            [
                "user", "create", "--role", "client", "--email", "k@example.test", "--name", "K", "--clinician",
                "dr.lee@example.test", "--password-stdin", "--db", db,
            ], stdin: "another long password\n")
        #expect(client.status == 0)
        let list = try Self.run(["user", "list", "--db", db, "--format", "json"])
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(Set(accounts.compactMap { $0["email"] as? String }) == ["dr.lee@example.test", "k@example.test"])
        #expect(!list.stdout.contains("password"))
        let reset = try Self.run(
            ["user", "reset-password", "--email", "k@example.test", "--password-stdin", "--db", db],
            stdin: "a brand new password\n")
        #expect(reset.status == 0)
    }

    @Test(
        "bad account input exits 2 naming the option",
        arguments: [
            (
                ["user", "create", "--role", "nurse", "--email", "a@b.test", "--name", "A", "--password-stdin"],
                "long enough pass", "--role"
            ),
            (
                [
                    "user", "create", "--role", "clinician", "--email", "not-an-email", "--name", "A",
                    "--password-stdin",
                ], "long enough pass", "--email"
            ),
            (
                ["user", "create", "--role", "clinician", "--email", "a@b.test", "--name", "A", "--password-stdin"],
                "short", "password"
            ),
            (
                ["user", "create", "--role", "clinician", "--email", "a@b.test", "--name", "A"], "long enough pass",
                "--password-stdin"
            ),
            (
                ["user", "create", "--role", "client", "--email", "a@b.test", "--name", "A", "--password-stdin"],
                "long enough pass", "--clinician"
            ),
            (
                [
                    "user", "create", "--role", "client", "--email", "a@b.test", "--name", "A", "--clinician",
                    "x@y.test", "--password-stdin",
                ], "long enough pass", "--clinician"
            ),
            (
                ["user", "reset-password", "--email", "nobody@b.test", "--password-stdin"], "long enough pass",
                "--email"
            ),
            (["serve", "--port", "0"], "", "--port"),
        ])
    func badInput(arguments: [String], stdin: String, field: String) throws {
        let db = Self.database()
        _ = try Self.run(["migrate", "--db", db])
        let run = try Self.run(arguments + ["--db", db], stdin: stdin)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(field + ":"), "\(run.stderr)")
    }

    @Test("a second account with the same email is refused with exit 2 and nothing changes")
    func duplicateEmail() throws {
        let db = Self.database()
        let arguments = [
            "user", "create", "--role", "admin", "--email", "a@b.test", "--name", "A", "--password-stdin", "--db", db,
        ]
        #expect(try Self.run(arguments, stdin: "long enough password").status == 0)
        let again = try Self.run(arguments, stdin: "long enough password")
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        let list = try Self.run(["user", "list", "--db", db])
        #expect(list.stdout.split(separator: "\n").count == 1)
    }

    @Test("import checkins stores a simulated history; incomplete days are skipped")
    func importCheckIns() throws {
        let db = Self.database()
        try Self.createClientWithClinician(db)
        let csv = try Self.run([
            "simulate", "--profile", "mixed", "--days", "60", "--seed", "3", "--start", "2026-01-05",
        ]).stdout
        let rated = csv.split(separator: "\n").dropFirst().filter { !$0.contains(",,") }.count
        let imported = try Self.run(["import", "checkins", "--client", "k@b.test", "-", "--db", db], stdin: csv)
        #expect(imported.status == 0)
        #expect(imported.json?["imported"] as? Int == rated)
        #expect(imported.json?["skipped"] as? Int == 60 - rated)
        #expect(imported.json?["alertsOpened"] as? Int == 0)
        let unknown = try Self.run(["import", "checkins", "--client", "nobody@b.test", "-", "--db", db], stdin: csv)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("--client:"))
    }

    @Test("import checkins: a day answering the safety question yes opens one alert, as from the phone")
    func importSafety() throws {
        let db = Self.database()
        try Self.createClientWithClinician(db)
        let csv = """
            date,mood,craving,sleep_hours,used,enjoyment,energy,irritability,safety
            2026-01-05,5,4,7,0,,,,0
            2026-01-06,2,8,4,1,,,,1
            2026-01-07,4,5,6,0,,,,

            """
        let imported = try Self.run(["import", "checkins", "--client", "k@b.test", "-", "--db", db], stdin: csv)
        #expect(imported.status == 0)
        #expect(imported.json?["imported"] as? Int == 3)
        #expect(imported.json?["alertsOpened"] as? Int == 1)
        #expect(imported.stderr.contains("opened an alert for the care team"))
        let future = try Self.run(
            ["import", "checkins", "--client", "k@b.test", "-", "--db", db],
            stdin: "date,mood,craving,sleep_hours,used\n2999-01-01,5,4,7,0\n")
        #expect(future.status == 2)
        #expect(future.stderr.hasPrefix("file: 2999-01-01 is after today"))
    }

    @Test("program create and list; two programs keep their accounts apart; bad settings exit 2 naming the option")
    func programs() throws {
        let db = Self.database()
        let created = try Self.run(
            [
                "program", "create", "--name", "Riverside IOP", "--time-zone", "America/Chicago", "--crisis-line",
                "555-0142", "--db", db,
            ])
        #expect(created.status == 0)
        #expect(created.json?["timeZone"] as? String == "America/Chicago")
        #expect(created.json?["crisisLine"] as? String == "555-0142")
        let first = try #require(created.json?["id"] as? String)
        let second = try Self.run(
            [
                "program", "create", "--name", "Lakeside PHP", "--time-zone", "UTC", "--crisis-line", "555-0143",
                "--db", db,
            ]
        )
        let secondID = try #require(second.json?["id"] as? String)
        let list = try Self.run(["program", "list", "--format", "json", "--db", db])
        let programs = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(programs.compactMap { $0["name"] as? String } == ["Riverside IOP", "Lakeside PHP"])
        // With two programs, an account must name its program; a client's clinician must be in the same one.
        let ambiguous = try Self.run(
            [
                "user", "create", "--role", "clinician", "--email", "c@b.test", "--name", "C", "--password-stdin",
                "--db", db,
            ], stdin: "long enough password")
        #expect(ambiguous.status == 2 && ambiguous.stderr.hasPrefix("--program:"))
        #expect(
            try Self.run(
                [
                    "user", "create", "--role", "clinician", "--email", "c@b.test", "--name", "C", "--program", first,
                    "--password-stdin", "--db", db,
                ], stdin: "long enough password"
            ).status == 0)
        let foreign = try Self.run(
            [
                "user", "create", "--role", "client", "--email", "k@b.test", "--name", "K", "--clinician", "c@b.test",
                "--program", secondID, "--password-stdin", "--db", db,
            ], stdin: "long enough password")
        #expect(foreign.status == 2 && foreign.stderr.contains("no clinician with email c@b.test in this program"))
        for (arguments, field) in [
            (["--name", "Riverside IOP", "--time-zone", "UTC", "--crisis-line", "555-0100"], "--name"),
            (["--name", "X", "--time-zone", "Mars/Olympus", "--crisis-line", "555-0100"], "--time-zone"),
            (["--name", "X", "--time-zone", "UTC", "--crisis-line", "none"], "--crisis-line"),
        ] {
            let bad = try Self.run(["program", "create"] + arguments + ["--db", db])
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("\(field):"), "\(bad.stderr)")
            #expect(bad.stdout.isEmpty)
        }
        let after = try Self.run(["program", "list", "--format", "json", "--db", db])
        #expect((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [Any])?.count == 2)
    }

    @Test("user invite creates an account with a one-time link, makes new links; deactivate ends access")
    func invitations() throws {
        let db = Self.database()
        try Self.createClientWithClinician(db)
        let invited = try Self.run(
            [
                "user", "invite", "--role", "client", "--email", "New@B.test", "--name", "New client", "--clinician",
                "c@b.test", "--base-url", "https://braid.example.org/", "--db", db,
            ])
        #expect(invited.status == 0, "\(invited.stderr)")
        let link = try #require(invited.json?["invitation"] as? String)
        #expect(link.hasPrefix("https://braid.example.org/invite/") && link.count > 60)
        #expect(invited.json?["purpose"] as? String == "welcome")
        #expect((invited.json?["account"] as? [String: Any])?["email"] as? String == "new@b.test")
        #expect((invited.json?["expiresAt"] as? String)?.hasSuffix("Z") == true)
        // A new link for an existing account with a password is a reset; earlier links are voided.
        let reset = try Self.run(["user", "invite", "--email", "k@b.test", "--db", db])
        #expect(reset.status == 0 && reset.json?["purpose"] as? String == "password-reset")
        #expect((reset.json?["invitation"] as? String)?.hasPrefix("http://localhost:8080/invite/") == true)
        let again = try Self.run(["user", "invite", "--email", "new@b.test", "--db", db])
        #expect(again.json?["purpose"] as? String == "welcome")
        #expect(again.json?["invitation"] as? String != link)

        for (arguments, field) in [
            (["--email", "nobody@b.test"], "--email"),
            (["--email", "x@b.test", "--role", "nurse", "--name", "X"], "--role"),
            (["--email", "x@b.test", "--role", "clinician"], "--name"),
            (["--email", "x@b.test", "--role", "client", "--name", "X"], "--clinician"),
            (["--email", "k@b.test", "--name", "K2"], "--role"),
            (["--email", "k@b.test", "--role", "clinician", "--name", "K"], "--email"),
            (["--email", "x@b.test", "--role", "clinician", "--name", "X", "--base-url", "ftp://x"], "--base-url"),
        ] {
            let bad = try Self.run(["user", "invite"] + arguments + ["--db", db])
            #expect(bad.status == 2, "\(arguments)")
            #expect(bad.stderr.hasPrefix("\(field):"), "\(bad.stderr)")
            #expect(bad.stdout.isEmpty)
        }
        let deactivated = try Self.run(["user", "deactivate", "--email", "k@b.test", "--db", db])
        #expect(deactivated.status == 0 && deactivated.json?["active"] as? Bool == false)
        let refused = try Self.run(["user", "invite", "--email", "k@b.test", "--db", db])
        #expect(refused.status == 2 && refused.stderr.contains("deactivated"))
        let missing = try Self.run(["user", "deactivate", "--email", "zz@b.test", "--db", db])
        #expect(missing.status == 2 && missing.stderr.hasPrefix("--email:"))
        let list = try Self.run(["user", "list", "--db", db, "--format", "json"])
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(accounts.first { $0["email"] as? String == "k@b.test" }?["active"] as? Bool == false)
        #expect(accounts.count == 3)
    }

    @Test("report: html with plots, csv with its header, json; bad dates, ranges, formats and programs exit 2")
    func report() throws {
        let db = Self.database()
        try Self.createClientWithClinician(db)
        let range = ["--from", "2026-01-01", "--to", "2026-03-31", "--db", db]
        let json = try Self.run(["report", "--format", "json"] + range)
        #expect(json.status == 0)
        // No one is admitted: every count is 0 (shown, not withheld) and no week has data.
        let episodes = try #require(json.json?["episodes"] as? Int)
        #expect(episodes == 0 && (json.json?["weeks"] as? [Any])?.isEmpty == true)
        #expect(json.json?["from"] as? String == "2026-01-01" && json.json?["through"] as? String == "2026-03-31")
        let csv = try Self.run(["report", "--format", "csv"] + range)
        #expect(
            csv.stdout.hasPrefix(
                "section,measure,week,level,count,of,value,suppressed\nepisodes,episodes,,,0,,,false\n"))
        let html = try Self.run(["report"] + range)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("PHQ-9 by week of treatment"))
        #expect(html.stdout.contains("<svg") && !html.stdout.contains("k@b.test"))
        for (arguments, field) in [
            (["--from", "2026-02-30", "--to", "2026-03-31"], "--from:"),
            (["--from", "2026-03-01", "--to", "2026-02-01"], "--to:"),
            (["--from", "2010-01-01", "--to", "2026-02-01"], "--to:"),
            (["--from", "2026-01-01", "--to", "2026-02-01", "--format", "pdf"], "--format:"),
            (["--from", "2026-01-01", "--to", "2026-02-01", "--program", "nope"], "--program:"),
            (["--from", "2026-01-01", "--to", "2026-02-01", "--program", UUID().uuidString], "--program:"),
        ] {
            let refused = try Self.run(["report"] + arguments + ["--db", db])
            #expect(refused.status == 2 && refused.stderr.hasPrefix(field), "\(arguments)")
        }
    }

    @Test(
        "export fhir --recipient --purpose: both or neither; without the client's consent it exits 2 and prints nothing"
    )
    func disclosureGate() throws {
        let db = Self.database()
        try Self.createClientWithClinician(db)
        let plain = try Self.run(["export", "fhir", "--client", "k@b.test", "--db", db])
        #expect(plain.status == 0 && plain.json?["resourceType"] as? String == "Bundle")
        for (arguments, field) in [
            (["--recipient", "Riverside"], "--purpose:"), (["--purpose", "treatment"], "--recipient:"),
            (["--scope", "record"], "--scope:"), (["--recipient", "Riverside", "--purpose", "sale"], "--purpose:"),
            (["--recipient", "Riverside", "--purpose", "treatment", "--scope", "all"], "--scope:"),
            (["--recipient", "Riverside", "--purpose", "treatment"], "--scope:"),
        ] {
            let refused = try Self.run(["export", "fhir", "--client", "k@b.test"] + arguments + ["--db", db])
            #expect(refused.status == 2 && refused.stderr.hasPrefix(field) && refused.stdout.isEmpty, "\(arguments)")
        }
        let none = try Self.run(
            [
                "export", "fhir", "--client", "k@b.test", "--recipient", "Riverside", "--purpose", "treatment", "--db",
                db,
            ])
        #expect(none.stderr.contains("no consent to disclose their record outside the program"))
    }
}
