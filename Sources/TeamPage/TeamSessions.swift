import PageKit
import XungKich

/// The team page's sessions: a member and their team.
typealias SessionStore = PageKit.SessionStore<TeamID>

extension PageKit.SessionStore where Info == TeamID {
    func open(member: String, team: TeamID, now: Double) -> String { open(user: member, info: team, now: now) }
}

extension PageKit.SessionStore.Session where Info == TeamID {
    var member: String { user }
    var team: TeamID { info }
}
