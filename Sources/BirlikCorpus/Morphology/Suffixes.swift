import Foundation

/// The sound a suffix follows: Kazakh suffixes choose their first consonant by the last sound of what they
/// attach to (-лар after vowels and р й у, -дар after л м н ң ж з, -тар after voiceless consonants) and their
/// vowels by vowel harmony (back а о ұ ы, front ә е ө ү і).
enum Sound: Character, CaseIterable, Sendable {
    case vowel = "V", sonorant = "R", lateral = "L", nasal = "N", sibilant = "Z", voiceless = "T"

    static func of(_ letter: Character) -> Sound {
        switch letter {
        case "а", "ә", "е", "о", "ө", "ұ", "ү", "ы", "і", "и", "э", "ю", "я", "ё": return .vowel
        case "р", "й", "у": return .sonorant
        case "л": return .lateral
        case "м", "н", "ң": return .nasal
        case "ж", "з": return .sibilant
        default: return .voiceless
        }
    }
}

/// Vowel harmony of a stretch of letters.
enum Harmony: Sendable {
    case back, front, neutral

    static func of<S: Sequence>(_ letters: S) -> Harmony where S.Element == Character {
        var result = Harmony.neutral
        for letter in letters {
            if "аоұы".contains(letter) { result = .back } else if "әөүіе".contains(letter) { result = .front }
        }
        return result
    }

    /// The harmony of the first vowel of `letters`.
    static func first<S: Sequence>(_ letters: S) -> Harmony where S.Element == Character {
        for letter in letters {
            if "аоұы".contains(letter) { return .back }
            if "әөүіе".contains(letter) { return .front }
        }
        return .neutral
    }
}

/// One form of a suffix: its letters, the sounds it may follow, the UD features it adds, and the
/// suffix group it belongs to (so that, say, a case form only used after a 3rd-person possessive is only
/// accepted there).
struct Allomorph: Sendable {
    var text: String
    var follows: Set<Sound>
    var features: [String]
    var group: String
    /// Groups this form may only follow (empty: any).
    var onlyAfter: Set<String> = []
    /// Groups this form may not follow.
    var notAfter: Set<String> = []

    init(_ text: String, _ follows: String, _ features: [String], _ group: String, onlyAfter: Set<String> = [], notAfter: Set<String> = []) {
        self.text = text
        self.follows = Set(follows.compactMap(Sound.init(rawValue:)))
        self.features = features
        self.group = group
        self.onlyAfter = onlyAfter
        self.notAfter = notAfter
    }
}

/// A chain of suffixes after a stem, as one string with what it means.
struct Ending: Sendable {
    /// The whole ending, e.g. "лардың".
    var text: String
    /// The sounds the first suffix may follow.
    var follows: Set<Sound>
    var features: [String]
    /// The part of speech the word has with this ending (VERB for finite and non-finite verb forms).
    var verbal: Bool
    var suffixCount: Int
    /// The suffix group of the first suffix (voice suffixes are stripped from the verb lemma).
    var groups: [String]

    /// The harmony the stem must have (the ending's first harmonic vowel; -мен/-бен/-пен never change).
    var harmony: Harmony {
        ["мен", "бен", "пен"].contains(where: text.hasPrefix) ? .neutral : Harmony.first(text)
    }
}

/// The suffix grammar of Kazakh nominals and verbs, unrolled into every ending string it allows.
enum Suffixes {
    static let C = "RLNZT"
    static let any = "VRLNZT"
    static let voiced = "VRLNZ"

    // MARK: Nominal suffixes

    static let plural: [Allomorph] = [
        .init("лар", "VR", ["Number=Plur"], "pl"), .init("лер", "VR", ["Number=Plur"], "pl"),
        .init("дар", "LNZ", ["Number=Plur"], "pl"), .init("дер", "LNZ", ["Number=Plur"], "pl"),
        .init("тар", "T", ["Number=Plur"], "pl"), .init("тер", "T", ["Number=Plur"], "pl"),
    ]

