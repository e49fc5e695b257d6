import BirlikCore
import FluentKit
import Foundation

/// People who grow at national scale, for the benchmark: state-language courses and professional
/// programmes in every region with a group each, learners with placement levels, per-skill scores,
/// attendance marks and exit levels, certificates, and good practices whose texts are the sample
/// corpus's Kazakh sentences (indexed in the one terms index). The same on every run.
public enum PeopleScaleSeed {
    public struct Summary: Sendable {
        public var courses = 0
        public var learners = 0
        public var marks = 0
        public var certificates = 0
        public var practices = 0
        /// Codes of some certificates, spread over the whole range.
        public var certificateCodes: [String] = []
        /// The Kazakh texts of some practices, to pick inflected search words from.
        public var practiceTexts: [String] = []
    }

    /// A certificate code for a number: `BK-` and eight characters of Crockford's base 32.
    static func certificateCode(_ number: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var value = number &* 2_654_435_761 % (1 << 40)
        var body = ""
        for _ in 0..<8 { body.append(alphabet[value & 31]); value >>= 5 }
        return "BK-" + body.prefix(4) + "-" + body.suffix(4)
    }

    public static func load(courses: Int, learners: Int, certificates: Int, practices: Int, now: Date, on db: any Database) async throws -> Summary {
        var random = SeededGenerator(seed: 2027)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }
        let regions = ReferenceData.regions.filter { RegionCode.topLevel($0.code) == $0.code }.map(\.code)
        let today = Day(now)
        var summary = Summary()
        let batch = 1000

        // Courses, four in five state-language, with one group each; hosts stand for the regions' complexes.
        var courseRows: [Course] = [], groupRows: [CourseGroup] = []
        let hosts = regions.map { _ in (0..<5).map { _ in UUID() } }
        for index in 0..<courses {
            let regionIndex = index % regions.count
            let stateLanguage = index % 5 != 0
            let course = Course(code: String(format: "SC-%05d", index), kind: stateLanguage ? .stateLanguage : .professional,
                                audience: stateLanguage ? .public_ : .civilServants, title: "Course \(index)", description: "", hostID: hosts[regionIndex][index % 5],
                                region: regions[regionIndex], targetLevel: stateLanguage ? LanguageLevel.allCases[1 + index % 3] : nil, format: .inPerson,
                                instructionLanguage: .kk, hours: 72 + 12 * (index % 4), competencies: [], passMark: 60, minAttendance: 70, validityMonths: nil,
                                updatedAt: now)
            courseRows.append(course)
            groupRows.append(CourseGroup(code: String(format: "SG-%05d", index), courseID: course.id, hostID: course.hostID, region: course.region, teacher: "Teacher",
                                         venue: "Venue", firstDay: today.adding(days: -120), weekdays: [1, 3], startTime: "18:30", minutes: 90, sessions: 18,
                                         capacity: 400, held: Array(1...18), updatedAt: now))
        }
        for start in stride(from: 0, to: courseRows.count, by: batch) {
            try await Array(courseRows[start..<min(start + batch, courseRows.count)]).map(CourseRecord.init).create(on: db)
            try await Array(groupRows[start..<min(start + batch, groupRows.count)]).map(CourseGroupRecord.init).create(on: db)
        }
        summary.courses = courses

