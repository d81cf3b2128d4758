import XungKichWire

extension BaselineRow {
    /// What is wrong with the row, as a ward officer would fix it in the spreadsheet; empty when nothing.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Self.isMonth(month) { problems.append("month \"\(month)\" is not written YYYY-MM, e.g. 2024-03") }
        if ward.count != 5 || !ward.allSatisfy({ $0.isASCII && $0.isNumber }) {
            problems.append("ward \"\(ward)\" is not a 5-digit GSO code, e.g. \"00286\"")
        }
        let counts = [("dossiers_resolved", dossiersResolved), ("online_dossiers", onlineDossiers),
                      ("full_process_dossiers", fullProcessDossiers), ("on_time_dossiers", onTimeDossiers)]
        for (name, value) in counts where value < 0 { problems.append("\(name) is negative (\(value))") }
        if onlineDossiers > dossiersResolved {
            problems.append("online_dossiers (\(onlineDossiers)) is more than dossiers_resolved (\(dossiersResolved))")
        }
        if fullProcessDossiers > onlineDossiers {
            problems.append("full_process_dossiers (\(fullProcessDossiers)) is more than online_dossiers (\(onlineDossiers))")
        }
        if onTimeDossiers > dossiersResolved {
            problems.append("on_time_dossiers (\(onTimeDossiers)) is more than dossiers_resolved (\(dossiersResolved))")
        }
        return problems
    }

    /// Whether `text` is a month written `YYYY-MM` (years 2000–2099).
    public static func isMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1])
        else { return false }
        return (2000...2099).contains(year) && (1...12).contains(month)
    }
}
