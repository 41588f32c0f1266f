import Foundation
import Testing

@testable import BraidCore

@Suite("Instrument definitions")
struct InstrumentCatalogTests {
    @Test("every instrument has unique item ids, positions in order and at least two options per item")
    func wellFormed() {
        for instrument in Instrument.all {
            #expect(Set(instrument.items.map(\.id)).count == instrument.items.count, "\(instrument.id)")
            #expect(instrument.items.map(\.position) == Array(1...instrument.items.count), "\(instrument.id)")
            #expect(
                instrument.items.allSatisfy { $0.options.count >= 2 && $0.id.hasPrefix(instrument.id.rawValue + ".") })
            #expect(instrument.items.allSatisfy { !$0.text.isEmpty })
        }
    }

    @Test("item counts and scales of clinical-rules.md §1")
    func shapes() {
        let expected: [Instrument.ID: (items: Int, range: ClosedRange<Int>)] = [
            .phq9: (10, 0...3), .phq2: (2, 0...3), .gad7: (7, 0...3), .pcl5: (20, 0...4), .cssrs: (7, 0...1),
            .asq: (5, 0...1), .stimulantSUD: (11, 0...1), .sds: (5, 0...3),
        ]
        for instrument in Instrument.all {
            #expect(instrument.items.count == expected[instrument.id]?.items, "\(instrument.id)")
            #expect(instrument.answerRange == expected[instrument.id]?.range, "\(instrument.id)")
        }
    }

    @Test("PHQ-9 LOINC codes: item 9 is 44260-8 and the total is 44261-6")
    func phq9Codes() {
        let phq9 = Instrument.definition(.phq9)
        #expect(phq9.item("phq9.9")?.loinc == "44260-8")
        #expect(phq9.totalLOINC == "44261-6")
        #expect(phq9.panelLOINC == "44249-1")
        #expect(
            phq9.items.compactMap(\.loinc) == [
                "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8",
                "69722-7",
            ])
    }

    @Test("wording is reproduced only where permitted")
    func wording() {
        let reproduced = Set(Instrument.all.filter(\.reproducesWording).map(\.id))
        #expect(reproduced == [.phq9, .phq2, .gad7, .pcl5, .asq])
        #expect(Instrument.definition(.phq9).attribution.contains("Pfizer"))
    }

    @Test("C-SSRS codes and skip logic are declared on the items")
    func cssrsDefinition() {
        let cssrs = Instrument.definition(.cssrs)
        #expect(
            cssrs.items.map(\.id) == [
                "cssrs.q1", "cssrs.q2", "cssrs.q3", "cssrs.q4", "cssrs.q5", "cssrs.q6", "cssrs.q6b",
            ])
        #expect(
            cssrs.items.compactMap(\.loinc) == [
                "93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93267-3", "93269-9",
            ])
        #expect(
            cssrs.items.filter { $0.askedWhen != nil }.map(\.id) == ["cssrs.q3", "cssrs.q4", "cssrs.q5", "cssrs.q6b"])
    }

    @Test("the result JSON has the §1.7 shape, with explicit nulls")
    func resultJSON() throws {
        let result = try score(.cssrs, "1,0,x,x,x,0,x")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
        #expect(Set(object?.keys ?? [:].keys) == ["instrument", "total", "severity", "flags", "items", "codes"])
        #expect(object?["total"] is NSNull)
        #expect(object?["severity"] as? String == "low")
        let items = object?["items"] as? [[String: Any]]
        #expect(items?.count == 7)
        #expect(items?[2]["score"] is NSNull)
    }
}

@Suite("Proration arithmetic")
struct ProrationTests {
    @Test(
        "round half up of sum × n / answered",
        arguments: [
            ([1, 1, 1, 1, nil, 0, 0, 0, 0], 5),  // 4.5 → 5
            ([0, 0, 0, 0, nil, 0, 0, 0, 1], 1),  // 1.125 → 1
            ([3, 3, 3, 3, 3, 3, 3, nil, nil], 27),
            ([nil, 0, 0, 0, 0, 0, 0, 0, 0], 0),
        ] as [([Int?], Int)])
    func rounding(answers: [Int?], expected: Int) {
        #expect(ProratedTotal(answers, maxMissing: 2).total == expected)
    }

    @Test("nothing answered never prorates")
    func nothingAnswered() {
        #expect(ProratedTotal([nil, nil], maxMissing: 2).total == nil)
    }
}

@Suite("Instrument maxima")
struct InstrumentMaximaTests {
    @Test("each total's maximum from the definition: PHQ-9 27 (not 30), PHQ-2 6, GAD-7 21, PCL-5 80, SDS 15, DSM-5 11")
    func maxima() {
        let expected: [Instrument.ID: Int?] = [
            .phq9: 27, .phq2: 6, .gad7: 21, .pcl5: 80, .sds: 15, .stimulantSUD: 11, .cssrs: nil, .asq: nil,
        ]
        for id in Instrument.ID.allCases { #expect(Instrument.definition(id).maximumTotal == expected[id]!, "\(id)") }
    }
}
