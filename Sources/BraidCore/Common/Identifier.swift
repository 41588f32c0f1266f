import Foundation

/// A typed UUID: `Identifier<ClientTag>` and `Identifier<UserTag>` cannot be mixed up.
public struct Identifier<Tag>: Sendable, Hashable, Codable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// A new random id (ids are UUIDs everywhere: no global sequences, so program ids can shard).
    public static func random() -> Identifier { Identifier(UUID()) }

    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum ProgramTag {}
public enum UserTag {}
public enum ClientTag {}
public enum AlertTag {}

public typealias ProgramID = Identifier<ProgramTag>
public typealias UserID = Identifier<UserTag>
public typealias ClientID = Identifier<ClientTag>
public typealias AlertID = Identifier<AlertTag>
