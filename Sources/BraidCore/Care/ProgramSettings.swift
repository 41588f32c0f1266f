import Foundation

/// A program's own settings (the tenant's name, its calendar and its 24/7 crisis line), checked before they are
/// stored. The crisis line is shown beside 988 and 911 on every page (§8), so a program always has one.
public struct ProgramSettings: Sendable, Hashable {
    public static let maximumNameLength = 200
    public static let maximumCrisisLineLength = 60

    public let name: String
    /// An IANA zone (`America/New_York`): every calendar date of the program is a date there.
    public let timeZone: String
    public let crisisLine: String

    /// Validates each setting; the error names the option (`--name`, `--time-zone`, `--crisis-line` by default).
    public init(
        name: String, timeZone: String, crisisLine: String,
        fields: (name: String, timeZone: String, crisisLine: String) = ("--name", "--time-zone", "--crisis-line")
    ) throws(ValidationError) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= Self.maximumNameLength else {
            throw ValidationError(field: fields.name, "must be 1–\(Self.maximumNameLength) characters")
        }
        guard TimeZone(identifier: timeZone) != nil, timeZone.contains("/") || timeZone == "UTC" else {
            throw ValidationError(
                field: fields.timeZone, "'\(timeZone.prefix(60))' is not an IANA time zone (e.g. America/New_York)")
        }
        let line = crisisLine.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.filter(\.isNumber).count >= 3, line.count <= Self.maximumCrisisLineLength else {
            throw ValidationError(
                field: fields.crisisLine,
                "must be a phone number people can call at any hour (3 or more digits, at most "
                    + "\(Self.maximumCrisisLineLength) characters)")
        }
        self.name = name
        self.timeZone = timeZone
        self.crisisLine = line
    }
}
