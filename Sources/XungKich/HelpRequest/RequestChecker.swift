import Foundation

/// The validation rules of a help request, applied field by field in document order.
///
/// Every rule adds a problem and carries on, so one pass finds everything; the request comes
/// back in normal form (trimmed, phone as digits, empty optional text dropped). Without a
/// config only the rules that need no catalogue run.
struct RequestChecker {
    let config: DistrictConfig?
    /// The ward the caller placed the residential group in, when no ward was given.
    let derivedWard: String?
    /// Today, for requests that give no ``HelpRequest/filedOn`` day.
    let now: Date
    private(set) var problems: [HelpRequestProblem] = []
    /// Set when ward, procedure and field were all found in the config.
    private(set) var resolved: (ward: Ward, procedure: Procedure, field: Field)?
    /// The ended unit the ward code named, when the request was moved to its one whole successor.
    private(set) var remappedFrom: UnitKey?
    /// The day the units were looked up on: ``HelpRequest/filedOn`` or today.
    private var day: Date

    init(config: DistrictConfig?, derivedWard: String?, now: Date = Date()) {
        self.config = config
        self.derivedWard = derivedWard
        self.now = now
        day = now
    }

    mutating func check(_ request: HelpRequest) -> HelpRequest {
        var normal = request
        normal.filedOn = checkFiledOn(request.filedOn.trimmedOrNil)
        normal.residentialGroup = checkResidentialGroup(request.residentialGroup)
        var (wardCode, ward) = checkWard(request.ward.trimmedOrNil, group: normal.residentialGroup)
        if let config, let code = wardCode, let found = ward {
            (wardCode, ward) = checkUnit(code: code, fallback: found, config: config)
        }
        normal.ward = wardCode
        let procedure = checkProcedure(request.procedure.trimmingWhitespace())
        normal.procedure = request.procedure.trimmingWhitespace()
        let field = checkField(request.field.trimmedOrNil, procedure: procedure)
        normal.field = field?.code ?? request.field.trimmedOrNil
        normal.priority.deadline = checkDeadline(request.priority.deadline.trimmedOrNil)
        normal.citizen = checkCitizen(request.citizen)
        normal.consent = checkConsent(request.consent, personalData: request.citizen.map(Self.hasPersonalData) ?? false)
        normal.note = checkNote(request.note.trimmedOrNil(newlines: true))
        checkIdempotencyKey(request.idempotencyKey)
        if let ward, let procedure, let field {
            resolved = (ward, procedure, field)
        }
        return normal
    }

    // MARK: Where

    private mutating func checkResidentialGroup(_ raw: String?) -> String? {
        guard let group = raw.trimmedOrNil else { return nil }
        if group.count > HelpRequest.maxResidentialGroupLength {
            add("residentialGroup", "is \(group.count) characters long; keep it to \(HelpRequest.maxResidentialGroupLength), e.g. \"TDP 5\"")
        } else if group.hasControlCharacters(allowingNewlines: false) {
            add("residentialGroup", "contains control characters; write it on one line, e.g. \"TDP 5\"")
        }
        return group
    }

    private mutating func checkWard(_ code: String?, group: String?) -> (String?, Ward?) {
        if let code {
            guard CodeShape.isWardCode(code) else {
                if code.allSatisfy(\.isASCIIDigit), code.count < 5 {
                    add("ward", "\(Quote.text(code)) is not a ward code; write the 5-digit GSO code with its leading zeros, e.g. \"\(code.leftPadded(to: 5))\"")
                } else {
                    add("ward", "\(Quote.text(code)) is not a ward code; write the ward's 5-digit GSO code, e.g. \(exampleWard)")
                }
                return (code, nil)
            }
            guard let config else { return (code, nil) }
            guard let ward = config.anyUnit(code: code) else {
                add("ward", "\(Quote.text(code)) is not a ward of \(config.district.name); use the 5-digit GSO code of one of its \(config.wards.count) wards, e.g. \(exampleWard)")
                return (code, nil)
            }
            return (code, ward)
        }
        guard let group else {
            add("ward", "is missing; give the ward's 5-digit GSO code, e.g. \(exampleWard), or the residentialGroup")
            return (nil, nil)
        }
        // Without a config there is nothing to place the group with; the dispatcher will.
        guard let config else { return (nil, nil) }
        guard let derived = derivedWard else {
            add("ward", "is missing, and residential group \(Quote.text(group)) alone does not say which ward of \(config.district.name) it is in (group numbers repeat in every ward); give the ward's 5-digit GSO code, e.g. \(exampleWard)")
            return (nil, nil)
        }
        guard let ward = config.anyUnit(code: derived) else {
            add("ward", "residential group \(Quote.text(group)) was placed in \(Quote.text(derived)), which is not a ward of \(config.district.name); give the ward's 5-digit GSO code")
            return (derived, nil)
        }
        return (derived, ward)
    }

