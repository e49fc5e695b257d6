import BirlikCore
import FluentKit
import Foundation

/// A row of `instructions`: an instruction of the Head of State – Chairman of the APK under control.
public final class InstructionRecord: Model, @unchecked Sendable {
    public static let schema = "instructions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "source") public var source: String
    @Field(key: "source_date") public var sourceDate: String
    @Field(key: "item") public var item: String
    @Field(key: "text_kk") public var textKK: String
    @OptionalField(key: "text_ru") public var textRU: String?
    @OptionalField(key: "text_en") public var textEN: String?
    /// JSON array of organisation ids; `instruction_executors` holds the same for filtering.
    @Field(key: "executor_ids") public var executorIDs: String
    @Field(key: "deadline") public var deadline: String
    @Field(key: "status") public var status: String
    @Field(key: "is_demo") public var isDemo: Bool
    @Field(key: "version") public var version: Int

    public init() {}

    public init(_ instruction: Instruction) {
        id = instruction.id
        apply(instruction)
    }

    public func apply(_ instruction: Instruction) {
        number = instruction.number
        source = instruction.source.rawValue
        sourceDate = instruction.sourceDate.description
        item = instruction.item
        textKK = instruction.text.kk ?? instruction.text.ru ?? ""
        textRU = instruction.text.ru
        textEN = instruction.text.en
        executorIDs = JSONColumn.encode(instruction.executorIDs)
        deadline = instruction.deadline.description
        status = instruction.status.rawValue
        isDemo = instruction.isDemo
        version = instruction.version
    }

    public var instruction: Instruction {
        Instruction(id: id ?? UUID(), number: number, source: InstructionSource(rawValue: source) ?? .session,
                    sourceDate: Day(sourceDate) ?? Day(year: 2015, month: 1, day: 1), item: item,
                    text: LocalizedText(kk: textKK, ru: textRU, en: textEN),
                    executorIDs: JSONColumn.decode([UUID].self, executorIDs, default: []),
                    deadline: Day(deadline) ?? Day(year: 2025, month: 12, day: 31), status: ControlStatus(rawValue: status) ?? .onControl,
                    isDemo: isDemo, version: version)
    }
}

/// A row of `instruction_executors`: an organisation must carry out an instruction.
public final class InstructionExecutorRecord: Model, @unchecked Sendable {
    public static let schema = "instruction_executors"

    @ID(key: .id) public var id: UUID?
    @Field(key: "instruction_id") public var instructionID: UUID
    @Field(key: "organization_id") public var organizationID: UUID

    public init() {}

    init(instructionID: UUID, organizationID: UUID) {
        id = UUID()
        self.instructionID = instructionID
        self.organizationID = organizationID
    }
}

/// A row of `instruction_events`: the history of an instruction.
public final class InstructionEventRecord: Model, @unchecked Sendable {
    public static let schema = "instruction_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "instruction_id") public var instructionID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "at") public var at: Date
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @Field(key: "text") public var text: String
    @OptionalField(key: "requested_deadline") public var requestedDeadline: String?

    public init() {}

    init(_ event: InstructionEvent) {
        id = event.id
        instructionID = event.instructionID
        kind = event.kind.rawValue
        at = event.at
        actorName = event.actorName
        organizationID = event.organizationID
        text = event.text
        requestedDeadline = event.requestedDeadline?.description
    }

    public var event: InstructionEvent {
        InstructionEvent(id: id ?? UUID(), instructionID: instructionID, kind: InstructionEvent.Kind(rawValue: kind) ?? .response,
                         at: at, actorName: actorName, organizationID: organizationID, text: text,
                         requestedDeadline: requestedDeadline.flatMap(Day.init))
    }
}
