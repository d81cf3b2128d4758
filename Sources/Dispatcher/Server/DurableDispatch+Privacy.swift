import Foundation
import Storage
import XungKich
import XungKichWire

/// `xk.case` (a case with its personal data masked or, for the assigned team or an officer, revealed), a
/// citizen's erasure, and the retention sweep: each audited before it is answered.
extension DurableDispatch {
    /// Seconds between retention sweeps.
    static let sweepInterval = 86_400.0

    /// Who asked, for the audit log and messages.
    func actor(_ who: String?) -> String { who ?? "unauthenticated (no keys)" }

    /// The answer to ``CaseLookup``, or a `forbidden` refusal.
    func lookup(_ query: CaseLookup, who: String?) throws -> [UInt8] {
        guard let request = try journal.request(id: query.id) else {
            return WireError(.notFound, "no request with id \(query.id); ids look like 007-0000042").json
        }
        let principal = who.flatMap { access?.principals[$0] }
        let wards = Set(try journal.wardsSent(query.id) + [request.ward])
        if let principal, principal.role == .ward, !wards.contains(WardCode(principal.ward ?? "")) {
            return refuse("\(actor(who)) is the key of ward \(principal.ward ?? "?"), and \(query.id) is not one of its cases",
                          who: who, id: query.id)
        }
        let team = try journal.currentTeam(query.id)
        if query.reveal {
            switch principal?.role {
            case .officer?:
                break
            case .ward?, nil:
                // Without keys there is no officer; the team is named by whoever asks at the ward.
                guard let asked = query.team else {
                    return refuse("say which team you are (--team): only the team the case is assigned to, or an "
                                  + "officer, can see the citizen's name and phone", who: who, id: query.id)
                }
                guard let team, asked == team else {
                    return refuse("\(query.id) is assigned to \(team.map { "team \($0)" } ?? "no team yet"), not "
                                  + "\(asked); only that team or an officer can see the citizen's name and phone",
                                  who: who, id: query.id)
                }
            default:
                return refuse("\(actor(who)) (\(principal?.role.rawValue ?? "")) may see cases only masked; only the "
                              + "assigned team or an officer can reveal the citizen's name and phone", who: who, id: query.id)
            }
        }
        let help = try WireJSON.decode(HelpRequest.self, from: request.body)
        let erased = try journal.isErased(query.id)
        if query.reveal {
            var detail = "ward \(request.ward)"
            if let asked = query.team { detail += ", team \(asked)" }
            do {
                try audit.append(AuditEntry(at: Date().timeIntervalSince1970, who: actor(who), action: "reveal",
                                            requests: [query.id.rawValue], detail: detail))
            } catch {
                logger.error("audit log unwritable; reveal refused", metadata: ["error": "\(error)"])
                return WireError(.storeUnavailable, "\(error)").json
            }
            logger.notice("personal data revealed", metadata: ["id": "\(query.id)", "who": "\(actor(who))"])
        }
        let name = help.citizen?.shortName
        let phone = help.citizen?.phone
        var answer = CaseLookupAnswer(
            id: request.id, ward: request.ward, state: request.state, team: team, procedure: request.procedure,
            helpType: help.helpType, residentialGroup: help.residentialGroup, ageBand: help.citizen?.ageBand,
            name: query.reveal ? name : name.map { "\($0.prefix(1))…" },
            phone: query.reveal ? phone : phone.map(PhoneMask.mask),
            note: query.reveal ? help.note : help.note.map { "(\($0.count) characters)" },
            revealed: query.reveal, erased: erased)
        answer.attempts = request.attempts
        answer.deadline = help.priority.deadline
        answer.priority = request.isPriority
        let others = wards.filter { $0 != request.ward }.sorted()
        answer.sentTo = others.isEmpty ? nil : others
        return WireJSON.encode(answer)
    }

    private func refuse(_ reason: String, who: String?, id: RequestID) -> [UInt8] {
        logger.warning("case lookup refused", metadata: ["id": "\(id)", "who": "\(actor(who))", "reason": "\(reason)"])
        return WireError(.forbidden, reason).json
    }

    /// Erases the personal data of every request made with `phone` (normal form), here and, by notice, at
    /// every ward that was sent one of them.
    func eraseCitizen(phone: String, who: String?) throws -> [UInt8] {
        guard let pseudonyms = settings.prepared?.pseudonyms else {
            return WireError(.conflict, "this dispatcher keeps no pseudonym key (it runs without a data folder), so "
                             + "it cannot find a citizen's requests").json
        }
        let ids = try journal.requestIDs(citizenPseudonym: pseudonyms.pseudonym(phone: phone))
        return try erase(ids, who: actor(who), action: "erase-citizen", tellWards: true)
    }

    /// Erases the personal data of requests finished more than `days` ago.
    func purge(days: Int, who: String, action: String) throws -> [UInt8] {
        let cutoff = Date().timeIntervalSince1970 - Double(days) * 86_400
        return try erase(try journal.finishedHoldingPersonalData(before: cutoff), who: who, action: action,
                         tellWards: false, detail: "retention \(days) days")
    }

    private func erase(_ ids: [RequestID], who: String, action: String, tellWards: Bool, detail: String? = nil) throws -> [UInt8] {
        let now = Date().timeIntervalSince1970
        if ids.isEmpty, who == "retention sweep" { return WireJSON.encode(CitizenErasureAnswer(requests: [])) }
        do {
            try audit.append(AuditEntry(at: now, who: who, action: action, requests: ids.map(\.rawValue), detail: detail))
        } catch {
            logger.error("audit log unwritable; erasure refused", metadata: ["error": "\(error)"])
            return WireError(.storeUnavailable, "\(error)").json
        }
        let erased = try journal.erasePersonalData(ids, now: now, tellWards: tellWards)
        for (item, body) in erased {
            desk.replaceBody(of: item.id, with: body)
            for ward in item.wards { desk.owe([.init(id: item.id, kind: .erase)], ward: ward) }
        }
        if !ids.isEmpty {
            logger.notice("personal data erased", metadata: ["action": "\(action)", "requests": "\(ids.count)", "who": "\(who)"])
        }
        return WireJSON.encode(CitizenErasureAnswer(requests: erased.map {
            .init(id: $0.0.id, hadPersonalData: $0.0.hadPersonalData, wardsTold: $0.0.wards)
        }))
    }

    /// The daily retention sweep: at the first turn after start, then every ``sweepInterval``.
    func sweepIfDue(now: Double) {
        guard now >= nextSweep, settings.prepared != nil else { return }
        nextSweep = now + Self.sweepInterval
        do {
            _ = try purge(days: settings.retentionDays, who: "retention sweep", action: "purge")
        } catch {
            logger.error("retention sweep failed; tried again in a day or at restart", metadata: ["error": "\(error)"])
        }
    }
}
