import Foundation

extension OrderingInput {
    static let keys: Set<String> = [
        "depressionOnsetAge", "cocaineFirstUseAge", "cocaineRegularUseAge", "abstinencePeriods",
        "episodeBeganDuringAbstinence", "lowsMostlyAfterUse", "usesToLiftLowMood",
    ]
    static let periodKeys: Set<String> = ["weeks", "lowMoodAtStart", "lowMoodPersistedWeeks"]
    /// Ages are 5–120 (clinical-rules.md §2).
    public static let ageRange = 5.0...120.0

    /// Reads and validates the intake JSON of clinical-rules.md §2. Unknown fields are rejected by name.
    public static func parse(json data: Data) throws(ValidationError) -> OrderingInput {
        try OrderingInput(json: JSONValue.parse(data))
    }

    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        func onset(_ presence: Presence<Double>) -> Onset {
            switch presence {
            case .absent: .unknown
            case .null: .never
            case .value(let age): .age(age)
            }
        }
        depressionOnset = onset(try reader.number("depressionOnsetAge", in: Self.ageRange, nullable: true))
        cocaineFirstUseAge = try reader.number("cocaineFirstUseAge", in: Self.ageRange).value
        cocaineRegularUse = onset(try reader.number("cocaineRegularUseAge", in: Self.ageRange, nullable: true))
        if case .age(let regular) = cocaineRegularUse, let first = cocaineFirstUseAge, regular < first {
            throw ValidationError(
                field: "cocaineRegularUseAge",
                "\(format(regular)) is before cocaineFirstUseAge \(format(first)) (regular use starts at or after first use)"
            )
        }
        var periods: [AbstinencePeriod] = []
        for (index, value) in try reader.array("abstinencePeriods").enumerated() {
            let period = try JSONObjectReader(value, path: "abstinencePeriods[\(index)]", allowedKeys: Self.periodKeys)
            guard let weeks = try period.number("weeks", in: 1...Double.infinity).value else {
                throw ValidationError(field: period.field("weeks"), "is required (a number ≥ 1)")
            }
            periods.append(
                AbstinencePeriod(
                    weeks: weeks, lowMoodAtStart: try period.bool("lowMoodAtStart"),
                    lowMoodPersistedWeeks: try period.number("lowMoodPersistedWeeks", in: 0...weeks).value))
        }
        abstinencePeriods = periods
        episodeBeganDuringAbstinence = try reader.bool("episodeBeganDuringAbstinence")
        lowsMostlyAfterUse = try reader.bool("lowsMostlyAfterUse")
        usesToLiftLowMood = try reader.bool("usesToLiftLowMood")
    }

    /// The input in the intake JSON shape, keeping absent (unknown) apart from null (never).
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        func put(_ key: String, _ onset: Onset) {
            switch onset {
            case .unknown: break
            case .never: object[key] = .null
            case .age(let age): object[key] = .number(age)
            }
        }
        put("depressionOnsetAge", depressionOnset)
        object["cocaineFirstUseAge"] = cocaineFirstUseAge.map(JSONValue.number)
        put("cocaineRegularUseAge", cocaineRegularUse)
        if !abstinencePeriods.isEmpty {
            object["abstinencePeriods"] = .array(
                abstinencePeriods.map { period in
                    var fields: [String: JSONValue] = ["weeks": .number(period.weeks)]
                    fields["lowMoodAtStart"] = period.lowMoodAtStart.map(JSONValue.bool)
                    fields["lowMoodPersistedWeeks"] = period.lowMoodPersistedWeeks.map(JSONValue.number)
                    return .object(fields)
                })
        }
        object["episodeBeganDuringAbstinence"] = episodeBeganDuringAbstinence.map(JSONValue.bool)
        object["lowsMostlyAfterUse"] = lowsMostlyAfterUse.map(JSONValue.bool)
        object["usesToLiftLowMood"] = usesToLiftLowMood.map(JSONValue.bool)
        return .object(object)
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

    public init(from decoder: any Decoder) throws {
        do {
            try self.init(json: JSONValue(from: decoder))
        } catch let error as ValidationError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}

extension OrderingInput.AbstinencePeriod {
    enum CodingKeys: String, CodingKey { case weeks, lowMoodAtStart, lowMoodPersistedWeeks }
}
