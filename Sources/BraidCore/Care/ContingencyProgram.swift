import Foundation

/// A slip in the prize bowl (Petry): most say "good job", a few carry a prize.
public enum PrizeSlip: String, Sendable, Hashable, Codable, CaseIterable {
    case goodJob = "good-job"
    case small
    case large
    case jumbo

    public var label: String {
        switch self {
        case .goodJob: "Good job"
        case .small: "Small prize"
        case .large: "Large prize"
        case .jumbo: "Jumbo prize"
        }
    }
}

/// The prize bowl: how many slips of each kind, and what each prize is worth (§10's defaults: 500 slips, 250 "good
/// job", 209 small $1, 40 large $20, 1 jumbo $100). Slips go back into the bowl after each draw.
public struct PrizeBowl: Sendable, Hashable {
    public var counts: [PrizeSlip: Int]
    public var valueCents: [PrizeSlip: Int]

    public init(counts: [PrizeSlip: Int], valueCents: [PrizeSlip: Int]) {
        self.counts = counts
        self.valueCents = valueCents
    }

    public static let `default` = PrizeBowl(
        counts: [.goodJob: 250, .small: 209, .large: 40, .jumbo: 1],
        valueCents: [.goodJob: 0, .small: 100, .large: 2_000, .jumbo: 10_000])

    public var slipCount: Int { PrizeSlip.allCases.reduce(0) { $0 + (counts[$1] ?? 0) } }

    public func value(of slip: PrizeSlip) -> Int { valueCents[slip] ?? 0 }

    /// The slip at a position in the bowl (0 ..< slipCount), kinds in catalog order.
    func slip(at position: Int) -> PrizeSlip {
        var remaining = position
        for slip in PrizeSlip.allCases {
            let count = counts[slip] ?? 0
            if remaining < count { return slip }
            remaining -= count
        }
        return .goodJob
    }

    /// The `index`-th draw of a ledger seeded with `seed`: the same seed and index always give the same slip, so
    /// every draw can be checked again later.
    public func draw(seed: UInt64, index: Int) -> PrizeSlip {
        var generator = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
        return slip(at: Int.random(in: 0..<max(slipCount, 1), using: &generator))
    }
}

/// A program's contingency-management offer (§10): the schedule, its amounts, the bowl, and the days of the week it
/// screens. Kept as setting changes (`cm-…`), each with a reason; a client's enrollment takes a copy, so a client's
/// terms never change under them.
public struct ContingencyProgram: Sendable, Hashable {
    public var schedule: ContingencyManagement.Schedule = .vouchers
    public var amounts: ContingencyManagement.Settings = .default
    public var bowl: PrizeBowl = .default
    /// ISO weekdays (1 = Monday … 7 = Sunday); §10 asks for 2–3 screens a week. Default Monday, Wednesday, Friday.
    public var screeningDays: Set<Int> = [1, 3, 5]

    public init() {}

    public static let `default` = ContingencyProgram()

    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public static let weekdayLabels = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// One editable setting, as the settings page and the history name it.
    public enum Key: String, Sendable, CaseIterable {
        case schedule = "cm-schedule"
        case start = "cm-start"
        case step = "cm-step"
        case bonus = "cm-bonus"
        case bonusEvery = "cm-bonus-every"
        case maxDraws = "cm-max-draws"
        case cap = "cm-cap"
        case screeningDays = "cm-screening-days"
        case bowl = "cm-bowl"
        case prizeValues = "cm-prize-values"

        public var label: String {
            switch self {
            case .schedule: "Schedule (vouchers or prize draws)"
            case .start: "First voucher"
            case .step: "Voucher step"
            case .bonus: "Bonus"
            case .bonusEvery: "Bonus every nth negative"
            case .maxDraws: "Most draws per screen"
            case .cap: "Yearly cap per client"
            case .screeningDays: "Screening days"
            case .bowl: "Bowl (good job, small, large, jumbo slips)"
            case .prizeValues: "Prize values (small, large, jumbo)"
            }
        }
    }

    /// The value of `key` as text, as the form shows it and the history stores it.
    public func text(_ key: Key) -> String {
        let money = ContingencyManagement.money
        switch key {
        case .schedule: return schedule.rawValue
        case .start: return money(amounts.startCents)
        case .step: return money(amounts.stepCents)
        case .bonus: return money(amounts.bonusCents)
        case .bonusEvery: return String(amounts.bonusEvery)
        case .maxDraws: return String(amounts.maxDraws)
        case .cap: return money(amounts.capCents)
        case .screeningDays: return screeningDays.sorted().map { Self.weekdayNames[$0 - 1] }.joined(separator: ",")
        case .bowl: return PrizeSlip.allCases.map { String(bowl.counts[$0] ?? 0) }.joined(separator: ",")
        case .prizeValues:
            return [PrizeSlip.small, .large, .jumbo].map { money(bowl.value(of: $0)) }.joined(separator: ",")
        }
    }

