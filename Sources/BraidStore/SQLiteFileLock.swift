import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The advisory lock `braid serve` holds on `DB.lock` beside a SQLite file while it serves it, so `braid restore`
/// never replaces a file under a running server (and two servers never share one file).
public final class SQLiteFileLock: Sendable {
    let descriptor: Int32
    public let path: String

    /// Takes the lock, or returns nil when another process holds it.
    public static func acquire(for database: String) throws -> SQLiteFileLock? {
        let path = database + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.corrupt("\(path) (cannot open the lock file)") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return SQLiteFileLock(descriptor: descriptor, path: path)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
