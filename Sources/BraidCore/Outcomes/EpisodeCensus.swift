import Foundation

/// Counts of a program's episodes of care, for the program lead: no names, no records, and every count of
/// 1–4 shown as "<5" (small cells could identify a person).
public struct EpisodeCensus: Sendable, Hashable {
    /// Counts below this (and above 0) are suppressed.
    public static let smallCell = 5

    public let openEpisodes: Int
    public let admissions: Int
    public let readmissions: Int
    public let admissionsByLevel: [LevelOfCare: Int]
    public let discharges: Int
    public let dischargesByReason: [DischargeReason: Int]
    /// Median days from admission to discharge of the episodes discharged in the window; `nil` when fewer than
    /// `smallCell` were.
    public let medianLengthOfStay: Double?

    /// The census of `episodes` for admissions and discharges within `window` (open episodes as of its end).
    public init(episodes: [Episode], window: ClosedRange<CalendarDate>) {
        let admitted = episodes.filter { window.contains($0.admittedOn) }
        let discharged = episodes.filter { $0.dischargedOn.map(window.contains) ?? false }
        openEpisodes =
            episodes.filter {
                $0.admittedOn <= window.upperBound && ($0.dischargedOn.map { $0 > window.upperBound } ?? true)
            }.count
        admissions = admitted.count
        let byClient = Dictionary(grouping: episodes, by: \.clientID)
        // A readmission follows an earlier episode of the same client that was discharged by then.
        readmissions =
            admitted.filter { episode in
                byClient[episode.clientID, default: []].contains { earlier in
                    earlier.id != episode.id && (earlier.dischargedOn.map { $0 <= episode.admittedOn } ?? false)
                }
            }.count
        admissionsByLevel = Dictionary(grouping: admitted, by: \.levelAtAdmission).mapValues(\.count)
        discharges = discharged.count
        dischargesByReason = Dictionary(grouping: discharged.compactMap(\.dischargeReason), by: { $0 })
            .mapValues(\.count)
        medianLengthOfStay =
            discharged.count >= Self.smallCell
            ? Statistics.median(discharged.map { Double($0.lengthOfStay(today: window.upperBound)) }) : nil
    }

    /// A count as it may be shown: "<5" for 1–4.
    public static func cell(_ count: Int) -> String {
        count > 0 && count < smallCell ? "<\(smallCell)" : String(count)
    }
}
