import Foundation
import Storage
import XungKich
/// What the dispatcher needs to take durable help requests (`xk.submit`): where its journal lives,
/// which district it serves, and how to validate a submission.
public struct DurableOptions: Sendable {
    /// Folder for the journal (`journal.sqlite`); created if missing.
    public var dataDirectory: String
    public var districtCode: String
    public var desk = DeskConfiguration()
    /// SQLite `synchronous`: FULL (default) or NORMAL.
    public var synchronous = "FULL"
    /// Keep the journal in memory (benchmarks only: nothing survives a restart).
    public var inMemory = false
    public var validate: SubmitValidator
    /// The data folder made ready by ``DispatcherApp/prepareDataFolder(_:)``: its lock, the pseudonym key (to
    /// find a citizen's requests for an erasure) and the personal-data key (to seal bodies). Without it (tests,
    /// benchmarks) bodies are not sealed and erasure by phone is unavailable.
    public var prepared: DispatcherApp.PreparedDataFolder?
    /// Days after a request finishes before its personal data is erased (the daily sweep and `purge`).
    public var retentionDays = 30
    /// Which unit a code meant at an instant (``DistrictConfig/filedUnit(code:at:)``), to fill in the units of
    /// requests journaled by a release that kept only the code; nil leaves them as they are.
    public var unitOf: (@Sendable (_ code: String, _ at: Double, _ jurisdiction: String) -> UnitKey?)?
    /// Where open requests of ended units go at a switch-over (``UnitMove/plan(_:)``); nil: `switch` moves nothing.
    public var successorOf: UnitSuccessor?

    /// The journal's file in the data folder.
    public var journalPath: String { (dataDirectory as NSString).appendingPathComponent("journal.sqlite") }

    public init(dataDirectory: String, districtCode: String, validate: @escaping SubmitValidator) {
        self.dataDirectory = dataDirectory
        self.districtCode = districtCode
        self.validate = validate
    }
}
