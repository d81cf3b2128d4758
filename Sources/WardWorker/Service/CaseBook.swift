import Foundation
import Logging
import MajordomoPeers
import Storage
import XungKich
import XungKichWire

/// The ward's cases, kept by one actor: deliveries from the dispatcher open them, team members'
/// commands move them, and each change is saved before it is reported — a change that cannot be saved is
/// refused and never reported. A delivery's FINAL is answered when its case resolves — after minutes or days.
public actor CaseBook {
    let config: DistrictConfig
    let ward: WardCode
    let store: CaseStore
    let logger: Logger
    /// Where erasures are recorded: `audit.log` beside the store.
    let audit: AuditLog
    var cases: [RequestID: WardCase] = [:]
    /// Each case's request as delivered (personal data included: the team calls the citizen back).
    var requests: [RequestID: Data] = [:]
    /// Waiting FINALs per case (one per live delivery).
    var waiters: [RequestID: [CheckedContinuation<[UInt8], Never>]] = [:]
    /// How to send a PARTIAL for each case: the latest delivery's.
    var progressSinks: [RequestID: @Sendable ([[UInt8]]) -> Void] = [:]
    var unavailable: Set<TeamID> = []
    var lastAssigned: [TeamID: Double] = [:]
    /// Called for every newly opened case (the simulator listens).
    var onOpen: (@Sendable (RequestID) -> Void)?
    /// Cases with a save in flight: the actor is re-entered while the store writes, so a second change to
    /// the same case waits for the first to be saved (or refused) before it reads the case.
    private var busy: Set<RequestID> = []
    private var busyWaiters: [RequestID: [CheckedContinuation<Void, Never>]] = [:]

    /// Loads every case of `store`; a case that cannot be read stops the worker (``CaseStoreError``) rather
    /// than be forgotten.
    public init(config: DistrictConfig, ward: WardCode, store: CaseStore, logger: Logger) throws {
        self.config = config
        self.ward = ward
        self.store = store
        self.logger = logger
        audit = AuditLog(directory: (store.path as NSString).deletingLastPathComponent)
        let decoder = JSONDecoder()
        for (body, request) in try store.all() {
            let item: WardCase
            do {
                item = try decoder.decode(WardCase.self, from: body)
            } catch {
                throw CaseStoreError.damaged(StoreFile(path: store.path, role: .caseStore),
                                             reason: "case could not be read: \(error)")
            }
            cases[item.id] = item
            requests[item.id] = request
            if let team = item.team, let at = item.assignedAt { lastAssigned[team] = max(lastAssigned[team] ?? 0, at) }
        }
    }

    /// Sets a listener for newly opened cases.
    public func onOpen(_ listener: @escaping @Sendable (RequestID) -> Void) { onOpen = listener }

    /// Open cases, for the simulator after a restart.
    public var openIDs: [RequestID] { cases.values.filter(\.isOpen).map(\.id).sorted() }

    /// A delivery from the dispatcher (``WardDelivery``). Returns the FINAL body once the case resolves; at
    /// once if it already has (a redelivery after a restart finds the outcome here), or when the case cannot
    /// be opened (no team, or the store cannot save it: the ward gives it back and the dispatcher tries again).
    public func deliver(_ delivery: WorkerRequest) async -> [[UInt8]] {
        let body = delivery.body.first ?? []
        if WardNotice.isNotice(body) { return [await handleNotice(body)] }
        let parsed: WardDelivery
        let requestData: Data
        do {
            parsed = try WireJSON.decode(WardDelivery.self, from: body)
            requestData = Data(try WireJSON.encodeOrThrow(parsed.request))
        } catch {
            logger.error("delivery could not be read; answered as invalid", metadata: ["error": "\(error)"])
            return [WireError(.malformed, "the delivery could not be read: \(error)").json]
        }
        if let answer = await open(parsed, request: requestData, delivery: delivery) { return [answer] }
        // Not inside `open`: the case stays unlocked while its team works on it, for minutes or days.
        return [await withCheckedContinuation { waiters[parsed.id, default: []].append($0) }]
    }

    /// Opens the delivered case, or reconciles one this ward already has. Returns the FINAL to answer at
    /// once, or nil when the answer waits for the case to resolve.
    private func open(_ parsed: WardDelivery, request requestData: Data, delivery: WorkerRequest) async -> [UInt8]? {
        let id = parsed.id
        await lock(id)
        defer { unlock(id) }
        progressSinks[id] = { body in delivery.partial(body) }
        if let existing = cases[id] {
            // Reconcile after a restart on either side: replay the case's updates in order. Each carries
            // its number, so the dispatcher journals the ones it missed (made while it was away) once.
            for report in replay(existing) { delivery.partial([report.json]) }
            return finalReport(existing)?.json
        }
        let now = Date().timeIntervalSince1970
        let field = parsed.request.field ?? ""
        var item = WardCase(id: id, ward: ward, field: field, procedure: parsed.request.procedure,
                            team: pickTeam(field: field, excluding: []), createdAt: now)
        item.attempt = parsed.attempt
        guard let team = item.team else {
            logger.warning("no team can take a case; giving it back", metadata: ["case": "\(id)", "field": "\(field)"])
            progressSinks.removeValue(forKey: id)
            return WorkerReport.giveBack.json
        }
        do {
            try await save(item, request: requestData)
        } catch {
            logger.critical("case store write failed; giving the case back to the dispatcher", metadata: [
                "case": "\(id)", "error": "\(error)",
            ])
            progressSinks.removeValue(forKey: id)
            return WorkerReport.giveBack.json
        }
        lastAssigned[team] = now
        cases[id] = item
        requests[id] = requestData
        delivery.partial([progress(item).json])
        onOpen?(id)
        return nil
    }

    /// Applies a team member's command; returns the case after it, or the refusal. Nothing is reported to
    /// the dispatcher, and nothing changes here, unless the change was saved.
    public func apply(_ command: CaseCommand, to id: RequestID, member: String? = nil) async -> Result<WardCase, CaseError> {
        await lock(id)
        defer { unlock(id) }
        guard var item = cases[id] else {
            return .failure(CaseError(caseID: id, message: "no case \(id) at ward \(ward); see `xk cases --ward \(ward)`"))
        }
        let now = Date().timeIntervalSince1970
        let change: CaseChange
        let before = item.history.count
        do throws(CaseError) {
            change = try item.apply(command, now: now)
        } catch {
            return .failure(error)
        }
        // Every step records the member who took it.
        if let member { for index in before..<item.history.count { item.history[index].member = member } }
        var reassignedTo: TeamID?
        if case .declined = change, let team = pickTeam(field: item.field, excluding: item.declinedTeams),
           (try? item.assign(to: team, now: now)) != nil {
            reassignedTo = team
        }
        do {
            if case .declined = change, reassignedTo == nil {
                try await store.delete(id: id)
            } else {
                try await save(item, request: requests[id] ?? Data())
            }
        } catch {
            logger.critical("case store write failed; the step was refused", metadata: ["case": "\(id)", "error": "\(error)"])
            return .failure(CaseError(caseID: id, storeFailure: error))
        }
        switch change {
        case .progress(let report):
            cases[id] = item
            send(id, report)
        case .resolved(let resolution):
            cases[id] = item
            let final = (finalReport(item) ?? resolution.report).json
            for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: final) }
            progressSinks.removeValue(forKey: id)
        case .declined:
            if let team = reassignedTo {
                lastAssigned[team] = now
                cases[id] = item
                send(id, progress(item))
            } else {
                // Nobody here can take it: the dispatcher dispatches it again (maybe to a neighbour),
                // and a later delivery starts afresh here.
                cases.removeValue(forKey: id)
                requests.removeValue(forKey: id)
                let giveBack = WorkerReport.giveBack.json
                for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: giveBack) }
                progressSinks.removeValue(forKey: id)
            }
        }
        return .success(item)
    }

    /// Marks a team (un)available for new cases.
    public func setAvailable(_ team: TeamID, _ available: Bool) -> Bool {
        guard config.team(id: team.rawValue)?.wardCode == ward.rawValue else { return false }
        if available { unavailable.remove(team) } else { unavailable.insert(team) }
        return true
    }

    /// Cases for `xk cases`, newest first, with the request each came from.
    public func list(team: TeamID?, state: RequestState?) -> [(WardCase, Data)] {
        cases.values
            .filter { team == nil || $0.team == team }
            .filter { state == nil || $0.state == state }
            .sorted { $0.createdAt > $1.createdAt }
            .map { ($0, requests[$0.id] ?? Data()) }
    }

    /// Adds (or gives a new password to) a team member of one of this ward's teams.
    public func addMember(_ member: TeamMember) async -> Result<Void, CaseError> {
        guard isTeamOfWard(member.team) else {
            return .failure(CaseError(caseID: "-", message: "\(member.team) is not a team of ward \(ward); its teams are "
                + teamIDs.map(\.rawValue).joined(separator: ", ")))
        }
        do {
            try await store.saveMember(member, at: Date().timeIntervalSince1970)
            logger.notice("team member login saved", metadata: ["member": "\(member.name)", "team": "\(member.team)"])
            return .success(())
        } catch {
            return .failure(CaseError(caseID: "-", storeFailure: error))
        }
    }

    /// The member with login `name`.
    public nonisolated func member(named name: String) throws(CaseStoreError) -> TeamMember? { try store.member(named: name) }

    /// A case and its request as delivered (personal data included), for the assigned team's page.
    public func caseWithRequest(_ id: RequestID) -> (WardCase, Data)? {
        guard let item = cases[id] else { return nil }
        return (item, requests[id] ?? Data())
    }

    /// Records that `member` saw the citizen's name and phone of `id` (the team page's case view).
    public func auditReveal(_ id: RequestID, member: String, team: TeamID) throws(AuditLogError) {
        try audit.append(AuditEntry(at: Date().timeIntervalSince1970, who: "\(member) (\(team))", action: "reveal",
                                    requests: [id.rawValue], detail: "team page"))
    }

    /// Whether `team` is one of this ward's teams.
    public func isTeamOfWard(_ team: TeamID) -> Bool { config.team(id: team.rawValue)?.wardCode == ward.rawValue }

    /// This ward's teams.
    public var teamIDs: [TeamID] { config.teams(inWard: ward.rawValue).map { TeamID($0.id) } }

    /// The team a case is assigned to now, if any.
    public func team(of id: RequestID) -> TeamID? { cases[id]?.team }

    private func pickTeam(field: String, excluding: Set<TeamID>) -> TeamID? {
        var open: [TeamID: Int] = [:]
        for item in cases.values where item.isOpen { if let team = item.team { open[team, default: 0] += 1 } }
        return TeamAssigner.assign(field: field, ward: ward, config: config, openCases: open, unavailable: unavailable,
                                   lastAssigned: lastAssigned, excluding: excluding).map { TeamID($0.id) }
    }

    /// The PARTIAL for the case's latest update, numbered by its place in the history.
    private func progress(_ item: WardCase) -> WorkerReport {
        WorkerReport(state: item.state, update: item.history.count, team: item.team, waitReason: item.waitReason,
                     at: item.history.last?.at)
    }

    /// The FINAL of a resolved case, stamped with the time the team resolved it.
    func finalReport(_ item: WardCase) -> WorkerReport? {
        guard var report = item.resolution?.report else { return nil }
        let resolved = item.history.last { $0.state == .resolved }
        report.at = resolved?.at
        report.member = resolved?.member
        return report
    }

    /// Every update of the case so far, oldest first (the resolution itself travels in the FINAL).
    private func replay(_ item: WardCase) -> [WorkerReport] {
        item.history.enumerated().compactMap { index, event in
            guard event.state != .resolved else { return nil }
            return WorkerReport(state: event.state, update: index + 1, team: event.team, at: event.at)
        }
    }

    private func send(_ id: RequestID, _ report: WorkerReport) {
        var report = report
        if report.update == nil, let item = cases[id] { report.update = item.history.count }
        if report.at == nil { report.at = cases[id]?.history.last?.at }
        if report.member == nil { report.member = cases[id]?.history.last?.member }
        progressSinks[id]?([report.json])
    }

    func save(_ item: WardCase, request: Data) async throws(CaseStoreError) {
        let body: Data
        do {
            body = try JSONEncoder().encode(item)
        } catch {
            throw .writeFailed(StoreFile(path: store.path, role: .caseStore), reason: "the case could not be encoded: \(error)")
        }
        try await store.save(id: item.id, state: item.state.rawValue, team: item.team, body: body, request: request,
                             at: Date().timeIntervalSince1970)
    }

    func lock(_ id: RequestID) async {
        while busy.contains(id) {
            await withCheckedContinuation { busyWaiters[id, default: []].append($0) }
        }
        busy.insert(id)
    }

    func unlock(_ id: RequestID) {
        busy.remove(id)
        if var queue = busyWaiters[id], !queue.isEmpty {
            let next = queue.removeFirst()
            busyWaiters[id] = queue.isEmpty ? nil : queue
            next.resume()
        }
    }
}
