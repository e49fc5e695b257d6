import Foundation

/// What can be done.
public enum Action: String, Sendable, CaseIterable {
    case view, create, update, delete
    /// Approve, accept or decide: the coordinator's and the Secretariat's acts of control.
    case approve
    /// Make an aggregate public (the monthly signal figures of the early-warning system).
    case publish
}

/// What it is done to. Each part of the mission adds its own resources here.
public enum Resource: String, Sendable, CaseIterable {
    /// A registry organisation: its profile, people and internal notes.
    case organization
    /// A user account.
    case user
    /// The audit log.
    case auditLog
    /// An action plan and its measures (S2).
    case plan
    /// An executor's report on a measure (S3).
    case report
    /// An instruction of the Head of State – Chairman of the APK under control (S4).
    case instruction
    /// The control figures of a place (organisation `nil`) or of one organisation: dashboards, the
    /// figures on plan and strategy pages, the summary API.
    case dashboard
    /// Values of the statistical database (S6): a place's values, their entry, import and approval.
    case statistics
    /// A signal of the early-warning system and the response to it (S6).
    case signal
    /// An alert raised by an early-warning rule and its response task (S6).
    case alert
    /// A text submitted to the national corpus (S12): contributors submit, Secretariat editors accept.
    case corpusText
    /// A citizen's appeal and its answer (S9): the applicant files it, the council or Public Accord
    /// office it was routed to handles it.
    case appeal
    /// The working-day calendar: holidays and the Government's moves of days off.
    case workingCalendar
    /// The register of mediators (S7): public, kept by the Secretariat.
    case mediator
    /// A mediation case (S7). Its owner (`Scope.organizationID`) is the assigned mediator's account.
    case mediationCase
    /// A case of public control by a council of public accord; public from its final document on.
    case publicControl
    /// A charity campaign and its ledger (S8): public to read; its organiser's staff record donations.
    case campaign
    /// A lot or call of the grant plan (S10): the Secretariat, as grant operator, keeps them; public once published.
    case grantLot
    /// An NGO's grant application (S10): its own staff write it, the grant operator handles it.
    case grantApplication
    /// An expert's review assignment (S21). Its owner (`Scope.organizationID`) is the reviewer's account.
    case reviewAssignment
    /// An event of the calendar (S15): public; kept by its organiser's staff and the region's coordinators.
    case event
    /// A registration for an event: the attendee holds it by its token; the event's keepers handle it.
    case eventRegistration
    /// A version of an open dataset (S16): public; published by the Secretariat.
    case openData
    /// A news item of the portal (S16): public once published; the Secretariat edits the republic's, a
    /// regional assembly (its coordinators) its region's.
    case news
    /// An article of the "Kazakhstan Encyclopedia" (S16): its approved texts public; editors write
    /// revisions (the Secretariat and the regions' coordinators), the Secretariat approves them.
    case article
    /// An item of the media plan (S16): the responsible organisation's and its region's; not public.
    case mediaPlan
    /// An item of the digital library and depository (S16): public once published; its depositor's staff
    /// and the region's coordinators keep it, the Secretariat and the region's coordinators publish it.
    case libraryItem
    /// A course and its groups (S13, S17): public; kept by the host's staff and the region's coordinators.
    case course
    /// A learner's enrolment, attendance and results: the host's and the region's, never public; the
    /// learner holds it by its token.
    case enrolment
    /// A certificate of a finished course: kept like the enrolment; anyone with its code verifies it.
    case certificate
    /// A partner abroad (S20): public while active; kept by the Secretariat and the regions' coordinators.
    case partner
    /// An agreement with partners abroad and its obligations: public once signed (never its confidential
    /// clauses); kept like partners.
    case agreement
    /// A youth programme or initiative with its positions and shifts (S18): public; kept by its organiser's
    /// staff and the region's coordinators.
    case youthInitiative
    /// A young person's participation in a shift: the organiser's and the region's, never public; the
    /// volunteer holds their own portfolio by its token.
    case participation
    /// A practice of the base of good practices (S19): its author's and the region's until published;
    /// the Secretariat reviews, verifies and publishes it.
    case practice
    /// A line of a practice's replication log: public; written by the adopting region's people.
    case practiceAdoption
}

