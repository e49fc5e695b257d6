import Foundation

/// An item of the APK's digital library and depository (S16; seeds 000 §6.3, 001 §4.2): a document,
/// image or data set deposited by a registry organisation, described in Dublin Core, its file stored by
/// content hash. A draft is seen by its depositor and curators only; a published item is public and
/// harvested over OAI-PMH; a withdrawn one stays known to harvesters as deleted, never erased.
public struct LibraryItem: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, published, withdrawn
        public var l10nKey: L10nKey { L10nKey(rawValue: "library.status.\(rawValue)")! }
    }

    /// The DCMI Type Vocabulary terms an item may have (`dc:type`).
    public enum DCMIType: String, Sendable, Hashable, Codable, CaseIterable {
        case text = "Text", stillImage = "StillImage", dataset = "Dataset", sound = "Sound", movingImage = "MovingImage"
        public var l10nKey: L10nKey { L10nKey(rawValue: "library.type.\(rawValue.lowercased())")! }
    }

    public var id: UUID
    /// `LIB-2026-0001`: the local part of the item's OAI identifier and its address.
    public var code: String
    /// A collection of `LibraryCollection.all` (an OAI set).
    public var collection: String
    /// The depositing organisation and the place it describes or comes from.
    public var organizationID: UUID
    public var region: String
    /// `dc:title` per language; the item's own language always among them.
    public var titles: [Language: String]
    public var creators: [String]
    public var subjects: [String]
    public var description: String
    public var publisher: String
    /// `dc:date` in W3CDTF (`2015`, `2015-12`, `2015-12-28`), or empty when unknown.
    public var date: String
    public var type: DCMIType
    /// The language of the content (`dc:language`).
    public var language: Language
    /// `dc:rights`: the licence or terms of use.
    public var rights: String
    /// `dc:source`: where the original is (a publication, an archive, a URL); may be empty.
    public var source: String
    /// The deposited file, when there is one.
    public var file: Attachment?
    public var status: Status
    public var withdrawalReason: String?
    public var createdAt: Date
    /// The OAI-PMH datestamp: when the item last changed for a harvester (deposit, edit, publication, withdrawal).
    public var updatedAt: Date
    public var depositedBy: String
    public var version: Int

    public init(id: UUID = UUID(), code: String, collection: String, organizationID: UUID, region: String, titles: [Language: String], creators: [String],
                subjects: [String], description: String, publisher: String, date: String, type: DCMIType, language: Language, rights: String,
                source: String, file: Attachment?, status: Status = .draft, createdAt: Date, depositedBy: String, version: Int = 1) {
        self.id = id; self.code = code; self.collection = collection; self.organizationID = organizationID; self.region = region; self.titles = titles
        self.creators = creators; self.subjects = subjects; self.description = description; self.publisher = publisher; self.date = date; self.type = type
        self.language = language; self.rights = rights; self.source = source; self.file = file; self.status = status; self.createdAt = createdAt
        self.updatedAt = createdAt; self.depositedBy = depositedBy; self.version = version
    }

    /// The depositor's and its region's; public once published.
    public var scope: Scope { Scope(organizationID: organizationID, regionCode: region, isPublic: status == .published) }

    /// The title in `language`, else in the item's own language.
    public func title(in language: Language) -> String {
        titles[language] ?? titles[self.language] ?? titles.values.sorted().first ?? code
    }

    /// The titles in a fixed order, the item's own language first.
    public var orderedTitles: [(Language, String)] {
        ([language] + Language.allCases.filter { $0 != language }).compactMap { lang in titles[lang].map { (lang, $0) } }
    }

    /// The media type of a deposited file: what a report may carry (PDF, DOCX, XLSX, PNG, JPEG, typed from
    /// its bytes) and, for the library's texts, UTF-8 plain text named `.txt`.
    public static func mediaType(of data: Data, fileName: String) throws -> String {
        do { return try Attachment.kind(of: data, fileName: fileName).mediaType } catch let DomainError.invalid(errors)
            where errors.map(\.key) == [.attachmentType] && fileName.lowercased().hasSuffix(".txt") {
            guard !data.contains(0), String(data: data, encoding: .utf8) != nil else { throw DomainError.invalid(errors) }
            return "text/plain; charset=utf-8"
        }
    }

    /// `true` for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real day no later than `today`.
    public static func isDate(_ text: String, notAfter today: Day) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let year = Int(parts[0]), year >= 1000 else { return false }
        let month = parts.count > 1 ? Int(parts[1]) : 1, day = parts.count > 2 ? Int(parts[2]) : 1
        guard let month, let day, (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day) else { return false }
        let first = Day(year: year, month: month, day: day)
        return first <= today
    }
}

