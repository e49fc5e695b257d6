import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The audit log for administrators and the Secretariat: filters, the chain's state, before and after.
enum AuditPage {
    struct Model {
        var filter: AuditLog.Filter
        var entries: Page<AuditEntry>
        var entityTypes: [String]
        var report: AuditChain.Report
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let none = Form.Errors()
        // Actions and kinds of record in the reader's language (every one the code writes is in the catalog).
        let actionLabel: (String) -> String = { action in L10nKey(rawValue: "audit.action.\(action)").map { l10n($0) } ?? action }
        let entityLabel: (String) -> String = { type in L10nKey(rawValue: "audit.entity.\(type)").map { l10n($0) } ?? type }
        let actions = L10nKey.allCases.map(\.rawValue).filter { $0.hasPrefix("audit.action.") }.map { String($0.dropFirst("audit.action.".count)) }
            .sorted { actionLabel($0) < actionLabel($1) }
        let filters = el("form", ["method": "get", "action": SiteURL.audit.path, "class": "filters horizontal", "role": "search"],
            Form.select("type", label: l10n(.auditFilterEntity), options: model.entityTypes.map { ($0, entityLabel($0)) },
                        selected: model.filter.entityType ?? "", errors: none, l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.select("action", label: l10n(.auditFilterAction), options: actions.map { ($0, actionLabel($0)) },
                        selected: model.filter.action ?? "", errors: none, l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.text("actor", label: l10n(.auditFilterActor), value: model.filter.actor ?? "", errors: none, l10n: l10n),
            model.filter.entityID.map { el("input", ["type": "hidden", "name": "entity", "value": $0]) } ?? .empty,
            el("div", ["class": "filter-actions"], el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply)))))
        let chain: HTMLNode = model.report.isWhole
            ? el("p", ["class": "notice"], .text(l10n(.auditChainWhole, ["count": l10n.number(model.report.checked)])))
            : el("p", ["class": "error-summary", "role": "alert"],
                 .text(l10n(.auditChainBroken, ["sequence": String(model.report.firstBroken?.sequence ?? 0),
                                                "reason": model.report.firstBroken.map { l10n(reasonKey($0.reason)) } ?? ""])))
        let rows = model.entries.items.map { entry in
            el("tr", [:],
               el("td", ["class": "number"], .text(String(entry.sequence))),
               el("td", [:], el("time", ["datetime": entry.at], .text(entry.at.replacingOccurrences(of: "T", with: " ")))),
               el("td", [:], .text(entry.actorName)),
               el("td", [:], .text(actionLabel(entry.action))),
               el("td", [:], .text(entityLabel(entry.entityType)), el("br"), el("code", ["class": "small"], .text(entry.entityID))),
               el("td", [:], el("details", [:],
                  el("summary", [:], .text(l10n(.auditChange))),
                  el("p", [:], el("strong", [:], .text(l10n(.auditBefore)))), el("pre", [:], .text(entry.before ?? "—")),
                  el("p", [:], el("strong", [:], .text(l10n(.auditAfter)))), el("pre", [:], .text(entry.after ?? "—")))),
               el("td", [:], el("code", ["class": "hash", "title": entry.hash], .text(String(entry.hash.prefix(12))))))
        }
        let filterLink: (Int) -> String = { page in
            SiteURL.audit.with([("type", model.filter.entityType), ("action", model.filter.action), ("actor", model.filter.actor),
                                ("entity", model.filter.entityID), ("page", page > 1 ? String(page) : nil)])
        }
        return Layout.page(title: l10n(.auditTitle), crumbs: [Layout.Crumb(label: l10n(.auditTitle), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.auditTitle))),
                               el("p", ["class": "lead"], .text(l10n(.auditLead))),
                               chain,
                               filters,
                               model.entries.items.isEmpty ? el("p", ["class": "empty"], .text(l10n(.auditEmpty))) :
                                el("div", ["class": "table-wrap"], el("table", ["class": "data audit"],
                                   el("thead", [:], el("tr", [:],
                                      el("th", ["scope": "col"], .text(l10n(.auditSequence))),
                                      el("th", ["scope": "col"], .text(l10n(.auditWhen))),
                                      el("th", ["scope": "col"], .text(l10n(.auditWho))),
                                      el("th", ["scope": "col"], .text(l10n(.auditAction))),
                                      el("th", ["scope": "col"], .text(l10n(.auditEntity))),
                                      el("th", ["scope": "col"], .text(l10n(.auditChange))),
                                      el("th", ["scope": "col"], "SHA-256"))),
                                   el("tbody", [:], rows))),
                               Pager.view(model.entries, link: filterLink, l10n: l10n),
                           ]))
    }

    static func reasonKey(_ reason: AuditChain.Reason) -> L10nKey {
        switch reason {
        case .contentChanged: .auditReasonContentChanged
        case .linkBroken: .auditReasonLinkBroken
        case .sequenceGap: .auditReasonSequenceGap
        case .headMismatch: .auditReasonHeadMismatch
        case .checkpointMissing: .auditReasonCheckpointMissing
        case .checkpointMismatch: .auditReasonCheckpointMismatch
        case .checkpointForged: .auditReasonCheckpointForged
        case .emptyWithData: .auditReasonEmptyWithData
        }
    }

    static func handle(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .view, .auditLog, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false))
        let filter = AuditLog.Filter(entityType: try? request.query.get(String.self, at: "type"),
                                     action: try? request.query.get(String.self, at: "action"),
                                     actor: try? request.query.get(String.self, at: "actor"),
                                     entityID: try? request.query.get(String.self, at: "entity"))
        let model = Model(filter: filter,
                          entries: try await AuditLog.list(filter, page: try request.pageNumber(), on: request.db),
                          entityTypes: try await AuditLog.entityTypes(on: request.db),
                          report: try await AuditCheckpoints.verify(dataDirectory: request.application.birlikDataDirectory, on: request.db))
        return html(view(model, PageContext(request)))
    }
}
