import Foundation
import Testing
@testable import Web
import XungKichWire

/// Counts renderings, each answering its own number; can be told to fail.
private actor Renderer {
    private(set) var renderings = 0
    var failing = false

    func fail(_ value: Bool) { failing = value }

    func render() throws -> Int {
        renderings += 1
        if failing { throw WireError(.storeUnavailable, "down") }
        return renderings
    }
}

@Suite("Web: rendered pages are kept per page and language, and re-rendered without making readers wait")
struct RenderedCacheTests {
    /// Reads until the background rendering has landed (bounded).
    private func settled(_ cache: RenderedCache<Int>, _ renderer: Renderer, at now: Double, until want: Int) async throws -> Int {
        for _ in 0..<1000 {
            let value = try await cache.value("/ vi", now: now) { try await renderer.render() }
            if value == want { return value }
            await Task.yield()
        }
        return try await cache.value("/ vi", now: now) { try await renderer.render() }
    }

    @Test("a fresh page is shared; an old one is served at once while one re-rendering runs; a too-old one waits")
    func staleWhileRevalidate() async throws {
        let renderer = Renderer()
        let cache = RenderedCache<Int>(seconds: 1, staleSeconds: 30)
        let render: @Sendable () async throws -> Int = { try await renderer.render() }
        #expect(try await cache.value("/ vi", now: 100, render: render) == 1)
        #expect(try await cache.value("/ vi", now: 100.5, render: render) == 1)
        #expect(try await cache.value("/ en", now: 100.5, render: render) == 2)   // another language, its own page
        #expect(await renderer.renderings == 2)
        #expect(try await cache.value("/ vi", now: 102, render: render) == 1)     // old: served, one re-rendering starts
        #expect(try await settled(cache, renderer, at: 102.2, until: 3) == 3)
        #expect(await renderer.renderings == 3)
        #expect(try await cache.value("/ vi", now: 200, render: render) == 4)     // too old: the reader waits for a new one
    }

    @Test("a failed rendering is never kept: the last page is served a while, then the reader gets the error")
    func failures() async throws {
        let renderer = Renderer()
        let cache = RenderedCache<Int>(seconds: 1, staleSeconds: 30)
        let render: @Sendable () async throws -> Int = { try await renderer.render() }
        await renderer.fail(true)
        await #expect(throws: (any Error).self) { try await cache.value("/ vi", now: 100, render: render) }
        await renderer.fail(false)
        #expect(try await cache.value("/ vi", now: 100, render: render) == 2)     // the failure was not kept
        await renderer.fail(true)
        #expect(try await cache.value("/ vi", now: 105, render: render) == 2)     // kept page while re-rendering fails
        await #expect(throws: (any Error).self) { try await cache.value("/ vi", now: 200, render: render) }
    }

    @Test("the kept bytes with the viewer's part put in are exactly the page rendered for that viewer")
    func splicedPageIsThePage() {
        let viewer = WebPage.Viewer(user: "lan", role: .officer, csrf: "abc123")
        for lang in [Language.vi, .en] {
            let cached = WebPage.Cached("Tổng quan", "<h1>x</h1>", lang: lang, path: "/", script: "<script></script>")
            let whole = WebPage.render("Tổng quan", "<h1>x</h1>", lang: lang, viewer: viewer, path: "/", script: "<script></script>")
            #expect(String(buffer: cached.bytes(for: viewer, lang: lang)) == whole)
            #expect(String(buffer: cached.bytes(for: viewer, lang: lang)).contains("value=\"abc123\""))
            let other = WebPage.Viewer(user: "minh", role: .viewer, csrf: "def456")
            let theirs = String(buffer: cached.bytes(for: other, lang: lang))
            #expect(theirs.contains("minh") && theirs.contains("def456") && !theirs.contains("abc123") && !theirs.contains("lan ·"))
        }
    }
}
