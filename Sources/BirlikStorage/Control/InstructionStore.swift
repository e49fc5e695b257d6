import BirlikCore
import FluentKit
import Foundation

/// The register of instructions under control: the Secretariat puts them on control, decides
/// extensions and closes them; executors respond and ask for extensions. Every step is history.
public enum InstructionStore {
    public static func create(_ draft: InstructionDraft, actor: Actor, on db: any Database, now: Date) async throws -> Instruction {
        try Access.require(actor, .create, .instruction, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let ids = try await OrganizationQueries.ids(codes: draft.codes, on: audit.db)
            var instruction = try draft.validated(id: UUID(), organizations: { ids[$0] })
            instruction.isDemo = false
            if try await InstructionRecord.query(on: audit.db).filter(\.$number == instruction.number).count() > 0 {
                throw DomainError.invalid([FieldError("number", .fieldDuplicateNumber)])
            }
            try await InstructionRecord(instruction).create(on: audit.db)
            for executor in Set(instruction.executorIDs) {
                try await InstructionExecutorRecord(instructionID: instruction.id, organizationID: executor).create(on: audit.db)
            }
            try await InstructionEventRecord(InstructionEvent(instructionID: instruction.id, kind: .created, at: now,
                                                              actorName: actor.displayName, organizationID: actor.organizationID,
                                                              text: "")).create(on: audit.db)
            try await audit.record("create", "instruction", id: instruction.id.uuidString, before: Nothing?.none, after: instruction)
            return instruction
        }
    }

    /// What can happen to an instruction after it is put on control.
    public enum Step: Sendable {
        /// An executor's response (the actor's organisation must be an executor).
        case respond(String)
        /// An executor asks for a new deadline, with a reason.
        case requestExtension(Day?, String)
        /// The Secretariat grants (moving the deadline) or refuses the latest request.
        case decideExtension(grant: Bool, comment: String)
        /// The Secretariat changes the control status (executed, removed, or back on control).
        case setStatus(ControlStatus, comment: String)
    }

    public static func apply(_ step: Step, to id: UUID, actor: Actor, on db: any Database, now: Date) async throws -> Instruction {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await InstructionRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.instruction
            guard InstructionQueries.canView(before, actor: actor) else {
                throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
            }
            var after = before
            let event: InstructionEvent
            let base = { (kind: InstructionEvent.Kind, text: String, requested: Day?) in
                InstructionEvent(instructionID: id, kind: kind, at: now, actorName: actor.displayName,
                                 organizationID: actor.organizationID, text: text, requestedDeadline: requested)
            }
            switch step {
            case let .respond(text), let .requestExtension(_, text):
                guard let organization = actor.organizationID, before.executorIDs.contains(organization) else { throw DomainError.forbidden }
                try Access.require(actor, .update, .instruction, in: before.scope(for: organization))
                guard before.status == .onControl else { throw DomainError.conflict(.errorTransition) }
                let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw DomainError.invalid([FieldError("text", .fieldRequired)]) }
                guard text.count <= 20_000 else { throw DomainError.invalid([FieldError("text", .fieldTooLong, ["max": "20000"])]) }
                if case let .requestExtension(day, _) = step {
                    guard let day, day > before.deadline else { throw DomainError.invalid([FieldError("requestedDeadline", .fieldExtensionDate)]) }
                    event = base(.extensionRequested, text, day)
                } else {
                    event = base(.response, text, nil)
                }
            case let .decideExtension(grant, comment):
                try Access.require(actor, .approve, .instruction, in: before.scope(for: nil))
                let latest = try await InstructionEventRecord.query(on: audit.db).filter(\.$instructionID == id)
                    .sort(\.$at, .descending).all().map(\.event)
                    .first { [.extensionRequested, .extensionGranted, .extensionRefused].contains($0.kind) }
                guard let request = latest, request.kind == .extensionRequested, let day = request.requestedDeadline else {
                    throw DomainError.conflict(.errorNoExtensionRequest)
                }
                if grant { after.deadline = day }
                event = base(grant ? .extensionGranted : .extensionRefused, comment, grant ? day : nil)
            case let .setStatus(status, comment):
                try Access.require(actor, .approve, .instruction, in: before.scope(for: nil))
                guard status != before.status else { throw DomainError.conflict(.errorTransition) }
                if status == .removed, comment.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw DomainError.invalid([FieldError("comment", .errorCommentRequired)])
                }
                after.status = status
                let kinds: [ControlStatus: InstructionEvent.Kind] = [.executed: .executed, .removed: .removed, .onControl: .returnedToControl]
                event = base(kinds[status]!, comment, nil)
            }
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await InstructionEventRecord(event).create(on: audit.db)
            try await audit.record(event.kind.rawValue, "instruction", id: id.uuidString, before: before, after: after)
            return after
        }
    }
}
