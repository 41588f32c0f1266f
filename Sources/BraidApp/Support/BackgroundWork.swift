import BraidCore
import BraidStore
import Foundation
import Vapor

/// Work the server does on its own while it serves: writing contingency-management misses for screening days that
/// passed without a result (so the ledger in the database matches what every page already shows). Each pass is
/// idempotent; a failed pass is logged (ids and counts only) and the next one tries again.
enum BackgroundWork {
    /// Seconds between passes.
    static let interval: UInt64 = 300

    /// Runs passes until the task is cancelled (at shutdown).
    static func run(_ app: Application) async {
        while !Task.isCancelled {
            do {
                let written = try await sweep(app, now: app.clock())
                if written > 0 { app.logger.info("contingency misses recorded", metadata: ["lines": "\(written)"]) }
            } catch {
                app.logger.warning("background pass failed", metadata: ["error": "\(type(of: error))"])
            }
            try? await Task.sleep(nanoseconds: interval * 1_000_000_000)
        }
    }

    /// One pass over every program: misses through yesterday in each program's own calendar.
    static func sweep(_ app: Application, now: Date) async throws -> Int {
        let repository = app.repository
        var written = 0
        for program in try await repository.programs() {
            let today = ProgramContext(program, clinical: app.braid.clinical).today(now: now)
            written += try await repository.recordMissedScreens(in: program.id, today: today, now: now)
        }
        return written
    }
}
