import BirlikCore
import Foundation

/// The Open Archives Initiative Protocol for Metadata Harvesting, version 2.0, as the digital library
/// speaks it: a request's arguments checked with the protocol's own error codes, resumption tokens that
/// carry the whole position (no server state, so any instance can continue a harvest), and the responses
/// with unqualified Dublin Core (`oai_dc`).
public enum OAIPMH {
    public enum Verb: String, Sendable, CaseIterable {
        case identify = "Identify", listMetadataFormats = "ListMetadataFormats", listSets = "ListSets"
        case listIdentifiers = "ListIdentifiers", listRecords = "ListRecords", getRecord = "GetRecord"
    }

    /// The protocol's error conditions (§3.6).
    public enum ErrorCode: String, Sendable {
        case badArgument, badResumptionToken, badVerb, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch, noMetadataFormats, noSetHierarchy
    }

    public struct Failure: Error, Sendable, Hashable {
        public var code: ErrorCode
        public var message: String
        public init(_ code: ErrorCode, _ message: String) { self.code = code; self.message = message }
    }

    /// The only metadata format: unqualified Dublin Core.
    public static let dublinCore = "oai_dc"
    /// `oai:<repository>:<code>`.
    public static let repositoryIdentifier = "birlik.kz"

    public static func identifier(_ code: String) -> String { "oai:\(repositoryIdentifier):\(code)" }

    /// The item code an identifier names, `nil` when it is not one of this repository's.
    public static func code(of identifier: String) -> String? {
        let prefix = "oai:\(repositoryIdentifier):"
        guard identifier.hasPrefix(prefix) else { return nil }
        let code = String(identifier.dropFirst(prefix.count))
        return code.isEmpty ? nil : code
    }

    /// Where a list continues: everything a page needs, in the token itself.
    public struct Token: Codable, Sendable, Hashable {
        /// `ListRecords` or `ListIdentifiers`, so a token cannot be replayed against the other verb.
        public var verb: String
        public var set: String?
        /// Inclusive bounds, in seconds since 1970.
        public var from: Int64?
        public var until: Int64?
        /// The last record handed out: datestamp (seconds) and id.
        public var after: Int64
        public var afterID: UUID
        /// Records handed out before this page.
        public var cursor: Int
        /// The list's size when the harvest began (the protocol lets `completeListSize` be an estimate), so
        /// that later pages do not count the whole list again.
        public var total: Int

        public init(verb: String, set: String?, from: Int64?, until: Int64?, after: Int64, afterID: UUID, cursor: Int, total: Int) {
            self.verb = verb; self.set = set; self.from = from; self.until = until; self.after = after; self.afterID = afterID; self.cursor = cursor
            self.total = total
        }

        /// URL-safe base64 of the token's JSON.
        public var encoded: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = (try? encoder.encode(self)) ?? Data()
            return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }

