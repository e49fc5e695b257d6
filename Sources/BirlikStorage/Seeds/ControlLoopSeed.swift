import BirlikCore
import FluentKit
import Foundation

/// The demo plans, reports and instructions: a closed national plan for the first stage of the 2015
/// Concept, the national plan of the APK Concept (approved, then amended), regional plans of Almaty
/// and Abai, Almaty's current plan (last year, this year and next) with reports falling due now, a
/// draft plan for Astana, reports in every workflow state, and instructions on control.
/// Deterministic for a given day, and the same story on any day: the current plans, their reports'
/// states and the instructions' dates are laid around the day the seed is given.
public enum ControlLoopSeed {
    /// A measure template: number, strategy nodes, title, completion form, periodicity (nil: one-off
    /// at the end of the first year), budget, expected cost, indicator.
    struct Template {
        var code: String
        var tasks: [String]
        var title: LocalizedText
        var form: CompletionForm
        var periodicity: Periodicity?
        var budget: BudgetSource
        var amount: Int64
        var indicator: (LocalizedText, String, Double, Double)?
    }

    static let national: [Template] = [
        Template(code: "1", tasks: ["C2.D1.1", "C2.T1"], title: LocalizedText(kk: "«Мәңгілік Ел» құндылықтарын насихаттау бойынша өңірлік форумдар өткізу", ru: "Проведение региональных форумов по продвижению ценностей «Мәңгілік Ел»", en: "Regional forums promoting Mangilik El values"),
                 form: .infoToSecretariat, periodicity: .semiannually, budget: .republican, amount: 45_000_000,
                 indicator: (LocalizedText(kk: "Форумдарға қатысушылар саны", ru: "Число участников форумов", en: "Forum participants"), "адам", 12_000, 2_000)),
        Template(code: "2", tasks: ["C2.D1.3", "C2.D3.9"], title: LocalizedText(kk: "ҚХА медиация орталықтарының желісін дамыту", ru: "Развитие сети центров медиации АНК", en: "Developing the network of APK mediation centres"),
                 form: .infoToAdministration, periodicity: .annually, budget: .republican, amount: 30_000_000,
                 indicator: (LocalizedText(kk: "Медиация орталықтарының саны", ru: "Число центров медиации", en: "Mediation centres"), "бірлік", 10, 3)),
        Template(code: "3", tasks: ["C2.D1.4"], title: LocalizedText(kk: "Қазақ тілінің ұлттық корпусын толықтыру", ru: "Пополнение Национального корпуса казахского языка", en: "Extending the national corpus of the Kazakh language"),
                 form: .report, periodicity: .annually, budget: .republican, amount: 60_000_000,
                 indicator: (LocalizedText(kk: "Корпустағы сөзқолданыс саны", ru: "Словоупотреблений в корпусе", en: "Tokens in the corpus"), "млн", 50, 10)),
        Template(code: "4", tasks: ["C2.D1.5", "C2.T3"], title: LocalizedText(kk: "«Тілдарын» әдістемесі бойынша мемлекеттік тілді жеделдетіп оқыту курстарын ұйымдастыру", ru: "Организация курсов ускоренного обучения государственному языку по методике «Тілдарын»", en: "Accelerated state-language courses on the Tildaryn method"),
                 form: .infoToSecretariat, periodicity: .quarterly, budget: .local, amount: 80_000_000,
                 indicator: (LocalizedText(kk: "Курс бітірушілер", ru: "Выпускники курсов", en: "Course graduates"), "адам", 5_000, 1_500)),
        Template(code: "5", tasks: ["C2.D2.B1"], title: LocalizedText(kk: "«Қазақстан халқы Ассамблеясы туралы» Заңға өзгерістер енгізу жөнінде ұсыныстар әзірлеу", ru: "Разработка предложений о внесении изменений в Закон «Об Ассамблее народа Казахстана»", en: "Proposals to amend the Law on the Assembly of People of Kazakhstan"),
                 form: .legalAct, periodicity: nil, budget: .notRequired, amount: 0, indicator: nil),
        Template(code: "6", tasks: ["C2.D3.8", "C1.T5"], title: LocalizedText(kk: "Этносаралық қатынастардың статистикалық деректер қорын қалыптастыру", ru: "Формирование статистической базы данных межэтнических отношений", en: "Building the statistical database of interethnic relations"),
                 form: .infoToAdministration, periodicity: .annually, budget: .republican, amount: 25_000_000, indicator: nil),
        Template(code: "7", tasks: ["C2.D2.D1", "C2.D2.D6"], title: LocalizedText(kk: "Этностық БАҚ-ты қолдау және «Шаңырақ» сыйлығын беру", ru: "Поддержка этнических СМИ и вручение премии «Шаңырақ»", en: "Supporting ethnic media and the Shanyraq award"),
                 form: .publication, periodicity: .annually, budget: .republican, amount: 15_000_000,
                 indicator: (LocalizedText(kk: "Қолдау алған этностық БАҚ", ru: "Этнических СМИ получили поддержку", en: "Ethnic media supported"), "бірлік", 20, 2)),
        Template(code: "8", tasks: ["C2.D2.E1", "C2.T4"], title: LocalizedText(kk: "Мектептерде «Мәңгілік Ел» құндылықтары бойынша сыныптан тыс сабақтар өткізу", ru: "Внеклассные занятия по ценностям «Мәңгілік Ел» в школах", en: "After-school lessons on Mangilik El values"),
                 form: .infoToSecretariat, periodicity: .semiannually, budget: .notRequired, amount: 0, indicator: nil),
        Template(code: "9", tasks: ["C2.D2.G3"], title: LocalizedText(kk: "Шетелдегі отандастармен мәдени-гуманитарлық байланыстарды нығайту", ru: "Укрепление культурно-гуманитарных связей с соотечественниками за рубежом", en: "Cultural ties with compatriots abroad"),
                 form: .infoToGovernment, periodicity: .annually, budget: .republican, amount: 20_000_000, indicator: nil),
        Template(code: "10", tasks: ["C2.D3.10", "C2.D1.3"], title: LocalizedText(kk: "Қоғамдық келісім кеңестерінің қоғамдық бақылау жұмысын жандандыру", ru: "Активизация общественного контроля советов общественного согласия", en: "More public control by public accord councils"),
                 form: .report, periodicity: .semiannually, budget: .local, amount: 12_000_000, indicator: nil),
    ]

