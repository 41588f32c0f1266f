import Foundation

/// Why a set of answers cannot be scored. Each case names the item (or input) and what is allowed.
public enum ScoringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of answers does not fit the instrument.
    case answerCount(instrument: Instrument.ID, allowed: ClosedRange<Int>, got: Int)
    /// An answer is not a whole number and not the missing marker `x`.
    case notANumber(item: String, text: String, allowed: ClosedRange<Int>)
    /// An answer is a number outside the item's scale.
    case outOfRange(item: String, value: Int, allowed: ClosedRange<Int>)
    /// A skip-logic item was answered yes although its condition did not hold.
    case askedOnlyWhen(item: String, condition: String)
    /// A skip-logic item was left blank although its condition held.
    case requiredWhen(item: String, condition: String)
    /// An item that a screen always asks was left blank.
    case required(item: String, allowed: ClosedRange<Int>)
    /// An extra input was given for an instrument that does not use it.
    case notApplicable(input: String, instrument: Instrument.ID, appliesTo: Instrument.ID)
    /// An extra input has a value that is not allowed.
    case invalidInput(input: String, message: String)

    /// The field the error is about: an item id or an input name.
    public var field: String {
        switch self {
        case .answerCount: "answers"
        case .notANumber(let item, _, _), .outOfRange(let item, _, _), .askedOnlyWhen(let item, _),
            .requiredWhen(let item, _), .required(let item, _):
            item
        case .notApplicable(let input, _, _), .invalidInput(let input, _): input
        }
    }

    /// One line: `field: what is wrong and what is allowed`.
    public var description: String {
        switch self {
        case .answerCount(let instrument, let allowed, let got):
            let expected =
                allowed.count == 1 ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) or \(allowed.upperBound)"
            return "answers: \(instrument.rawValue) takes \(expected) answers in item order, got \(got)"
        case .notANumber(let item, let text, let allowed):
            return "\(item): \"\(text)\" is not an answer (allowed \(Self.describe(allowed)), or x for missing)"
        case .outOfRange(let item, let value, let allowed):
            return "\(item): \(value) is out of range \(Self.describe(allowed))"
        case .askedOnlyWhen(let item, let condition):
            return "\(item): asked only when \(condition) (write x or 0)"
        case .requiredWhen(let item, let condition):
            return "\(item): must be answered when \(condition) (0 = no, 1 = yes)"
        case .required(let item, let allowed):
            return "\(item): must be answered (allowed \(Self.describe(allowed)))"
        case .notApplicable(let input, let instrument, let appliesTo):
            return "\(input): applies only to \(appliesTo.rawValue), not \(instrument.rawValue)"
        case .invalidInput(let input, let message):
            return "\(input): \(message)"
        }
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        range == 0...1 ? "0…1 (0 = no, 1 = yes)" : "\(range.lowerBound)…\(range.upperBound)"
    }
}
