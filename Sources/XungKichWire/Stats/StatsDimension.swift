/// What a statistics query groups by. Raw values are the CLI spellings (`--by ward`, `--by failure-reason`).
///
/// `day` and `week` are computed from when the request was received, in Hanoi time (UTC+7, no daylight
/// saving): a day key is `YYYY-MM-DD`, a week key is the date of the Monday that starts the week, a month key
/// is `YYYY-MM`.
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
    case month
}
