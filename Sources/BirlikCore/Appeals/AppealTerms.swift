import Foundation

/// The terms an appeal runs on, in working days of the one `WorkingCalendar`. The defaults follow the
/// Administrative Procedural and Process Code (Art. 76); an installation may set others in its configuration.
public struct AppealTerms: Sendable, Hashable, Codable {
    /// Working days to answer, from registration.
    public var answerDays: Int
    /// Working days to forward an appeal that belongs to another body, with a notice to the applicant.
    public var forwardDays: Int
    /// Working days within which the applicant is told of an extension.
    public var extensionNoticeDays: Int
    /// The longest an appeal may run in all, in calendar months from registration.
    public var maximumMonths: Int

    public init(answerDays: Int = 15, forwardDays: Int = 3, extensionNoticeDays: Int = 3, maximumMonths: Int = 2) {
        self.answerDays = answerDays; self.forwardDays = forwardDays
        self.extensionNoticeDays = extensionNoticeDays; self.maximumMonths = maximumMonths
    }

    public static let standard = AppealTerms()

    /// The latest day any extension may reach.
    public func limit(registeredOn day: Day) -> Day { day.adding(months: maximumMonths) }
}
