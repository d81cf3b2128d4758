import Foundation
import Logging
import Testing
import XungKich
import ZeroMQ
@testable import Security

/// Key folders as `xk keys` makes them: one pair per identity, secrets owner-only, nothing overwritten.
struct KeyFolderTests {
    private func temporaryFolder() -> String {
        NSTemporaryDirectory() + "xk-keys-\(UUID().uuidString)"
    }

    private func district() throws -> DistrictConfig {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try DistrictConfig.load(path: root.appendingPathComponent("config/hai-ba-trung.yaml").path)
    }

    private func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
    }

    @Test func initMakesEveryIdentityWithOwnerOnlySecrets() throws {
        let path = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        let made = try folder.initialize(for: try district())
        #expect(made.count == 5 + 18)
        #expect(Set(made.map(\.name)).isSuperset(of: ["dispatcher", "coordinator", "intake", "officer", "viewer", "ward-00286"]))
        #expect(made.first { $0.name == "ward-00286" }?.ward == "00286")
        #expect(try mode(path) == 0o700)
        #expect(try mode(path + "/intake.key") == 0o600)
        #expect(try mode(path + "/intake.pub") == 0o644)
        let pair = try folder.keyPair(named: "ward-00286")
        #expect(CurveKeyPair.publicKey(ofSecret: pair.secretKey) == pair.publicKey)
        #expect(try folder.publicKey(of: "dispatcher") == made.first { $0.name == "dispatcher" }?.publicKey)
        let authorized = try String(contentsOfFile: folder.authorizedPath, encoding: .utf8)
        #expect(!authorized.contains(pair.secretKey), "authorized.yaml holds no secret")
        #expect(Set(made.map(\.publicKey)).count == made.count, "every identity has its own key")
    }

    @Test func initAgainKeepsEveryKey() throws {
        let path = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        _ = try folder.initialize(for: try district())
        let before = try folder.keyPair(named: "officer")
        #expect(try folder.initialize(for: try district()).isEmpty)
        #expect(try folder.keyPair(named: "officer") == before)
    }

    @Test func addRevokeAndList() throws {
        let path = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        let config = try district()
        _ = try folder.initialize(for: config)
        let desk = try folder.add(name: "intake-2", role: .intake, ward: nil, config: config)
        #expect(try folder.list().contains(desk))
        #expect(throws: KeyError.duplicateName(name: "intake-2")) { try folder.add(name: "intake-2", role: .intake, ward: nil, config: config) }
        #expect(throws: KeyError.wardNeeded) { try folder.add(name: "w", role: .ward, ward: nil, config: config) }
        #expect(throws: KeyError.wardNotForRole(role: .officer)) { try folder.add(name: "o2", role: .officer, ward: "00286", config: config) }
        #expect(throws: KeyError.self) { try folder.add(name: "ward-99999", role: .ward, ward: "99999", config: config) }
        #expect(throws: KeyError.badName(name: "../etc")) { try folder.add(name: "../etc", role: .viewer, ward: nil, config: config) }
        let revoked = try folder.revoke(name: "intake-2")
        #expect(revoked.revoked)
        #expect(try folder.list().first { $0.name == "intake-2" }?.revoked == true)
        #expect(throws: KeyError.unknownIdentity(name: "nobody", folder: path)) { try folder.revoke(name: "nobody") }
    }

    @Test func theRegistryHidesRevokedKeysAndSeesChangesWithoutARestart() throws {
        let path = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        let config = try district()
        _ = try folder.initialize(for: config)
        let registry = try KeyRegistry(path: folder.authorizedPath)
        let intake = try folder.keyPair(named: "intake")
        #expect(registry.identity(publicKey: intake.publicKey)?.name == "intake")
        let version = registry.snapshot.version
        _ = try folder.revoke(name: "intake")
        #expect(registry.reload() == nil)
        #expect(registry.identity(publicKey: intake.publicKey) == nil)
        #expect(registry.identity(named: "intake")?.revoked == true)
        #expect(registry.snapshot.version > version)
    }

    @Test func theZAPAnswerNamesTheIdentityOrRefuses() throws {
        let path = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        _ = try folder.initialize(for: try district())
        let registry = try KeyRegistry(path: folder.authorizedPath)
        let logger = Logger(label: "test")
        func request(_ publicKey: String) -> [[UInt8]] {
            let raw = Z85.decode(publicKey) ?? []
            return [Array("1.0".utf8), Array("7".utf8), Array("xk".utf8), Array("127.0.0.1".utf8), [], Array("CURVE".utf8), raw]
        }
        let ward = try folder.keyPair(named: "ward-00286")
        let known = ZAPHandler.answer(request(ward.publicKey), registry: registry, logger: logger)
        #expect(known[2] == Array("200".utf8))
        #expect(known[4] == Array("ward-00286".utf8))
        #expect(known[1] == Array("7".utf8), "the reply carries the request's id")
        let stranger = ZAPHandler.answer(request(try CurveKeyPair.generate().publicKey), registry: registry, logger: logger)
        #expect(stranger[2] == Array("400".utf8))
        let plain = ZAPHandler.answer([Array("1.0".utf8), Array("8".utf8), [], [], [], Array("NULL".utf8)], registry: registry, logger: logger)
        #expect(plain[2] == Array("400".utf8))
    }

    @Test func theFailOpenGuardCatchesAMissingHandler() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let server = try CurveKeyPair.generate()
        #expect(throws: KeyError.self) { try FailOpenGuard.check(context: context, serverKeys: server) }

        let path = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = KeyFolder(path: path)
        _ = try folder.initialize(for: try district())
        let guarded = try ZMQContext()
        defer { guarded.terminate() }
        let handler = try ZAPHandler(registry: try KeyRegistry(path: folder.authorizedPath), logger: Logger(label: "test"))
        try await handler.start(in: guarded)
        defer { handler.stop() }
        try FailOpenGuard.check(context: guarded, serverKeys: server)
    }
}
