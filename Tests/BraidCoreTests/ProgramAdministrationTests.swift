import Foundation
import Testing

@testable import BraidCore

@Suite("Running a program: thresholds, episodes of care, the census, account rules")
struct ProgramAdministrationTests {
    // MARK: - Thresholds

    @Test("every threshold's default is the spec's, and setting it moves exactly that value")
    func thresholdRoundTrip() {
        #expect(ClinicalThreshold.phq9FlagAtLeast.defaultValue == 10)
        #expect(ClinicalThreshold.pcl5ProbablePTSDAt.defaultValue == 33)
        #expect(ClinicalThreshold.sdsLikelyDependenceAt.defaultValue == 3)
        #expect(ClinicalThreshold.reliableChangePHQ9.defaultValue == 6)
        #expect(ClinicalThreshold.reliableChangeGAD7.defaultValue == 4)
        #expect(ClinicalThreshold.reliableChangePCL5.defaultValue == 10)
        #expect(ClinicalThreshold.missedCheckInsOf7.defaultValue == 3)
        #expect(ClinicalThreshold.sleepDisruptionBelow.defaultValue == 5)
        for threshold in ClinicalThreshold.allCases {
            let range = threshold.allowed.range
            #expect(range.contains(threshold.defaultValue), "\(threshold.rawValue) default inside its range")
            var configuration = ClinicalConfiguration.default
            threshold.apply(range.upperBound, to: &configuration)
            #expect(threshold.value(in: configuration) == range.upperBound)
            // No other threshold moved.
            for other in ClinicalThreshold.allCases where other != threshold {
                #expect(other.value(in: configuration) == other.defaultValue, "\(other.rawValue) untouched")
            }
        }
    }

