import ArgumentParser
import Foundation
import XungKich
import XungKichWire

/// `xk units`: the commune-level units as dated data — generate a new layout's config from the reference data,
/// and say what a code means on a day.
struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units", abstract: "Administrative units over time: generate a layout's config, look a code up on a day.",
        subcommands: [Generate.self, Show.self, Switch.self])

    /// `xk units generate`: writes config/ha-noi.yaml (or any new layout) from the GSO list and the crosswalk CSVs.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write the config of a new layout from a units CSV, crosswalk CSVs and the old layouts' configs.",
            discussion: """
                Example (what made config/ha-noi.yaml): xk units generate --code 01 --name "Thành phố Hà Nội" \
                --kind "thành phố" --units docs/hanoi-2025/units-2025.csv --crosswalk docs/hanoi-2025/hai-ba-trung-to-2025.csv \
                --crosswalk docs/hanoi-2025/me-linh-to-2025.csv --from config/hai-ba-trung.yaml --from config/me-linh.yaml \
                --output config/ha-noi.yaml. Teams move by the rule in README "Hà Nội since 2025-07-01".

                A layout of the past, from the crosswalk rows of its period (what made config/hai-ba-trung-2025.yaml): \
                xk units generate --code 007 --name "Quận Hai Bà Trưng" --kind quận --period 2025-01-01..2025-06-30 \
                --crosswalk docs/hanoi-2025/hai-ba-trung-to-2025.csv --from config/hai-ba-trung.yaml \
                --output config/hai-ba-trung-2025.yaml.
                """)

        @Option(help: "GSO code of the jurisdiction above the units, e.g. 01 for Hà Nội.") var code: String
        @Option(help: "Its name, e.g. \"Thành phố Hà Nội\".") var name: String
        @Option(help: "Its kind: thành phố, quận, huyện or thị xã.") var kind: String
        @Option(help: "CSV of the units: code,name,kind,valid_from.") var units: String?
        @Option(help: "Instead of --units: a past period, YYYY-MM-DD..YYYY-MM-DD, whose units are the crosswalk's old units of it.")
        var period: String?
        @Option(help: "CSV of the crosswalk (old_code,old_name,new_code,new_name,share,old_period,…); repeat.") var crosswalk: [String] = []
        @Option(help: "Config of an earlier layout (catalogue, teams); repeat.") var from: [String] = []
        @Option(help: "File to write; standard output when left out.") var output: String?

        func run() throws {
            guard (units == nil) != (period == nil) else {
                throw ValidationError("give either --units (a new layout) or --period (a past one, from the crosswalk)")
            }
            guard let kind = DistrictKind(rawValue: kind) else {
                throw ValidationError("--kind must be one of \(DistrictKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let outFolder = URL(fileURLWithPath: output ?? "config/x.yaml").deletingLastPathComponent().standardizedFileURL.path
            var predecessors: [(reference: String, config: DistrictConfig)] = []
            for path in from {
                let config = try DistrictConfig.load(path: path)
                let full = URL(fileURLWithPath: path).standardizedFileURL
                let reference = full.deletingLastPathComponent().path == outFolder ? full.lastPathComponent : full.path
                predecessors.append((reference, config))
            }
            var generator = LayoutGenerator(
                jurisdiction: .init(code: code, name: name, kind: kind), units: (units ?? "", try units.map(Self.read) ?? ""),
                crosswalks: try crosswalk.map { ($0, try Self.read($0)) }, predecessors: predecessors,
                command: "xk units generate " + CommandLine.arguments.dropFirst(3).map(Self.shellQuoted).joined(separator: " "))
            generator.period = period
            if let output, period == nil { generator.rosters = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent + ".rosters" }
            let text: String
            do {
                text = try generator.generate()
            } catch {
                throw CLIError.refused("the reference data has problems; nothing was written:\n\(error.description)")
            }
            // Checked by loading it, so a generated file that would not load is never written.
            if let output {
                let temporary = output + ".new"
                try text.write(toFile: temporary, atomically: true, encoding: .utf8)
                do {
                    let config = try DistrictConfig.load(path: temporary)
                    // rename(2): the old file stays whole until the new one replaces it in one step.
                    guard rename(temporary, output) == 0 else { throw CLIError.refused("\(output) could not be replaced (errno \(errno))") }
                    let tbc = config.teams.filter(\.toBeConfirmed).count
                    print("\(output): \(config.wards.count) units, \(config.successions.count) crosswalk lines, "
                          + "\(config.teams.count) teams moved (\(tbc) to be confirmed), \(config.formerUnits.count) earlier units")
                } catch {
                    try? FileManager.default.removeItem(atPath: temporary)
                    throw error
                }
            } else {
                print(text, terminator: "")
            }
        }

        static func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CLIError.refused("\(path) cannot be read as UTF-8 text")
            }
            return text
        }

        static func shellQuoted(_ s: String) -> String {
            s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=".contains($0) } ? s : "\"\(s)\""
        }
    }

    /// `xk units show CODE`: which unit the code means on a day, and what became of it.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Say which unit a code means on a day (and its successors when it had ended).")
        @Argument(help: "The 5-digit GSO code, e.g. 00256.") var code: String
        @Option(help: "The day, YYYY-MM-DD (default today, Hanoi time).") var on: String?
        @Option(help: "Config file (default: $XK_CONFIG or the settings file).") var config = Settings.value(.config)

        func run() throws {
            guard let path = config else { throw ValidationError("give --config (or set XK_CONFIG)") }
            let layout = try DistrictConfig.load(path: path)
            let day = on ?? HanoiDate.isoDay(Date())
            guard let date = HanoiDate.startOfDay(day) else { throw ValidationError("--on \(day) is not YYYY-MM-DD") }
            for unit in layout.allUnits where unit.code == code {
                print("\(unit.key)  \(unit.fullNameWithPeriod)")
                for s in layout.successors(of: unit.key) {
                    print("    → \(s.to)  \(layout.unit(key: s.to)?.fullName ?? "")  \(s.share.rawValue)  \(s.source)")
                }
            }
            switch layout.resolve(code: code, on: date) {
            case .unit(let unit): print("on \(day): \(unit.key) \(unit.fullName)")
            case let .remapped(from, fromName, to, _):
                print("on \(day): \(fromName) (\(from)) had ended; requests go to its whole successor \(to.key) \(to.fullName)")
            case let resolution:
                print("on \(day): refused: \(resolution.refusal(code: code, day: day) ?? "\(code) is not a unit of any loaded layout")")
            }
        }
    }

    /// `xk units switch --at 2025-07-01T00:00+07:00`: the running dispatcher moves open requests of ended units.
    struct Switch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "switch",
            abstract: "Switch the running dispatcher to the new units: open requests of ended units go to their whole successor or to xk attention.",
            discussion: """
                The dispatcher must run with the new layout's config (e.g. config/ha-noi.yaml, which loads the old \
                layouts as predecessors). Journaled: a restart replays it; the unit a request was filed under is kept, \
                so statistics count it once. Cases a team already holds stay with that team; a split unit's are \
                flagged for attention too. A request is switched once: running it again changes nothing.
                """)
        @Option(help: "When the new units take over: YYYY-MM-DD (Hanoi midnight) or YYYY-MM-DDTHH:MM+07:00.") var at: String
        @Flag(help: "Print the dispatcher's JSON answer.") var json = false
        @OptionGroup var client: ClientOptions

        func run() async throws {
            guard let instant = Self.instant(at) else {
                throw ValidationError("--at \(at) is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM+07:00")
            }
            var command = AdminCommand(.switch)
            command.at = instant
            let answer = try await client.call("xk.admin", WireJSON.encode(command), as: SwitchAnswer.self, identity: "officer")
            if json { return printJSON(answer) }
            for m in answer.moved { print("\(m.id): \(m.from) ended; now with ward \(m.to)") }
            for s in answer.needsAttention {
                let list = s.candidates.map(\.text).joined(separator: ", ")
                print("\(s.id): \(s.from) was split; needs attention, candidates \(list.isEmpty ? "none known" : list)")
            }
            print("\(answer.moved.count) moved, \(answer.needsAttention.count) need attention, \(answer.heldByTeams) held by teams (they finish them)")
        }

        /// "2025-07-01" (Hanoi midnight) or "2025-07-01T00:00+07:00" / "…Z", as seconds since 1970.
        static func instant(_ text: String) -> Double? {
            let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
            guard let midnight = HanoiDate.startOfDay(parts[0])?.timeIntervalSince1970 else { return nil }
            guard parts.count == 2 else { return midnight }
            var time = parts[1], offset = 7 * 3600
            if time.hasSuffix("Z") {
                time.removeLast()
                offset = 0
            } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let zone = time[time.index(after: sign)...].split(separator: ":").compactMap { Int($0) }
                guard zone.count == 2 else { return nil }
                offset = (zone[0] * 3600 + zone[1] * 60) * (time[sign] == "-" ? -1 : 1)
                time = String(time[..<sign])
            }
            let hm = time.split(separator: ":").compactMap { Int($0) }
            guard hm.count >= 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]) else { return nil }
            return midnight + Double(hm[0] * 3600 + hm[1] * 60) + Double(7 * 3600 - offset)
        }
    }
}
