import ArgumentParser
import BirlikCore
import BirlikWeb
import Foundation

/// The `birlik` command: the server and its operations. Each subcommand calls one function of `Commands`.
@main
struct Birlik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "birlik",
        abstract: "Birlik — the information system of the Assembly of People of Kazakhstan.",
        subcommands: [Serve.self, ImportCommand.self, Migrate.self, Seed.self, UserCommand.self, AuditCommand.self, BackupCommand.self,
                      RestoreCommand.self, I18nCommand.self, ReportCommand.self, RemindCommand.self, CorpusCommand.self, MailCommand.self,
                      LedgerCommand.self, OpenDataCommand.self],
        defaultSubcommand: Serve.self)

    /// The language of a command's messages: `--language`, else the one `LANG` names, else English.
    static func localizer(_ language: String?) -> Localizer {
        let fromEnvironment = Language(rawValue: String((ProcessInfo.processInfo.environment["LANG"] ?? "en").prefix(2)).lowercased())
        return Localizer(language.flatMap(Language.init(rawValue:)) ?? fromEnvironment ?? .en)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the server; on an empty data directory, migrate and load the reference and demo data.")

    @Option(help: "Port to listen on (default BIRLIK_PORT or 8080).") var port: Int?
    @Flag(help: "Do not load the demo data set into an empty database.") var noDemo = false
    @Flag(help: "Load the demo data set into an empty database even when listening beyond this machine.") var demo = false

    func validate() throws {
        if demo && noDemo { throw ValidationError("--demo and --no-demo exclude each other") }
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
    }

    func run() async throws {
        var configuration = try BirlikConfiguration.fromEnvironment()
        if let port { configuration.port = port }
        try await Commands.serve(configuration, clock: try BirlikConfiguration.clock(), demo: demo ? true : noDemo ? false : nil)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")

    func run() async throws {
        try await Commands.migrate(try .fromEnvironment(), clock: try BirlikConfiguration.clock())
        print("Migrations complete.")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the reference data (regions, institutions); the demo set with --demo.")

    @Flag(help: "Also load the clearly marked demo data set and demo users.") var demo = false
    @Option(help: "Also generate this many organisations (for benchmarks, 1 to 1,000,000).") var generate: Int?

    func validate() throws {
        if let generate, !(1...1_000_000).contains(generate) { throw ValidationError("--generate must be from 1 to 1000000") }
    }

    func run() async throws {
        let count = try await Commands.seed(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), demo: demo, generate: generate)
        print("Reference data loaded\(demo ? " with the demo set" : ""): \(count) organisations.")
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user bound to an organisation.")

        @Option(help: "E-mail address (the sign-in name).") var email: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Code of the user's organisation (e.g. public-accord-kz-75).") var org: String?
        @Option(help: "Display name.") var name: String?
        @Option(help: "Password (read from BIRLIK_PASSWORD when absent).") var password: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role '\(role)'") }
            guard let password = password ?? ProcessInfo.processInfo.environment["BIRLIK_PASSWORD"] else {
                throw ValidationError("give --password or set BIRLIK_PASSWORD")
            }
            do {
                let email = try await Commands.createUser(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), email: email, password: password, role: role,
                                                          organization: org, name: name)
                print("Created \(email) (\(role.rawValue)).")
            } catch let failure as CommandFailure {
                throw ValidationError(failure.description)
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self, Checkpoint.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain and the signed checkpoints; exit 1 naming the first broken entry.")

        @Option(help: "Also check the checkpoints in this file (lines printed by `birlik audit checkpoint`, kept elsewhere).")
        var checkpoints: String?

        func run() async throws {
            let report = try await Commands.verifyAudit(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), exported: checkpoints)
            if let broken = report.firstBroken {
                print("BROKEN: audit entry \(broken.sequence): \(broken.reason.rawValue) (\(report.checked) entries read)")
                throw ExitCode(1)
            }
            print("OK: the audit chain is whole (\(report.checked) entries).")
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the audit chain's head now and print the checkpoint as one JSON line to keep outside this machine.")

        func run() async throws {
            guard let checkpoint = try await Commands.auditCheckpoint(try .fromEnvironment(), clock: try BirlikConfiguration.clock()) else {
                print("The audit log is empty: nothing to sign.")
                return
            }
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = .sortedKeys
            print(String(decoding: try encoder.encode(checkpoint), as: UTF8.self))
        }
    }
}

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "The charity ledger's Merkle tree log.",
                                                    subcommands: [Verify.self, Sign.self, Check.self, Import.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every entry's leaf hash and the tree, check every signed tree head; exit 1 naming the first bad entry.")

        func run() async throws {
            let report = try await Commands.verifyLedger(try .fromEnvironment(), clock: try BirlikConfiguration.clock())
            if let problem = report.firstProblem {
                print("BROKEN: \(problem) (\(report.entries) entries read)")
                throw ExitCode(1)
            }
            print("OK: the ledger is whole (\(report.entries) entries, \(report.heads) signed tree heads).")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a bank statement's donations (CSV: date, amount, optional public name) into a campaign; all or nothing. Exit 1 listing every problem.")

        @Option(help: "The campaign's code (C-2026-0001).") var campaign: String
        @Argument(help: "The bank statement CSV.") var file: String
        @Option(help: "The language of the messages: kk, ru or en (default: from LANG).") var language: String?

        func run() async throws {
            let l10n = Birlik.localizer(language)
            do {
                let written = try await Commands.importDonations(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), campaign: campaign, file: file) { count in
                    FileHandle.standardError.write(Data("\r\(count) donations".utf8))
                }
                FileHandle.standardError.write(Data("\n".utf8))
                print(l10n(.charityImported, ["count": String(written)]))
            } catch let failure as ImportFailure {
                FileHandle.standardError.write(Data("\n".utf8))
                print(l10n(.importProblems, ["count": String(failure.problems.count + failure.more)]))
                for problem in failure.problems { print(problem.message(l10n)) }
                throw ExitCode(1)
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a proof offline: a receipt (/api/v1/charity/receipts/N) or a consistency proof (/api/v1/charity/consistency); exit 1 unless it holds.")

        @Argument(help: "The proof's JSON file.") var file: String
        @Option(help: "The trusted public key (base64 Ed25519) the tree heads must be signed with; without it, the key the file names.") var key: String?

        func run() async throws {
            let proof = try LedgerProof.read(try Data(contentsOf: URL(fileURLWithPath: file)))
            let trusted = try key.map { text -> Data in
                guard let data = Data(base64Encoded: text) else { throw ValidationError("--key must be base64") }
                return data
            }
            switch proof.check(trustedKey: trusted) {
            case let .success(what):
                print("OK: \(what)" + (trusted == nil ? " (signed by the key the file names; pass --key to trust a key of your own)" : "."))
            case let .failure(problem):
                print("REFUSED: \(problem)")
                throw ExitCode(1)
            }
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign the ledger's tree head now (the server does it with its scheduled reminders).")

        func run() async throws {
            guard let head = try await Commands.signLedger(try .fromEnvironment(), clock: try BirlikConfiguration.clock()) else {
                print("The ledger is empty: nothing to sign.")
                return
            }
            print("Signed tree head: \(head.size) entries, root \(head.root)")
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "The annual report to the Head of State.",
                                                    subcommands: [Annual.self, Verify.self])

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate and sign the annual report for a year (writes FILE and FILE.sig.json).")

        @Option(help: "The year reported on.") var year: Int
        @Option(help: "Language: kk, ru or en.") var lang: String = "kk"
        @Option(help: "Format: docx, pdf or html.") var format: String = "docx"
        @Option(help: "The file to write.") var out: String

        func run() async throws {
            guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be kk, ru or en") }
            guard let format = AnnualReportService.Format(rawValue: format) else { throw ValidationError("--format must be docx, pdf or html") }
            guard PlanDraft.allowedYears.contains(year) else { throw ValidationError("--year must be between 2015 and 2035") }
            let signature = try await Commands.annualReport(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), year: year, language: language, format: format, out: out)
            print("Written \(out) (sha256 \(signature.sha256)), signed; signature in \(out).sig.json.")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a generated report: exit 0 when untouched, 1 when changed or unsigned.")

        @Argument(help: "The report file (its FILE.sig.json is used when present).") var file: String

        func run() async throws {
            switch try await Commands.verifyReport(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), file: file) {
            case .untouched?:
                print("OK: \(file) is untouched and signed by this Birlik.")
            case .changed?:
                print("CHANGED: \(file) is not the document that was signed.")
                throw ExitCode(1)
            case .badSignature?:
                print("BAD SIGNATURE: \(file) carries a signature this Birlik did not make.")
                throw ExitCode(1)
            case nil:
                print("UNSIGNED: Birlik never signed these bytes (changed, or not generated here).")
                throw ExitCode(1)
            }
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data into the statistical database.", subcommands: [Values.self])

    struct Values: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import values from a CSV (UTF-8 or Windows-1251) or XLSX file; all or nothing. Exit 1 listing every problem by row and column.")

        @Argument(help: "The CSV or XLSX file.") var file: String
        @Flag(help: "Check the file without writing anything.") var dryRun = false
        @Option(help: "The language of the messages: kk, ru or en (default: from LANG).") var language: String?

        func run() async throws {
            let l10n = Birlik.localizer(language)
            do {
                let summary = try await Commands.importValues(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), file: file, dryRun: dryRun) { rows in
                    FileHandle.standardError.write(Data("\r\(rows) rows".utf8))
                }
                FileHandle.standardError.write(Data("\n".utf8))
                if dryRun {
                    print(l10n(.importOk, ["count": String(summary.values)]))
                } else {
                    print(l10n(.valueImportDone, ["count": String(summary.values), "changed": String(summary.changed)]))
                }
                if !summary.violations.isEmpty { print(l10n(.statisticsViolationsTitle) + ":") }
                for violation in summary.violations {
                    let rule = StatisticsCatalog.shared.rules.first { $0.code == violation.rule }.map { l10n($0.l10nKey) } ?? violation.rule
                    let place = PlaceDirectory.shared.find(violation.place).map { l10n.text($0.name) } ?? violation.place
                    print("  \(rule) — \(place), \(violation.period.label(l10n)): \(violation.left) / \(violation.right)")
                }
            } catch let failure as ImportFailure {
                FileHandle.standardError.write(Data("\n".utf8))
                print(l10n(.importProblems, ["count": String(failure.problems.count + failure.more)]))
                for problem in failure.problems { print(problem.message(l10n)) }
                throw ExitCode(1)
            }
        }
    }
}

struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remind", abstract: "Write due-soon and overdue reminders (run daily; safe on every instance).")

    func run() async throws {
        let written = try await Commands.remind(try .fromEnvironment(), clock: try BirlikConfiguration.clock())
        print("Reminders written: \(written).")
    }
}

struct OpenDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open-data", abstract: "Open data's versions.", subcommands: [Publish.self])

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a new version of every open dataset whose content changed since its newest version (run after each reporting period).")

        @Option(help: "The change note every new version carries.") var note: String

        func run() async throws {
            let versions = try await Commands.publishOpenData(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), note: note)
            print(versions.isEmpty ? "No dataset changed; no version published." : versions.map { "\($0.dataset) v\($0.number) \($0.sha256)" }.joined(separator: "\n"))
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Write every table and stored file into one ZIP file.")

    @Argument(help: "The backup file to write.") var file: String

    func run() async throws {
        let manifest = try await Commands.backup(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), to: file)
        print("Backup written to \(file): \(manifest.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Restore a backup into an empty data directory or database.")

    @Argument(help: "The backup file to read.") var file: String

    func run() async throws {
        let manifest = try await Commands.restore(try .fromEnvironment(), clock: try BirlikConfiguration.clock(), from: file)
        print("Restored \(file) (\(manifest.auditHead) audit entries).")
    }
}

struct I18nCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "i18n", abstract: "Translations.", subcommands: [Missing.self])

    struct Missing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count missing translations in the catalog and in records.")

        func run() async throws {
            let (catalog, records) = try await Commands.missingTranslations(try .fromEnvironment(), clock: try BirlikConfiguration.clock())
            print("catalog: \(L10nKey.allCases.count) keys × 3 languages, \(catalog.count) missing")
            for (key, language) in catalog { print("  missing \(language.rawValue): \(key)") }
            for (language, count) in records.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                print("records: \(count) organisation names without \(language.rawValue)")
            }
        }
    }
}

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "Send the e-mail notices waiting in the outbox now (BIRLIK_SMTP_URL).")

    func run() async throws {
        let configuration = try BirlikConfiguration.fromEnvironment()
        guard configuration.mail != nil else { throw ValidationError("BIRLIK_SMTP_URL is not set") }
        let result = try await Commands.sendMail(configuration, clock: try BirlikConfiguration.clock())
        print("Sent: \(result.sent). Waiting: \(result.waiting).")
    }
}
