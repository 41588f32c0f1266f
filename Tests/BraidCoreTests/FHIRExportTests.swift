import Foundation
import Testing

@testable import BraidCore

/// The FHIR R4 Bundle (issue 13 §4) built from a hand-made record. Validity against the R4 schema and fhircraft's
/// models is checked in CI on every demo client (e2e/test_fhir.py); these check what Braid puts in it.
@Suite("FHIR export: the Bundle's resources, links, codes and Part 2 labels")
struct FHIRExportTests {
    static let client = ClientID.random()
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func record(depressionType: OrderingAssessment.DepressionType? = .undetermined) throws -> FHIRRecordData {
        let phq9 = Instrument.definition(.phq9)
        let answers: [Int?] = [2, 2, nil, 2, 2, 2, 2, 2, 0]
        let result = try phq9.score(answers, context: ScoringContext(), configuration: .default)
        let day = CalendarDate(iso: "2026-05-03")!
        return FHIRRecordData(
            clientID: client, name: "Test Person",
            assessments: [
                StoredAssessment(
                    id: UUID(), clientID: client, date: day, content: .instrument(answers: answers, result: result),
                    recordedAt: now, recordedBy: .random())
            ],
            checkIns: [
                StoredCheckIn(
                    id: UUID(), clientID: client, date: day,
                    values: CheckInValues(mood: 3, craving: 7, sleepHours: 5.5, used: true, note: "private"),
                    revision: 1, recordedAt: now, recordedBy: .random(), supersededAt: nil)
            ],
            plan: SignedPlan(
                clientID: client, episodeID: nil, version: 2,
                problems: [
                    PlanProblem(
                        kind: .depression, decision: .accepted, statement: "Low mood", icd10: "F32.1",
                        provisional: false, reason: nil, interventions: []),
                    PlanProblem(
                        kind: .stimulantUseDisorder, decision: .accepted, statement: "Cocaine use", icd10: "F14.20",
                        provisional: false, reason: nil, interventions: []),
                    PlanProblem(
                        kind: .anxiety, decision: .dismissed, statement: "Anxiety", icd10: "F41.9", provisional: true,
                        reason: "not now", interventions: []),
                ],
                goals: [PlanGoal(target: .phq9Below10, due: CalendarDate(iso: "2026-06-30")!, owner: .random())],
                signedBy: .random(), signedAt: now, signedOn: day, reviewDue: CalendarDate(iso: "2026-06-02")!),
            depressionType: depressionType)
    }

    static func resources(_ bundle: JSONValue) -> [[String: JSONValue]] {
        guard case .object(let root) = bundle, case .array(let entries)? = root["entry"] else { return [] }
        return entries.compactMap { entry in
            guard case .object(let fields) = entry, case .object(let resource)? = fields["resource"] else { return nil }
            return resource
        }
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { text } else { nil }
    }

    @Test("a collection: Patient, QuestionnaireResponse, its total, four check-in values, kept problems, goal, plan")
    func resources() throws {
        let bundle = FHIRExport.bundle(try Self.record(), now: Self.now)
        guard case .object(let root) = bundle else { Issue.record("not an object"); return }
        #expect(Self.string(root["type"]) == "collection" && Self.string(root["resourceType"]) == "Bundle")
        let kinds = Self.resources(bundle).compactMap { Self.string($0["resourceType"]) }
        // The dismissed anxiety problem is not a Condition.
        #expect(
            kinds == [
                "Patient", "QuestionnaireResponse", "Observation", "Observation", "Observation", "Observation",
                "Observation", "Condition", "Condition", "Goal", "CarePlan",
            ])
    }

    @Test("the total derives from its QuestionnaireResponse, whose linkIds are Braid's item ids (answered only)")
    func links() throws {
        let text = try FHIRExport.json(FHIRExport.bundle(try Self.record(), now: Self.now))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let entries = try #require(json["entry"] as? [[String: Any]])
        let resources = entries.compactMap { $0["resource"] as? [String: Any] }
        let response = try #require(resources.first { $0["resourceType"] as? String == "QuestionnaireResponse" })
        #expect(response["questionnaire"] as? String == "http://loinc.org/q/44249-1")
        let items = try #require(response["item"] as? [[String: Any]])
        // 8 answered of 9 (item 3 skipped); no 10th answer given.
        #expect(
            items.compactMap { $0["linkId"] as? String } == [
                "phq9.1", "phq9.2", "phq9.4", "phq9.5", "phq9.6", "phq9.7", "phq9.8", "phq9.9",
            ])
        let total = try #require(resources.first { ($0["derivedFrom"] as? [[String: Any]]) != nil })
        let from = (total["derivedFrom"] as? [[String: Any]])?.first?["reference"] as? String
        #expect(from == "urn:uuid:\(response["id"] as? String ?? "")")
        #expect(text.contains(#""valueInteger":16"#))
        #expect(text.contains(#""code":"44261-6""#))
        #expect(text.contains(#""system":"http://loinc.org","code":"93832-4""#) || text.contains(#""code":"93832-4""#))
        #expect(!text.contains("private") && !text.contains("Low mood"))
        // FHIR JSON has no empty arrays.
        #expect(!text.contains("[]"))
    }

    @Test("conditions carry ICD-10-CM and SNOMED CT; depression is provisional while its type is undetermined")
    func conditions() throws {
        func depression(_ type: OrderingAssessment.DepressionType?) throws -> String {
            let text = try FHIRExport.json(FHIRExport.bundle(try Self.record(depressionType: type), now: Self.now))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let resources = (json["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
            let condition = try #require(
                resources.first {
                    $0["resourceType"] as? String == "Condition"
                        && ((($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String)
                            == "F32.1"
                })
            let coding = (condition["code"] as? [String: Any])?["coding"] as? [[String: Any]] ?? []
            #expect(coding.compactMap { $0["system"] as? String } == [FHIRExport.icd10cm, FHIRExport.snomed])
            #expect(coding.last?["code"] as? String == "370143000")
            let status = (condition["verificationStatus"] as? [String: Any])?["coding"] as? [[String: Any]]
            return status?.first?["code"] as? String ?? ""
        }
        #expect(try depression(.undetermined) == "provisional")
        #expect(try depression(nil) == "provisional")
        #expect(try depression(.independent) == "confirmed")
    }

    @Test("every resource and the Bundle carry 42CFRPart2, R and NORDSCLCD; SUD and PSY by content")
    func labels() throws {
        let bundle = FHIRExport.bundle(try Self.record(), now: Self.now)
        for resource in Self.resources(bundle) {
            guard case .object(let meta)? = resource["meta"], case .array(let security)? = meta["security"] else {
                Issue.record("no meta.security")
                continue
            }
            let codes = security.compactMap { label -> String? in
                guard case .object(let fields) = label else { return nil }
                return Self.string(fields["code"])
            }
            #expect(Array(codes.prefix(3)) == ["42CFRPart2", "R", "NORDSCLCD"])
            let kind = Self.string(resource["resourceType"])
            if kind == "CarePlan" { #expect(codes.contains("SUD") && codes.contains("PSY")) }
            if kind == "QuestionnaireResponse" { #expect(codes.contains("PSY") && !codes.contains("SUD")) }
            if kind == "Patient" { #expect(codes.count == 3) }
        }
    }
}
