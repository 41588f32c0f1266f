import BraidCore
import BraidStore
import Foundation

/// One demo client's 90 days: simulated check-ins, PHQ-9s that follow the client's own mood, intake
/// instruments, the ordering interview, urine screens, and safety alerts (some still open).
struct DemoHistory {
    let client: ClientProfile
    let index: Int
    let clientActor: Actor
    let clinician: Actor
    let today: CalendarDate
    let now: Date
    let repository: BraidRepository

    static let days = 90

    var profile: SimulationProfile { SimulationProfile.all[index % SimulationProfile.all.count] }

    func record() async throws {
        let start = today.adding(days: -Self.days)
        let simulated = CycleSimulator.simulate(profile, days: Self.days, seed: UInt64(1_000 + index), start: start)
        func instant(_ date: CalendarDate) -> Date { now.addingTimeInterval(-Double(date.days(to: today)) * 86_400) }

        var checkIns: [ClinicalWrite] = []
        for day in simulated.days {
            guard let mood = day.mood, let craving = day.craving, let sleep = day.sleepHours else { continue }
            // Client 2 reports a safety "yes" two days ago: an open alert at the top of Dr. Rivera's caseload.
            let safety = index == 1 && day.date == today.adding(days: -2) ? true : nil
            let values = CheckInValues(
                mood: mood, craving: craving, sleepHours: sleep, used: day.used ?? false, safety: safety)
            checkIns.append(write(.checkIn(date: day.date, values: values), by: clientActor, at: instant(day.date)))
        }
        _ = try await repository.commit(checkIns)

        // PHQ-9 at intake, mid-way and recently, from the mean mood of the 14 days before.
        for (offset, item9) in [(0, index == 4 ? 1 : 0), (42, 0), (86, [1, 6].contains(index) ? 1 : 0)] {
            let date = start.adding(days: offset)
            let window = simulated.days.filter { $0.date <= date && $0.date.days(to: date) < 14 }.compactMap(\.mood)
            let mood = window.isEmpty ? 5 : Double(window.reduce(0, +)) / Double(window.count)
            try await score(
                .phq9, Self.items(total: Int(((10 - mood) * 2.4).rounded()), count: 9, item9: item9), on: date)
        }
        try await score(.gad7, Self.items(total: [11, 8, 13, 4][index % 4], count: 7), on: start)
        try await score(.stimulantSUD, Self.criteria(met: [7, 5, 8, 3][index % 4]), on: start)
        if index == 6 { try await score(.cssrs, [1, 0, nil, nil, nil, 0, nil], on: today.adding(days: -3)) }
        let ordering = Self.ordering(for: profile.classification)
        _ = try await repository.commit(
            write(
                .assessment(date: start, content: .ordering(input: ordering, result: OrderingAssessment(ordering))),
                by: clinician, at: instant(start)))

        // Screens on Mondays and Thursdays: positive when use was reported in the 3 days before.
        var screens: [ClinicalWrite] = []
        for day in simulated.days where [1, 4].contains(day.date.isoWeekday) {
            let recent = simulated.days.filter { $0.date < day.date && $0.date.days(to: day.date) <= 3 }
            let screen = UrineScreen(date: day.date, positive: recent.contains { $0.used == true })
            screens.append(write(.screen(screen), by: clinician, at: instant(day.date)))
        }
        _ = try await repository.commit(screens)

        // The intake item-9 alert of client 5 was followed up and acknowledged; the recent ones stay open.
        if index == 4 {
            for alert in try await repository.alerts(of: [client.ref], openOnly: true)
            where alert.openedAt < now.addingTimeInterval(-80 * 86_400) {
                let note = "Safety assessment done at intake; safety plan written with the client."
                _ = try await repository.commit(
                    write(
                        .alertAcknowledgement(alert.id, note: note), by: clinician,
                        at: alert.openedAt.addingTimeInterval(3_600)))
            }
        }
    }

    private func score(_ id: Instrument.ID, _ answers: [Int?], on date: CalendarDate) async throws {
        let result = try Instrument.definition(id).score(answers)
        _ = try await repository.commit(
            write(
                .assessment(date: date, content: .instrument(answers: answers, result: result)),
                by: id == .phq9 || id == .gad7 ? clientActor : clinician,
                at: now.addingTimeInterval(-Double(date.days(to: today)) * 86_400)))
    }

    /// A demo write: through the one write path, like every door.
    private func write(_ content: ClinicalWrite.Content, by author: Actor, at instant: Date) -> ClinicalWrite {
        ClinicalWrite(content, to: client.ref, by: author, through: .demo, requestID: "demo", now: instant)
    }

    /// Item scores 0–3 adding up to `total` (item 9 fixed when given), raised one level at a time across items.
    static func items(total: Int, count: Int, item9: Int? = nil) -> [Int?] {
        var scores = Array(repeating: 0, count: count)
        let free = (0..<count).filter { !(item9 != nil && $0 == 8) }
        var remaining = max(0, min(total, 3 * count)) - (item9 ?? 0)
        for level in 1...3 {
            for position in free where remaining > 0 {
                scores[position] = level
                remaining -= 1
            }
        }
        if let item9 { scores[8] = item9 }
        return scores
    }

    static func criteria(met: Int) -> [Int?] { (1...11).map { $0 <= met ? 1 : 0 } }

    static func ordering(for profile: CycleClassification) -> OrderingInput {
        switch profile {
        case .crashDriven:
            OrderingInput(
                depressionOnset: .age(24), cocaineFirstUseAge: 19, cocaineRegularUse: .age(21),
                abstinencePeriods: [.init(weeks: 6, lowMoodAtStart: true, lowMoodPersistedWeeks: 2)],
                lowsMostlyAfterUse: true, usesToLiftLowMood: true)
        case .persistent:
            OrderingInput(
                depressionOnset: .age(15), cocaineFirstUseAge: 22, cocaineRegularUse: .age(25),
                abstinencePeriods: [.init(weeks: 8, lowMoodAtStart: true, lowMoodPersistedWeeks: 8)],
                usesToLiftLowMood: true)
        case .mixed:
            OrderingInput(
                depressionOnset: .age(20), cocaineFirstUseAge: 18, cocaineRegularUse: .age(20),
                lowsMostlyAfterUse: true, usesToLiftLowMood: true)
        case .notLow, .insufficientData:
            OrderingInput(depressionOnset: .never, cocaineFirstUseAge: 23, cocaineRegularUse: .age(26))
        }
    }
}
