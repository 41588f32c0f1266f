import Foundation
import Testing

@testable import BraidCore

@Suite("Crash windows: the days after use when the fitted crash is deepest")
struct CrashWindowTests {
    /// Eight weeks of use every Saturday and Sunday (days 5, 6, 12, 13, …).
    static let weekends = (0..<56).map { $0 % 7 == 5 || $0 % 7 == 6 }

    @Test("weekly weekend use: one short window after each weekend, not the whole stretch")
    func weekends() {
        let parameters = CycleParameters(underlyingMood: 6, surge: 1, crashDepth: 2, crashHalfLifeDays: 2)
        let windows = parameters.crashWindows(use: Self.weekends, pullAtLeast: 1)
        // Each of the first seven weekends is followed by a window opening on the Monday; the eighth weekend
        // ends the data.
        #expect(windows.map(\.lowerBound) == (1...7).map { 7 * $0 })
        let shaded = windows.reduce(0) { $0 + $1.count }
        #expect(shaded <= 3 * windows.count)
        #expect(shaded < 56 / 2)
        for window in windows {
            #expect(!window.contains { Self.weekends[$0] })
            #expect(Self.weekends[window.lowerBound - 1])
        }
    }

    @Test("hand-worked: one use day, c = 4, h = 1: pulls 4, 2, 1, 0.5 → the window is days 1…2")
    func handWorked() {
        let use = [true] + Array(repeating: false, count: 9)
        let parameters = CycleParameters(underlyingMood: 6, surge: 0, crashDepth: 4, crashHalfLifeDays: 1)
        // Day 1 pulls 4 points; day 2 pulls 2 (half the first day's: still in); day 3 pulls 1 (< 2: out).
        #expect(parameters.crashWindows(use: use, pullAtLeast: 1) == [1...2])
        // With a higher bar than half the peak, the bar decides: only day 1 pulls 3 or more.
        #expect(parameters.crashWindows(use: use, pullAtLeast: 3) == [1...1])
        // A shallow crash (0.8 points) marks nothing.
        let shallow = CycleParameters(underlyingMood: 6, surge: 0, crashDepth: 0.8, crashHalfLifeDays: 2)
        #expect(shallow.crashWindows(use: use, pullAtLeast: 1).isEmpty)
        let none = CycleParameters(underlyingMood: 6, surge: 0, crashDepth: 0, crashHalfLifeDays: 2)
        #expect(none.crashWindows(use: use, pullAtLeast: 1).isEmpty)
    }

    @Test("a window stops at the next use day and never runs past the data")
    func bounds() {
        let use = [true, false, false, true, false]
        let parameters = CycleParameters(underlyingMood: 6, surge: 0, crashDepth: 3, crashHalfLifeDays: 10)
        #expect(parameters.crashWindows(use: use, pullAtLeast: 1) == [1...2, 4...4])
        #expect(parameters.crashWindows(use: [false, true], pullAtLeast: 1).isEmpty)
    }
}
