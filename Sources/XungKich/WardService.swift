/// The Majordomo service a ward's workers register and the dispatcher delivers to: `ward.<GSO code>`,
/// e.g. `ward.00286` for Bạch Mai. Built here only, so the two sides cannot spell it differently.
public enum WardService {
    public static let prefix = "ward."

    /// The service name for `ward`, as text.
    public static func string(_ ward: WardCode) -> String { prefix + ward.rawValue }

    /// The service name for `ward`, as the frame sent.
    public static func name(_ ward: WardCode) -> [UInt8] { Array(string(ward).utf8) }
}
