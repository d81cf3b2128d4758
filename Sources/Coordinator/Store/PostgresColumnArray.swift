import PostgresNIO

/// One column of a batch, bound as ONE PostgreSQL array parameter (`$n::text[]`) that may hold NULLs, for
/// `INSERT ... SELECT * FROM UNNEST($1, $2, ...)`: a batch of any size is one statement with one parameter
/// per column. PostgresNIO's own `Array` encoding has no NULL elements, hence this.
///
/// Binary array format (PostgreSQL's `array_recv`): dimensions, has-nulls flag, element type OID, then for
/// the one dimension its length and lower bound (1), then each element as a 4-byte length (-1 for NULL) and
/// the element's binary form.
struct PostgresColumnArray<Element: PostgresArrayEncodable & PostgresNonThrowingEncodable>: PostgresNonThrowingEncodable {
    var elements: [Element?]

    init(_ elements: [Element?]) {
        self.elements = elements
    }

    init(capacity: Int) {
        elements = []
        elements.reserveCapacity(capacity)
    }

    mutating func append(_ element: Element?) {
        elements.append(element)
    }

    static var psqlType: PostgresDataType { Element.psqlArrayType }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer,
        context: PostgresEncodingContext<JSONEncoder>
    ) {
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains { $0 == nil } ? 1 : 0, as: Int32.self)
        buffer.writeInteger(Element.psqlType.rawValue)
        guard !elements.isEmpty else {
            return
        }
        buffer.writeInteger(Int32(truncatingIfNeeded: elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            let start = buffer.writerIndex
            element.encode(into: &buffer, context: context)
            buffer.setInteger(Int32(truncatingIfNeeded: buffer.writerIndex - start), at: lengthIndex)
        }
    }
}