/// The outcome of a permission check.
public enum Decision: Sendable, Equatable {
    case allowed
    /// Not signed in where a sign-in would help.
    case needsSignIn
    case forbidden
}

/// Which records of a kind a user may list: the same rule as `Access.check`, in a form a query can use.
public enum Visibility: Sendable, Equatable {
    case everything
    /// Public records, plus every record within these region subtrees or owned by these organisations.
    case publicAnd(regions: [String], organizations: [UUID])
    case nothing
}

/// **The** permission check of Birlik: role × organisation × region subtree. Every route and every
/// query asks it; nothing else decides who may see or change what.
public enum Access {
    public static func check(_ actor: Actor, _ action: Action, _ resource: Resource, in scope: Scope) -> Decision {
        let decision = rule(actor, action, resource, scope)
        if decision == .forbidden, !actor.isSignedIn { return .needsSignIn }
        return decision
    }

    /// Throws `DomainError.forbidden` (or `.signInRequired`) unless `check` allows.
    public static func require(_ actor: Actor, _ action: Action, _ resource: Resource, in scope: Scope) throws {
        switch check(actor, action, resource, in: scope) {
        case .allowed: return
        case .needsSignIn: throw DomainError.signInRequired
        case .forbidden: throw DomainError.forbidden
        }
    }

