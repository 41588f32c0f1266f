import BraidCore
import Dispatch
import Foundation

// Program report benchmark (issue 13): a program of 10,000 simulated clients × 365 days, one episode each, the
// whole report (per-episode outcomes of both tracks, medians, shares, level flow, 52 weeks of treatment) over a
// year, then its CSV and JSON. Release build, one core (the report is one pass and runs on one).
//
// Usage: report-bench [clients] [days] [output folder]

let arguments = CommandLine.arguments
let clients = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let days = arguments.count > 2 ? Int(arguments[2]) ?? 365 : 365
let output = URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : "results", isDirectory: true)
try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Median wall time of `runs` repetitions.
func median(runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs { times.append(try seconds(body)) }
    return times.sorted()[runs / 2]
}

let start = CycleSimulator.defaultStart
let program = ProgramID.random()
log("simulating \(clients) clients × \(days) days …")
var episodes: [ReportEpisode] = []
episodes.reserveCapacity(clients)
var checkInCount = 0
let simulateSeconds = seconds {
    for index in 0..<clients {
        let profile = SimulationProfile.all[index % SimulationProfile.all.count]
        let simulated = CycleSimulator.simulate(profile, days: days, seed: UInt64(index))
        // Admissions spread over the first 60 days; a third are discharged after 90–300 days.
        let admitted = start.adding(days: index % 60)
        let discharged = index % 3 == 0 ? admitted.adding(days: 90 + index % 211) : nil
        let level: LevelOfCare = index % 4 == 0 ? .php : .iop
        let episode = Episode(
            id: .random(), clientID: .random(), programID: program, admittedOn: admitted, levelAtAdmission: level,
            referralSource: .selfReferred, dischargedOn: discharged,
            dischargeReason: discharged == nil ? nil : .completed)
        let checkIns = simulated.days.filter { $0.date >= admitted }
        checkInCount += checkIns.count
        // A PHQ-9 every 14 days from the simulated mood (low mood, high total), a GAD-7 monthly, a PCL-5 at
        // admission and at 90 days; a urine screen weekly, positive after use in the 3 days before it.
        var phq9: [DatedScore] = []
        var gad7: [DatedScore] = []
        var screens: [UrineScreen] = []
        var recentUse = 0
        for (offset, day) in checkIns.enumerated() {
            recentUse = day.used == true ? 4 : max(recentUse - 1, 0)
            let mood = day.mood ?? 5
            if offset % 14 == 0 { phq9.append(DatedScore(date: day.date, total: min(27, max(0, (10 - mood) * 3)))) }
            if offset % 30 == 0 { gad7.append(DatedScore(date: day.date, total: min(21, max(0, (10 - mood) * 2)))) }
            if offset % 7 == 3 { screens.append(UrineScreen(date: day.date, positive: recentUse > 0)) }
        }
        let pcl5 = [
            DatedScore(date: admitted, total: 20 + index % 40),
            DatedScore(date: admitted.adding(days: 90), total: 15 + index % 35),
        ]
        // A quarter step between IOP and PHP after 30 days; some of those step back after 90.
        var levels = [LevelPeriod(level: level, from: admitted, decision: nil)]
        if index % 4 == 1 || index % 4 == 0 {
            levels.append(
                LevelPeriod(level: level == .iop ? .php : .iop, from: admitted.adding(days: 30), decision: nil))
            if index % 8 == 1 {
                levels.append(LevelPeriod(level: .iop, from: admitted.adding(days: 90), decision: nil))
            }
        }
        episodes.append(
            ReportEpisode(
                episode: episode, totals: [.phq9: phq9, .gad7: gad7, .pcl5: pcl5], checkIns: checkIns,
                screens: screens, levels: levels))
    }
}

let from = start
let to = start.adding(days: days - 1)
log("reporting \(from) to \(to) …")
// Warm-up so page faults and lazy initialisation are not timed.
_ = ProgramReport(episodes: Array(episodes.prefix(200)), from: from, to: to, today: to)
var report: ProgramReport?
let reportSeconds = median { report = ProgramReport(episodes: episodes, from: from, to: to, today: to) }
let built = report!
var csv = ""
let csvSeconds = median { csv = built.csv }
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
var json = Data()
let jsonSeconds = try median { json = try encoder.encode(built) }
try csv.write(to: output.appendingPathComponent("report.csv"), atomically: true, encoding: .utf8)
try json.write(to: output.appendingPathComponent("report.json"))

let phq9 = built.depression[0]
let result: [String: Any] = [
    "clients": clients, "days": days, "checkIns": checkInCount, "simulateSeconds": simulateSeconds,
    "reportSeconds": reportSeconds, "csvSeconds": csvSeconds, "jsonSeconds": jsonSeconds,
    "totalSeconds": reportSeconds + csvSeconds + jsonSeconds, "runs": 5,
    "episodes": built.episodes.value ?? -1, "weeks": built.weeks.count,
    "phq9ResponsePercent": phq9.response.percent ?? -1,
    "abstinent21DaysPercent": built.use.abstinent21DaysConfirmed.percent ?? -1,
]
let summary = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
try summary.write(to: output.appendingPathComponent("report-bench.json"))
print(String(decoding: summary, as: UTF8.self))
log(
    String(
        format:
            "program report over %d clients × %d days (%d check-ins): %.3f s; CSV %.4f s, JSON %.4f s (target < 2 s)",
        clients, days, checkInCount, reportSeconds, csvSeconds, jsonSeconds))
