import BirlikCore
import FluentKit
import Foundation

/// The demo's grants: two published lots (one for Almaty, one national) linked to plan measures, a call
/// open around the clock's day, one application awaiting its compliance check and one under expert
/// review with the demo expert asked to respond. Done through the stores, as users would.
enum GrantSeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await GrantLotRecord.query(on: db).count() == 0 else { return }
        let users = try await UserRecord.query(on: db).filter(\.$email ~~ ["secretariat@birlik.kz", "association@birlik.kz", "expert@birlik.kz"]).all()
        let byEmail = Dictionary(users.map { ($0.email, $0) }) { first, _ in first }
        guard let secretariat = byEmail["secretariat@birlik.kz"], let association = byEmail["association@birlik.kz"], let expert = byEmail["expert@birlik.kz"]?.id,
              let operatorID = secretariat.organizationID, let applicantID = association.organizationID,
              try await OrganizationRecord.find(applicantID, on: db)?.bin != nil else { return }
        let grantOperator = Actor(userID: secretariat.id, role: .secretariat, organizationID: operatorID, regionCode: RegionCode.republic,
                                  displayName: secretariat.displayName)
        let applicant = Actor(userID: association.id, role: .association, organizationID: applicantID, regionCode: "KZ-75", displayName: association.displayName)
        let today = Day(now)
        let started = today.adding(days: -12).noon
        // The lots serve measures of the plans in the demo: the region's current plan and the national one.
        let references = try await measureReferences(plans: ["kz-75-2025-2027", "kz-2021-2025"], on: db)
        guard let regional = references["kz-75-2025-2027"] ?? references["kz-2021-2025"], let nationwide = references["kz-2021-2025"] else { return }
        let almaty = GrantLotDraft(
            title: "Мемлекеттік тіл клубтары: этномәдени бірлестіктердің жастарына (демо)",
            justification: "Алматыдағы этномәдени бірлестіктердің жастары арасында мемлекеттік тілді еркін меңгергендердің үлесі өңірлік жоспардағы мақсаттан төмен; клубтар курстардан кейінгі сөйлеу тәжірибесін береді.",
            termsOfReference: "Кемінде 12 клуб, әрқайсысында 15 қатысушы; апта сайын кездесу; KAZTEST үлгісімен кіріс және шығыс тестілеу; тоқсан сайын есеп.",
            budget: "12000000", termMonths: "12", region: "KZ-75",
            measureCodes: regional)
        let national = GrantLotDraft(
            title: "Этностық БАҚ-тағы қазақ тіліндегі материалдар (демо)",
            justification: "Этностық басылымдардағы мемлекеттік тілдегі материалдардың үлесі аз; лот «Шаңырақ» байқауының жұмысын жалғастырып, өңірлік редакцияларға тұрақты қолдау береді.",
            termsOfReference: "Кемінде 40 материал, 5 өңір, екі тілде жарияланым; аудиторияны өлшеу; жоба соңында ашық есеп.",
            budget: "8500000", termMonths: "9", region: RegionCode.republic, measureCodes: nationwide)
        var lots: [GrantLot] = []
        for draft in [almaty, national] {
            let lot = try await GrantStore.saveLot(draft, id: nil, version: 0, actor: grantOperator, on: db, now: started)
            lots.append(try await GrantStore.publishLot(lot.id, version: lot.version, actor: grantOperator, on: db, now: started))
        }
        let call = try await GrantStore.openCall(title: "ҮЕҰ-ға мемлекеттік гранттар конкурсы (демо)", lotCodes: lots.map(\.code),
                                                 opensOn: today.adding(days: -10).description, closesOn: today.adding(days: 20).description,
                                                 actor: grantOperator, on: db, now: started)
        let summary = "Жоба Алматының үш ауданында этномәдени бірлестіктердің жастарына арналған он екі сөйлесу клубын ашады. Әр клубта тәжірибелі оқытушы, апта сайынғы кездесу және айына бір ашық іс-шара болады; нәтиже KAZTEST үлгісімен өлшенеді."
        let first = try await GrantStore.draftApplication(callID: call.id, GrantApplicationDraft(
            lotCode: lots[0].code, language: "kk", title: "«Тілдесу» клубтары (демо)", summary: summary, budget: "11500000",
            budgetNotes: "Оқытушылар — 60%, үй-жай — 20%, материалдар — 15%, әкімшілік — 5%."), actor: applicant, on: db, now: today.adding(days: -8).noon)
        let admitted = try await GrantStore.apply(.submit, to: first.id, version: first.version, actor: applicant, on: db, now: today.adding(days: -8).noon)
        _ = try await GrantStore.apply(.admit, to: first.id, version: admitted.version, actor: grantOperator, on: db, now: today.adding(days: -2).noon)
        _ = try await GrantStore.assignReviewer(first.id, reviewerID: expert, actor: grantOperator, on: db, now: today.adding(days: -1).noon)
        let second = try await GrantStore.draftApplication(callID: call.id, GrantApplicationDraft(
            lotCode: lots[1].code, language: "ru", title: "Этнические СМИ на государственном языке (демо)",
            summary: "Проект готовит с редакциями этнических изданий пяти регионов серию материалов на казахском языке: мастер-классы для журналистов, совместные публикации, измерение аудитории и открытый отчёт по итогам.",
            budget: "8000000", budgetNotes: "Гонорары — 50%, обучение — 30%, измерение аудитории — 20%."), actor: applicant, on: db, now: today.adding(days: -1).noon)
        _ = try await GrantStore.apply(.submit, to: second.id, version: second.version, actor: applicant, on: db, now: today.adding(days: -1).noon)
    }

    /// The last measure of each named plan, as `plan-code/measure-code`.
    static func measureReferences(plans codes: [String], on db: any Database) async throws -> [String: String] {
        var result: [String: String] = [:]
        for plan in try await PlanRecord.query(on: db).filter(\.$code ~~ codes).all() {
            guard let id = plan.id, let measure = try await MeasureRecord.query(on: db).filter(\.$planID == id).sort(\.$sortKey, .descending).first() else { continue }
            result[plan.code] = "\(plan.code)/\(measure.code)"
        }
        return result
    }
}
