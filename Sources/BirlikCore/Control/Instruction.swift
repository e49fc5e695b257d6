import Foundation

/// Where an instruction of the Head of State – Chairman of the APK is in its control.
public enum ControlStatus: String, Codable, Sendable, CaseIterable {
    case onControl, executed, removed

    public var l10nKey: L10nKey { L10nKey(rawValue: "instruction.status.\(rawValue)")! }
}

/// Where an instruction was given.
public enum InstructionSource: String, Codable, Sendable, CaseIterable {
    case session, councilMeeting, meeting

    public var l10nKey: L10nKey { L10nKey(rawValue: "instruction.source.\(rawValue)")! }
}

/// An instruction of the Head of State – Chairman of the APK, given at a session or meeting and kept
/// on control until executed or removed.
public struct Instruction: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    /// The register number (`2024-17`).
    public var number: String
    public var source: InstructionSource
    public var sourceDate: Day
    /// The item of the minutes (`3.1`).
    public var item: String
    public var text: LocalizedText
    public var executorIDs: [UUID]
    public var deadline: Day
    public var status: ControlStatus
    public var isDemo: Bool
    public var version: Int

    public init(id: UUID = UUID(), number: String, source: InstructionSource, sourceDate: Day, item: String, text: LocalizedText,
                executorIDs: [UUID], deadline: Day, status: ControlStatus = .onControl, isDemo: Bool = false, version: Int = 1) {
        self.id = id; self.number = number; self.source = source; self.sourceDate = sourceDate; self.item = item
        self.text = text; self.executorIDs = executorIDs; self.deadline = deadline; self.status = status
        self.isDemo = isDemo; self.version = version
    }

    /// On control past its deadline.
    public func isOverdue(today: Day) -> Bool { status == .onControl && today > deadline }

    /// Instructions are the Secretariat's; each executor sees the ones it must carry out.
    public func scope(for executorID: UUID?) -> Scope {
        Scope(organizationID: executorID, regionCode: RegionCode.republic, isPublic: false)
    }
}

/// One step of an instruction's history: an executor's response, an extension request and its
/// decision, or a change of control status.
public struct InstructionEvent: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case created, response, extensionRequested, extensionGranted, extensionRefused, executed, removed, returnedToControl

        public var l10nKey: L10nKey { L10nKey(rawValue: "instruction.event.\(rawValue)")! }
    }

    public var id: UUID
    public var instructionID: UUID
    public var kind: Kind
    public var at: Date
    public var actorName: String
    public var organizationID: UUID?
    public var text: String
    /// For an extension request: the deadline asked for.
    public var requestedDeadline: Day?

    public init(id: UUID = UUID(), instructionID: UUID, kind: Kind, at: Date, actorName: String, organizationID: UUID?,
                text: String, requestedDeadline: Day? = nil) {
        self.id = id; self.instructionID = instructionID; self.kind = kind; self.at = at; self.actorName = actorName
        self.organizationID = organizationID; self.text = text; self.requestedDeadline = requestedDeadline
    }
}
