import Foundation
import SwiftCSV

/// Bulk entry of help requests from a CSV file, such as a ward's paper intake log typed into a
/// spreadsheet (`xk enqueue --file requests.csv`).
///
/// The first line is a header naming the columns (any order, any case; see ``columns``). Good
/// rows become requests and bad rows are reported with their line number and the reason, so
/// an officer can fix just those lines. Line numbers are the file's: the header is line 1, and
/// a note spanning several lines in quotes counts all of them.
///
/// A row without an `idempotency_key` gets one derived from its content (``derivedKeyPrefix``
/// and a 64-bit FNV-1a hash), so submitting the same file twice accepts nothing twice. Rows
/// that are identical apart from the note are numbered in file order before hashing, so two
/// anonymous citizens with the same need on the same day are still two requests. Editing a
/// row's note keeps its key; editing any other cell makes it a new request.
public enum HelpRequestCSV: Sendable {
    /// A row that became a request.
    public struct Row: Sendable, Hashable {
        /// File line the row starts on (the header is line 1).
        public var line: Int
        /// The request; with a config it is in normal form, ward and field resolved.
        public var request: HelpRequest

        /// Creates a row.
        public init(line: Int, request: HelpRequest) {
            self.line = line
            self.request = request
        }
    }

    /// Something wrong with the file or one of its rows.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// File line of the row (1 for the header or the file as a whole).
        public var line: Int
        /// The column at fault, or "" for the row or file as a whole.
        public var column: String
        /// What is wrong, starting with the column when there is one: `ward: "00999" is …`.
        public var message: String

        /// Creates a problem; `message` should start with the column, as the parser's do.
        public init(line: Int, column: String, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        /// `line 7: ward: "00999" is not a ward of …`.
        public var description: String { "line \(line): \(message)" }
    }

    /// Everything read from one file.
    public struct Parsed: Sendable, Hashable {
        /// Good rows, in file order.
        public var rows: [Row]
        /// Problems, in line order; a row with problems is not among ``rows``.
        public var problems: [Problem]

        /// Creates a result.
        public init(rows: [Row], problems: [Problem]) {
            self.rows = rows
            self.problems = problems
        }
    }

    /// Header names, in the documented order.
    public static let columns: [String] = CSVColumn.allCases.map(\.rawValue)

    /// A header line with every column, for templates.
    public static var header: String { columns.joined(separator: ",") }

    /// Start of every derived idempotency key; the "1" versions the derivation, so a future
    /// change of rule cannot silently reuse keys made by this one.
    public static let derivedKeyPrefix = "csv1-"

    /// The CSV column holding the value at a ``HelpRequestProblem/field`` path, so problems the
    /// dispatcher reports for a submitted row can be shown against the column; `nil` for
    /// whole-request problems.
    public static func column(forField path: String) -> String? {
        CSVColumn(fieldPath: path)?.rawValue
    }

    /// Reads a file's text.
    ///
    /// - Parameters:
    ///   - text: The whole file, UTF-8 decoded; a leading byte-order mark is ignored. Cells are
    ///     separated by commas, or by semicolons or tabs when the header has no comma (some
    ///     spreadsheets export that way).
    ///   - config: When given, rows are validated against the district's catalogue too
    ///     (``HelpRequest/validated(against:residentialGroupWard:)``); without it only the
    ///     rules that need no catalogue apply and the dispatcher checks the rest.
    public static func parse(text: String, config: DistrictConfig? = nil) -> Parsed {
        var records = CSVRecords.split(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)[...]
        // Blank lines above the header are forgiven; the header keeps its real line number.
        while let first = records.first, first.text.trimmingCharacters(in: .whitespaces).isEmpty, !first.unterminatedQuote {
            records.removeFirst()
        }
        guard let headerRecord = records.popFirst(), !headerRecord.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return Parsed(rows: [], problems: [Problem(line: 1, column: "", message: "the file is empty; its first line must be the header: \(header)")])
        }
        let delimiter = guessDelimiter(headerRecord.text)
        let headerColumns: [CSVColumn?]
        switch readHeader(headerRecord, delimiter: delimiter) {
        case let .success(columns): headerColumns = columns
        case let .failure(problem): return Parsed(rows: [], problems: [problem])
        }

        var rows: [Row] = []
        var problems: [Problem] = []
        var occurrences: [String: Int] = [:]
        var keyLines: [String: Int] = [:]
        for record in records {
            let cells: [String]
            switch readCells(record, delimiter: delimiter) {
            case let .success(read): cells = read
            case let .failure(problem):
                problems.append(problem)
                continue
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if cells.count > headerColumns.count,
               cells[headerColumns.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                problems.append(Problem(
                    line: record.line, column: "",
                    message: "the row has \(cells.count) cells but the header has \(headerColumns.count) columns; put a cell that contains commas in double quotes"))
                continue
            }
            var byColumn: [CSVColumn: String] = [:]
            for (column, cell) in zip(headerColumns, cells) {
                if let column { byColumn[column] = cell }
            }

            var reader = CSVRowReader(cells: byColumn)
            let (mapped, draft) = reader.request()
            var rowProblems = reader.problems.map { Problem(line: record.line, column: $0.column.rawValue, message: "\($0.column.rawValue): \($0.message)") }
            var request = draft
            if let mapped, mapped.idempotencyKey == nil {
                let content = canonicalContent(of: mapped)
                occurrences[content, default: 0] += 1
                request.idempotencyKey = derivedKey(content: content, occurrence: occurrences[content, default: 1])
            } else if let key = mapped?.idempotencyKey {
                if let first = keyLines[key] {
                    rowProblems.append(Problem(
                        line: record.line, column: CSVColumn.idempotencyKey.rawValue,
                        message: "idempotency_key: \(Quote.text(key)) is already used on line \(first); every row needs its own key, or leave the column empty"))
                } else {
                    keyLines[key] = record.line
                }
            }

            let checked: (request: HelpRequest, problems: [HelpRequestProblem])
            if let config {
                do {
                    checked = (try request.validated(against: config).request, [])
                } catch {
                    checked = (request, error.problems)
                }
            } else {
                checked = request.checkedWithoutCatalogue()
            }
            rowProblems += checked.problems.map { problem(from: $0, line: record.line) }
            if rowProblems.isEmpty, mapped != nil {
                rows.append(Row(line: record.line, request: checked.request))
            } else {
                problems += rowProblems
            }
        }
        return Parsed(rows: rows, problems: problems)
    }

