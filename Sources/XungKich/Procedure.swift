/// An administrative procedure (thủ tục hành chính) a citizen can be helped to file.
///
/// Data rather than code: which procedures exist, and whether a place offers them toàn trình
/// or một phần, changes by place and time.
public struct Procedure: Sendable, Hashable, Codable {
    /// National procedure code, e.g. "1.001193"; a string because it is an id, not a number.
    public var code: String
    /// Vietnamese name, e.g. "Đăng ký khai sinh".
    public var name: String
    /// Code of the ``Field`` the procedure belongs to, used to pick teams with that skill.
    public var fieldCode: String

    /// Creates a procedure.
    public init(code: String, name: String, fieldCode: String) {
        self.code = code
        self.name = name
        self.fieldCode = fieldCode
    }
}
