import PageKit
import XungKich

/// Every string the team page shows, in Vietnamese (the people who use it are Vietnamese volunteers).
enum Text {
    static let title = "Tổ xung kích số"
    static let login = "Đăng nhập"
    static let logout = "Đăng xuất"
    static let loginName = "Tên đăng nhập"
    static let password = "Mật khẩu"
    static let loginFailed = "Sai tên đăng nhập hoặc mật khẩu."
    static let lockedOut = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút."
    static let openCases = "Hồ sơ đang mở của tổ"
    static let noOpenCases = "Tổ chưa có hồ sơ nào đang mở."
    static let back = "← Danh sách"
    static let team = "Tổ"
    static let age = "Đã chờ"
    static let deadline = "Hạn"
    static let overdue = "QUÁ HẠN"
    static let priority = "Ưu tiên"
    static let procedure = "Thủ tục"
    static let helpType = "Loại hỗ trợ"
    static let note = "Ghi chú"
    static let residentialGroup = "Tổ dân phố"
    static let homeWard = "Phường của người dân"
    static let citizen = "Người dân"
    static let call = "Gọi"
    static let anonymous = "Ẩn danh (không có số điện thoại)"
    static let erased = "Thông tin cá nhân đã được xoá"
    static let history = "Diễn biến"
    static let notYourTeam = "Hồ sơ này không thuộc tổ của bạn."
    static let notFound = "Không tìm thấy hồ sơ."
    static let done = "Đã ghi nhận."
    static let sessionExpired = "Phiên làm việc đã hết hạn, vui lòng tải lại trang."
    static let dossierCode = "Mã hồ sơ"
    static let attempt = "Lần giao"
    static let mode = "Hình thức"

    static let steps: [(ControlStep, String)] = [
        (.accept, "Nhận hồ sơ"), (.contact, "Đã liên hệ người dân"), (.wait, "Chờ người dân"),
        (.resume, "Tiếp tục"), (.submit, "Đã nộp trực tuyến"), (.guide, "Đã hướng dẫn"),
        (.vneid, "Đã hỗ trợ VNeID"), (.refer, "Chuyển tiếp"), (.fail, "Không thực hiện được"), (.decline, "Từ chối"),
    ]

    static func stepName(_ step: ControlStep) -> String { steps.first { $0.0 == step }?.1 ?? step.rawValue }

    static func state(_ state: RequestState) -> String {
        switch state {
        case .triaged: "Chờ phân công"
        case .assigned: "Mới giao cho tổ"
        case .accepted: "Tổ đã nhận"
        case .inProgress: "Đang hỗ trợ"
        case .waitingCitizen: "Chờ người dân"
        case .resolved: "Đã xong"
        case .cancelled: "Đã huỷ"
        case .closed: "Đã đóng"
        case .new: "Mới"
        }
    }

    static func helpType(_ type: HelpType) -> String {
        switch type {
        case .submitDossier: "Nộp hồ sơ trực tuyến"
        case .vneidSetup: "Kích hoạt VNeID"
        case .vneidRecovery: "Khôi phục tài khoản VNeID"
        case .information: "Tư vấn thông tin"
        case .payment: "Thanh toán trực tuyến"
        case .trackDossier: "Tra cứu hồ sơ"
        }
    }

    static let waitReasons: [(WaitReason, String)] = [
        (.missingDocuments, "Thiếu giấy tờ"), (.vneidAtPolice, "Chờ công an xác thực VNeID"),
        (.reschedule, "Hẹn lại"), (.other, "Lý do khác"),
    ]
    static let modes: [(SubmissionMode, String)] = [(.fullProcess, "Toàn trình"), (.partial, "Một phần")]
    static let failures: [(FailureReason, String)] = FailureReasonLabels.all.map { ($0.reason, $0.vi) }
    static let referrals: [(ReferralTarget, String)] = [(.oneStop, "Bộ phận một cửa"), (.policeVNeID, "Công an (VNeID)")]
}

/// The steps a team member can take from the page (the same as `xk case …`).
enum ControlStep: String, CaseIterable, Sendable {
    case accept, decline, contact, wait, resume, submit, guide, vneid, refer, fail
}
