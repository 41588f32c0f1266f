import Foundation
import Testing

@Suite("braid score and braid instruments (the built binary)")
struct ScoreCommandTests {
    @Test("phq9 with nine 1s prints total 9, mild, suicide-risk")
    func phq9Example() throws {
        let run = try BraidBinary.run("score", "phq9", "--answers", "1,1,1,1,1,1,1,1,1")
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(json["instrument"] as? String == "phq9")
        #expect(json["total"] as? Int == 9)
        #expect(json["severity"] as? String == "mild")
        #expect(json["flags"] as? [String] == ["suicide-risk"])
        #expect((json["items"] as? [[String: Any]])?.count == 9)
        #expect(json["codes"] as? [String: String] == ["loinc": "44261-6"])
    }

    @Test("no-total instruments print total null and the triage as severity")
    func nullTotal() throws {
        let run = try BraidBinary.run("score", "cssrs", "--answers", "1,1,0,1,0,0,x")
        let json = try #require(run.json)
        #expect(json["total"] is NSNull)
        #expect(json["severity"] as? String == "high")
        #expect(json["flags"] as? [String] == ["suicide-risk", "acute-suicide-risk"])
    }

    @Test("extra inputs are options: --prescribed-stimulant and --days-since-last-use")
    func extraInputs() throws {
        let sud = try BraidBinary.run(
            "score", "stimulant-sud", "--answers", "1,1,1,1,0,0,0,0,0,1,1", "--prescribed-stimulant")
        #expect(sud.json?["total"] as? Int == 4)
        #expect(sud.json?["flags"] as? [String] == ["tolerance-withdrawal-excluded"])
        #expect(sud.json?["codes"] as? [String: String] == ["icd10cm": "F14.20", "snomed": "31956009"])
        let phq9 = try BraidBinary.run("score", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--days-since-last-use", "3")
        #expect(phq9.json?["flags"] as? [String] == ["early-abstinence"])
    }

    @Test(
        "bad input exits 2, prints nothing on stdout and one line naming the field",
        arguments: [
            (["score", "phq9", "--answers", "1,1,1,5,1,1,1,1,1"], "phq9.4: 5 is out of range 0…3"),
            (["score", "cssrs", "--answers", "0,0,1,0,0,0,x"], "cssrs.q3: asked only when q2 is yes"),
            (["score", "phq9", "--answers", "1,1,a,1,1,1,1,1,1"], "phq9.3: \"a\" is not an answer"),
            (["score", "phq9", "--answers", "1,1,1"], "answers: phq9 takes 9 or 10 answers"),
            (["score", "nope", "--answers", "1"], "instrument: 'nope' is not an instrument"),
            (
                ["score", "gad7", "--answers", "0,0,0,0,0,0,0", "--prescribed-stimulant"],
                "--prescribed-stimulant: applies only to stimulant-sud"
            ),
            (
                ["score", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--days-since-last-use=-2"],
                "--days-since-last-use: -2 is below 0"
            ),
            (["score", "phq9"], "--answers"),
            (["instruments", "nope"], "instrument: 'nope' is not an instrument"),
            (["score", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--bogus"], "--bogus"),
        ])
    func badInput(arguments: [String], message: String) throws {
        let run = try BraidBinary.run(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(run.stderr.contains(message))
    }

    @Test("braid instruments lists every instrument with items, range and source")
    func instrumentsList() throws {
        let run = try BraidBinary.run("instruments")
        #expect(run.status == 0)
        for id in ["phq9", "phq2", "gad7", "pcl5", "cssrs", "asq", "stimulant-sud", "sds"] {
            #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix(id + " ") }, "\(id)")
        }
        #expect(run.stdout.contains("Kroenke"))
    }

    @Test("braid instruments phq9 shows the wording, options and codes")
    func instrumentDetail() throws {
        let run = try BraidBinary.run("instruments", "phq9")
        #expect(run.status == 0)
        #expect(run.stdout.contains("phq9.9  Thoughts that you would be better off dead"))
        #expect(run.stdout.contains("[LOINC 44260-8]"))
        #expect(run.stdout.contains("3 = Nearly every day"))
        let json = try BraidBinary.run("instruments", "gad7", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["itemCount"] as? Int == 7)
    }

    @Test("every command has --help and exits 0 for it", arguments: [[], ["score"], ["instruments"], ["demo"]])
    func help(command: [String]) throws {
        let run = try BraidBinary.run(command + ["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE"))
    }
}
