/// What help desks and district officers read: `xk enqueue`, `xk status`, `xk requeue|cancel|attention`,
/// `xk citizen erase`, `xk privacy`, `xk audit`.
extension Say {
    static var alreadySubmitted: String { say("(already submitted with this key)", "(đã gửi trước đó với khoá này)") }
    static func fileLine(_ line: Int, _ text: String) -> String { say("line \(line): \(text)", "dòng \(line): \(text)") }
    static var alreadySubmittedShort: String { say("(already submitted)", "(đã gửi trước đó)") }
    static func importSummary(_ path: String, accepted: Int, new: Int, refusedRows: Int, notSent: Int) -> String {
        say("\(path): \(accepted) accepted (\(new) new, \(accepted - new) already submitted), \(refusedRows) rows refused"
                + (notSent == 0 ? "" : ", \(notSent) not sent"),
            "\(path): \(accepted) yêu cầu được nhận (\(new) mới, \(accepted - new) đã gửi trước đó), \(refusedRows) dòng bị từ chối"
                + (notSent == 0 ? "" : ", \(notSent) dòng chưa gửi"))
    }
    static func importStopped(_ error: String, notSent: String) -> String {
        say("stopped: \(error); rows not sent: \(notSent)", "đã dừng: \(error); các dòng chưa gửi: \(notSent)")
    }
    static var oneOrFile: String {
        say("give --procedure (and --ward) for one request, or --file for a CSV file",
            "cho --procedure (và --ward) để gửi một yêu cầu, hoặc --file cho một tệp CSV")
    }
    static func cannotRead(_ path: String, _ why: String) -> String { say("cannot read \(path): \(why)", "không đọc được \(path): \(why)") }

    // xk status
    static var state: String { say("state", "trạng thái") }
    static var outcome: String { say("outcome", "kết quả") }
    static var needsAttention: String { say("NEEDS ATTENTION", "CẦN XỬ LÝ") }
    static var unit: String { say("unit", "đơn vị") }
    static func remappedFrom(_ unit: String) -> String {
        say("remapped from \(unit): that unit had ended on the day filed; its one whole successor took it",
            "chuyển từ \(unit): đơn vị này đã kết thúc vào ngày nộp; đơn vị kế thừa toàn bộ duy nhất đã nhận yêu cầu")
    }

    // officers
    static var noAttention: String { say("no request needs attention", "không có yêu cầu nào cần xử lý") }
    static var since: String { say("since", "từ") }

    // xk citizen erase
    static func nothingToErase(_ phone: String) -> String {
        say("no request was made with \(phone); nothing to erase", "không có yêu cầu nào với số \(phone); không có gì để xoá")
    }
    static var noWardHeldIt: String { say("no ward held it", "chưa phường nào giữ") }
    static var wardsTold: String { say("wards told", "đã báo các phường") }
    static var erasedShort: String { say("erased", "đã xoá") }
    static var nothingPersonal: String { say("nothing personal held", "không giữ thông tin cá nhân") }
    static func citizenErased(_ count: Int, _ phone: String) -> String {
        say("\(count) request(s) of \(phone) hold no name, phone or note any more",
            "\(count) yêu cầu của \(phone) không còn giữ tên, số điện thoại hay ghi chú")
    }

    // xk privacy, xk audit
    static func purged(_ count: Int) -> String {
        say("\(count) request(s) past retention had their personal data erased",
            "đã xoá thông tin cá nhân của \(count) yêu cầu quá thời hạn lưu giữ")
    }
    static func resealed(_ count: Int, key: String, file: String) -> String {
        say("\(count) record(s) sealed again under personal-data key \(key); older keys dropped from \(file)",
            "đã mã hoá lại \(count) bản ghi bằng khoá dữ liệu cá nhân \(key); các khoá cũ đã bỏ khỏi \(file)")
    }
    static func nothingAudited(_ path: String) -> String { say("nothing recorded in \(path)", "chưa có gì được ghi trong \(path)") }
    static var by: String { say("by", "bởi") }
}
