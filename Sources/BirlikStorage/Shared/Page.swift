/// One page of a list, with what is needed to draw the pager.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var perPage: Int
    public var total: Int

    public init(items: [Item], page: Int, perPage: Int, total: Int) {
        self.items = items
        self.page = page
        self.perPage = perPage
        self.total = total
    }

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    /// The rows of page `page` (from 1) of `perPage` rows each, with both bounded first (pages 1 to
    /// 100,000 of 1 to 1,000 rows), so that no page number can make the offset overflow.
    public static func rows(page: Int, perPage: Int) -> Range<Int> {
        let size = min(max(perPage, 1), 1_000)
        let start = (min(max(page, 1), 100_000) - 1) * size
        return start..<(start + size)
    }
}
