import Foundation

/// A text offered to the national corpus (S12) by a contributor (an association, a university, a council),
/// with its metadata and licence; an editor of the Secretariat accepts it into the corpus or rejects it.
public struct CorpusSubmission: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case submitted, accepted, rejected

        public var l10nKey: L10nKey {
            switch self {
            case .submitted: .corpusStatusSubmitted
            case .accepted: .corpusStatusAccepted
            case .rejected: .corpusStatusRejected
            }
        }
    }

    /// Licences a text may be given under; the corpus is open, so each must allow republication.
    public static let licences = ["CC BY 4.0", "CC BY-SA 4.0", "CC0 1.0", "public-domain", "permission"]
    public static let genres = ["fiction", "news", "science", "official", "education", "folklore", "other"]

    public var id: UUID
    public var title: String
    public var author: String
    public var year: Int?
    public var genre: String
    public var source: String
    public var licence: String
    /// The uploaded file, content-addressed.
    public var sha256: String
    public var fileName: String
    public var tokens: Int
    public var status: Status
    public var submittedBy: String
    public var organizationID: UUID?
    public var regionCode: String
    public var reviewNote: String
    /// The document id in the corpus index, once accepted.
    public var documentID: String?
    public var submittedAt: Date
    public var version: Int

    public var scope: Scope { Scope(organizationID: organizationID, regionCode: regionCode, isPublic: false) }

    /// The corpus document's metadata.
    public var metadata: [String: String] {
        var metadata = ["title": title, "genre": genre, "licence": licence, "source": source.isEmpty ? fileName : source]
        if !author.isEmpty { metadata["author"] = author }
        if let year { metadata["year"] = String(year) }
        return metadata
    }

    public init(id: UUID, title: String, author: String, year: Int?, genre: String, source: String, licence: String, sha256: String,
                fileName: String, tokens: Int, status: Status, submittedBy: String, organizationID: UUID?, regionCode: String,
                reviewNote: String = "", documentID: String? = nil, submittedAt: Date, version: Int = 1) {
        self.id = id; self.title = title; self.author = author; self.year = year; self.genre = genre; self.source = source
        self.licence = licence; self.sha256 = sha256; self.fileName = fileName; self.tokens = tokens; self.status = status
        self.submittedBy = submittedBy; self.organizationID = organizationID; self.regionCode = regionCode
        self.reviewNote = reviewNote; self.documentID = documentID; self.submittedAt = submittedAt; self.version = version
    }
}

/// What a contributor types in the submission form, kept as typed.
public struct CorpusSubmissionDraft: Sendable, Hashable, Codable {
    public var title = ""
    public var author = ""
    public var year = ""
    public var genre = "other"
    public var source = ""
    public var licence = ""

    public init(title: String = "", author: String = "", year: String = "", genre: String = "other", source: String = "", licence: String = "") {
        self.title = title; self.author = author; self.year = year; self.genre = genre; self.source = source; self.licence = licence
    }

    /// The checked metadata, or every problem by field.
    public func validated(today: Day) throws(DomainError) -> (title: String, author: String, year: Int?, genre: String, source: String, licence: String) {
        var problems: [FieldError] = []
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 300 { problems.append(FieldError("title", .corpusErrorTitle)) }
        var year: Int?
        let yearText = self.year.trimmingCharacters(in: .whitespaces)
        if !yearText.isEmpty {
            if let value = Int(yearText), (800...today.year).contains(value) { year = value } else {
                problems.append(FieldError("year", .corpusErrorYear, ["max": String(today.year)]))
            }
        }
        if !CorpusSubmission.genres.contains(genre) { problems.append(FieldError("genre", .corpusErrorGenre)) }
        if !CorpusSubmission.licences.contains(licence) { problems.append(FieldError("licence", .corpusErrorLicence)) }
        guard problems.isEmpty else { throw .invalid(problems) }
        return (title, author.trimmingCharacters(in: .whitespacesAndNewlines), year, genre, source.trimmingCharacters(in: .whitespacesAndNewlines), licence)
    }
}
