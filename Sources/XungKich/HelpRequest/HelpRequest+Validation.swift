import Foundation

extension HelpRequest {
    /// Longest ``Citizen/shortName``: "a short name", not a full name with titles.
    public static let maxShortNameLength = 40
    /// Longest ``residentialGroup``.
    public static let maxResidentialGroupLength = 60
    /// Longest ``note``.
    public static let maxNoteLength = 500
    /// Longest ``Consent/textVersion``.
    public static let maxConsentVersionLength = 40
    /// Longest ``idempotencyKey``.
    public static let maxIdempotencyKeyLength = 128

    /// Checks the request against the district's catalogue and returns it in normal form with
    /// its ward and field resolved.
    ///
    /// The ward code is read on the request's day (``filedOn``, or today): a unit that ended and went wholly
    /// into one successor is moved there, a split or unknown one is refused naming its successors. A config
    /// that describes only a past layout (no `predecessors:` or `successors:`) keeps accepting its codes.
    ///
    /// - Parameters:
    ///   - config: The district whose wards and procedures the request must use.
    ///   - residentialGroupWard: Places a residential group in a ward, for requests that give
    ///     ``residentialGroup`` but no ``ward``. Group names such as "TDP 5" repeat in every
    ///     ward, so only a caller that knows where the citizen is (a ward's own intake) can
    ///     answer; the default knows nothing, which makes `ward` required.
    /// - Throws: ``HelpRequestError`` listing every problem, in field order.
    ///   - now: Today, for requests without ``filedOn``; the unit a ward code means depends on the day.
    public func validated(
        against config: DistrictConfig,
        residentialGroupWard: (String) -> String? = { _ in nil },
        now: Date = Date()
    ) throws(HelpRequestError) -> ValidHelpRequest {
        // The closure is asked here, not stored, so callers can pass a non-escaping one.
        var derivedWard: String?
        if ward.trimmedOrNil == nil, let group = residentialGroup.trimmedOrNil {
            derivedWard = residentialGroupWard(group)
        }
        var checker = RequestChecker(config: config, derivedWard: derivedWard, now: now)
        let normal = checker.check(self)
        guard checker.problems.isEmpty, let resolved = checker.resolved else {
            throw HelpRequestError(problems: checker.problems)
        }
        return ValidHelpRequest(request: normal, ward: resolved.ward, procedure: resolved.procedure, field: resolved.field,
                                remappedFrom: checker.remappedFrom)
    }

    /// The request in normal form and the problems that need no catalogue to find (shapes,
    /// lengths, consent, phone, note); used where no district config is at hand, such as
    /// reading a CSV file on a client.
    func checkedWithoutCatalogue() -> (request: HelpRequest, problems: [HelpRequestProblem]) {
        var checker = RequestChecker(config: nil, derivedWard: nil)
        let normal = checker.check(self)
        return (normal, checker.problems)
    }
}