    /// The unit `code` means on the request's day: a code names different places in different periods
    /// (00256 was Lê Đại Hành, is Hai Bà Trưng), so the day picks one. A unit that ended and went wholly into
    /// one successor is moved there (``remappedFrom`` says from where); a split one is refused with its successors.
    private mutating func checkUnit(code: String, fallback: Ward, config: DistrictConfig) -> (String?, Ward?) {
        let dayText = HanoiDate.isoDay(day)
        let resolution = config.resolve(code: code, on: day)
        switch resolution {
        case .unit(let unit):
            return (code, unit)
        case let .remapped(from, _, to, _):
            remappedFrom = from
            return (to.code, to)
        case .ended, .notYet:
            add("ward", resolution.refusal(code: code, day: dayText) ?? "\(Quote.text(code)) did not exist on \(dayText)")
            return (code, nil)
        case .unknown:
            return (code, fallback)
        }
    }

    /// The day the citizen asked, for requests written down on paper and entered later; never in the future.
    private mutating func checkFiledOn(_ text: String?) -> String? {
        guard let text else { return nil }
        guard let start = HanoiDate.startOfDay(text) else {
            add("filedOn", "\(Quote.text(text)) is not a date; write it as YYYY-MM-DD, e.g. 2026-01-10")
            return text
        }
        if start > now {
            add("filedOn", "\(text) is after today (\(HanoiDate.isoDay(now))); give the day the citizen asked")
            return text
        }
        day = start
        return text
    }

    private var exampleWard: String {
        guard let ward = config?.wards.first else { return "\"00286\"" }
        return "\"\(ward.code)\" for \(ward.fullName)"
    }

    // MARK: What

    private mutating func checkProcedure(_ code: String) -> Procedure? {
        guard !code.isEmpty else {
            add("procedure", "is missing; give the national procedure code, e.g. \"1.001193\" (Đăng ký khai sinh)")
            return nil
        }
        guard CodeShape.isProcedureCode(code) else {
            add("procedure", "\(Quote.text(code)) is not a procedure code; write the national code as one digit, a dot and six digits, e.g. \"1.001193\"")
            return nil
        }
        guard let config else { return nil }
        guard let procedure = config.procedure(code: code) else {
            add("procedure", "\(Quote.text(code)) is not in the catalogue of \(config.district.name); check the code on the public service portal, or ask the district coordinator to add the procedure")
            return nil
        }
        return procedure
    }

    /// The field given, or the procedure's own when none was; a given field must agree with
    /// the procedure, since teams are picked by field and a wrong one sends the case to people
    /// who cannot help.
    private mutating func checkField(_ code: String?, procedure: Procedure?) -> Field? {
        guard let code else {
            return procedure.flatMap { config?.field(code: $0.fieldCode) }
        }
        guard CodeShape.isFieldCode(code) else {
            add("field", "\(Quote.text(code)) is not a field code; write it like \"G15-TP07\", or leave it out to use the procedure's field")
            return nil
        }
        guard let config else { return nil }
        guard let field = config.field(code: code) else {
            add("field", "\(Quote.text(code)) is not a field in the catalogue of \(config.district.name); leave it out to use the procedure's field")
            return nil
        }
        if let procedure, procedure.fieldCode != field.code {
            let expected = config.field(code: procedure.fieldCode).map { "\($0.code) (\($0.name))" } ?? procedure.fieldCode
            add("field", "\(Quote.text(code)) (\(field.name)) does not match procedure \(procedure.code) (\(procedure.name)), which is in \(expected); leave field out to use the procedure's")
            return nil
        }
        return field
    }

    private mutating func checkDeadline(_ day: String?) -> String? {
        guard let day else { return nil }
        if HanoiDate.startOfDay(day) == nil {
            add("priority.deadline", "\(Quote.text(day)) is not a date; write it as YYYY-MM-DD, e.g. 2024-06-30")
        }
        return day
    }

    // MARK: Who

    private static func hasPersonalData(_ citizen: Citizen) -> Bool {
        citizen.shortName.trimmedOrNil != nil || citizen.phone.trimmedOrNil != nil
    }

    private mutating func checkCitizen(_ citizen: Citizen?) -> Citizen? {
        guard let citizen else { return nil }
        var normal = Citizen(ageBand: citizen.ageBand)
        if let name = citizen.shortName.trimmedOrNil {
            if name.count > HelpRequest.maxShortNameLength {
                add("citizen.shortName", "is \(name.count) characters long; keep it to \(HelpRequest.maxShortNameLength): a form of address such as \"Bà Lan\" is enough")
            } else if name.hasControlCharacters(allowingNewlines: false) {
                add("citizen.shortName", "contains control characters; write the name on one line")
            }
            normal.shortName = name
        }
        if let phone = citizen.phone.trimmedOrNil {
            if let number = PhoneNumber.normalised(phone) {
                normal.phone = number
            } else {
                var message = "\(PhoneNumber.quotedForProblem(phone)) is not a Vietnamese phone number (10–11 digits starting with 0, e.g. \"0912 345 678\" or \"+84 912 345 678\")"
                let digits = PhoneNumber.digits(of: phone)
                if digits.count == 9 || digits.count == 10, !digits.hasPrefix("0") {
                    message += "; if a spreadsheet dropped the leading 0, format the phone column as text"
                }
                add("citizen.phone", message)
                normal.phone = phone
            }
        }
        return normal.shortName == nil && normal.phone == nil && normal.ageBand == nil ? nil : normal
    }

