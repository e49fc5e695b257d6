import Foundation

/// A bank statement of donations received, as a CSV file exported from a bank (comma, semicolon or tab;
/// UTF-8 or Windows-1251): a header row naming at least the day and the amount, in Kazakh, Russian or
/// English (`Күні`/`Дата`/`Date`, `Сома`/`Сумма`/`Amount`), and optionally the name a donor agreed to
/// show (`Жария аты`/`Публичное имя`/`Public name`), and who paid (`Төлеуші`/`Плательщик`/`Payer`) with the
/// payer's IIN or BIN (`ЖСН/БСН`/`ИИН/БИН`/`IIN/BIN`) as banks export them: a payer with a number is a
/// donor sealed like one entered by hand (a BIN's fifth digit, 4–6, tells an organisation from a person).
/// Every row is checked; one bad row refuses the file.
public enum BankStatement {
    /// One donation read from the file.
    public struct Line: Sendable, Hashable {
        public var row: Int
        public var day: Day
        public var amount: Money
        public var publicName: String
        /// The payer, when the statement names one with an IIN or a BIN.
        public var donor: Donor = .anonymous
    }

    static let dayHeaders: Set<String> = ["күні", "күн", "дата", "date", "day"]
    static let amountHeaders: Set<String> = ["сома", "сумма", "amount", "сумма, тг", "сумма (kzt)", "amount (kzt)"]
    static let nameHeaders: Set<String> = ["жария аты", "публичное имя", "public name", "жертвователь", "donor"]
    static let payerHeaders: Set<String> = ["төлеуші", "плательщик", "payer"]
    static let numberHeaders: Set<String> = ["жсн/бсн", "иин/бин", "iin/bin", "жсн", "бсн", "иин", "бин", "iin", "bin"]

    /// The donations of `data`, or every problem found (row numbers as a spreadsheet shows them).
    public static func read(_ data: Data, today: Day) throws -> [Line] {
        var reader = DelimitedReader(.data(data))
        guard let header = reader.next() else { throw ImportFailure(problems: [ImportProblem(row: 1, column: "", value: "", .importNotTable)]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let dayColumn = names.firstIndex(where: dayHeaders.contains), amountColumn = names.firstIndex(where: amountHeaders.contains)
        let nameColumn = names.firstIndex(where: nameHeaders.contains)
        let payerColumn = names.firstIndex(where: payerHeaders.contains), numberColumn = names.firstIndex(where: numberHeaders.contains)
        var problems: [ImportProblem] = []
        if dayColumn == nil { problems.append(ImportProblem(row: 1, column: "", value: header.fields.joined(separator: ", "), .importMissingColumn, ["column": "Күні / Дата / Date"])) }
        if amountColumn == nil { problems.append(ImportProblem(row: 1, column: "", value: header.fields.joined(separator: ", "), .importMissingColumn, ["column": "Сома / Сумма / Amount"])) }
        guard let dayColumn, let amountColumn, problems.isEmpty else { throw ImportFailure(problems: problems) }
        var lines: [Line] = []
        var more = 0
        func problem(_ item: ImportProblem) { if problems.count < ImportFailure.limit { problems.append(item) } else { more += 1 } }
        while let row = reader.next() {
            let fields = row.fields
            func field(_ index: Int) -> String { index < fields.count ? fields[index].trimmingCharacters(in: .whitespaces) : "" }
            if let key = row.problem { problem(ImportProblem(row: row.line, column: "", value: fields.joined(separator: ","), key)); continue }
            let dayText = field(dayColumn), amountText = field(amountColumn)
            let day = Day(dayText) ?? Self.dotted(dayText)
            let amount = Money(tenge: amountText)
            if day == nil { problem(ImportProblem(row: row.line, column: header.fields[dayColumn], value: dayText, .fieldDate)) }
            if let day, day > today { problem(ImportProblem(row: row.line, column: header.fields[dayColumn], value: dayText, .charityFutureDay)) }
            if amount == nil || amount! <= .zero { problem(ImportProblem(row: row.line, column: header.fields[amountColumn], value: amountText, .fieldMoney)) }
            let name = nameColumn.map(field) ?? ""
            if name.count > 200 { problem(ImportProblem(row: row.line, column: header.fields[nameColumn!], value: name, .fieldTooLong, ["max": "200"])) }
            var donor = Donor.anonymous
            var donorProblem = false
            if let numberColumn, !field(numberColumn).isEmpty {
                let number = field(numberColumn).filter { !$0.isWhitespace }
                let payer = payerColumn.map(field) ?? name
                let organization = number.count == 12 && number.dropFirst(4).first.map { "456".contains($0) } == true
                switch DonorDraft(kind: organization ? "organization" : "person", name: payer, number: number).validated() {
                case let .success(valid): donor = valid
                case let .failure(.invalid(errors)):
                    donorProblem = true
                    let column = errors.first?.field == "donorName" ? payerColumn ?? numberColumn : numberColumn
                    problem(ImportProblem(row: row.line, column: header.fields[column], value: errors.first?.field == "donorName" ? payer : number,
                                          errors.first?.key ?? .fieldIin, errors.first?.arguments ?? [:]))
                case .failure: donorProblem = true
                }
            }
            if let day, let amount, day <= today, amount > .zero, name.count <= 200, !donorProblem {
                lines.append(Line(row: row.line, day: day, amount: amount, publicName: name, donor: donor))
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems, more: more) }
        guard !lines.isEmpty else { throw ImportFailure(problems: [ImportProblem(row: 2, column: "", value: "", .charityStatementEmpty)]) }
        return lines
    }

    /// `29.11.2026`, as Kazakh banks write a day.
    static func dotted(_ text: String) -> Day? {
        let parts = text.split(separator: ".")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        return Day(String(format: "%04d-%02d-%02d", year, month, day))
    }
}