    static let firstStage: [Template] = [
        Template(code: "1", tasks: ["C1.E1.1", "C1.T1"], title: LocalizedText(kk: "ҚХА туралы заңнаманы жетілдіру", ru: "Совершенствование законодательства об АНК", en: "Improving the legislation on the APK"),
                 form: .legalAct, periodicity: .annually, budget: .notRequired, amount: 0, indicator: nil),
        Template(code: "2", tasks: ["C1.E1.2", "C1.N2"], title: LocalizedText(kk: "«Үлкен ел – үлкен отбасы» жобасы аясында іс-шаралар өткізу", ru: "Мероприятия проекта «Большая страна – большая семья»", en: "Events of the project \"Big country, big family\""),
                 form: .eventHeld, periodicity: .annually, budget: .republican, amount: 40_000_000,
                 indicator: (LocalizedText(kk: "Іс-шаралар саны", ru: "Число мероприятий", en: "Events held"), "бірлік", 100, 40)),
        Template(code: "3", tasks: ["C1.E1.3"], title: LocalizedText(kk: "ҚХА медиация және қайырымдылық жүйесін қалыптастыру", ru: "Формирование систем медиации и благотворительности АНК", en: "Forming the APK mediation and charity systems"),
                 form: .infoToAdministration, periodicity: .annually, budget: .other, amount: 10_000_000, indicator: nil),
        Template(code: "4", tasks: ["C1.D3", "C1.N5"], title: LocalizedText(kk: "Үштұғырлы тіл саясатын іске асыру", ru: "Реализация политики триединства языков", en: "Implementing the trinity of languages"),
                 form: .report, periodicity: .annually, budget: .republican, amount: 70_000_000, indicator: nil),
        Template(code: "5", tasks: ["C1.N3", "C1.D2"], title: LocalizedText(kk: "«Менің елім» жобасы бойынша өлкетану экспедицияларын ұйымдастыру", ru: "Краеведческие экспедиции проекта «Менің елім»", en: "Local-history expeditions of the project \"My country\""),
                 form: .eventHeld, periodicity: .annually, budget: .local, amount: 18_000_000, indicator: nil),
    ]

