import Foundation

/// A small SVG chart renderer: linear scales, axes with ticks, lines (with gaps for missing days), bars,
/// shaded bands, a legend, and an accessible title and description. Pages build charts from data through this
/// one module; none hand-assembles SVG.
struct SVGChart: Sendable {
    struct Point: Sendable, Hashable {
        let x: Double
        /// `nil` breaks the line (an unrated day).
        let y: Double?
        /// What a marker's tooltip says (e.g. the date and score); defaults to the line's label and value.
        var note: String? = nil
    }

    struct Line: Sendable, Hashable {
        let label: String
        let points: [Point]
        let color: String
        var dashed = false
        /// A dot at every known point: for sparse series such as questionnaire totals.
        var markers = false
    }

    struct Bar: Sendable, Hashable {
        let x: Double
        let width: Double
        let height: Double
        let color: String
    }

    /// A shaded stretch: across x (e.g. crash windows) or across y (e.g. severity bands).
    struct Band: Sendable, Hashable {
        enum Axis: Sendable, Hashable { case x, y }
        let axis: Axis
        let range: ClosedRange<Double>
        let color: String
        var label: String?
        var opacity = 0.18
    }

    struct Tick: Sendable, Hashable {
        let value: Double
        let label: String
    }

    var width = 640.0
    var height = 260.0
    var margin = (top: 16.0, right: 16.0, bottom: 44.0, left: 40.0)
    /// Text size, line width and marker radius in the chart's own units (the SVG scales to the page's width).
    var fontSize = 11.0
    var lineWidth = 2.0
    var markerRadius = 3.5
    /// Read by screen readers (`<title>`, `<desc>`); also the figure's visible caption on the page.
    let title: String
    let summary: String
    let x: ClosedRange<Double>
    let y: ClosedRange<Double>
    var xTicks: [Tick] = []
    var yTicks: [Tick] = []
    var lines: [Line] = []
    var bars: [Bar] = []
    var bands: [Band] = []
    /// Extra legend entries (e.g. for bars).
    var legendExtras: [(label: String, color: String)] = []