    static let possessive: [Allomorph] = {
        let p1 = ["Number[psor]=Sing", "Person[psor]=1"], p2 = ["Number[psor]=Sing", "Person[psor]=2"]
        let p3 = ["Number[psor]=Plur,Sing", "Person[psor]=3"], p1p = ["Number[psor]=Plur", "Person[psor]=1"]
        let p2f = ["Person[psor]=2", "Polite=Form"]
        return [
            .init("м", "V", p1, "poss1"), .init("ым", C, p1, "poss1"), .init("ім", C, p1, "poss1"),
            .init("ң", "V", p2, "poss1"), .init("ың", C, p2, "poss1"), .init("ің", C, p2, "poss1"),
            .init("сы", "V", p3, "poss3"), .init("сі", "V", p3, "poss3"), .init("ы", C, p3, "poss3"), .init("і", C, p3, "poss3"),
            .init("мыз", "V", p1p, "poss"), .init("міз", "V", p1p, "poss"), .init("ымыз", C, p1p, "poss"), .init("іміз", C, p1p, "poss"),
            .init("ңыз", "V", p2f, "poss"), .init("ңіз", "V", p2f, "poss"), .init("ыңыз", C, p2f, "poss"), .init("іңіз", C, p2f, "poss"),
        ]
    }()

    static let cases: [Allomorph] = {
        let poss3: Set<String> = ["poss3"], poss1: Set<String> = ["poss1"]
        return [
            .init("ның", "VN", ["Case=Gen"], "case"), .init("нің", "VN", ["Case=Gen"], "case"),
            .init("дың", "RLZ", ["Case=Gen"], "case"), .init("дің", "RLZ", ["Case=Gen"], "case"),
            .init("тың", "T", ["Case=Gen"], "case"), .init("тің", "T", ["Case=Gen"], "case"),
            .init("ға", voiced, ["Case=Dat"], "case", notAfter: poss3.union(poss1)), .init("ге", voiced, ["Case=Dat"], "case", notAfter: poss3.union(poss1)),
            .init("қа", "T", ["Case=Dat"], "case", notAfter: poss3), .init("ке", "T", ["Case=Dat"], "case", notAfter: poss3),
            .init("а", "N", ["Case=Dat"], "case", onlyAfter: poss1), .init("е", "N", ["Case=Dat"], "case", onlyAfter: poss1),
            .init("на", "V", ["Case=Dat"], "case", onlyAfter: poss3), .init("не", "V", ["Case=Dat"], "case", onlyAfter: poss3),
            .init("ны", "V", ["Case=Acc"], "case", notAfter: poss3), .init("ні", "V", ["Case=Acc"], "case", notAfter: poss3),
            .init("ды", "RLNZ", ["Case=Acc"], "case"), .init("ді", "RLNZ", ["Case=Acc"], "case"),
            .init("ты", "T", ["Case=Acc"], "case"), .init("ті", "T", ["Case=Acc"], "case"),
            .init("н", "V", ["Case=Acc"], "case", onlyAfter: poss3),
            .init("да", voiced, ["Case=Loc"], "case", notAfter: poss3), .init("де", voiced, ["Case=Loc"], "case", notAfter: poss3),
            .init("та", "T", ["Case=Loc"], "case"), .init("те", "T", ["Case=Loc"], "case"),
            .init("нда", "V", ["Case=Loc"], "case", onlyAfter: poss3), .init("нде", "V", ["Case=Loc"], "case", onlyAfter: poss3),
            .init("дан", "VRLZ", ["Case=Abl"], "case", notAfter: poss3), .init("ден", "VRLZ", ["Case=Abl"], "case", notAfter: poss3),
            .init("нан", "VN", ["Case=Abl"], "case"), .init("нен", "VN", ["Case=Abl"], "case"),
            .init("тан", "T", ["Case=Abl"], "case"), .init("тен", "T", ["Case=Abl"], "case"),
            .init("мен", "VRL", ["Case=Ins"], "case"), .init("бен", "NZ", ["Case=Ins"], "case"), .init("пен", "T", ["Case=Ins"], "case"),
            .init("менен", "VRL", ["Case=Ins"], "case"),
            .init("ша", any, ["Case=Equ"], "case"), .init("ше", any, ["Case=Equ"], "case"),
            .init("дағы", voiced, ["Case=Loc"], "case"), .init("дегі", voiced, ["Case=Loc"], "case"),
            .init("тағы", "T", ["Case=Loc"], "case"), .init("тегі", "T", ["Case=Loc"], "case"),
            .init("ндағы", "V", ["Case=Loc"], "case", onlyAfter: poss3), .init("ндегі", "V", ["Case=Loc"], "case", onlyAfter: poss3),
            .init("дай", voiced, [], "case"), .init("дей", voiced, [], "case"), .init("тай", "T", [], "case"), .init("тей", "T", [], "case"),
        ]
    }()

