import ArgumentParser
import Foundation

// Entry point. ArgumentParser exits 64 on a usage error; Braid's contract is exit 2 for any bad input, with
// one line on stderr and nothing on stdout, so errors are mapped here in one place.
do {
    var command = try Braid.parseAsRoot()
    if let asyncCommand = command as? any AsyncBraidCommand {
        try await asyncCommand.runAsync()
    } else {
        try command.run()
    }
} catch let error as BadInput {
    Console.error(error.description)
    exit(ExitStatus.badInput)
} catch {
    let code = Braid.exitCode(for: error)
    if code == .success || error is ExitCode {
        Braid.exit(withError: error)  // --help, --version, or an explicit exit status
    }
    if code == .validationFailure {
        Console.error("\(Braid.message(for: error)) (see 'braid help')")
        exit(ExitStatus.badInput)
    }
    Console.error("braid: \(Braid.message(for: error))")
    exit(ExitStatus.failure)
}