        public static func decode(_ text: String) -> Token? {
            guard text.count <= 1000, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            guard let data = Data(base64Encoded: base64), let token = try? JSONDecoder().decode(Token.self, from: data), token.cursor >= 0, token.total >= token.cursor else { return nil }
            return token
        }
    }

    /// A checked request.
    public enum Request: Sendable, Hashable {
        case identify
        case listMetadataFormats(identifier: String?)
        case listSets
        /// `ListRecords` (`records` true) or `ListIdentifiers`, from its first page or a token.
        case list(records: Bool, token: Token?, set: String?, from: Date?, until: Date?)
        case getRecord(identifier: String)
    }

    /// Checks a request's arguments (query string or form, in order, repeats kept) by the protocol's rules.
    public static func parse(_ arguments: [(String, String)]) throws(Failure) -> Request {
        let verbs = arguments.filter { $0.0 == "verb" }
        guard verbs.count == 1, let verb = Verb(rawValue: verbs[0].1) else {
            throw Failure(.badVerb, verbs.count > 1 ? "The verb argument is repeated." : "The verb is missing or not an OAI-PMH verb.")
        }
        var values: [String: String] = [:]
        for (name, value) in arguments where name != "verb" {
            guard values[name] == nil else { throw Failure(.badArgument, "The argument \(name) is repeated.") }
            values[name] = value
        }
        func allow(_ required: Set<String>, _ optional: Set<String>) throws(Failure) {
            if let unknown = values.keys.sorted().first(where: { !required.contains($0) && !optional.contains($0) }) {
                throw Failure(.badArgument, "\(verb.rawValue) does not take the argument \(unknown).")
            }
            if let missing = required.sorted().first(where: { values[$0] == nil }) {
                throw Failure(.badArgument, "\(verb.rawValue) needs the argument \(missing).")
            }
        }
        switch verb {
        case .identify:
            try allow([], [])
            return .identify
        case .listMetadataFormats:
            try allow([], ["identifier"])
            return .listMetadataFormats(identifier: values["identifier"])
        case .listSets:
            if values["resumptionToken"] != nil {
                try allow(["resumptionToken"], [])
                throw Failure(.badResumptionToken, "The list of sets is complete in one response; no token continues it.")
            }
            try allow([], [])
            return .listSets
        case .getRecord:
            try allow(["identifier", "metadataPrefix"], [])
            guard values["metadataPrefix"] == dublinCore else { throw Failure(.cannotDisseminateFormat, "Only oai_dc is disseminated.") }
            return .getRecord(identifier: values["identifier"] ?? "")
        case .listIdentifiers, .listRecords:
            if let text = values["resumptionToken"] {
                guard values.count == 1 else { throw Failure(.badArgument, "resumptionToken is an exclusive argument.") }
                guard let token = Token.decode(text), token.verb == verb.rawValue else {
                    throw Failure(.badResumptionToken, "The resumption token is not one this repository issued for \(verb.rawValue).")
                }
                return .list(records: verb == .listRecords, token: token, set: token.set, from: token.from.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                             until: token.until.map { Date(timeIntervalSince1970: TimeInterval($0)) })
            }
            try allow(["metadataPrefix"], ["from", "until", "set"])
            guard values["metadataPrefix"] == dublinCore else { throw Failure(.cannotDisseminateFormat, "Only oai_dc is disseminated.") }
            let from = try values["from"].map { text throws(Failure) in try datestamp(text, end: false) }
            let until = try values["until"].map { text throws(Failure) in try datestamp(text, end: true) }
            if let from, let until {
                guard from.granularity == until.granularity else { throw Failure(.badArgument, "from and until have different granularities.") }
                guard from.date <= until.date else { throw Failure(.badArgument, "from is later than until.") }
            }
            return .list(records: verb == .listRecords, token: nil, set: values["set"], from: from?.date, until: until?.date)
        }
    }

    /// A UTC datestamp of either granularity; a day as `until` means its last second.
    static func datestamp(_ text: String, end: Bool) throws(Failure) -> (date: Date, granularity: Int) {
        let bad = Failure(.badArgument, "\(text) is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")
        let formatter = ISO8601DateFormatter()
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            guard let day = formatter.date(from: text), format(day).hasPrefix(text) else { throw bad }
            return (end ? day.addingTimeInterval(86_399) : day, 10)
        }
        guard text.count == 20, text.hasSuffix("Z"), let moment = formatter.date(from: text), format(moment) == text else { throw bad }
        return (moment, 20)
    }

    /// `2026-11-30T06:00:00Z`: written directly from the UTC calendar fields, since a list writes one per
    /// record and a date formatter costs more to make than the whole header.
    public static func format(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&time, &fields)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(fields.tm_year + 1900, 4) + "-" + pad(fields.tm_mon + 1, 2) + "-" + pad(fields.tm_mday, 2) + "T" + pad(fields.tm_hour, 2) + ":"
            + pad(fields.tm_min, 2) + ":" + pad(fields.tm_sec, 2) + "Z"
    }

    /// A record as harvested: its header, and its metadata unless it was deleted (withdrawn).
    public struct Record: Sendable, Hashable {
        public var identifier: String
        public var datestamp: Date
        public var sets: [String]
        /// The `oai_dc:dc` element (`DublinCore`), `nil` for a deleted record.
        public var metadata: String?
        public var isDeleted: Bool { metadata == nil }

        public init(identifier: String, datestamp: Date, sets: [String], metadata: String?) {
            self.identifier = identifier; self.datestamp = datestamp; self.sets = sets; self.metadata = metadata
        }

        func header(_ indent: String) -> String {
            let x = OOXMLPackage.escape
            return ([indent + (isDeleted ? "<header status=\"deleted\">" : "<header>"), indent + "  <identifier>\(x(identifier))</identifier>",
                     indent + "  <datestamp>\(format(datestamp))</datestamp>"] + sets.map { indent + "  <setSpec>\(x($0))</setSpec>" } + [indent + "</header>"])
                .joined(separator: "\n")
        }

        func xml(_ indent: String) -> String {
            var lines = [indent + "<record>", header(indent + "  ")]
            if let metadata { lines += [indent + "  <metadata>", metadata, indent + "  </metadata>"] }
            lines.append(indent + "</record>")
            return lines.joined(separator: "\n")
        }
    }

    /// What the repository says about itself in `Identify`.
    public struct Repository: Sendable, Hashable {
        public var name: String
        public var baseURL: String
        public var adminEmail: String
        public var earliestDatestamp: Date
        public init(name: String, baseURL: String, adminEmail: String, earliestDatestamp: Date) {
            self.name = name; self.baseURL = baseURL; self.adminEmail = adminEmail; self.earliestDatestamp = earliestDatestamp
        }
    }

    /// The continuation of an incomplete list: a token for the next page, or none on the last one.
    public struct Continuation: Sendable, Hashable {
        public var token: String?
        public var completeListSize: Int
        public var cursor: Int
        public init(token: String?, completeListSize: Int, cursor: Int) { self.token = token; self.completeListSize = completeListSize; self.cursor = cursor }
    }

    /// What a response carries.
    public enum Body: Sendable {
        case identify(Repository)
        case metadataFormats
        case sets([(spec: String, name: String)])
        case list(records: Bool, [Record], Continuation?)
        case record(Record)
        case error(Failure)
    }

    /// The whole response document. `arguments` are echoed in `<request>` unless the request was not
    /// understood (badVerb, badArgument), as §3.2 asks.
    public static func response(baseURL: String, arguments: [(String, String)], responseDate: Date, body: Body) -> String {
        let x = OOXMLPackage.escape
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                         + "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">",
                     "  <responseDate>\(format(responseDate))</responseDate>"]
        var echoed = arguments
        if case let .error(failure) = body, failure.code == .badVerb || failure.code == .badArgument { echoed = [] }
        let attributes = echoed.map { " \(x($0.0))=\"\(x($0.1))\"" }.joined()
        lines.append("  <request\(attributes)>\(x(baseURL))</request>")
        switch body {
        case let .error(failure):
            lines.append("  <error code=\"\(failure.code.rawValue)\">\(x(failure.message))</error>")
        case let .identify(repository):
            lines += ["  <Identify>", "    <repositoryName>\(x(repository.name))</repositoryName>", "    <baseURL>\(x(repository.baseURL))</baseURL>",
                      "    <protocolVersion>2.0</protocolVersion>", "    <adminEmail>\(x(repository.adminEmail))</adminEmail>",
                      "    <earliestDatestamp>\(format(repository.earliestDatestamp))</earliestDatestamp>", "    <deletedRecord>persistent</deletedRecord>",
                      "    <granularity>YYYY-MM-DDThh:mm:ssZ</granularity>", "    <description>",
                      "      <oai-identifier xmlns=\"http://www.openarchives.org/OAI/2.0/oai-identifier\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                          + "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd\">",
                      "        <scheme>oai</scheme>", "        <repositoryIdentifier>\(repositoryIdentifier)</repositoryIdentifier>",
                      "        <delimiter>:</delimiter>", "        <sampleIdentifier>\(identifier("LIB-2026-0001"))</sampleIdentifier>",
                      "      </oai-identifier>", "    </description>", "  </Identify>"]
        case .metadataFormats:
            lines += ["  <ListMetadataFormats>", "    <metadataFormat>", "      <metadataPrefix>oai_dc</metadataPrefix>",
                      "      <schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>",
                      "      <metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace>", "    </metadataFormat>", "  </ListMetadataFormats>"]
        case let .sets(sets):
            lines.append("  <ListSets>")
            for set in sets { lines += ["    <set>", "      <setSpec>\(x(set.spec))</setSpec>", "      <setName>\(x(set.name))</setName>", "    </set>"] }
            lines.append("  </ListSets>")
        case let .record(record):
            lines += ["  <GetRecord>", record.xml("    "), "  </GetRecord>"]
        case let .list(records, list, continuation):
            let element = records ? "ListRecords" : "ListIdentifiers"
            lines.append("  <\(element)>")
            for record in list { lines.append(records ? record.xml("    ") : record.header("    ")) }
            if let continuation {
                let attributes = "completeListSize=\"\(continuation.completeListSize)\" cursor=\"\(continuation.cursor)\""
                lines.append(continuation.token.map { "    <resumptionToken \(attributes)>\(x($0))</resumptionToken>" } ?? "    <resumptionToken \(attributes)/>")
            }
            lines.append("  </\(element)>")
        }
        lines.append("</OAI-PMH>")
        return lines.joined(separator: "\n") + "\n"
    }
}
