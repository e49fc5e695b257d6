import BirlikCore
import BirlikDocuments

/// The frame of every page: the APK header, the navigation by part of the mission, the language and
/// script switches, the footer.
enum Layout {
    /// A breadcrumb: a label and, except for the current page, a link.
    struct Crumb {
        var label: String
        var url: String?
    }

    /// A whole page; `refresh` reloads it every so many seconds (a background import's progress).
    static func page(title: String, refresh: Int? = nil, crumbs: [Crumb] = [], context: PageContext, wide: Bool = false, content: HTMLNode) -> String {
        let l10n = context.l10n
        // The language and, for Kazakh in the 2021 Latin alphabet, the script (BCP 47 `kk-Latn`).
        let document = el("html", ["lang": l10n.language == .kk && l10n.script == .latin ? "kk-Latn" : l10n.language.htmlTag],
            el("head", [:],
               el("meta", ["charset": "utf-8"]),
               el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
               refresh.map { el("meta", ["http-equiv": "refresh", "content": String($0)]) } ?? .empty,
               el("title", [:], .text("\(title) · \(l10n(.appName))")),
               el("link", ["rel": "stylesheet", "href": SiteURL.stylesheet.path])),
            el("body", [:],
               el("a", ["class": "skip-link", "href": "#main"], .text(l10n(.appSkipToContent))),
               header(context),
               navigation(context),
               el("main", ["id": "main", "class": wide ? "page wide" : "page", "tabindex": "-1"],
                  breadcrumbs(crumbs, context),
                  notice(context),
                  content),
               el("footer", ["class": "site-footer"],
                  el("p", [:], .text(l10n(.appFooter))),
                  // The public services that have no place in the main menu.
                  el("p", ["class": "footer-links"], .group([(SiteURL.charity, L10nKey.charityTitle), (.grants, .grantsTitle), (.openData, .openDataTitle), (.encyclopedia, .encyclopediaTitle), (.library, .libraryTitle), (.courses, .coursesTitle), (.cooperation, .cooperationTitle), (.youth, .youthTitle), (.practices, .practiceTitle), (.mediators, .mediatorsTitle), (.publicControl, .navControl),
                                                              (.workingCalendar, .calendarTitle), (.openAPI, .navApi)].enumerated().map { index, link in
                      .group([index == 0 ? .empty : .text(" · "), el("a", ["href": link.0.path], .text(l10n(link.1)))])
                  })),
                  el("p", ["class": "muted"], .text(l10n(.appUnofficialTranslation))))))
        return "<!DOCTYPE html>" + document.render()
    }

    static func header(_ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let back = context.currentURL
        let languages = Language.allCases.map { language -> HTMLNode in
            let key: L10nKey = switch language { case .kk: .langKk; case .ru: .langRu; case .en: .langEn }
            // A form, not a link: choosing a language is remembered for a signed-in user, and every change is a POST.
            return el("li", [:], el("form", ["method": "post", "action": SiteURL.language(language).path],
                                    csrfField(context), el("input", ["type": "hidden", "name": "back", "value": back]),
                                    el("button", ["type": "submit", "lang": language.htmlTag,
                                                  "aria-current": language == l10n.language ? "true" : nil], .text(l10n(key)))))
        }
        let scripts = KazakhScript.allCases.map { script -> HTMLNode in
            el("li", [:], el("a", ["href": SiteURL.script(script).with([("back", back)]),
                                   "aria-current": script == l10n.script ? "true" : nil],
                             .text(l10n(script == .latin ? .scriptLatin : .scriptCyrillic))))
        }
        let account: HTMLNode = context.actor.isSignedIn
            ? el("form", ["method": "post", "action": SiteURL.signOut.path, "class": "account"],
                 el("span", ["class": "who"], .text(l10n(.navSignedInAs, ["name": context.actor.displayName])),
                    el("span", ["class": "role"], .text(" · " + l10n(context.actor.role.l10nKey)))),
                 csrfField(context),
                 .group(administration(context).map { key, url in el("a", ["class": "link-button", "href": url], .text(l10n(key))) }),
                 el("a", ["class": "link-button", "href": SiteURL.accountPassword.path], .text(l10n(.accountOwnPassword))),
                 el("button", ["type": "submit", "class": "link-button"], .text(l10n(.navSignOut))))
            : el("a", ["class": "account sign-in", "href": back.hasPrefix(SiteURL.signIn.path) ? SiteURL.signIn.path : SiteURL.signIn.with([("back", back)])],
                 .text(l10n(.navSignIn)))
        return el("header", ["class": "site-header"],
                  el("div", ["class": "header-inner"],
                     el("a", ["class": "brand", "href": SiteURL.home.path],
                        emblem,
                        el("span", ["class": "brand-text"],
                           el("span", ["class": "brand-name"], .text(l10n(.appName))),
                           el("span", ["class": "brand-tagline"], .text(l10n(.appTagline))))),
                     el("div", ["class": "header-tools"],
                        el("nav", ["aria-label": l10n(.langChoose), "class": "switch"], el("ul", [:], languages)),
                        l10n.language == .kk
                            ? el("nav", ["aria-label": l10n(.scriptChoose), "class": "switch"], el("ul", [:], scripts))
                            : .empty,
                        account)))
    }

