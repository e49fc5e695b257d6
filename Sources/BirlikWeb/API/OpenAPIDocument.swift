import BirlikCore
import Foundation
import Vapor

/// The OpenAPI 3 description of `/api/v1`, served at `/api/openapi.json`. A test checks that every
/// operation here is a registered route and every API route is described here.
enum OpenAPIDocument {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.openAPI) { _ -> Response in
            let response = Response(status: .ok, body: .init(data: json))
            response.headers.contentType = .json
            return response
        }
    }

    static let json: Data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data()

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    static func jsonBody(_ schema: [String: Any], _ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static var errors: [String: Any] { [
        "400": jsonBody(ref("Error"), "Malformed request (broken JSON, wrong type or parameter)"),
        "401": jsonBody(ref("Error"), "Sign-in required (bearer token missing or expired)"),
        "403": jsonBody(ref("Error"), "Not allowed for this role, organisation or region"),
        "404": jsonBody(ref("Error"), "No such record, or not visible to the caller"),
    ] }

    static func query(_ name: String, _ description: String, schema: [String: Any] = ["type": "string"], required: Bool = false) -> [String: Any] {
        ["name": name, "in": "query", "required": required, "description": description, "schema": schema]
    }

    static var codeParameter: [String: Any] {
        ["name": "code", "in": "path", "required": true, "schema": ["type": "string"],
         "description": "The organisation's code, e.g. apk-secretariat"]
    }

    static var document: [String: Any] { [
        "openapi": "3.0.3",
        "info": [
            "title": "Birlik API",
            "version": "1.0.0",
            "description": "The Assembly of People of Kazakhstan's unified working system: regions, organisations, action plans, measures and control figures. Text fields carry kk, ru and en; Accept-Language chooses the sort language. Public records are open; others need a bearer token from POST /api/v1/auth/token.",
        ],
        "servers": [["url": "/"]],
        "paths": [
            "/api/v1/regions": [
                "get": ["operationId": "listRegions", "summary": "The region tree: republic, 17 regions, 3 cities, districts",
                        "responses": ["200": jsonBody(["type": "array", "items": ref("Region")], "Every place")]],
            ],
            "/api/v1/organizations": [
                "get": [
                    "operationId": "listOrganizations", "summary": "Organisations visible to the caller, filtered and paged",
                    "parameters": [
                        query("region", "A region code (KZ-75); its districts are included"),
                        query("type", "An organisation type", schema: ["type": "string", "enum": OrganizationTypeNames.all]),
                        query("q", "Search text in any language or script"),
                        query("group", "An ethnic group code (koreans, uzbeks, …)"),
                        query("sort", "name, region or type", schema: ["type": "string", "enum": ["name", "region", "type"]]),
                        query("desc", "1 to sort descending"),
                        query("page", "Page number from 1", schema: ["type": "integer", "minimum": 1]),
                        query("perPage", "Rows per page (1–200, default 25)", schema: ["type": "integer", "minimum": 1, "maximum": 200]),
                    ],
                    "responses": ["200": jsonBody(ref("OrganizationList"), "One page of organisations"), "400": errors["400"]!],
                ],
                "post": [
                    "operationId": "createOrganization", "summary": "Add an organisation (secretariat; regional coordinator in their region)",
                    "security": [["bearer": []]],
                    "requestBody": ["required": true, "content": ["application/json": ["schema": ref("OrganizationInput")]]],
                    "responses": errors.merging([
                        "201": jsonBody(ref("Organization"), "Created"),
                        "409": jsonBody(ref("Error"), "An organisation with this code exists"),
                        "413": jsonBody(ref("Error"), "Body too large"),
                        "422": jsonBody(ref("Error"), "Invalid values; fields lists each problem"),
                    ]) { $1 },
                ],
            ],
            "/api/v1/organizations/{code}": [
                "parameters": [codeParameter],
                "get": ["operationId": "getOrganization", "summary": "One organisation",
                        "responses": ["200": jsonBody(ref("Organization"), "The organisation"), "404": errors["404"]!]],
                "put": [
                    "operationId": "updateOrganization", "summary": "Change an organisation; send the version you read",
                    "security": [["bearer": []]],
                    "requestBody": ["required": true, "content": ["application/json": ["schema": ref("OrganizationInput")]]],
                    "responses": errors.merging([
                        "200": jsonBody(ref("Organization"), "Updated"),
                        "409": jsonBody(ref("Error"), "Someone saved it since you read it, or the code is taken"),
                        "422": jsonBody(ref("Error"), "Invalid values"),
                    ]) { $1 },
                ],
                "delete": [
                    "operationId": "deleteOrganization", "summary": "Delete an organisation (secretariat)",
                    "security": [["bearer": []]],
                    "responses": errors.merging(["204": ["description": "Deleted"],
                                                 "409": jsonBody(ref("Error"), "It has member organisations or users")]) { $1 },
                ],
            ],
            "/api/v1/plans": [
                "get": ["operationId": "listPlans", "summary": "Action plans visible to the caller (the public: plans in force)",
                        "responses": ["200": jsonBody(["type": "array", "items": ref("Plan")], "The plans")]],
            ],
            "/api/v1/measures": [
                "get": [
                    "operationId": "listMeasures", "summary": "Measures of the visible plans",
                    "parameters": [
                        query("plan", "A plan code (kz-2021-2025)"),
                        query("executor", "An organisation code: responsible executor or co-executor"),
                        query("region", "A region code: plans of the region and its districts"),
                        query("task", "A strategy-tree node the measure serves (C2.D3.8)"),
                    ],
                    "responses": ["200": jsonBody(["type": "array", "items": ref("Measure")], "The measures")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/dashboard/summary": [
                "get": [
                    "operationId": "dashboardSummary", "summary": "Reporting rate, timeliness and progress, in total, by region and by year",
                    "description": "For signed-in controllers: the Secretariat sees the republic (or ?region=), a coordinator the own region, an executor the own organisation. Definitions come with the figures.",
                    "security": [["bearer": []]],
                    "parameters": [query("year", "A reporting year", schema: ["type": "integer"]), query("region", "A region code (Secretariat only)")],
                    "responses": ["200": jsonBody(ref("DashboardSummary"), "The figures")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/data": [
                "get": [
                    "operationId": "openData", "summary": "Values of one indicator of the statistical database of interethnic relations, by place and period",
                    "description": "Public indicators for everyone; the others for signed-in staff within their region. A region's value adds up its districts. Each item names its source (census, demo, import, entry).",
                    "parameters": [
                        query("element", "An indicator code (census.population.ethnicity, population, associations.count …)", required: true),
                        query("period", "A year (2024), half-year (2024H1), quarter (2024Q2) or month (2024-03)"),
                        query("place", "A region code (KZ-75) or name; the republic (KZ) or empty for every region"),
                        query("by", "A breakdown of the indicator: ethnicity, sex, age or language"),
                    ],
                    "responses": ["200": jsonBody(["type": "object", "properties": ["data": ["type": "array", "items": ref("DataValue")]]], "The values")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/signals": [
                "get": [
                    "operationId": "listSignals", "summary": "Signals of the early-warning system visible to the caller",
                    "description": "Confidential: the Secretariat sees all, a coordinator or mediator the own region, an organisation the signals assigned to it. The public gets 401.",
                    "security": [["bearer": []]],
                    "parameters": [query("status", "reported, verified or rejected"), query("region", "A region code"), query("month", "A month (2026-11)")],
                    "responses": ["200": jsonBody(["type": "object", "properties": ["signals": ["type": "array", "items": ref("Signal")]]], "The signals")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/appeals": [
                "get": [
                    "operationId": "listAppeals", "summary": "Citizens' appeals the caller handles, newest first",
                    "description": "The Secretariat sees all, a coordinator the own region, a council member the council's. No personal data.",
                    "security": [["bearer": []]],
                    "parameters": [query("status", "registered, forwarded, accepted, inReview, extended, answered, appealed or closed"),
                                   query("region", "A region code"), query("overdue", "1 for overdue appeals only")],
                    "responses": ["200": jsonBody(["type": "object", "required": ["appeals"], "properties": ["appeals": ["type": "array", "items": ref("AppealRow")]]], "The appeals")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/appeals/{id}": [
                "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                "get": [
                    "operationId": "getAppeal", "summary": "One appeal with its points, answers and every recorded step",
                    "description": "The same recorded steps the applicant's status page and the staff page show. No personal data.",
                    "security": [["bearer": []]],
                    "responses": ["200": jsonBody(ref("Appeal"), "The appeal")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/appeals/statistics": [
                "get": [
                    "operationId": "appealStatistics", "summary": "Public statistics of citizens' appeals for a year: totals, by region, council and topic",
                    "description": "Aggregates only, without personal data. Shares and working-day percentiles are null in a cell with fewer than five appeals.",
                    "parameters": [query("year", "A year (2026); the current one when absent", schema: ["type": "integer"])],
                    "responses": ["200": jsonBody(ref("AppealStatistics"), "The figures")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/charity/campaigns": [
                "get": [
                    "operationId": "charityCampaigns", "summary": "Charity campaigns with what each raised, spent and holds (amounts in tiyn)",
                    "responses": ["200": jsonBody(["type": "object", "required": ["campaigns"], "properties": ["campaigns": ["type": "array", "items": ref("Campaign")]]],
                                                  "The campaigns")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/charity/tree-heads": [
                "get": [
                    "operationId": "charityTreeHeads", "summary": "Every signed tree head of the charity ledger's Merkle tree log, oldest first",
                    "description": "Ed25519 over the lines birlik-ledger-tree-head-v1, size, root (hex) and the signing instant in milliseconds.",
                    "responses": ["200": jsonBody(["type": "object", "required": ["heads"], "properties": ["heads": ["type": "array", "items": ref("TreeHead")]]],
                                                  "The tree heads")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/charity/report": [
                "get": [
                    "operationId": "charityReport", "summary": "Money in, money out by beneficiary category, open balance and share disbursed, per campaign, organiser or region (tiyn)",
                    "parameters": [query("by", "campaign, organizer (the default) or region")],
                    "responses": ["200": jsonBody(["type": "object", "required": ["by", "rows", "total"], "properties": [
                        "by": ["type": "string"], "rows": ["type": "array", "items": ["type": "object"]], "total": ["type": "object"]]], "The report")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/charity/campaigns/{campaign}/transactions": [
                "parameters": [["name": "campaign", "in": "path", "required": true, "schema": ["type": "string"]]],
                "get": [
                    "operationId": "charityTransactions", "summary": "A campaign's ledger entries as IATI transactions (types 1, 2, 3, 4, 11; amounts in tenge, reversals negative)",
                    "responses": ["200": jsonBody(["type": "object", "required": ["iati-identifier", "transaction"], "properties": [
                        "iati-identifier": ["type": "string"], "title": ["type": "string"], "reporting-org": ["type": "object"],
                        "transaction": ["type": "array", "items": ["type": "object"]]]], "The activity")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/charity/consistency": [
                "get": [
                    "operationId": "charityConsistency", "summary": "The proof (RFC 9162) that a later signed tree head extends an earlier one",
                    "description": "Both sizes must be signed tree heads; without them, the first and the newest heads. Check it offline with `birlik ledger check FILE`.",
                    "parameters": [query("from", "The earlier head's size", schema: ["type": "integer"]), query("to", "The later head's size", schema: ["type": "integer"])],
                    "responses": ["200": jsonBody(["type": "object", "required": ["from", "to", "proof"], "properties": [
                        "from": ref("TreeHead"), "to": ref("TreeHead"), "proof": ["type": "array", "items": ["type": "string"]]]], "The proof")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/charity/receipts/{number}": [
                "parameters": [["name": "number", "in": "path", "required": true, "schema": ["type": "string"]]],
                "get": [
                    "operationId": "charityReceipt", "summary": "A donation's receipt with its leaf, the newest signed tree head covering it and the inclusion proof (RFC 9162)",
                    "responses": ["200": jsonBody(ref("Receipt"), "The receipt")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/grants": [
                "get": [
                    "operationId": "grants360Giving", "summary": "Grants awarded to NGOs, in the 360Giving data standard 1.4 (organisations by BIN as KZ-BIN-…)",
                    "responses": ["200": jsonBody(["type": "object", "required": ["grants"], "properties": [
                        "grants": ["type": "array", "items": ["type": "object", "required": ["id", "title", "currency", "amountAwarded", "awardDate",
                                                                                             "recipientOrganization", "fundingOrganization"]]],
                        "version": ["type": "string"], "title": ["type": "string"], "issued": ["type": "string"], "license": ["type": "string"],
                        "publisher": ["type": "object"]]], "The 360Giving package")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/encyclopedia/{slug}": [
                "parameters": [["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]],
                "get": [
                    "operationId": "encyclopediaArticle", "summary": "An article of the Kazakhstan Encyclopedia: the approved revision of each language (never a draft)",
                    "responses": ["200": jsonBody(["type": "object", "required": ["slug", "texts"], "properties": [
                        "slug": ["type": "string"],
                        "texts": ["type": "array", "items": ["type": "object", "required": ["language", "title", "text", "revision", "hash", "approvedRevision"],
                                                             "properties": ["language": ["type": "string"], "title": ["type": "string"], "text": ["type": "string"],
                                                                            "revision": ["type": "integer"], "hash": ["type": "string"],
                                                                            "approvedRevision": ["type": "string"]]]]]], "The article")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/risk": [
                "get": [
                    "operationId": "riskIndex", "summary": "The risk index of each visible region for a month, with its formula",
                    "security": [["bearer": []]],
                    "parameters": [query("period", "A month (2026-11); the current month when absent")],
                    "responses": ["200": jsonBody(ref("Risk"), "The index by region")].merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/corpus/search": [
                "get": [
                    "operationId": "corpusSearch", "summary": "Search the national corpus of the Kazakh language: a word in any form and either script, or a CQP query",
                    // One of the two is needed (OpenAPI 3.0 has no way to say so of query parameters).
                    "x-required-one-of": ["q", "cqp"],
                    "parameters": [query("q", "A word in Cyrillic or the 2021 Latin alphabet; every inflected form of its lemma is found"),
                                   query("cqp", #"A CQP query, e.g. [lemma="тіл"] []{0,2} [pos="VERB"] within s; takes precedence over q"#),
                                   query("sort", "position, left, right or metadata (the document's year)"),
                                   query("context", "Tokens of context on each side (1–25)", schema: ["type": "integer"]),
                                   query("page", "Page of 50 hits, from 0", schema: ["type": "integer"])],
                    "responses": ["200": jsonBody(ref("CorpusHits"), "Hits with document, position and context; a malformed query is 422 naming the position and what was expected")]
                        .merging(errors) { first, _ in first },
                ],
            ],
            "/api/v1/auth/token": [
                "post": [
                    "operationId": "issueToken", "summary": "Exchange an e-mail and password for a bearer token",
                    "requestBody": ["required": true, "content": ["application/json": ["schema": [
                        "type": "object", "required": ["email", "password"],
                        "properties": ["email": ["type": "string"], "password": ["type": "string"]],
                    ]]]],
                    "responses": [
                        "200": jsonBody(ref("Token"), "A token valid for 30 days"),
                        "400": errors["400"]!,
                        "401": jsonBody(ref("Error"), "Wrong e-mail or password"),
                        "423": jsonBody(ref("Error"), "Account locked after repeated failures"),
                        "429": jsonBody(ref("Error"), "Too many attempts"),
                    ],
                ],
            ],
        ],
        "components": [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            "schemas": [
                "LocalizedText": ["type": "object", "description": "Text per language; a missing language is absent",
                                  "properties": ["kk": ["type": "string"], "ru": ["type": "string"], "en": ["type": "string"]]],
                "Contacts": ["type": "object", "properties": ["address": ["type": "string"], "phone": ["type": "string"],
                                                              "email": ["type": "string"], "website": ["type": "string"]]],
                "Region": ["type": "object", "required": ["code", "kind", "name", "center"], "properties": [
                    "code": ["type": "string", "example": "KZ-75"], "parent": ["type": "string"],
                    "kind": ["type": "string", "enum": ["republic", "region", "city", "district"]],
                    "name": ref("LocalizedText"), "center": ref("LocalizedText"),
                ]],
                "Organization": ["type": "object", "required": ["id", "code", "type", "name", "region", "version"], "properties": [
                    "id": ["type": "string", "format": "uuid"], "code": ["type": "string"],
                    "type": ["type": "string", "enum": OrganizationTypeNames.all],
                    "name": ref("LocalizedText"), "description": ref("LocalizedText"), "region": ["type": "string"],
                    "parentID": ["type": "string", "format": "uuid"], "contacts": ref("Contacts"),
                    "bin": ["type": "string", "pattern": "^[0-9]{12}$", "description": "Business identification number (БСН / БИН)"],
                    "languages": ["type": "array", "items": ["type": "string", "enum": ["kk", "ru", "en"]]],
                    "ethnicGroups": ["type": "array", "items": ["type": "string"]],
                    "isPublic": ["type": "boolean"], "isDemo": ["type": "boolean"],
                    "missingTranslations": ["type": "array", "items": ["type": "string"]],
                    "version": ["type": "integer"], "url": ["type": "string"],
                ]],
                "OrganizationInput": ["type": "object", "required": ["code", "type", "name", "region"], "properties": [
                    "code": ["type": "string"], "type": ["type": "string", "enum": OrganizationTypeNames.all],
                    "name": ref("LocalizedText"), "description": ref("LocalizedText"), "region": ["type": "string"],
                    "parentCode": ["type": "string"], "contacts": ref("Contacts"), "bin": ["type": "string"],
                    "languages": ["type": "array", "items": ["type": "string"]],
                    "ethnicGroups": ["type": "array", "items": ["type": "string"]],
                    "isPublic": ["type": "boolean"], "internalNote": ["type": "string"],
                    "version": ["type": "integer", "description": "The version read; required for updates"],
                ]],
                "OrganizationList": ["type": "object", "required": ["items", "page", "perPage", "total"], "properties": [
                    "items": ["type": "array", "items": ref("Organization")], "page": ["type": "integer"],
                    "perPage": ["type": "integer"], "total": ["type": "integer"],
                ]],
                "DataValue": ["type": "object", "required": ["element", "place", "period", "value", "source"], "properties": [
                    "element": ["type": "string"], "place": ["type": "string", "example": "KZ-75"], "period": ["type": "string", "example": "2024"],
                    "category": ["type": "string", "example": "ethnicity=kazakhs"], "value": ["type": "number"], "source": ["type": "string"],
                ]],
                "AppealRow": ["type": "object", "required": ["id", "number", "status", "place", "category", "registeredOn", "dueOn", "overdue"], "properties": [
                    "id": ["type": "string", "format": "uuid"], "number": ["type": "string"],
                    "status": ["type": "string", "enum": Appeal.Status.allCases.map(\.rawValue)], "place": ["type": "string"],
                    "category": ["type": "string", "enum": Appeal.Category.allCases.map(\.rawValue)],
                    "registeredOn": ["type": "string", "format": "date"], "dueOn": ["type": "string", "format": "date"], "overdue": ["type": "boolean"],
                ]],
                "Appeal": ["type": "object", "required": ["id", "number", "status", "channel", "place", "category", "registeredOn", "dueOn", "overdue", "points", "steps"], "properties": [
                    "id": ["type": "string", "format": "uuid"], "number": ["type": "string"],
                    "status": ["type": "string", "enum": Appeal.Status.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": Appeal.Channel.allCases.map(\.rawValue)],
                    "place": ["type": "string"], "category": ["type": "string", "enum": Appeal.Category.allCases.map(\.rawValue)],
                    "registeredOn": ["type": "string", "format": "date"], "dueOn": ["type": "string", "format": "date"], "overdue": ["type": "boolean"],
                    "outcome": ["type": "string", "enum": Appeal.Outcome.allCases.map(\.rawValue)],
                    "points": ["type": "array", "items": ["type": "object", "required": ["request", "answer"], "properties": [
                        "request": ["type": "string"], "outcome": ["type": "string"], "answer": ["type": "string"]]]],
                    "steps": ["type": "array", "items": ["type": "object", "required": ["sequence", "at", "status", "note"], "properties": [
                        "sequence": ["type": "integer"], "at": ["type": "string", "format": "date-time"],
                        "status": ["type": "string", "enum": Appeal.Status.allCases.map(\.rawValue)], "note": ["type": "string"], "dueOn": ["type": "string", "format": "date"]]]],
                ]],
                "Campaign": ["type": "object", "required": ["code", "title", "organizer", "region", "beneficiaryCategory", "startsOn", "endsOn", "goalTiyn",
                                                            "raisedTiyn", "spentTiyn", "balanceTiyn", "donations"], "properties": [
                    "code": ["type": "string"], "title": ["type": "string"], "organizer": ["type": "string"], "region": ["type": "string"],
                    "beneficiaryCategory": ["type": "string", "enum": BeneficiaryCategory.allCases.map(\.rawValue)],
                    "startsOn": ["type": "string", "format": "date"], "endsOn": ["type": "string", "format": "date"], "goalTiyn": ["type": "integer"],
                    "raisedTiyn": ["type": "integer"], "spentTiyn": ["type": "integer"], "balanceTiyn": ["type": "integer"], "donations": ["type": "integer"],
                    "parent": ["type": "string"],
                ]],
                "TreeHead": ["type": "object", "required": ["size", "root", "signedAt", "signature", "publicKey"], "properties": [
                    "size": ["type": "integer"], "root": ["type": "string"], "signedAt": ["type": "string", "format": "date-time"],
                    "signature": ["type": "string"], "publicKey": ["type": "string"],
                ]],
                "Receipt": ["type": "object", "required": ["number", "campaign", "amountTiyn", "day", "publicName", "reversed", "leafIndex", "leafHash", "inclusionProof"],
                            "properties": [
                    "number": ["type": "string"], "campaign": ["type": "string"], "amountTiyn": ["type": "integer"], "day": ["type": "string", "format": "date"],
                    "publicName": ["type": "string"], "reversed": ["type": "boolean"], "leafIndex": ["type": "integer"], "leafHash": ["type": "string"],
                    "head": ref("TreeHead"), "inclusionProof": ["type": "array", "items": ["type": "string"]],
                    "version": ["type": "integer", "description": "1, or the newest re-issue's number"],
                    "versions": ["type": "array", "description": "The re-issues, oldest first; each replaces the one before", "items": ["type": "object",
                        "required": ["version", "replaces", "publicName", "reason", "issuedOn"],
                        "properties": ["version": ["type": "integer"], "replaces": ["type": "integer"], "publicName": ["type": "string"],
                                       "reason": ["type": "string"], "issuedOn": ["type": "string"], "issuedBy": ["type": "string"], "number": ["type": "string"]]]],
                ]],
                "AppealFigures": ["type": "object", "required": ["key", "received", "finished", "onTime", "overdue", "extended", "answered", "satisfied"], "properties": [
                    "key": ["type": "string", "description": "A region code, a council's id or a topic"],
                    "received": ["type": "integer"], "finished": ["type": "integer", "description": "Answered or forwarded"],
                    "onTime": ["type": "integer"], "overdue": ["type": "integer", "description": "Open and past the deadline"],
                    "extended": ["type": "integer"], "answered": ["type": "integer"], "satisfied": ["type": "integer"],
                    "onTimeShare": ["type": "number", "nullable": true], "extendedShare": ["type": "number", "nullable": true],
                    "satisfiedShare": ["type": "number", "nullable": true],
                    "medianWorkingDays": ["type": "integer", "nullable": true], "p90WorkingDays": ["type": "integer", "nullable": true],
                ]],
                "AppealStatistics": ["type": "object", "required": ["year", "regions", "councils", "categories"], "properties": [
                    "year": ["type": "integer"], "total": ref("AppealFigures"),
                    "regions": ["type": "array", "items": ref("AppealFigures")], "councils": ["type": "array", "items": ref("AppealFigures")],
                    "categories": ["type": "array", "items": ref("AppealFigures")],
                ]],
                "Signal": ["type": "object", "required": ["id", "date", "place", "kind", "severity", "status"], "properties": [
                    "id": ["type": "string", "format": "uuid"], "date": ["type": "string", "format": "date"], "place": ["type": "string"],
                    "kind": ["type": "string", "enum": Signal.Kind.allCases.map(\.rawValue)], "groups": ["type": "array", "items": ["type": "string"]],
                    "severity": ["type": "integer", "minimum": 1, "maximum": 5], "source": ["type": "string", "enum": Signal.Source.allCases.map(\.rawValue)],
                    "status": ["type": "string", "enum": Signal.Status.allCases.map(\.rawValue)], "summary": ["type": "string"],
                    "responsible": ["type": "string", "format": "uuid"],
                ]],
                "CorpusHits": ["type": "object", "required": ["query", "total", "complete", "hits"], "properties": [
                    "query": ["type": "string", "description": "The CQP query that ran"],
                    "total": ["type": "integer"], "complete": ["type": "boolean"],
                    "stop": ["type": "string", "enum": ["complete", "resultLimit", "timeLimit"]], "page": ["type": "integer"],
                    "hits": ["type": "array", "items": ["type": "object", "properties": [
                        "document": ["type": "string"], "position": ["type": "integer"], "left": ["type": "string"],
                        "match": ["type": "string"], "right": ["type": "string"],
                    ]]],
                ]],
                "Risk": ["type": "object", "required": ["formula", "risk"], "properties": [
                    "formula": ["type": "string"],
                    "risk": ["type": "array", "items": ["type": "object", "properties": [
                        "place": ["type": "string"], "month": ["type": "string"], "value": ["type": "number"],
                        "level": ["type": "string", "enum": RiskIndex.Level.allCases.map(\.rawValue)], "load": ["type": "number"],
                        "baseline": ["type": "number"], "survey": ["type": "number"],
                    ]]],
                ]],
                "Plan": ["type": "object", "required": ["id", "code", "title", "region", "status"], "properties": [
                    "id": ["type": "string", "format": "uuid"], "code": ["type": "string"], "title": ref("LocalizedText"),
                    "region": ["type": "string"], "concept": ["type": "string", "enum": ["C1", "C2"]],
                    "startYear": ["type": "integer"], "endYear": ["type": "integer"],
                    "status": ["type": "string", "enum": PlanStatus.allCases.map(\.rawValue)], "planVersion": ["type": "integer"],
                    "approvedAt": ["type": "string", "format": "date-time"], "measureCount": ["type": "integer"], "url": ["type": "string"],
                ]],
                "Measure": ["type": "object", "required": ["id", "plan", "code", "title", "executor"], "properties": [
                    "id": ["type": "string", "format": "uuid"], "plan": ["type": "string"], "code": ["type": "string"], "title": ref("LocalizedText"),
                    "tasks": ["type": "array", "items": ["type": "string"]], "executor": ["type": "string"],
                    "coExecutors": ["type": "array", "items": ["type": "string"]],
                    "completionForm": ["type": "string", "enum": CompletionForm.allCases.map(\.rawValue)],
                    "deadline": ["type": "string", "format": "date", "description": "Empty for a periodic measure"],
                    "periodicity": ["type": "string", "enum": Periodicity.allCases.map(\.rawValue)], "dueDay": ["type": "integer"],
                    "budgetSource": ["type": "string", "enum": BudgetSource.allCases.map(\.rawValue)], "amount": ["type": "integer", "description": "Tenge"],
                    "expectedResult": ref("LocalizedText"),
                    "indicators": ["type": "array", "items": ["type": "object", "properties": [
                        "name": ref("LocalizedText"), "unit": ["type": "string"], "baseline": ["type": "number"],
                        "targets": ["type": "object", "additionalProperties": ["type": "number"]]]]],
                    "weight": ["type": "integer"], "url": ["type": "string"],
                ]],
                "Rates": ["type": "object", "properties": [
                    "expected": ["type": "integer"], "accepted": ["type": "integer"], "onTime": ["type": "integer"], "overdue": ["type": "integer"],
                    "reportingRate": ["type": "number", "description": "accepted ÷ expected"],
                    "timeliness": ["type": "number", "description": "first submitted by the due day ÷ expected"],
                    "progress": ["type": "number", "description": "mean execution score of the responsible executors' expected reports"],
                ]],
                "DashboardSummary": ["type": "object", "properties": [
                    "asOf": ["type": "string", "format": "date"], "year": ["type": "integer"], "region": ["type": "string"],
                    "total": ref("Rates"), "byRegion": ["type": "object", "additionalProperties": ref("Rates")],
                    "byYear": ["type": "object", "additionalProperties": ref("Rates")], "overdueInstructions": ["type": "integer"],
                    "definitions": ["type": "object", "additionalProperties": ["type": "string"]],
                ]],
                "Token": ["type": "object", "properties": ["token": ["type": "string"], "tokenType": ["type": "string"],
                                                           "expiresAt": ["type": "string", "format": "date-time"], "role": ["type": "string"]]],
                "Error": ["type": "object", "required": ["error"], "properties": ["error": [
                    "type": "object", "required": ["status", "code", "message", "fields"], "properties": [
                        "status": ["type": "integer"], "code": ["type": "string"],
                        "message": ["type": "string", "description": "In the caller's language (Accept-Language)"],
                        "fields": ["type": "array", "items": ["type": "object", "properties": [
                            "field": ["type": "string"], "message": ["type": "string"]]]],
                    ]]]],
            ],
        ],
    ] }
}

import BirlikCore

enum OrganizationTypeNames {
    static let all = OrganizationType.allCases.map(\.rawValue)
}
