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
                    "description": .string(parameter.description), "schema": parameter.schema,
                ])
            }
            // Every path parameter is a record id, except a diary card's week, which is its first day.
            for segment in route.path where segment.hasPrefix(":") {
                parameters.append(
                    .object([
                        "name": .string(String(segment.dropFirst())), "in": .string("path"), "required": .bool(true),
                        "schema": segment == ":weekStart" ? JSONSchema.date : JSONSchema.uuid,
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
                    "content": .object([route.responseMediaType: .object(["schema": reference(schema)])]),
                ])
            for (code, text) in route.errorStatuses {
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
                "schemas": .object(APIContract.schemas),
            ]),
        ])
    }

    static func reference(_ schema: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(schema)")])
    }
}