    /// Personal endings of a nominal predicate (мұғаліммін "I am a teacher") and of some verb forms.
    static let predicate: [Allomorph] = [
        .init("мын", "VRLN", ["Number=Sing", "Person=1"], "pred"), .init("мін", "VRLN", ["Number=Sing", "Person=1"], "pred"),
        .init("бын", "Z", ["Number=Sing", "Person=1"], "pred"), .init("бін", "Z", ["Number=Sing", "Person=1"], "pred"),
        .init("пын", "T", ["Number=Sing", "Person=1"], "pred"), .init("пін", "T", ["Number=Sing", "Person=1"], "pred"),
        .init("сың", any, ["Number=Sing", "Person=2"], "pred"), .init("сің", any, ["Number=Sing", "Person=2"], "pred"),
        .init("сыз", any, ["Person=2", "Polite=Form"], "pred"), .init("сіз", any, ["Person=2", "Polite=Form"], "pred"),
        .init("мыз", "VRLN", ["Number=Plur", "Person=1"], "pred"), .init("міз", "VRLN", ["Number=Plur", "Person=1"], "pred"),
        .init("быз", "Z", ["Number=Plur", "Person=1"], "pred"), .init("біз", "Z", ["Number=Plur", "Person=1"], "pred"),
        .init("пыз", "T", ["Number=Plur", "Person=1"], "pred"), .init("піз", "T", ["Number=Plur", "Person=1"], "pred"),
    ]

    // MARK: Verbal suffixes

    static let voice: [Allomorph] = [
        .init("ыл", "RNZT", ["Voice=Pass"], "voice"), .init("іл", "RNZT", ["Voice=Pass"], "voice"), .init("л", "V", ["Voice=Pass"], "voice"),
        .init("ын", "L", ["Voice=Pass"], "voice"), .init("ін", "L", ["Voice=Pass"], "voice"), .init("н", "V", ["Voice=Pass"], "voice"),
        .init("ыс", C, ["Voice=Rcp"], "voice"), .init("іс", C, ["Voice=Rcp"], "voice"), .init("с", "V", ["Voice=Rcp"], "voice"),
    ]

    static let negation: [Allomorph] = [
        .init("ма", "VRL", ["Polarity=Neg"], "neg"), .init("ме", "VRL", ["Polarity=Neg"], "neg"),
        .init("ба", "NZ", ["Polarity=Neg"], "neg"), .init("бе", "NZ", ["Polarity=Neg"], "neg"),
        .init("па", "T", ["Polarity=Neg"], "neg"), .init("пе", "T", ["Polarity=Neg"], "neg"),
    ]

    /// What may follow a verb form's core suffix.
    enum Tail: Sendable { case none, presentPerson, pastPerson, conditionalPerson, nominal }

