import BraidCore
import BraidStore
import Foundation
import Plot
import Testing
import VaporTesting

@testable import BraidApp

/// The clinician's pages: sortable caseload, the client's chart, and entry forms that share the API's rules.
@Suite("Clinician pages: caseload, chart, entry forms")
struct ClinicianPagesTests {
    static func row(_ name: String, urgency: Int, phq9: Int?, use: Int, lastCheckIn: Int?, alerts: Int = 0)
        -> CaseloadRow
    {
        CaseloadRow(
            id: .random(), name: name, alerts: [], flags: [], status: .notAdmitted, level: nil,
            phq9: phq9.map { ($0, .mild) },
            useDaysLast30: use,
            classification: .notLow, lastCheckIn: lastCheckIn.map { CalendarDate(dayNumber: $0) }, urgency: urgency)
    }

    @Test("the caseload sorts by any column: names A–Z, numbers largest first, the stalest check-in first")
    func sorting() {
        let rows = [
            Self.row("Casey", urgency: 0, phq9: 8, use: 2, lastCheckIn: 100),
            Self.row("Alex", urgency: 1, phq9: nil, use: 9, lastCheckIn: nil),
            Self.row("Blake", urgency: 2, phq9: 21, use: 0, lastCheckIn: 90),
        ]
        #expect(CaseloadSort.urgency.sorted(rows.reversed()).map(\.name) == ["Casey", "Alex", "Blake"])
        #expect(CaseloadSort.name.sorted(rows).map(\.name) == ["Alex", "Blake", "Casey"])
        #expect(CaseloadSort.phq9.sorted(rows).map(\.name) == ["Blake", "Casey", "Alex"])
        #expect(CaseloadSort.use.sorted(rows).map(\.name) == ["Alex", "Casey", "Blake"])
        #expect(CaseloadSort.checkIn.sorted(rows).map(\.name) == ["Alex", "Blake", "Casey"])
    }

    @Test("instrument forms become the API's body; API fields map back to the form's inputs")
    func instrumentForm() {
        let phq9 = Instrument.definition(.phq9)
        let body = ClinicianForms.assessment(
            ["phq9.1": "2", "phq9.2": "", "phq9.3": "x", "date": "2026-06-01", "daysSinceLastUse": "3"],
            instrument: phq9)
        guard case .object(let object) = body, case .array(let answers) = object["answers"] else {
            Issue.record("not an object with answers")
            return
        }
        #expect(answers.count == phq9.items.count)
        #expect(answers[0] == .number(2) && answers[1] == .null && answers[2] == .string("x"))
        #expect(object["daysSinceLastUse"] == .number(3) && object["date"] == .string("2026-06-01"))
        #expect(ClinicianForms.assessmentField("answers[2]", instrument: phq9) == "phq9.3")
        #expect(ClinicianForms.assessmentField("phq9.9", instrument: phq9) == "phq9.9")
        #expect(ClinicianForms.assessmentField(nil, instrument: phq9) == "form")
    }

    @Test("the ordering form: never-boxes are null, blanks unknown, and period errors name the row typed in")
    func orderingForm() {
        let (body, rows) = ClinicianForms.ordering(
            [
                "depressionNever": "true", "depressionOnsetAge": "15", "cocaineFirstUseAge": "19",
                "period2.lowMoodAtStart": "true", "period2.lowMoodPersistedWeeks": "2", "lowsMostlyAfterUse": "true",
            ], periodRows: 3)
        guard case .object(let object) = body, case .object(let input) = object["input"] else {
            Issue.record("no input")
            return
        }
        #expect(input["depressionOnsetAge"] == .null)
        #expect(input["cocaineFirstUseAge"] == .number(19))
        #expect(input["cocaineRegularUseAge"] == nil)
        #expect(input["lowsMostlyAfterUse"] == .bool(true))
        #expect(rows == [1])
        #expect(ClinicianForms.orderingField("input.abstinencePeriods[0].weeks", rows: rows) == "period2.weeks")
        #expect(ClinicianForms.orderingField("input.cocaineFirstUseAge", rows: rows) == "cocaineFirstUseAge")
        // The same body through BraidCore: the missing weeks are reported, nothing is guessed.
        do {
            _ = try OrderingInput(json: input.isEmpty ? .null : .object(input))
            Issue.record("accepted a period without weeks")
        } catch {
            #expect(error.field == "abstinencePeriods[0].weeks")
        }
    }

