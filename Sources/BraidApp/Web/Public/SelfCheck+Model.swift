import BraidCore
import Foundation

/// The self-check form: raw values as typed (re-shown on error), the parsed answers, and errors by field.
struct SelfCheckForm: Sendable {
    static let fields = [
        "everDepressed", "depressionAge", "firstUseAge", "regularUseAge", "moodInBreak", "lowsAfterUse",
        "usesToLiftMood", "phq2_1", "phq2_2",
    ]

    var values: [String: String] = [:]
    var errors: [String: String] = [:]

    init(values: [String: String] = [:]) {
        self.values = values.filter { Self.fields.contains($0.key) }.mapValues { String($0.prefix(40)) }
    }

    /// Parses the form; fills `errors` (by field) and returns `nil` when anything is invalid.
    mutating func answers() -> SelfCheckAnswers? {
        errors = [:]
        func choice<T: RawRepresentable>(_ field: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let text = values[field], !text.isEmpty else { return nil }
            guard let value = T(rawValue: text) else {
                errors[field] = "choose one of the options"
                return nil
            }
            return value
        }
        func age(_ field: String) -> Int? {
            guard let text = values[field]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                errors[field] = "enter an age in whole years (5–120)"
                return nil
            }
            return value
        }
        func score(_ field: String) -> Int? {
            guard let text = values[field], !text.isEmpty else { return nil }
            guard let value = Int(text), (0...3).contains(value) else {
                errors[field] = "choose one of the options"
                return nil
            }
            return value
        }
        let answers = SelfCheckAnswers(
            everDepressed: choice("everDepressed", SelfCheckAnswers.YesNoUnsure.self),
            depressionAge: age("depressionAge"), firstUseAge: age("firstUseAge"), regularUseAge: age("regularUseAge"),
            moodInBreak: choice("moodInBreak", SelfCheckAnswers.MoodInBreak.self),
            lowsAfterUse: choice("lowsAfterUse", SelfCheckAnswers.YesNoUnsure.self),
            usesToLiftMood: choice("usesToLiftMood", SelfCheckAnswers.YesNoUnsure.self),
            phq2: [score("phq2_1"), score("phq2_2")])
        do {
            try answers.validate()
        } catch {
            let field = error.field.hasPrefix("phq2.") ? "phq2_" + error.field.dropFirst(5) : error.field
            errors[field] = error.message
        }
        return errors.isEmpty ? answers : nil
    }
}
