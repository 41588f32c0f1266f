import BraidCore
import Foundation

/// The API's contract, one file per resource (`APIContract+CheckIns.swift`, …): each states the request and
/// response shapes of its routes with their real constraints, so a client can be generated from the document
/// and a fuzzer (schemathesis, in CI) can hold the server to it. `OpenAPIDocument` assembles them with the
/// routes of `APIRoute`.
enum APIContract {
    /// Every schema, by name; a name defined twice is a programming error.
    static var schemas: [String: JSONValue] {
        let parts = [
            service, auth, checkIns, clients, assessments, screens, analysis, alerts, levelOfCare, treatmentPlans,
            contingency, medications, safetyPlan, relapsePlan, reminders, fhir, consents, recovery, groups,
        ]
        return parts.reduce(into: [:]) { all, part in
            all.merge(part) { _, _ in preconditionFailure("a schema is defined by two resources") }
        }
    }
}

// MARK: - Service

extension APIContract {
    static var service: [String: JSONValue] {
        [
            "Error": JSONSchema.object(
                [
                    "error": JSONSchema.object(
                        ["code": JSONSchema.string(), "message": JSONSchema.string(), "field": JSONSchema.string()],
                        required: ["code", "message"])
                ],
                required: ["error"]),
            "Health": JSONSchema.object(
                [
                    "status": JSONSchema.enumeration(["ok"]),
                    "database": JSONSchema.enumeration(["sqlite", "postgresql"]),
                ],
                required: ["status", "database"]),
            "OpenAPIDocument": .object(["type": .string("object")]),
        ]
    }
}

// MARK: - Auth

extension APIContract {
    static var auth: [String: JSONValue] {
        [
            "TokenRequest": JSONSchema.object(
                ["email": JSONSchema.string(maxLength: 254), "password": JSONSchema.string(minLength: 1)],
                required: ["email", "password"]),
            "Token": JSONSchema.object(
                ["token": JSONSchema.string(minLength: 1), "expiresAt": JSONSchema.instant],
                required: ["token", "expiresAt"]),
            "Me": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "role": JSONSchema.enumeration(Role.self), "name": JSONSchema.string(),
                    "email": JSONSchema.string(),
                ], required: ["id", "role", "name", "email"]),
        ]
    }
}

// MARK: - FHIR export

extension APIContract {
    /// The Bundle's outline; each resource follows FHIR R4 (validated in CI against the official R4 JSON schema and
    /// fhircraft's R4 models, not restated here).
    static var fhir: [String: JSONValue] {
        let coding = JSONSchema.object(
            ["system": JSONSchema.string(), "code": JSONSchema.string(), "display": JSONSchema.string()],
            required: ["system", "code"])
        return [
            "FHIRBundle": JSONSchema.object(
                [
                    "resourceType": JSONSchema.enumeration(["Bundle"]),
                    "id": JSONSchema.string(), "type": JSONSchema.enumeration(["collection"]),
                    "timestamp": JSONSchema.string(),
                    "meta": JSONSchema.object(["security": .object(["type": "array", "items": coding])]),
                    "entry": .object([
                        "type": "array",
                        "items": JSONSchema.object(
                            [
                                "fullUrl": JSONSchema.string(),
                                "resource": .object([
                                    "type": "object", "required": ["resourceType", "id"],
                                    "properties": ["resourceType": JSONSchema.string(), "id": JSONSchema.string()],
                                ]),
                            ],
                            required: ["fullUrl", "resource"]),
                    ]),
                ],
                required: ["resourceType", "type", "entry", "meta"])
        ]
    }
}
