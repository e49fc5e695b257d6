import BirlikCore
import BirlikStorage
import Vapor

/// The expert-review engine (S21) for reviewers: their assignments, a declaration on conflicts of
/// interest before any content, then the subject (a grant application without its author, a good
/// practice with its evidence) and the scoring form of its kind; others' scores only after one's own.
enum ReviewsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.reviews, use: list)
        routes.get(.review(id: ""), use: show)
        routes.post(.reviewStep(id: ""), use: step)
        routes.get(.reviewFile(id: "", sha256: ""), use: file)
    }

    static func list(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        guard Access.visibility(request.actor, .reviewAssignment) != .nothing else { throw DomainError.forbidden }
        let assignments = try await ReviewStore.visible(to: request.actor, on: request.db)
        return html(ReviewPage.list(assignments, showsReviewer: Access.visibility(request.actor, .reviewAssignment) == .everything,
                                    today: request.today, PageContext(request)))
    }

    static func show(_ request: Request) async throws -> Response {
        let assignment = try await ReviewStore.find(try request.idParameter(), actor: request.actor, on: request.db)
        return try await page(request, assignment, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ assignment: ReviewAssignment, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let isReviewer = Access.check(request.actor, .update, .reviewAssignment, in: assignment.scope) == .allowed
        // The content only once the reviewer has declared no conflict; others' scores only after one's own.
        let subject = try await GrantQueries.blind(assignment, on: request.db)
        // The lot is public: a reviewer sees what field the subject is in before declaring.
        var lot = subject?.lot
        if lot == nil, assignment.subjectKind == GrantStore.reviewSubject { lot = try await GrantQueries.lot(ofApplication: assignment.subjectID, on: request.db) }
        let others = assignment.status == .received || assignment.status == .complete || !isReviewer
            ? try await ReviewStore.assignments(of: assignment.subjectID, on: request.db).filter { $0.id != assignment.id }
            : []
        // A practice is not reviewed blind: its evidence is Birlik's own figures, read as its reviewer may see them.
        let practice = try await PracticeQueries.reviewed(assignment, on: request.db)
        var figures: [UUID: Double] = [:]
        if let practice { figures = try await PracticeQueries.figures(of: practice, actor: request.actor, today: request.today, on: request.db) }
        let model = ReviewPage.Model(assignment: assignment, subject: subject, practice: practice.map { ($0, figures) }, lot: lot, others: others,
                                     isReviewer: isReviewer, canManage: Access.check(request.actor, .approve, .reviewAssignment, in: assignment.scope) == .allowed,
                                     form: ReviewStore.form(for: assignment.subjectKind), today: request.today)
        return html(ReviewPage.show(model, errors: errors, PageContext(request)), status: status)
    }

    static func step(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let assignment = try await ReviewStore.find(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let text = { (name: String) in (try? request.content.get(String.self, at: name)) ?? "" }
        do {
            let step: ReviewStep
            switch text("step") {
            case "respond":
                guard ["no", "yes"].contains(text("conflict")) else { throw DomainError.invalid([FieldError("conflict", .reviewDeclareFirst)]) }
                step = .respond(hasConflict: text("conflict") == "yes", statement: text("statement"))
            case "decline": step = .decline(reason: text("reason"))
            case "submit":
                let form = ReviewStore.form(for: assignment.subjectKind)
                var scores: [String: Int] = [:]
                for criterion in form.criteria { scores[criterion.code] = Int(text("score-\(criterion.code)")) }
                step = .submit(scores: scores, confidence: Int(text("confidence")), comment: text("comment"))
            case "cancel": step = .cancel(reason: text("reason"))
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await ReviewStore.apply(step, to: id, version: (try? request.content.get(Int.self, at: "version")) ?? 0,
                                            actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.review(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await page(request, assignment, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// A file of the subject, for a reviewer who declared no conflict.
    static func file(_ request: Request) async throws -> Response {
        let assignment = try await ReviewStore.find(try request.idParameter(), actor: request.actor, on: request.db)
        guard let subject = try await GrantQueries.blind(assignment, on: request.db) else { throw DomainError.notFound }
        return try await GrantsController.download(request, subject.files, sha256: request.parameters.get("sha256") ?? "")
    }
}
