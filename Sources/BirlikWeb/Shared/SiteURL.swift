import BirlikCore
import Vapor

/// Every URL of Birlik, defined once: routes are registered from these and links are printed from them.
public enum SiteURL: Sendable {
    case home
    case directory
    case directoryCSV
    case map
    case organization(code: String)
    case organizationNew
    case organizationEdit(code: String)
    case organizationDelete(code: String)
    case organizationPeople(code: String)
    case personDelete(code: String, id: String)
    case users
    case user(id: String)
    case accountPassword
    case regions
    case signIn
    case signOut
    case language(Language)
    case script(KazakhScript)
    case audit
    case stylesheet
    case health
    case liveness
    case metrics
    case openAPI
    case apiRegions
    case apiOrganizations
    case apiOrganization(code: String)
    case apiToken
    // The control loop (S2–S5).
    case strategy
    case plans
    case planNew
    case plan(code: String)
    case planEdit(code: String)
    case planStatus(code: String)
    case planVersions(code: String)
    case planExport(code: String)
    case planImport(code: String)
    case measureNew(plan: String)
    case measures
    case measure(id: String)
    case measureEdit(id: String)
    case measureDelete(id: String)
    case report(id: String)
    case reportEnter(id: String)
    case reportDecide(id: String)
    case reportAttachments(id: String)
    case reportAttachment(id: String, sha256: String)
    case reportAttachmentRemove(id: String, sha256: String)
    case myWork
    case instructions
    case instructionNew
    case instruction(id: String)
    case instructionStep(id: String)
    case dashboard
    case annualReport
    case apiPlans
    case apiMeasures
    case apiDashboardSummary
    // The statistical database and early warning (S6).
    case statistics
    case statisticsEntry
    case statisticsImport
    case statisticsImportRun
    case statisticsImportJob(id: String)
    case statisticsValidation
    case statisticsApproval
    case earlyWarning
    case earlyWarningPublish
    case signals
    case corpus
    case corpusFrequency
    case corpusCollocations
    case corpusDocument(id: String)
    case corpusSubmissions
    case corpusSubmission(id: String)
    case corpusSubmissionReview(id: String)
    case apiCorpusSearch
    case signalNew
    case signalReview
    case signal(id: String)
    case signalRespond(id: String)
    case alert(id: String)
    case alertAssign(id: String)
    case alertClose(id: String)
    case apiData
    case apiSignals
    case apiRisk
    // Citizens' appeals (S9) and the working-day calendar.
    case appeals
    case appealNew
    case appeal(id: String)
    case appealStep(id: String)
    case appealSignal(id: String)
    case appealStatus(token: String)
    case appealChallenge(token: String)
    case appealFollow(token: String)
    case appealsMine
    case appealMine(id: String)
    case appealMineChallenge(id: String)
    case appealStatistics
    case appealAnswers
    case appealStatisticsCSV
    case apiAppealStatistics
    case apiAppeals
    case apiAppeal(id: String)
    case workingCalendar
    case workingCalendarRemove
    // Mediation (S7).
    case mediators
    case mediatorNew
    case mediatorStatus(id: String)
    case mediationCases
    case mediationCaseNew
    case mediationCase(id: String)
    case mediationStep(id: String)
    case mediationBreakGlass(id: String)
    case mediationAgreement(id: String)
    case mediationAgreementPDF(id: String)
    // The charity ledger (S8).
    case charity
    case campaignNew
    case campaign(code: String)
    case campaignDonation(code: String)
    case campaignReverse(code: String)
    case receipt(number: String)
    case receiptReissue(number: String)
    case campaignDisbursements(code: String)
    case campaignImport(code: String)
    case donorStatement
    case donorStatementPDF
    case apiCharityCampaigns
    case apiCharityTreeHeads
    case apiCharityReceipt(number: String)
    case apiCharityConsistency
    case charityReport
    case charityReportCSV
    case apiCharityReport
    case apiCampaignTransactions(code: String)
    case disbursementStep(code: String, id: String)
    // Grants and awards to NGOs (S10) and the expert-review engine (S21).
    case grants
    case grantLotNew
    case grantLot(code: String)
    case grantLotPublish(code: String)
    case grantCallNew
    case grantCall(code: String)
    case grantApply(code: String)
    case grantMinutes(code: String)
    case grantNominationFinalise(code: String, lot: String)
    case grantApplication(id: String)
    case grantApplicationStep(id: String)
    case grantApplicationRevise(id: String)
    case grantApplicationFiles(id: String)
    case grantApplicationFile(id: String, sha256: String)
    case grantApplicationReviewers(id: String)
    case grants360JSON
    case grants360CSV
    case apiGrants
    case reviews
    case review(id: String)
    case reviewStep(id: String)
    case reviewFile(id: String, sha256: String)
    case mediationStatistics
    // The calendar of events and the holiday register (S15).
    case events
    case eventNew
    case eventFeed
    case holidays
    case holidaysFeed
    case event(code: String)
    case eventStep(code: String)
    case eventRegister(code: String)
    case eventCalendar(code: String)
    case eventPhotos(code: String)
    case eventPhoto(code: String, sha256: String)
    case registrationModerate(code: String, id: String)
    case registration(token: String)
    case registrationCancel(token: String)
    case registrationFeed(token: String)
    case checkIn(token: String)
    // Open data and the news (S16).
    case openData
    case news
    case newsNew
    case newsFeed
    case newsItem(code: String)
    case newsStep(code: String)
    case encyclopedia
    case articleNew
    case article(slug: String)
    case articleHistory(slug: String)
    case articleDiff(slug: String)
    case articleRevise(slug: String)
    case articleApprove(slug: String)
    case apiArticle(slug: String)
    case mediaPlan
    case mediaPlanNew
    case mediaPlanItem(code: String)
    case mediaPlanStep(code: String)
    case library
    case libraryNew
    case libraryItem(code: String)
    case libraryStep(code: String)
    case libraryFile(code: String)
    case oai
    // Courses and certificates (S13, S17).
    case courses
    case courseNew
    case courseResults
    case course(code: String)
    case courseGroups(code: String)
    case courseGroup(code: String)
    case courseGroupEnrol(code: String)
    case courseGroupAttendance(code: String)
    case courseGroupCalendar(code: String)
    case courseLearner(id: String)
    case learning(token: String)
    case certificate(code: String)
    case certificateBadge(code: String)
    case certificateIssuer
    // International cooperation (S20).
    case cooperation
    case cooperationPartners
    case cooperationPartner(code: String)
    case cooperationAgreementNew
    case cooperationAgreement(code: String)
    case cooperationAgreementStep(code: String)
    // Youth and social lifts (S18).
    case youth
    case youthNew
    case youthStatistics
    case youthInitiative(code: String)
    case youthStep(code: String)
    case youthSignUp(code: String)
    case youthVerify(id: String)
    case volunteer(token: String)
    case volunteerPortfolio(token: String)
    case practices
    case practiceNew
    case practiceMap
    case practice(code: String)
    case practiceEdit(code: String)
    case practiceTranslate(code: String)
    case practiceEvidence(code: String)
    case practiceStep(code: String)
    case practiceReviewer(code: String)
    case practiceAdopt(code: String)
    case openDataCatalog
    case openDataset(id: String)
    case openDatasetJSONLD(id: String)
    case openDataFile(dataset: String, file: String)
    case openDataPublish(id: String)
    // Public control by the councils of public accord.
    case publicControl
    case publicControlNew
    case publicControlCase(id: String)
    case publicControlStep(id: String)

