import PageKit

/// Server-rendered HTML: escaping and the one layout, made for cheap phones (large touch targets, one column,
/// no JavaScript, nothing fetched from elsewhere).
enum HTML {
    /// `text` safe inside HTML text and attribute values.
    static func escape(_ text: String) -> String { HTMLEscape.escape(text) }

    static func page(_ title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · \(Text.title)</title>
        <style>
        body{font-family:system-ui,sans-serif;font-size:18px;margin:0;padding:12px;max-width:640px;background:#fafafa;color:#111}
        h1{font-size:22px;margin:8px 0 12px} h2{font-size:19px;margin:16px 0 8px}
        a{color:#0645ad} .card{display:block;background:#fff;border:1px solid #ccc;border-radius:8px;padding:12px;margin:8px 0;text-decoration:none;color:#111}
        .flag{display:inline-block;padding:2px 6px;border-radius:4px;font-size:15px;margin-right:4px;background:#eee}
        .overdue{background:#c62828;color:#fff} .priority{background:#f9a825}
        button,input,select,textarea{font-size:18px;width:100%;box-sizing:border-box;min-height:48px;margin:4px 0;padding:8px}
        button{background:#1565c0;color:#fff;border:0;border-radius:8px} button.secondary{background:#616161}
        .call{display:block;text-align:center;background:#2e7d32;color:#fff;padding:14px;border-radius:8px;font-size:22px;text-decoration:none;margin:8px 0}
        .msg{background:#e3f2fd;padding:8px;border-radius:6px} .err{background:#ffebee;padding:8px;border-radius:6px}
        dl{margin:0} dt{font-weight:600;margin-top:6px} dd{margin:0 0 4px 0}
        form.step{background:#fff;border:1px solid #ddd;border-radius:8px;padding:8px;margin:8px 0}
        </style></head><body>
        \(body)
        </body></html>
        """
    }
}
