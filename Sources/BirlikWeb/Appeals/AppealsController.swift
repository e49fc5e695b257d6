import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Citizens' appeals (S9): the public form and the applicant's status page, the staff's register and
/// the steps of handling, the public statistics (page, CSV, API).
enum AppealsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.appeals, use: list)
        routes.get(.appealNew, use: newForm)
        routes.post(.appealNew, use: create)
        routes.get(.appealStatus(token: ""), use: status)
        routes.post(.appealChallenge(token: ""), use: challenge)
        routes.post(.appealFollow(token: ""), use: follow)
        routes.get(.appealsMine, use: mine)
        routes.get(.appealMine(id: ""), use: mineOne)
        routes.post(.appealMineChallenge(id: ""), use: challengeMine)
        routes.get(.appealStatistics, use: statistics)
        routes.get(.appealAnswers, use: answers)
        routes.get(.appealStatisticsCSV, use: statisticsCSV)
        routes.get(.apiAppealStatistics, use: apiStatistics)
        routes.get(.apiAppeals, use: apiList)
        routes.get(.apiAppeal(id: ""), use: apiAppeal)
        routes.get(.appeal(id: ""), use: show)
        routes.post(.appealStep(id: ""), use: step)
        routes.post(.appealSignal(id: ""), use: raiseSignal)
    }

    static func terms(_ request: Request) -> AppealTerms { request.application.birlik.configuration.appealTerms }

    /// Regions and districts an appeal can be about.
    static var places: [Region] { ReferenceData.regions.filter { $0.kind != .republic } }

    /// The staff's register, or, for whoever may see no appeal, the public's way in.
    static func list(_ request: Request) async throws -> Response {
        let actor = request.actor
        guard actor.isSignedIn, Access.visibility(actor, .appeal) != .nothing else {
            return html(AppealsPage.landing(terms: terms(request), PageContext(request)))
        }
        let status = request.queryText("status").flatMap(Appeal.Status.init(rawValue:))
        let overdue = request.queryText("overdue") == "1"
        let region = request.queryText("region")
        let rows = try await AppealQueries.list(.init(status: status, overdueOnly: overdue, region: region), actor: actor, today: request.today, on: request.db)
        let councils = try await OrganizationQueries.labels(ids: Array(Set(rows.map(\.organizationID))), on: request.db)
        return html(AppealsPage.list(rows, councils: councils.mapValues { request.l10n.text($0.name) }, status: status, overdue: overdue, region: region,
                                     today: request.today, PageContext(request)))
    }

    static func newForm(_ request: Request) async throws -> Response {
        var draft = AppealDraft()
        draft.place = request.actor.isSignedIn && request.actor.regionCode != RegionCode.republic ? request.actor.regionCode : ""
        return html(AppealFormPage.view(draft, errors: Form.Errors(), isOperator: isOperator(request.actor), PageContext(request)))
    }

    /// Staff who handle appeals write down oral and eOtinish appeals too.
    static func isOperator(_ actor: Actor) -> Bool {
        actor.isSignedIn && [.secretariat, .regionalCoordinator, .councilMember, .admin].contains(actor.role)
    }

    struct AppealForm: Content {
        var name: String?
        var email: String?
        var phone: String?
        var address: String?
        var place: String?
        var category: String?
        var text: String?
        var points: String?
        var mayPublish: String?
        var channel: String?
        var reference: String?
    }

    static func create(_ request: Request) async throws -> Response {
        try request.requireCSRF()
        let form = try request.content.decode(AppealForm.self)
        var draft = AppealDraft()
        draft.name = form.name ?? ""; draft.email = form.email ?? ""; draft.phone = form.phone ?? ""; draft.address = form.address ?? ""
        draft.place = form.place ?? ""; draft.category = form.category ?? ""; draft.text = form.text ?? ""; draft.points = form.points ?? ""
        draft.mayPublish = form.mayPublish == "true"
        draft.channel = isOperator(request.actor) ? form.channel ?? Appeal.Channel.online.rawValue : Appeal.Channel.online.rawValue
        draft.reference = form.reference ?? ""
        do {
            if !request.actor.isSignedIn, let limiter = request.application.birlik.appealLimiter, !limiter.allow(AccessController.clientKey(request)) {
                throw DomainError.rateLimited
            }
            let base = request.application.birlik.configuration.linkBase
            let registered = try await AppealStore.register(draft, language: request.l10n.language, script: request.l10n.script, actor: request.actor,
                                                            terms: terms(request), statusLink: { base + SiteURL.appealStatus(token: $0).path },
                                                            on: request.db, now: request.now)
            switch registered {
            case let .appeal(_, token):
                return request.redirect(to: SiteURL.appealStatus(token: token).with([("notice", "appeal-registered")]), redirectType: .normal)
            case .signal:
                return request.redirect(to: SiteURL.appealNew.with([("notice", "appeal-anonymous")]), redirectType: .normal)
            }
        } catch let error as DomainError where error != .forbidden && error != .signInRequired && error != .rateLimited {
            return html(AppealFormPage.view(draft, errors: try Form.Errors(error), isOperator: isOperator(request.actor), PageContext(request)),
                        status: ErrorMapping.status(error))
        }
    }

    /// The applicant's page: the receipt, every notice, the answer; reachable only through the link or
    /// the account that follows the appeal.
    static func status(_ request: Request) async throws -> Response {
        try await statusPage(request, key: .token(request.parameters.get("token") ?? ""), errors: Form.Errors(), status: .ok)
    }

    /// The key of `/appeals/mine/:id`: the signed-in account following that appeal.
    static func followerKey(_ request: Request) throws -> AppealKey {
        guard let userID = request.actor.userID else { throw DomainError.signInRequired }
        return .follower(appealID: try request.idParameter(), userID: userID)
    }

    static func statusPage(_ request: Request, key: AppealKey, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let (appeal, events, follower) = try await AppealQueries.find(key, on: request.db)
        let entry: AppealStatusPage.Entry
        switch key {
        case let .token(token):
            let follow: AppealStatusPage.Entry.Follow = switch request.actor.userID {
            case nil: .hidden
            case follower: .following
            default: follower == nil ? .offered : .hidden
            }
            entry = .link(token: token, absolute: absoluteURL(request, SiteURL.appealStatus(token: token).path), follow: follow)
        case let .follower(id, _):
            entry = .account(id: id)
        }
        let response = html(AppealStatusPage.view(appeal, events: events, entry: entry, errors: errors, PageContext(request)), status: status)
        // The link is the applicant's key: never cached, never sent on as a referrer.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }

    static func absoluteURL(_ request: Request, _ path: String) -> String {
        guard let host = request.headers.first(name: .host) else { return path }
        let scheme = request.application.birlik.configuration.secureCookies ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }

    struct ChallengeForm: Content { var grounds: String? }

    static func challenge(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        return try await challenge(request, key: .token(token), back: SiteURL.appealStatus(token: token))
    }

    static func challengeMine(_ request: Request) async throws -> Response {
        let key = try followerKey(request)
        return try await challenge(request, key: key, back: SiteURL.appealMine(id: try request.idParameter().uuidString))
    }

    static func challenge(_ request: Request, key: AppealKey, back: SiteURL) async throws -> Response {
        try request.requireCSRF()
        let form = try request.content.decode(ChallengeForm.self)
        do {
            _ = try await AppealStore.challenge(key, grounds: form.grounds ?? "", actor: request.actor, terms: terms(request), on: request.db, now: request.now)
            return request.redirect(to: back.with([("notice", "appeal-challenged")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await statusPage(request, key: key, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// The holder of the link, signed in, follows the appeal in their account.
    static func follow(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        try request.requireCSRF()
        do {
            let appeal = try await AppealStore.follow(token: token, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.appealMine(id: appeal.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await statusPage(request, key: .token(token), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func mine(_ request: Request) async throws -> Response {
        guard let userID = request.actor.userID else { throw DomainError.signInRequired }
        let rows = try await AppealQueries.followed(by: userID, on: request.db)
        let response = html(AppealsPage.mine(rows, today: request.today, PageContext(request)))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func mineOne(_ request: Request) async throws -> Response {
        try await statusPage(request, key: try followerKey(request), errors: Form.Errors(), status: .ok)
    }

    static func show(_ request: Request) async throws -> Response {
        let (appeal, events) = try await AppealQueries.find(try request.idParameter(), actor: request.actor, on: request.db)
        return try await staffPage(request, appeal: appeal, events: events, errors: Form.Errors(), status: .ok)
    }

    static func staffPage(_ request: Request, appeal: Appeal, events: [AppealEvent], errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let council = try await OrganizationQueries.labels(ids: [appeal.organizationID], on: request.db)[appeal.organizationID]
        let calendar = try await WorkingCalendarStore.calendar(on: request.db)
        let model = AppealPage.Model(appeal: appeal, events: events, council: council.map { request.l10n.text($0.name) } ?? "",
                                     canAct: Access.check(request.actor, .update, .appeal, in: appeal.scope) == .allowed,
                                     canRaiseSignal: appeal.signalID == nil
                                         && Access.check(request.actor, .create, .signal, in: Scope(organizationID: nil, regionCode: appeal.place, isPublic: false)) == .allowed,
                                     today: request.today, workingDaysLeft: calendar.workingDays(from: request.today, to: appeal.dueOn),
                                     latestExtension: terms(request).limit(registeredOn: appeal.registeredOn))
        return html(AppealPage.view(model, errors: errors, PageContext(request)), status: status)
    }

    struct StepForm: Content {
        var step: String
        var version: Int?
        var body: String?
        var until: String?
        var reason: String?
        var note: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let (appeal, events) = try await AppealQueries.find(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        let l10n = request.l10n
        do {
            let step: AppealStep
            switch form.step {
            case "accept": step = .accept
            case "startReview": step = .startReview
            case "forward": step = .forward(body: form.body ?? "")
            case "extend":
                guard let until = Day(form.until ?? "") else { throw DomainError.invalid([FieldError("until", (form.until ?? "").isEmpty ? .fieldRequired : .fieldDate)]) }
                step = .extend(until: until, reason: form.reason ?? "")
            case "answer":
                let answers = appeal.points.indices.map { index in
                    (outcome: (try? request.content.get(String.self, at: "outcome\(index)")).flatMap(Appeal.Outcome.init(rawValue:)),
                     text: (try? request.content.get(String.self, at: "answer\(index)")) ?? "")
                }
                step = .answer(answers)
            case "close": step = .close(note: form.note ?? "")
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            if ["forward", "answer", "close"].contains(form.step),
               let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.appealConfirmQuestion, ["number": appeal.number, "status": l10n(step.status.l10nKey)]),
                                                          consequence: l10n(.appealConfirmConsequence), confirm: l10n(step.status.l10nKey),
                                                          back: SiteURL.appeal(id: id.uuidString).path) { return ask }
            let after = try await AppealStore.apply(step, to: id, version: form.version ?? 0, actor: request.actor, terms: terms(request),
                                                    on: request.db, now: request.now)
            return request.redirect(to: SiteURL.appeal(id: id.uuidString).with([("notice", "appeal-step"), ("status", after.status.rawValue)]),
                                    redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await staffPage(request, appeal: appeal, events: events, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct VersionForm: Content { var version: Int? }

    static func raiseSignal(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let (appeal, events) = try await AppealQueries.find(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(VersionForm.self)
        do {
            let signal = try await AppealStore.raiseSignal(from: id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.signal(id: signal.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await staffPage(request, appeal: appeal, events: events, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: API

    /// An appeal as the API gives it to the staff who handle it: the facts, the points with their answers
    /// and every recorded step; never the applicant's personal data.
    struct AppealItem: Content {
        struct Point: Content { var request: String; var outcome: String?; var answer: String }
        struct Step: Content { var sequence: Int; var at: Date; var status: String; var note: String; var dueOn: String? }
        var id: UUID
        var number: String
        var status: String
        var channel: String
        var place: String
        var category: String
        var registeredOn: String
        var dueOn: String
        var overdue: Bool
        var outcome: String?
        var points: [Point]
        var steps: [Step]
    }

    struct AppealRow: Content {
        var id: UUID
        var number: String
        var status: String
        var place: String
        var category: String
        var registeredOn: String
        var dueOn: String
        var overdue: Bool
    }

    static func apiList(_ request: Request) async throws -> Response {
        let status = request.queryText("status").flatMap(Appeal.Status.init(rawValue:))
        if request.queryText("status") != nil, status == nil { throw DomainError.invalid([FieldError("status", .fieldChooseValue)]) }
        let rows = try await AppealQueries.list(.init(status: status, overdueOnly: request.queryText("overdue") == "1", region: request.queryText("region")),
                                                actor: request.actor, today: request.today, on: request.db)
        return try await ["appeals": rows.map { AppealRow(id: $0.id, number: $0.number, status: $0.status.rawValue, place: $0.place, category: $0.category.rawValue,
                                                         registeredOn: $0.registeredOn.description, dueOn: $0.dueOn.description, overdue: $0.isOverdue(on: request.today)) }]
            .encodeResponse(for: request)
    }

    static func apiAppeal(_ request: Request) async throws -> Response {
        let (appeal, events) = try await AppealQueries.find(try request.idParameter(), actor: request.actor, on: request.db)
        return try await AppealItem(id: appeal.id, number: appeal.number, status: appeal.status.rawValue, channel: appeal.channel.rawValue, place: appeal.place,
                                    category: appeal.category.rawValue, registeredOn: appeal.registeredOn.description, dueOn: appeal.dueOn.description,
                                    overdue: appeal.isOverdue(on: request.today), outcome: appeal.outcome?.rawValue,
                                    points: appeal.points.map { .init(request: $0.request, outcome: $0.outcome?.rawValue, answer: $0.answer) },
                                    steps: events.map { .init(sequence: $0.sequence, at: $0.at, status: $0.status.rawValue, note: $0.note, dueOn: $0.dueOn?.description) })
            .encodeResponse(for: request)
    }

    /// The answers applicants agreed to publish, without their personal data.
    static func answers(_ request: Request) async throws -> Response {
        html(AppealsPage.answers(try await AppealQueries.publishedAnswers(on: request.db), PageContext(request)))
    }

    // MARK: Public statistics

    /// The year asked for (`?year=`), the current one by default.
    static func year(_ request: Request) throws -> Int {
        try request.queryNumber("year", in: 2000...2100, default: request.today.year)
    }

    static func statistics(_ request: Request) async throws -> Response {
        let year = try year(request)
        let model = try await AppealStatisticsPage.model(year: year, request)
        return html(AppealStatisticsPage.view(model, PageContext(request)))
    }

    static func statisticsCSV(_ request: Request) async throws -> Response {
        let model = try await AppealStatisticsPage.model(year: try year(request), request)
        return try AppealStatisticsPage.table(model, request.l10n).response(.csv)
    }

    struct FiguresItem: Content {
        var key: String
        var received: Int
        var finished: Int
        var onTime: Int
        var overdue: Int
        var extended: Int
        var answered: Int
        var satisfied: Int
        /// Rates only where a cell holds at least five appeals.
        var onTimeShare: Double?
        var extendedShare: Double?
        var satisfiedShare: Double?
        var medianWorkingDays: Int?
        var p90WorkingDays: Int?

        init(_ figures: AppealQueries.Figures) {
            key = figures.key; received = figures.received; finished = figures.finished; onTime = figures.onTime; overdue = figures.overdue
            extended = figures.extended; answered = figures.answered; satisfied = figures.satisfied; onTimeShare = figures.onTimeShare
            extendedShare = figures.extendedShare; satisfiedShare = figures.satisfiedShare
            medianWorkingDays = figures.rated ? figures.medianDays : nil; p90WorkingDays = figures.rated ? figures.p90Days : nil
        }
    }

    struct StatisticsPayload: Content {
        var year: Int
        var total: FiguresItem?
        var regions: [FiguresItem]
        var councils: [FiguresItem]
        var categories: [FiguresItem]
    }

    static func apiStatistics(_ request: Request) async throws -> Response {
        let model = try await AppealStatisticsPage.model(year: try year(request), request)
        return try await StatisticsPayload(year: model.year, total: model.total.map(FiguresItem.init), regions: model.regions.map(FiguresItem.init),
                                           councils: model.councils.map(FiguresItem.init), categories: model.categories.map(FiguresItem.init))
            .encodeResponse(for: request)
    }
}
