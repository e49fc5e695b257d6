import BirlikCore
import FluentKit
import Foundation

/// The demo's international cooperation: a compatriots' centre abroad with its Kazakh classes, a
/// diaspora society and an international organisation; a memorandum that ends 80 days after the clock's
/// day (so its alert is due), with one obligation fulfilled and one overdue; a plan of cooperation in
/// force; and a draft. Laid out through the store, as the Secretariat would.
public enum CooperationSeed {
    public static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await PartnerRecord.query(on: db).count() == 0,
              let user = try await UserRecord.query(on: db).filter(\.$email == "secretariat@birlik.kz").first() else { return }
        let secretariat = try await UserStore.actor(for: user, on: db)
        let today = Day(now)
        let start = today.adding(days: -(3 * 365 - 80))
        let setUp = start.adding(days: -30).noon
        let centre = try await CooperationStore.savePartner(PartnerDraft(
            kind: "compatriotsOrganization", name: "«Атамекен» қазақ мәдени орталығы (Стамбұл)", country: "TR", website: "https://example.org/atameken",
            languageCourses: "Балаларға арналған сенбілік қазақ тілі сабақтары; ересектерге арналған кешкі топ.",
            events: "Наурыз мерекесі, Қазақстан халқы тілдерінің күні, Абай оқулары."), id: nil, version: 0, actor: secretariat, on: db, now: setUp)
        let society = try await CooperationStore.savePartner(PartnerDraft(
            kind: "diasporaAssociation", name: "Deutsch-Kasachische Gesellschaft e. V.", country: "DE", identifier: "DE-VR-BERLIN-0000",
            website: "https://example.org/dkg"), id: nil, version: 0, actor: secretariat, on: db, now: setUp)
        _ = try await CooperationStore.savePartner(PartnerDraft(
            kind: "internationalOrganization", name: "Этносаралық диалог жөніндегі халықаралық желі", country: "XI"), id: nil, version: 0,
            actor: secretariat, on: db, now: setUp)

        var memorandum = try await CooperationStore.saveAgreement(AgreementDraft(
            kind: "memorandum", title: "«Атамекен» орталығымен мемлекеттік тілді оқыту туралы меморандум",
            summary: "Тараптар шетелдегі отандастардың балаларына қазақ тілін оқытуды, оқулықтармен алмасуды және бірлескен мерекелерді өткізуді қолдайды.",
            confidential: "Оқулықтарды жеткізу шығындары: тараптардың хат алмасуы бойынша.", partners: centre.code, region: RegionCode.republic,
            endsOn: today.adding(days: 80).description, renewal: "byDecision"), id: nil, version: 0, actor: secretariat, on: db, now: setUp)
        memorandum = try await CooperationStore.apply(.sign(on: start.adding(days: -10), place: "Стамбұл", signatories: "ҚХА Хатшылығының меңгерушісі; орталық төрағасы"),
                                                      to: memorandum.id, version: memorandum.version, actor: secretariat, on: db, now: start.adding(days: -10).noon)
        memorandum = try await CooperationStore.apply(.enterIntoForce(on: start), to: memorandum.id, version: memorandum.version, actor: secretariat, on: db,
                                                      now: start.noon)
        memorandum = try await CooperationStore.addObligation(ObligationDraft(text: "Оқулықтар жинағын жіберу", dueOn: start.adding(days: 90).description),
                                                              to: memorandum.id, version: memorandum.version, actor: secretariat, on: db, now: start.noon)
        if let first = memorandum.obligations.first {
            memorandum = try await CooperationStore.fulfil(first.id, of: memorandum.id, version: memorandum.version, actor: secretariat, on: db,
                                                           now: start.adding(days: 75).noon)
        }
        _ = try await CooperationStore.addObligation(ObligationDraft(text: "Мұғалімдерге онлайн біліктілік курсын өткізу", dueOn: today.adding(days: -10).description),
                                                     to: memorandum.id, version: memorandum.version, actor: secretariat, on: db, now: start.adding(days: 100).noon)

        var plan = try await CooperationStore.saveAgreement(AgreementDraft(
            kind: "plan", title: "Неміс-қазақ қоғамымен 2026–2028 жылдарға арналған ынтымақтастық жоспары",
            summary: "Жастар алмасуы, Берлиндегі мәдени күндер және тіл курстары.", partners: society.code, region: RegionCode.republic,
            endsOn: today.adding(days: 400).description, renewal: "automatic"), id: nil, version: 0, actor: secretariat, on: db, now: today.adding(days: -60).noon)
        plan = try await CooperationStore.apply(.sign(on: today.adding(days: -45), place: "Берлин", signatories: "ҚХА Хатшылығы; қоғам басқармасы"),
                                                to: plan.id, version: plan.version, actor: secretariat, on: db, now: today.adding(days: -45).noon)
        _ = try await CooperationStore.apply(.enterIntoForce(on: today.adding(days: -30)), to: plan.id, version: plan.version, actor: secretariat, on: db,
                                             now: today.adding(days: -30).noon)

        _ = try await CooperationStore.saveAgreement(AgreementDraft(
            kind: "agreement", title: "Этносаралық диалог желісімен ақпарат алмасу туралы келісім (жоба)", summary: "Жоба талқылануда.",
            partners: "PRT-0003", region: RegionCode.republic, renewal: "none"), id: nil, version: 0, actor: secretariat, on: db, now: today.adding(days: -3).noon)
    }
}
