/// What a ward's team members read: `xk cases`, `xk case …`, `xk team …`.
extension Say {
    static var team: String { say("team", "tổ") }
    static var age: String { say("age", "đã chờ") }
    static var deadline: String { say("deadline", "hạn") }
    static var overdue: String { say("OVERDUE", "QUÁ HẠN") }
    static var priority: String { say("priority", "ưu tiên") }
    static var procedure: String { say("procedure", "thủ tục") }
    static var noCases: String { say("no cases", "không có hồ sơ") }
    static var noOpenCases: String { say("no open cases (--all shows the others)", "không có hồ sơ đang mở (--all để xem các hồ sơ khác)") }
    static var ward: String { say("ward", "phường") }
    static var help: String { say("help", "hỗ trợ") }
    static var attempts: String { say("attempts", "lần giao") }
    static var alsoSentTo: String { say("also sent to", "cũng đã giao cho") }
    static var citizen: String { say("citizen", "người dân") }
    static var erased: String { say("personal data erased", "thông tin cá nhân đã được xoá") }
    static var anonymous: String { say("anonymous", "ẩn danh") }
    static var noName: String { say("(no name)", "(không có tên)") }
    static var noPhone: String { say("no phone", "không có số điện thoại") }
    static var note: String { say("note", "ghi chú") }
    static var revealAudited: String {
        say("(this reveal is recorded in the dispatcher's audit log)", "(lần xem này được ghi vào nhật ký kiểm tra của điều phối)")
    }
    static var takesNewCases: String { say("takes new cases", "nhận hồ sơ mới") }
    static var takesNoNewCases: String {
        say("takes no new cases (open ones stay with it)", "tạm không nhận hồ sơ mới (hồ sơ đang mở vẫn do tổ giữ)")
    }
    static func canLogIn(_ name: String, team: String) -> String {
        say("\(name) (team \(team)) can log in to the team page", "\(name) (tổ \(team)) đã có thể đăng nhập trang của tổ")
    }
}
