import PageKit
import WardWorker
import XungKich
import XungKichWire

/// The step forms a case shows for its state, and the step a posted form asks for.
enum StepForms {
    /// Steps that make sense in `state` (the ward refuses the others anyway, with the reason).
    static func steps(for state: RequestState) -> [ControlStep] {
        switch state {
        case .assigned: [.accept, .decline]
        case .accepted: [.contact, .decline]
        case .inProgress: [.submit, .guide, .vneid, .refer, .wait, .fail, .contact]
        case .waitingCitizen: [.resume, .submit, .guide, .vneid, .refer, .fail]
        default: []
        }
    }

    static func render(for item: WardCase, id: XungKich.RequestID, csrf: String) -> String {
        steps(for: item.state).map { step in
            var fields = ""
            switch step {
            case .contact:
                fields = "<textarea name=\"ghi_chu\" maxlength=\"500\" placeholder=\"\(Text.note)\"></textarea>"
            case .wait:
                fields = select("ly_do_cho", Text.waitReasons.map { ($0.0.rawValue, $0.1) })
            case .submit:
                fields = select("hinh_thuc", Text.modes.map { ($0.0.rawValue, $0.1) })
                    + "<input name=\"ma_ho_so\" placeholder=\"\(Text.dossierCode)\" required>"
            case .refer:
                fields = select("chuyen_toi", Text.referrals.map { ($0.0.rawValue, $0.1) })
            case .fail:
                fields = select("ly_do", Text.failures.map { ($0.0.rawValue, $0.1) })
                    + "<textarea name=\"ghi_chu\" maxlength=\"500\" placeholder=\"\(Text.note)\"></textarea>"
            default:
                break
            }
            let style = [.decline, .fail].contains(step) ? " class=\"secondary\"" : ""
            return """
                <form class="step" method="post" action="/ho-so/\(HTML.escape(id.rawValue))">
                <input type="hidden" name="csrf" value="\(HTML.escape(csrf))"><input type="hidden" name="buoc" value="\(step.rawValue)">
                \(fields)<button type="submit"\(style)>\(Text.stepName(step))</button></form>
                """
        }.joined(separator: "\n")
    }

    private static func select(_ name: String, _ options: [(String, String)]) -> String {
        "<select name=\"\(name)\">" + options.map { "<option value=\"\($0.0)\">\(HTML.escape($0.1))</option>" }.joined() + "</select>"
    }

    /// The case step a posted form asks for (the team is the member's own: no one acts for another team).
    static func command(_ form: Form, team: TeamID) -> Result<CaseCommand, WireError> {
        guard let name = form["buoc"], let step = ControlStep(rawValue: name), let control = ControlCommand.Name(rawValue: step.rawValue)
        else { return .failure(WireError(.invalidRequest, "Bước không hợp lệ.")) }
        var command = ControlCommand(control)
        command.team = team
        command.note = form["ghi_chu"]
        command.waitReason = form["ly_do_cho"].flatMap(WaitReason.init(rawValue:))
        command.failureReason = form["ly_do"].flatMap(FailureReason.init(rawValue:))
        command.to = form["chuyen_toi"].flatMap(ReferralTarget.init(rawValue:))
        command.mode = form["hinh_thuc"].flatMap(SubmissionMode.init(rawValue:))
        command.dossiers = form["ma_ho_so"].map { [$0] }
        return TeamCommands.parse(command)
    }
}
