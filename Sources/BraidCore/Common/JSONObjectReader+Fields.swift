import Foundation

/// Typed field readers shared by the record types a client or clinician writes (recovery tools, groups): each
/// names the field and what is allowed when the value is wrong. A reader returns `nil` for an absent field
/// (`null` is refused, as the closed request schemas refuse it); `requiring` turns `nil` into "is required".
extension JSONObjectReader {
    /// Text trimmed at both ends, at most `maxLength` Unicode scalars. A single line has its runs of white space
    /// made one space; multi-line text keeps its line breaks (CRLF stored as LF). Blank text is absent.
    public func text(_ key: String, maxLength: Int, multiline: Bool = false) throws(ValidationError) -> String? {
        switch object[key] {
        case nil: return nil
        case .string(let raw)?:
            let value =
                multiline
                ? raw.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                : raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !value.isEmpty else { return nil }
            guard value.unicodeScalars.count <= maxLength else {
                throw ValidationError(field: field(key), "must be at most \(maxLength) characters")
            }
            return value
        default: throw ValidationError(field: field(key), "must be text (leave it out when there is none)")
        }
    }

    /// An optional calendar date written YYYY-MM-DD (null is refused: leave the field out instead).
    public func date(_ key: String) throws(ValidationError) -> CalendarDate? {
        switch object[key] {
        case nil: return nil
        case .string(let raw)?:
            guard let date = CalendarDate(iso: raw) else {
                throw ValidationError(field: field(key), "\"\(raw.prefix(20))\" is not a date (YYYY-MM-DD)")
            }
            return date
        default: throw ValidationError(field: field(key), "must be a date string YYYY-MM-DD")
        }
    }

    /// One of a fixed set of values, written as its raw value.
    public func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _: Value.Type) throws(ValidationError)
        -> Value? where Value.RawValue == String
    {
        switch object[key] {
        case nil: return nil
        case .string(let raw)? where Value(rawValue: raw) != nil: return Value(rawValue: raw)
        default:
            throw ValidationError(
                field: field(key), "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// A nested object's reader, or `nil` when absent.
    public func object(_ key: String, allowedKeys: Set<String>) throws(ValidationError) -> JSONObjectReader? {
        switch object[key] {
        case nil: return nil
        case let value?: return try JSONObjectReader(value, path: field(key), allowedKeys: allowedKeys)
        }
    }

    /// A list of at most `maxCount` distinct single-line texts (compared ignoring case), each at most `maxLength`
    /// characters; empty when absent.
    public func texts(_ key: String, maxCount: Int, maxLength: Int) throws(ValidationError) -> [String] {
        let values = try array(key)
        guard values.count <= maxCount else {
            throw ValidationError(field: field(key), "must have at most \(maxCount) entries")
        }
        var seen: Set<String> = []
        var result: [String] = []
        for (index, value) in values.enumerated() {
            let reader = try JSONObjectReader(
                .object(["value": value]), path: "\(field(key))[\(index)]", allowedKeys: ["value"])
            guard let text = try reader.textAtPath(maxLength: maxLength) else {
                throw ValidationError(field: "\(field(key))[\(index)]", "must be non-empty text")
            }
            guard seen.insert(text.lowercased()).inserted else {
                throw ValidationError(field: "\(field(key))[\(index)]", "'\(text.prefix(40))' is listed twice")
            }
            result.append(text)
        }
        return result
    }

    private func textAtPath(maxLength: Int) throws(ValidationError) -> String? {
        switch object["value"] {
        case .string(let raw)?:
            let value = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !value.isEmpty else { return nil }
            guard value.unicodeScalars.count <= maxLength else {
                throw ValidationError(field: path, "must be at most \(maxLength) characters")
            }
            return value
        default: throw ValidationError(field: path, "must be text")
        }
    }

    /// The value, or "is required" naming the field.
    public func requiring<Value>(_ value: Value?, _ key: String) throws(ValidationError) -> Value {
        guard let value else { throw ValidationError(field: field(key), "is required") }
        return value
    }

    /// A whole number in `range`, or `nil` when absent; null, a fraction or another type is an error.
    public func integer(_ key: String, in range: ClosedRange<Int>) throws(ValidationError) -> Int? {
        try integer(key, lower: range.lowerBound, upper: range.upperBound)
    }

    public func integer(_ key: String, atLeast minimum: Int) throws(ValidationError) -> Int? {
        try integer(key, lower: minimum, upper: nil)
    }

    private func integer(_ key: String, lower: Int, upper: Int?) throws(ValidationError) -> Int? {
        let allowed = upper.map { "\(lower)…\($0)" } ?? "≥ \(lower)"
        switch object[key] {
        case nil: return nil
        case .number(let value)?:
            guard value == value.rounded(), abs(value) < 1e9 else {
                throw ValidationError(field: field(key), "\(format(value)) is not a whole number (allowed: \(allowed))")
            }
            let whole = Int(value)
            guard whole >= lower, upper.map({ whole <= $0 }) ?? true else {
                throw ValidationError(field: field(key), "\(whole) is out of range \(allowed)")
            }
            return whole
        default:
            throw ValidationError(field: field(key), "must be a whole number \(allowed) (leave it out when unknown)")
        }
    }

    /// One of the allowed words; null only when `nullable` (the caller handles it).
    func word<Word: RawRepresentable>(_ key: String, among allowed: [Word], nullable: Bool = false)
        throws(ValidationError) -> Word where Word.RawValue == String
    {
        let list = allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + (nullable ? " or null" : "")
        guard case .string(let text)? = object[key] else {
            throw ValidationError(field: field(key), "must be one of \(list)")
        }
        guard let word = allowed.first(where: { $0.rawValue == text }) else {
            throw ValidationError(field: field(key), "'\(text.prefix(40))' is not one of \(list)")
        }
        return word
    }

    /// One of the allowed words, or `nil` when absent.
    func optionalWord<Word: RawRepresentable>(_ key: String, among allowed: [Word]) throws(ValidationError) -> Word?
    where Word.RawValue == String {
        object[key] == nil ? nil : try word(key, among: allowed)
    }
}
