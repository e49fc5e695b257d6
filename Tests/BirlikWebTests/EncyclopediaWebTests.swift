import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// The "Kazakhstan Encyclopedia" (S16): a draft never reaches a reader, the page, the API or the search
/// until approved; revisions chain by hash and cannot be written from a stale parent; and the search finds
/// an article by an inflected Kazakh form in either alphabet through the corpus's analyser.
@Suite("Kazakhstan Encyclopedia")
struct EncyclopediaWebTests {
    @Test("From draft to approved text: hidden until approved, a newer draft waits while readers keep the approved one, history and diff, one approver",
          arguments: TestBackend.enabled)
    func revisions(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let almaty = try await app.session(DemoUsers.almaty)
            let bad = try await app.request(.POST, "/encyclopedia/new", as: secretariat, headers: ["Accept-Language": "ru"],
                                            form: ["_csrf": secretariat.csrf, "slug": "Жаман адрес", "language": "kk", "title": "", "text": "қысқа", "comment": ""])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("строчные латинские буквы") && bad.text.contains("не менее 20"))
            let text = "Домбыра — қазақтың екі ішекті ұлттық аспабы.\n\nҰлттық домбыра күні шілденің бірінші жексенбісінде атап өтіледі."
            let created = try await app.request(.POST, "/encyclopedia/new", as: secretariat,
                                                form: ["_csrf": secretariat.csrf, "language": "kk", "title": "Домбыра", "text": text, "comment": "Алғашқы нұсқа"])
            #expect(created.status == .seeOther)
            #expect(try await app.request(.GET, "/encyclopedia/dombyra").status == .notFound, "a draft is not public")
            #expect(try await app.request(.GET, "/api/v1/encyclopedia/dombyra").status == .notFound)
            #expect(try await EncyclopediaQueries.search("домбыраның", on: app.db).isEmpty)
            #expect(try await app.request(.GET, "/encyclopedia/dombyra?draft=1", as: almaty).text.contains("екі ішекті"))

            let (article, revisions) = try await EncyclopediaQueries.article(slug: "dombyra", on: app.db)
            let first = try #require(revisions.first)
            #expect(try await app.request(.POST, "/encyclopedia/dombyra/approve", as: almaty,
                                          form: ["_csrf": almaty.csrf, "revision": first.id.uuidString]).status == .forbidden)
            #expect(try await app.request(.POST, "/encyclopedia/dombyra/approve", as: secretariat,
                                          form: ["_csrf": secretariat.csrf, "revision": first.id.uuidString]).status == .seeOther)
            #expect(try await app.request(.GET, "/encyclopedia/dombyra").text.contains("екі ішекті"))
            #expect(try await EncyclopediaQueries.search("домбыраның", on: app.db).map(\.slug) == ["dombyra"])

            // A coordinator writes a second revision; readers keep the first until the Secretariat approves.
            let revised = text + "\n\nДомбыра күйлері ЮНЕСКО тізіміне енген."
            let revise = ["_csrf": almaty.csrf, "language": "kk", "title": "Домбыра", "text": revised, "comment": "ЮНЕСКО туралы", "parent": first.id.uuidString]
            #expect(try await app.request(.POST, "/encyclopedia/dombyra/revise", as: almaty, form: revise).status == .seeOther)
            let stale = try await app.request(.POST, "/encyclopedia/dombyra/revise", as: almaty, headers: ["Accept-Language": "en"], form: revise)
            #expect(stale.status == .conflict && stale.text.contains("A newer revision of this language"))
            #expect(!(try await app.request(.GET, "/encyclopedia/dombyra").text.contains("ЮНЕСКО")))
            #expect(!(try await app.request(.GET, "/api/v1/encyclopedia/dombyra").text.contains("ЮНЕСКО")))
            #expect(!(try await app.request(.GET, "/encyclopedia/dombyra/history").text.contains("ЮНЕСКО туралы")), "readers' history has no drafts")
            #expect(try await app.request(.GET, "/encyclopedia/dombyra/history", as: almaty).text.contains("ЮНЕСКО туралы"))
            let second = try #require(try await EncyclopediaQueries.article(slug: "dombyra", on: app.db).1.first { $0.number == 2 })
            #expect(second.parentID == first.id)
            #expect(second.hash == ArticleRevision.hash(parentHash: first.hash, language: .kk, title: second.title, text: second.text, author: second.author,
                                                        createdAt: second.createdAt), "each revision's hash covers its parent's")
            let diff = try await app.request(.GET, "/encyclopedia/dombyra/diff?to=\(second.id.uuidString)", as: almaty)
            #expect(diff.status == .ok && diff.text.contains("class=\"added\"") && diff.text.contains("ЮНЕСКО тізіміне"))
            #expect(try await app.request(.POST, "/encyclopedia/dombyra/approve", as: secretariat,
                                          form: ["_csrf": secretariat.csrf, "revision": second.id.uuidString]).status == .seeOther)
            #expect(try await app.request(.GET, "/encyclopedia/dombyra").text.contains("ЮНЕСКО"))
            let statuses = try await EncyclopediaQueries.article(slug: "dombyra", on: app.db).1.map(\.status)
            #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.approved, .superseded])
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "article").filter(\.$entityID == article.slug).count() == 4)
            let association = try await app.session(DemoUsers.association)
            #expect(try await app.request(.POST, "/encyclopedia/new", as: association,
                                          form: ["_csrf": association.csrf, "language": "kk", "title": "Жаңа мақала", "text": text, "comment": "х"]).status == .forbidden)
        }
    }

    @Test("Search by any inflected form, in Cyrillic or the 2021 Latin alphabet, and in Russian", arguments: TestBackend.enabled)
    func search(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            for query in ["тілдерге", "тілдерінің", "tılderge", "Tılderınıñ", "языков"] {
                let hits = try await EncyclopediaQueries.search(query, on: app.db)
                #expect(hits.contains { $0.slug == "tilder-kuni" }, "«\(query)» finds the Day of the Languages: \(hits.map(\.slug))")
            }
            #expect(try await EncyclopediaQueries.search("наурызда", on: app.db).map(\.slug) == ["nauryz-meiramy"])
            #expect(try await EncyclopediaQueries.search("Ассамблеяның рөлі", on: app.db).isEmpty, "the waiting draft's words are not searchable")
            let page = try await app.request(.GET, "/encyclopedia?q=tılderge", headers: ["Accept-Language": "kk"])
            #expect(page.status == .ok && page.text.contains("/encyclopedia/tilder-kuni"))
        }
    }
}
