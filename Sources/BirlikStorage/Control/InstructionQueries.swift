import BirlikCore
import FluentKit
import Foundation

/// Reading the register of instructions: the Secretariat sees all, an executor the ones it carries out.
public enum InstructionQueries {
    static func canView(_ instruction: Instruction, actor: Actor) -> Bool {
        if Access.check(actor, .view, .instruction, in: instruction.scope(for: nil)) == .allowed { return true }
        return instruction.executorIDs.contains { Access.check(actor, .view, .instruction, in: instruction.scope(for: $0)) == .allowed }
    }

    /// Filters of the register.
    public struct Filter: Sendable {
        public var status: ControlStatus?
        public var overdueOnly: Bool
        public var executorID: UUID?
        public init(status: ControlStatus? = nil, overdueOnly: Bool = false, executorID: UUID? = nil) {
            self.status = status; self.overdueOnly = overdueOnly; self.executorID = executorID
        }
    }

    public static func list(_ filter: Filter, actor: Actor, today: Day, on db: any Database) async throws -> [Instruction] {
        let query = InstructionRecord.query(on: db).sort(\.$deadline)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if filter.overdueOnly {
            query.filter(\.$status == ControlStatus.onControl.rawValue).filter(\.$deadline < today.description)
        }
        let restricted = Access.visibility(actor, .instruction) != .everything
        var ids: [UUID]? = nil
        if restricted {
            guard let organization = actor.organizationID, actor.isSignedIn else { return [] }
            ids = try await InstructionExecutorRecord.query(on: db).filter(\.$organizationID == organization).all(\.$instructionID)
        }
        if let executor = filter.executorID {
            let assigned = try await InstructionExecutorRecord.query(on: db).filter(\.$organizationID == executor).all(\.$instructionID)
            ids = ids.map { Array(Set($0).intersection(assigned)) } ?? assigned
        }
        if let ids { query.filter(\.$id ~~ ids) }
        return try await query.all().map(\.instruction).filter { canView($0, actor: actor) }
    }

    public static func find(id: UUID, actor: Actor, on db: any Database) async throws -> Instruction {
        guard let instruction = try await InstructionRecord.find(id, on: db)?.instruction else { throw DomainError.notFound }
        guard canView(instruction, actor: actor) else { throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired }
        return instruction
    }

    public static func history(of id: UUID, on db: any Database) async throws -> [InstructionEvent] {
        try await InstructionEventRecord.query(on: db).filter(\.$instructionID == id).sort(\.$at).all().map(\.event)
    }

    /// Overdue instructions `actor` may see: every dashboard shows them.
    public static func overdue(actor: Actor, today: Day, on db: any Database) async throws -> [Instruction] {
        try await list(Filter(overdueOnly: true), actor: actor, today: today, on: db)
    }
}
