import Foundation

/// Contingency management arithmetic (clinical-rules.md §10): escalating vouchers (Higgins) or prize draws
/// (Petry), earned per urine screen from the streak of consecutive negatives, under a yearly cap. Money is kept in
/// whole cents so no sum drifts.
public enum ContingencyManagement {
    /// A screen's result: negative, positive, or missed (which counts as positive).
    public enum Result: String, Sendable, Hashable, Codable, CaseIterable {
        case negative = "N"
        case positive = "P"
        case missed = "M"
    }

    public enum Schedule: String, Sendable, Hashable, Codable, CaseIterable {
        case vouchers, prizes
    }

    /// A program's amounts; the defaults are the spec's (SAMHSA 2025 cap).
    public struct Settings: Sendable, Hashable, Codable {
        public var startCents = 250
        public var stepCents = 125
        public var bonusCents = 1_000
        public var bonusEvery = 3
        public var maxDraws = 12
        public var capCents = 75_000

        public init() {}

        public static let `default` = Settings()
    }

    /// One screen's line of the ledger.
    public struct Line: Sendable, Hashable {
        public let result: Result
        public let streak: Int
        /// Vouchers: cents earned by this screen (after the cap); prizes: 0.
        public let earnedCents: Int
        /// Prizes: draws earned by this screen; vouchers: 0.
        public let draws: Int
        /// Running total: cents for vouchers, draws for prizes.
        public let runningTotal: Int
    }

    public struct Ledger: Sendable, Hashable {
        public let schedule: Schedule
        public let lines: [Line]
        public let totalCents: Int
        public let totalDraws: Int
        /// The yearly cap was reached (vouchers; prize values are known only when drawn, so the CLI's prize
        /// schedule never reaches it).
        public let capReached: Bool
    }

    /// The k-th consecutive negative's voucher: start + (k − 1) × step, plus the bonus when k is a multiple of
    /// `bonusEvery`.
    public static func voucherCents(streak k: Int, settings: Settings) -> Int {
        guard k > 0 else { return 0 }
        return settings.startCents + (k - 1) * settings.stepCents
            + (k % settings.bonusEvery == 0 ? settings.bonusCents : 0)
    }

    /// The k-th consecutive negative's draws: min(k, maxDraws).
    public static func draws(streak k: Int, settings: Settings) -> Int { k > 0 ? min(k, settings.maxDraws) : 0 }

    /// The ledger of a sequence of screens. A positive or missed screen resets the streak and earns nothing; the
    /// screen that reaches the cap earns only the rest, and none earns after it.
    public static func ledger(_ results: [Result], schedule: Schedule, settings: Settings = .default) -> Ledger {
        var streak = 0
        var cents = 0
        var draws = 0
        var lines: [Line] = []
        for result in results {
            streak = result == .negative ? streak + 1 : 0
            switch schedule {
            case .vouchers:
                let earned = min(voucherCents(streak: streak, settings: settings), max(settings.capCents - cents, 0))
                cents += earned
                lines.append(Line(result: result, streak: streak, earnedCents: earned, draws: 0, runningTotal: cents))
            case .prizes:
                let earned = Self.draws(streak: streak, settings: settings)
                draws += earned
                lines.append(Line(result: result, streak: streak, earnedCents: 0, draws: earned, runningTotal: draws))
            }
        }
        return Ledger(
            schedule: schedule, lines: lines, totalCents: cents, totalDraws: draws,
            capReached: schedule == .vouchers && cents >= settings.capCents)
    }

    /// Parses `N,N,P,M,…`; the error names the 1-based position.
    public static func parseResults(_ text: String, field: String = "--results") throws(ValidationError) -> [Result] {
        let tokens = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError(field: field, "give at least one result (N, P or M), e.g. N,N,P")
        }
        var results: [Result] = []
        for (index, token) in tokens.enumerated() {
            guard let result = Result(rawValue: token.uppercased()) else {
                throw ValidationError(
                    field: "\(field)[\(index + 1)]",
                    "'\(token.prefix(20))' is not N (negative), P (positive) or M (missed)")
            }
            results.append(result)
        }
        return results
    }

    /// Parses an amount of money (`2.50`, `10`): not negative, at most two decimals, at most $100,000.
    public static func parseCents(_ text: String, field: String) throws(ValidationError) -> Int {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigitCharacter),
            parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigitCharacter),
            let whole = Int(parts[0]), whole <= 100_000
        else {
            throw ValidationError(
                field: field, "'\(text.prefix(20))' is not an amount of money (0–100000, at most two decimals)")
        }
        let fraction = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        return whole * 100 + fraction
    }

    /// Cents as the contract prints money: a number with two decimals (`2.50`).
    public static func money(_ cents: Int) -> String {
        String(format: "%d.%02d", cents / 100, cents % 100)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
