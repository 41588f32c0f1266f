import Foundation

/// The languages a client's and the public pages speak (issue 14 §8). English is the default.
public enum SpokenLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case en
    case es

    /// The language's name in itself, as a chooser shows it.
    public var ownName: String {
        switch self {
        case .en: "English"
        case .es: "Español"
        }
    }

    /// The language a public page speaks: `?lang=` when it names one, otherwise the first language of
    /// `Accept-Language` (by quality, then order) that Braid speaks, otherwise English. Region tags count as their
    /// language (`es-MX` is Spanish); `*` and unknown tags are passed over; q=0 means "not this one".
    public static func negotiate(query: String?, acceptLanguage: String?) -> SpokenLanguage {
        if let query, let chosen = SpokenLanguage(rawValue: query.lowercased()) { return chosen }
        guard let header = acceptLanguage else { return .en }
        var ranked: [(language: SpokenLanguage, quality: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = SpokenLanguage(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0 else { continue }
            ranked.append((language, quality, order))
        }
        return ranked.min { ($1.quality, $0.order) < ($0.quality, $1.order) }?.language ?? .en
    }
}
