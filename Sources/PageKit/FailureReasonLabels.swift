import XungKich

/// What a failure reason is called on the pages, in Vietnamese (the team page, the dashboard) and English
/// (the dashboard's switch): one list, so a reason reads the same wherever it is shown.
public enum FailureReasonLabels {
    public static let all: [(reason: FailureReason, vi: String, en: String)] = [
        (.noVNeIDLevel2, "Chưa có VNeID mức 2", "No VNeID level 2"),
        (.vneidLoginIssue, "Không đăng nhập được VNeID", "Cannot log in to VNeID"),
        (.missingDocuments, "Thiếu giấy tờ", "Missing documents"),
        (.dataMismatchNationalDB, "Sai lệch dữ liệu dân cư", "Mismatch with the population database"),
        (.procedureNotOnline, "Thủ tục chưa có trực tuyến", "Procedure not online"),
        (.requiresInPerson, "Phải làm trực tiếp", "Must be done in person"),
        (.portalError, "Lỗi cổng dịch vụ công", "Public service portal error"),
        (.paymentError, "Lỗi thanh toán", "Payment error"),
        (.noDeviceOrInternet, "Không có thiết bị hoặc mạng", "No device or internet"),
        (.citizenDeclined, "Người dân không muốn làm", "Citizen declined"),
        (.citizenUnreachable, "Không liên lạc được", "Citizen unreachable"),
        (.other, "Lý do khác (ghi rõ)", "Other (explained)"),
    ]

    /// The label of a statistics key (`NO_VNEID_L2`…); the key itself when it is not a known reason.
    public static func label(_ key: String, english: Bool) -> String {
        all.first { $0.reason.rawValue == key }.map { english ? $0.en : $0.vi } ?? key
    }
}
