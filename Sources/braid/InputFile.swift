import Foundation

/// Reads a file named on the command line, or standard input for `-`.
enum InputFile {
    static func read(_ path: String, field: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard FileManager.default.fileExists(atPath: path) else {
            throw BadInput(field: field, "\(path): no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BadInput(field: field, "\(path): cannot be read")
        }
        return data
    }

    static func readText(_ path: String, field: String) throws -> String {
        let data = try read(path, field: field)
        guard let text = String(data: data, encoding: .utf8) else {
            throw BadInput(field: field, "\(path): is not UTF-8 text")
        }
        return text
    }
}
