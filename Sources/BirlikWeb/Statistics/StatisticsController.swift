import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The statistical database of interethnic relations (S6): analytics, data entry, import,
/// validation and approval, and the open-data API.
enum StatisticsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.statistics, use: pivotPage)
        routes.get(.statisticsEntry, use: entry)
        routes.post(.statisticsEntry, use: saveEntry)
        routes.get(.statisticsImport, use: importForm)
        routes.on(.POST, SiteURL.statisticsImport.pattern, body: .collect(maxSize: "50mb"), use: upload)
        routes.post(.statisticsImportRun, use: runImport)
        routes.get(.statisticsImportJob(id: ""), use: importJob)
        routes.get(.statisticsValidation, use: validation)
        routes.get(.statisticsApproval, use: approval)
        routes.post(.statisticsApproval, use: decideApproval)
        routes.get(.apiData, use: apiData)
    }

    static func mayEnter(_ actor: Actor) -> Bool {
        [.secretariat, .regionalCoordinator, .admin].contains(actor.role) && actor.isSignedIn
    }

    /// The pivot request the URL asks for.
    static func pivotRequest(_ request: Request) throws -> (PivotRequest, DataElement, SeriesChart.Kind) {
        let element = request.queryText("element").flatMap { StatisticsCatalog.shared.element($0) }
            ?? StatisticsCatalog.shared.element("population")!
        let rows = request.queryText("rows").flatMap(PivotRequest.Dimension.init(rawValue:)) ?? .place
        let columns = request.queryText("columns").flatMap(PivotRequest.Dimension.init(rawValue:)) ?? .period
        let within = request.queryText("within").flatMap { PlaceDirectory.shared.find($0) }.flatMap { $0.kind == .republic ? nil : $0.code }
        let pivot = PivotRequest(rows: rows, columns: columns, elements: [element.code],
                                 years: try request.queryNumber("year", in: 1900...2200).map { [$0] } ?? [],
                                 nativePeriods: request.queryText("native") == "true", within: within,
                                 category: request.queryText("category").flatMap { Disaggregation.parts($0) != nil ? $0 : nil })
        return (pivot, element, request.queryText("chart").flatMap(SeriesChart.Kind.init(rawValue:)) ?? .bar)
    }

    /// The page's model for the URL's choices.
    static func pivotModel(_ request: Request) async throws -> StatisticsPage.Model {
        let (pivot, element, chart) = try pivotRequest(request)
        if !element.isPublic, !request.actor.isSignedIn { throw DomainError.signInRequired }
        let table = try await Pivot.run(pivot, actor: request.actor, on: request.db)
        return StatisticsPage.Model(table: table, element: element, chart: chart,
                                    years: try await Pivot.years(of: element.code, on: request.db), canEnter: mayEnter(request.actor))
    }

    /// The analytics page, rendered once per user and URL and kept until the next audited change in this
    /// process (a few seconds at most for changes made elsewhere): a saved value shows at once.
    static func pivotPage(_ request: Request) async throws -> Response {
        if let format = request.queryText("export").flatMap(TableExport.Format.init(rawValue:)) {
            return try StatisticsPage.export(try await pivotModel(request), l10n: request.l10n).response(format)
        }
        let l10n = request.l10n
        let key = "statistics|\(request.actor.userID?.uuidString ?? "")|\(l10n.language.rawValue)|\(l10n.script.rawValue)|\(request.url.string)"
        let parts = try await request.application.birlik.dashboards.value(key) {
            StatisticsPage.view(try await pivotModel(request), .shared(request)).components(separatedBy: PageContext.tokenPlaceholder)
        }
        return html(parts.joined(separator: request.birlik.csrfToken))
    }

    // MARK: Data entry

    static func entryPlaces(_ actor: Actor) -> [Region] {
        ReferenceData.regions.filter { ($0.kind == .region || $0.kind == .city)
            && Access.check(actor, .create, .statistics, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed }
    }

    static func entryModel(_ request: Request) async throws -> EntryPage.Model {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let places = entryPlaces(request.actor)
        let dataSet = request.queryText("dataSet") ?? "apk-annual"
        let place = request.queryText("place") ?? places.first?.code ?? ""
        let periodText = request.queryText("period") ?? ""
        var model = EntryPage.Model(sheet: nil, dataSet: dataSet, place: place, period: periodText, places: places, typed: [:],
                                    errors: Form.Errors(), violations: [], saved: nil)
        guard !periodText.isEmpty else { return model }
        guard let period = Period(periodText), period.kind == StatisticsCatalog.shared.dataSet(dataSet)?.periodKind else {
            model.errors = try Form.Errors(DomainError.invalid([FieldError("period", .importUnknownPeriod)]))
            return model
        }
        model.sheet = try await ValueStore.sheet(dataSet: dataSet, place: place, period: period, actor: request.actor, on: request.db)
        return model
    }

    static func entry(_ request: Request) async throws -> Response {
        html(EntryPage.view(try await entryModel(request), PageContext(request)))
    }

    static func saveEntry(_ request: Request) async throws -> Response {
        var model = try await entryModel(request)
        try request.requireCSRF()
        guard let sheet = model.sheet else { return html(EntryPage.view(model, PageContext(request)), status: .unprocessableEntity) }
        let form = try request.content.decode([String: String].self)
        var cells: [String: String] = [:]
        for (name, value) in form where name.hasPrefix("v:") { cells[String(name.dropFirst(2))] = value }
        do {
            let result = try await ValueStore.save(dataSet: sheet.dataSet.code, place: sheet.place, period: sheet.period, cells: cells,
                                                   actor: request.actor, on: request.db, now: request.now)
            model = try await entryModel(request)
            model.saved = result.saved
            model.violations = result.violations
            return html(EntryPage.view(model, PageContext(request)))
        } catch let error as DomainError {
            model.typed = cells
            model.errors = try Form.Errors(error)
            return html(EntryPage.view(model, PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    // MARK: Import

    static func importForm(_ request: Request) async throws -> Response {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        return html(ImportPage.view(.init(sha256: nil, fileName: "", header: [], mapping: ImportMapping(), detected: nil, problems: [], more: 0,
                                          ready: nil, done: nil, general: nil), PageContext(request)))
    }

    /// The rows of an uploaded file and its header row: XLSX when it is a ZIP package (unpacked and read
    /// once, on the thread pool), CSV otherwise.
    static func table(_ request: Request, _ data: Data) async throws -> (rows: TableRows, header: [String]) {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let sheet: [[String]]
            do { sheet = try await request.onThreadPool { try XLSXReader.rows(data) } } catch { throw DomainError.conflict(.importNotTable) }
            return (TableRows(sheet: sheet), TableRows(sheet: sheet).next()?.fields ?? [])
        }
        if data.prefix(4096).contains(0) { throw DomainError.conflict(.importNotTable) }
        return (TableRows(csv: DelimitedReader(.data(data))), TableRows(csv: DelimitedReader(.data(data))).next()?.fields ?? [])
    }

    struct Upload: Content {
        var file: File?
    }

    static func upload(_ request: Request) async throws -> Response {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let upload = try request.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return html(ImportPage.view(.init(sha256: nil, fileName: "", header: [], mapping: ImportMapping(), detected: nil, problems: [], more: 0,
                                              ready: nil, done: nil, general: .importNotTable), PageContext(request)), status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        // A file that is no table (junk, a refused archive) is answered without being kept.
        let parsed: (rows: TableRows, header: [String])
        do { parsed = try await table(request, data) } catch let error as DomainError {
            return html(ImportPage.view(.init(sha256: nil, fileName: "", header: [], mapping: ImportMapping(), detected: nil, problems: [], more: 0,
                                              ready: nil, done: nil, general: error.messageKey), PageContext(request)), status: .unprocessableEntity)
        }
        let files = request.application.birlik.files
        let address = try await files.store(data, mediaType: "text/csv", originalName: file.filename, on: request.db, now: request.now)
        if let user = request.actor.userID { try await files.recordUpload(address, by: user, on: request.db, now: request.now) }
        return try await check(request, data: data, parsed: parsed, sha256: address.sha256, fileName: file.filename, mapping: nil, commit: false)
    }

    struct RunForm: Content {
        var sha256: String
        var fileName: String?
        var mode: String?
    }

    static func runImport(_ request: Request) async throws -> Response {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(RunForm.self)
        let fields = try request.content.decode([String: String].self)
        // Only the file this user uploaded: a stored file's hash alone opens nothing.
        let files = request.application.birlik.files
        guard let address = ContentAddress(hex: form.sha256), let user = request.actor.userID,
              try await files.uploaded(address, by: user, on: request.db), let data = try await files.data(at: address, on: request.db) else {
            return html(ImportPage.view(.init(sha256: nil, fileName: "", header: [], mapping: ImportMapping(), detected: nil, problems: [], more: 0,
                                              ready: nil, done: nil, general: .importExpired), PageContext(request)), status: .unprocessableEntity)
        }
        var mapping = ImportMapping()
        for (name, value) in fields where name.hasPrefix("column") {
            if let index = Int(name.dropFirst(6)), let field = ImportMapping.Field(rawValue: value) { mapping.columns[field] = index }
        }
        return try await check(request, data: data, sha256: form.sha256, fileName: form.fileName ?? "", mapping: mapping, commit: form.mode == "commit")
    }

    /// Runs the import (or its dry run) on stored bytes (`parsed` when they were read already) and shows the outcome.
    static func check(_ request: Request, data: Data, parsed: (rows: TableRows, header: [String])? = nil, sha256: String, fileName: String,
                      mapping: ImportMapping?, commit: Bool) async throws -> Response {
        var model = ImportPage.Model(sha256: sha256, fileName: fileName, header: [], mapping: mapping ?? ImportMapping(), detected: nil, problems: [],
                                     more: 0, ready: nil, done: nil, general: nil)
        let rows: TableRows
        let headerPeek: [String]
        do {
            if let parsed { (rows, headerPeek) = parsed } else { (rows, headerPeek) = try await table(request, data) }
        } catch let error as DomainError {
            model.sha256 = nil
            model.general = error.messageKey
            return html(ImportPage.view(model, PageContext(request)), status: .unprocessableEntity)
        }
        let l10n = request.l10n
        model.header = headerPeek
        model.mapping = mapping ?? ImportMapping.guess(headerPeek)
        if data.count > ImportJobs.threshold {
            // A large file: the import goes on after this answer; its page shows the progress.
            let actor = request.actor, db = request.application.db, chosen = model.mapping, now = request.now
            let job = ImportJob(owner: actor.userID, fileName: fileName, totalRows: max(1, data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1),
                                dryRun: !commit, encoding: rows.encoding.map { $0 == .utf8 ? "UTF-8" : "Windows-1251" },
                                header: headerPeek, mapping: chosen, startedAt: now)
            try await request.application.birlik.imports.start(job, on: db) { progress in
                try await ValueImporter.run(rows, mapping: chosen, fileName: fileName, sha256: sha256, actor: actor, dryRun: !commit,
                                            progress: progress, on: db, now: now)
            }
            return request.redirect(to: SiteURL.statisticsImportJob(id: job.id.uuidString).with([("sha256", sha256)]), redirectType: .normal)
        }
        do {
            let summary = try await ValueImporter.run(rows, mapping: model.mapping, fileName: fileName, sha256: sha256, actor: request.actor,
                                                      dryRun: !commit, on: request.db, now: request.now)
            model.detected = detected(rows, summary.rows, l10n)
            if commit { model.done = summary; model.sha256 = nil } else { model.ready = summary.values }
            return html(ImportPage.view(model, PageContext(request)))
        } catch let failure as ImportFailure {
            model.detected = detected(rows, nil, l10n)
            model.problems = failure.problems
            model.more = failure.more
            return html(ImportPage.view(model, PageContext(request)), status: .unprocessableEntity)
        }
    }

    /// A running or finished background import: progress while it runs, then the same outcome a small file shows.
    static func importJob(_ request: Request) async throws -> Response {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        guard let job = try await request.application.birlik.imports.job(try request.idParameter(), owner: request.actor.userID, on: request.db) else { throw DomainError.notFound }
        var model = ImportPage.Model(sha256: nil, fileName: job.fileName, header: [], mapping: ImportMapping(), detected: nil, problems: [], more: 0,
                                     ready: nil, done: nil, general: nil)
        model.detected = job.encoding.map { request.l10n(.importDetected, ["encoding": $0, "delimiter": "…", "rows": request.l10n.number(job.totalRows)]) }
        switch job.state {
        case .running:
            model.progress = (job.rowsRead, job.totalRows)
        case let .done(summary):
            if job.dryRun { model.ready = summary.values } else { model.done = summary }
        case let .failed(failure):
            model.problems = failure.problems
            model.more = failure.more
        case let .refused(key):
            model.general = key
        }
        if job.dryRun || { if case .failed = job.state { return true }; return false }() {
            // The mapping form again, with the file's columns and the mapping the dry run used, so the person can import.
            model.sha256 = request.queryText("sha256").flatMap { ContentAddress(hex: $0) }.map(\.sha256)
            model.header = job.header
            model.mapping = job.mapping
        }
        return html(ImportPage.view(model, PageContext(request)))
    }

    static func detected(_ rows: TableRows, _ count: Int?, _ l10n: Localizer) -> String? {
        guard let encoding = rows.encoding, let delimiter = rows.delimiter else { return nil }
        return l10n(.importDetected, ["encoding": encoding == .utf8 ? "UTF-8" : "Windows-1251", "delimiter": delimiter == "\t" ? "TAB" : delimiter,
                                      "rows": count.map { l10n.number($0) } ?? "…"])
    }

    // MARK: Validation and approval

    static func validation(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        let year = try request.queryNumber("year", in: 1900...2200, default: request.today.year - 1)
        let found = try await RuleChecks.violations(years: [year], elements: nil, actor: request.actor, on: request.db)
        let l10n = request.l10n
        let context = PageContext(request)
        let chooser = el("form", ["method": "get", "action": SiteURL.statisticsValidation.path, "class": "inline-filter"],
                         Form.text("year", label: l10n(.statisticsYear), value: String(year), errors: Form.Errors(), l10n: l10n),
                         el("button", ["type": "submit", "class": "button"], .text(l10n(.statisticsApply))))
        let rules = el("ul", [:], StatisticsCatalog.shared.rules.map { el("li", [:], .text(l10n($0.l10nKey))) })
        return html(Layout.page(title: l10n(.statisticsViolationsTitle), crumbs: [Layout.Crumb(label: l10n(.navStatistics), url: SiteURL.statistics.path),
                                                                               Layout.Crumb(label: l10n(.statisticsValidation), url: nil)],
                                context: context, wide: true, content: .group([
                                    el("h1", [:], .text(l10n(.statisticsViolationsTitle))), chooser,
                                    el("h2", [:], .text(l10n(.statisticsValidation))), rules,
                                    ImportPage.violations(found, l10n, emptyText: true),
                                ])))
    }

    static func approvalModel(_ request: Request, errors: Form.Errors) async throws -> ApprovalPage.Model {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let dataSet = request.queryText("dataSet") ?? "apk-annual"
        let periodText = request.queryText("period") ?? String(request.today.year - 1)
        var rows: [ApprovalPage.Row] = []
        if let period = Period(periodText) {
            let approvals = try await ApprovalStore.approvals(dataSet: dataSet, period: period, actor: request.actor, on: request.db)
            for place in ReferenceData.regions where place.kind == .region || place.kind == .city {
                guard Access.check(request.actor, .view, .statistics, in: Scope(organizationID: nil, regionCode: place.code, isPublic: false)) == .allowed else { continue }
                let approved = approvals["\(dataSet)|\(place.code)|\(period)"] ?? []
                let chain = ApprovalStore.levels(for: place.code)
                let next = chain.first { !approved.contains($0) }
                let top = chain.last { approved.contains($0) }
                let may = { (level: String) in Access.check(request.actor, .approve, .statistics, in: Scope(organizationID: nil, regionCode: level, isPublic: false)) == .allowed }
                rows.append(ApprovalPage.Row(place: place, approved: approved, canApprove: next.flatMap { may($0) ? $0 : nil },
                                             canRemove: top.flatMap { may($0) ? $0 : nil }))
            }
        }
        return ApprovalPage.Model(dataSet: dataSet, period: periodText, rows: rows, errors: errors)
    }

    static func approval(_ request: Request) async throws -> Response {
        html(ApprovalPage.view(try await approvalModel(request, errors: Form.Errors()), PageContext(request)))
    }

    struct ApprovalForm: Content {
        var place: String
        var level: String
        var step: String
        var reason: String?
    }

    static func decideApproval(_ request: Request) async throws -> Response {
        guard mayEnter(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ApprovalForm.self)
        let dataSet = request.queryText("dataSet") ?? ""
        guard let period = Period(request.queryText("period") ?? "") else { throw DomainError.invalid([FieldError("period", .importUnknownPeriod)]) }
        do {
            if form.step == "unapprove" {
                try await ApprovalStore.unapprove(dataSet: dataSet, place: form.place, period: period, level: form.level, reason: form.reason ?? "",
                                                  actor: request.actor, on: request.db, now: request.now)
            } else {
                try await ApprovalStore.approve(dataSet: dataSet, place: form.place, period: period, level: form.level, actor: request.actor, on: request.db, now: request.now)
            }
            return request.redirect(to: SiteURL.statisticsApproval.with([("dataSet", dataSet), ("period", period.description), ("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .signInRequired && error != .notFound {
            return html(ApprovalPage.view(try await approvalModel(request, errors: try Form.Errors(error)), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    // MARK: API

    static func apiData(_ request: Request) async throws -> Response {
        let items = try await OpenData.values(element: request.queryText("element") ?? "", period: request.queryText("period"),
                                              place: request.queryText("place"), by: request.queryText("by"), actor: request.actor, on: request.db)
        return try await DataPayload(data: items).encodeResponse(for: request)
    }

    struct DataPayload: Content {
        var data: [OpenData.Item]
    }
}
