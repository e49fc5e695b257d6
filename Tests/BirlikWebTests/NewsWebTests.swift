import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// The portal's news (S16): a regional assembly writes its region's item, a draft never shows, a
/// translation in progress falls back to the original with a note, a scheduled item appears on time,
/// and the Atom feed is read by a parser that did not write it.
@Suite("News")
struct NewsWebTests {
    /// Parses a feed with Python's `feedparser`: the feed's title, then one line per entry.
    static let feedReader = """
        import sys, feedparser
        feed = feedparser.parse(open(sys.argv[1], 'rb').read())
        print('bozo' if feed.bozo else 'ok', feed.version, feed.feed.get('title', ''))
        for entry in feed.entries:
            print('|'.join([entry.id, entry.title, entry.link, entry.get('language', '') or '', entry.published, ','.join(t.term for t in entry.get('tags', []))]))
        """

    static func itemForm(_ csrf: String, region: String, tags: String, kk: String, ru: String? = nil) -> [String: String] {
        var form = ["_csrf": csrf, "region": region, "originalLanguage": "kk", "tags": tags, "title_kk": kk, "summary_kk": "Қысқаша мазмұны.",
                    "body_kk": "Бірінші абзац.\n\nЕкінші абзац.", "status_kk": "ready"]
        if let ru { form["title_ru"] = ru; form["body_ru"] = "Перевод в работе."; form["status_ru"] = "draft" }
        return form
    }

    @Test("A regional item from draft to the reader: bad input named, drafts hidden, other regions kept out, the original shown until the translation is ready",
          arguments: TestBackend.enabled)
    func regionalItem(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let almaty = try await app.session(DemoUsers.almaty)
            let bad = try await app.request(.POST, "/news/new", as: almaty, headers: ["Accept-Language": "ru"],
                                            form: ["_csrf": almaty.csrf, "region": "KZ-75", "originalLanguage": "kk", "tags": "KZ-75, nope-123", "title_ru": "Только перевод",
                                                   "body_ru": "Текст", "status_ru": "ready"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("nope-123") && bad.text.contains("Заполните текст на языке оригинала"))
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await app.request(.POST, "/news/new", as: abai, form: Self.itemForm(abai.csrf, region: "KZ-75", tags: "", kk: "Бөтен өңір")).status == .forbidden)
            let created = try await app.request(.POST, "/news/new", as: almaty, form: Self.itemForm(almaty.csrf, region: "KZ-75", tags: "KZ-75", kk: "Достық кеші өтті", ru: "Прошёл вечер дружбы"))
            #expect(created.status == .seeOther)
            let code = try #require(created.headers.first(name: .location)?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(try await app.request(.GET, "/news/\(code)").status == .notFound, "a draft is not public")
            #expect(!(try await app.request(.GET, "/news").text.contains("Достық кеші өтті")))
            let item = try #require(try await NewsRecord.query(on: app.db).filter(\.$code == code).first()?.value)
            #expect(try await app.request(.POST, "/news/\(code)/step", as: abai, form: ["_csrf": abai.csrf, "step": "publish", "version": String(item.version)]).status == .notFound,
                    "another region's coordinator does not even see the draft")
            #expect(try await app.request(.POST, "/news/\(code)/step", as: almaty, form: ["_csrf": almaty.csrf, "step": "publish", "version": String(item.version)]).status == .seeOther)

            let inKazakh = try await app.request(.GET, "/news/\(code)", headers: ["Accept-Language": "kk"])
            #expect(inKazakh.status == .ok && inKazakh.text.contains("Достық кеші өтті") && inKazakh.text.contains("Екінші абзац"))
            let inRussian = try await app.request(.GET, "/news/\(code)", headers: ["Accept-Language": "ru"])
            #expect(inRussian.text.contains("Достық кеші өтті") && !inRussian.text.contains("Прошёл вечер дружбы") && inRussian.text.contains("Перевод ещё не готов"))
            #expect(try await app.request(.GET, "/news?region=KZ-75").text.contains("Достық кеші өтті"))
            #expect(!(try await app.request(.GET, "/news?region=KZ-10").text.contains("Достық кеші өтті")))
            #expect(try await app.request(.GET, "/news?tag=place:KZ-75").text.contains("Достық кеші өтті"))
            #expect(try await app.request(.GET, "/news?tag=drop").status == .unprocessableEntity)

