import Testing
@testable import XungKichWire

/// Two readers of one body must not disagree: a key given twice is refused, with its path.
struct DuplicateKeyTests {
    private func duplicate(_ text: String) -> String? { DuplicateKeyCheck.firstDuplicate(in: Array(text.utf8)) }

    @Test func topLevelRepeatIsFound() {
        #expect(duplicate(#"{"consent":{"given":true},"ward":"00286","consent":{"given":false}}"#) == "consent")
    }

    @Test func nestedRepeatNamesItsPath() {
        #expect(duplicate(#"{"priority":{"elderly":true,"elderly":false}}"#) == "priority.elderly")
        #expect(duplicate(#"{"rows":[{"ward":"1"},{"ward":"2","ward":"3"}]}"#) == "rows[1].ward")
    }

    @Test func escapedSpellingsOfOneKeyAreTheSameKey() {
        #expect(duplicate(#"{"ward":"00286","w\u0061rd":"00241"}"#) == "ward")
    }

    @Test func equalKeysInDifferentObjectsAreFine() {
        #expect(duplicate(#"{"a":{"id":1},"b":{"id":2},"c":[{"id":3},{"id":4}]}"#) == nil)
        #expect(duplicate(#"{"note":"{\"x\":1,\"x\":2}","id":"a"}"#) == nil)
        #expect(duplicate(#"["id","id"]"#) == nil)
    }

    @Test func malformedInputEndsTheScanWithoutCrashing() {
        for text in [#"{"a":"#, #"{"a":"unterminated"#, "}}]]", #"{"\u12"#, "", "\u{0}"] {
            _ = duplicate(text)
        }
        #expect(duplicate(#"{"a":1,"a""#) == "a")
    }

    @Test func decodeRefusesARepeatedKeyWithItsName() throws {
        struct Body: Decodable { var ward: String }
        let error = #expect(throws: WireError.self) {
            try WireJSON.decode(Body.self, from: Array(#"{"ward":"00286","ward":"00241"}"#.utf8))
        }
        #expect(error?.code == .duplicateKey)
        #expect(error?.message.contains("\"ward\"") == true)
        #expect(error?.problems.first?.field == "ward")
    }
}

/// An object with many keys (a hostile body) is still checked, in linear time.
struct ManyKeysTests {
    @Test func aRepeatAmongManyKeysIsFound() {
        var text = "{" + (0..<5000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(DuplicateKeyCheck.firstDuplicate(in: Array((text + "}").utf8)) == nil)
        text += ",\"k4321\":0}"
        #expect(DuplicateKeyCheck.firstDuplicate(in: Array(text.utf8)) == "k4321")
    }
}