    /// The administration pages a user may open, beside their account in the header (the main menu is
    /// for the mission's parts).
    static func administration(_ context: PageContext) -> [(L10nKey, String)] {
        var items: [(L10nKey, String)] = []
        if Access.check(context.actor, .view, .auditLog, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)) == .allowed {
            items.append((.navAudit, SiteURL.audit.path))
        }
        if context.actor.isSignedIn, Access.visibility(context.actor, .user) != .nothing {
            items.append((.navUsers, SiteURL.users.path))
        }
        return items
    }

    static func navigation(_ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        // The emblem and name in the header lead home; the menu lists the parts.
        var items: [(L10nKey, String)] = [
            (.navDirectory, SiteURL.directory.path),
            (.navMap, SiteURL.map.path),
            (.navRegions, SiteURL.regions.path),
            (.navStrategy, SiteURL.strategy.path),
            (.navPlans, SiteURL.plans.path),
            (.navStatistics, SiteURL.statistics.path),
            (.navEarlyWarning, SiteURL.earlyWarning.path),
            (.navAppeals, SiteURL.appeals.path),
            (.newsTitle, SiteURL.news.path),
            (.navEvents, SiteURL.events.path),
            (.navCorpus, SiteURL.corpus.path),
        ]
        let actor = context.actor
        if actor.isSignedIn {
            items.append((.navMyWork, SiteURL.myWork.path))
            if MonitoringController.showsFigures(actor) { items.append((.navDashboard, SiteURL.dashboard.path)) }
            if Access.visibility(actor, .instruction) != .nothing { items.append((.navInstructions, SiteURL.instructions.path)) }
            if actor.role == .expert { items.append((.reviewsTitle, SiteURL.reviews.path)) }
        }
        let path = context.currentURL.split(separator: "?").first.map(String.init) ?? "/"
        let isCurrent = { (url: String) in url == "/" ? path == "/" : path.hasPrefix(url) }
        // On a phone the list folds behind a button naming the part the page belongs to.
        let here = items.last { isCurrent($0.1) }.map { " · " + l10n($0.0) } ?? ""
        return el("nav", ["class": "main-nav", "aria-label": l10n(.navMain)],
                  el("input", ["type": "checkbox", "id": "menu-toggle", "class": "menu-toggle", "aria-controls": "main-menu"]),
                  el("label", ["for": "menu-toggle", "class": "menu-button"], .text(l10n(.navMenu) + here)),
                  el("ul", ["id": "main-menu"], items.map { key, url in
                      el("li", [:], el("a", ["href": url, "aria-current": isCurrent(url) ? "page" : nil], .text(l10n(key))))
                  }))
    }

    static func breadcrumbs(_ crumbs: [Crumb], _ context: PageContext) -> HTMLNode {
        guard !crumbs.isEmpty else { return .empty }
        let all = [Crumb(label: context.l10n(.navHome), url: SiteURL.home.path)] + crumbs
        return el("nav", ["aria-label": context.l10n(.navBreadcrumbs), "class": "breadcrumbs"],
                  el("ol", [:], all.map { crumb in
                      el("li", [:], crumb.url.map { el("a", ["href": $0], .text(crumb.label)) }
                         ?? el("span", ["aria-current": "page"], .text(crumb.label)))
                  }))
    }

    static func notice(_ context: PageContext) -> HTMLNode {
        guard let notice = context.notice else { return .empty }
        return el("div", ["class": "notice", "role": "status"], .text(context.l10n(notice, context.noticeArguments)))
    }

    /// A definition list of label–value pairs (`dl.facts`).
    static func facts(_ rows: [(String, String)], id: String? = nil) -> HTMLNode {
        el("dl", ["class": "facts", "id": id], .group(rows.map { .group([el("dt", [:], .text($0.0)), el("dd", [:], .text($0.1))]) }))
    }

    /// A data table with column headings, scrolled sideways inside its wrapper on a narrow screen.
    static func table(_ header: [String], _ rows: [[HTMLNode]], id: String) -> HTMLNode {
        el("div", ["class": "table-wrap"],
           el("table", ["class": "data", "id": id],
              el("thead", [:], el("tr", [:], header.map { el("th", ["scope": "col"], .text($0)) })),
              el("tbody", [:], rows.map { row in el("tr", [:], row.map { el("td", [:], $0) }) })))
    }

    /// The hidden field carrying the form token.
    static func csrfField(_ context: PageContext) -> HTMLNode {
        el("input", ["type": "hidden", "name": "_csrf", "value": context.csrfToken])
    }

    /// A small sun-and-steppe emblem in the colours of the flag.
    static let emblem = el("svg", ["class": "emblem", "viewBox": "0 0 48 48", "aria-hidden": "true", "width": "40", "height": "40"],
                           el("circle", ["cx": "24", "cy": "24", "r": "23", "fill": "#00afca"]),
                           el("circle", ["cx": "24", "cy": "21", "r": "8", "fill": "#fec50c"]),
                           el("path", ["d": "M8 33 Q24 25 40 33 L40 36 Q24 29 8 36 Z", "fill": "#fec50c"]))
}
