/// A ward's official dossier totals for one month, as the public service portal reports them, imported with
/// `xk baseline import`. They are the denominator of the teams' contribution to the official uptake rate.
public struct BaselineRow: Sendable, Equatable, Codable {
    /// The district the ward belongs to (GSO code).
    public var district: String
    /// Ward GSO code.
    public var ward: String
    /// Hanoi calendar month, `YYYY-MM`.
    public var month: String
    /// Dossiers the ward resolved in the month (all channels).
    public var dossiersResolved: Int
    /// Of those, dossiers filed online (toàn trình or một phần).
    public var onlineDossiers: Int
    /// Of those, dossiers filed online through the full process (toàn trình).
    public var fullProcessDossiers: Int
    /// Dossiers resolved on time.
    public var onTimeDossiers: Int

    public init(district: String, ward: String, month: String, dossiersResolved: Int, onlineDossiers: Int,
                fullProcessDossiers: Int, onTimeDossiers: Int) {
        self.district = district
        self.ward = ward
        self.month = month
        self.dossiersResolved = dossiersResolved
        self.onlineDossiers = onlineDossiers
        self.fullProcessDossiers = fullProcessDossiers
        self.onTimeDossiers = onTimeDossiers
    }
}