    /// The path a link points at.
    public var path: String {
        switch self {
        case .home: "/"
        case .directory: "/directory"
        case .directoryCSV: "/directory.csv"
        case .map: "/map"
        case let .organization(code): "/organizations/\(code)"
        case .organizationNew: "/organizations/new"
        case let .organizationEdit(code): "/organizations/\(code)/edit"
        case let .organizationDelete(code): "/organizations/\(code)/delete"
        case let .organizationPeople(code): "/organizations/\(code)/people"
        case let .personDelete(code, id): "/organizations/\(code)/people/\(id)/delete"
        case .users: "/admin/users"
        case let .user(id): "/admin/users/\(id)"
        case .accountPassword: "/account/password"
        case .regions: "/regions"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case let .language(language): "/language/\(language.rawValue)"
        case let .script(script): "/script/\(script.rawValue)"
        case .audit: "/admin/audit"
        case .stylesheet: "/static/birlik.css"
        case .health: "/health"
        case .liveness: "/health/live"
        case .metrics: "/metrics"
        case .openAPI: "/api/openapi.json"
        case .apiRegions: "/api/v1/regions"
        case .apiOrganizations: "/api/v1/organizations"
        case let .apiOrganization(code): "/api/v1/organizations/\(code)"
        case .apiToken: "/api/v1/auth/token"
        case .strategy: "/strategy"
        case .plans: "/plans"
        case .planNew: "/plans/new"
        case let .plan(code): "/plans/\(code)"
        case let .planEdit(code): "/plans/\(code)/edit"
        case let .planStatus(code): "/plans/\(code)/status"
        case let .planVersions(code): "/plans/\(code)/versions"
        case let .planExport(code): "/plans/\(code)/export.xlsx"
        case let .planImport(code): "/plans/\(code)/import"
        case let .measureNew(plan): "/plans/\(plan)/measures/new"
        case .measures: "/measures"
        case let .measure(id): "/measures/\(id)"
        case let .measureEdit(id): "/measures/\(id)/edit"
        case let .measureDelete(id): "/measures/\(id)/delete"
        case let .report(id): "/reports/\(id)"
        case let .reportEnter(id): "/reports/\(id)/enter"
        case let .reportDecide(id): "/reports/\(id)/decide"
        case let .reportAttachments(id): "/reports/\(id)/attachments"
        case let .reportAttachment(id, sha256): "/reports/\(id)/attachments/\(sha256)"
        case let .reportAttachmentRemove(id, sha256): "/reports/\(id)/attachments/\(sha256)/remove"
        case .myWork: "/my-work"
        case .instructions: "/instructions"
        case .instructionNew: "/instructions/new"
        case let .instruction(id): "/instructions/\(id)"
        case let .instructionStep(id): "/instructions/\(id)/step"
        case .dashboard: "/dashboard"
        case .annualReport: "/annual-report"
        case .apiPlans: "/api/v1/plans"
        case .apiMeasures: "/api/v1/measures"
        case .apiDashboardSummary: "/api/v1/dashboard/summary"
        case .statistics: "/statistics"
        case .statisticsEntry: "/statistics/entry"
        case .statisticsImport: "/statistics/import"
        case .statisticsImportRun: "/statistics/import/run"
        case let .statisticsImportJob(id): "/statistics/import/jobs/\(id)"
        case .statisticsValidation: "/statistics/validation"
        case .statisticsApproval: "/statistics/approval"
        case .earlyWarning: "/early-warning"
        case .earlyWarningPublish: "/early-warning/publish"
        case .signals: "/signals"
        case .corpus: "/corpus"
        case .corpusFrequency: "/corpus/frequency"
        case .corpusCollocations: "/corpus/collocations"
        case let .corpusDocument(id): "/corpus/documents/\(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "#", "?"])) ?? id)"
        case .apiCorpusSearch: "/api/v1/corpus/search"
        case .corpusSubmissions: "/corpus/submissions"
        case let .corpusSubmission(id): "/corpus/submissions/\(id)"
        case let .corpusSubmissionReview(id): "/corpus/submissions/\(id)/review"
        case .signalNew: "/signals/new"
        case .signalReview: "/signals/review"
        case let .signal(id): "/signals/\(id)"
        case let .signalRespond(id): "/signals/\(id)/respond"
        case let .alert(id): "/early-warning/alerts/\(id)"
        case let .alertAssign(id): "/early-warning/alerts/\(id)/assign"
        case let .alertClose(id): "/early-warning/alerts/\(id)/close"
        case .apiData: "/api/v1/data"
        case .apiSignals: "/api/v1/signals"
        case .apiRisk: "/api/v1/risk"
        case .appeals: "/appeals"
        case .appealNew: "/appeals/new"
        case let .appeal(id): "/appeals/\(id)"
        case let .appealStep(id): "/appeals/\(id)/step"
        case let .appealSignal(id): "/appeals/\(id)/signal"
        case let .appealStatus(token): "/appeals/status/\(token)"
        case let .appealChallenge(token): "/appeals/status/\(token)/challenge"
        case let .appealFollow(token): "/appeals/status/\(token)/follow"
        case .appealsMine: "/appeals/mine"
        case let .appealMine(id): "/appeals/mine/\(id)"
        case let .appealMineChallenge(id): "/appeals/mine/\(id)/challenge"
        case .appealStatistics: "/appeals/statistics"
        case .appealAnswers: "/appeals/answers"
        case .appealStatisticsCSV: "/appeals/statistics.csv"
        case .apiAppealStatistics: "/api/v1/appeals/statistics"
        case .apiAppeals: "/api/v1/appeals"
        case let .apiAppeal(id): "/api/v1/appeals/\(id)"
        case .workingCalendar: "/calendar"
        case .workingCalendarRemove: "/calendar/remove"
        case .mediators: "/mediators"
        case .mediatorNew: "/mediators/new"
        case let .mediatorStatus(id): "/mediators/\(id)/status"
        case .mediationCases: "/mediation"
        case .mediationCaseNew: "/mediation/new"
        case let .mediationCase(id): "/mediation/\(id)"
        case let .mediationStep(id): "/mediation/\(id)/step"
        case let .mediationBreakGlass(id): "/mediation/\(id)/break-glass"
        case let .mediationAgreement(id): "/mediation/\(id)/agreement.docx"
        case let .mediationAgreementPDF(id): "/mediation/\(id)/agreement.pdf"
        case .charity: "/charity"
        case .campaignNew: "/charity/new"
        case let .campaign(code): "/charity/\(code)"
        case let .campaignDonation(code): "/charity/\(code)/donations"
        case let .campaignReverse(code): "/charity/\(code)/reverse"
        case let .receipt(number): "/charity/receipts/\(number)"
        case let .receiptReissue(number): "/charity/receipts/\(number)/reissue"
        case let .campaignDisbursements(code): "/charity/\(code)/disbursements"
        case let .campaignImport(code): "/charity/\(code)/import"
        case .donorStatement: "/charity/statement"
        case .donorStatementPDF: "/charity/statement.pdf"
        case .apiCharityCampaigns: "/api/v1/charity/campaigns"
        case .apiCharityTreeHeads: "/api/v1/charity/tree-heads"
        case .apiCharityConsistency: "/api/v1/charity/consistency"
        case .charityReport: "/charity/report"
        case .charityReportCSV: "/charity/report.csv"
        case .apiCharityReport: "/api/v1/charity/report"
        case let .apiCampaignTransactions(code): "/api/v1/charity/campaigns/\(code)/transactions"
        case let .apiCharityReceipt(number): "/api/v1/charity/receipts/\(number)"
        case let .disbursementStep(code, id): "/charity/\(code)/disbursements/\(id)/step"
        case .grants: "/grants"
        case .grantLotNew: "/grants/lots/new"
        case let .grantLot(code): "/grants/lots/\(code)"
        case let .grantLotPublish(code): "/grants/lots/\(code)/publish"
        case .grantCallNew: "/grants/calls/new"
        case let .grantCall(code): "/grants/calls/\(code)"
        case let .grantApply(code): "/grants/calls/\(code)/apply"
        case let .grantMinutes(code): "/grants/calls/\(code)/minutes"
        case let .grantNominationFinalise(code, lot): "/grants/calls/\(code)/nominations/\(lot)/finalise"
        case let .grantApplication(id): "/grants/applications/\(id)"
        case let .grantApplicationStep(id): "/grants/applications/\(id)/step"
        case let .grantApplicationRevise(id): "/grants/applications/\(id)/revise"
        case let .grantApplicationFiles(id): "/grants/applications/\(id)/files"
        case let .grantApplicationFile(id, sha256): "/grants/applications/\(id)/files/\(sha256)"
        case let .grantApplicationReviewers(id): "/grants/applications/\(id)/reviewers"
        case .grants360JSON: "/grants/360giving.json"
        case .grants360CSV: "/grants/360giving.csv"
        case .apiGrants: "/api/v1/grants"
        case .reviews: "/reviews"
        case let .review(id): "/reviews/\(id)"
        case let .reviewStep(id): "/reviews/\(id)/step"
        case let .reviewFile(id, sha256): "/reviews/\(id)/files/\(sha256)"
        case .mediationStatistics: "/mediation/statistics"
        case .events: "/events"
        case .eventNew: "/events/new"
        case .eventFeed: "/events/feed.ics"
        case .holidays: "/events/holidays"
        case .holidaysFeed: "/events/holidays.ics"
        case let .event(code): "/events/\(code)"
        case let .eventStep(code): "/events/\(code)/step"
        case let .eventRegister(code): "/events/\(code)/register"
        case let .eventCalendar(code): "/events/\(code)/calendar.ics"
        case let .eventPhotos(code): "/events/\(code)/photos"
        case let .eventPhoto(code, sha256): "/events/\(code)/photos/\(sha256)"
        case let .registrationModerate(code, id): "/events/\(code)/registrations/\(id)/moderate"
        case let .registration(token): "/events/registrations/\(token)"
        case let .registrationCancel(token): "/events/registrations/\(token)/cancel"
        case let .registrationFeed(token): "/events/registrations/\(token)/calendar.ics"
        case let .checkIn(token): "/events/check-in/\(token)"
        case .openData: "/open-data"
        case .news: "/news"
        case .newsNew: "/news/new"
        case .newsFeed: "/news/feed.atom"
        case let .newsItem(code): "/news/\(code)"
        case let .newsStep(code): "/news/\(code)/step"
        case .encyclopedia: "/encyclopedia"
        case .articleNew: "/encyclopedia/new"
        case let .article(slug): "/encyclopedia/\(slug)"
        case let .articleHistory(slug): "/encyclopedia/\(slug)/history"
        case let .articleDiff(slug): "/encyclopedia/\(slug)/diff"
        case let .articleRevise(slug): "/encyclopedia/\(slug)/revise"
        case let .articleApprove(slug): "/encyclopedia/\(slug)/approve"
        case let .apiArticle(slug): "/api/v1/encyclopedia/\(slug)"
        case .mediaPlan: "/media-plan"
        case .mediaPlanNew: "/media-plan/new"
        case let .mediaPlanItem(code): "/media-plan/\(code)"
        case let .mediaPlanStep(code): "/media-plan/\(code)/step"
        case .library: "/library"
        case .libraryNew: "/library/new"
        case let .libraryItem(code): "/library/\(code)"
        case let .libraryStep(code): "/library/\(code)/step"
        case let .libraryFile(code): "/library/\(code)/file"
        case .oai: "/oai"
        case .courses: "/courses"
        case .courseNew: "/courses/new"
        case .courseResults: "/courses/results"
        case let .course(code): "/courses/\(code)"
        case let .courseGroups(code): "/courses/\(code)/groups"
        case let .courseGroup(code): "/courses/groups/\(code)"
        case let .courseGroupEnrol(code): "/courses/groups/\(code)/enrol"
        case let .courseGroupAttendance(code): "/courses/groups/\(code)/attendance"
        case let .courseGroupCalendar(code): "/courses/groups/\(code)/calendar.ics"
        case let .courseLearner(id): "/courses/learners/\(id)"
        case let .learning(token): "/learning/\(token)"
        case let .certificate(code): "/certificates/\(code)"
        case let .certificateBadge(code): "/certificates/\(code)/badge.jwt"
        case .certificateIssuer: "/certificates/issuer"
        case .cooperation: "/cooperation"
        case .cooperationPartners: "/cooperation/partners"
        case let .cooperationPartner(code): "/cooperation/partners/\(code)"
        case .cooperationAgreementNew: "/cooperation/agreements/new"
        case let .cooperationAgreement(code): "/cooperation/agreements/\(code)"
        case let .cooperationAgreementStep(code): "/cooperation/agreements/\(code)/step"
        case .youth: "/youth"
        case .youthNew: "/youth/new"
        case .youthStatistics: "/youth/statistics"
        case let .youthInitiative(code): "/youth/\(code)"
        case let .youthStep(code): "/youth/\(code)/step"
        case let .youthSignUp(code): "/youth/\(code)/sign-up"
        case let .youthVerify(id): "/youth/participations/\(id)"
        case let .volunteer(token): "/volunteers/\(token)"
        case let .volunteerPortfolio(token): "/volunteers/\(token)/portfolio.pdf"
        case .practices: "/practices"
        case .practiceNew: "/practices/new"
        case .practiceMap: "/practices/adoptions"
        case let .practice(code): "/practices/\(code)"
        case let .practiceEdit(code): "/practices/\(code)/edit"
        case let .practiceTranslate(code): "/practices/\(code)/translate"
        case let .practiceEvidence(code): "/practices/\(code)/evidence"
        case let .practiceStep(code): "/practices/\(code)/step"
        case let .practiceReviewer(code): "/practices/\(code)/reviewers"
        case let .practiceAdopt(code): "/practices/\(code)/adoptions"
        case .openDataCatalog: "/open-data/catalog.jsonld"
        case let .openDataset(id): "/open-data/\(id)"
        case let .openDatasetJSONLD(id): "/open-data/\(id)/dataset.jsonld"
        case let .openDataFile(dataset, file): "/open-data/\(dataset)/\(file)"
        case let .openDataPublish(id): "/open-data/\(id)/publish"
        case .publicControl: "/public-control"
        case .publicControlNew: "/public-control/new"
        case let .publicControlCase(id): "/public-control/\(id)"
        case let .publicControlStep(id): "/public-control/\(id)/step"
        }
    }

