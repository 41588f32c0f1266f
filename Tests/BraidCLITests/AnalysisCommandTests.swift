import Foundation
import Testing

@Suite("braid ordering, analyze and simulate (the built binary)")
struct AnalysisCommandTests {
    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("braid-cli-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("simulate is deterministic per seed and analyze recovers the profile")
    func simulateThenAnalyze() throws {
        let first = try BraidBinary.run("simulate", "--profile", "crash-driven", "--days", "90", "--seed", "11")
        let again = try BraidBinary.run("simulate", "--profile", "crash-driven", "--days", "90", "--seed", "11")
        let other = try BraidBinary.run("simulate", "--profile", "crash-driven", "--days", "90", "--seed", "12")
        #expect(first.status == 0)
        #expect(first.stdout == again.stdout)
        #expect(first.stdout != other.stdout)
        #expect(first.stdout.hasPrefix("date,mood,craving,sleep_hours,used\n2026-01-05,"))
        #expect(first.stdout.split(separator: "\n").count == 91)

        let analysis = try BraidBinary.run(["analyze", "-"], stdin: first.stdout)
        #expect(analysis.status == 0)
        let json = try #require(analysis.json)
        #expect(json["classification"] as? String == "crash-driven")
        let days = try #require(json["days"] as? [String: Any])
        #expect(days["first"] as? String == "2026-01-05")
        #expect(days["last"] as? String == "2026-04-04")
        #expect((days["rated"] as? Int ?? 0) + (days["missing"] as? Int ?? 0) == 90)
        let model = try #require(json["model"] as? [String: Any])
        for key in ["underlyingMood", "surge", "crashDepth", "crashHalfLifeDays", "r2", "deepening", "crashCraving"] {
            #expect(model[key] != nil, "model.\(key)")
        }
        let use = try #require(json["use"] as? [String: Any])
        #expect(use["useDays"] as? Int == 16)  // 8 weekends (Sat + Sun) in the first 60 days from a Monday
        #expect(json["progress"] is [String: Any])
        #expect(json["flags"] is [Any])
    }

    @Test("analyze with --phq9 and --format text prints a readable report")
    func textReport() throws {
        let csv = try BraidBinary.run("simulate", "--profile", "persistent", "--days", "90", "--seed", "5").stdout
        let checkins = try Self.temporaryFile("persistent.csv", csv)
        let phq9 = try Self.temporaryFile("phq9.csv", "date,total\n2026-01-06,17\n2026-03-30,15\n")
        let run = try BraidBinary.run("analyze", checkins, "--phq9", phq9, "--format", "text")
        #expect(run.status == 0)
        #expect(run.stdout.contains("Classification: persistent."))
        #expect(run.stdout.contains("PHQ-9           17 → 15"))
        #expect(run.stdout.contains("persistent-low-mood-in-abstinence"))
        let json = try BraidBinary.run("analyze", checkins, "--phq9", phq9)
        let progress = try #require(json.json?["progress"] as? [String: Any])
        #expect((progress["phq9"] as? [String: Any])?["latest"] as? Int == 15)
    }

    @Test("too little data: insufficient-data, progress null, crash terms null")
    func insufficient() throws {
        let run = try BraidBinary.run(
            ["analyze", "-"], stdin: "date,mood,craving,sleep_hours,used\n2026-01-01,4,2,7,1\n2026-01-02,5,2,7,0\n")
        let json = try #require(run.json)
        #expect(json["classification"] as? String == "insufficient-data")
        #expect(json["progress"] is NSNull)
        #expect((json["model"] as? [String: Any])?["crashDepth"] is NSNull)
    }

    @Test("ordering reads a file or stdin and explains on request")
    func ordering() throws {
        let input = #"{"depressionOnsetAge": 14, "cocaineFirstUseAge": 19}"#
        let file = try Self.temporaryFile("ordering.json", input)
        let run = try BraidBinary.run("ordering", file)
        let json = try #require(run.json)
        #expect(json["order"] as? String == "depression-first")
        #expect(json["depressionType"] as? String == "independent")
        #expect(json["pattern"] as? String == "depression-first")
        #expect(json["provisional"] as? Bool == true)
        #expect(json["reasons"] as? [String] == ["onset-before-use", "no-abstinence-test"])
        #expect(
            json["recommendations"] as? [String] == [
                "treat-both", "psychiatric-evaluation", "reassess-after-4-weeks-abstinent",
            ])
        #expect(json["explanations"] == nil)
        let explained = try BraidBinary.run(["ordering", "-", "--explain"], stdin: input)
        let sentences = try #require(explained.json?["explanations"] as? [String: [String: String]])
        #expect(sentences["treat-both"]?["client"]?.isEmpty == false)
        #expect(sentences["onset-before-use"]?["clinician"]?.isEmpty == false)
    }

