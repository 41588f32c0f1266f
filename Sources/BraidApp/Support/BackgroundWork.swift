import BraidCore
import BraidStore
import Foundation
import Vapor

/// Work the server does on its own while it serves: notifications (alerts to the person on call, escalations,
/// reminders, retries) every few seconds, and writing contingency-management misses for screening days that passed
/// without a result (so the ledger in the database matches what every page already shows) every few minutes. Each
/// pass is idempotent; a failed pass is logged (ids and counts only) and the next one tries again.
enum BackgroundWork {
    /// Seconds between notification passes, and between contingency passes.
    static let notificationInterval: UInt64 = 10
    static let interval: UInt64 = 300

    /// Runs passes until the task is cancelled (at shutdown).
    static func run(_ app: Application) async {
        var lastSweep: Date?
        while !Task.isCancelled {
            let now = app.clock()
            if lastSweep.map({ now.timeIntervalSince($0) >= Double(interval) }) ?? true {
                lastSweep = now
                do {
                    let written = try await sweep(app, now: now)
                    if written > 0 {
                        app.logger.info("contingency misses recorded", metadata: ["lines": "\(written)"])
                    }
                } catch {
                    app.logger.warning("background pass failed", metadata: ["error": "\(type(of: error))"])
                }
            }
            do {
                _ = try await dispatcher(app).run(now: now)
            } catch {
                app.logger.warning("notification pass failed", metadata: ["error": "\(type(of: error))"])
            }
            try? await Task.sleep(nanoseconds: notificationInterval * 1_000_000_000)
        }
    }

    static func dispatcher(_ app: Application) -> NotificationDispatcher {
        NotificationDispatcher(
            store: app.repository, httpClient: app.http.client.shared, clinical: app.braid.clinical,
            logger: app.logger)
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