    @Test(
        "a typed threshold outside its range or step, or not a number, is refused naming the threshold",
        arguments: [
            ("phq9-flag-at-least", "21", "21 is not allowed (allowed: 5–20, whole numbers)"),
            ("phq9-flag-at-least", "4", "4 is not allowed"),
            ("phq9-flag-at-least", "10.5", "10.5 is not allowed"),
            ("low-mood-median-below", "5.25", "5.25 is not allowed (allowed: 2–8 in steps of 0.5)"),
            ("craving-rise", "two", "'two' is not a number"),
            ("craving-rise", "nan", "is not a number"),
            ("sleep-disruption-above", "", "is not a number"),
        ])
    func thresholdBounds(id: String, text: String, message: String) throws {
        let threshold = try #require(ClinicalThreshold(rawValue: id))
        #expect(throws: ValidationError.self) { try threshold.check(text) }
        do {
            _ = try threshold.check(text)
        } catch {
            #expect(error.field == id)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test("boundaries of the allowed range are accepted")
    func thresholdEdges() throws {
        #expect(try ClinicalThreshold.phq9FlagAtLeast.check("5") == 5)
        #expect(try ClinicalThreshold.phq9FlagAtLeast.check(" 20 ") == 20)
        #expect(try ClinicalThreshold.lowMoodMedianBelow.check("5.5") == 5.5)
    }

    @Test("the current thresholds are the last change to each; other history rows are not thresholds")
    func thresholdsFromHistory() {
        let at = Date(timeIntervalSince1970: 0)
        func change(_ setting: String, _ value: String) -> SettingChange {
            SettingChange(
                setting: setting, oldValue: nil, newValue: value, reason: "why", changedBy: nil, changedAt: at)
        }
        let history = [
            change("phq9-flag-at-least", "12"), change("name", "New name"), change("phq9-flag-at-least", "15"),
            change("craving-rise", "3"),
        ]
        let values = SettingChange.thresholds(from: history)
        #expect(values == [.phq9FlagAtLeast: 15, .cravingRise: 3])
        let configuration = ClinicalThreshold.configuration(values)
        #expect(configuration.analysis.phq9FlagAtLeast == 15)
        #expect(configuration.analysis.cravingRise == 3)
        #expect(configuration.analysis.lowMoodMedianBelow == 5)
    }

    @Test("a change needs a reason of 3–500 characters")
    func reasons() throws {
        #expect(throws: ValidationError.self) { try SettingChange.checkReason("  ") }
        #expect(throws: ValidationError.self) { try SettingChange.checkReason("ok") }
        #expect(throws: ValidationError.self) { try SettingChange.checkReason(String(repeating: "a", count: 501)) }
        #expect(try SettingChange.checkReason("  Clinical lead decision  ") == "Clinical lead decision")
    }

    @Test("a moved PHQ-9 threshold changes who gets the low-mood flag")
    func thresholdFollowed() {
        // 40 days abstinent, mood okay (6), PHQ-9 of 12 two days before the end.
        let start = CalendarDate(iso: "2026-01-01")!
        let days = (0..<40).map {
            CheckInDay(date: start.adding(days: $0), mood: 6, craving: 2, sleepHours: 7, used: false)
        }
        let series = CheckInSeries(days: days)
        let phq9 = [DatedScore(date: start.adding(days: 38), total: 12)]
        let standard = CheckInAnalysis.analyze(series, phq9: phq9, configuration: .default)
        #expect(standard.flags.contains { $0.id == .persistentLowMoodInAbstinence })
        let stricter = ClinicalThreshold.configuration([.phq9FlagAtLeast: 15])
        let moved = CheckInAnalysis.analyze(series, phq9: phq9, configuration: stricter)
        #expect(!moved.flags.contains { $0.id == .persistentLowMoodInAbstinence })
    }

    // MARK: - Episodes

    static let today = CalendarDate(iso: "2026-06-15")!
    static let client = ClientID.random()
    static let program = ProgramID.random()

    static func episode(_ admitted: String, discharged: String? = nil, reason: DischargeReason? = nil) -> Episode {
        Episode(
            id: .random(), clientID: client, programID: program, admittedOn: CalendarDate(iso: admitted)!,
            levelAtAdmission: .iop, referralSource: .selfReferred,
            dischargedOn: discharged.flatMap { CalendarDate(iso: $0) },
            dischargeReason: reason ?? (discharged == nil ? nil : .completed))
    }

    static func admissionError(_ date: String, level: LevelOfCare = .iop, episodes: [Episode]) -> ValidationError? {
        do {
            try EpisodeRules.checkAdmission(
                on: CalendarDate(iso: date)!, level: level, episodes: episodes, today: today)
            return nil
        } catch { return error }
    }

    @Test("admission: not in the future, not over a year back, to IOP or PHP, with no episode open")
    func admissions() {
        #expect(Self.admissionError("2026-06-15", episodes: []) == nil)
        #expect(Self.admissionError("2026-06-16", episodes: [])?.field == "admittedOn")
        #expect(Self.admissionError("2025-06-13", episodes: [])?.message.contains("366") == true)
        #expect(Self.admissionError("2025-06-14", episodes: []) == nil)
        #expect(Self.admissionError("2026-06-01", level: .referHigher, episodes: [])?.field == "level")
        #expect(Self.admissionError("2026-06-01", level: .outpatient, episodes: [])?.field == "level")
        let open = Self.episode("2026-05-01")
        #expect(Self.admissionError("2026-06-10", episodes: [open])?.message.contains("open episode") == true)
    }

    @Test("readmission opens a new episode on or after the last discharge")
    func readmission() {
        let closed = Self.episode("2026-03-01", discharged: "2026-05-01")
        #expect(Self.admissionError("2026-04-30", episodes: [closed])?.message.contains("2026-05-01") == true)
        #expect(Self.admissionError("2026-05-01", episodes: [closed]) == nil)
        let readmitted = Self.episode("2026-05-10")
        let status = EpisodeStatus(episodes: [closed, readmitted])
        #expect(status == .active(readmitted))
        #expect(status.isInCare)
        #expect(EpisodeStatus(episodes: [closed]) == .discharged(closed))
        #expect(!EpisodeStatus(episodes: [closed]).isInCare)
        #expect(EpisodeStatus(episodes: []) == .notAdmitted && EpisodeStatus(episodes: []).isInCare)
        // As of a day: a later discharge has not happened yet, a later admission is ignored.
        #expect(EpisodeStatus(asOf: CalendarDate(iso: "2026-04-15")!, episodes: [closed]).isActive)
        #expect(EpisodeStatus(asOf: CalendarDate(iso: "2026-05-01")!, episodes: [closed]) == .discharged(closed))
        #expect(
            EpisodeStatus(asOf: CalendarDate(iso: "2026-05-05")!, episodes: [closed, readmitted]) == .discharged(closed)
        )
    }

    @Test("discharge: of an open episode, between its admission and today")
    func discharges() {
        let open = Self.episode("2026-05-01")
        func error(_ date: String, _ episode: Episode = open) -> ValidationError? {
            do {
                try EpisodeRules.checkDischarge(of: episode, on: CalendarDate(iso: date)!, today: Self.today)
                return nil
            } catch { return error }
        }
        #expect(error("2026-05-01") == nil)
        #expect(error("2026-06-15") == nil)
        #expect(error("2026-04-30")?.field == "dischargedOn")
        #expect(error("2026-06-16")?.message == "must not be in the future")
        #expect(error("2026-06-01", Self.episode("2026-03-01", discharged: "2026-05-01"))?.field == "episode")
        #expect(open.lengthOfStay(today: Self.today) == 46)
        #expect(Self.episode("2026-05-01", discharged: "2026-05-01").lengthOfStay(today: Self.today) == 1)
    }

    // MARK: - Census

    @Test("the census counts episodes in the window and suppresses cells of 1–4")
    func census() {
        let window = CalendarDate(iso: "2026-03-18")!...Self.today
        var episodes: [Episode] = []
        for index in 0..<6 {
            episodes.append(Self.episode("2026-04-0\(index + 1)", discharged: "2026-05-1\(index)", reason: .completed))
        }
        // One client readmitted after a discharge, one admitted before the window and still open.
        let client = ClientID.random()
        episodes.append(
            Episode(
                id: .random(), clientID: client, programID: Self.program, admittedOn: CalendarDate(iso: "2026-01-01")!,
                levelAtAdmission: .php, referralSource: .family, dischargedOn: CalendarDate(iso: "2026-02-01")!,
                dischargeReason: .leftAgainstAdvice))
        episodes.append(
            Episode(
                id: .random(), clientID: client, programID: Self.program, admittedOn: CalendarDate(iso: "2026-06-01")!,
                levelAtAdmission: .php, referralSource: .family))
        episodes.append(
            Episode(
                id: .random(), clientID: .random(), programID: Self.program,
                admittedOn: CalendarDate(iso: "2025-12-01")!, levelAtAdmission: .iop, referralSource: .other))
        // The six discharged episodes belong to one client but overlap (none was discharged before another
        // began), so the only readmission is the June one.
        let census = EpisodeCensus(episodes: episodes, window: window)
        #expect(census.admissions == 7)
        #expect(census.openEpisodes == 2)
        #expect(census.discharges == 6)
        #expect(census.dischargesByReason == [.completed: 6])
        #expect(census.admissionsByLevel == [.iop: 6, .php: 1])
        #expect(census.readmissions == 1)
        // Stays of 40, 40, 40, 40, 40, 40 days (admitted Apr 1–6, discharged May 10–15): median 40.
        #expect(census.medianLengthOfStay == 40)
        #expect(EpisodeCensus.cell(0) == "0")
        #expect(EpisodeCensus.cell(1) == "<5")
        #expect(EpisodeCensus.cell(4) == "<5")
        #expect(EpisodeCensus.cell(5) == "5")
        let few = EpisodeCensus(episodes: Array(episodes.prefix(4)), window: window)
        #expect(few.medianLengthOfStay == nil)
    }

    // MARK: - Accounts

    @Test("account rules: emails, names and roles are checked, naming the field")
    func accountRules() throws {
        #expect(try AccountRules.email("  Ana@Example.ORG ") == "ana@example.org")
        for bad in ["ana", "ana@", "@example.org", "ana@localhost", "a b@example.org", "a@b@example.org"] {
            #expect(throws: ValidationError.self, "\(bad)") { try AccountRules.email(bad) }
        }
        #expect(throws: ValidationError.self) { try AccountRules.name("   ") }
        #expect(try AccountRules.role("program-lead") == .programLead)
        do {
            _ = try AccountRules.role("nurse", field: "role")
            Issue.record("nurse is not a role")
        } catch {
            #expect(error.field == "role")
            #expect(error.message.contains("admin, clinician, client, program-lead"))
        }
    }

    @Test("a program lead reads no clinical record, even of a client in its program")
    func programLeadAccess() {
        let program = ProgramID.random()
        let lead = Actor(userID: .random(), role: .programLead, programID: program, clientID: nil)
        #expect(!AccessPolicy.mayAccessClinicalRecord(of: .random(), in: program, careTeam: [lead.userID], actor: lead))
        #expect(AccessPolicy.mayReadAggregates(lead))
        #expect(!AccessPolicy.mayManageAccounts(lead))
        let clinician = Actor(userID: .random(), role: .clinician, programID: program, clientID: nil)
        #expect(!AccessPolicy.mayReadAggregates(clinician))
        #expect(!Role.programLead.mayJoinCareTeam && Role.clinician.mayJoinCareTeam)
    }
}
