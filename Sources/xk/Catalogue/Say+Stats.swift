/// What district staff read in `xk stats`, `xk stats verify|contribution` and `xk baseline`. Only tables speak
/// Vietnamese: CSV and JSON exports keep their English column names, which other programs read.
extension Say {
    /// A column header of the statistics tables, by its English name.
    static func column(_ english: String) -> String {
        guard vietnamese else { return english }
        if english.hasPrefix("within SLA ") { return "đúng hạn " + english.dropFirst("within SLA ".count) }
        return columns[english] ?? english
    }

    private static let columns: [String: String] = [
        // groupings
        "district": "quận/huyện", "ward": "phường/xã", "team": "tổ", "field": "lĩnh vực", "procedure": "thủ tục",
        "channel": "kênh", "age-band": "nhóm tuổi", "outcome": "kết quả", "failure-reason": "lý do thất bại",
        "day": "ngày", "week": "tuần", "month": "tháng",
        // uptake, timeliness, reach, workload
        "received": "tiếp nhận", "open": "đang mở", "resolved": "đã xử lý", "conversion": "tỉ lệ trực tuyến",
        "toàn trình share": "tỉ lệ toàn trình", "median": "trung vị",
        "assign p50": "giao p50", "assign p90": "giao p90", "contact p50": "liên hệ p50", "contact p90": "liên hệ p90",
        "resolve p50": "xử lý p50", "resolve p90": "xử lý p90",
        "citizens": "người dân", "anonymous": "ẩn danh", "aged 60+": "từ 60 tuổi", "residential groups": "tổ dân phố",
        "cases": "hồ sơ", "members": "thành viên", "cases/member": "hồ sơ/người", "assignments": "lượt giao",
        "declines": "lượt trả lại", "decline rate": "tỉ lệ trả lại", "reassign rate": "tỉ lệ giao lại",
        // Pareto
        "reason": "lý do", "failed": "thất bại", "share": "tỉ trọng", "cumulative": "cộng dồn",
        // contribution
        "months": "số tháng", "online rate": "tỉ lệ trực tuyến", "toàn trình rate": "tỉ lệ toàn trình",
        "on time": "đúng hạn", "assisted online": "trực tuyến có hỗ trợ", "contribution": "đóng góp",
        "share of online": "tỉ trọng trong trực tuyến",
    ]

    static func backlog(_ states: String?) -> String {
        say("backlog (open requests by state): " + (states ?? "none"),
            "tồn đọng (yêu cầu đang mở theo trạng thái): " + (states ?? "không có"))
    }
    static func oldestOpen(_ time: String, ago: String) -> String {
        say("oldest open request received \(time) (\(ago) ago)", "yêu cầu đang mở lâu nhất nhận lúc \(time) (cách đây \(ago))")
    }
    static var paretoTitle: String {
        say("failure reasons, most frequent first (Pareto):", "lý do thất bại, nhiều nhất trước (Pareto):")
    }
    static func idleTeams(_ idle: Int, of active: Int) -> String {
        say("idle teams (no case in the period): \(idle) of \(active) active",
            "tổ không có hồ sơ trong kỳ: \(idle) trên \(active) tổ đang hoạt động")
    }
    static var noDifference: String {
        say("no difference: the coordinator's totals by ward and by outcome equal the journals' recount",
            "không có chênh lệch: số liệu tổng hợp theo phường và theo kết quả khớp với kết quả đếm lại từ nhật ký")
    }
    static func recounted(_ district: String, events: Int, from endpoint: String) -> String {
        say("\(district): \(events) events recounted from \(endpoint)", "\(district): đã đếm lại \(events) sự kiện từ \(endpoint)")
    }
    static func noBaseline(_ period: String) -> String {
        say("no official totals for \(period); load them with `xk baseline import FILE.csv`",
            "chưa có số liệu chính thức cho \(period); nạp bằng `xk baseline import TỆP.csv`")
    }
    static func nothingImported(_ problems: Int) -> String {
        say("nothing imported: fix the \(problems) row(s) above and import the file again",
            "chưa nạp gì: sửa \(problems) dòng nêu trên rồi nạp lại tệp")
    }
    static func imported(_ rows: Int, wards: Int, months: String) -> String {
        say("imported \(rows) rows: \(wards) ward(s), months \(months)", "đã nạp \(rows) dòng: \(wards) phường/xã, các tháng \(months)")
    }
}
