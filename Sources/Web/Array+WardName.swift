import XungKich

extension Array where Element == DistrictConfig {
    /// A ward's name by its unit (`CODE@first day`, as the coordinator keys requests since codes were reused) or,
    /// for an earlier release's facts and the pages' own links, by its code.
    func wardName(_ unitOrCode: String) -> String? {
        lazy.flatMap(\.wards).first { $0.key.text == unitOrCode }?.name
            ?? lazy.compactMap { $0.ward(code: unitOrCode)?.name }.first
    }
}