/// A collection of the library: an OAI-PMH set.
public struct LibraryCollection: Sendable, Hashable {
    /// The set's `setSpec`.
    public var code: String
    public var l10nKey: L10nKey { L10nKey(rawValue: "library.collection.\(code)")! }

    /// The collections of the depository.
    public static let all: [LibraryCollection] = ["normative", "apk", "ethnoculture", "language", "media"].map { LibraryCollection(code: $0) }

    public static func find(_ code: String) -> LibraryCollection? { all.first { $0.code == code } }
}

/// What a depositor types; `validated` names every problem at once.
public struct LibraryItemDraft: Sendable, Hashable {
    public var collection = ""
    public var titles: [Language: String] = [:]
    public var creators = ""
    public var subjects = ""
    public var description = ""
    public var publisher = ""
    public var date = ""
    public var type = ""
    public var language = ""
    public var rights = ""
    public var source = ""
    public var region = ""

    public init(collection: String = "", titles: [Language: String] = [:], creators: String = "", subjects: String = "", description: String = "",
                publisher: String = "", date: String = "", type: String = "", language: String = "", rights: String = "", source: String = "", region: String = "") {
        self.collection = collection; self.titles = titles; self.creators = creators; self.subjects = subjects; self.description = description
        self.publisher = publisher; self.date = date; self.type = type; self.language = language; self.rights = rights; self.source = source; self.region = region
    }

    /// The draft of an item, to edit it.
    public init(_ item: LibraryItem) {
        self.init(collection: item.collection, titles: item.titles, creators: item.creators.joined(separator: "\n"), subjects: item.subjects.joined(separator: "\n"),
                  description: item.description, publisher: item.publisher, date: item.date, type: item.type.rawValue, language: item.language.rawValue,
                  rights: item.rights, source: item.source, region: item.region)
    }

    /// The checked values: titles trimmed (empty ones dropped), creators and subjects one per line.
    public struct Valid: Sendable, Hashable {
        public var collection: String, titles: [Language: String], creators: [String], subjects: [String], description: String, publisher: String
        public var date: String, type: LibraryItem.DCMIType, language: Language, rights: String, source: String, region: String
    }

    public func validated(today: Day) throws -> Valid {
        var errors: [FieldError] = []
        func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        func lines(_ field: String, _ text: String, max: Int) -> [String] {
            let values = text.split(whereSeparator: \.isNewline).map { trimmed(String($0)) }.filter { !$0.isEmpty }
            if values.count > max { errors.append(FieldError(field, .libraryTooManyLines, ["max": String(max)])) }
            if values.contains(where: { $0.count > 200 }) { errors.append(FieldError(field, .fieldTooLong, ["max": "200"])) }
            return values
        }
        if LibraryCollection.find(collection) == nil { errors.append(FieldError("collection", .fieldChooseValue)) }
        let language = Language(rawValue: self.language)
        if language == nil { errors.append(FieldError("language", .fieldChooseValue)) }
        let type = LibraryItem.DCMIType(rawValue: self.type)
        if type == nil { errors.append(FieldError("type", .fieldChooseValue)) }
        var titles: [Language: String] = [:]
        for (lang, text) in self.titles where !trimmed(text).isEmpty {
            if trimmed(text).count > 300 { errors.append(FieldError("title_\(lang.rawValue)", .fieldTooLong, ["max": "300"])) }
            titles[lang] = trimmed(text)
        }
        if let language, titles[language] == nil { errors.append(FieldError("title_\(language.rawValue)", .libraryTitleInLanguage)) }
        let creators = lines("creators", creators, max: 20), subjects = lines("subjects", subjects, max: 30)
        let description = trimmed(self.description)
        if description.count > 4000 { errors.append(FieldError("description", .fieldTooLong, ["max": "4000"])) }
        let publisher = trimmed(self.publisher)
        if publisher.count > 300 { errors.append(FieldError("publisher", .fieldTooLong, ["max": "300"])) }
        let date = trimmed(self.date)
        if !date.isEmpty, !LibraryItem.isDate(date, notAfter: today) { errors.append(FieldError("date", .libraryDate)) }
        let rights = trimmed(self.rights)
        if rights.isEmpty { errors.append(FieldError("rights", .fieldRequired)) } else if rights.count > 300 { errors.append(FieldError("rights", .fieldTooLong, ["max": "300"])) }
        let source = trimmed(self.source)
        if source.count > 500 { errors.append(FieldError("source", .fieldTooLong, ["max": "500"])) }
        let region = trimmed(self.region)
        if !ReferenceData.regions.contains(where: { $0.code == region }) { errors.append(FieldError("region", .fieldChooseValue)) }
        guard errors.isEmpty, let language, let type else { throw DomainError.invalid(errors) }
        return Valid(collection: collection, titles: titles, creators: creators, subjects: subjects, description: description, publisher: publisher,
                     date: date, type: type, language: language, rights: rights, source: source, region: region)
    }
}
