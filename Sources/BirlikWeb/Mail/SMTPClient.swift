import BirlikCore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how Birlik sends e-mail: `BIRLIK_SMTP_URL` (`smtp://user:password@host:587`, or `smtps://`
/// for TLS from the first byte) and `BIRLIK_SMTP_FROM`. On `smtp://` the connection is upgraded with
/// STARTTLS whenever the server offers it (`?starttls=required` refuses a server that does not); the
/// password is sent (AUTH PLAIN) only over TLS. The server's certificate is checked against the system's
/// roots, or against `BIRLIK_SMTP_CA_FILE` (PEM) for a server with a certificate of its own authority.
public struct SMTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?
    public var implicitTLS: Bool
    public var requireTLS: Bool
    public var from: String
    /// A PEM file of the authorities to trust instead of the system's.
    public var trustRoots: String?

    /// `nil` when `url` is not an `smtp://` or `smtps://` URL with a host.
    public init?(url: String, from: String, trustRoots: String? = nil) {
        guard let components = URLComponents(string: url), let scheme = components.scheme, ["smtp", "smtps"].contains(scheme),
              let host = components.host, !host.isEmpty else { return nil }
        self.host = host
        implicitTLS = scheme == "smtps"
        port = components.port ?? (implicitTLS ? 465 : 587)
        user = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        requireTLS = implicitTLS || components.queryItems?.contains { $0.name == "starttls" && $0.value == "required" } == true
        self.from = from
        self.trustRoots = trustRoots
    }

    /// The TLS client configuration: certificate and host name verified, against `trustRoots` when given.
    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustRoots { configuration.trustRoots = .file(trustRoots) }
        return try NIOSSLContext(configuration: configuration)
    }
}

/// A refusal or a broken conversation, with the server's words.
public struct SMTPError: Error, CustomStringConvertible {
    public var description: String
}

/// A small SMTP client on SwiftNIO: one connection per batch, EHLO, STARTTLS, AUTH PLAIN, then
/// MAIL/RCPT/DATA per message (RFC 5321), dot-stuffed.
public struct SMTPClient: Sendable {
    public var settings: SMTPSettings
    public var group: any EventLoopGroup

    public init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.group = group
    }

    /// Sends each message; the result per message is `nil` when the server took it, else the error.
    public func send(_ messages: [(id: String, message: MailMessage)], now: Date) async throws -> [String: String] {
        let settings = self.settings
        let replies = SMTPReplies()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                do {
                    if settings.implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: settings.tlsContext(), serverHostname: settings.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(replies))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        defer { channel.close(promise: nil) }
        let conversation = SMTPConversation(channel: channel, replies: replies)
        try await conversation.expect(220, after: nil)
        var capabilities = try await conversation.expect(250, after: "EHLO birlik")
        var secure = settings.implicitTLS
        if !secure, capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            try await conversation.expect(220, after: "STARTTLS")
            let handler = try NIOSSLClientHandler(context: settings.tlsContext(), serverHostname: settings.host)
            try await channel.pipeline.addHandler(handler, position: .first).get()
            capabilities = try await conversation.expect(250, after: "EHLO birlik")
            secure = true
        }
        if settings.requireTLS, !secure { throw SMTPError(description: "the server offers no STARTTLS") }
        if let user = settings.user {
            guard secure else { throw SMTPError(description: "refusing to send the password without TLS") }
            let credentials = Data("\0\(user)\0\(settings.password ?? "")".utf8).base64EncodedString()
            try await conversation.expect(235, after: "AUTH PLAIN \(credentials)")
        }
        _ = capabilities
        var outcome: [String: String] = [:]
        for (id, message) in messages {
            do {
                try await conversation.expect(250, after: "MAIL FROM:<\(Self.address(settings.from))>")
                try await conversation.expect([250, 251], after: "RCPT TO:<\(message.to)>")
                try await conversation.expect(354, after: "DATA")
                let text = message.rendered(from: settings.from, messageID: "\(id)@birlik", date: now)
                let stuffed = text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
                try await conversation.expect(250, after: stuffed + ".")
            } catch let error as SMTPError {
                outcome[id] = error.description
                _ = try? await conversation.expect(250, after: "RSET")
            }
        }
        _ = try? await conversation.expect(221, after: "QUIT")
        return outcome
    }

    /// The address inside `Name <address>`, or the whole text.
    static func address(_ from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from }
        return String(from[from.index(after: open)..<close])
    }
}

/// One SMTP reply: its code and its lines (the text after the code).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// Replies as they arrive, and the conversation's waiters for them.
final class SMTPReplies: Sendable {
    private let state = NIOLockedValueBox<(ready: [Result<SMTPReply, any Error>], waiting: [CheckedContinuation<SMTPReply, any Error>])>(([], []))

    func deliver(_ result: Result<SMTPReply, any Error>) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<SMTPReply, any Error>? in
            if state.waiting.isEmpty { state.ready.append(result); return nil }
            return state.waiting.removeFirst()
        }
        waiter?.resume(with: result)
    }

    func next() async throws -> SMTPReply {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLockedValue { state -> Result<SMTPReply, any Error>? in
                if !state.ready.isEmpty { return state.ready.removeFirst() }
                state.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// Splits the server's bytes into replies (`250-…` lines continue, `250 …` ends one).
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private let replies: SMTPReplies
    private var pending = ""
    private var lines: [String] = []

    init(_ replies: SMTPReplies) { self.replies = replies }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            let code = Int(line.prefix(3)) ?? 0
            lines.append(String(line.dropFirst(4)))
            if line.count <= 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                replies.deliver(.success(SMTPReply(code: code, lines: lines)))
                lines = []
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        replies.deliver(.failure(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        replies.deliver(.failure(SMTPError(description: "the server closed the connection")))
        context.fireChannelInactive()
    }
}

/// Sends a command and waits for its reply.
struct SMTPConversation: Sendable {
    var channel: any Channel
    var replies: SMTPReplies

    @discardableResult
    func expect(_ code: Int, after command: String?) async throws -> [String] {
        try await expect([code], after: command)
    }

    @discardableResult
    func expect(_ codes: [Int], after command: String?) async throws -> [String] {
        if let command {
            try await channel.writeAndFlush(ByteBuffer(string: command + "\r\n")).get()
        }
        let reply = try await withThrowingTaskGroup(of: SMTPReply.self) { group in
            group.addTask { try await replies.next() }
            group.addTask {
                try await Task.sleep(nanoseconds: 30_000_000_000)
                // Closing wakes the reader with an error, so the group can end.
                channel.close(promise: nil)
                throw SMTPError(description: "no answer within 30 s")
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
        guard codes.contains(reply.code) else {
            let verb = command.map { String($0.prefix(while: { $0 != " " && $0 != ":" })) } ?? "greeting"
            throw SMTPError(description: "\(verb): \(reply.code) \(reply.lines.joined(separator: " "))")
        }
        return reply.lines
    }
}
