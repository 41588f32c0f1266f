import Foundation

/// Who the care team should look at first: an emergency alert, then any open alert, then any flag, then the rest.
public enum CaseloadPriority: Int, Sendable, Comparable, CaseIterable {
    case emergency = 0
    case openAlert
    case flagged
    case routine

    public init(openAlerts: [SafetyAlert], flagCount: Int) {
        if openAlerts.contains(where: { $0.severity == .emergency }) {
            self = .emergency
        } else if !openAlerts.isEmpty {
            self = .openAlert
        } else {
            self = flagCount > 0 ? .flagged : .routine
        }
    }

    public static func < (lhs: CaseloadPriority, rhs: CaseloadPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