    /// The route pattern, with `:code` style parameters.
    public var pattern: [PathComponent] {
        switch self {
        case .organization: ["organizations", ":code"]
        case .organizationEdit: ["organizations", ":code", "edit"]
        case .organizationDelete: ["organizations", ":code", "delete"]
        case .organizationPeople: ["organizations", ":code", "people"]
        case .personDelete: ["organizations", ":code", "people", ":person", "delete"]
        case .language: ["language", ":value"]
        case .user: ["admin", "users", ":id"]
        case .script: ["script", ":value"]
        case .apiOrganization: ["api", "v1", "organizations", ":code"]
        case .plan: ["plans", ":code"]
        case .planEdit: ["plans", ":code", "edit"]
        case .planStatus: ["plans", ":code", "status"]
        case .planVersions: ["plans", ":code", "versions"]
        case .planExport: ["plans", ":code", "export.xlsx"]
        case .planImport: ["plans", ":code", "import"]
        case .measureNew: ["plans", ":code", "measures", "new"]
        case .measure: ["measures", ":id"]
        case .measureEdit: ["measures", ":id", "edit"]
        case .measureDelete: ["measures", ":id", "delete"]
        case .report: ["reports", ":id"]
        case .reportEnter: ["reports", ":id", "enter"]
        case .reportDecide: ["reports", ":id", "decide"]
        case .reportAttachments: ["reports", ":id", "attachments"]
        case .reportAttachment: ["reports", ":id", "attachments", ":sha256"]
        case .reportAttachmentRemove: ["reports", ":id", "attachments", ":sha256", "remove"]
        case .instruction: ["instructions", ":id"]
        case .instructionStep: ["instructions", ":id", "step"]
        case .statisticsImportJob: ["statistics", "import", "jobs", ":id"]
        case .signal: ["signals", ":id"]
        case .corpusDocument: ["corpus", "documents", ":id"]
        case .corpusSubmission: ["corpus", "submissions", ":id"]
        case .corpusSubmissionReview: ["corpus", "submissions", ":id", "review"]
        case .signalRespond: ["signals", ":id", "respond"]
        case .alert: ["early-warning", "alerts", ":id"]
        case .alertAssign: ["early-warning", "alerts", ":id", "assign"]
        case .alertClose: ["early-warning", "alerts", ":id", "close"]
        case .appeal: ["appeals", ":id"]
        case .apiAppeal: ["api", "v1", "appeals", ":id"]
        case .appealStep: ["appeals", ":id", "step"]
        case .appealSignal: ["appeals", ":id", "signal"]
        case .appealStatus: ["appeals", "status", ":token"]
        case .appealChallenge: ["appeals", "status", ":token", "challenge"]
        case .appealFollow: ["appeals", "status", ":token", "follow"]
        case .appealMine: ["appeals", "mine", ":id"]
        case .appealMineChallenge: ["appeals", "mine", ":id", "challenge"]
        case .mediatorStatus: ["mediators", ":id", "status"]
        case .publicControlCase: ["public-control", ":id"]
        case .publicControlStep: ["public-control", ":id", "step"]
        case .mediationCase: ["mediation", ":id"]
        case .mediationStep: ["mediation", ":id", "step"]
        case .mediationBreakGlass: ["mediation", ":id", "break-glass"]
        case .mediationAgreement: ["mediation", ":id", "agreement.docx"]
        case .mediationAgreementPDF: ["mediation", ":id", "agreement.pdf"]
        case .campaign: ["charity", ":code"]
        case .campaignDonation: ["charity", ":code", "donations"]
        case .campaignReverse: ["charity", ":code", "reverse"]
        case .receipt: ["charity", "receipts", ":number"]
        case .receiptReissue: ["charity", "receipts", ":number", "reissue"]
        case .campaignDisbursements: ["charity", ":code", "disbursements"]
        case .campaignImport: ["charity", ":code", "import"]
        case .apiCharityReceipt: ["api", "v1", "charity", "receipts", ":number"]
        case .apiCampaignTransactions: ["api", "v1", "charity", "campaigns", ":campaign", "transactions"]
        case .disbursementStep: ["charity", ":code", "disbursements", ":id", "step"]
        case .grantLot: ["grants", "lots", ":code"]
        case .grantLotPublish: ["grants", "lots", ":code", "publish"]
        case .grantCall: ["grants", "calls", ":code"]
        case .grantApply: ["grants", "calls", ":code", "apply"]
        case .grantMinutes: ["grants", "calls", ":code", "minutes"]
        case .grantNominationFinalise: ["grants", "calls", ":code", "nominations", ":lot", "finalise"]
        case .grantApplication: ["grants", "applications", ":id"]
        case .grantApplicationStep: ["grants", "applications", ":id", "step"]
        case .grantApplicationRevise: ["grants", "applications", ":id", "revise"]
        case .grantApplicationFiles: ["grants", "applications", ":id", "files"]
        case .grantApplicationFile: ["grants", "applications", ":id", "files", ":sha256"]
        case .grantApplicationReviewers: ["grants", "applications", ":id", "reviewers"]
        case .review: ["reviews", ":id"]
        case .event: ["events", ":code"]
        case .eventStep: ["events", ":code", "step"]
        case .eventRegister: ["events", ":code", "register"]
        case .eventCalendar: ["events", ":code", "calendar.ics"]
        case .eventPhotos: ["events", ":code", "photos"]
        case .eventPhoto: ["events", ":code", "photos", ":sha256"]
        case .registrationModerate: ["events", ":code", "registrations", ":id", "moderate"]
        case .registration: ["events", "registrations", ":token"]
        case .registrationCancel: ["events", "registrations", ":token", "cancel"]
        case .registrationFeed: ["events", "registrations", ":token", "calendar.ics"]
        case .checkIn: ["events", "check-in", ":token"]
        case .openDataset: ["open-data", ":dataset"]
        case .newsItem: ["news", ":code"]
        case .newsStep: ["news", ":code", "step"]
        case .article: ["encyclopedia", ":slug"]
        case .articleHistory: ["encyclopedia", ":slug", "history"]
        case .articleDiff: ["encyclopedia", ":slug", "diff"]
        case .articleRevise: ["encyclopedia", ":slug", "revise"]
        case .articleApprove: ["encyclopedia", ":slug", "approve"]
        case .apiArticle: ["api", "v1", "encyclopedia", ":slug"]
        case .mediaPlanItem: ["media-plan", ":code"]
        case .mediaPlanStep: ["media-plan", ":code", "step"]
        case .libraryItem: ["library", ":code"]
        case .libraryStep: ["library", ":code", "step"]
        case .libraryFile: ["library", ":code", "file"]
        case .course: ["courses", ":code"]
        case .courseGroups: ["courses", ":code", "groups"]
        case .courseGroup: ["courses", "groups", ":code"]
        case .courseGroupEnrol: ["courses", "groups", ":code", "enrol"]
        case .courseGroupAttendance: ["courses", "groups", ":code", "attendance"]
        case .courseGroupCalendar: ["courses", "groups", ":code", "calendar.ics"]
        case .courseLearner: ["courses", "learners", ":id"]
        case .learning: ["learning", ":token"]
        case .certificate: ["certificates", ":code"]
        case .certificateBadge: ["certificates", ":code", "badge.jwt"]
        case .cooperationPartner: ["cooperation", "partners", ":code"]
        case .cooperationAgreement: ["cooperation", "agreements", ":code"]
        case .cooperationAgreementStep: ["cooperation", "agreements", ":code", "step"]
        case .youthInitiative: ["youth", ":code"]
        case .youthStep: ["youth", ":code", "step"]
        case .youthSignUp: ["youth", ":code", "sign-up"]
        case .youthVerify: ["youth", "participations", ":id"]
        case .volunteer: ["volunteers", ":token"]
        case .volunteerPortfolio: ["volunteers", ":token", "portfolio.pdf"]
        case .practice: ["practices", ":code"]
        case .practiceEdit: ["practices", ":code", "edit"]
        case .practiceTranslate: ["practices", ":code", "translate"]
        case .practiceEvidence: ["practices", ":code", "evidence"]
        case .practiceStep: ["practices", ":code", "step"]
        case .practiceReviewer: ["practices", ":code", "reviewers"]
        case .practiceAdopt: ["practices", ":code", "adoptions"]
        case .openDatasetJSONLD: ["open-data", ":dataset", "dataset.jsonld"]
        case .openDataFile: ["open-data", ":dataset", ":file"]
        case .openDataPublish: ["open-data", ":dataset", "publish"]
        case .reviewStep: ["reviews", ":id", "step"]
        case .reviewFile: ["reviews", ":id", "files", ":sha256"]
        default: path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        }
    }

    /// The path with a query string; empty values are left out.
    public func with(_ query: [(String, String?)]) -> String {
        let items = query.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? value
            return "\(key)=\(encoded)"
        }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        get(url.pattern, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        post(url.pattern, use: handler)
    }
}
