import Foundation
import Testing
@testable import XungKich

@Suite("Help request CSV")
struct HelpRequestCSVTests {
    typealias F = HelpRequestFixtures
    let header = HelpRequestCSV.header

    /// A good row for Bạch Mai; `change` edits cells by column name.
    func row(_ change: [String: String] = [:]) -> String {
        var cells: [String: String] = [
            "ward": "00286", "residential_group": "TDP 3", "procedure": "1.004194", "help_type": "vneid_recovery",
            "channel": "hotline", "elderly": "có", "name": "Bà Lan", "phone": "0912 345 678", "age_band": "70_79",
            "consent": "có", "consent_version": "XK-HBT-2024-01", "note": "Quên mật khẩu VNeID",
        ]
        cells.merge(change) { _, new in new }
        return HelpRequestCSV.columns.map { cells[$0] ?? "" }.joined(separator: ",")
    }

    func file(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    @Test func headerListsTheDocumentedColumns() {
        #expect(header == "ward,residential_group,procedure,field,help_type,channel,elderly,disability,no_smartphone,deadline,name,phone,age_band,consent,consent_version,note,idempotency_key,filed_on")
    }

    @Test func shippedSampleIsCleanAgainstHaiBaTrung() throws {
        let parsed = HelpRequestCSV.parse(text: try F.text("docs/sample-requests.csv"), config: try F.haiBaTrung())
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.rows.count == 20)
        #expect(parsed.rows.map(\.line) == Array(2...21))
        #expect(Set(parsed.rows.compactMap(\.request.idempotencyKey)).count == 20)
        #expect(parsed.rows.allSatisfy { $0.request.idempotencyKey?.hasPrefix("csv1-") == true })
        #expect(parsed.rows.allSatisfy { $0.request.field != nil })
        #expect(parsed.rows.filter(\.request.isPriority).count >= 12)
        #expect(Set(parsed.rows.map(\.request.procedure)).count >= 12)
    }

    @Test func goodRowBecomesANormalisedRequest() throws {
        let parsed = HelpRequestCSV.parse(text: file([row(["deadline": "30/6/2024", "help_type": "VNeID Recovery", "channel": "Walk-in"])]), config: try F.haiBaTrung())
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        let request = try #require(parsed.rows.first?.request)
        #expect(request.ward == "00286")
        #expect(request.field == "G01-CA05")
        #expect(request.helpType == .vneidRecovery)
        #expect(request.channel == .walkIn)
        #expect(request.priority == PriorityFlags(elderly: true, deadline: "2024-06-30"))
        #expect(request.citizen == Citizen(shortName: "Bà Lan", phone: "0912345678", ageBand: .from70To79))
        #expect(request.consent == Consent(given: true, textVersion: "XK-HBT-2024-01"))
        #expect(request.note == "Quên mật khẩu VNeID")
    }

