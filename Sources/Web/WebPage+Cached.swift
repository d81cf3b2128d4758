import Hummingbird
import PageKit

extension WebPage {
    /// A page rendered once for every viewer of it (same page, same language), kept as bytes: what comes before
    /// and after the viewer's part of the navigation. Each response only writes the viewer's few bytes between.
    struct Cached: Sendable {
        var head: ByteBuffer
        var tail: ByteBuffer

        init(_ title: String, _ body: String, lang: Language, path: String, script: String = "") {
            head = ByteBuffer(string: WebPage.head(title, lang: lang, path: path))
            tail = ByteBuffer(string: WebPage.tail(body, script: script))
        }

        /// The whole page for `viewer`: byte for byte what ``WebPage/render(_:_:lang:viewer:path:script:)`` makes.
        func bytes(for viewer: Viewer?, lang: Language) -> ByteBuffer {
            let who = WebPage.who(viewer, lang: lang)
            var buffer = ByteBufferAllocator().buffer(capacity: head.readableBytes + who.utf8.count + tail.readableBytes)
            buffer.writeImmutableBuffer(head)
            buffer.writeString(who)
            buffer.writeImmutableBuffer(tail)
            return buffer
        }
    }
}
