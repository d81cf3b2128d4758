import Foundation
@testable import XungKich

/// Paths and fixtures shared by the help-request tests.
enum HelpRequestFixtures {
    /// The package root, found from this file so tests run from any directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // XungKichTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The shipped Hai Bà Trưng config, the catalogue every validation test runs against.
    static func haiBaTrung() throws -> DistrictConfig {
        try DistrictConfig.load(path: packageRoot.appendingPathComponent("config/hai-ba-trung.yaml").path)
    }

    /// A text file of the repository, e.g. "docs/sample-requests.csv".
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// A complete, valid request for Bạch Mai: an elderly citizen who lost VNeID access.
    static var full: HelpRequest {
        HelpRequest(
            ward: "00286", residentialGroup: "TDP 3", procedure: "1.004194", field: "G01-CA05",
            helpType: .vneidRecovery, channel: .hotline,
            priority: PriorityFlags(elderly: true, disability: false, noSmartphone: true, deadline: "2024-06-30"),
            citizen: Citizen(shortName: "Bà Lan", phone: "0912 345 678", ageBand: .from70To79),
            consent: Consent(given: true, textVersion: "XK-HBT-2024-01"),
            note: "Quên mật khẩu VNeID, con gái đã đổi số điện thoại", idempotencyKey: "hotline-2024-06-01-0042")
    }

    /// The smallest valid request: anonymous, no flags.
    static var minimal: HelpRequest {
        HelpRequest(ward: "00286", procedure: "1.001193", helpType: .information, channel: .walkIn)
    }

    /// Bytes of a JSON literal.
    static func bytes(_ json: String) -> [UInt8] { Array(json.utf8) }

    /// The problems `request` has against Hai Bà Trưng, or [] when it is valid.
    static func problems(_ request: HelpRequest) throws -> [HelpRequestProblem] {
        let config = try haiBaTrung()
        do {
            _ = try request.validated(against: config)
            return []
        } catch {
            return error.problems
        }
    }

    /// The decoding problems of a JSON body, or [] when it decodes.
    static func decodeProblems(_ json: String) -> [HelpRequestProblem] {
        do {
            _ = try HelpRequest.decode(json: bytes(json))
            return []
        } catch {
            return error.problems
        }
    }
}
