import BraidCore
import Foundation

/// The OpenAPI 3.1 description of the JSON API, generated from `APIRoute` so it always matches the router.
enum OpenAPIDocument {
    static func make() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for route in APIRoute.allCases {
            var operation: [String: JSONValue] = [
                "operationId": .string(route.rawValue),
                "summary": .string(route.summary),
                "tags": .array([.string(route.tag)]),
            ]
            var parameters: [JSONValue] = route.queryParameters.map { parameter in
                .object([
                    "name": .string(parameter.name), "in": .string("query"), "required": .bool(false),
                    "description": .string(parameter.description), "schema": .object(["type": .string("string")]),
                ])
            }
            if route.path.contains(":id") {
                parameters.append(
                    .object([
                        "name": .string("id"), "in": .string("path"), "required": .bool(true),
                        "schema": .object(["type": .string("string"), "format": .string("uuid")]),
                    ]))
            }
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            if let schema = route.requestSchema {
                operation["requestBody"] = .object([
                    "required": .bool(true),
                    "content": .object(["application/json": .object(["schema": reference(schema)])]),
                ])
            }
            var responses: [String: JSONValue] = [:]
            let (status, schema) = route.response
            responses[String(status)] =
                schema.isEmpty
                ? .object(["description": .string("Done")])
                : .object([
                    "description": .string("Success"),
                    "content": .object(["application/json": .object(["schema": reference(schema)])]),
                ])
            for (code, text) in errorResponses(for: route) {
                responses[String(code)] = .object([
                    "description": .string(text),
                    "content": .object(["application/json": .object(["schema": reference("Error")])]),
                ])
            }
            operation["responses"] = .object(responses)
            if route.requiresToken { operation["security"] = .array([.object(["bearer": .array([])])]) }
            var item: [String: JSONValue] = [:]
            if case .object(let existing)? = paths[route.openAPIPath] { item = existing }
            item[route.method.rawValue.lowercased()] = .object(operation)
            paths[route.openAPIPath] = .object(item)
        }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("Braid API"), "version": .string("1"),
                "description": .string(
                    "Integrated care for cocaine (stimulant) use and depression. Decision support: the clinician "
                        + "decides. Errors are {\"error\": {\"code\", \"message\", \"field\"?}}."),
            ]),
            "paths": .object(paths),
            "components": .object([
                "securitySchemes": .object(["bearer": .object(["type": .string("http"), "scheme": .string("bearer")])]),
                "schemas": .object(schemas),
            ]),
        ])
    }

    static func reference(_ schema: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(schema)")])
    }

    static func errorResponses(for route: APIRoute) -> [(Int, String)] {
        var codes: [(Int, String)] = []
        if route.requiresToken { codes.append((401, "Missing, expired or revoked token")) }
        if route.path.contains(":id") || [.clients, .alerts].contains(route) {
            codes.append((404, "No such record (or not yours to see)"))
        }
        if route.requestSchema != nil || !route.queryParameters.isEmpty {
            codes.append((400, "Not JSON, or a malformed parameter"))
            codes.append((422, "A field is invalid; the error names it"))
        }
        if [.createMyCheckIn, .acknowledgeAlert].contains(route) { codes.append((409, "Conflicts with stored data")) }
        return codes
    }

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        .object([
            "type": .string("object"), "properties": .object(properties),
            "required": .array(required.map(JSONValue.string)),
        ])
    }

    static let string: JSONValue = .object(["type": .string("string")])
    static let integer: JSONValue = .object(["type": .string("integer")])
    static let number: JSONValue = .object(["type": .string("number")])
    static let boolean: JSONValue = .object(["type": .string("boolean")])
    static let date: JSONValue = .object(["type": .string("string"), "format": .string("date")])
    static let instant: JSONValue = .object(["type": .string("string"), "format": .string("date-time")])
    static func list(_ schema: String) -> JSONValue { .object(["type": .string("array"), "items": reference(schema)]) }
    static let anyObject: JSONValue = .object(["type": .string("object")])

    static var schemas: [String: JSONValue] {
        [
            "Error": object(
                [
                    "error": object(
                        ["code": string, "message": string, "field": string], required: ["code", "message"])
                ],
                required: ["error"]),
            "Health": object(["status": string, "database": string], required: ["status"]),
            "OpenAPIDocument": anyObject,
            "TokenRequest": object(["email": string, "password": string], required: ["email", "password"]),
            "Token": object(["token": string, "expiresAt": instant], required: ["token", "expiresAt"]),
            "Me": object(["id": string, "role": string, "name": string, "email": string], required: ["id", "role"]),
            "CheckInRequest": object(
                [
                    "date": date, "mood": integer, "craving": integer, "sleepHours": number, "used": boolean,
                    "enjoyment": integer, "energy": integer, "irritability": integer,
                    "otherSubstances": .object(["type": .string("array"), "items": string]),
                    "exerciseMinutes": integer, "medsTaken": boolean, "safety": boolean, "note": string,
                ], required: ["mood", "craving", "sleepHours", "used"]),
            "CheckIn": object(
                [
                    "id": string, "date": date, "revision": integer, "recordedAt": instant, "mood": integer,
                    "craving": integer, "sleepHours": number, "used": boolean, "safety": boolean,
                    "safetyAlert": reference("Alert"), "crisisResources": reference("CrisisResources"),
                ], required: ["id", "date", "mood", "craving", "sleepHours", "used"]),
            "CheckInList": object(["checkIns": list("CheckIn")], required: ["checkIns"]),
            "CrisisResources": object(
                ["lifeline": string, "emergency": string, "programLine": string, "message": string],
                required: ["lifeline", "emergency", "message"]),
            "Caseload": object(["clients": list("ClientSummary")], required: ["clients"]),
            "ClientSummary": object(
                [
                    "id": string, "name": string, "openAlerts": list("Alert"), "flags": list("Flag"),
                    "classification": string, "latestPHQ9": anyObject, "useDaysLast30": integer,
                ], required: ["id", "name", "openAlerts", "flags"]),
            "Flag": object(["id": string, "evidence": anyObject], required: ["id", "evidence"]),
            "Client": object(
                ["id": string, "name": string, "careTeam": .object(["type": .string("array")]), "createdAt": instant],
                required: ["id", "name"]),
            "AssessmentRequest": object(
                [
                    "instrument": string, "answers": .object(["type": .string("array")]), "date": date,
                    "prescribedStimulant": boolean, "daysSinceLastUse": integer, "input": anyObject,
                ], required: ["instrument"]),
            "Assessment": object(
                [
                    "id": string, "instrument": string, "date": date, "answers": anyObject, "result": anyObject,
                    "safetyAlert": reference("Alert"), "crisisResources": reference("CrisisResources"),
                ], required: ["id", "instrument", "date", "result"]),
            "AssessmentList": object(["assessments": list("Assessment")], required: ["assessments"]),
            "ScreenRequest": object(["date": date, "result": string], required: ["date", "result"]),
            "Screen": object(["id": string, "date": date, "result": string, "recordedAt": instant], required: ["id"]),
            "ScreenList": object(["screens": list("Screen")], required: ["screens"]),
            "Analysis": object(
                [
                    "days": anyObject, "use": anyObject, "model": anyObject, "classification": string,
                    "progress": anyObject, "flags": list("Flag"),
                ], required: ["days", "use", "model", "classification", "flags"]),
            "Alert": object(
                [
                    "id": string, "clientId": string, "source": string, "severity": string, "summary": string,
                    "openedAt": instant, "acknowledgedAt": instant, "acknowledgementNote": string,
                ], required: ["id", "clientId", "source", "severity", "openedAt"]),
            "AlertList": object(["alerts": list("Alert")], required: ["alerts"]),
            "AcknowledgeRequest": object(["note": string], required: ["note"]),
        ]
    }
}