        // Learners: completed, not passed, dropped out, studying, waiting; about 15 attendance marks each.
        let statuses: [(Enrolment.Status, Int)] = [(.completed, 55), (.notPassed, 10), (.droppedOut, 10), (.enrolled, 20), (.waitlisted, 5)]
        func status(_ roll: Int) -> Enrolment.Status {
            var sum = 0
            for (status, share) in statuses { sum += share; if roll < sum { return status } }
            return .completed
        }
        var rows: [EnrolmentRecord] = []
        for index in 0..<learners {
            let course = courseRows[index % courses], group = groupRows[index % courses]
            let state = status(pick(100))
            let entry: LanguageLevel? = course.kind == .stateLanguage && pick(4) > 0 ? LanguageLevel.allCases[pick(2)] : nil
            let attended = state == .waitlisted ? [] : (1...18).filter { _ in pick(100) < 88 }
            summary.marks += attended.count
            let scores = state == .completed || state == .notPassed
                ? SkillScores(Dictionary(uniqueKeysWithValues: LanguageSkill.allCases.map { ($0, state == .completed ? 60 + pick(40) : 30 + pick(45)) })) : nil
            let exit: LanguageLevel? = state == .completed ? (course.targetLevel ?? entry) : state == .notPassed ? entry : nil
            let enrolment = Enrolment(groupID: group.id, courseID: course.id, hostID: course.hostID, region: course.region, token: String(format: "learner-%09d", index),
                                      name: "Learner \(index)", ageBand: ["18-29", "30-44", "45-59", "60+"][index % 4], ethnicity: nil, entryLevel: entry,
                                      status: state, position: index / courses + 1, attended: attended, scores: scores,
                                      finalScore: course.kind == .professional && scores != nil ? 50 + pick(50) : nil, exitLevel: exit,
                                      enrolledAt: now.addingTimeInterval(-120 * 86_400), finishedOn: exit == nil ? nil : today.adding(days: -10))
            rows.append(EnrolmentRecord(enrolment))
            if rows.count == batch {
                try await rows.create(on: db)
                rows = []
            }
        }
        try await rows.create(on: db)
        summary.learners = learners

        // Certificates, the state-language ones at the course's level.
        var certificateRows: [CertificateRecord] = []
        for index in 0..<certificates {
            let course = courseRows[index % courses]
            let certificate = Certificate(code: certificateCode(index), enrolmentID: UUID(), courseID: course.id, hostID: course.hostID, region: course.region,
                                          holderName: "Learner \(index)", courseCode: course.code, courseTitle: course.title, kind: course.kind, hours: course.hours,
                                          level: course.targetLevel, competencies: [], issuedOn: today.adding(days: -(index % 3000)),
                                          expiresOn: course.kind == .professional ? today.adding(days: 365 - index % 1000) : nil)
            certificateRows.append(CertificateRecord(certificate))
            if index % (max(certificates, 100) / 100) == 0 { summary.certificateCodes.append(certificate.code) }
            if certificateRows.count == batch {
                try await certificateRows.create(on: db)
                certificateRows = []
            }
        }
        try await certificateRows.create(on: db)
        summary.certificates = certificates

        // Practices, most published, their texts from the sample corpus; terms indexed as the store does.
        let sentences = try PortalScaleSeed.sentences()
        guard !sentences.isEmpty else { return summary }
        func draw(_ count: Int) -> String { (0..<count).map { _ in sentences[pick(sentences.count)] }.joined(separator: " ") }
        var practiceRows: [GoodPracticeRecord] = [], termRows: [SearchTermRecord] = []
        for index in 0..<practices {
            let region = regions[index % regions.count]
            var practice = GoodPractice(code: String(format: "GP-SCALE-%05d", index), organizationID: hosts[index % regions.count][0], region: region,
                                        regions: [region], domain: GoodPractice.Domain.allCases[index % GoodPractice.Domain.allCases.count], language: .kk,
                                        original: GoodPractice.Text(title: draw(1), problem: draw(2), method: draw(3), resources: draw(1), outcomes: draw(2)),
                                        status: index % 5 == 0 ? .draft : .published, updatedAt: now.addingTimeInterval(-Double(index) * 60))
            if practice.status == .published { practice.publishedOn = today.adding(days: -(index % 700)) }
            let record = GoodPracticeRecord(practice)
            practiceRows.append(record)
            termRows += SearchTermRecord.rows(.practice, recordID: practice.id, folded: [record.searchText])
            if index < 2000 { summary.practiceTexts.append(practice.original.fields.joined(separator: " ")) }
            if practiceRows.count == 500 {
                try await practiceRows.create(on: db)
                for start in stride(from: 0, to: termRows.count, by: batch) { try await Array(termRows[start..<min(start + batch, termRows.count)]).create(on: db) }
                practiceRows = []; termRows = []
            }
        }
        try await practiceRows.create(on: db)
        for start in stride(from: 0, to: termRows.count, by: batch) { try await Array(termRows[start..<min(start + batch, termRows.count)]).create(on: db) }
        summary.practices = practices
        return summary
    }
}
