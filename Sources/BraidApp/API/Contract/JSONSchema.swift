import BraidCore
import Foundation

/// JSON Schema (2020-12, as OpenAPI 3.1 uses it) built from Swift values, so each resource's contract states
/// its real constraints: bounds, enumerations, item schemas, closed objects.
enum JSONSchema {
    /// A closed object: unknown keys are refused, as every request reader refuses them and every response lists
    /// what it writes.
    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": .string("object"), "properties": .object(properties), "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { schema["required"] = .array(required.sorted().map(JSONValue.string)) }
        return .object(schema)
    }

    /// An object whose keys are free and whose values all have one schema (e.g. a flag's evidence).
    static func map(_ values: JSONValue) -> JSONValue {
        .object(["type": .string("object"), "additionalProperties": values])
    }

    static func integer(_ range: ClosedRange<Int>? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string("integer")]
        if let range {
            schema["minimum"] = .number(Double(range.lowerBound))
            schema["maximum"] = .number(Double(range.upperBound))
        }
        return .object(schema)
    }

    static func integer(atLeast minimum: Int) -> JSONValue {
        .object(["type": .string("integer"), "minimum": .number(Double(minimum))])
    }

    static func number(_ range: ClosedRange<Double>? = nil, multipleOf step: Double? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string("number")]
        if let range {
            schema["minimum"] = .number(range.lowerBound)
            if range.upperBound.isFinite { schema["maximum"] = .number(range.upperBound) }
        }
        if let step { schema["multipleOf"] = .number(step) }
        return .object(schema)
    }

    /// A string of 0…`maximum` characters (Unicode scalars, as JSON Schema counts them and the API checks them).
    static func string(minLength: Int = 0, maxLength: Int? = nil, pattern: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string("string")]
        if minLength > 0 { schema["minLength"] = .number(Double(minLength)) }
        if let maxLength { schema["maxLength"] = .number(Double(maxLength)) }
        if let pattern { schema["pattern"] = .string(pattern) }
        return .object(schema)
    }

    /// One of a fixed list of words.
    static func enumeration(_ values: [String]) -> JSONValue {
        .object(["type": .string("string"), "enum": .array(values.map(JSONValue.string))])
    }

    static func enumeration<Values: CaseIterable & RawRepresentable>(_: Values.Type) -> JSONValue
    where Values.RawValue == String {
        enumeration(Values.allCases.map(\.rawValue))
    }

    /// Exactly this value.
    static func constant(_ value: JSONValue) -> JSONValue { .object(["const": value]) }

    static let boolean: JSONValue = .object(["type": .string("boolean")])
    static let date: JSONValue = .object(["type": .string("string"), "format": .string("date")])
    static let instant: JSONValue = .object(["type": .string("string"), "format": .string("date-time")])
    static let uuid: JSONValue = .object(["type": .string("string"), "format": .string("uuid")])
    /// Any value at all (positions of an answer list that a rule leaves alone).
    static let anything: JSONValue = .bool(true)

    static func array(_ items: JSONValue, minItems: Int? = nil, maxItems: Int? = nil, unique: Bool = false)
        -> JSONValue
    {
        var schema: [String: JSONValue] = ["type": .string("array"), "items": items]
        if let minItems { schema["minItems"] = .number(Double(minItems)) }
        if let maxItems { schema["maxItems"] = .number(Double(maxItems)) }
        if unique { schema["uniqueItems"] = .bool(true) }
        return .object(schema)
    }

    /// A list whose positions each have their own schema, with nothing after the last.
    static func tuple(_ positions: [JSONValue], minItems: Int) -> JSONValue {
        .object([
            "type": .string("array"), "prefixItems": .array(positions), "items": .bool(false),
            "minItems": .number(Double(minItems)), "maxItems": .number(Double(positions.count)),
        ])
    }

    /// The schema, or JSON null.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        .object(["anyOf": .array([schema, .object(["type": .string("null")])])])
    }

    static func oneOf(_ schemas: [JSONValue]) -> JSONValue { .object(["oneOf": .array(schemas)]) }
    static func anyOf(_ schemas: [JSONValue]) -> JSONValue { .object(["anyOf": .array(schemas)]) }
    static func allOf(_ schemas: [JSONValue]) -> JSONValue { .object(["allOf": .array(schemas)]) }

    static func ref(_ schema: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(schema)")])
    }

    static func list(_ schema: String) -> JSONValue { array(ref(schema)) }
}