    /// Sets `key` from text, checking it; the error names the setting and what is allowed.
    public mutating func set(_ key: Key, _ text: String) throws(ValidationError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        func whole(_ range: ClosedRange<Int>) throws(ValidationError) -> Int {
            guard let value = Int(text), range.contains(value) else {
                throw ValidationError(
                    field: key.rawValue,
                    "'\(text.prefix(20))' is not allowed (a whole number \(range.lowerBound)–\(range.upperBound))")
            }
            return value
        }
        func money(_ text: String, atMost most: Int) throws(ValidationError) -> Int {
            let cents = try ContingencyManagement.parseCents(text, field: key.rawValue)
            guard cents <= most else {
                throw ValidationError(
                    field: key.rawValue, "at most \(ContingencyManagement.money(most)) (got \(text.prefix(20)))")
            }
            return cents
        }
        switch key {
        case .schedule:
            guard let value = ContingencyManagement.Schedule(rawValue: text) else {
                throw ValidationError(field: key.rawValue, "must be vouchers or prizes")
            }
            schedule = value
        case .start: amounts.startCents = try money(text, atMost: 10_000)
        case .step: amounts.stepCents = try money(text, atMost: 10_000)
        case .bonus: amounts.bonusCents = try money(text, atMost: 10_000)
        case .bonusEvery: amounts.bonusEvery = try whole(1...52)
        case .maxDraws: amounts.maxDraws = try whole(1...50)
        case .cap: amounts.capCents = try money(text, atMost: 500_000)
        case .screeningDays:
            let names = text.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var days: Set<Int> = []
            for name in names {
                guard let index = Self.weekdayNames.firstIndex(of: name) else {
                    throw ValidationError(
                        field: key.rawValue,
                        "'\(name.prefix(10))' is not a day (use \(Self.weekdayNames.joined(separator: ", ")))")
                }
                days.insert(index + 1)
            }
            guard (1...7).contains(days.count) else {
                throw ValidationError(field: key.rawValue, "choose at least one screening day (§10: 2–3 a week)")
            }
            screeningDays = days
        case .bowl:
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            guard parts.count == 4, parts.allSatisfy({ ($0 ?? -1) >= 0 && ($0 ?? 0) <= 10_000 }) else {
                throw ValidationError(
                    field: key.rawValue, "give four slip counts 0–10000: good job, small, large, jumbo (250,209,40,1)")
            }
            var counts: [PrizeSlip: Int] = [:]
            for (slip, count) in zip(PrizeSlip.allCases, parts) { counts[slip] = count }
            guard counts.values.reduce(0, +) > 0 else {
                throw ValidationError(field: key.rawValue, "the bowl needs at least one slip")
            }
            bowl.counts = counts
        case .prizeValues:
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 3 else {
                throw ValidationError(
                    field: key.rawValue, "give three amounts: small, large, jumbo (1.00,20.00,100.00)")
            }
            for (slip, part) in zip([PrizeSlip.small, .large, .jumbo], parts) {
                bowl.valueCents[slip] = try money(part, atMost: 50_000)
            }
        }
    }

    /// The offer as a history leaves it (oldest first; the last change to each setting wins, and a value that no
    /// longer parses is skipped).
    public static func from(history: [SettingChange]) -> ContingencyProgram {
        var program = ContingencyProgram()
        for change in history {
            if let key = Key(rawValue: change.setting) { try? program.set(key, change.newValue) }
        }
        return program
    }

    /// Every setting as text (an enrollment keeps this copy of its terms).
    public var terms: [String: String] {
        Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0.rawValue, text($0)) })
    }

    /// Terms as `terms` wrote them; a setting missing or unreadable keeps its default.
    public init(terms: [String: String]) {
        self.init()
        for key in Key.allCases {
            if let text = terms[key.rawValue] { try? set(key, text) }
        }
    }

    /// A screening day of this offer?
    public func isScreeningDay(_ date: CalendarDate) -> Bool { screeningDays.contains(date.isoWeekday) }

    /// The first screening day on or after `date`.
    public func nextScreeningDay(onOrAfter date: CalendarDate) -> CalendarDate {
        (0..<7).lazy.map { date.adding(days: $0) }.first(where: isScreeningDay) ?? date
    }

    public var screeningDaysText: String {
        screeningDays.sorted().map { Self.weekdayLabels[$0 - 1] }.joined(separator: ", ")
    }
}
