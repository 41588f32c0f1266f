import BraidCore
import Foundation

/// Client-facing text in the reader's language (issue 14 §8). Every word a client or a member of the public
/// reads lives in one catalog, English and Spanish side by side (`Catalog+English.swift`,
/// `Catalog+Spanish.swift`), keyed by `CopyKey`; a test fails on a key missing in either language or a
/// placeholder that differs. Placeholders are written `{name}`.
struct Copy: Sendable {
    let language: SpokenLanguage

    static let english = Copy(language: .en)

    init(language: SpokenLanguage) {
        self.language = language
    }

    /// The entries of a language.
    static func entries(_ language: SpokenLanguage) -> [CopyKey: String] {
        switch language {
        case .en: Catalog.english
        case .es: Catalog.spanish
        }
    }

    /// The text for `key`; English when the language lacks it (the catalog test keeps that from happening).
    func callAsFunction(_ key: CopyKey) -> String {
        Self.entries(language)[key] ?? Catalog.english[key] ?? key.rawValue
    }

    /// The text with its `{name}` placeholders filled in.
    func callAsFunction(_ key: CopyKey, _ values: KeyValuePairs<String, String>) -> String {
        var text = self(key)
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// A count with its noun: `one` for 1, `many` (with `{count}`) otherwise.
    func count(_ value: Int, one: CopyKey, many: CopyKey) -> String {
        value == 1 ? self(one, ["count": "1"]) : self(many, ["count": String(value)])
    }

    /// The placeholders a text uses, for the catalog test.
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// A date as the reader writes it: "Mon 15 Jun" / "lun 15 jun".
    func shortDate(_ date: CalendarDate) -> String {
        let (_, month, day) = date.components
        return "\(weekday(date)) \(day) \(self(Self.months[month - 1]))"
    }

    func weekday(_ date: CalendarDate) -> String { self(Self.weekdays[date.isoWeekday - 1]) }

    static let weekdays: [CopyKey] = [.dayMon, .dayTue, .dayWed, .dayThu, .dayFri, .daySat, .daySun]
    static let longWeekdays: [CopyKey] = [
        .dayMonday, .dayTuesday, .dayWednesday, .dayThursday, .dayFriday, .daySaturday, .daySunday,
    ]
    static let months: [CopyKey] = [
        .monthJan, .monthFeb, .monthMar, .monthApr, .monthMay, .monthJun, .monthJul, .monthAug, .monthSep,
        .monthOct, .monthNov, .monthDec,
    ]

    /// A number with at most one decimal, in the reader's convention (a decimal comma in Spanish).
    func decimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return language == .es ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