    @Test func badRowsAreReportedByFileLine() throws {
        let text = file([
            row(),                                                    // line 2: good
            row(["ward": "00999"]),                                   // line 3
            row(["elderly": "maybe"]),                                // line 4
            row(["procedure": ""]),                                   // line 5
            row(["help_type": "vneid"]),                              // line 6
            row(["note": "\"Hai dòng:\nđến nhà, chiều thứ Bảy\""]),   // lines 7–8: good
            row(["age_band": "65", "phone": "12345"]),                // line 9, two problems
            "",                                                       // line 10: blank, skipped
            row(["channel": "fax"]),                                  // line 11
        ])
        let parsed = HelpRequestCSV.parse(text: text, config: try F.haiBaTrung())
        #expect(parsed.rows.map(\.line) == [2, 7])
        #expect(parsed.rows.last?.request.note == "Hai dòng:\nđến nhà, chiều thứ Bảy")
        #expect(parsed.problems.map(\.line) == [3, 4, 5, 6, 9, 9, 11])
        #expect(parsed.problems.map(\.column) == ["ward", "elderly", "procedure", "help_type", "age_band", "phone", "channel"])
        #expect(parsed.problems[0].description
            == "line 3: ward: \"00999\" is not a ward of Quận Hai Bà Trưng; use the 5-digit GSO code of one of its 18 wards, e.g. \"00241\" for Phường Nguyễn Du")
        #expect(parsed.problems[1].message == "elderly: \"maybe\" is not yes or no; write yes/no, true/false, 1/0 or có/không, or leave it empty for no")
        #expect(parsed.problems[2].message.hasPrefix("procedure: is missing"))
        #expect(parsed.problems[3].message == "help_type: \"vneid\" is not a help type; use one of submit_dossier, vneid_setup, vneid_recovery, information, payment, track_dossier")
        #expect(parsed.problems[4].message.hasPrefix("age_band: \"65\" is not an age band"))
        #expect(parsed.problems[5].message.hasPrefix("phone: \"12345\" is not a Vietnamese phone number"))
    }

    @Test func consentProblemsPointAtTheConsentColumns() throws {
        // An empty consent version with consent given takes xk enqueue's default (v1), as the flag does.
        let text = file([row(["consent": ""]), row(["consent": "không"]), row(["consent_version": ""])])
        let parsed = HelpRequestCSV.parse(text: text, config: try F.haiBaTrung())
        #expect(parsed.problems.map(\.line) == [2, 3])
        #expect(parsed.problems.map(\.column) == ["consent", "consent"])
        #expect(parsed.rows.map(\.line) == [4])
        #expect(parsed.rows.first?.request.consent?.textVersion == "v1")
    }

    @Test func anonymousRowNeedsNoConsent() throws {
        let parsed = HelpRequestCSV.parse(text: file([row(["name": "", "phone": "", "consent": "", "consent_version": ""])]), config: try F.haiBaTrung())
        #expect(parsed.problems.isEmpty)
        #expect(parsed.rows.first?.request.citizen == Citizen(ageBand: .from70To79))
    }

    @Test(arguments: ["yes", "YES", "true", "1", "có", "Có", "co", "x"])
    func truthyCellsAreYes(cell: String) {
        let parsed = HelpRequestCSV.parse(text: file([row(["disability": cell])]))
        #expect(parsed.rows.first?.request.priority.disability == true, "\(cell)")
    }

    @Test(arguments: ["no", "false", "0", "không", "KHÔNG", "khong", ""])
    func falsyCellsAreNo(cell: String) {
        let parsed = HelpRequestCSV.parse(text: file([row(["disability": cell])]))
        #expect(parsed.rows.first?.request.priority.disability == false, "\(cell)")
    }

    // MARK: Header

    @Test func unknownAndMissingColumnsAreOneProblemOnLineOne() {
        let parsed = HelpRequestCSV.parse(text: "ward,help_type,phone_number,ghi_chu\n00286,information,,\n")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.problems.count == 1)
        let problem = parsed.problems.first
        #expect(problem?.line == 1)
        #expect(problem?.message.hasPrefix("the header has unknown columns \"phone_number\", \"ghi_chu\"; missing required column procedure. The columns are: ward,") == true)
    }

    @Test("empty or missing help type, channel and consent version take the defaults of xk enqueue's flags")
    func defaultsAsTheFlags() throws {
        let parsed = HelpRequestCSV.parse(text: "ward,procedure,help_type,name,phone,consent\n00286,1.001193,,Bà Lan,0912 345 678,có\n",
                                          config: try F.haiBaTrung())
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        let request = try #require(parsed.rows.first?.request)
        #expect(request.helpType == .submitDossier && request.channel == .walkIn)
        #expect(request.consent == Consent(given: true, textVersion: "v1"))
    }

    @Test func wardOrResidentialGroupColumnIsRequired() {
        let parsed = HelpRequestCSV.parse(text: "procedure,help_type,channel\n1.001193,information,hotline\n")
        #expect(parsed.problems.map(\.line) == [1])
        #expect(parsed.problems.first?.message.contains("missing required column ward (or residential_group)") == true)
    }

    @Test func subsetOfColumnsInAnyOrderAndCaseIsFine() throws {
        let text = "Channel, Procedure ,help_type,WARD\nhotline,1.001193,information,00286\n"
        let parsed = HelpRequestCSV.parse(text: text, config: try F.haiBaTrung())
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.rows.first?.request.procedure == "1.001193")
    }

    @Test func blankLinesAboveTheHeaderKeepLineNumbersTrue() {
        let parsed = HelpRequestCSV.parse(text: "\n \n" + file([row(["ward": "00999x"])]))
        #expect(parsed.problems.map(\.line) == [4])
        #expect(parsed.problems.map(\.column) == ["ward"])
    }

    @Test func emptyFileIsAProblem() {
        #expect(HelpRequestCSV.parse(text: "").problems.map(\.line) == [1])
        #expect(HelpRequestCSV.parse(text: "\n\n").problems.first?.message.hasPrefix("the file is empty") == true)
    }

    // MARK: File formats

    @Test func byteOrderMarkCRLFAndSemicolonsAreHandled() throws {
        let text = "\u{FEFF}" + file([row(), row(["ward": "00241"])])
            .replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "\n", with: "\r\n")
        let parsed = HelpRequestCSV.parse(text: text, config: try F.haiBaTrung())
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.rows.map(\.line) == [2, 3])
    }

    @Test func malformedQuotesAreConfinedToTheirLine() throws {
        let text = file([row(["note": "Bà \"Lan\" nhờ"]), row()])
        let parsed = HelpRequestCSV.parse(text: text, config: try F.haiBaTrung())
        #expect(parsed.problems.map(\.line) == [2])
        #expect(parsed.problems.first?.message.hasPrefix("the row is not valid CSV") == true)
        #expect(parsed.rows.map(\.line) == [3])
    }

    @Test func unclosedQuoteIsReportedWhereItOpens() {
        let text = file([row(), row(["note": "\"không đóng ngoặc"]), row()])
        let parsed = HelpRequestCSV.parse(text: text)
        #expect(parsed.rows.map(\.line) == [2])
        #expect(parsed.problems.map(\.line) == [3])
        #expect(parsed.problems.first?.message.contains("never closed") == true)
    }

    @Test func extraCellsAreAProblem() {
        let parsed = HelpRequestCSV.parse(text: file([row() + ",thừa", row() + ",,"]))
        #expect(parsed.problems.map(\.line) == [2])
        #expect(parsed.problems.first?.message.hasPrefix("the row has 19 cells but the header has 18 columns") == true)
        #expect(parsed.rows.map(\.line) == [3])
    }

    // MARK: Idempotency keys

    @Test func derivedKeysAreStableAcrossRuns() throws {
        let text = try F.text("docs/sample-requests.csv")
        let config = try F.haiBaTrung()
        let first = HelpRequestCSV.parse(text: text, config: config).rows.map(\.request.idempotencyKey)
        let second = HelpRequestCSV.parse(text: text, config: config).rows.map(\.request.idempotencyKey)
        let withoutConfig = HelpRequestCSV.parse(text: text).rows.map(\.request.idempotencyKey)
        #expect(first == second)
        #expect(first == withoutConfig)
        // Pinned: a change here re-submits every file ever entered, so it must be deliberate.
        #expect(HelpRequestCSV.parse(text: file([row()])).rows.first?.request.idempotencyKey == Self.pinnedKey)
    }

    /// Computed independently (a few lines of Python over the documented canonical form:
    /// cells joined by U+001F, then U+001E and the occurrence number, FNV-1a 64 over UTF-8).
    static let pinnedKey = "csv1-437e35a9b87d3dcd"

    @Test func derivedKeyIgnoresFormattingButNotContent() throws {
        func key(_ text: String) -> String? { HelpRequestCSV.parse(text: text).rows.first?.request.idempotencyKey }
        let base = key(file([row()]))
        #expect(base != nil)
        // Same content, written differently: same key.
        #expect(key(file([row(["elderly": "1", "phone": "+84 912 345 678", "ward": " 00286 "])])) == base)
        #expect(key(file([row(["note": "Ghi chú đã sửa"])])) == base)
        let reordered = HelpRequestCSV.columns.reversed().joined(separator: ",") + "\n"
            + row().split(separator: ",", omittingEmptySubsequences: false).reversed().joined(separator: ",") + "\n"
        #expect(key(reordered) == base)
        let decomposed = file([row(["name": "Bà Lan".decomposedStringWithCanonicalMapping])])
        #expect(key(decomposed) == base)
        // Different content: different key.
        #expect(key(file([row(["phone": "0912345679"])])) != base)
        #expect(key(file([row(["ward": "00289"])])) != base)
        #expect(key(file([row(["help_type": "vneid_setup"])])) != base)
    }

    @Test func identicalRowsGetDistinctKeysInFileOrder() {
        let anonymous = row(["name": "", "phone": "", "consent": "", "consent_version": "", "note": ""])
        let parsed = HelpRequestCSV.parse(text: file([anonymous, row(), anonymous]))
        let keys = parsed.rows.map(\.request.idempotencyKey)
        #expect(Set(keys).count == 3)
        let again = HelpRequestCSV.parse(text: file([anonymous, row(), anonymous])).rows.map(\.request.idempotencyKey)
        #expect(again == keys)
        // Removing an unrelated row changes nobody else's key.
        let fewer = HelpRequestCSV.parse(text: file([anonymous, anonymous])).rows.map(\.request.idempotencyKey)
        #expect(fewer == [keys[0], keys[2]])
    }

    @Test func explicitKeysAreKeptAndMustBeUnique() {
        let parsed = HelpRequestCSV.parse(text: file([
            row(["idempotency_key": "so-tiep-nhan-0042"]),
            row(["idempotency_key": "so-tiep-nhan-0042", "ward": "00241"]),
        ]))
        #expect(parsed.rows.map(\.request.idempotencyKey) == ["so-tiep-nhan-0042"])
        #expect(parsed.problems.map(\.line) == [3])
        #expect(parsed.problems.first?.message == "idempotency_key: \"so-tiep-nhan-0042\" is already used on line 2; every row needs its own key, or leave the column empty")
    }

    // MARK: Without a config

    @Test func withoutConfigOnlyCatalogueFreeRulesApply() {
        let parsed = HelpRequestCSV.parse(text: file([row(["ward": "00999", "procedure": "9.999999"]), row(["phone": "12345"])]))
        #expect(parsed.rows.map(\.line) == [2])
        #expect(parsed.rows.first?.request.field == nil)
        #expect(parsed.problems.map(\.line) == [3])
        #expect(parsed.problems.map(\.column) == ["phone"])
    }

    @Test func dispatcherProblemsMapToColumns() {
        #expect(HelpRequestCSV.column(forField: "citizen.phone") == "phone")
        #expect(HelpRequestCSV.column(forField: "citizen.shortName") == "name")
        #expect(HelpRequestCSV.column(forField: "consent") == "consent")
        #expect(HelpRequestCSV.column(forField: "consent.textVersion") == "consent_version")
        #expect(HelpRequestCSV.column(forField: "priority.deadline") == "deadline")
        #expect(HelpRequestCSV.column(forField: "") == nil)
        for column in HelpRequestCSV.columns {
            #expect(CSVColumn(rawValue: column).map { HelpRequestCSV.column(forField: $0.fieldPath) } == column)
        }
    }
}
