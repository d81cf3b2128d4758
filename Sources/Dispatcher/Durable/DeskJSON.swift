import Foundation

/// The small JSON bodies the desk sends and reads.
enum DeskJSON {
    static func object(_ value: [String: Any]) -> [UInt8] {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        else { return Array("{}".utf8) }
        return [UInt8](data)
    }

    static func parseObject(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    static func error(_ message: String) -> [UInt8] {
        object(["error": ["problems": [["field": "", "message": message]]]])
    }

    static func rejection(_ rejection: SubmitRejection) -> [UInt8] {
        object(["error": ["problems": rejection.problems.map { ["field": $0.field, "message": $0.message] }]])
    }

    /// What a ward worker receives: the request id, which attempt this is, and the request itself.
    static func delivery(id: String, attempt: Int, request: [UInt8]) -> [UInt8] {
        Array("{\"id\":\"\(id)\",\"attempt\":\(attempt),\"request\":".utf8) + request + [UInt8(ascii: "}")]
    }
}