    @Test(
        "bad input exits 2 with one line naming the field or line and column",
        arguments: [
            (
                ["analyze", "-"], "date,mood,craving,sleep_hours,used\n2026-01-01,4,2,7,1\n2026-01-01,5,2,7,0\n",
                "line 3, date: 2026-01-01 repeats"
            ),
            (
                ["analyze", "-"], "date,mood,craving,sleep_hours,used\n2026-01-01,12,2,7,1\n",
                "line 2, mood: 12 is out of range 0…10"
            ),
            (["analyze", "/nonexistent/checkins.csv"], "", "no such file"),
            (["ordering", "-"], #"{"cocaineFirstUseAge": 3}"#, "cocaineFirstUseAge: 3 is out of range 5…120"),
            (["ordering", "-"], #"{"firstUse": 3}"#, "firstUse: unknown field"),
            (["simulate", "--profile", "sad", "--days", "9", "--seed", "1"], "", "--profile: 'sad' is not a profile"),
            (["simulate", "--profile", "mixed", "--days", "0", "--seed", "1"], "", "--days: 0 is out of range 1…3650"),
            (
                ["simulate", "--profile", "mixed", "--days", "9", "--seed", "1", "--start", "2026-02-31"], "",
                "--start:"
            ),
        ])
    func badInput(arguments: [String], stdin: String, message: String) throws {
        let run = try BraidBinary.run(arguments, stdin: stdin)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("level reads a file or stdin and prints exactly level, rules and stepDirection (null at intake)")
    func level() throws {
        let file = try Self.temporaryFile(
            "level.json", #"{"currentLevel": "iop", "daysAtCurrentLevel": 20, "phq9": 21, "phq9Functional": 3}"#)
        let run = try BraidBinary.run("level", file)
        #expect(run.status == 0 && run.stderr.isEmpty)
        let json = try #require(run.json)
        #expect(Set(json.keys) == ["level", "rules", "stepDirection"])
        #expect(json["level"] as? String == "php" && json["stepDirection"] as? String == "up")
        #expect(json["rules"] as? [String] == ["phq9-severe", "phq9-moderately-severe-with-impairment"])
        let intake = try BraidBinary.run("level", "-", stdin: #"{"currentLevel": null, "stimulantCriteria": 3}"#)
        #expect(intake.stdout.contains("\"stepDirection\":null"))
        #expect(intake.json?["level"] as? String == "iop")
        for (stdin, field) in [
            (#"{"phq9": 30}"#, "phq9"), (#"{"currentLevel": "rehab"}"#, "currentLevel"), (#"{"x": 1}"#, "x"),
            ("not json", "(document)"),
        ] {
            let bad = try BraidBinary.run("level", "-", stdin: stdin)
            #expect(bad.status == 2 && bad.stdout.isEmpty)
            #expect(bad.stderr.hasPrefix("\(field)") && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        }
        let help = try BraidBinary.run("level", "--help")
        for key in LevelKeys.all { #expect(help.stdout.contains(key), "--help documents \(key)") }
        #expect(try BraidBinary.run("level", "/no/such/file.json").status == 2)
    }

    @Test("cm prints the §10 ledger with money in two decimals; bad input exits 2 naming the option or position")
    func cm() throws {
        let run = try BraidBinary.run("cm", "--schedule", "vouchers", "--results", "N,N,N,P")
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"earned\":15.00") && run.stdout.contains("\"total\":21.25"))
        let json = try #require(run.json)
        #expect(Set(json.keys) == ["schedule", "screens", "total", "capReached"])
        let screens = try #require(json["screens"] as? [[String: Any]])
        #expect(screens.map { $0["streak"] as? Int } == [1, 2, 3, 0])
        #expect(Set(screens[0].keys) == ["result", "streak", "earned", "total"])
        let prizes = try BraidBinary.run("cm", "--schedule", "prizes", "--results", "N,N,M", "--max-draws", "1")
        let prizeJSON = try #require(prizes.json)
        #expect(prizeJSON["totalDraws"] as? Int == 2 && prizeJSON["capReached"] as? Bool == false)
        #expect(
            Set((prizeJSON["screens"] as? [[String: Any]])?.first?.keys ?? [:].keys) == [
                "result", "streak", "draws", "totalDraws",
            ])
        let capped = try BraidBinary.run("cm", "--schedule", "vouchers", "--results", "N,N,N", "--cap", "5")
        #expect(capped.json?["capReached"] as? Bool == true && capped.stdout.contains("\"total\":5.00}"))
        for (arguments, field) in [
            (["--schedule", "coupons", "--results", "N"], "--schedule"),
            (["--schedule", "vouchers", "--results", "N,Q"], "--results[2]"),
            (["--schedule", "prizes", "--results", "N", "--bonus", "5"], "--bonus"),
            (["--schedule", "vouchers", "--results", "N", "--max-draws", "3"], "--max-draws"),
            (["--schedule", "vouchers", "--results", "N", "--step", "1.255"], "--step"),
            (["--schedule", "vouchers", "--results", "N", "--bonus-every", "0"], "--bonus-every"),
        ] {
            let bad = try BraidBinary.run(["cm"] + arguments)
            #expect(bad.status == 2 && bad.stdout.isEmpty)
            #expect(bad.stderr.hasPrefix("\(field):"), "\(bad.stderr)")
        }
    }

    @Test("outcomes prints exactly §9's keys; null response and remission below the clinical range; bad values exit 2")
    func outcomes() throws {
        let run = try BraidBinary.run("outcomes", "phq9", "--totals", "18,14,9")
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(
            Set(json.keys) == [
                "instrument", "baseline", "latest", "change", "percentChange", "response", "remission",
                "reliableImprovement", "reliableDeterioration",
            ])
        #expect(json["baseline"] as? Int == 18 && json["latest"] as? Int == 9 && json["change"] as? Int == -9)
        #expect(run.stdout.contains("\"percentChange\":-50.0"))
        #expect(json["response"] as? Bool == true && json["remission"] as? Bool == false)
        #expect(json["reliableImprovement"] as? Bool == true && json["reliableDeterioration"] as? Bool == false)
        // Not ill at baseline: no response or remission to speak of; a zero baseline has no percent change.
        let mild = try BraidBinary.run("outcomes", "gad7", "--totals", "0,4")
        #expect(mild.stdout.contains("\"percentChange\":null,") && mild.stdout.contains("\"response\":null"))
        #expect(mild.stdout.contains("\"remission\":null"))
        // PCL-5: response is 10 points down; below threshold is under 33.
        let pcl5 = try BraidBinary.run("outcomes", "pcl5", "--totals", "45,35")
        #expect(pcl5.json?["response"] as? Bool == true && pcl5.json?["remission"] as? Bool == false)
        #expect(pcl5.json?["reliableImprovement"] as? Bool == true)
        let one = try BraidBinary.run("outcomes", "phq9", "--totals", "12")
        #expect(one.json?["change"] as? Int == 0 && one.stdout.contains("\"percentChange\":0.0"))
        for (arguments, field) in [
            (["cssrs", "--totals", "1"], "instrument"), (["phq9", "--totals", "10,28"], "--totals"),
            (["phq9", "--totals", ""], "--totals"), (["gad7", "--totals", "5,,3"], "--totals"),
        ] {
            let bad = try BraidBinary.run(["outcomes"] + arguments)
            #expect(bad.status == 2 && bad.stdout.isEmpty, "\(arguments)")
            #expect(bad.stderr.hasPrefix("\(field):"), "\(bad.stderr)")
        }
        #expect(try BraidBinary.run("outcomes", "phq9", "--totals", "10,28").stderr.contains("value 2 '28'"))
    }

    @Test("every new command has --help", arguments: ["ordering", "analyze", "simulate", "level", "cm", "outcomes"])
    func help(command: String) throws {
        let run = try BraidBinary.run(command, "--help")
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: braid \(command)"))
    }
}

/// §6's input keys, as the help must document them.
enum LevelKeys {
    static let all = [
        "currentLevel", "daysAtCurrentLevel", "suicideScreen", "asq", "psychosis", "severeAgitation",
        "medicalInstability", "withdrawalNeedsMedicalManagement", "recoveryEnvironment", "phq9", "phq9Functional",
        "phq9Baseline", "phq9AtLevelStart", "useDaysLast30", "useDaysAtLevelStart", "daysSinceLastUse",
        "stimulantCriteria", "daysSincePhpRuleHeld",
    ]
}
