import Foundation

/// A Word document written as well-formed WordprocessingML: a title, headings, paragraphs, bulleted
/// items and tables with a header row, in Times New Roman as official documents are set, with the
/// document's language declared. Opens in Word, LibreOffice and python-docx.
public struct DOCXWriter: Sendable {
    /// A block of the document.
    public enum Block: Sendable {
        case title(String)
        case heading(String, level: Int)
        case paragraph(String)
        case emphasis(String)
        case bullet(String)
        /// A table: header cells, rows, and relative column widths.
        case table(header: [String], rows: [[String]], widths: [Int])
        case pageBreak
    }

    public var blocks: [Block] = []
    public var title: String
    /// BCP 47 tag of the text (`kk-KZ`, `ru-RU`, `en-GB`).
    public var language: String
    public var creator: String

    public init(title: String, language: String, creator: String = "Birlik") {
        self.title = title
        self.language = language
        self.creator = creator
    }

    public mutating func append(_ block: Block) { blocks.append(block) }

    /// The `.docx` file; `created` is written in its properties.
    public func data(created: Date) throws -> Data {
        let stamp = ISO8601DateFormatter().string(from: created)
        return try OOXMLPackage.zip([
            ("[Content_Types].xml", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
                <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
                </Types>
                """.utf8)),
            ("_rels/.rels", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
                </Relationships>
                """.utf8)),
            ("docProps/core.xml", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
                xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\(OOXMLPackage.escape(title))</dc:title>\
                <dc:creator>\(OOXMLPackage.escape(creator))</dc:creator><dc:language>\(language)</dc:language>\
                <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created></cp:coreProperties>
                """.utf8)),
            ("word/_rels/document.xml.rels", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """.utf8)),
            ("word/styles.xml", Data(styles.utf8)),
            ("word/document.xml", Data(document.utf8)),
        ])
    }

    var styles: String {
        func heading(_ id: String, _ name: String, size: Int, level: Int) -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
                + "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"\(level)\"/></w:pPr>"
                + "<w:rPr><w:b/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>\
            <w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="\(language)"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>\
            \(heading("Heading1", "heading 1", size: 30, level: 0))\(heading("Heading2", "heading 2", size: 28, level: 1))\(heading("Heading3", "heading 3", size: 26, level: 2))\
            <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>\
            <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
            <w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
            <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
            <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
            </w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
            </w:styles>
            """
    }

    static func run(_ text: String, bold: Bool = false, italic: Bool = false, size: Int? = nil) -> String {
        var properties = ""
        if bold { properties += "<w:b/>" }
        if italic { properties += "<w:i/>" }
        if let size { properties += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
        let lines = text.components(separatedBy: "\n").map { "<w:t xml:space=\"preserve\">\(OOXMLPackage.escape($0))</w:t>" }
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + lines.joined(separator: "<w:br/>") + "</w:r>"
    }

    static func paragraph(_ text: String, style: String? = nil, bold: Bool = false, italic: Bool = false, size: Int? = nil) -> String {
        "<w:p>" + (style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? "") + run(text, bold: bold, italic: italic, size: size) + "</w:p>"
    }

    var document: String {
        var body = ""
        let usable = 9638 // A4 width minus 2 cm margins, in twentieths of a point
        for block in blocks {
            switch block {
            case let .title(text): body += Self.paragraph(text, style: "Title")
            case let .heading(text, level): body += Self.paragraph(text, style: "Heading\(min(max(level, 1), 3))")
            case let .paragraph(text): body += Self.paragraph(text)
            case let .emphasis(text): body += Self.paragraph(text, italic: true)
            case let .bullet(text): body += Self.paragraph("• " + text, style: "ListBullet")
            case .pageBreak: body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            case let .table(header, rows, widths):
                let total = max(widths.reduce(0, +), 1)
                let columns = header.indices.map { index in index < widths.count ? widths[index] * usable / total : usable / max(header.count, 1) }
                body += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(usable)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
                body += "<w:tblGrid>" + columns.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
                func row(_ cells: [String], header: Bool) -> String {
                    "<w:tr>" + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "") + columns.indices.map { index in
                        let text = index < cells.count ? cells[index] : ""
                        return "<w:tc><w:tcPr><w:tcW w:w=\"\(columns[index])\" w:type=\"dxa\"/>" + (header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8F1F8\"/>" : "")
                            + "</w:tcPr>" + Self.paragraph(text, bold: header, size: 22) + "</w:tc>"
                    }.joined() + "</w:tr>"
                }
                body += row(header, header: true) + rows.map { row($0, header: false) }.joined() + "</w:tbl>" + Self.paragraph("")
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)\
            <w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>\
            </w:body></w:document>
            """
    }
}
