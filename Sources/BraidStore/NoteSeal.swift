import Crypto
import Foundation
import NIOConcurrencyHelpers

/// Free-text clinical notes are sealed at rest with AES-GCM (issue 15): check-in notes, acknowledgement notes,
/// plan texts, recovery records (thought records, diary cards…), counseling and prescriber notes, group
/// attendance notes and payout notes. A sealed value reads `braid-sealed:1:<key id>:<base64 nonce‖ciphertext‖tag>`;
/// the column it belongs to is the associated data, so a sealed value moved to another column does not open.
/// Values written before sealing (plain text) still read; `braid keys rotate` seals them.
public enum SealedColumn: String, Sendable, CaseIterable {
    case checkInNote = "check_ins.note"
    case acknowledgementNote = "alerts.acknowledgement_note"
    case recoveryRecord = "recovery_records.payload"
    case treatmentPlan = "treatment_plans.content"
    case safetyPlan = "safety_plans.content"
    case relapsePlan = "relapse_prevention_plans.content"
    case counselingNote = "counseling_notes.text"
    case prescriberNote = "prescriber_notes.text"
    case medicationNotes = "medications.notes"
    case attendanceNote = "group_attendance.note"
    case payoutNote = "cm_payouts.note"

    public var table: String { String(rawValue.split(separator: ".")[0]) }

    /// The content column of a sectioned plan's table.
    static func planContent(of table: String) -> SealedColumn {
        table == SealedColumn.safetyPlan.table ? .safetyPlan : .relapsePlan
    }
    public var column: String { String(rawValue.split(separator: ".")[1]) }
}

/// The keys notes are sealed with: the first seals, every one opens (older keys stay until a rotation has
/// resealed everything). Text form, one key per line: `<id> <base64 of 32 bytes>`.
public struct NoteKeyring: Sendable {
    public struct Key: Sendable {
        public let id: String
        let key: SymmetricKey
    }

    public let keys: [Key]

    public var current: Key { keys[0] }

    public init(keys: [Key]) {
        precondition(!keys.isEmpty, "a keyring holds at least one key")
        self.keys = keys
    }

    /// A new random 256-bit key with a fresh id.
    public static func newKey() -> Key {
        let id = String(UUID().uuidString.lowercased().prefix(8))
        return Key(id: id, key: SymmetricKey(size: .bits256))
    }

    public static func generate() -> NoteKeyring { NoteKeyring(keys: [newKey()]) }

    /// Reads the text form; a bad line is named (without echoing any key material).
    public static func parse(_ text: String, source: String) throws(StoreError) -> NoteKeyring {
        var keys: [Key] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let data = Data(base64Encoded: String(parts[1])), data.count == 32,
                parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else {
                throw StoreError.corrupt("\(source) line \(number + 1) (expected: ID BASE64-OF-32-BYTES)")
            }
            keys.append(Key(id: String(parts[0]), key: SymmetricKey(data: data)))
        }
        guard !keys.isEmpty else { throw StoreError.corrupt("\(source) (holds no key)") }
        guard Set(keys.map(\.id)).count == keys.count else { throw StoreError.corrupt("\(source) (a key id repeats)") }
        return NoteKeyring(keys: keys)
    }

    public var text: String {
        keys.map { key in "\(key.id) \(key.key.withUnsafeBytes { Data($0).base64EncodedString() })" }
            .joined(separator: "\n") + "\n"
    }

    /// This keyring with a new current key in front (the old ones still open what they sealed).
    public func rotated() -> NoteKeyring { NoteKeyring(keys: [Self.newKey()] + keys) }
}

public enum NoteSeal {
    static let prefix = "braid-sealed:1:"
    private static let keyring = NIOLockedValueBox<NoteKeyring?>(nil)

    /// The keyring this process seals and opens with (set once at start; tests share one).
    public static func use(_ ring: NoteKeyring) {
        keyring.withLockedValue { $0 = ring }
    }

    /// Uses `ring` unless a keyring is already set (for tests, which share one process).
    public static func useIfUnset(_ ring: @autoclosure () -> NoteKeyring) {
        keyring.withLockedValue { if $0 == nil { $0 = ring() } }
    }

    public static var current: NoteKeyring? { keyring.withLockedValue { $0 } }

    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// Seals `text` for `column` with the current key. With no keyring set, the text is stored as it is.
    public static func seal(_ text: String, _ column: SealedColumn) -> String {
        guard let ring = current else { return text }
        return seal(text, column, with: ring.current)
    }

    public static func seal(_ text: String?, _ column: SealedColumn) -> String? {
        guard let text else { return nil }
        let sealed: String = seal(text, column)
        return sealed
    }

    static func seal(_ text: String, _ column: SealedColumn, with key: NoteKeyring.Key) -> String {
        // AES-GCM with a random 96-bit nonce; sealing cannot fail for a valid key.
        let box = try! AES.GCM.seal(Data(text.utf8), using: key.key, authenticating: Data(column.rawValue.utf8))
        return prefix + key.id + ":" + box.combined!.base64EncodedString()
    }

    /// Opens a stored value: plain text as it is; a sealed value with its key. A value that does not open
    /// (unknown key, altered, moved from another column) is a corrupt record, never shown.
    public static func open(_ stored: String, _ column: SealedColumn) throws(StoreError) -> String {
        guard isSealed(stored) else { return stored }
        let rest = stored.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":"),
            let data = Data(base64Encoded: String(rest[rest.index(after: colon)...]))
        else { throw StoreError.corrupt("\(column.rawValue) (sealed value malformed)") }
        let id = String(rest[..<colon])
        guard let key = current?.keys.first(where: { $0.id == id }) else {
            throw StoreError.corrupt("\(column.rawValue) (sealed with key \(id), which the keyring does not hold)")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            let plain = try AES.GCM.open(box, using: key.key, authenticating: Data(column.rawValue.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw StoreError.corrupt("\(column.rawValue) (sealed value does not open)")
        }
    }

    public static func open(_ stored: String?, _ column: SealedColumn) throws(StoreError) -> String? {
        guard let stored else { return nil }
        let text: String = try open(stored, column)
        return text
    }

    /// The key id a stored value is sealed with (nil: plain text).
    public static func keyID(of stored: String) -> String? {
        guard isSealed(stored) else { return nil }
        return stored.dropFirst(prefix.count).split(separator: ":").first.map(String.init)
    }
}
