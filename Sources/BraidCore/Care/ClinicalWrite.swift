import Foundation

/// The door a clinical write came through. Doors differ only in the audit action they leave; every door's
/// write has the same clinical effects (a safety answer opens an alert whether it came from the phone, a form,
/// a CSV import or the demo generator).
public enum WriteDoor: String, Sendable, Hashable, CaseIterable {
    case api
    case web
    /// `braid import checkins`: a program bringing a client's history into Braid.
    case csvImport = "import"
    case demo
}

/// One write to a client's clinical record, as a plain value: what is written, to whose record, by whom, when.
/// The store commits it and its `effects` together, through one function, in one transaction.
public struct ClinicalWrite: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case checkIn(date: CalendarDate, values: CheckInValues)
        case assessment(date: CalendarDate, content: AssessmentContent)
        case screen(UrineScreen)
        case safetyPlan(SafetyPlan)
        case relapsePlan(RelapsePreventionPlan)
        /// A care-team member closes an open alert with a note of what they did (§8).
        case alertAcknowledgement(AlertID, note: String)
        /// A recovery-tool record (§10): new, or replacing the stored one (an activity rated, a contact edited, a
        /// week's diary card saved again). A diary card is compared with the card it replaces for new safety
        /// signals.
        case recovery(RecoveryItem, replacing: StoredRecoveryItem?)
        /// A recovery record taken away by the client (a support contact no longer in their life).
        case recoveryRemoval(RecoveryKind, id: UUID)
    }

    public let client: ClientRef
    public let content: Content
    public let author: Actor
    public let door: WriteDoor
    /// Ties the write's audit event to a request (or an import run); never clinical content.
    public let requestID: String?
    public let now: Date

    public init(
        _ content: Content, to client: ClientRef, by author: Actor, through door: WriteDoor, requestID: String?,
        now: Date
    ) {
        self.content = content
        self.client = client
        self.author = author
        self.door = door
        self.requestID = requestID
        self.now = now
    }

    /// What committing this write must also do, in the same transaction. Decided here, never by a door.
    public var effects: [ClinicalEffect] {
        var effects: [ClinicalEffect] = []
        switch content {
        case .checkIn(let date, let values):
            effects.append(.bumpDataVersion)
            if let signal = SafetyRules.signal(for: values, on: date) { effects.append(.openAlert(signal)) }
            effects.append(.audit(action: door == .csvImport ? "checkin.import" : "checkin.create"))
        case .assessment(_, let content):
            effects.append(.bumpDataVersion)
            if let signal = content.scoreResult.flatMap(SafetyRules.signal(for:)) {
                effects.append(.openAlert(signal))
            }
            effects.append(.audit(action: "assessment.create"))
        case .screen:
            effects.append(.bumpDataVersion)
            effects.append(.addToContingencyLedger)
            effects.append(.audit(action: "screen.create"))
        case .safetyPlan:
            // The plan is not an input of the analysis, so derived data stays valid.
            effects.append(.audit(action: "safety-plan.save"))
        case .relapsePlan:
            effects.append(.audit(action: "relapse-plan.save"))
        case .alertAcknowledgement:
            // Open alerts are read live (caseload order, banners), never from derived data.
            effects.append(.audit(action: "alert.acknowledge"))
        case .recovery(let item, let replacing):
            // Recovery records are not inputs of the analysis; a diary card's suicide urge or self-harm is a
            // safety signal like any other (§8, §10).
            if case .diaryCard(let card) = item,
                let signal = card.safetySignal(comparedWith: replacing?.item.diaryCard)
            {
                effects.append(.openAlert(signal))
            }
            effects.append(.audit(action: "\(item.kind.rawValue).\(replacing == nil ? "create" : "update")"))
        case .recoveryRemoval(let kind, _):
            effects.append(.audit(action: "\(kind.rawValue).remove"))
        }
        return effects
    }

    /// The audit event this write leaves for `action`.
    public func auditEvent(_ action: String) -> AuditEvent {
        AuditEvent(
            programID: client.programID, actorID: author.userID, role: author.role, action: action,
            clientID: client.id, requestID: requestID, at: now)
    }
}

/// A side effect of a clinical write, committed in the write's own transaction.
public enum ClinicalEffect: Sendable, Hashable {
    /// A suicide-risk signal: open a care-team alert that stays open until acknowledged (§8).
    case openAlert(SafetySignal)
    /// Append an audit event with this action (ids only).
    case audit(action: String)
    /// The client's derived data (analysis, flags) must be recomputed.
    case bumpDataVersion
    /// A urine screen of a client enrolled in contingency management adds its line (and the misses before it) to
    /// the ledger (§10); a screen the ledger cannot take is stored and earns nothing, with the reason.
    case addToContingencyLedger
}

extension ClinicalWrite {
    /// The audit events of a batch of writes committed together: one per write, except that an import is one
    /// audited act (one `checkin.import` event per client and run, not one per imported day). In input order.
    public static func auditEvents(of writes: [ClinicalWrite]) -> [AuditEvent] {
        struct ImportRun: Hashable {
            let client: ClientID
            let actor: UserID
            let requestID: String?
        }
        var imports: Set<ImportRun> = []
        var events: [AuditEvent] = []
        for write in writes {
            if write.door == .csvImport
                && !imports.insert(
                    ImportRun(client: write.client.id, actor: write.author.userID, requestID: write.requestID)
                )
                .inserted
            {
                continue
            }
            for case .audit(let action) in write.effects { events.append(write.auditEvent(action)) }
        }
        return events
    }

    /// The clients whose data version the batch bumps, each once, in first-seen order.
    public static func clientsToBump(in writes: [ClinicalWrite]) -> [ClientID] {
        var seen: Set<ClientID> = []
        return writes.filter { $0.effects.contains(.bumpDataVersion) }.map(\.client.id).filter {
            seen.insert($0).inserted
        }
    }
}
