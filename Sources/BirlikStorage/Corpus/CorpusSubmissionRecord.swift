import BirlikCore
import FluentKit
import Foundation

/// A row of `corpus_submissions`.
public final class CorpusSubmissionRecord: Model, @unchecked Sendable {
    public static let schema = "corpus_submissions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "author") public var author: String
    @OptionalField(key: "year") public var year: Int?
    @Field(key: "genre") public var genre: String
    @Field(key: "source") public var source: String
    @Field(key: "licence") public var licence: String
    @Field(key: "sha256") public var sha256: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "tokens") public var tokens: Int
    @Field(key: "status") public var status: String
    @Field(key: "submitted_by") public var submittedBy: String
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @Field(key: "region") public var region: String
    @Field(key: "review_note") public var reviewNote: String
    @OptionalField(key: "document_id") public var documentID: String?
    @Field(key: "submitted_at") public var submittedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ submission: CorpusSubmission) {
        id = submission.id
        apply(submission)
    }

    func apply(_ submission: CorpusSubmission) {
        title = submission.title
        author = submission.author
        year = submission.year
        genre = submission.genre
        source = submission.source
        licence = submission.licence
        sha256 = submission.sha256
        fileName = submission.fileName
        tokens = submission.tokens
        status = submission.status.rawValue
        submittedBy = submission.submittedBy
        organizationID = submission.organizationID
        region = submission.regionCode
        reviewNote = submission.reviewNote
        documentID = submission.documentID
        submittedAt = submission.submittedAt
        version = submission.version
    }

    var submission: CorpusSubmission {
        CorpusSubmission(id: id ?? UUID(), title: title, author: author, year: year, genre: genre, source: source, licence: licence,
                         sha256: sha256, fileName: fileName, tokens: tokens, status: CorpusSubmission.Status(rawValue: status) ?? .submitted,
                         submittedBy: submittedBy, organizationID: organizationID, regionCode: region, reviewNote: reviewNote,
                         documentID: documentID, submittedAt: submittedAt, version: version)
    }
}
