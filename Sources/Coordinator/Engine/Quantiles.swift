/// Median and nearest-rank percentiles, by selection (O(n)) rather than a full sort, because a statistics
/// query over a million cases computes several of them per group.
enum Quantiles {
    /// The median of `values`: the middle value, or the mean of the two middle values. Reorders `values`.
    static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let mid = values.count / 2
        let upper = select(mid, in: &values)
        guard values.count % 2 == 0 else { return upper }
        // After selection everything below `mid` is ≤ the upper middle; the lower middle is their maximum.
        var lower = values[0]
        for index in 1..<mid { lower = max(lower, values[index]) }
        return (lower + upper) / 2
    }

    /// The nearest-rank percentile `percent` (1…100): the value at rank ⌈p·n/100⌉. Reorders `values`.
    static func nearestRank(_ percent: Int, _ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let rank = (percent * values.count + 99) / 100
        return select(min(max(rank, 1), values.count) - 1, in: &values)
    }

    /// The value that would be at `k` if `values` were sorted (Hoare's quickselect, middle pivot), leaving
    /// smaller-or-equal values before `k` and larger-or-equal after it.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        var low = 0, high = values.count - 1
        values.withUnsafeMutableBufferPointer { v in
            while low < high {
                let pivot = v[low + (high - low) / 2]
                var i = low, j = high
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { high = j } else if k >= i { low = i } else { break }
            }
        }
        return values[k]
    }
}
