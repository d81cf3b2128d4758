import Foundation

/// The small JSON bodies a ward worker sends to the dispatcher, keys sorted so bodies are stable.
enum CaseJSON {
    /// `value` as JSON bytes; "{}" if it somehow holds something JSON cannot represent.
    static func object(_ value: [String: Any]) -> [UInt8] {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(
                  withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Array("{}".utf8) }
        return [UInt8](data)
    }
}
