/// Splits CSV text into records, remembering the file line each starts on.
///
/// SwiftCSV parses cells but does not say which line a row came from, and a quoted note may
/// span several lines, so row numbers and line numbers differ. This scanner only tracks
/// quotes and line breaks, with the same rules as SwiftCSV's parser, and each record is then
/// parsed by SwiftCSV on its own, which also confines a malformed row's error to its line.
struct CSVRecords {
    struct Record {
        /// 1-based line of the file where the record starts.
        var line: Int
        /// The record's text without its final line break.
        var text: String
        /// A double quote opened in this record was never closed before the end of the file.
        var unterminatedQuote: Bool
    }

    /// The records of `text`, blank lines included (callers skip them).
    static func split(_ text: String) -> [Record] {
        var records: [Record] = []
        var current = ""
        var startLine = 1
        var line = 1
        var inQuotes = false
        // Swift treats "\r\n" as one Character, so Windows line ends count once.
        for character in text {
            if character.isNewline {
                line += 1
                if !inQuotes {
                    records.append(Record(line: startLine, text: current, unterminatedQuote: false))
                    current = ""
                    startLine = line
                    continue
                }
            } else if character == "\"" {
                // A doubled quote ("") inside a quoted cell toggles twice, leaving the state as is.
                inQuotes.toggle()
            }
            current.append(character)
        }
        if !current.isEmpty || inQuotes {
            records.append(Record(line: startLine, text: current, unterminatedQuote: inQuotes))
        }
        return records
    }
}
