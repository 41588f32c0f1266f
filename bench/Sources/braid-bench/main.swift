import BraidCore
import Dispatch
import Foundation

// Cohort analysis benchmark (issue 3): 10,000 simulated clients × 365 days, full analysis per client (use
// calendar, cycle fit over the half-life grid, classification, progress markers, flags), release build.
// Writes the cohort and Braid's fitted parameters for the NumPy peer (cohort_peer.py) to check and time.
//
// Usage: braid-bench [clients] [days] [output folder]

let arguments = CommandLine.arguments
let clients = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let days = arguments.count > 2 ? Int(arguments[2]) ?? 365 : 365
let output = URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : "results", isDirectory: true)
try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

log("simulating \(clients) clients × \(days) days …")
var cohort: [CheckInSeries] = []
cohort.reserveCapacity(clients)
let simulateSeconds = seconds {
    for index in 0..<clients {
        let profile = SimulationProfile.all[index % SimulationProfile.all.count]
        cohort.append(CheckInSeries(days: CycleSimulator.simulate(profile, days: days, seed: UInt64(index)).days))
        if index > 0 && index % 2_000 == 0 { log("  \(index) simulated") }
    }
}

let configuration = ClinicalConfiguration.default
let fitter = CycleFitter(configuration: configuration.analysis)

/// Runs `work` for every client and returns the wall time: on one thread, or on all cores in blocks of 100
/// clients that the cores take as they free up (fixed halves left one core waiting whenever the other was slowed
/// by the machine; blocks keep both busy to the end).
func timed<Result>(
    _ series: [CheckInSeries], threads: Int, _ work: @Sendable (CheckInSeries) -> Result
) -> (Double, [Result?]) {
    nonisolated(unsafe) var results = [Result?](repeating: nil, count: series.count)
    let block = 100
    let elapsed = seconds {
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            if threads == 1 {
                for index in series.indices { slots[index] = work(series[index]) }
                return
            }
            DispatchQueue.concurrentPerform(iterations: (series.count + block - 1) / block) { chunk in
                for index in (chunk * block)..<min((chunk + 1) * block, series.count) {
                    slots[index] = work(series[index])
                }
            }
        }
    }
    return (elapsed, results)
}

let cores = ProcessInfo.processInfo.activeProcessorCount
log("analysing (fit included) …")
// Warm-up on a small slice so page faults and lazy initialisation are not timed.
for series in cohort.prefix(100) { _ = CheckInAnalysis.analyze(series, configuration: configuration, fitter: fitter) }
/// Median wall time of `runs` repetitions (the 2-core figure moves ±15 % between identical runs here).
func median<Result>(runs: Int = 5, _ body: () -> (Double, [Result?])) -> (Double, [Result?]) {
    var results: [(Double, [Result?])] = (0..<runs).map { _ in body() }
    results.sort { $0.0 < $1.0 }
    return results[runs / 2]
}
let (analysisOneCore, _) = median {
    timed(cohort, threads: 1) { CheckInAnalysis.analyze($0, configuration: configuration, fitter: fitter) }
}
let (analysisAllCores, analyses) = median {
    timed(cohort, threads: cores) { CheckInAnalysis.analyze($0, configuration: configuration, fitter: fitter) }
}
let (fitOneCore, fits) = median { timed(cohort, threads: 1) { fitter.fit($0) } }
// Where the rest of the analysis goes (one core each).
let (useCalendarOneCore, useMetrics) = timed(cohort, threads: 1) { UseCalendar(series: $0).metrics }
let (progressOneCore, _) = timed(cohort, threads: 1) { Progress.compute($0, phq9: []) }
let (flagsOneCore, _) = timed(cohort, threads: 1) { [useMetrics] series in
    AnalysisFlag.evaluate(series, use: useMetrics[0]!, phq9: [])
}

var correct = 0
for (index, analysis) in analyses.enumerated()
where analysis?.classification == SimulationProfile.all[index % SimulationProfile.all.count].classification {
    correct += 1
}

// Cohort for the NumPy peer: float64 matrices [clients × days] of mood (NaN = unrated) and use (0/1).
var moodMatrix = [Double](repeating: .nan, count: clients * days)
var useMatrix = [Double](repeating: 0, count: clients * days)
for (row, series) in cohort.enumerated() {
    for (column, day) in series.days.enumerated() {
        moodMatrix[row * days + column] = day.mood.map(Double.init) ?? .nan
        useMatrix[row * days + column] = day.used == true ? 1 : 0
    }
}
func write(_ values: [Double], _ name: String) throws {
    try values.withUnsafeBytes { try Data($0).write(to: output.appendingPathComponent(name)) }
}
try write(moodMatrix, "mood.f64")
try write(useMatrix, "use.f64")
// Braid's fitted m, c, h (NaN where not estimated) for the peer's agreement check.
try write(
    fits.flatMap { [$0?.underlyingMood ?? .nan, $0?.crashDepth ?? .nan, $0?.crashHalfLifeDays ?? .nan] },
    "braid_fit.f64")

let report: [String: Any] = [
    "clients": clients, "days": days, "cores": cores,
    "simulateSeconds": simulateSeconds,
    "analysisSecondsOneCore": analysisOneCore, "analysisSecondsAllCores": analysisAllCores,
    "fitSecondsOneCore": fitOneCore,
    "useCalendarSecondsOneCore": useCalendarOneCore, "progressSecondsOneCore": progressOneCore,
    "flagsSecondsOneCore": flagsOneCore,
    "clientsPerSecondAllCores": Double(clients) / analysisAllCores,
    "profileRecovered": Double(correct) / Double(clients),
    "halfLifeGridPoints": configuration.analysis.halfLifeGrid.count, "runs": 5,
]
let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
try json.write(to: output.appendingPathComponent("braid.json"))
print(String(decoding: json, as: UTF8.self))
log(
    String(
        format:
            "full analysis of %d clients × %d days: %.3f s on %d cores (%.3f s on 1 core); fit alone %.3f s on 1 core",
        clients, days, analysisAllCores, cores, analysisOneCore, fitOneCore))
