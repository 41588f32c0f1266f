import ArgumentParser
import BraidCore
import Foundation

/// `braid instruments [id]`: lists instruments, or one instrument's items and options for review.
struct InstrumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruments",
        abstract: "List the instruments, or show one instrument's items, options and codes.",
        discussion: """
            Without an id: one line per instrument (id, items, answer range, source).
            With an id: the instructions, every item with its id, wording (or topic where the wording is \
            licensed), answer options and LOINC code, so a clinician can check them.
            """
    )

    @Argument(help: "Instrument id to show in full.")
    var instrument: String?

    @Option(help: "Output format: text (for people) or json.")
    var format: OutputFormat = .text

    func run() throws {
        if let instrument {
            let definition = Instrument.definition(try Instrument.ID.parse(instrument))
            Console.output(
                format == .json ? try Console.json(InstrumentDTO(definition), pretty: true) : Self.detail(definition))
        } else {
            Console.output(
                format == .json ? try Console.json(Instrument.all.map(InstrumentDTO.init), pretty: true) : Self.table())
        }
    }

    static func table() -> String {
        let rows = Instrument.all.map { instrument in
            [
                instrument.id.rawValue,
                instrument.requiredItemCount == instrument.items.count
                    ? "\(instrument.items.count)"
                    : "\(instrument.requiredItemCount)+\(instrument.items.count - instrument.requiredItemCount)",
                "\(instrument.answerRange.lowerBound)–\(instrument.answerRange.upperBound)", instrument.source,
            ]
        }
        let header = ["ID", "ITEMS", "ANSWERS", "SOURCE"]
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[3]
        }.joined(separator: "\n")
    }

    static func detail(_ instrument: Instrument) -> String {
        var lines = [
            "\(instrument.name) [\(instrument.id.rawValue)]",
            "Timeframe: \(instrument.timeframe). Administered: \(instrument.administration.rawValue).",
            "Source: \(instrument.source)",
            "Note: \(instrument.attribution)",
        ]
        if let panel = instrument.panelLOINC { lines.append("LOINC panel: \(panel)") }
        if let total = instrument.totalLOINC { lines.append("LOINC total/result: \(total)") }
        if !instrument.reproducesWording { lines.append("Items show topics; the exact wording is not reproduced.") }
        if !instrument.instructions.isEmpty { lines += ["", instrument.instructions] }
        for item in instrument.items {
            var heading = "\(item.id)  \(item.text)"
            if let loinc = item.loinc { heading += "  [LOINC \(loinc)]" }
            lines += ["", heading]
            if item.position > instrument.requiredItemCount { lines.append("    optional") }
            if let condition = item.askedWhen { lines.append("    asked only when \(condition.description)") }
            lines += item.options.map { "    \($0.score) = \($0.label)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// JSON shape of an instrument definition for `braid instruments --format json`.
struct InstrumentDTO: Encodable {
    struct ItemDTO: Encodable {
        let id: String
        let text: String
        let options: [OptionDTO]
        let loinc: String?
        let askedWhen: String?
        let optional: Bool
    }

    struct OptionDTO: Encodable {
        let score: Int
        let label: String
    }

    let id: String
    let name: String
    let timeframe: String
    let administration: String
    let source: String
    let attribution: String
    let reproducesWording: Bool
    let itemCount: Int
    let answerRange: [Int]
    let loinc: [String: String]
    let items: [ItemDTO]

    init(_ instrument: Instrument) {
        id = instrument.id.rawValue
        name = instrument.name
        timeframe = instrument.timeframe
        administration = instrument.administration.rawValue
        source = instrument.source
        attribution = instrument.attribution
        reproducesWording = instrument.reproducesWording
        itemCount = instrument.items.count
        answerRange = [instrument.answerRange.lowerBound, instrument.answerRange.upperBound]
        var codes: [String: String] = [:]
        codes["panel"] = instrument.panelLOINC
        codes["total"] = instrument.totalLOINC
        loinc = codes
        items = instrument.items.map { item in
            ItemDTO(
                id: item.id, text: item.text, options: item.options.map { OptionDTO(score: $0.score, label: $0.label) },
                loinc: item.loinc, askedWhen: item.askedWhen?.description,
                optional: item.position > instrument.requiredItemCount)
        }
    }
}