    static let regional: [Template] = [
        Template(code: "1", tasks: ["C2.D2.C1", "C2.T2"], title: LocalizedText(kk: "Өңірлік ассамблея мен Достық үйінің жұмысын қолдау", ru: "Поддержка работы региональной ассамблеи и Дома дружбы", en: "Supporting the regional assembly and the Friendship House"),
                 form: .infoToSecretariat, periodicity: .quarterly, budget: .local, amount: 35_000_000, indicator: nil),
        Template(code: "2", tasks: ["C2.D1.5"], title: LocalizedText(kk: "Этномәдени бірлестіктер мүшелері үшін мемлекеттік тіл курстары", ru: "Курсы государственного языка для членов этнокультурных объединений", en: "State-language courses for members of ethnocultural associations"),
                 form: .infoToSecretariat, periodicity: .semiannually, budget: .local, amount: 9_000_000,
                 indicator: (LocalizedText(kk: "Курс бітірушілер", ru: "Выпускники курсов", en: "Course graduates"), "адам", 300, 120)),
        Template(code: "3", tasks: ["C2.D1.3", "C2.D3.9"], title: LocalizedText(kk: "Аудандарда медиаторлар кеңесін құру", ru: "Создание советов медиаторов в районах", en: "Councils of mediators in the districts"),
                 form: .report, periodicity: .annually, budget: .notRequired, amount: 0, indicator: nil),
        Template(code: "4", tasks: ["C2.D2.A7"], title: LocalizedText(kk: "«Достық – бірлік көпірі» фестивалін өткізу", ru: "Фестиваль «Дружба – мост единства»", en: "The festival \"Friendship, a bridge of unity\""),
                 form: .eventHeld, periodicity: .annually, budget: .local, amount: 14_000_000,
                 indicator: (LocalizedText(kk: "Қатысушылар", ru: "Участники", en: "Participants"), "адам", 2_000, 500)),
    ]

    /// A deterministic stream of numbers, so the demo is the same everywhere.
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// The code of Almaty's current demo plan (last year to next year) on `today`.
    public static func almatyPlanCode(today: Day) -> String { "kz-75-\(today.year - 1)-\(today.year + 1)" }

    /// The code of Astana's draft demo plan (this year and next) on `today`.
    public static func astanaDraftCode(today: Day) -> String { "kz-71-\(today.year)-\(today.year + 1)" }

