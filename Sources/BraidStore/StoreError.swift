import Foundation

/// Failures of the store that are not the caller's input.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stored value does not map back to the domain (names the table and column, never the value).
    case corrupt(String)
    /// A uniqueness rule was violated (e.g. an email already registered).
    case conflict(String)
    /// The named record does not exist (or is not visible to the caller).
    case notFound(String)

    public var description: String {
        switch self {
        case .corrupt(let column): "stored value in \(column) is not valid"
        case .conflict(let what): "\(what) already exists"
        case .notFound(let what): "\(what) not found"
        }
    }
}