            // Withdrawn: gone from readers, kept for the editor; every change in the audit log.
            let published = try #require(try await NewsRecord.query(on: app.db).filter(\.$code == code).first()?.value)
            #expect(try await app.request(.POST, "/news/\(code)/step", as: almaty, form: ["_csrf": almaty.csrf, "step": "withdraw", "version": String(published.version)]).status == .seeOther)
            #expect(try await app.request(.GET, "/news/\(code)").status == .notFound)
            #expect(try await app.request(.GET, "/news/\(code)", as: almaty).status == .ok)
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "news").filter(\.$entityID == code).count() == 3)
        }
    }

    @Test("A scheduled item appears when its time comes; the Atom feed in Kazakh Latin parses", arguments: [TestBackend.sqlite])
    func scheduleAndFeed(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try await app.actor(DemoUsers.secretariat)
            let now = app.birlikClock.now
            var draft = NewsDraft(region: RegionCode.republic, originalLanguage: "kk", texts: [.kk: ("Ертеңгі жаңалық", "", "Мәтін.", "draft")], tags: "")
            let item = try await NewsStore.save(draft, id: nil, version: 0, actor: secretariat, on: app.db, now: now)
            await expectFailure(.conflict(.newsOriginalNotReady)) {
                try await NewsStore.apply(.publishNow, to: item.id, version: item.version, actor: secretariat, on: app.db, now: now)
            }
            draft.texts[.kk]?.status = "ready"
            let ready = try await NewsStore.save(draft, id: item.id, version: item.version, actor: secretariat, on: app.db, now: now)
            await expectFailure(.invalid([FieldError("publishAt", .newsScheduleInPast)])) {
                try await NewsStore.apply(.schedule(now.addingTimeInterval(-60)), to: item.id, version: ready.version, actor: secretariat, on: app.db, now: now)
            }
            _ = try await NewsStore.apply(.schedule(now.addingTimeInterval(3600)), to: item.id, version: ready.version, actor: secretariat, on: app.db, now: now)
            #expect(try await NewsQueries.published(region: nil, tag: nil, on: app.db).allSatisfy { $0.id != item.id })
            #expect(try await NewsStore.releaseDue(now: now.addingTimeInterval(1800), on: app.db) == 0)
            #expect(try await NewsStore.releaseDue(now: now.addingTimeInterval(3601), on: app.db) >= 1)
            #expect(try await NewsQueries.published(region: nil, tag: nil, on: app.db).contains { $0.id == item.id })

            let atom = try await app.request(.GET, "/news/feed.atom?lang=kk&script=latin")
            #expect(atom.headers.first(name: .contentType)?.hasPrefix("application/atom+xml") == true)
            let output = try DocumentTools.python(Self.feedReader, Data(buffer: atom.body), extension: "atom")
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("ok atom10") == true, "\(output.prefix(300))")
            let entries = lines.dropFirst().map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            #expect(entries.count >= 3, "the demo's two published items and this one")
            #expect(entries.contains { $0[1] == "Erteñgı jañalyq" && $0[2].hasSuffix("/news/\(item.code)") }, "\(output)")
            #expect(String(buffer: atom.body).contains("<entry xml:lang=\"kk-Latn\">"))
            #expect(entries.allSatisfy { $0[0].hasPrefix("urn:uuid:") })
            #expect(try await app.request(.GET, "/news/feed.atom?region=KZ-99").status == .unprocessableEntity)
        }
    }
}
