import PageKit
import XungKich

/// Every phrase the web shows, by key.
public enum Phrase: String, CaseIterable, Sendable {
    case title, overview, ward, wards, attention, login, logout, loginName, password, loginFailed, lockedOut
    case received, open, oldestOpen, fullProcess, partial, conversion, medianResolve, slaBreaches, district, total
    case requestsPerDay, conversionOverTime, outcomesByField, failurePareto, noData, suppressedNote
    case needsAttention, overdueOpen, requeue, cancel, attempts, since, request, state, actions, done, forbidden
    case sessionExpired, notFound, backendDown, live, english, vietnamese, viewer, officer, noneNeedsAttention
    case onlineFull, onlinePartial, failed, otherResolved, cumulative, activeTime, updated, openedOn, lastRefreshed
    case wardPage, sla, back, open311
}

/// The Vietnamese and English of every ``Phrase``: one place, so a page never shows a string from elsewhere.
enum Catalogue {
    static let entries: [Phrase: (vi: String, en: String)] = [
        .title: ("Bảng điều hành Tổ xung kích số", "Digital shock teams dashboard"),
        .overview: ("Tổng quan quận", "District overview"),
        .ward: ("Phường", "Ward"),
        .wards: ("Các phường", "Wards"),
        .attention: ("Cần xử lý", "Needs attention"),
        .login: ("Đăng nhập", "Log in"),
        .logout: ("Đăng xuất", "Log out"),
        .loginName: ("Tên đăng nhập", "User name"),
        .password: ("Mật khẩu", "Password"),
        .loginFailed: ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
        .lockedOut: ("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút.",
                     "Too many failed logins. Please try again in 5 minutes."),
        .received: ("Tiếp nhận", "Received"),
        .open: ("Đang mở", "Open"),
        .oldestOpen: ("Chờ lâu nhất", "Oldest open"),
        .fullProcess: ("Toàn trình", "Full process"),
        .partial: ("Một phần", "Partial"),
        .conversion: ("Tỷ lệ trực tuyến", "Online conversion"),
        .medianResolve: ("Trung vị thời gian xử lý", "Median time to resolve"),
        .slaBreaches: ("Quá hạn", "SLA breaches"),
        .district: ("Quận", "District"),
        .total: ("Toàn quận", "District total"),
        .requestsPerDay: ("Yêu cầu theo ngày", "Requests per day"),
        .conversionOverTime: ("Tỷ lệ trực tuyến theo ngày", "Online conversion per day"),
        .outcomesByField: ("Kết quả theo lĩnh vực", "Outcomes by field"),
        .failurePareto: ("Lý do không thực hiện được (Pareto)", "Failure reasons (Pareto)"),
        .noData: ("Chưa có dữ liệu.", "No data yet."),
        .suppressedNote: ("Ô dưới 5 yêu cầu được ẩn (<5) để không lộ danh tính.",
                          "Cells under 5 requests are hidden (<5) so no one can be identified."),
        .needsAttention: ("Yêu cầu giao thất bại nhiều lần", "Requests whose delivery failed too often"),
        .overdueOpen: ("Yêu cầu đang mở quá hạn", "Open requests past the SLA"),
        .requeue: ("Giao lại", "Requeue"),
        .cancel: ("Huỷ", "Cancel"),
        .attempts: ("Số lần giao", "Attempts"),
        .since: ("Từ", "Since"),
        .request: ("Yêu cầu", "Request"),
        .state: ("Trạng thái", "State"),
        .actions: ("Thao tác", "Actions"),
        .done: ("Đã ghi nhận", "Done"),
        .forbidden: ("Tài khoản xem không được thao tác; cần tài khoản cán bộ.",
                     "A viewer account may not act; an officer account is needed."),
        .sessionExpired: ("Phiên làm việc đã hết hạn, vui lòng tải lại trang.", "The session expired; please reload the page."),
        .notFound: ("Không tìm thấy.", "Not found."),
        .backendDown: ("Không kết nối được máy điều phối hoặc máy thống kê", "The dispatcher or the coordinator did not answer"),
        .live: ("Tự cập nhật", "Live"),
        .english: ("English", "English"),
        .vietnamese: ("Tiếng Việt", "Tiếng Việt"),
        .viewer: ("xem", "viewer"),
        .officer: ("cán bộ", "officer"),
        .noneNeedsAttention: ("Không có yêu cầu nào cần xử lý.", "No request needs attention."),
        .onlineFull: ("Trực tuyến toàn trình", "Online, full process"),
        .onlinePartial: ("Trực tuyến một phần", "Online, partial"),
        .failed: ("Không thực hiện được", "Failed"),
        .otherResolved: ("Kết quả khác", "Other outcomes"),
        .cumulative: ("Luỹ kế", "Cumulative"),
        .activeTime: ("Thời gian xử lý (không tính chờ dân)", "Active time (citizen's waits excluded)"),
        .updated: ("Cập nhật", "Updated"),
        .openedOn: ("Ngày tiếp nhận", "Received on"),
        .lastRefreshed: ("Cập nhật lúc", "Refreshed at"),
        .wardPage: ("Trang phường", "Ward page"),
        .sla: ("Thời hạn (giờ)", "SLA (hours)"),
        .back: ("← Tổng quan", "← Overview"),
        .open311: ("Dữ liệu mở Open311", "Open311 open data"),
    ]
}

extension Language {
    /// A failure reason's label.
    func failureReason(_ key: String) -> String {
        FailureReasonLabels.label(key, english: self == .en)
    }

    /// An age or duration in seconds: "1,6 giây" under a minute, "3 giờ 5 phút" / "3 h 5 min", days past two days.
    func duration(_ seconds: Double) -> String {
        let (s, m, h, d) = self == .vi ? ("giây", "phút", "giờ", "ngày") : ("s", "min", "h", "d")
        let seconds = max(seconds, 0)
        if seconds < 60 { return "\(Numbers.decimal(seconds, digits: 1)) \(s)" }
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes) \(m)" }
        if minutes < 48 * 60 { return "\(minutes / 60) \(h) \(minutes % 60) \(m)" }
        return "\(minutes / 1440) \(d)"
    }
}