    @Test("on a client's page that client's alerts are cards; the others are listed by client, none hidden")
    func alertFocus() {
        func item(_ client: ClientID, _ name: String, _ severity: AlertSeverity) -> OpenAlertItem {
            OpenAlertItem(
                alert: SafetyAlert(
                    id: .random(), clientID: client, source: .checkIn, sourceID: UUID(), severity: severity,
                    summary: "summary of \(name)", openedAt: Fixture.now, acknowledgedAt: nil, acknowledgedBy: nil,
                    acknowledgementNote: nil),
                clientID: client, clientName: name)
        }
        let alex = ClientID.random()
        let blair = ClientID.random()
        let items = [item(blair, "Blair", .emergency), item(alex, "Alex", .urgent), item(blair, "Blair", .urgent)]
        func render(_ focus: ClientID?) -> String {
            HTML(
                .body(
                    ClinicianViews.openAlerts(
                        items, focus: focus, returnTo: "/caseload", csrfToken: "t",
                        timeZone: TimeZone(identifier: "UTC")!))
            ).render()
        }
        let focused = render(alex)
        #expect(focused.components(separatedBy: "<div class=\"alert").count == 2)
        #expect(focused.contains("summary of Alex") && !focused.contains("summary of Blair"))
        #expect(focused.contains(">Blair</a> (2, emergency)"))
        let all = render(nil)
        #expect(all.components(separatedBy: "<div class=\"alert").count == 4)
        #expect(all.contains("EMERGENCY: ") && !all.contains("Other open alerts"))
        #expect(render(nil).isEmpty == false)
        #expect(
            HTML(.body(ClinicianViews.openAlerts([], returnTo: "/", csrfToken: "t", timeZone: .current))).render()
                == "<!DOCTYPE html><html><body></body></html>")
    }

    static let today = CalendarDate(iso: "2026-06-15")!

    static func chartModel(
        assessments: [AssessmentContent], scoring: ScoringConfiguration = .default, analysis: CheckInAnalysis? = nil
    ) -> ClientChartModel {
        let client = ClientProfile(
            id: .random(), programID: .random(), userID: .random(), displayName: "Alex M.", careTeam: [],
            dataVersion: 1,
            createdAt: Fixture.now)
        let stored = assessments.enumerated().map { index, content in
            StoredAssessment(
                id: UUID(), clientID: client.id, date: today.adding(days: -7 * (assessments.count - 1 - index)),
                content: content, recordedAt: Fixture.now, recordedBy: .random())
        }
        let analysis = analysis ?? CheckInAnalysis.analyze(CheckInSeries(days: []))
        return ClientChartModel(
            client: client,
            timeline: TimelineModel(days: 90, checkIns: [], screens: [], analysis: analysis, today: today),
            assessments: stored, screens: [], alerts: [], scoring: scoring, today: today)
    }

    static func phq9(_ answers: [Int]) throws -> AssessmentContent {
        let result = try Instrument.definition(.phq9).score(answers.map { $0 }, context: ScoringContext())
        return .instrument(answers: answers.map { $0 }, result: result)
    }

    @Test("PHQ-9 over time is drawn on the program's severity bands, one marker per total")
    func measureChart() throws {
        let model = Self.chartModel(assessments: [
            try Self.phq9([2, 2, 2, 2, 2, 2, 2, 2, 0]), try Self.phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]),
        ])
        let chart = try #require(model.measureChart(.phq9))
        #expect(chart.y == 0...27)
        #expect(chart.bands.map(\.range) == [0...5, 5...10, 10...15, 15...20, 20...27])
        #expect(chart.bands.map(\.label) == ["minimal", "mild", "moderate", "moderately-severe", "severe"])
        #expect(chart.lines[0].points.compactMap(\.y) == [16, 8])
        #expect(chart.summary.contains("Latest 8 (mild) on 2026-06-15"))
        #expect(chart.render(id: "phq9").components(separatedBy: "<circle class=\"marker\"").count == 3)
        #expect(model.measureChart(.gad7) == nil)
        // A program that moves a cut-off sees its own bands.
        var scoring = ScoringConfiguration.default
        scoring.phq9Bands = SeverityBands([.init(from: 0, .minimal), .init(from: 8, .mild)])
        let moved = try #require(
            Self.chartModel(assessments: [try Self.phq9([1, 1, 1, 1, 1, 1, 1, 1, 0])], scoring: scoring)
                .measureChart(.phq9))
        #expect(moved.bands.map(\.range) == [0...8, 8...27])
        #expect(moved.summary.contains("Latest 8 (mild)"))
    }

    @Test("the ordering result and model summary; Braid proposes re-evaluation only when the data call for it")
    func orderingAndProposal() throws {
        let input = OrderingInput(
            depressionOnset: .age(22), cocaineFirstUseAge: 18, cocaineRegularUse: .age(19), abstinencePeriods: [],
            lowsMostlyAfterUse: true)
        let model = Self.chartModel(assessments: [.ordering(input: input, result: OrderingAssessment(input))])
        #expect(model.latestOrdering?.result.pattern == .useFirst)
        #expect(model.reevaluationProposal == nil)
        #expect(model.modelRows.first?.value == "insufficient-data")
        // 40 abstinent days with mood 3: the persistent-low-mood flag, and the proposal beside the ordering result.
        let days = (0..<40).map { CheckInDay(date: Self.today.adding(days: $0 - 39), mood: 3, craving: 2, used: false) }
        let used = [CheckInDay(date: Self.today.adding(days: -40), mood: 6, used: true)]
        let analysis = CheckInAnalysis.analyze(CheckInSeries(days: used + days))
        #expect(analysis.hasFlag(.persistentLowMoodInAbstinence))
        let flagged = Self.chartModel(
            assessments: [.ordering(input: input, result: OrderingAssessment(input))], analysis: analysis)
        #expect(flagged.reevaluationProposal?.contains("40 days without use") == true)
        let context = PageContext(
            csrfToken: "t", crisis: CrisisResources(programLine: nil), timeZone: TimeZone(identifier: "UTC")!,
            today: Self.today, alerts: [], isClient: false)
        let html = ClinicianViews.chart(
            flagged, notice: nil, screenValues: [:], screenErrors: [:], context: context)
        #expect(html.contains("Proposal: "))
        #expect(html.contains("use-first"))
        #expect(html.contains(OrderingAssessment.Reason.onsetAfterUse.explanation.clinician))
    }
}

