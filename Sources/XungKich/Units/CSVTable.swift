import SwiftCSV

/// A small CSV file read whole: its header and each row by column name, with the file line the row starts on,
/// so every problem can be reported by line. For the reference data and roster files (`xk units generate`,
/// `xk teams import`), not for request imports (``HelpRequestCSV`` streams and says more).
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line of the file where the row starts.
        public var line: Int
        public var cells: [String: String]
        /// The cell in `column`, trimmed; empty when absent.
        public subscript(_ column: String) -> String { (cells[column] ?? "").trimmingCharacters(in: .whitespaces) }
    }

    public var header: [String]
    public var rows: [Row]
    /// Rows that could not be read at all, with why.
    public var unreadable: [(line: Int, message: String)]

    /// Parses `text` (UTF-8, a byte order mark allowed); blank lines are skipped.
    public init(text: String) {
        var records = CSVRecords.split(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        records.removeAll { $0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        header = []
        rows = []
        unreadable = []
        guard let first = records.first else { return }
        header = Self.cells(first.text)?.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        for record in records.dropFirst() {
            guard !record.unterminatedQuote, var cells = Self.cells(record.text) else {
                unreadable.append((record.line, "the row is not valid CSV (check its double quotes)"))
                continue
            }
            // Spreadsheets leave trailing empty cells out; those are empty, not missing.
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            if cells.count != header.count {
                unreadable.append((record.line, "has \(cells.count) cells; the header has \(header.count) (\(header.joined(separator: ",")))"))
                continue
            }
            rows.append(Row(line: record.line, cells: Dictionary(zip(header, cells), uniquingKeysWith: { a, _ in a })))
        }
    }

    /// Columns of `required` missing from the header.
    public func missing(_ required: [String]) -> [String] { required.filter { !header.contains($0) } }

    private static func cells(_ text: String) -> [String]? {
        try? EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false).header
    }
}