    /// Loads the demo plans once (skipped when any plan exists), laid around the instant `now`: it fixes
    /// which periods are past, which fall due now and which are still ahead.
    public static func load(now: Date, on db: any Database) async throws {
        guard try await PlanRecord.query(on: db).count() == 0 else { return }
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            var codes: [String: UUID] = [:]
            var places: [UUID: String] = [:]
            for row in try await OrganizationRecord.query(on: audit.db).field(\.$id).field(\.$code).field(\.$regionCode).all() {
                if let id = row.id { codes[row.code] = id; places[id] = row.regionCode }
            }
            func id(_ code: String) -> UUID? { codes[code] }
            var dice = Dice(state: 2025)
            var counts = ["plans": 0, "measures": 0, "reports": 0, "instructions": 0]
            let year = Day(now).year

            func plan(_ code: String, region: String, concept: String, years: ClosedRange<Int>, title: LocalizedText,
                      templates: [Template], executors: [String], coExecutors: [String], status: PlanStatus, amended: Bool = false) async throws {
                var plan = Plan(code: code, title: title, regionCode: region, conceptCode: concept, startYear: years.lowerBound,
                                endYear: years.upperBound, status: .draft, isDemo: true)
                let approvedOn = Day(year: years.lowerBound, month: 3, day: 15)
                var measures: [Measure] = []
                for (index, template) in templates.enumerated() {
                    guard let executor = id(executors[index % executors.count]) else { continue }
                    let co = coExecutors.isEmpty ? [] : [coExecutors[(index + 1) % coExecutors.count]].compactMap(id).filter { $0 != executor }
                    let deadline: Deadline = template.periodicity.map { .periodic($0, dueDay: 10) }
                        ?? .date(Day(year: years.lowerBound, month: 12, day: 20))
                    let indicators = template.indicator.map { name, unit, baseline, step in
                        [Indicator(name: name, unit: unit, baseline: baseline,
                                   targets: Dictionary(uniqueKeysWithValues: years.map { ($0, baseline + step * Double($0 - years.lowerBound + 1)) }))]
                    } ?? []
                    measures.append(Measure(planID: plan.id, code: template.code, title: template.title, taskCodes: template.tasks,
                                            executorID: executor, coExecutorIDs: co, completionForm: template.form, deadline: deadline,
                                            budgetSource: template.budget, amount: template.amount,
                                            expectedResult: LocalizedText(kk: "Іс-шара толық орындалады, нәтижесі ҚХА Хатшылығына ұсынылады.",
                                                                          ru: "Мероприятие исполнено полностью, результат представлен в Секретариат АНК."),
                                            indicators: indicators, weight: template.amount > 40_000_000 ? 2 : 1))
                }
                if status != .draft {
                    plan.status = amended ? .amended : .approved
                    plan.planVersion = amended ? 2 : 1
                    plan.approvedAt = approvedOn.end
                    plan.approvedBy = "ҚХА Хатшылығы (демо)"
                    if status == .closed { plan.status = .closed }
                }
                try await PlanRecord(plan).create(on: audit.db)
                for measure in measures {
                    try await MeasureRecord(measure).create(on: audit.db)
                    try await MeasureStore.saveTasks(measure, on: audit.db)
                }
                counts["plans", default: 0] += 1
                counts["measures", default: 0] += measures.count
                guard status != .draft else { return }
                if amended {
                    var first = plan
                    first.planVersion = 1
                    first.status = .approved
                    try await PlanVersionRecord(plan: first, measures: Array(measures.dropLast()), at: approvedOn.end, by: "ҚХА Хатшылығы (демо)").create(on: audit.db)
                }
                try await PlanVersionRecord(plan: plan, measures: measures, at: approvedOn.end.addingTimeInterval(amended ? 400 * 86_400 : 0),
                                            by: "ҚХА Хатшылығы (демо)").create(on: audit.db)
                var reports: [ReportRecord] = []
                var events: [MeasureEventRecord] = []
                for measure in measures {
                    events.append(MeasureEventRecord(measureID: measure.id, reportID: nil, at: approvedOn.end, actorName: "ҚХА Хатшылығы (демо)",
                                                     action: "plan.approve", periodCode: nil, executorID: nil, comment: "v1"))
                    for period in measure.periods(in: plan.years) {
                        for executor in measure.executors {
                            var report = Report(measureID: measure.id, planID: plan.id, regionCode: plan.regionCode, executorID: executor,
                                                executorRegion: places[executor] ?? plan.regionCode, isLead: executor == measure.executorID, period: period)
                            let dueEnd = period.due.end
                            let roll = dice.next(100)
                            let isPast = dueEnd < now
                            // The next quarter's reports are the ones falling due now, whatever the day.
                            let nearDue = !isPast && dueEnd.timeIntervalSince(now) < 100 * 86_400
                            let state: ReportStatus
                            if isPast {
                                state = roll < 78 ? .accepted : roll < 84 ? .submitted : roll < 89 ? .returned : roll < 94 ? .draft : .notStarted
                            } else if nearDue {
                                // What falls due now: co-executors may have sent theirs; the lead executor is still at work.
                                state = executor == measure.executorID
                                    ? (roll < 45 ? .draft : .notStarted)
                                    : (roll < 30 ? .submitted : roll < 45 ? .returned : roll < 70 ? .draft : .notStarted)
                            } else {
                                state = .notStarted
                            }
                            report.status = state
                            if state != .notStarted {
                                let execution: [ExecutionStatus] = [.executed, .executed, .executed, .partlyExecuted, .inProgress, .notExecuted]
                                report.execution = execution[dice.next(execution.count)]
                                report.narrative = LocalizedText(
                                    kk: "Есепті кезеңде іс-шара жоспарға сәйкес өткізілді. \(measure.title.kk ?? "") бойынша ақпарат қоса беріледі.",
                                    ru: dice.next(2) == 0 ? "За отчётный период мероприятие проведено в соответствии с планом." : nil)
                                if let indicator = measure.indicators.first, let target = indicator.targets[period.year] {
                                    report.actuals = [0: (target * Double(70 + dice.next(45)) / 100).rounded()]
                                }
                            }
                            if [.submitted, .returned, .accepted].contains(state) {
                                let early = dice.next(10) < 7
                                let submitted = dueEnd.addingTimeInterval(early ? -Double(1 + dice.next(9)) * 86_400 : Double(1 + dice.next(20)) * 86_400)
                                report.firstSubmittedAt = min(submitted, now)
                                report.submittedAt = report.firstSubmittedAt
                                events.append(MeasureEventRecord(measureID: measure.id, reportID: report.id, at: report.firstSubmittedAt!,
                                                                 actorName: "Орындаушы (демо)", action: "report.submit", periodCode: period.code,
                                                                 executorID: executor, comment: nil))
                            }
                            if state == .returned {
                                report.returnComment = "Индикатордың нақты мәнін және іс-шараға қатысушылар санын көрсетіңіз."
                                events.append(MeasureEventRecord(measureID: measure.id, reportID: report.id,
                                                                 at: min(report.firstSubmittedAt!.addingTimeInterval(3 * 86_400), now),
                                                                 actorName: "Үйлестіруші (демо)", action: "report.return", periodCode: period.code,
                                                                 executorID: executor, comment: report.returnComment))
                            }
                            if state == .accepted {
                                report.acceptedAt = min(report.firstSubmittedAt!.addingTimeInterval(5 * 86_400), now)
                                events.append(MeasureEventRecord(measureID: measure.id, reportID: report.id, at: report.acceptedAt!,
                                                                 actorName: "ҚХА Хатшылығы (демо)", action: "report.accept", periodCode: period.code,
                                                                 executorID: executor, comment: nil))
                            }
                            reports.append(ReportRecord(report))
                        }
                    }
                }
                for start in stride(from: 0, to: reports.count, by: 500) { try await Array(reports[start..<min(start + 500, reports.count)]).create(on: audit.db) }
                for start in stride(from: 0, to: events.count, by: 500) { try await Array(events[start..<min(start + 500, events.count)]).create(on: audit.db) }
                counts["reports", default: 0] += reports.count
            }

            let akimats = ["akimat-kz-75", "akimat-kz-10", "akimat-kz-71", "akimat-kz-79", "akimat-kz-11"]
            try await plan("kz-2016-2020", region: RegionCode.republic, concept: "C1", years: 2016...2020,
                           title: LocalizedText(kk: "Қазақстандық бірегейлік пен бірлікті нығайту және дамыту тұжырымдамасын іске асыру жөніндегі 2016 – 2020 жылдарға арналған іс-шаралар жоспары",
                                                ru: "План мероприятий по реализации Концепции укрепления и развития казахстанской идентичности и единства на 2016–2020 годы",
                                                en: "Action plan 2016–2020 implementing the Concept for strengthening Kazakhstani identity and unity"),
                           templates: firstStage, executors: ["mci", "public-accord", "edu", "apk-secretariat"], coExecutors: akimats, status: .closed)
            try await plan("kz-2021-2025", region: RegionCode.republic, concept: "C2", years: 2021...2025,
                           title: LocalizedText(kk: "Қазақстан халқы Ассамблеясының 2025 жылға дейінгі даму тұжырымдамасын іске асыру жөніндегі іс-шаралар жоспары",
                                                ru: "План мероприятий по реализации Концепции развития Ассамблеи народа Казахстана до 2025 года",
                                                en: "Action plan implementing the Concept of development of the APK until 2025"),
                           templates: national, executors: ["mci", "public-accord", "sci", "edu", "adilet", "apk-secretariat", "mci", "edu", "mfa", "public-accord"],
                           coExecutors: akimats, status: .approved, amended: true)
            for (region, name) in [("KZ-75", ("Алматы қаласы", "города Алматы", "Almaty city")), ("KZ-10", ("Абай облысы", "области Абай", "Abai region"))] {
                let suffix = region.lowercased()
                try await plan("\(suffix)-2021-2025", region: region, concept: "C2", years: 2021...2025,
                               title: LocalizedText(kk: "\(name.0) бойынша ҚХА даму тұжырымдамасын іске асырудың өңірлік жоспары",
                                                    ru: "Региональный план реализации Концепции развития АНК \(name.1)",
                                                    en: "\(name.2) regional plan implementing the APK Concept"),
                               templates: regional, executors: ["akimat-\(suffix)", "public-accord-\(suffix)", "friendship-house-\(suffix)", "akimat-\(suffix)"],
                               coExecutors: ["assembly-\(suffix)", "friendship-house-\(suffix)"], status: .approved)
            }
            let current = "\(year - 1) – \(year + 1)"
            try await plan(almatyPlanCode(today: Day(now)), region: "KZ-75", concept: "C2", years: (year - 1)...(year + 1),
                           title: LocalizedText(kk: "Алматы қаласы бойынша \(current) жылдарға арналған қоғамдық келісімді нығайту жоспары",
                                                ru: "План укрепления общественного согласия города Алматы на \(current) годы",
                                                en: "Almaty city plan for strengthening public accord, \(year - 1)–\(year + 1)"),
                           templates: regional.map { var template = $0; template.periodicity = .quarterly; return template },
                           executors: ["akimat-kz-75", "public-accord-kz-75", "friendship-house-kz-75", "association-kz-75-1"],
                           coExecutors: ["assembly-kz-75"], status: .approved)
            try await plan(astanaDraftCode(today: Day(now)), region: "KZ-71", concept: "C2", years: year...(year + 1),
                           title: LocalizedText(kk: "Астана қаласы бойынша \(year) – \(year + 1) жылдарға арналған өңірлік жоспар (жоба)",
                                                ru: "Региональный план города Астаны на \(year)–\(year + 1) годы (проект)",
                                                en: "Astana city regional plan \(year)–\(year + 1) (draft)"),
                           templates: Array(regional.prefix(2)), executors: ["akimat-kz-71", "public-accord-kz-71"], coExecutors: [], status: .draft)

            for instruction in instructions(codes: codes, year: year) {
                try await InstructionRecord(instruction.0).create(on: audit.db)
                for executor in Set(instruction.0.executorIDs) {
                    try await InstructionExecutorRecord(instructionID: instruction.0.id, organizationID: executor).create(on: audit.db)
                }
                for event in instruction.1 { try await InstructionEventRecord(event).create(on: audit.db) }
                counts["instructions", default: 0] += 1
            }
            try await audit.record("seed", "demo", id: "demo-control-loop", before: Nothing?.none, after: counts)
        }
    }

    /// The demo instructions, dated relative to `year` (the current one): one executed three years ago,
    /// one overdue, two on control falling due this year and next, one removed from control.
    static func instructions(codes: [String: UUID], year: Int) -> [(Instruction, [InstructionEvent])] {
        let shift = year - 2026
        func on(_ y: Int, _ month: Int, _ day: Int) -> Day { Day(year: y + shift, month: month, day: day) }
        func numbered(_ y: Int, _ n: String) -> String { "\(y + shift)-\(n)" }
        let items: [(String, InstructionSource, Day, String, LocalizedText, [String], Day, ControlStatus)] = [
            (numbered(2023, "01"), .session, on(2023, 4, 27), "2.1",
             LocalizedText(kk: "Өңірлерде медиация орталықтарының жұмысын күшейту және тәжірибесін жинақтау.", ru: "Усилить работу центров медиации в регионах и обобщить их опыт.", en: "Strengthen the regional mediation centres and sum up their experience."),
             ["apk-mediation-centre", "public-accord"], on(2023, 12, 1), .executed),
            (numbered(2024, "03"), .session, on(2024, 4, 26), "3.4",
             LocalizedText(kk: "Мемлекеттік тілді оқыту курстарын этномәдени бірлестіктер мүшелері үшін кеңейту.", ru: "Расширить курсы обучения государственному языку для членов этнокультурных объединений.", en: "Widen state-language courses for members of ethnocultural associations."),
             ["edu", "akimat-kz-75", "akimat-kz-10"], on(2025, 6, 30), .onControl),
            (numbered(2025, "02"), .councilMeeting, on(2025, 3, 12), "1",
             LocalizedText(kk: "Этносаралық қатынастар мониторингінің нәтижелерін тоқсан сайын ҚХА Хатшылығына ұсыну.", ru: "Ежеквартально представлять в Секретариат АНК результаты мониторинга межэтнических отношений.", en: "Report the results of interethnic monitoring to the APK Secretariat every quarter."),
             ["public-accord", "mci"], on(2026, 12, 25), .onControl),
            (numbered(2025, "05"), .session, on(2025, 4, 28), "4.2",
             LocalizedText(kk: "Шетелдегі отандастармен байланысты нығайту жөнінде ұсыныстар енгізу.", ru: "Внести предложения по укреплению связей с соотечественниками за рубежом.", en: "Propose how to strengthen ties with compatriots abroad."),
             ["mfa"], on(2026, 9, 1), .onControl),
            (numbered(2026, "01"), .meeting, on(2026, 2, 5), "2",
             LocalizedText(kk: "Алматы қаласында «Достық – бірлік көпірі» фестивалін өткізу.", ru: "Провести в Алматы фестиваль «Дружба – мост единства».", en: "Hold the festival \"Friendship, a bridge of unity\" in Almaty."),
             ["akimat-kz-75"], on(2026, 10, 1), .removed),
        ]
        return items.compactMap { number, source, given, item, text, executors, deadline, status in
            let ids = executors.compactMap { codes[$0] }
            guard !ids.isEmpty else { return nil }
            let instruction = Instruction(number: number, source: source, sourceDate: given, item: item, text: text, executorIDs: ids,
                                          deadline: deadline, status: status, isDemo: true)
            var events = [InstructionEvent(instructionID: instruction.id, kind: .created, at: given.end, actorName: "ҚХА Хатшылығы (демо)",
                                           organizationID: codes["apk-secretariat"], text: "")]
            events.append(InstructionEvent(instructionID: instruction.id, kind: .response, at: given.end.addingTimeInterval(60 * 86_400),
                                           actorName: "Орындаушы (демо)", organizationID: ids[0],
                                           text: "Жұмыс жоспары бекітілді, орындау барысы туралы ақпарат тоқсан сайын ұсынылады."))
            if number == numbered(2025, "05") {
                events.append(InstructionEvent(instructionID: instruction.id, kind: .extensionRequested, at: deadline.end.addingTimeInterval(-10 * 86_400),
                                               actorName: "Орындаушы (демо)", organizationID: ids[0], text: "Шетелдік серіктестермен келісу қажет.",
                                               requestedDeadline: on(2026, 12, 15)))
            }
            if status == .executed {
                events.append(InstructionEvent(instructionID: instruction.id, kind: .executed, at: deadline.end, actorName: "ҚХА Хатшылығы (демо)",
                                               organizationID: codes["apk-secretariat"], text: "Орындалды."))
            }
            if status == .removed {
                events.append(InstructionEvent(instructionID: instruction.id, kind: .removed, at: deadline.end, actorName: "ҚХА Хатшылығы (демо)",
                                               organizationID: codes["apk-secretariat"], text: "Іс-шара жоспарға енгізілді, бақылаудан алынды."))
            }
            return (instruction, events)
        }
    }
}