    /// The records of `resource` that `actor` may view, as a filter for list queries.
    public static func visibility(_ actor: Actor, _ resource: Resource) -> Visibility {
        switch (actor.role, resource) {
        case (.admin, _), (.secretariat, .organization), (.secretariat, .auditLog), (.secretariat, .user):
            return .everything
        case (.regionalCoordinator, .organization):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .organization):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.regionalCoordinator, .user):
            return .publicAnd(regions: [actor.regionCode], organizations: [])
        case (.secretariat, .plan), (.secretariat, .report), (.secretariat, .instruction):
            return .everything
        case (.regionalCoordinator, .plan):
            return .publicAnd(regions: [actor.regionCode], organizations: [])
        case (.regionalCoordinator, .report):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .plan):
            return .publicAnd(regions: [], organizations: [])
        case (_, .report) where actor.isSignedIn:
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .report):
            return .publicAnd(regions: [], organizations: [])
        case (_, .instruction) where actor.isSignedIn && actor.role != .citizen:
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.secretariat, .statistics), (.secretariat, .signal), (.secretariat, .alert):
            return .everything
        case (.regionalCoordinator, .statistics), (.regionalCoordinator, .signal), (.regionalCoordinator, .alert), (.mediator, .signal):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .statistics):
            return .publicAnd(regions: [], organizations: [])
        case (.secretariat, .corpusText):
            return .everything
        case (.regionalCoordinator, .corpusText):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .corpusText):
            return actor.isSignedIn && actor.role != .citizen ? .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? []) : .nothing
        case (.secretariat, .appeal):
            return .everything
        case (.regionalCoordinator, .appeal):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.councilMember, .appeal):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.secretariat, .mediationCase):
            return .everything
        case (.regionalCoordinator, .mediationCase):
            return .publicAnd(regions: [actor.regionCode], organizations: [])
        case (.mediator, .mediationCase):
            return .publicAnd(regions: [], organizations: actor.userID.map { [$0] } ?? [])
        case (_, .mediator), (_, .campaign):
            return .everything
        case (.secretariat, .publicControl):
            return .everything
        case (.regionalCoordinator, .publicControl):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .publicControl):
            return .publicAnd(regions: [], organizations: actor.isSignedIn ? actor.organizationID.map { [$0] } ?? [] : [])
        case (.secretariat, .grantApplication), (.secretariat, .reviewAssignment), (.secretariat, .grantLot):
            return .everything
        case (_, .grantLot):
            return .publicAnd(regions: [], organizations: [])
        case (.regionalCoordinator, .grantApplication):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.association, .grantApplication), (.executor, .grantApplication), (.councilMember, .grantApplication):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.expert, .reviewAssignment):
            return .publicAnd(regions: [], organizations: actor.userID.map { [$0] } ?? [])
        case (_, .signal), (_, .alert):
            return actor.isSignedIn && actor.role != .citizen ? .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? []) : .nothing
        case (_, .event), (_, .openData), (_, .article), (_, .course), (_, .youthInitiative):
            return .everything
        case (.secretariat, .news), (.secretariat, .mediaPlan):
            return .everything
        case (.regionalCoordinator, .mediaPlan):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.association, .mediaPlan), (.executor, .mediaPlan), (.councilMember, .mediaPlan):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.secretariat, .libraryItem):
            return .everything
        case (.regionalCoordinator, .libraryItem):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.association, .libraryItem), (.executor, .libraryItem), (.councilMember, .libraryItem):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .libraryItem):
            return .publicAnd(regions: [], organizations: [])
        case (.regionalCoordinator, .news):
            return .publicAnd(regions: [actor.regionCode], organizations: [])
        case (_, .news):
            return .publicAnd(regions: [], organizations: [])
        case (.secretariat, .partner), (.secretariat, .agreement):
            return .everything
        case (.regionalCoordinator, .partner), (.regionalCoordinator, .agreement):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .partner), (_, .agreement):
            return .publicAnd(regions: [], organizations: [])
        case (.secretariat, .enrolment), (.secretariat, .certificate), (.secretariat, .participation):
            return .everything
        case (.regionalCoordinator, .enrolment), (.regionalCoordinator, .certificate), (.regionalCoordinator, .participation):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.association, .enrolment), (.executor, .enrolment), (.councilMember, .enrolment),
             (.association, .certificate), (.executor, .certificate), (.councilMember, .certificate),
             (.association, .participation), (.executor, .participation), (.councilMember, .participation):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.secretariat, .practice), (_, .practiceAdoption):
            return .everything
        case (.regionalCoordinator, .practice):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.association, .practice), (.executor, .practice), (.councilMember, .practice):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        case (_, .practice):
            return .publicAnd(regions: [], organizations: [])
        case (.secretariat, .eventRegistration):
            return .everything
        case (.regionalCoordinator, .eventRegistration):
            return .publicAnd(regions: [actor.regionCode], organizations: actor.organizationID.map { [$0] } ?? [])
        case (.association, .eventRegistration), (.executor, .eventRegistration), (.councilMember, .eventRegistration):
            return .publicAnd(regions: [], organizations: actor.organizationID.map { [$0] } ?? [])
        default:
            return .nothing
        }
    }

    /// `true` when `visibility` lets a record with `scope` be seen.
    public static func isVisible(_ scope: Scope, under visibility: Visibility) -> Bool {
        switch visibility {
        case .everything: return true
        case .nothing: return false
        case let .publicAnd(regions, organizations):
            if scope.isPublic { return true }
            if let owner = scope.organizationID, organizations.contains(owner) { return true }
            return regions.contains { RegionCode.isWithin(scope.regionCode, $0) }
        }
    }

    private static func rule(_ actor: Actor, _ action: Action, _ resource: Resource, _ scope: Scope) -> Decision {
        if actor.role == .admin, actor.isSignedIn || actor == .system { return .allowed }
        // Anyone may file an appeal and read the calendar of working days.
        if (resource, action) == (.appeal, .create) || (resource, action) == (.workingCalendar, .view) || (resource, action) == (.mediator, .view)
            || (resource, action) == (.campaign, .view) || (resource, action) == (.event, .view) || (resource, action) == (.openData, .view) || (resource, action) == (.article, .view) || (resource, action) == (.eventRegistration, .create)
            || (resource, action) == (.course, .view) || (resource, action) == (.enrolment, .create)
            || (resource, action) == (.youthInitiative, .view) || (resource, action) == (.participation, .create)
            || (resource, action) == (.practiceAdoption, .view) {
            return .allowed
        }
        guard actor.isSignedIn else {
            return action == .view && [.organization, .plan, .report, .statistics, .publicControl, .grantLot, .news, .libraryItem, .partner, .agreement, .practice].contains(resource) && scope.isPublic ? .allowed : .forbidden
        }
        let ownsIt = scope.organizationID != nil && scope.organizationID == actor.organizationID
        let inRegion = RegionCode.isWithin(scope.regionCode, actor.regionCode)
        switch (resource, action) {
        case (.organization, .view):
            return isVisible(scope, under: visibility(actor, .organization)) ? .allowed : .forbidden
        case (.organization, .create), (.organization, .update):
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            case .executor, .association, .councilMember: return ownsIt && action == .update ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.organization, .delete):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.auditLog, .view):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.user, .view):
            return isVisible(scope, under: visibility(actor, .user)) ? .allowed : .forbidden
        case (.plan, .view), (.report, .view), (.instruction, .view):
            return isVisible(scope, under: visibility(actor, resource)) ? .allowed : .forbidden
        case (.plan, _), (.report, .approve):
            // The Secretariat controls the national plan; a region's coordinator acts for the chair of
            // the region's assembly on the region's own plans.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion && scope.regionCode != RegionCode.republic ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.report, .update):
            return ownsIt && actor.role != .citizen ? .allowed : .forbidden
        case (.instruction, .update):
            return actor.role == .secretariat || (ownsIt && actor.role != .citizen) ? .allowed : .forbidden
        case (.instruction, _):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.dashboard, .view):
            // The Secretariat sees every place; a coordinator the region's subtree; the other roles that
            // report (not the public's citizens) their own organisation's figures.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            case .citizen: return .forbidden
            default: return ownsIt ? .allowed : .forbidden
            }
        case (.statistics, .view), (.signal, .view), (.alert, .view):
            return isVisible(scope, under: visibility(actor, resource)) ? .allowed : .forbidden
        case (.statistics, .create), (.statistics, .update):
            // Values are entered by the Secretariat and, for their region, by the regional coordinators
            // (the regional Public Accord offices that report the APK data sets).
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion && scope.regionCode != RegionCode.republic ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.statistics, .approve), (.signal, .approve), (.alert, .approve):
            // Level by level: a coordinator below the republic, the Secretariat at every level.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion && scope.regionCode != RegionCode.republic ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.signal, .create):
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator, .executor, .mediator, .councilMember: return inRegion ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.signal, .update), (.alert, .update):
            // The response: the organisation it is assigned to, the region's coordinator, the Secretariat.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            case .citizen: return .forbidden
            default: return ownsIt ? .allowed : .forbidden
            }
        case (.signal, .publish):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.corpusText, .view):
            return isVisible(scope, under: visibility(actor, .corpusText)) ? .allowed : .forbidden
        case (.corpusText, .create):
            // Contributors submit on behalf of their own organisation; the Secretariat for anyone.
            switch actor.role {
            case .secretariat: return .allowed
            case .citizen: return .forbidden
            default: return ownsIt ? .allowed : .forbidden
            }
        case (.corpusText, .approve):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.appeal, .view):
            return isVisible(scope, under: visibility(actor, .appeal)) ? .allowed : .forbidden
        case (.appeal, .update):
            // The council it was routed to, the region's Public Accord office, the Secretariat.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            case .councilMember: return ownsIt ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.workingCalendar, .update), (.mediator, .create), (.mediator, .update), (.openData, .publish):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.publicControl, .view):
            return isVisible(scope, under: visibility(actor, .publicControl)) ? .allowed : .forbidden
        case (.publicControl, .create), (.publicControl, .approve):
            // The council's own acts: its members, the region's coordinator, the Secretariat.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            case .councilMember: return ownsIt ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.publicControl, .update):
            // The object's answer, in the object's scope: its own staff.
            return actor.role != .citizen && ownsIt ? .allowed : .forbidden
        case (.campaign, .create), (.campaign, .update):
            // The organiser's own staff (an association, a state body, a council), and the Secretariat.
            switch actor.role {
            case .secretariat: return .allowed
            case .association, .executor, .councilMember, .regionalCoordinator: return ownsIt ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.article, .approve):
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.article, .create), (.article, .update):
            return actor.role == .secretariat || actor.role == .regionalCoordinator ? .allowed : .forbidden
        case (.news, .view):
            return isVisible(scope, under: visibility(actor, .news)) ? .allowed : .forbidden
        case (.news, _):
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion && scope.regionCode != RegionCode.republic ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.partner, .view), (.agreement, .view):
            return isVisible(scope, under: visibility(actor, resource)) ? .allowed : .forbidden
        case (.partner, _), (.agreement, _):
            // International cooperation: the Secretariat; a region's coordinators for their region's own.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion || ownsIt ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.mediaPlan, .view), (.libraryItem, .view), (.practice, .view):
            return isVisible(scope, under: visibility(actor, resource)) ? .allowed : .forbidden
        case (.practice, .approve):
            // The base is national: the Secretariat has practices reviewed, verifies and publishes them.
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.libraryItem, .approve):
            // Curators: the Secretariat, and a region's coordinators for what is deposited in their region.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.event, .create), (.event, .update), (.eventRegistration, .view), (.eventRegistration, .update), (.mediaPlan, .create), (.mediaPlan, .update),
             (.libraryItem, .create), (.libraryItem, .update), (.course, .create), (.course, .update), (.enrolment, .view), (.enrolment, .update),
             (.certificate, .view), (.certificate, .create), (.certificate, .update), (.youthInitiative, .create), (.youthInitiative, .update),
             (.participation, .view), (.participation, .update), (.practice, .create), (.practice, .update), (.practiceAdoption, .create):
            // The organiser's own staff, the region's coordinators (the regional assembly), the Secretariat.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion || ownsIt ? .allowed : .forbidden
            case .association, .executor, .councilMember: return ownsIt ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.mediationCase, .view):
            return isVisible(scope, under: visibility(actor, .mediationCase)) ? .allowed : .forbidden
        case (.mediationCase, .create), (.mediationCase, .approve):
            // Intake, screening and assignment: the region's coordinator (who supervises) and the Secretariat.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.mediationCase, .update):
            // The mediation itself: the assigned mediator, and the supervisors above.
            switch actor.role {
            case .secretariat: return .allowed
            case .regionalCoordinator: return inRegion ? .allowed : .forbidden
            case .mediator: return scope.organizationID != nil && scope.organizationID == actor.userID ? .allowed : .forbidden
            default: return .forbidden
            }
        case (.grantLot, .view), (.grantApplication, .view), (.reviewAssignment, .view):
            return isVisible(scope, under: visibility(actor, resource)) ? .allowed : .forbidden
        case (.grantLot, _), (.grantApplication, .approve), (.reviewAssignment, .create), (.reviewAssignment, .approve):
            // The grant operator: the Secretariat.
            return actor.role == .secretariat ? .allowed : .forbidden
        case (.grantApplication, .create), (.grantApplication, .update):
            // An NGO's or association's own staff apply on its behalf.
            return [.association, .executor, .councilMember].contains(actor.role) && ownsIt ? .allowed : .forbidden
        case (.reviewAssignment, .update):
            // The reviewer's own response and scores.
            return actor.role == .expert && scope.organizationID != nil && scope.organizationID == actor.userID ? .allowed : .forbidden
        default:
            return .forbidden
        }
    }
}
