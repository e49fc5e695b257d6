import Foundation

/// What an applicant (or an operator writing down an oral appeal) enters, checked field by field.
/// A message without the applicant's name is not an appeal: `intake` makes it an early-warning signal.
public struct AppealDraft: Sendable, Hashable, Codable {
    public var name = ""
    public var email = ""
    public var phone = ""
    public var address = ""
    public var place = ""
    public var category = ""
    public var text = ""
    /// The requests, one per line; none means the text as a whole is the one request.
    public var points = ""
    public var mayPublish = false
    public var channel = Appeal.Channel.online.rawValue
    public var reference = ""

    public init() {}

    /// What the draft turns into.
    public enum Intake: Sendable {
        case appeal(Appeal.Channel, Applicant, place: String, Appeal.Category, text: String, points: [Appeal.Point], mayPublish: Bool, reference: String)
        /// No name: a signal of the early-warning system (its type from the category).
        case anonymous(place: String, Appeal.Category, text: String)
    }

    /// The longest text and the most points an appeal may carry.
    public static let maximumText = 20_000
    public static let maximumPoints = 10

    public func validated(places: PlaceDirectory = .shared) throws -> Intake {
        var errors: [FieldError] = []
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = email.trimmingCharacters(in: .whitespaces)
        let phone = phone.trimmingCharacters(in: .whitespaces)
        let address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        let channel = Appeal.Channel(rawValue: channel)
        if channel == nil { errors.append(FieldError("channel", .fieldRequired)) }
        let region = places.find(place)
        if region == nil || region?.kind == .republic { errors.append(FieldError("place", place.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let category = Appeal.Category(rawValue: category)
        if category == nil { errors.append(FieldError("category", .fieldRequired)) }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.append(FieldError("text", .fieldRequired)) }
        if text.count > Self.maximumText { errors.append(FieldError("text", .fieldTooLong, ["max": String(Self.maximumText)])) }
        if name.count > 300 { errors.append(FieldError("name", .fieldTooLong, ["max": "300"])) }
        if !email.isEmpty, !OrganizationDraft.looksLikeEmail(email) { errors.append(FieldError("email", .fieldEmailFormat)) }
        if !phone.isEmpty, !OrganizationDraft.looksLikePhone(phone) { errors.append(FieldError("phone", .fieldPhoneFormat)) }
        if address.count > 500 { errors.append(FieldError("address", .fieldTooLong, ["max": "500"])) }
        let requests = points.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if requests.count > Self.maximumPoints { errors.append(FieldError("points", .appealTooManyPoints, ["max": String(Self.maximumPoints)])) }
        if requests.contains(where: { $0.count > 1000 }) { errors.append(FieldError("points", .fieldTooLong, ["max": "1000"])) }
        let reference = reference.trimmingCharacters(in: .whitespaces)
        if channel == .eAppeals || channel == .oral, reference.isEmpty { errors.append(FieldError("reference", .appealReferenceRequired)) }
        if reference.count > 100 { errors.append(FieldError("reference", .fieldTooLong, ["max": "100"])) }
        if name.isEmpty, channel != .online { errors.append(FieldError("name", .fieldRequired)) }
        guard errors.isEmpty, let channel, let region, let category else { throw DomainError.invalid(errors) }
        if name.isEmpty { return .anonymous(place: region.code, category, text: text) }
        let listed = requests.isEmpty ? [text] : requests
        return .appeal(channel, Applicant(name: name, email: email, phone: phone, address: address), place: region.code, category, text: text,
                       points: listed.map { Appeal.Point(request: String($0.prefix(Self.maximumText))) }, mayPublish: mayPublish, reference: reference)
    }
}
