import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// What the course pages read: the public catalogue of courses and groups, a group's learners as
/// their keepers see them (the one scope rule), a learner's own record by token, the results of a
/// place counted in SQL, and a certificate by its code.
public enum CourseQueries {
    /// Courses held in `region`'s subtree (all when `nil`), of a kind, newest first.
    public static func courses(region: String?, kind: Course.Kind?, on db: any Database) async throws -> [Course] {
        var query = CourseRecord.query(on: db)
        if let kind { query = query.filter(\.$kind == kind.rawValue) }
        if let region, region != RegionCode.republic {
            let subtree = region + "-"
            query = query.group(.or) { $0.filter(\.$region == region).filter(\.$region =~ subtree) }
        }
        return try await query.sort(\.$code, .descending).all().compactMap(\.value)
    }

    public static func course(code: String, on db: any Database) async throws -> Course? {
        try await CourseRecord.query(on: db).filter(\.$code == code).first()?.value
    }

    public static func course(id: UUID, on db: any Database) async throws -> Course? {
        try await CourseRecord.find(id, on: db)?.value
    }

    /// A course's groups in the order they were opened.
    public static func groups(of courseIDs: [UUID], on db: any Database) async throws -> [CourseGroup] {
        guard !courseIDs.isEmpty else { return [] }
        return try await CourseGroupRecord.query(on: db).filter(\.$courseID ~~ courseIDs).sort(\.$firstDay).sort(\.$code).all().compactMap(\.value)
    }

    public static func group(code: String, on db: any Database) async throws -> CourseGroup? {
        try await CourseGroupRecord.query(on: db).filter(\.$code == code).first()?.value
    }

    public static func group(id: UUID, on db: any Database) async throws -> CourseGroup? {
        try await CourseGroupRecord.find(id, on: db)?.value
    }

    /// The ids on a group's waiting list, next first.
    public static func waitingList(of groupID: UUID, on db: any Database) async throws -> [UUID] {
        try await EnrolmentRecord.query(on: db).filter(\.$groupID == groupID).filter(\.$status == Enrolment.Status.waitlisted.rawValue)
            .sort(\.$position).all().compactMap(\.id)
    }

    /// Seats taken and places on the waiting list of each group (counts anyone may see).
    public static func seats(of groupIDs: [UUID], on db: any Database) async throws -> [UUID: (taken: Int, waiting: Int)] {
        guard !groupIDs.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().column("group_id").column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(EnrolmentRecord.schema).where("group_id", .in, groupIDs).where("status", .in, [Enrolment.Status.enrolled.rawValue, Enrolment.Status.waitlisted.rawValue])
            .groupBy("group_id").groupBy("status").all()
        var seats: [UUID: (taken: Int, waiting: Int)] = [:]
        for row in rows {
            let id = try row.decode(column: "group_id", as: UUID.self), n = try row.decode(column: "n", as: Int.self)
            let status = try row.decode(column: "status", as: String.self)
            var entry = seats[id] ?? (0, 0)
            if status == Enrolment.Status.enrolled.rawValue { entry.taken = n } else { entry.waiting = n }
            seats[id] = entry
        }
        return seats
    }

    /// A group's learners as `actor` may see them, in the order they enrolled.
    public static func learners(of groupID: UUID, actor: Actor, on db: any Database) async throws -> [Enrolment] {
        try await EnrolmentRecord.query(on: db).visible(to: actor).filter(\.$groupID == groupID).sort(\.$position).all().compactMap(\.value)
    }

    /// A learner's own record, by the token only they hold.
    public static func enrolment(token: String, on db: any Database) async throws -> Enrolment? {
        guard TokenStore.isWellFormed(token) else { return nil }
        return try await EnrolmentRecord.query(on: db).filter(\.$token == token).first()?.value
    }

    /// An enrolment by id as `actor` may see it.
    public static func enrolment(id: UUID, actor: Actor, on db: any Database) async throws -> Enrolment? {
        try await EnrolmentRecord.query(on: db).visible(to: actor).filter(\.$id == id).first()?.value
    }

    /// The results of every course held in `region`'s subtree (the republic when `nil`): one grouped
    /// query over the learners, joined to their courses' kind and hours. Aggregates only, for anyone.
    public static func results(region: String?, on db: any Database) async throws -> CourseResults {
        guard let sql = db as? any SQLDatabase else { return CourseResults() }
        var query = sql.select().column("course_id").column("status").column("entry_level").column("exit_level")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(EnrolmentRecord.schema)
        if let region, region != RegionCode.republic {
            query = query.where(ScopeFilter.within(column("region", EnrolmentRecord.schema), region))
        }
        let rows = try await query.groupBy("course_id").groupBy("status").groupBy("entry_level").groupBy("exit_level").all()
        var courses: [UUID: Course] = [:]
        let ids = Set(try rows.map { try $0.decode(column: "course_id", as: UUID.self) })
        for course in try await CourseRecord.query(on: db).filter(\.$id ~~ Array(ids)).all().compactMap(\.value) { courses[course.id] = course }
        return CourseResults(try rows.compactMap { row in
            guard let course = courses[try row.decode(column: "course_id", as: UUID.self)],
                  let status = Enrolment.Status(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
            let entry = try row.decode(column: "entry_level", as: String?.self).flatMap(LanguageLevel.init(rawValue:))
            let exit = try row.decode(column: "exit_level", as: String?.self).flatMap(LanguageLevel.init(rawValue:))
            return CourseResults.Row(status: status, entryLevel: entry, exitLevel: exit, isStateLanguage: course.kind == .stateLanguage,
                                     hours: course.hours, count: try row.decode(column: "n", as: Int.self))
        })
    }

    /// A certificate by its code, for the public verify page (anyone holding the code may check it).
    public static func certificate(code: String, on db: any Database) async throws -> Certificate? {
        guard Certificate.looksLikeCode(code) else { return nil }
        return try await CertificateRecord.query(on: db).filter(\.$code == code).first()?.value
    }

    /// What a certificate's public verify page shows: the certificate with its host's name in one
    /// read, and whether its course trains mediators. Read in SQL rather than through the models: this is
    /// the page every QR code opens.
    public static func verification(code: String, on db: any Database) async throws -> CertificateVerification? {
        guard Certificate.looksLikeCode(code), let sql = db as? any SQLDatabase else { return nil }
        guard let row = try await sql.raw("""
            SELECT c.content, o.name_kk, o.name_ru, o.name_en FROM certificates c LEFT JOIN organizations o ON o.id = c.host_id
            WHERE c.code = \(bind: code)
            """).first(),
            let certificate = JSONColumn.decode(Certificate?.self, try row.decode(column: "content", as: String.self), default: nil) else { return nil }
        let host = try row.decode(column: "name_kk", as: String?.self).map { kk in
            LocalizedText(kk: kk, ru: try row.decode(column: "name_ru", as: String?.self), en: try row.decode(column: "name_en", as: String?.self))
        }
        let course = try await sql.raw("SELECT content FROM courses WHERE id = \(bind: certificate.courseID)").first()
            .flatMap { JSONColumn.decode(Course?.self, try $0.decode(column: "content", as: String.self), default: nil) }
        return CertificateVerification(certificate: certificate, host: host, forMediators: course?.audience == .mediators)
    }
}

/// A certificate as its verify page shows it: the host's name and whether it opens the register of mediators.
public struct CertificateVerification: Sendable {
    public var certificate: Certificate
    public var host: LocalizedText?
    public var forMediators: Bool
}