    /// Tense, aspect, mood and non-finite suffixes, with what may follow each.
    static let verbCores: [(Allomorph, Tail)] = {
        let pres = ["Aspect=Imp", "Mood=Ind", "Tense=Pres", "VerbForm=Fin"]
        let conv = ["VerbForm=Conv"]
        let past = ["Mood=Ind", "Tense=Past", "VerbForm=Fin"]
        let part = ["Tense=Past", "VerbForm=Part"]
        let hab = ["Aspect=Hab", "VerbForm=Part"]
        let fut = ["Tense=Fut", "VerbForm=Part"]
        let ger = ["VerbForm=Ger"]
        let perf = ["Aspect=Perf", "VerbForm=Conv"]
        let cnd = ["Mood=Cnd", "VerbForm=Fin"]
        let imp = ["Mood=Imp", "VerbForm=Fin"]
        return [
            (.init("а", C, conv, "pres"), .presentPerson), (.init("е", C, conv, "pres"), .presentPerson), (.init("й", "V", conv, "pres"), .presentPerson),
            (.init("ды", "VRLNZ", past, "past"), .pastPerson), (.init("ді", "VRLNZ", past, "past"), .pastPerson),
            (.init("ты", "T", past, "past"), .pastPerson), (.init("ті", "T", past, "past"), .pastPerson),
            (.init("ған", "VRLNZ", part, "part"), .nominal), (.init("ген", "VRLNZ", part, "part"), .nominal),
            (.init("қан", "T", part, "part"), .nominal), (.init("кен", "T", part, "part"), .nominal),
            (.init("атын", C, hab, "part"), .nominal), (.init("етін", C, hab, "part"), .nominal),
            (.init("йтын", "V", hab, "part"), .nominal), (.init("йтін", "V", hab, "part"), .nominal),
            (.init("ар", C, fut, "part"), .nominal), (.init("ер", C, fut, "part"), .nominal), (.init("р", "V", fut, "part"), .nominal),
            (.init("с", "V", fut + ["Polarity=Neg"], "part"), .nominal),
            (.init("мақ", "VRL", fut, "part"), .nominal), (.init("мек", "VRL", fut, "part"), .nominal),
            (.init("бақ", "NZ", fut, "part"), .nominal), (.init("бек", "NZ", fut, "part"), .nominal),
            (.init("пақ", "T", fut, "part"), .nominal), (.init("пек", "T", fut, "part"), .nominal),
            (.init("ып", C, perf, "conv"), .none), (.init("іп", C, perf, "conv"), .none), (.init("п", "V", perf, "conv"), .none),
            (.init("ыпты", C, past + ["Evident=Nfh"], "past"), .pastPerson), (.init("іпті", C, past + ["Evident=Nfh"], "past"), .pastPerson),
            (.init("пты", "V", past + ["Evident=Nfh"], "past"), .pastPerson), (.init("пті", "V", past + ["Evident=Nfh"], "past"), .pastPerson),
            (.init("у", any, ger, "ger"), .nominal), (.init("ю", "V", ger, "ger"), .nominal),
            (.init("ушы", any, ger, "ger"), .nominal), (.init("уші", any, ger, "ger"), .nominal),
            (.init("са", any, cnd, "cnd"), .conditionalPerson), (.init("се", any, cnd, "cnd"), .conditionalPerson),
            (.init("сын", any, imp + ["Person=3"], "imp"), .none), (.init("сін", any, imp + ["Person=3"], "imp"), .none),
            (.init("айын", C, imp + ["Person=1"], "imp"), .none), (.init("ейін", C, imp + ["Person=1"], "imp"), .none),
            (.init("йын", "V", imp + ["Person=1"], "imp"), .none), (.init("йін", "V", imp + ["Person=1"], "imp"), .none),
            (.init("айық", C, imp + ["Number=Plur", "Person=1"], "imp"), .none), (.init("ейік", C, imp + ["Number=Plur", "Person=1"], "imp"), .none),
            (.init("йық", "V", imp + ["Number=Plur", "Person=1"], "imp"), .none), (.init("йік", "V", imp + ["Number=Plur", "Person=1"], "imp"), .none),
            (.init("ыңыз", C, imp + ["Person=2", "Polite=Form"], "imp"), .none), (.init("іңіз", C, imp + ["Person=2", "Polite=Form"], "imp"), .none),
            (.init("ңыз", "V", imp + ["Person=2", "Polite=Form"], "imp"), .none), (.init("ңіз", "V", imp + ["Person=2", "Polite=Form"], "imp"), .none),
            (.init("ғалы", voiced, conv, "conv"), .none), (.init("гелі", voiced, conv, "conv"), .none),
            (.init("қалы", "T", conv, "conv"), .none), (.init("келі", "T", conv, "conv"), .none),
            (.init("ғанша", voiced, conv, "conv"), .none), (.init("генше", voiced, conv, "conv"), .none),
            (.init("қанша", "T", conv, "conv"), .none), (.init("кенше", "T", conv, "conv"), .none),
            (.init("ғы", voiced, ["Mood=Des"], "des"), .nominal), (.init("гі", voiced, ["Mood=Des"], "des"), .nominal),
            (.init("қы", "T", ["Mood=Des"], "des"), .nominal), (.init("кі", "T", ["Mood=Des"], "des"), .nominal),
        ]
    }()

    static let presentPerson: [Allomorph] = [
        .init("мын", "VR", ["Number=Sing", "Person=1"], "person"), .init("мін", "VR", ["Number=Sing", "Person=1"], "person"),
        .init("сың", "VR", ["Number=Sing", "Person=2"], "person"), .init("сің", "VR", ["Number=Sing", "Person=2"], "person"),
        .init("сыз", "VR", ["Person=2", "Polite=Form"], "person"), .init("сіз", "VR", ["Person=2", "Polite=Form"], "person"),
        .init("мыз", "VR", ["Number=Plur", "Person=1"], "person"), .init("міз", "VR", ["Number=Plur", "Person=1"], "person"),
        .init("ды", "VR", ["Number=Sing", "Person=3"], "person"), .init("ді", "VR", ["Number=Sing", "Person=3"], "person"),
    ]

