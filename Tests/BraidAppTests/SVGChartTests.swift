import Foundation
import Testing

@testable import BraidApp

@Suite("SVG chart module")
struct SVGChartTests {
    static func chart() -> SVGChart {
        var chart = SVGChart(title: "Mood <90 days>", summary: "Mood & craving", x: 0...10, y: 0...10)
        chart.width = 240
        chart.height = 140
        chart.margin = (top: 10, right: 10, bottom: 30, left: 30)
        return chart
    }

    @Test("scales map the domain onto the plot, y upwards")
    func scales() {
        let chart = Self.chart()
        #expect(chart.scaleX(0) == 30)
        #expect(chart.scaleX(10) == 230)
        #expect(chart.scaleX(5) == 130)
        #expect(chart.scaleY(0) == 110)
        #expect(chart.scaleY(10) == 10)
        #expect(LinearScale(domain: 3...3, start: 0, end: 100)(3) == 0)
        #expect(LinearScale(domain: 0...4, start: 100, end: 0)(1) == 75)
    }

    @Test("a line breaks at missing values and restarts with a move")
    func gaps() {
        let chart = Self.chart()
        let path = chart.path([.init(x: 0, y: 5), .init(x: 1, y: 6), .init(x: 2, y: nil), .init(x: 3, y: 4)])
        #expect(path == "M30 60 L50 50 M90 70")
        #expect(chart.path([.init(x: 0, y: nil)]).isEmpty)
    }

    @Test("the SVG is accessible and escapes every text")
    func accessible() {
        var chart = Self.chart()
        chart.lines = [.init(label: "Mood", points: [.init(x: 0, y: 5), .init(x: 10, y: 7)], color: "#1a73e8")]
        chart.xTicks = [.init(value: 0, label: "Jan <1>")]
        let svg = chart.render(id: "mood")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"mood-title mood-desc\""))
        #expect(svg.contains("<title id=\"mood-title\">Mood &lt;90 days&gt;</title>"))
        #expect(svg.contains("<desc id=\"mood-desc\">Mood &amp; craving</desc>"))
        #expect(svg.contains("Jan &lt;1&gt;"))
        #expect(!svg.contains("<90"))
    }

    @Test("bands shade across x or y, clipped to the domain; bars stand on the x axis")
    func bandsAndBars() {
        var chart = Self.chart()
        chart.bands = [
            .init(axis: .x, range: 2...4, color: "#f00", label: "Crash window"),
            .init(axis: .y, range: 8...20, color: "#0f0"),
        ]
        chart.bars = [.init(x: 5, width: 1, height: 10, color: "#00f")]
        let svg = chart.render(id: "c")
        #expect(svg.contains("<rect class=\"band\" x=\"70\" y=\"10\" width=\"40\" height=\"100\""))
        #expect(svg.contains("<rect class=\"band\" x=\"30\" y=\"10\" width=\"200\" height=\"20\""))
        #expect(svg.contains("<rect class=\"bar\" x=\"130\" y=\"10\" width=\"20\" height=\"100\""))
        #expect(svg.contains(">Crash window</text>"))
    }

    @Test("the legend lists each label once")
    func legend() {
        var chart = Self.chart()
        let points = [SVGChart.Point(x: 0, y: 1)]
        chart.lines = [
            .init(label: "Mood", points: points, color: "#1"), .init(label: "Mood", points: points, color: "#1"),
        ]
        chart.legendExtras = [("Use day", "#2")]
        let svg = chart.render(id: "l")
        #expect(svg.components(separatedBy: ">Mood</text>").count == 2)
        #expect(svg.contains(">Use day</text>"))
    }

    @Test("markers: one dot per known point at the scaled position, with its note as the tooltip")
    func markers() {
        var chart = Self.chart()
        chart.lines = [
            .init(
                label: "PHQ-9",
                points: [.init(x: 0, y: 5, note: "2026-06-01: 5"), .init(x: 5, y: nil), .init(x: 10, y: 10)],
                color: "#000", markers: true)
        ]
        let svg = chart.render(id: "m")
        #expect(svg.components(separatedBy: "<circle class=\"marker\"").count == 3)
        #expect(svg.contains("cx=\"30\" cy=\"60\""))
        #expect(svg.contains("<title>2026-06-01: 5</title>"))
        #expect(svg.contains("<title>PHQ-9 10</title>"))
        chart.lines[0].markers = false
        #expect(!chart.render(id: "m").contains("<circle"))
    }

    @Test("an x label near the right edge ends at its tick; others centre on theirs")
    func edgeLabels() {
        var chart = Self.chart()
        chart.xTicks = [.init(value: 5, label: "2026-06-01"), .init(value: 10, label: "2026-06-15")]
        let svg = chart.render(id: "e")
        #expect(svg.contains("x=\"130\" y=\"126\" text-anchor=\"middle\""))
        #expect(svg.contains("x=\"230\" y=\"126\" text-anchor=\"end\""))
    }

    @Test("phone size: larger text and lines, every other tick, edge labels kept inside, band swatches light")
    func phone() {
        var chart = SVGChart(title: "Mood", summary: "Mood", x: 0...90, y: 0...10)
        chart.xTicks = [0, 30, 60, 90].map { .init(value: Double($0), label: "2026-09-0\($0 / 30)") }
        chart.yTicks = [0, 2, 4, 6, 8, 10].map { .init(value: Double($0), label: String($0)) }
        chart.bands = [.init(axis: .x, range: 3...5, color: "#d93025", label: "Crash window")]
        let phone = chart.phoneSized()
        #expect(phone.width == 360 && phone.fontSize == 15 && phone.lineWidth == 3)
        #expect(phone.yTicks.map(\.value) == [0, 4, 8])
        #expect(phone.xTicks.count == 4)
        let svg = phone.render(id: "p")
        #expect(svg.contains("font-size=\"15\""))
        // The first date label starts at its tick (centred, it would be cut off at the left edge).
        #expect(svg.contains("text-anchor=\"start\" stroke=\"none\">2026-09-00</text>"))
        #expect(svg.contains("text-anchor=\"end\" stroke=\"none\">2026-09-03</text>"))
        #expect(svg.contains("fill=\"#d93025\" fill-opacity=\"0.4\"/>"))
    }
}
