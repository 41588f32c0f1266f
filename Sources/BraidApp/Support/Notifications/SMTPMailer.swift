import BraidCore
import Foundation
import NIOCore
import NIOPosix

/// A plain SMTP client (RFC 5321) for notification emails: one connection per message, EHLO, MAIL FROM, RCPT TO,
/// DATA, QUIT. No TLS or authentication: Braid hands mail to a relay on the same host or network (a local Postfix
/// or the program's relay), which does the rest.
struct SMTPMailer: Sendable {
    let server: NotificationSettings.SMTPServer
    var timeout: TimeAmount = .seconds(20)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends one message; throws with the server's reply code when it refuses a step.
    func send(from: String, to recipient: String, subject: String, body: String, messageID: UUID, date: Date)
        async throws
    {
        for value in [from, recipient, subject] where value.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw Failure(description: "a header holds a line break")
        }
        let message = Self.message(
            from: from, to: recipient, subject: subject, body: body, messageID: messageID, date: date)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withTimeout(timeout) {
            try await channel.executeThenClose { inbound, outbound in
                var replies = ReplyReader(inbound.makeAsyncIterator())
                func step(_ command: String?, expect codes: Set<Int>) async throws {
                    if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                    let code = try await replies.next()
                    guard codes.contains(code) else {
                        throw Failure(description: "SMTP \(code) after \(command?.prefix(4) ?? "connect")")
                    }
                }
                try await step(nil, expect: [220])
                try await step("EHLO braid.localhost", expect: [250])
                try await step("MAIL FROM:<\(from)>", expect: [250])
                try await step("RCPT TO:<\(recipient)>", expect: [250, 251])
                try await step("DATA", expect: [354])
                try await step(message + "\r\n.", expect: [250])
                try? await step("QUIT", expect: [221])
            }
        }
    }

    /// The message in RFC 5322 form, CRLF line ends, lines starting with a dot doubled (RFC 5321 §4.5.2).
    static func message(from: String, to: String, subject: String, body: String, messageID: UUID, date: Date)
        -> String
    {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID.uuidString.lowercased())@braid.localhost>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") ? "." + line : String(line)
        }
        return (headers + [""] + lines).joined(separator: "\r\n")
    }

    /// Reads SMTP replies: lines `250-…` continue, `250 …` ends the reply.
    struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
            self.iterator = iterator
        }

        mutating func next() async throws -> Int {
            while true {
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    guard line.count >= 3, let code = Int(line.prefix(3)) else {
                        throw Failure(description: "SMTP reply not understood")
                    }
                    if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return code }
                }
                guard var buffer = try await iterator.next() else {
                    throw Failure(description: "SMTP server closed the connection")
                }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }
    }
}

/// Runs `work`, or throws when it takes longer than `timeout`.
func withTimeout<T: Sendable>(_ timeout: TimeAmount, _ work: @escaping @Sendable () async throws -> T) async throws
    -> T
{
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
            throw SMTPMailer.Failure(description: "timed out")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
