import Foundation

extension CoordinatorEvent {
    /// Reads one event as `xk.events` and the events PUB socket carry it; nil when it is not one.
    /// Detail values become strings; a dossier list becomes its count (`dossierCount`).
    public init?(json object: [String: Any], district: String) {
        guard let seq = (object["seq"] as? NSNumber)?.int64Value, let requestID = object["requestId"] as? String,
              let ward = object["ward"] as? String, let kind = object["kind"] as? String
        else { return nil }
        var detail: [String: String] = [:]
        for (key, value) in object["detail"] as? [String: Any] ?? [:] {
            switch value {
            case let text as String: detail[key] = text
            case let list as [Any] where key == "dossiers": detail["dossierCount"] = String(list.count)
            case let number as NSNumber: detail[key] = number.stringValue
            default: continue
            }
        }
        self.init(district: district, seq: seq, requestID: requestID, ward: ward,
                  at: (object["at"] as? NSNumber)?.doubleValue ?? 0, kind: kind, state: object["state"] as? String,
                  detail: detail)
    }
}