    static let pastPerson: [Allomorph] = [
        .init("м", "V", ["Number=Sing", "Person=1"], "person"), .init("ң", "V", ["Number=Sing", "Person=2"], "person"),
        .init("ңыз", "V", ["Person=2", "Polite=Form"], "person"), .init("ңіз", "V", ["Person=2", "Polite=Form"], "person"),
        .init("қ", "V", ["Number=Plur", "Person=1"], "person"), .init("к", "V", ["Number=Plur", "Person=1"], "person"),
        .init("ңдар", "V", ["Number=Plur", "Person=2"], "person"), .init("ңдер", "V", ["Number=Plur", "Person=2"], "person"),
    ]

    // MARK: Unrolling

    /// Every nominal ending: plural? possessive? case? predicate?, each optional.
    static let nominalEndings: [Ending] = {
        var result: [Ending] = [Ending(text: "", follows: Set(Sound.allCases), features: [], verbal: false, suffixCount: 0, groups: [])]
        var frontier = result
        for slot in [plural, possessive, cases, predicate] {
            var next: [Ending] = []
            for ending in frontier {
                for morph in slot where fits(morph, after: ending) { next.append(extend(ending, with: morph)) }
            }
            result += next
            frontier += next
        }
        return result
    }()

    /// Every verbal ending: voice? negation? core, then what the core allows.
    static let verbalEndings: [Ending] = {
        let bare = Ending(text: "", follows: Set(Sound.allCases), features: [], verbal: true, suffixCount: 0, groups: [])
        var starts = [bare]
        for morph in voice { starts.append(extend(bare, with: morph)) }
        for start in starts {
            for morph in negation where fits(morph, after: start) { starts.append(extend(start, with: morph)) }
        }
        var result: [Ending] = []
        // A bare stem (with voice or negation) is an imperative.
        for start in starts {
            var imperative = start
            imperative.features += ["Mood=Imp", "VerbForm=Fin"]
            result.append(imperative)
        }
        let nominalTails = nominalEndings.filter { !$0.text.isEmpty }
        for start in starts {
            for (core, tail) in verbCores where fits(core, after: start) {
                let base = extend(start, with: core)
                result.append(base)
                let tails: [Allomorph]
                switch tail {
                case .none: tails = []
                case .presentPerson: tails = presentPerson
                case .pastPerson, .conditionalPerson: tails = pastPerson
                case .nominal:
                    for nominal in nominalTails where nominal.follows.contains(Sound.of(base.text.last ?? "а")) {
                        var ending = base
                        ending.text += nominal.text
                        ending.features = (base.features + nominal.features)
                        ending.suffixCount += nominal.suffixCount
                        ending.groups += nominal.groups
                        result.append(ending)
                    }
                    tails = predicate
                }
                for morph in tails where fits(morph, after: base) { result.append(extend(base, with: morph)) }
            }
        }
        return result
    }()

    static func fits(_ morph: Allomorph, after ending: Ending) -> Bool {
        let previous = ending.groups.last
        if !morph.onlyAfter.isEmpty, !(previous.map(morph.onlyAfter.contains) ?? false) { return false }
        if let previous, morph.notAfter.contains(previous) { return false }
        guard let last = ending.text.last else { return true }
        guard morph.follows.contains(Sound.of(last)) else { return false }
        // Harmony inside the ending.
        let before = Harmony.of(ending.text), after = Harmony.first(morph.text)
        return before == .neutral || after == .neutral || before == after || morph.text.hasPrefix("мен")
            || morph.text.hasPrefix("бен") || morph.text.hasPrefix("пен")
    }

    static func extend(_ ending: Ending, with morph: Allomorph) -> Ending {
        Ending(text: ending.text + morph.text, follows: ending.text.isEmpty ? morph.follows : ending.follows,
               features: ending.features + morph.features, verbal: ending.verbal, suffixCount: ending.suffixCount + 1,
               groups: ending.groups + [morph.group])
    }
}
