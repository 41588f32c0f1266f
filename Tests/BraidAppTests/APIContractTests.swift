import BraidCore
import Foundation
import Testing

@testable import BraidApp

/// The document's constraints, checked without a server (schemathesis checks the server against them in CI).
@Suite("API contract: real constraints in the OpenAPI document")
struct APIContractTests {
    static let schemas = APIContract.schemas

    static func object(_ value: JSONValue?) -> [String: JSONValue] {
        if case .object(let object)? = value { object } else { [:] }
    }

    static func property(_ schema: String, _ name: String) -> [String: JSONValue] {
        object(object(schemas[schema])["properties"].flatMap { object($0)[name] })
    }

    @Test("bounded fields carry their bounds; request objects refuse unknown keys")
    func bounds() {
        #expect(Self.property("CheckInRequest", "mood")["minimum"] == .number(0))
        #expect(Self.property("CheckInRequest", "mood")["maximum"] == .number(10))
        #expect(Self.property("CheckInRequest", "sleepHours")["multipleOf"] == .number(0.5))
        #expect(Self.property("CheckInRequest", "exerciseMinutes")["maximum"] == .number(1_440))
        #expect(Self.property("CheckInRequest", "note")["maxLength"] == .number(2_000))
        #expect(Self.property("ScreenRequest", "result")["enum"] == .array([.string("positive"), .string("negative")]))
        for name in ["CheckInRequest", "ScreenRequest", "AcknowledgeRequest", "TokenRequest", "OrderingInput"] {
            #expect(Self.object(Self.schemas[name])["additionalProperties"] == .bool(false), "\(name)")
        }
        #expect(
            Self.object(Self.schemas["CheckInRequest"])["required"]
                == .array(["craving", "mood", "sleepHours", "used"].map(JSONValue.string)))
    }

    @Test("one request shape per instrument and the interview; answers position by position from the definition")
    func assessmentRequests() throws {
        guard case .array(let variants)? = Self.object(Self.schemas["AssessmentRequest"])["oneOf"] else {
            Issue.record("AssessmentRequest is not a oneOf")
            return
        }
        #expect(variants.count == Instrument.ID.allCases.count + 1)
        // PHQ-9: nine or ten answers, each 0…3 or null; daysSinceLastUse only here.
        let phq9 = APIContract.assessmentRequest(Instrument.definition(.phq9))
        let answers = Self.object(Self.object(Self.object(phq9)["properties"])["answers"])
        #expect(answers["minItems"] == .number(9) && answers["maxItems"] == .number(10))
        guard case .array(let positions)? = answers["prefixItems"] else {
            Issue.record("no positions")
            return
        }
        #expect(Self.object(positions[0])["enum"] == .array([0, 1, 2, 3].map { .number($0) } + [.null]))
        #expect(Self.object(Self.object(phq9)["properties"])["daysSinceLastUse"] != nil)
        #expect(
            Self.object(Self.object(APIContract.assessmentRequest(Instrument.definition(.gad7)))["properties"])[
                "daysSinceLastUse"] == nil)
        // C-SSRS: q1 may not be blank; the skip rules (q3–q5 after q2, q6b after q6) are stated.
        let cssrs = Self.object(APIContract.answers(Instrument.definition(.cssrs)))
        guard case .array(let parts)? = cssrs["allOf"] else {
            Issue.record("C-SSRS answers have no skip rules")
            return
        }
        #expect(parts.count == 1 + 4)
        guard case .array(let cssrsPositions)? = Self.object(parts[0])["prefixItems"] else {
            Issue.record("no positions")
            return
        }
        #expect(Self.object(cssrsPositions[0])["enum"] == .array([.number(0), .number(1)]))
        #expect(Self.object(cssrsPositions[2])["enum"] == .array([.number(0), .number(1), .null]))
    }

    @Test("every route documents each status it can answer; every reference resolves")
    func statusesAndReferences() throws {
        let document = OpenAPIDocument.make()
        let paths = Self.object(Self.object(document)["paths"])
        let create = Self.object(Self.object(paths["/api/v1/clients/{id}/assessments"])["post"])
        let responses = Self.object(create["responses"])
        #expect(Set(responses.keys) == ["201", "400", "401", "403", "404", "413", "422"])
        let acknowledge = Self.object(
            Self.object(Self.object(paths["/api/v1/alerts/{id}/acknowledge"])["post"])["responses"])
        #expect(acknowledge["409"] != nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let text = String(decoding: try encoder.encode(document), as: UTF8.self)
        let references = text.components(separatedBy: "#/components/schemas/").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(!references.isEmpty)
        for reference in Set(references) { #expect(Self.schemas[reference] != nil, "\(reference)") }
    }
}
