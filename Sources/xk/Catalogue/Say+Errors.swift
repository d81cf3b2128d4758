import MajordomoPeers
import XungKichWire

/// How `xk` words what went wrong. The English messages are the errors' own descriptions; in Vietnamese, the
/// errors met most at a ward desk (no answer, a refusal) are said in full, and a refusal written by the other
/// side in English gets the Vietnamese name of its kind in front, so the officer knows what happened and the
/// detail stays exact.
extension Say {
    /// The error as the person at the terminal should read it.
    static func error(_ error: any Error) -> any Error {
        guard vietnamese else { return error }
        switch error {
        case MajordomoClientError.timedOut(let service, let attempts, let endpoint):
            return Said("không có trả lời từ \(endpoint) cho dịch vụ '\(service)' sau \(attempts) lần thử; "
                        + "điều phối ở đó có đang chạy không, và có worker nào phục vụ '\(service)' không?")
        case RequestClient.Failure.noAnswer(let endpoint, let seconds, let keyed):
            return Said("không có trả lời từ \(endpoint) trong \(seconds) giây; tiến trình ở đó (xk worker, xk coordinator) "
                        + "có đang chạy không?"
                        + (keyed
                            ? " Có dùng khoá: danh tính này có trong authorized.yaml và chưa bị thu hồi không, khoá máy chủ có đúng không?"
                            : " Nếu tiến trình chạy với khoá, hãy cho --keys THƯ_MỤC (hoặc XK_KEYS): nó không trả lời máy khách không mã hoá."))
        case let error as CLIError:
            switch error {
            case .unexpectedReply(let service, let problem):
                return Said("không hiểu câu trả lời của \(service) (\(problem.message)); địa chỉ này có phải một điều phối "
                            + "xk chạy với --data, cùng phiên bản không?")
            case .refused(let wire):
                return Said(refusal(wire.code) + ": " + wire.description)
            }
        case let wire as WireError:
            return Said(refusal(wire.code) + ": " + wire.description)
        default:
            return error
        }
    }

    /// The Vietnamese name of a refusal's kind.
    static func refusal(_ code: ErrorCode) -> String {
        switch code {
        case .malformed, .duplicateKey: "tin nhắn sai định dạng"
        case .tooLarge: "tin nhắn quá lớn"
        case .invalidRequest: "yêu cầu chưa hợp lệ"
        case .unknownCommand: "lệnh không được hỗ trợ"
        case .notFound: "không tìm thấy"
        case .conflict: "không thực hiện được ở trạng thái hiện tại"
        case .forbidden: "khoá này không có quyền"
        case .unavailable: "dịch vụ không cung cấp chức năng này"
        case .diskFull: "đĩa đầy, chưa lưu gì; thử lại khi có chỗ trống"
        case .storeUnavailable: "không đọc/ghi được kho dữ liệu, chưa lưu gì; thử lại sau"
        default: "bị từ chối (\(code.rawValue))"
        }
    }

    /// An error already worded for the reader.
    struct Said: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }
}
