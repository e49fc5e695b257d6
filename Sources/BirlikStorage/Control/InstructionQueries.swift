import BirlikCore
import FluentKit
import FluentSQL
import SQLKit
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
        if let executor = filter.executorID {
            query.filter(.sql(embed: "\(ident: "id") IN (SELECT \(ident: "instruction_id") FROM \(ident: InstructionExecutorRecord.schema) WHERE \(ident: "organization_id") = \(bind: executor))"))
        }
        return try await query.visible(to: actor).all().map(\.instruction)
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
