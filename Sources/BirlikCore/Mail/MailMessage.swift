import Foundation

/// An e-mail Birlik sends: one recipient, a subject and a plain-text body, in the recipient's language.
/// `rendered` writes it as an RFC 5322 message: the subject in RFC 2047 encoded words (Kazakh letters
/// survive any mail server), the body as UTF-8 in base64.
public struct MailMessage: Sendable, Hashable, Codable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to; self.subject = subject; self.body = body
    }

    /// The message as sent after `DATA` (without the terminating dot), lines ending in CRLF.
    public func rendered(from: String, messageID: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 5 * 3600)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(MailMessage.encodedAddress(from))",
            "To: \(to)",
            "Subject: \(MailMessage.encodedWords(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// A header value in RFC 2047 `=?UTF-8?B?…?=` words of at most 75 characters, split between characters
    /// (never inside one); plain ASCII stays as it is.
    public static func encodedWords(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 32 }) else { return text }
        var words: [String] = [], current = ""
        for character in text {
            let candidate = current + String(character)
            // 12 characters of `=?UTF-8?B?` and `?=`; base64 grows 4/3.
            if (candidate.utf8.count + 2) / 3 * 4 + 12 > 75, !current.isEmpty {
                words.append(current); current = String(character)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Name <address>` with the name in encoded words when it is not ASCII.
    public static func encodedAddress(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return text }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? String(text[open...]) : encodedWords(name) + " " + text[open...]
    }

    /// `true` for an address Birlik may send to: one address, no line breaks or angle brackets.
    public static func isSendable(_ address: String) -> Bool {
        guard OrganizationDraft.looksLikeEmail(address), !address.contains(where: { "\r\n<>,;".contains($0) }) else { return false }
        // Names reserved for examples and tests never reach a mail server (RFC 2606, RFC 6761): the demo's people live there.
        let domain = address.split(separator: "@").last.map { $0.lowercased() } ?? ""
        return !reservedDomains.contains { domain == $0 || domain.hasSuffix("." + $0) }
    }

    static let reservedDomains = ["example", "invalid", "test", "localhost", "example.com", "example.net", "example.org"]
}
