import Foundation

/// What `xk demo` says, in English or Vietnamese (`XK_LANG=vi`, which `xk demo` passes in as
/// ``DemoApp/Options/vietnamese``). Codes and paths stay as they are.
struct DemoWords: Sendable {
    let vietnamese: Bool

    private func say(_ english: String, _ vietnamese: String) -> String { self.vietnamese ? vietnamese : english }

    /// A phase as shown in the title ("running", "final", "settling…").
    func phase(_ phase: String) -> String {
        guard vietnamese else { return phase }
        switch phase {
        case "running": return "đang chạy"
        case "final": return "kết thúc"
        default: return phase.hasPrefix("settling") ? "đã ngừng gửi, chờ các hồ sơ đang mở" : phase
        }
    }
    func of(_ clock: String) -> String { say(" of \(clock)", " / \(clock)") }
    func fedFor(_ clock: String) -> String { say("fed for \(clock)", "đã gửi trong \(clock)") }
    func submitted(_ count: Int) -> String { say("\(count) requests submitted", "đã gửi \(count) yêu cầu") }
    func failed(_ count: Int) -> String { say(", \(count) failed", ", \(count) lỗi") }
    func processes(_ running: Int, _ all: Int) -> String {
        say(" · processes \(running)/\(all) running", " · tiến trình \(running)/\(all) đang chạy")
    }
    func stoppedByThemselves(_ names: String) -> String {
        say(" (stopped by themselves: \(names))", " (tự dừng: \(names))")
    }
    func logsIn(_ folder: String) -> String { say("logs in \(folder)", "nhật ký trong \(folder)") }
    var ctrlC: String { say(" · Ctrl-C to stop", " · Ctrl-C để dừng") }
    func lastError(_ error: String) -> String { say("last submission error: \(error)", "lỗi gửi gần nhất: \(error)") }
    var noCoordinator: String {
        say("(the coordinator did not answer; figures will appear when it does)",
            "(bộ tổng hợp chưa trả lời; số liệu sẽ hiện khi có trả lời)")
    }
    func folder(_ path: String) -> String {
        say("xk demo: data, sockets and logs in \(path)", "xk demo: dữ liệu, socket và nhật ký trong \(path)")
    }
    func keys(_ path: String) -> String {
        say("keys: \(path) (throwaway) — every process runs with keys; each connection is CurveZMQ, authenticated and "
                + "authorized per message by its key's role",
            "khoá: \(path) (dùng một lần) — mọi tiến trình chạy với khoá; mỗi kết nối dùng CurveZMQ, xác thực và "
                + "phân quyền từng tin nhắn theo vai trò của khoá")
    }
    var noKeys: String {
        say("keys: off (--no-keys) — every connection is plaintext", "khoá: tắt (--no-keys) — mọi kết nối không mã hoá")
    }
    var interrupted: String { say("xk demo: interrupted during start-up", "xk demo: bị ngắt khi đang khởi động") }
    func dispatchersReady(_ workers: Int) -> String {
        say("dispatchers ready; starting \(workers) ward workers (simulated teams)…",
            "điều phối đã sẵn sàng; đang khởi động \(workers) worker phường (tổ mô phỏng)…")
    }
    var workersConnected: String {
        say("ward workers connected; starting the coordinator…", "các worker phường đã kết nối; đang khởi động bộ tổng hợp…")
    }
    func stopping(_ count: Int) -> String {
        say("stopping the \(count) processes: coordinator, ward workers, dispatchers…",
            "đang dừng \(count) tiến trình: tổng hợp, worker phường, điều phối…")
    }
    func stopped(_ seconds: Double, keptIn folder: String?) -> String {
        let time = String(format: "%.1f", seconds)
        if let folder {
            return say("all stopped in \(time) s; data and logs kept in \(folder)",
                       "đã dừng tất cả trong \(time) giây; dữ liệu và nhật ký giữ lại trong \(folder)")
        }
        return say("all stopped in \(time) s; temporary folder removed", "đã dừng tất cả trong \(time) giây; đã xoá thư mục tạm")
    }
}
