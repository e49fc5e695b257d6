/// The unit of a measure's indicator is typed by whoever drafts the plan, in their language («адам»,
/// «человек»). Official output in another language names it in that language when it is one of the
/// units plans use; any other unit is shown as typed.
public enum IndicatorUnit {
    static let known: [LocalizedText] = [
        LocalizedText(kk: "адам", ru: "человек", en: "people"),
        LocalizedText(kk: "бірлік", ru: "единиц", en: "units"),
        LocalizedText(kk: "іс-шара", ru: "мероприятий", en: "events"),
        LocalizedText(kk: "ұйым", ru: "организаций", en: "organisations"),
        LocalizedText(kk: "жоба", ru: "проектов", en: "projects"),
        LocalizedText(kk: "басылым", ru: "публикаций", en: "publications"),
        LocalizedText(kk: "млн", ru: "млн", en: "million"),
        LocalizedText(kk: "мың", ru: "тыс.", en: "thousand"),
        LocalizedText(kk: "теңге", ru: "тенге", en: "tenge"),
        LocalizedText(kk: "млн теңге", ru: "млн тенге", en: "million tenge"),
        LocalizedText(kk: "пайыз", ru: "процентов", en: "per cent"),
    ]

    /// The unit in every language when it is a known one, else as typed.
    public static func name(_ typed: String) -> LocalizedText {
        let folded = SearchFolding.fold(typed)
        return known.first { unit in [unit.kk, unit.ru, unit.en].contains { $0.map(SearchFolding.fold) == folded } && !folded.isEmpty }
            ?? LocalizedText(kk: typed, ru: typed, en: typed)
    }
}
