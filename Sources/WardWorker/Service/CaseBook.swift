import Foundation
import Logging
import MajordomoPeers
import XungKich

/// The ward's cases, kept by one actor: deliveries from the dispatcher open them, team members'
/// commands move them, and each change is saved before it is reported. A delivery's FINAL is
/// answered when its case resolves — after minutes or days.
public actor CaseBook {
    let config: DistrictConfig
    let ward: String
    let store: CaseStore
    let logger: Logger
    var cases: [String: WardCase] = [:]
    var requests: [String: Data] = [:]
    /// Waiting FINALs per case (one per live delivery).
    var waiters: [String: [CheckedContinuation<[UInt8], Never>]] = [:]
    /// How to send a PARTIAL for each case: the latest delivery's.
    var progressSinks: [String: @Sendable ([[UInt8]]) -> Void] = [:]
    var unavailable: Set<String> = []
    var lastAssigned: [String: Double] = [:]
    /// Called for every newly opened case (the simulator listens).
    var onOpen: (@Sendable (String) -> Void)?

    public init(config: DistrictConfig, ward: String, store: CaseStore, logger: Logger) throws {
        self.config = config
        self.ward = ward
        self.store = store
        self.logger = logger
        let decoder = JSONDecoder()
        for (body, request) in try store.all() {
            guard let item = try? decoder.decode(WardCase.self, from: body) else { continue }
            cases[item.id] = item
            requests[item.id] = request
            if let team = item.team, let at = item.assignedAt { lastAssigned[team] = max(lastAssigned[team] ?? 0, at) }
        }
    }

    /// Sets a listener for newly opened cases.
    public func onOpen(_ listener: @escaping @Sendable (String) -> Void) { onOpen = listener }

    /// Open cases, for the simulator after a restart.
    public var openIDs: [String] { cases.values.filter(\.isOpen).map(\.id).sorted() }

    /// A delivery from the dispatcher: `{"id", "attempt", "request"}`. Returns the FINAL body once the
    /// case resolves; at once if it already has (a redelivery after a restart finds the outcome here).
    public func deliver(_ delivery: WorkerRequest) async -> [[UInt8]] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(delivery.body.first ?? []))) as? [String: Any],
              let id = object["id"] as? String, let request = object["request"] as? [String: Any],
              let requestData = try? JSONSerialization.data(withJSONObject: request)
        else {
            logger.error("delivery is not {id, attempt, request}; answered as invalid")
            return [Array(#"{"error":"invalid delivery"}"#.utf8)]
        }
        progressSinks[id] = { body in delivery.partial(body) }
        if let existing = cases[id] {
            // Reconcile after a restart on either side: replay the case's updates in order. Each carries
            // its number, so the dispatcher journals the ones it missed (made while it was away) once.
            for body in replay(existing) { delivery.partial([body]) }
            if let resolution = existing.resolution { return [resolution.finalBody()] }
        } else {
            let now = Date().timeIntervalSince1970
            let field = request["field"] as? String ?? ""
            var item = WardCase(id: id, ward: ward, field: field, procedure: request["procedure"] as? String ?? "",
                                team: pickTeam(field: field, excluding: []), createdAt: now)
            guard let team = item.team else {
                logger.warning("no team can take a case; giving it back", metadata: ["case": "\(id)", "field": "\(field)"])
                return [Array(#"{"declined":true}"#.utf8)]
            }
            lastAssigned[team] = now
            cases[id] = item
            requests[id] = requestData
            save(item)
            delivery.partial([progressBody(item)])
            onOpen?(id)
        }
        return [await withCheckedContinuation { waiters[id, default: []].append($0) }]
    }

    /// Applies a team member's command; returns the case after it, or the refusal.
    public func apply(_ command: CaseCommand, to id: String) -> Result<WardCase, CaseError> {
        guard var item = cases[id] else {
            return .failure(CaseError(caseID: id, message: "no case \(id) at ward \(ward); see `xk cases --ward \(ward)`"))
        }
        let now = Date().timeIntervalSince1970
        let change: CaseChange
        do throws(CaseError) {
            change = try item.apply(command, now: now)
        } catch {
            return .failure(error)
        }
        switch change {
        case .progress:
            cases[id] = item
            save(item)
            send(id, progressBody(item))
        case .resolved(let resolution):
            cases[id] = item
            save(item)
            let final = resolution.finalBody()
            for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: final) }
            progressSinks.removeValue(forKey: id)
        case .declined:
            if let team = pickTeam(field: item.field, excluding: item.declinedTeams),
               (try? item.assign(to: team, now: now)) != nil {
                lastAssigned[team] = now
                cases[id] = item
                save(item)
                send(id, progressBody(item))
            } else {
                // Nobody here can take it: the dispatcher dispatches it again (maybe to a neighbour),
                // and a later delivery starts afresh here.
                cases.removeValue(forKey: id)
                requests.removeValue(forKey: id)
                do {
                    try store.delete(id: id)
                } catch {
                    logger.error("case store delete failed", metadata: ["case": "\(id)", "error": "\(error)"])
                }
                for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: Array(#"{"declined":true}"#.utf8)) }
                progressSinks.removeValue(forKey: id)
            }
        }
        return .success(item)
    }

    /// Marks a team (un)available for new cases.
    public func setAvailable(_ team: String, _ available: Bool) -> Bool {
        guard config.team(id: team)?.wardCode == ward else { return false }
        if available { unavailable.remove(team) } else { unavailable.insert(team) }
        return true
    }

    /// Cases for `xk cases`, newest first, with the request each came from.
    public func list(team: String?, state: String?) -> [(WardCase, Data)] {
        cases.values
            .filter { team == nil || $0.team == team }
            .filter { state == nil || $0.state.rawValue == state }
            .sorted { $0.createdAt > $1.createdAt }
            .map { ($0, requests[$0.id] ?? Data()) }
    }

    private func pickTeam(field: String, excluding: Set<String>) -> String? {
        var open: [String: Int] = [:]
        for item in cases.values where item.isOpen { if let team = item.team { open[team, default: 0] += 1 } }
        return TeamAssigner.assign(field: field, ward: ward, config: config, openCases: open,
                                   unavailable: unavailable, lastAssigned: lastAssigned, excluding: excluding)?.id
    }

    /// The PARTIAL for the case's latest update, numbered by its place in the history.
    private func progressBody(_ item: WardCase) -> [UInt8] {
        var object: [String: Any] = ["state": item.state.rawValue, "update": item.history.count]
        object["team"] = item.team
        object["waitReason"] = item.waitReason
        return CaseJSON.object(object)
    }

    /// Every update of the case so far, oldest first (the resolution itself travels in the FINAL).
    private func replay(_ item: WardCase) -> [[UInt8]] {
        item.history.enumerated().compactMap { index, event in
            guard event.state != .resolved else { return nil }
            var object: [String: Any] = ["state": event.state.rawValue, "update": index + 1]
            object["team"] = event.team
            return CaseJSON.object(object)
        }
    }

    private func send(_ id: String, _ body: [UInt8]?) {
        guard let body, let sink = progressSinks[id] else { return }
        sink([body])
    }

    private func save(_ item: WardCase) {
        do {
            let body = try JSONEncoder().encode(item)
            try store.save(id: item.id, state: item.state.rawValue, team: item.team, body: body,
                           request: requests[item.id] ?? Data(), at: Date().timeIntervalSince1970)
        } catch {
            logger.critical("case store write failed", metadata: ["case": "\(item.id)", "error": "\(error)"])
        }
    }
}
