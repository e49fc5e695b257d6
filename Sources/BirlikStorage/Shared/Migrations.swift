import FluentKit

/// Every migration of Birlik, in the order they run. Each part of the mission appends its own batch.
public enum BirlikMigrations {
    public static let all: [any Migration] = [
        CreateRegions(),
        CreateOrganizations(),
        CreatePeople(),
        CreateUsers(),
        CreateAuthTokens(),
        CreateAuditLog(),
        CreateStoredFiles(),
        // Batch 002: the control loop (S2–S5).
        CreatePlans(),
        CreatePlanVersions(),
        CreateMeasures(),
        CreateMeasureTasks(),
        CreateReports(),
        CreateMeasureEvents(),
        CreateNotifications(),
        CreateInstructions(),
        CreateSignedDocuments(),
        CreateReportAttachments(),
        CreateMeasureNodes(),
        // Batch 003: the statistical database and early warning (S6).
        CreateDataValues(),
        CreateSignals(),
        // Batch 004: the national corpus (S12).
        CreateCorpusSubmissions(),
        // Batch 005: who uploaded which stored file.
        CreateFileUploads(),
        AddUserDisabledAt(),
        // Batch 006: the working-day calendar, citizens' appeals (S9), mediation (S7).
        CreateAppeals(),
        CreateMediation(),
        CreatePublicControl(),
        // Batch 007: accounts that follow appeals; the mediation agreement as PDF.
        AddAppealFollower(),
        AddMediationAgreementPDF(),
        // Batch 008: the charity ledger (S8).
        CreateCharityLedger(),
        CreateDisbursements(),
        // Batch 009: organisations' BINs; grants and awards (S10), the review engine (S21).
        AddOrganizationBIN(),
        CreateGrants(),
        CreateReceiptVersions(),
        // Batch 010: the calendar of events (S15), open data's versions, the news, the encyclopedia, the media plan (S16).
        CreateEvents(),
        CreateDatasetVersions(),
        CreateNews(),
        CreateEncyclopedia(),
        CreateMediaPlan(),
        // Batch 011: the digital library and depository (S16); the terms index of the word search.
        CreateLibrary(),
        CreateSearchTerms(),
        CreateCourses(),
        CreateCooperation(),
        CreateYouth(),
        // Batch 013: the base of good practices (S19).
        CreatePractices(),
        // Batch 014: the public directory's order in an index.
        AddPublicDirectoryOrder(),
        // Batch 015: stored files' bytes in the shared database; background imports' progress.
        CreateStoredFileContents(),
        CreateImportJobs(),
    ]
}
