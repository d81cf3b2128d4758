/// What the district's IT officer reads from `xk keys`.
extension Say {
    static func newKeys(_ folder: String, _ count: Int) -> String {
        count == 0
            ? say("\(folder): 0 new keys (every identity had one already; none was overwritten)",
                  "\(folder): không có khoá mới (mọi danh tính đã có khoá; không khoá nào bị ghi đè)")
            : say("\(folder): \(count) new keys", "\(folder): \(count) khoá mới")
    }
    static func keyMade(_ name: String, role: String, files: String) -> String {
        say("\(name): \(role) key made (\(files)); running services take it within seconds",
            "\(name): đã tạo khoá vai trò \(role) (\(files)); các dịch vụ đang chạy nhận khoá trong vài giây")
    }
    static func keyRevoked(_ name: String) -> String {
        say("\(name): revoked; the dispatchers and the coordinator refuse its messages within 5 s (or at once on SIGHUP)",
            "\(name): đã thu hồi; điều phối và tổng hợp từ chối tin nhắn của khoá này trong vòng 5 giây (hoặc ngay khi nhận SIGHUP)")
    }
    static var revoked: String { say("REVOKED", "ĐÃ THU HỒI") }
}
