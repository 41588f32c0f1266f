import BraidCore
import BraidStore
import Vapor

// Authorization lives here, in one place: every client route goes through `accessibleClient()`, which applies
// `AccessPolicy` (role + care-team membership) and answers 404 for anything the actor may not see.

extension Request {
    /// The client named by the `:id` parameter, if the actor may read and write its clinical record. The actor
    /// is the API token's unless given (web pages pass the session's).
    func accessibleClient(by reader: Actor? = nil) async throws -> ClientProfile {
        let actor = try reader ?? actor
        guard let id = parameters.get("id").flatMap(ClientID.init),
            let client = try await repository.client(id, in: actor.programID),
            AccessPolicy.mayAccessClinicalRecord(
                of: client.id, in: client.programID, careTeam: Set(client.careTeam), actor: actor)
        else { throw APIError.notFound("client") }
        return client
    }

    /// The actor's own client record (client accounts only; staff get 404).
    func ownClient() async throws -> ClientProfile {
        let actor = try actor
        guard actor.role == .client, let id = actor.clientID,
            let client = try await repository.client(id, in: actor.programID)
        else { throw APIError.notFound("client record") }
        return client
    }

    /// Care staff only (clinicians and admins): clients and program leads get 404 for the caseload routes
    /// (nothing there is theirs; a program lead reads aggregates only).
    func requireStaff() throws -> Actor {
        let actor = try actor
        guard actor.role.mayJoinCareTeam else { throw APIError.notFound() }
        return actor
    }

    /// Appends one audit event for a read of client data, listing the clients it showed. The actor
    /// is the API token's unless given (web pages pass the session's).
    func auditRead(_ action: String, clients: [ClientID], by reader: Actor? = nil) async throws {
        let actor = try reader ?? actor
        guard !clients.isEmpty else { return }
        // One event per read: a list (caseload, alerts) names every client it showed.
        try await repository.appendAudit(
            AuditEvent(
                programID: actor.programID, actorID: actor.userID, role: actor.role, action: action,
                clientID: clients.count == 1 ? clients[0] : nil, requestID: requestID, at: now,
                clients: clients.count == 1 ? [] : clients))
    }
}

extension Request {
    /// The client's address for sign-in throttling: the first `X-Forwarded-For` entry behind a trusted proxy
    /// (`BRAID_TRUST_PROXY=1`), else the connection's peer.
    var clientAddress: String {
        if braid.trustForwardedFor,
            let first = headers.first(name: .xForwardedFor)?.split(separator: ",").first?
                .trimmingCharacters(in: .whitespaces), !first.isEmpty
        {
            return String(first.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