    // MARK: Header and cells

    /// What reading a header or a record gave; `Result` would need ``Problem`` to be an
    /// `Error`, which it is not: a bad row is reported, not thrown.
    private enum Read<Value> {
        case success(Value)
        case failure(Problem)
    }

    private static func guessDelimiter(_ header: String) -> CSVDelimiter {
        if header.contains(",") { return .comma }
        if header.contains(";") { return .semicolon }
        if header.contains("\t") { return .tab }
        return .comma
    }

    /// Columns in file order (`nil` never occurs once the header is accepted), or the single
    /// line-1 problem that lists every unknown, repeated and missing column.
    private static func readHeader(_ record: CSVRecords.Record, delimiter: CSVDelimiter) -> Read<[CSVColumn?]> {
        let names: [String]
        switch readCells(record, delimiter: delimiter) {
        case let .success(cells): names = cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        case let .failure(problem): return .failure(problem)
        }
        var columns: [CSVColumn?] = []
        var unknown: [String] = []
        var repeated: [String] = []
        for name in names {
            let column = CSVColumn(rawValue: name)
            if column == nil, !name.isEmpty { unknown.append(name) }
            if let column, columns.contains(column) { repeated.append(name) }
            columns.append(column)
        }
        var missing = CSVColumn.required.filter { !columns.contains($0) }.map(\.rawValue)
        if !columns.contains(.ward), !columns.contains(.residentialGroup) {
            missing.insert("ward (or residential_group)", at: 0)
        }
        var parts: [String] = []
        if !unknown.isEmpty { parts.append("unknown \(plural("column", unknown.count)) \(quoted(unknown))") }
        if !repeated.isEmpty { parts.append("repeated \(plural("column", repeated.count)) \(quoted(repeated))") }
        if !missing.isEmpty { parts.append("missing required \(plural("column", missing.count)) \(missing.joined(separator: ", "))") }
        guard parts.isEmpty else {
            let message = "the header has " + parts.joined(separator: "; ") + ". The columns are: \(header)"
            return .failure(Problem(line: record.line, column: "", message: message))
        }
        return .success(columns)
    }

    /// The cells of one record, parsed by SwiftCSV.
    private static func readCells(_ record: CSVRecords.Record, delimiter: CSVDelimiter) -> Read<[String]> {
        if record.unterminatedQuote {
            return .failure(Problem(
                line: record.line, column: "",
                message: "a double quote opened on this line is never closed, so the rest of the file reads as one cell; close the quote, and double any quote inside a quoted cell (\"\")"))
        }
        do {
            // One record per parse: SwiftCSV's header is the record's cells.
            return .success(try EnumeratedCSV(string: record.text, delimiter: delimiter, loadColumns: false).header)
        } catch {
            return .failure(Problem(
                line: record.line, column: "",
                message: "the row is not valid CSV: a cell containing a double quote must be put in double quotes, with the inner quote doubled (\"\")"))
        }
    }

    // MARK: Problems and keys

    private static func problem(from problem: HelpRequestProblem, line: Int) -> Problem {
        guard let column = CSVColumn(fieldPath: problem.field) else {
            return Problem(line: line, column: "", message: problem.description)
        }
        return Problem(line: line, column: column.rawValue, message: "\(column.rawValue): \(problem.message)")
    }

    /// The row's content in a fixed order, independent of column order, spacing, how
    /// booleans were written, phone formatting and Unicode normal form. The note is left out
    /// (see the type's documentation).
    private static func canonicalContent(of request: HelpRequest) -> String {
        let phone = request.citizen?.phone.map { PhoneNumber.normalised($0) ?? $0 }
        let parts: [String?] = [
            request.ward, request.residentialGroup, request.procedure, request.field,
            request.helpType.rawValue, request.channel.rawValue,
            request.priority.elderly ? "1" : "0", request.priority.disability ? "1" : "0",
            request.priority.noSmartphone ? "1" : "0", request.priority.deadline,
            request.citizen?.shortName, phone, request.citizen?.ageBand?.rawValue,
            request.consent.map { $0.given ? "1" : "0" }, request.consent?.textVersion,
        ]
        // The day asked joins only when given, so rows without it keep the keys earlier releases derived.
        let day: [String?] = request.filedOn.map { [$0] } ?? []
        return (parts + day).map { $0 ?? "" }.joined(separator: "\u{1F}").precomposedStringWithCanonicalMapping
    }

    private static func derivedKey(content: String, occurrence: Int) -> String {
        derivedKeyPrefix + FNV1a.hex(Array((content + "\u{1E}\(occurrence)").utf8))
    }

    private static func plural(_ word: String, _ count: Int) -> String { count == 1 ? word : word + "s" }

    private static func quoted(_ names: [String]) -> String {
        names.map { Quote.text($0) }.joined(separator: ", ")
    }
}
