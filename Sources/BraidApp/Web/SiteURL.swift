import Vapor

/// Every web page's address: used both to register routes and to build links, so no view spells a path.
enum SiteURL: String, CaseIterable, Sendable {
    case home
    case selfCheck
    case stylesheet

    var path: String {
        switch self {
        case .home: "/"
        case .selfCheck: "/self-check"
        case .stylesheet: "/assets/braid.css"
        }
    }

    var pathComponents: [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }
}
