import BraidCore
import Foundation

/// The clinician's forms become the same JSON bodies the API takes, so one set of rules (`ClinicalEntry`)
/// validates both; the API's field names map back to the form's inputs for the error messages.
enum ClinicianForms {
    /// A typed number, or the text itself so validation names the field ("must be a number").
    static func number(_ text: String) -> JSONValue {
        Double(text.trimmingCharacters(in: .whitespaces)).map(JSONValue.number) ?? .string(text)
    }

    static func flag(_ text: String) -> JSONValue {
        text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
    }

    /// `{"instrument", "date", "answers": [...], ...}`: one answer per item, in item order; blank = null.
    static func assessment(_ form: [String: String], instrument: Instrument) -> JSONValue {
        var object: [String: JSONValue] = [
            "instrument": .string(instrument.id.rawValue),
            "answers": .array(
                instrument.items.map { item in
                    let text = (form[item.id] ?? "").trimmingCharacters(in: .whitespaces)
                    return text.isEmpty ? .null : number(text)
                }),
        ]
        if let date = form["date"], !date.isEmpty { object["date"] = .string(date) }
        if instrument.id == .phq9, let days = form["daysSinceLastUse"], !days.isEmpty {
            object["daysSinceLastUse"] = number(days)
        }
        if instrument.id == .stimulantSUD {
            object["prescribedStimulant"] = .bool(form["prescribedStimulant"] == "true")
        }
        return .object(object)
    }

    /// The form field an API error names: `answers[3]` is the fourth item's id.
    static func assessmentField(_ field: String?, instrument: Instrument) -> String {
        guard let field else { return "form" }
        if field.hasPrefix("answers["), let index = Int(field.dropFirst(8).prefix { $0.isNumber }),
            instrument.items.indices.contains(index)
        {
            return instrument.items[index].id
        }
        return field
    }

    /// `{"instrument": "ordering", "date", "input": {...}}` from the interview form. Blank is unknown; the
    /// "never" boxes are null; blank abstinence rows are left out.
    /// Also returns, for each period sent, the form row it came from (errors name the row the clinician typed in).
    static func ordering(_ form: [String: String], periodRows: Int) -> (body: JSONValue, rows: [Int]) {
        func text(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespaces) }
        var input: [String: JSONValue] = [:]
        if form["depressionNever"] == "true" {
            input["depressionOnsetAge"] = .null
        } else if !text("depressionOnsetAge").isEmpty {
            input["depressionOnsetAge"] = number(text("depressionOnsetAge"))
        }
        if !text("cocaineFirstUseAge").isEmpty { input["cocaineFirstUseAge"] = number(text("cocaineFirstUseAge")) }
        if form["cocaineNeverRegular"] == "true" {
            input["cocaineRegularUseAge"] = .null
        } else if !text("cocaineRegularUseAge").isEmpty {
            input["cocaineRegularUseAge"] = number(text("cocaineRegularUseAge"))
        }
        var periods: [JSONValue] = []
        var rows: [Int] = []
        for row in 0..<periodRows {
            let prefix = periodPrefix(row)
            var period: [String: JSONValue] = [:]
            if !text(prefix + "weeks").isEmpty { period["weeks"] = number(text(prefix + "weeks")) }
            if !text(prefix + "lowMoodAtStart").isEmpty {
                period["lowMoodAtStart"] = flag(text(prefix + "lowMoodAtStart"))
            }
            if !text(prefix + "lowMoodPersistedWeeks").isEmpty {
                period["lowMoodPersistedWeeks"] = number(text(prefix + "lowMoodPersistedWeeks"))
            }
            // A row with anything in it is sent whole, so a missing "weeks" is reported rather than dropped.
            if !period.isEmpty {
                periods.append(.object(period))
                rows.append(row)
            }
        }
        if !periods.isEmpty { input["abstinencePeriods"] = .array(periods) }
        for key in ["episodeBeganDuringAbstinence", "lowsMostlyAfterUse", "usesToLiftLowMood"] where !text(key).isEmpty
        {
            input[key] = flag(text(key))
        }
        var object: [String: JSONValue] = ["instrument": .string("ordering"), "input": .object(input)]
        if !text("date").isEmpty { object["date"] = .string(text("date")) }
        return (.object(object), rows)
    }

    /// Form inputs for abstinence period rows are `period1.weeks`, `period2.weeks`, … (brackets would make the
    /// form decoder build nested values).
    static func periodPrefix(_ row: Int) -> String { "period\(row + 1)." }

    /// `input.abstinencePeriods[0].weeks` → the form input it came from, e.g. `period2.weeks` when the first
    /// row was left blank; other fields lose the `input.` prefix.
    static func orderingField(_ field: String?, rows: [Int]) -> String {
        guard let field else { return "form" }
        let name = field.hasPrefix("input.") ? String(field.dropFirst(6)) : field
        let prefix = "abstinencePeriods["
        guard name.hasPrefix(prefix), let close = name.firstIndex(of: "]"),
            let index = Int(name[name.index(name.startIndex, offsetBy: prefix.count)..<close]),
            rows.indices.contains(index)
        else { return name }
        let rest = name[name.index(after: close)...].drop { $0 == "." }
        return periodPrefix(rows[index]) + (rest.isEmpty ? "weeks" : rest)
    }
}
