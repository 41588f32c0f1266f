import BraidCore
import Crypto
import Foundation

/// The audit trail's hash chain (§11: append-only and tamper-evident). Each program's events form one chain
/// (events with no program, such as a failed sign-in for an unknown email, form the `system` chain): event n
/// stores n, the hash of event n − 1, and SHA-256 of that hash and its own canonical content. Editing, deleting
/// or inserting a row breaks the chain at that row, and `verify` names it.
public enum AuditChain {
    /// The previous hash of a chain's first event.
    public static let genesis = String(repeating: "0", count: 64)
    public static let systemChain = "system"

    public static func key(of program: ProgramID?) -> String { program?.description ?? systemChain }

    /// The instant as the hash sees it: whole milliseconds (what both databases store exactly).
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// `date` rounded to the millisecond, as it is stored.
    public static func stored(_ date: Date) -> Date { Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000) }

    /// The event with its instant as it will be stored.
    public static func roundedToStorage(_ event: AuditEvent) -> AuditEvent {
        AuditEvent(
            programID: event.programID, actorID: event.actorID, role: event.role, action: event.action,
            clientID: event.clientID, requestID: event.requestID, at: stored(event.at), clients: event.clients)
    }

    /// Every field in a fixed order, each as `length:value;`, so no two different events read the same.
    public static func canonical(id: UUID, sequence: Int, event: AuditEvent) -> String {
        let fields = [
            "braid-audit-1", id.uuidString.lowercased(), key(of: event.programID), String(sequence),
            event.actorID?.description ?? "", event.role?.rawValue ?? "", event.action,
            event.clientID?.description ?? "",
            event.clients.map(\.description).joined(separator: " "), event.requestID ?? "",
            String(milliseconds(event.at)),
        ]
        return fields.map { "\($0.utf8.count):\($0);" }.joined()
    }

    public static func hash(previous: String, canonical: String) -> String {
        hex(SHA256.hash(data: Data((previous + "\n" + canonical).utf8)))
    }

    /// The links for `events` appended after a chain's head (`nil`: the chain is new).
    public static func link(
        _ events: [(id: UUID, event: AuditEvent)], after head: (sequence: Int, hash: String)?
    ) -> [StoredAuditEvent] {
        var sequence = head?.sequence ?? 0
        var previous = head?.hash ?? genesis
        return events.map { item in
            sequence += 1
            let hash = hash(
                previous: previous, canonical: canonical(id: item.id, sequence: sequence, event: item.event))
            defer { previous = hash }
            return StoredAuditEvent(
                id: item.id, event: item.event, sequence: sequence, previousHash: previous, hash: hash)
        }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension AuditChain {
    /// Where a chain stops being trustworthy: the first event that does not check out, and why.
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        public enum Reason: Sendable, Hashable {
            /// The event's content no longer matches its hash: a field was edited.
            case edited
            /// Events before this one are missing (deleted): the chain expected `expected`.
            case missingBefore(expected: Int)
            /// The sequence number repeats or goes back: a row was inserted out of order.
            case outOfOrder(expected: Int)
            /// Its previous hash is not the hash of the event before it: inserted, or the one before replaced.
            case doesNotFollow
            /// The chain's recorded head is not its last event: events at the end were deleted (or added).
            case head(recordedSequence: Int, lastSequence: Int)
        }

        public let chain: String
        /// The event (nil when the chain's end is missing and no event is left to name).
        public let eventID: UUID?
        public let sequence: Int?
        public let at: Date?
        public let reason: Reason

        public var description: String {
            let event = eventID.map { "event \($0.uuidString.lowercased()) (#\(sequence ?? 0)" } ?? "chain end ("
            let when = at.map { ", \($0.formatted(.iso8601)))" } ?? ")"
            let what: String =
                switch reason {
                case .edited: "was changed after it was written: its content does not match its hash"
                case .missingBefore(let expected):
                    "follows a gap: events from #\(expected) to #\((sequence ?? expected) - 1) are missing (deleted)"
                case .outOfOrder(let expected): "is out of order: the chain expected #\(expected) here (inserted)"
                case .doesNotFollow:
                    "does not follow the event before it: its previous hash does not match (inserted or replaced)"
                case .head(let recorded, let last):
                    "the chain's head records #\(recorded) but its last event is #\(last): events at the end were "
                        + (recorded > last ? "deleted" : "added without the chain")
                }
            return "chain \(chain): \(event)\(when) \(what)"
        }
    }

    /// Checks one chain, its events in stored order (by sequence), against its recorded head. Returns the first
    /// break, or nil when every event checks out. One verifier reads a chain across batches.
    public struct Verifier: Sendable {
        public let chain: String
        public private(set) var expected = 1
        public private(set) var previous = AuditChain.genesis
        public private(set) var count = 0
        private var last: StoredAuditEvent?

        public init(chain: String) {
            self.chain = chain
        }

        public mutating func check(_ stored: StoredAuditEvent) -> Break? {
            func broken(_ reason: Break.Reason) -> Break {
                Break(chain: chain, eventID: stored.id, sequence: stored.sequence, at: stored.event.at, reason: reason)
            }
            let content = AuditChain.canonical(id: stored.id, sequence: stored.sequence, event: stored.event)
            guard AuditChain.hash(previous: stored.previousHash, canonical: content) == stored.hash else {
                return broken(.edited)
            }
            if stored.sequence > expected { return broken(.missingBefore(expected: expected)) }
            if stored.sequence < expected { return broken(.outOfOrder(expected: expected)) }
            guard stored.previousHash == previous else { return broken(.doesNotFollow) }
            previous = stored.hash
            expected += 1
            count += 1
            last = stored
            return nil
        }

        /// After the last event: the head must name it.
        public func finish(head: (sequence: Int, hash: String)?) -> Break? {
            let lastSequence = expected - 1
            let recorded = head?.sequence ?? 0
            guard recorded == lastSequence else {
                return Break(
                    chain: chain, eventID: nil, sequence: nil, at: nil,
                    reason: .head(recordedSequence: recorded, lastSequence: lastSequence))
            }
            guard (head?.hash ?? AuditChain.genesis) == previous else {
                // The last event was rewritten with a fresh hash, but the head kept the old one.
                return Break(
                    chain: chain, eventID: last?.id, sequence: last?.sequence, at: last?.event.at, reason: .edited)
            }
            return nil
        }
    }
}
