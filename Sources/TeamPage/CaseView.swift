import Foundation
import WardWorker
import XungKich
import XungKichWire

/// One case as the team page shows it: the case, what its request says, and how urgent it is.
struct CaseView {
    let item: WardCase
    let request: HelpRequest?
    let now: Double
    let slaHours: Double
    let urgency: CaseUrgency

    init(item: WardCase, requestJSON: Data, now: Double, slaHours: Double) {
        self.item = item
        request = try? WireJSON.decode(HelpRequest.self, from: [UInt8](requestJSON))
        self.now = now
        self.slaHours = slaHours
        urgency = CaseUrgency(isOpen: item.isOpen, createdAt: item.createdAt, deadline: request?.priority.deadline,
                              isPriority: request?.isPriority ?? false, now: now, slaHours: slaHours)
    }

    var isOverdue: Bool { urgency.isOverdue }
    var isPriority: Bool { urgency.isPriority }

    var age: String {
        let minutes = Int(max(now - item.createdAt, 0) / 60)
        if minutes < 60 { return "\(minutes) phút" }
        if minutes < 48 * 60 { return "\(minutes / 60) giờ \(minutes % 60) phút" }
        return "\(minutes / 1440) ngày"
    }

    /// The card in the team's list.
    func card() -> String {
        var flags = ""
        if isOverdue { flags += "<span class=\"flag overdue\">\(Text.overdue)</span>" }
        if isPriority { flags += "<span class=\"flag priority\">\(Text.priority)</span>" }
        let who = request?.citizen?.shortName.map { " · " + HTML.escape($0) } ?? ""
        let deadline = request?.priority.deadline.map { " · \(Text.deadline) \(vietnameseDate($0))" } ?? ""
        return """
            <a class="card" href="/ho-so/\(HTML.escape(item.id.rawValue))">\(flags)<b>\(HTML.escape(item.id.rawValue))</b>\
             · \(Text.state(item.state))<br>\(HTML.escape(request.map { Text.helpType($0.helpType) } ?? ""))\(who)<br>\
            <small>\(Text.age) \(age)\(deadline)</small></a>
            """
    }

    /// YYYY-MM-DD as dd/MM/yyyy.
    func vietnameseDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }
}