    var plot: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        (margin.left...(width - margin.right), margin.top...(height - margin.bottom))
    }

    func scaleX(_ value: Double) -> Double {
        LinearScale(domain: x, start: plot.x.lowerBound, end: plot.x.upperBound)(value)
    }

    /// SVG y grows downwards: the domain's top maps to the plot's top.
    func scaleY(_ value: Double) -> Double {
        LinearScale(domain: y, start: plot.y.upperBound, end: plot.y.lowerBound)(value)
    }

    /// The chart as an SVG element with `role="img"` and its title and description linked for assistive tech.
    func render(id: String) -> String {
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(number(width)) \(number(height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" class="chart">\
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(summary))</desc>
            """
        for band in bands {
            let rect: (Double, Double, Double, Double)
            switch band.axis {
            case .x:
                let left = scaleX(max(band.range.lowerBound, x.lowerBound))
                let right = scaleX(min(band.range.upperBound, x.upperBound))
                rect = (left, plot.y.lowerBound, max(right - left, 0), plot.y.upperBound - plot.y.lowerBound)
            case .y:
                let top = scaleY(min(band.range.upperBound, y.upperBound))
                let bottom = scaleY(max(band.range.lowerBound, y.lowerBound))
                rect = (plot.x.lowerBound, top, plot.x.upperBound - plot.x.lowerBound, max(bottom - top, 0))
            }
            svg +=
                "<rect class=\"band\" x=\"\(number(rect.0))\" y=\"\(number(rect.1))\" width=\"\(number(rect.2))\" "
                + "height=\"\(number(rect.3))\" fill=\"\(band.color)\" fill-opacity=\"\(number(band.opacity))\">"
                + (band.label.map { "<title>\(escape($0))</title>" } ?? "") + "</rect>"
        }
        svg += axes()
        for bar in bars {
            let top = scaleY(min(bar.height, y.upperBound))
            let left = scaleX(bar.x)
            svg +=
                "<rect class=\"bar\" x=\"\(number(left))\" y=\"\(number(top))\" "
                + "width=\"\(number(max(scaleX(bar.x + bar.width) - left, 1)))\" "
                + "height=\"\(number(scaleY(y.lowerBound) - top))\" fill=\"\(bar.color)\"/>"
        }
        for line in lines {
            svg +=
                "<path class=\"line\" d=\"\(path(line.points))\" fill=\"none\" stroke=\"\(line.color)\" "
                + "stroke-width=\"\(number(lineWidth))\"\(line.dashed ? " stroke-dasharray=\"5 4\"" : "")><title>\(escape(line.label))</title></path>"
            if line.markers {
                for point in line.points {
                    guard let value = point.y else { continue }
                    svg +=
                        "<circle class=\"marker\" cx=\"\(number(scaleX(point.x)))\" cy=\"\(number(scaleY(value)))\" r=\"\(number(markerRadius))\" "
                        + "fill=\"\(line.color)\"><title>\(escape(point.note ?? "\(line.label) \(number(value))"))</title></circle>"
                }
            }
        }
        svg += legend()
        return svg + "</svg>"
    }

    /// Path commands: a move at the start and after every gap, lines between known points.
    func path(_ points: [Point]) -> String {
        var commands: [String] = []
        var drawing = false
        for point in points {
            guard let value = point.y else {
                drawing = false
                continue
            }
            commands.append("\(drawing ? "L" : "M")\(number(scaleX(point.x))) \(number(scaleY(value)))")
            drawing = true
        }
        return commands.joined(separator: " ")
    }

    private func axes() -> String {
        var svg = "<g class=\"axes\" stroke=\"#5f6368\" font-size=\"\(number(fontSize))\" fill=\"#3c4043\">"
        svg +=
            "<line x1=\"\(number(plot.x.lowerBound))\" y1=\"\(number(plot.y.upperBound))\" x2=\"\(number(plot.x.upperBound))\" "
            + "y2=\"\(number(plot.y.upperBound))\"/>"
        svg +=
            "<line x1=\"\(number(plot.x.lowerBound))\" y1=\"\(number(plot.y.lowerBound))\" x2=\"\(number(plot.x.lowerBound))\" "
            + "y2=\"\(number(plot.y.upperBound))\"/>"
        for tick in xTicks {
            let position = scaleX(tick.value)
            // A label that would run past either edge starts or ends at its tick instead of centring on it.
            let half = Double(tick.label.count) * characterWidth / 2
            let anchor = position + half > width ? "end" : position - half < 0 ? "start" : "middle"
            svg +=
                "<text x=\"\(number(position))\" y=\"\(number(plot.y.upperBound + fontSize + 5))\" text-anchor=\"\(anchor)\" "
                + "stroke=\"none\">\(escape(tick.label))</text>"
        }
        for tick in yTicks {
            let position = scaleY(tick.value)
            svg +=
                "<text x=\"\(number(plot.x.lowerBound - 6))\" y=\"\(number(position + fontSize / 3))\" text-anchor=\"end\" "
                + "stroke=\"none\">\(escape(tick.label))</text>"
        }
        return svg + "</g>"
    }

    /// About how wide one character of the chart's text is.
    private var characterWidth: Double { fontSize * 0.58 }

    /// Legend entries in rows under the axis, wrapping when a row is full (a phone-sized chart needs two).
    private func legend() -> String {
        // A band's swatch is drawn as light as the band, so it is not mistaken for a bar of the same color.
        let entries: [(String, String, Double)] =
            lines.map { ($0.label, $0.color, 1) } + legendExtras.map { ($0.label, $0.color, 1) }
            + bands.compactMap { band in band.label.map { ($0, band.color, min(1, band.opacity * 2)) } }
        var svg = "<g class=\"legend\" font-size=\"\(number(fontSize))\" fill=\"#3c4043\">"
        let swatch = fontSize * 0.9
        var offset = plot.x.lowerBound
        var row = plot.y.upperBound + fontSize * 2 + 10
        var seen: Set<String> = []
        for (label, color, opacity) in entries where seen.insert(label).inserted {
            let needed = swatch + 4 + Double(label.count) * characterWidth
            if offset > plot.x.lowerBound && offset + needed > width - margin.right {
                offset = plot.x.lowerBound
                row += fontSize + 6
            }
            svg +=
                "<rect x=\"\(number(offset))\" y=\"\(number(row - swatch))\" width=\"\(number(swatch))\" "
                + "height=\"\(number(swatch))\" fill=\"\(color)\""
                + (opacity < 1 ? " fill-opacity=\"\(number(opacity))\"" : "") + "/>"
            svg += "<text x=\"\(number(offset + swatch + 4))\" y=\"\(number(row - 1))\">\(escape(label))</text>"
            offset += needed + 12
        }
        return svg + "</g>"
    }

    /// The same chart drawn for a phone held upright (375 px): a taller shape, larger text, marks and lines, every
    /// other y tick when there are many, and room under the axis for a legend in two rows.
    func phoneSized() -> SVGChart {
        var chart = self
        chart.width = 360
        chart.height = 330
        chart.fontSize = 15
        chart.lineWidth = 3
        chart.markerRadius = 5
        chart.margin = (top: 14, right: 12, bottom: 92, left: 34)
        if chart.yTicks.count > 4 {
            chart.yTicks = chart.yTicks.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        }
        if chart.xTicks.count > 4 {
            chart.xTicks = chart.xTicks.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        }
        return chart
    }
}

/// Maps a domain linearly onto output from `start` (at the domain's lower bound) to `end` (at its upper bound),
/// in either direction; a zero-width domain maps to `start`.
struct LinearScale: Sendable, Hashable {
    let domain: ClosedRange<Double>
    let start: Double
    let end: Double

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span != 0 else { return start }
        return start + (value - domain.lowerBound) / span * (end - start)
    }
}

/// Text escaped for XML/HTML content and attribute values.
func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        default: escaped.append(character)
        }
    }
    return escaped
}

/// Coordinates with at most one decimal: small markup, stable output.
func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
