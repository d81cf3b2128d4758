/// Median and percentiles of a sample, computed in Swift because SQLite has no percentile function.
enum Quantiles {
    /// The median of `sorted` (ascending): the middle value, or the mean of the two middle values.
    static func median(ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The nearest-rank percentile `percent` (1…100) of `sorted` (ascending): the value at rank ⌈p·n/100⌉.
    static func nearestRank(_ percent: Int, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = (percent * sorted.count + 99) / 100
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
