import BirlikCore
import FluentKit
import Foundation

/// A row of `library_items`: the item as JSON, with the columns the catalogue, the search and the OAI-PMH
/// harvest filter and page on (`datestamp`, then `id`, so a harvest pages stably while items change).
public final class LibraryItemRecord: Model, @unchecked Sendable {
    public static let schema = "library_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "collection") public var collection: String
    @Field(key: "status") public var status: String
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "datestamp") public var datestamp: Date
    /// The titles, creators, subjects, description and publisher, folded like the registry's search.
    @Field(key: "search_text") public var searchText: String
    /// The text read from the file, folded the same way ("" for a file without text).
    @Field(key: "file_text") public var fileText: String
    /// The published item's `oai_dc:dc` element (`DublinCore.storedXML`); empty otherwise.
    @Field(key: "dublin_core") public var dublinCore: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: LibraryItem, fileText: String) { id = value.id; apply(value, fileText: fileText) }

    /// Sets the row from `value`; the file's text only when given (a new file), otherwise it stays.
    func apply(_ value: LibraryItem, fileText: String?) {
        code = value.code; collection = value.collection; status = value.status.rawValue; organizationID = value.organizationID; region = value.region
        isPublic = value.status == .published; datestamp = value.updatedAt; content = JSONColumn.encode(value); version = value.version
        dublinCore = value.status == .published ? DublinCore(value).storedXML : ""
        let metadata = value.titles.values.sorted() + value.creators + value.subjects + [value.description, value.publisher]
        searchText = " " + SearchFolding.fold(metadata.joined(separator: " ")) + " "
        if let fileText { self.fileText = " " + SearchFolding.fold(fileText) + " " }
    }

    public var value: LibraryItem? { JSONColumn.decode(LibraryItem?.self, content, default: nil) }
}

extension LibraryItemRecord: ScopedModel {
    public static let resource = Resource.libraryItem
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organization_id", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}