    /// Decree 13/2023/NĐ-CP: personal data needs explicit consent, and silence is not consent,
    /// so a name or phone without `consent.given == true` is refused rather than stored.
    private mutating func checkConsent(_ consent: Consent?, personalData: Bool) -> Consent? {
        if personalData {
            guard let consent else {
                add("consent", "is missing; a name or phone may only be kept once the citizen has agreed to the stated purpose (Decree 13/2023/NĐ-CP: silence is not consent). Ask and record consent, or leave the name and phone out")
                return nil
            }
            if !consent.given {
                add("consent.given", "is false: the citizen did not agree, so their name and phone cannot be kept; leave them out and help anonymously")
            }
        }
        guard var normal = consent else { return nil }
        normal.textVersion = normal.textVersion.trimmingWhitespace()
        guard normal.given else { return normal }
        if normal.textVersion.isEmpty {
            add("consent.textVersion", "is empty; give the version of the consent text the citizen agreed to, e.g. \"XK-HBT-2024-01\"")
        } else if normal.textVersion.count > HelpRequest.maxConsentVersionLength {
            add("consent.textVersion", "is \(normal.textVersion.count) characters long; a version label of up to \(HelpRequest.maxConsentVersionLength) is expected, e.g. \"XK-HBT-2024-01\"")
        } else if normal.textVersion.hasControlCharacters(allowingNewlines: false) {
            add("consent.textVersion", "contains control characters; give a version label such as \"XK-HBT-2024-01\"")
        }
        return normal
    }

    // MARK: Extras

    private mutating func checkNote(_ note: String?) -> String? {
        guard let note else { return nil }
        if note.count > HelpRequest.maxNoteLength {
            add("note", "is \(note.count) characters long; keep it to \(HelpRequest.maxNoteLength)")
        }
        if note.hasControlCharacters(allowingNewlines: true) {
            add("note", "contains control characters other than line breaks and tabs; retype it as plain text")
        }
        // The secret itself is never quoted back: the reply may be logged.
        if let keyword = SecretDetector.keywordBeforeSecret(in: note) {
            add("note", "seems to contain a password or OTP code (after \"\(keyword)\"); teams must never write down passwords or OTP codes: remove it and send again")
        }
        return note
    }

    private mutating func checkIdempotencyKey(_ key: String?) {
        guard let key else { return }
        let maxLength = HelpRequest.maxIdempotencyKeyLength
        if key.isEmpty {
            add("idempotencyKey", "is empty; leave it out, or give 1–\(maxLength) characters")
        } else if key.unicodeScalars.count > maxLength {
            add("idempotencyKey", "is \(key.unicodeScalars.count) characters long; keep it to \(maxLength)")
        } else if !key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) {
            add("idempotencyKey", "may only contain visible ASCII characters: letters, digits and punctuation, without spaces or accents")
        }
    }

    private mutating func add(_ field: String, _ message: String) {
        problems.append(HelpRequestProblem(field: field, message: message))
    }
}

extension Optional where Wrapped == String {
    /// The text without surrounding whitespace, or `nil` when that leaves nothing: forms send
    /// "" for fields left blank, and blank means "not given".
    var trimmedOrNil: String? { trimmedOrNil(newlines: false) }

    /// With `newlines`, line breaks are trimmed too (`.whitespacesAndNewlines`).
    func trimmedOrNil(newlines: Bool) -> String? {
        guard let trimmed = self?.trimmingWhitespace(newlines: newlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`), without Foundation when the text
    /// begins and ends with a visible ASCII character, so there is nothing to trim: Foundation's trimming goes
    /// through NSString on Linux and was a tenth of the dispatcher's time per accepted help request.
    func trimmingWhitespace(newlines: Bool = false) -> String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// Whether the text holds control characters (C0, DEL, C1), optionally allowing the line
    /// breaks and tabs a note may contain.
    func hasControlCharacters(allowingNewlines: Bool) -> Bool {
        // Visible ASCII and spaces only: nothing to look up (the common case, and the Unicode tables are slow).
        if utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return false }
        return unicodeScalars.contains { scalar in
            if allowingNewlines, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
            return scalar.properties.generalCategory == .control
        }
    }
}
