import Foundation
import XungKich
import XungKichWire

/// The public Open311 GeoReport v2 feed (read-only): the services are the districts' procedures and the
/// kinds of help that name none; a request shows where it is handled (agency = its ward), what about, whether
/// it is open and when it was received and last changed. Nothing about the citizen: the coordinator's list
/// has no name, phone, note or residential group, and these types have no place for them.
enum Open311 {
    struct Service: Encodable, Equatable {
        var service_code: String
        var service_name: String
        var description: String
        var metadata = false
        var type = "realtime"
        var keywords = ""
        var group: String
    }

    /// A GeoReport v2 service request; every field of the specification is present (null when unknown).
    struct ServiceRequest: Encodable, Equatable {
        var service_request_id: String
        var status: String
        var status_notes: String?
        var service_name: String
        var service_code: String
        var description: String?
        var agency_responsible: String
        var service_notice: String?
        var requested_datetime: String
        var updated_datetime: String
        var expected_datetime: String?
        var address: String?
        var address_id: String?
        var zipcode: String?
        var lat: Double?
        var long: Double?
        var media_url: String?

        func encode(to encoder: any Encoder) throws {
            // Nulls written out, not left out: a client checks the fields the specification lists are there.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(service_request_id, forKey: .service_request_id)
            try c.encode(status, forKey: .status)
            try c.encode(status_notes, forKey: .status_notes)
            try c.encode(service_name, forKey: .service_name)
            try c.encode(service_code, forKey: .service_code)
            try c.encode(description, forKey: .description)
            try c.encode(agency_responsible, forKey: .agency_responsible)
            try c.encode(service_notice, forKey: .service_notice)
            try c.encode(requested_datetime, forKey: .requested_datetime)
            try c.encode(updated_datetime, forKey: .updated_datetime)
            try c.encode(expected_datetime, forKey: .expected_datetime)
            try c.encode(address, forKey: .address)
            try c.encode(address_id, forKey: .address_id)
            try c.encode(zipcode, forKey: .zipcode)
            try c.encode(lat, forKey: .lat)
            try c.encode(long, forKey: .long)
            try c.encode(media_url, forKey: .media_url)
        }

        enum CodingKeys: String, CodingKey {
            case service_request_id, status, status_notes, service_name, service_code, description, agency_responsible
            case service_notice, requested_datetime, updated_datetime, expected_datetime, address, address_id, zipcode
            case lat, long, media_url
        }
    }

    /// GeoReport v2's error shape: a list of `{code, description}`.
    struct Problem: Encodable {
        var code: Int
        var description: String
    }

    static let helpTypeNames: [HelpType: String] = [
        .submitDossier: "Nộp hồ sơ trực tuyến", .vneidSetup: "Kích hoạt VNeID", .vneidRecovery: "Khôi phục tài khoản VNeID",
        .information: "Tư vấn thông tin", .payment: "Thanh toán trực tuyến", .trackDossier: "Tra cứu hồ sơ",
    ]

    /// Every procedure of the districts, then the kinds of help a request without a procedure is about.
    static func services(_ configs: [DistrictConfig]) -> [Service] {
        var seen = Set<String>()
        var out: [Service] = []
        for config in configs {
            for procedure in config.procedures where seen.insert(procedure.code).inserted {
                let field = config.field(code: procedure.fieldCode)?.name ?? procedure.fieldCode
                out.append(Service(service_code: procedure.code, service_name: procedure.name, description: field, group: field))
            }
        }
        for type in HelpType.allCases where seen.insert(type.rawValue).inserted {
            out.append(Service(service_code: type.rawValue, service_name: helpTypeNames[type] ?? type.rawValue,
                               description: helpTypeNames[type] ?? type.rawValue, group: "Hỗ trợ số"))
        }
        return out
    }

    static func request(_ item: PublicRequest, configs: [DistrictConfig]) -> ServiceRequest {
        let code = item.procedure ?? item.helpType ?? "unknown"
        let name = configs.lazy.compactMap { $0.procedure(code: code)?.name }.first
            ?? HelpType(rawValue: code).flatMap { helpTypeNames[$0] } ?? code
        let ward = configs.wardName(item.ward) ?? item.ward
        return ServiceRequest(service_request_id: item.id, status: item.open ? "open" : "closed", service_name: name,
                              service_code: code, agency_responsible: ward,
                              requested_datetime: Numbers.iso8601(item.receivedAt),
                              updated_datetime: Numbers.iso8601(item.updatedAt))
    }

    /// `start_date` / `end_date` as the specification writes them (W3C / ISO 8601); nil when absent or unreadable.
    static func date(_ text: String?) -> Double? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text).map { $0.timeIntervalSince1970 - 7 * 3600 }
    }
}
