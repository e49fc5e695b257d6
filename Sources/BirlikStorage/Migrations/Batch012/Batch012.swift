import FluentKit
import SQLKit

/// Courses, their groups, learners and certificates (S13, S17).
struct CreateCourses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CourseRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("host_id", .uuid, .required)
            .field("region", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(CourseGroupRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("course_id", .uuid, .required)
            .field("region", .string, .required)
            .field("first_day", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(EnrolmentRecord.schema)
            .id()
            .field("group_id", .uuid, .required)
            .field("course_id", .uuid, .required)
            .field("host_id", .uuid, .required)
            .field("region", .string, .required)
            .field("token", .string, .required)
            .field("status", .string, .required)
            .field("position", .int, .required)
            .field("entry_level", .string)
            .field("exit_level", .string)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "token")
            .create()
        try await database.schema(CertificateRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("enrolment_id", .uuid, .required)
            .field("host_id", .uuid, .required)
            .field("region", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .unique(on: "enrolment_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX course_groups_course ON course_groups (course_id)").run()
            try await sql.raw("CREATE INDEX enrolments_group ON enrolments (group_id, position)").run()
            try await sql.raw("CREATE INDEX enrolments_region ON enrolments (region, status)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [CertificateRecord.schema, EnrolmentRecord.schema, CourseGroupRecord.schema, CourseRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// International cooperation (S20): partners abroad and agreements with their obligations.
struct CreateCooperation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PartnerRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("keeper_id", .uuid, .required)
            .field("region", .string, .required)
            .field("is_public", .bool, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(AgreementRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("keeper_id", .uuid, .required)
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("ends_on", .string)
            .field("is_public", .bool, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgreementRecord.schema).delete()
        try await database.schema(PartnerRecord.schema).delete()
    }
}

/// Youth and social lifts (S18): initiatives with positions and shifts, volunteers, their participation.
struct CreateYouth: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(YouthInitiativeRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("organiser_id", .uuid, .required)
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(VolunteerRecord.schema)
            .id()
            .field("token", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "token")
            .create()
        try await database.schema(ParticipationRecord.schema)
            .id()
            .field("volunteer_id", .uuid, .required)
            .field("initiative_id", .uuid, .required)
            .field("organiser_id", .uuid, .required)
            .field("region", .string, .required)
            .field("shift_id", .uuid, .required)
            .field("status", .string, .required)
            .field("hours", .int, .required)
            .field("age_band", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX participations_initiative ON participations (initiative_id)").run()
            try await sql.raw("CREATE INDEX participations_volunteer ON participations (volunteer_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [ParticipationRecord.schema, VolunteerRecord.schema, YouthInitiativeRecord.schema] { try await database.schema(schema).delete() }
    }
}
