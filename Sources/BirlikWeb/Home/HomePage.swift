import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The front page as the portal (S16): what Birlik is, what is happening (the coming events and the
/// latest news), the figures, where to go next, the registry at a glance by kind of organisation.
enum HomePage {
    struct Model: Sendable {
        var countsByType: [OrganizationType: Int]
        var regionCount: Int
        var events: [Event]
        var news: [NewsItem]
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let total = model.countsByType.values.reduce(0, +)
        let stats: [(L10nKey, Int)] = [
            (.homeStatOrganizations, total),
            (.homeStatRegions, model.regionCount),
            (.homeStatAssociations, model.countsByType[.ethnoculturalAssociation] ?? 0),
            (.homeStatTypes, model.countsByType.count),
        ]
        let types = model.countsByType.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        return Layout.page(title: l10n(.homeTitle), context: context, content: .group([
            el("section", ["class": "hero"],
               el("h1", [:], .text(l10n(.homeTitle))),
               el("p", ["class": "lead"], .text(l10n(.homeLead))),
               el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.directory.path], .text(l10n(.homeOpenDirectory))), .text(" "),
                  el("a", ["class": "button secondary", "href": SiteURL.events.path], .text(l10n(.eventsTitle))))),
            happening(model, l10n),
            el("ul", ["class": "stats"], stats.map { key, value in
                el("li", [:], el("span", ["class": "stat-value"], .text(l10n.number(value))), el("span", ["class": "stat-label"], .text(l10n(key))))
            }),
            el("section", ["aria-labelledby": "explore"],
               el("h2", ["id": "explore"], .text(l10n(.homeExplore))),
               el("ul", ["class": "type-grid explore"], explore.map { url, title, about in
                   el("li", [:], el("a", ["href": url.path], el("span", ["class": "type-name"], .text(l10n(title))), el("span", ["class": "explore-about"], .text(l10n(about)))))
               })),
            el("section", ["aria-labelledby": "by-type"],
               el("h2", ["id": "by-type"], .text(l10n(.homeByType))),
               el("ul", ["class": "type-grid"], types.map { type, count in
                   el("li", [:], el("a", ["href": SiteURL.directory.with([("type", type.rawValue)])],
                                    el("span", ["class": "type-name"], .text(l10n(type.l10nKey))),
                                    el("span", ["class": "type-count"], .text(l10n.number(count)))))
               })),
        ]))
    }

    /// Where to go next: the parts a citizen opens most.
    static let explore: [(SiteURL, L10nKey, L10nKey)] = [
        (.map, .navMap, .homeExploreMap), (.statistics, .navStatistics, .homeExploreStatistics), (.news, .newsTitle, .homeExploreNews), (.encyclopedia, .encyclopediaTitle, .homeExploreEncyclopedia), (.library, .libraryTitle, .homeExploreLibrary), (.courses, .coursesTitle, .homeExploreCourses), (.cooperation, .cooperationTitle, .homeExploreCooperation), (.youth, .youthTitle, .homeExploreYouth), (.practices, .practiceTitle, .homeExplorePractices),
        (.holidays, .holidaysTitle, .homeExploreHolidays), (.openData, .openDataTitle, .homeExploreOpenData), (.corpus, .navCorpus, .homeExploreCorpus),
    ]

    /// The next events and the latest news side by side (one column on a phone).
    static func happening(_ model: Model, _ l10n: Localizer) -> HTMLNode {
        el("section", ["class": "happening", "aria-labelledby": "happening"],
           el("h2", ["id": "happening"], .text(l10n(.homeHappening))),
           el("div", ["class": "columns"],
              el("div", ["id": "home-events"],
                 el("h3", [:], .text(l10n(.homeComingEvents))),
                 model.events.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.eventsNoneComingUp))) :
                    el("ul", ["class": "agenda-items"], model.events.map { event in
                        el("li", [:], el("span", ["class": "time"], .text(event.startDay.dotted)), .text(" "),
                           el("a", ["href": SiteURL.event(code: event.code).path], .text(event.title)),
                           el("span", ["class": "muted"], .text(" · " + EarlyWarningPage.regionName(event.region, l10n))))
                    }),
                 el("p", [:], el("a", ["href": SiteURL.events.path], .text(l10n(.homeAllEvents))))),
              el("div", ["id": "home-news"],
                 el("h3", [:], .text(l10n(.homeLatestNews))),
                 model.news.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.newsNone))) :
                    el("ul", ["class": "agenda-items"], model.news.compactMap { item in
                        item.text(for: l10n.language).map { text in
                            el("li", [:], el("span", ["class": "time"], .text(item.publishAt.map { Day($0).dotted } ?? "")), .text(" "),
                               el("a", ["href": SiteURL.newsItem(code: item.code).path, "lang": NewsPage.langTag(text.language, l10n)],
                                  .text(l10n.inScript(text.translation.title, text.language))))
                        }
                    }),
                 el("p", [:], el("a", ["href": SiteURL.news.path], .text(l10n(.homeAllNews)))))))
    }

    /// The page's figures are read once per change and per half minute (the coming events move with time,
    /// scheduled news is released when they are read) for each way of seeing the registry; the page itself
    /// is rendered for every request, in the reader's language.
    static func handle(_ request: Request) async throws -> Response {
        let key = "\(Access.visibility(request.actor, .organization))"
        let model = try await request.application.birlik.home.value(key) {
            try await NewsStore.releaseDue(now: request.now, on: request.db)
            let events = try await EventQueries.upcoming(from: request.now, until: request.today.adding(days: 60).end, limit: 4, on: request.db)
            return Model(countsByType: try await OrganizationQueries.countsByType(actor: request.actor, on: request.db),
                         regionCount: try await request.regions().filter { $0.kind == .region || $0.kind == .city }.count,
                         events: events, news: try await NewsQueries.published(region: nil, tag: nil, limit: 4, on: request.db))
        }
        return html(view(model, PageContext(request)))
    }
}
