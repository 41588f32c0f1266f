import Foundation

/// A parsed JSON value that keeps `true` apart from `1` and `null` apart from absent, so input validation can
/// name the field and the type it expected.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON text; the error names what is wrong without echoing the content.
    public static func parse(_ data: Data) throws(ValidationError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ValidationError(field: "(document)", "is not valid JSON")
        }
    }
}

/// Bad input: the field (a JSON path such as `abstinencePeriods[0].weeks`, or a form field) and what is allowed.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Reads typed fields from a JSON object, rejecting unknown keys by name.
public struct JSONObjectReader {
    public let object: [String: JSONValue]
    public let path: String

    public init(_ value: JSONValue, path: String = "", allowedKeys: Set<String>) throws(ValidationError) {
        guard case .object(let object) = value else {
            throw ValidationError(field: path.isEmpty ? "(document)" : path, "must be a JSON object")
        }
        for key in object.keys.sorted() where !allowedKeys.contains(key) {
            throw ValidationError(
                field: Self.join(path, key), "unknown field (allowed: \(allowedKeys.sorted().joined(separator: ", ")))")
        }
        self.object = object
        self.path = path
    }

    public func field(_ key: String) -> String { Self.join(path, key) }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A number in `range`: `.absent`, `.null` (only when `nullable`) or its value.
    public func number(_ key: String, in range: ClosedRange<Double>, nullable: Bool = false)
        throws(ValidationError) -> Presence<Double>
    {
        switch object[key] {
        case nil: return .absent
        case .null?:
            guard nullable else { throw ValidationError(field: field(key), "must be a number \(describe(range))") }
            return .null
        case .number(let value)?:
            guard range.contains(value) else {
                throw ValidationError(field: field(key), "\(format(value)) is out of range \(describe(range))")
            }
            return .value(value)
        default:
            throw ValidationError(
                field: field(key), "must be a number \(describe(range))\(nullable ? " or null" : "")")
        }
    }

    /// A boolean, or `nil` when absent.
    public func bool(_ key: String) throws(ValidationError) -> Bool? {
        switch object[key] {
        case nil: return nil
        case .bool(let value)?: return value
        default: throw ValidationError(field: field(key), "must be true or false (leave it out when unknown)")
        }
    }

    /// An array, or empty when absent.
    public func array(_ key: String) throws(ValidationError) -> [JSONValue] {
        switch object[key] {
        case nil: return []
        case .array(let values)?: return values
        default: throw ValidationError(field: field(key), "must be a list")
        }
    }

    private func describe(_ range: ClosedRange<Double>) -> String {
        range.upperBound == .infinity
            ? "≥ \(format(range.lowerBound))" : "\(format(range.lowerBound))…\(format(range.upperBound))"
    }
}

/// A JSON field that may be absent (unknown), null (known: none) or have a value.
public enum Presence<Value: Sendable & Hashable>: Sendable, Hashable {
    case absent
    case null
    case value(Value)

    public var value: Value? {
        if case .value(let value) = self { value } else { nil }
    }
}

/// Numbers as people write them: 16 rather than 16.0.
func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
