import Foundation

/// Runs the built `braid` executable as a user would, capturing stdout, stderr and the exit status.
struct BraidBinary {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String

        /// Stdout decoded as a JSON object.
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    /// The binary sits next to the test runner in the build products folder; `BRAID_BIN` overrides it.
    static let url: URL = {
        if let override = ProcessInfo.processInfo.environment["BRAID_BIN"] { return URL(fileURLWithPath: override) }
        #if os(Linux)
            let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
            let runner = Bundle.main.bundleURL
        #endif
        var folder = runner.deletingLastPathComponent()
        while !folder.path.isEmpty && folder.path != "/" {
            let candidate = folder.appendingPathComponent("braid")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("braid")
    }()

    static func run(_ arguments: String..., stdin: String? = nil) throws -> Run {
        try run(arguments, stdin: stdin)
    }

    /// Runs the binary; `environment` entries override the test's own (an empty value unsets the variable).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment {
            merged[key] = value.isEmpty ? nil : value
        }
        process.environment = merged
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a large output cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
