/// What a statistics query groups by. Raw values are the CLI spellings (`--by ward`, `--by failure-reason`).
///
/// `day` and `week` are computed from when the request was received, in Hanoi time (UTC+7, no daylight
/// saving): a day key is `YYYY-MM-DD`, a week key is the date of the Monday that starts the week.
public enum StatsDimension: String, Sendable, CaseIterable, Codable {
    case district
    case ward
    case team
    case field
    case procedure
    case channel
    case ageBand = "age-band"
    case outcome
    case failureReason = "failure-reason"
    case day
    case week

    /// The SQL expression over `request_fact` that yields this dimension's group key (TEXT or NULL).
    var sqlExpression: String {
        switch self {
        case .district: "district"
        case .ward: "ward"
        case .team: "team"
        case .field: "field"
        case .procedure: "procedure"
        case .channel: "channel"
        case .ageBand: "age_band"
        case .outcome: "outcome"
        case .failureReason: "failure_reason"
        case .day: "date(received_at + \(StatsDimension.hanoiOffsetSeconds), 'unixepoch')"
        // 'weekday 0' moves forward to the next Sunday (or stays on one); six days back is that week's Monday.
        case .week: "date(received_at + \(StatsDimension.hanoiOffsetSeconds), 'unixepoch', 'weekday 0', '-6 days')"
        }
    }

    /// Hanoi is UTC+7 all year.
    static let hanoiOffsetSeconds = 7 * 3600
}
