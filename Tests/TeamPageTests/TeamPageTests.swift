@testable import TeamPage
import PageKit
import Testing
import WardWorker
import XungKich

@Suite("Team page: forms, escaping, sessions")
struct TeamPageTests {
    @Test("a posted form is decoded: plus as space, percent escapes, Vietnamese text; blank fields count as missing")
    func form() {
        let form = Form("ten=lan.nguyen&ghi_chu=g%E1%BB%8Di+l%E1%BA%A1i+l%C3%BAc+9h&trong=+&csrf=abc")
        #expect(form["ten"] == "lan.nguyen")
        #expect(form["ghi_chu"] == "gọi lại lúc 9h")
        #expect(form["trong"] == nil)
        #expect(form["csrf"] == "abc")
    }

    @Test("text from a request cannot become markup on the page")
    func escaping() {
        #expect(HTML.escape(#"<script>alert("x")</script> & 'y'"#) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test("five wrong passwords lock a name for five minutes; a login opens a session that expires when idle")
    func sessions() async {
        let store = SessionStore()
        for _ in 0..<4 { await store.failed("lan", now: 100) }
        #expect(await !store.isLocked("lan", now: 100))
        await store.failed("lan", now: 100)
        #expect(await store.isLocked("lan", now: 100 + SessionStore.lockSeconds - 1))
        #expect(await !store.isLocked("lan", now: 100 + SessionStore.lockSeconds + 1))
        let token = await store.open(member: "lan", team: "00286-T01", now: 1000)
        #expect(await store.session(token, now: 1001)?.team == "00286-T01")
        #expect(await store.session("forged", now: 1001) == nil)
        #expect(await store.session(token, now: 1001 + SessionStore.idleSeconds + 1) == nil)
    }

    @Test("a posted step becomes the case step, always for the member's own team")
    func steps() throws {
        let submit = StepForms.command(Form("buoc=submit&hinh_thuc=toan-trinh&ma_ho_so=000.00.07.H26-1&team=00286-T99"),
                                       team: "00286-T01")
        #expect(try submit.get() == .submit(mode: .fullProcess, legacyLevel: nil, dossiers: ["000.00.07.H26-1"], portal: nil))
        #expect(try StepForms.command(Form("buoc=accept&team=00286-T99"), team: "00286-T01").get() == .accept(team: "00286-T01"))
        #expect(throws: (any Error).self) { try StepForms.command(Form("buoc=fail"), team: "00286-T01").get() }
        #expect(throws: (any Error).self) { try StepForms.command(Form("buoc=drop-table"), team: "00286-T01").get() }
    }
}