@Suite("How the cycle works")
struct CycleExplainerTests {
    @Test("the simulated curve is the crash-driven profile's midpoints; the client's own is the fitted model")
    func curves() {
        #expect(CycleExplainer.typical.underlyingMood == 6.65)
        #expect(CycleExplainer.typical.crashDepth == 2.75)
        #expect(CycleExplainer.typical.crashHalfLifeDays == 3.5)
        let empty = CycleExplainer(analysis: CheckInAnalysis.analyze(CheckInSeries(days: [])))
        #expect(empty.own == nil && empty.chart.lines.count == 1)
        // Noise-free data from known parameters: the client's curve is theirs.
        let truth = CycleParameters(underlyingMood: 6, surge: 1, crashDepth: 3, crashHalfLifeDays: 2)
        let use = (0..<84).map { $0 % 10 == 0 }
        let mood = truth.expectedMood(use: use)
        let start = CalendarDate(iso: "2026-01-05")!
        let days = zip(use, mood).enumerated().map { index, pair in
            CheckInDay(date: start.adding(days: index), mood: Int(pair.1.rounded()), used: pair.0)
        }
        let explainer = CycleExplainer(analysis: CheckInAnalysis.analyze(CheckInSeries(days: days)))
        let own = try? #require(explainer.own)
        #expect(own.map { abs($0.crashDepth - 3) < 0.6 } == true)
        #expect(explainer.chart.lines.map(\.label) == ["Typical crash (simulated)", "You"])
        #expect(explainer.parts.map(\.name) == ["Surge", "Crash", "Chase", "Deepening"])
        #expect(explainer.parts[1].yours?.hasPrefix("The day after using, your mood drops about") == true)
    }
}

@Suite("Evidence in words")
struct EvidenceWordsTests {
    @Test(
        "camel-case evidence keys read as words",
        arguments: [
            ("currentAbstinenceDays", "current abstinence days"), ("maxPHQ9Last14Days", "max PHQ9 last 14 days"),
            ("medianMoodLast7Rated", "median mood last 7 rated"), ("safetyYesDays", "safety yes days"),
            ("daysSinceLast", "days since last"),
        ])
    func words(key: String, expected: String) {
        #expect(ClinicianViews.words(key) == expected)
    }
}
