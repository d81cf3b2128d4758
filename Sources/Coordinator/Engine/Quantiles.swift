/// Median and nearest-rank percentiles, by selection (O(n)) rather than a full sort, because a statistics
/// query over a million cases computes several of them per group.
enum Quantiles {
    /// The median and the nearest-rank p90 of `values` in one pass and a shorter second one: the p90 rank is
    /// selected first, which leaves everything up to it on its left, where the median is then selected.
    static func medianAndP90(_ values: inout [Double]) -> (median: Double?, p90: Double?) {
        guard !values.isEmpty else { return (nil, nil) }
        let n = values.count
        let k90 = min(max((90 * n + 99) / 100, 1), n) - 1
        let p90 = select(k90, in: &values)
        let mid = n / 2
        let upper = mid == k90 ? p90 : select(mid, in: &values, upTo: k90)
        guard n % 2 == 0 else { return (upper, p90) }
        var lower = values[0]
        for index in 1..<mid { lower = max(lower, values[index]) }
        return ((lower + upper) / 2, p90)
    }

    /// The value that would be at `k` if `values` were sorted (Hoare's quickselect, middle pivot), leaving
    /// smaller-or-equal values before `k` and larger-or-equal after it. Only `values[0...upTo]` is searched
    /// (callers know the rest is larger).
    static func select(_ k: Int, in values: inout [Double], upTo: Int? = nil) -> Double {
        var low = 0, high = upTo ?? values.count - 1
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
