import Crypto
import Foundation

/// A certificate as an Open Badges 3.0 `OpenBadgeCredential`, secured as a VC-JWT (OB 3.0 §8.2): a
/// compact JWS signed with Birlik's Ed25519 key (`EdDSA`), the issuer's public key in the header as a
/// JWK and published with the issuer's profile, so any JOSE library verifies it without Birlik.
public enum OpenBadge {
    /// The credential's JSON-LD contexts: Verifiable Credentials 2.0 and Open Badges 3.0.
    public static let contexts = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]

    /// The credential, as its JSON has it.
    public struct Credential: Codable, Sendable, Hashable {
        public var context: [String]
        public var id: String
        public var type: [String]
        public var name: String
        public var description: String
        public var issuer: Profile
        public var validFrom: String
        public var validUntil: String?
        public var credentialSubject: Subject

        enum CodingKeys: String, CodingKey {
            case context = "@context", id, type, name, description, issuer, validFrom, validUntil, credentialSubject
        }
    }

    public struct Profile: Codable, Sendable, Hashable {
        public var id: String
        public var type: [String]
        public var name: String
        public var url: String?
    }

    public struct Subject: Codable, Sendable, Hashable {
        public var id: String
        public var type: [String]
        public var name: String?
        public var achievement: Achievement
        public var activityStartDate: String?
        public var activityEndDate: String?
    }

    public struct Achievement: Codable, Sendable, Hashable {
        public var id: String
        public var type: [String]
        public var achievementType: String
        public var name: String
        public var description: String
        public var criteria: Criteria
        public var creditsAvailable: Double?
        public var tag: [String]?
        public var inLanguage: String?
    }

    public struct Criteria: Codable, Sendable, Hashable {
        public var narrative: String
    }

    /// A public key as a JSON Web Key (RFC 8037, `OKP`/`Ed25519`).
    public struct JWK: Codable, Sendable, Hashable {
        public var kty = "OKP"
        public var crv = "Ed25519"
        public var x: String
        public var kid: String?
        public var use: String?
        public var alg: String?

        public init(publicKey: Data, kid: String?) {
            x = OpenBadge.base64URL(publicKey); self.kid = kid; use = "sig"; alg = "EdDSA"
        }
    }

    /// The credential of `certificate`, issued by `issuerName` at `base` (the site's public address), with
    /// the texts a wallet shows (`description`, the achievement's `achievementDescription`, the criteria's
    /// `narrative`) in the reader's language. The holder's id is the certificate's URN, since learners hold no account.
    public static func credential(_ certificate: Certificate, issuerName: String, description: String, achievementDescription: String,
                                  narrative: String, base: String) -> Credential {
        let verify = "\(base)/certificates/\(certificate.code)"
        var tags = [certificate.kind.rawValue]
        if let level = certificate.level { tags.append(level.rawValue) }
        let achievement = Achievement(
            id: "\(base)/courses/\(certificate.courseCode)", type: ["Achievement"], achievementType: "Certificate", name: certificate.courseTitle,
            description: achievementDescription,
            criteria: Criteria(narrative: narrative), creditsAvailable: Double(certificate.hours), tag: tags, inLanguage: nil)
        return Credential(
            context: contexts, id: verify, type: ["VerifiableCredential", "OpenBadgeCredential"], name: certificate.courseTitle,
            description: description,
            issuer: Profile(id: "\(base)/certificates/issuer", type: ["Profile"], name: issuerName, url: base),
            validFrom: "\(certificate.issuedOn)T00:00:00+05:00", validUntil: certificate.expiresOn.map { "\($0)T23:59:59+05:00" },
            credentialSubject: Subject(id: "urn:uuid:\(certificate.id.uuidString.lowercased())", type: ["AchievementSubject"],
                                       name: certificate.holderName, achievement: achievement, activityStartDate: nil, activityEndDate: nil))
    }

    /// The credential signed as a compact JWS (VC-JWT). The payload is the credential with the
    /// registered claims OB 3.0 asks: `iss`, `jti`, `sub`, `nbf` and, when it expires, `exp`.
    public static func signed(_ credential: Credential, privateKey: Data) throws -> String {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        let header = Header(alg: "EdDSA", typ: "JWT", kid: credential.issuer.id + "#key-1",
                            jwk: JWK(publicKey: key.publicKey.rawRepresentation, kid: credential.issuer.id + "#key-1"))
        let payload = Payload(credential: credential, iss: credential.issuer.id, jti: credential.id, sub: credential.credentialSubject.id,
                              nbf: epoch(credential.validFrom), exp: credential.validUntil.flatMap(epoch))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let input = base64URL(try encoder.encode(header)) + "." + base64URL(try encoder.encode(payload))
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + base64URL(signature)
    }

    /// What a check of a VC-JWT found.
    public enum Verdict: Sendable, Equatable {
        case verified(Credential)
        case malformed
        case badSignature
    }

    /// Checks `jwt` against `trustedKey` (raw Ed25519 public key).
    public static func verify(_ jwt: String, trustedKey: Data) -> Verdict {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = data(base64URL: parts[0]), let payloadData = data(base64URL: parts[1]),
              let signature = data(base64URL: parts[2]), let header = try? JSONDecoder().decode(Header.self, from: headerData), header.alg == "EdDSA",
              let payload = try? JSONDecoder().decode(Payload.self, from: payloadData) else { return .malformed }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: trustedKey),
              key.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8)) else { return .badSignature }
        return .verified(payload.credential)
    }

    struct Header: Codable {
        var alg: String
        var typ: String
        var kid: String
        var jwk: JWK
    }

    /// The credential's fields at the top level, beside the registered claims.
    struct Payload: Codable {
        var credential: Credential
        var iss: String
        var jti: String
        var sub: String
        var nbf: Int?
        var exp: Int?

        enum Claims: String, CodingKey { case iss, jti, sub, nbf, exp }

        init(credential: Credential, iss: String, jti: String, sub: String, nbf: Int?, exp: Int?) {
            self.credential = credential; self.iss = iss; self.jti = jti; self.sub = sub; self.nbf = nbf; self.exp = exp
        }

        init(from decoder: any Decoder) throws {
            credential = try Credential(from: decoder)
            let claims = try decoder.container(keyedBy: Claims.self)
            iss = try claims.decode(String.self, forKey: .iss); jti = try claims.decode(String.self, forKey: .jti)
            sub = try claims.decode(String.self, forKey: .sub); nbf = try claims.decodeIfPresent(Int.self, forKey: .nbf)
            exp = try claims.decodeIfPresent(Int.self, forKey: .exp)
        }

        func encode(to encoder: any Encoder) throws {
            try credential.encode(to: encoder)
            var claims = encoder.container(keyedBy: Claims.self)
            try claims.encode(iss, forKey: .iss); try claims.encode(jti, forKey: .jti); try claims.encode(sub, forKey: .sub)
            try claims.encodeIfPresent(nbf, forKey: .nbf); try claims.encodeIfPresent(exp, forKey: .exp)
        }
    }

    /// Seconds since 1970 of an ISO 8601 time with an offset (`2026-11-30T00:00:00+05:00`).
    static func epoch(_ text: String) -> Int? {
        guard text.count == 25, let day = Day(String(text.prefix(10))) else { return nil }
        let clock = text.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
        let sign = text.dropFirst(19).first == "-" ? -1 : 1
        let offset = text.suffix(5).split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, offset.count == 2 else { return nil }
        let days = day.ordinal - Day(year: 1970, month: 1, day: 1).ordinal
        return days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2] - sign * (offset[0] * 3600 + offset[1] * 60)
    }

    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}
