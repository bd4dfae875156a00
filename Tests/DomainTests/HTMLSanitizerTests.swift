import Foundation
import Testing

@testable import Domain

/// The tags of a sanitised body (text `<` is always escaped, so every `<` starts a real tag).
private func tags(_ html: String) -> [String] {
    var result: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else { break }
        result.append(String(rest[open...close]))
        rest = rest[rest.index(after: close)...]
    }
    return result
}

/// Whether a sanitised body could run anything: a script element, an event attribute, a dangerous scheme.
private func isDangerous(_ html: String) -> Bool {
    let lower = html.lowercased()
    if lower.contains("<script") || lower.contains("<svg") || lower.contains("<iframe") || lower.contains("<style") {
        return true
    }
    for tag in tags(lower) {
        if tag.range(of: #"\son[a-z]*\s*="#, options: .regularExpression) != nil { return true }
        if tag.contains("style=") || tag.contains("javascript:") || tag.contains("data:") || tag.contains("vbscript:") {
            return true
        }
    }
    return false
}

@Suite struct HTMLSanitizerTests {
    @Test func keepsTheAllowedMarkup() {
        let body =
            "<h2>Tiêu đề</h2><p>Ông <strong>A Thanh</strong> và <em>bà Y Hoa</em>.</p><ul><li>Một</li><li>Hai</li></ul>"
            + "<blockquote>Trích</blockquote><table><thead><tr><th scope=\"col\">Năm</th></tr></thead>"
            + "<tbody><tr><td colspan=\"2\">2025</td></tr></tbody></table>"
        #expect(HTMLSanitizer.sanitize(body) == body)
        #expect(
            HTMLSanitizer.sanitize("<a href=\"https://baokontum.vn/x?a=1&amp;b=2\">báo</a>")
                == "<a href=\"https://baokontum.vn/x?a=1&amp;b=2\" rel=\"noopener nofollow\">báo</a>")
        #expect(
            HTMLSanitizer.sanitize(
                "<figure><img src=\"/anh/12\" alt=\"Lễ tuyên dương\"><figcaption>Ảnh</figcaption></figure>")
                == "<figure><img src=\"/anh/12\" alt=\"Lễ tuyên dương\"><figcaption>Ảnh</figcaption></figure>")
        #expect(
            HTMLSanitizer.sanitize("<img src='/app/stories/3/photos/9' alt='Ảnh' width=9999>")
                == "<img src=\"/app/stories/3/photos/9\" alt=\"Ảnh\">")
        #expect(HTMLSanitizer.sanitize("Dòng một<br/>dòng hai") == "Dòng một<br>dòng hai")
    }

    @Test func dropsScriptsWithTheirContent() {
        #expect(HTMLSanitizer.sanitize("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>")
        #expect(HTMLSanitizer.sanitize("<SCRIPT SRC=//xss.rocks/xss.js></SCRIPT>x") == "x")
        #expect(HTMLSanitizer.sanitize("<style>body{}</style><iframe src=x>y</iframe>z") == "z")
        #expect(HTMLSanitizer.sanitize("<svg onload=alert(1)><circle/></svg>ok") == "ok")
        #expect(HTMLSanitizer.sanitize("<svg><svg></svg><script>x</script></svg>ok") == "ok")
        #expect(HTMLSanitizer.sanitize("<math><mi>x</mi></math><template><p>t</p></template>k") == "k")
        #expect(HTMLSanitizer.sanitize("<object data=x></object><embed src=x>e") == "e")
        #expect(HTMLSanitizer.sanitize("</p><script>alert(1)</script>") == "")
        #expect(HTMLSanitizer.sanitize("<script>never closed <p>x</p>") == "")
        // "scr<script" is one unknown tag name (unwrapped); what follows is text, escaped.
        #expect(HTMLSanitizer.sanitize("<scr<script>ipt>alert(1)</script>") == "ipt&gt;alert(1)")
    }

    @Test func unwrapsUnknownTagsAndDropsAttributes() {
        #expect(HTMLSanitizer.sanitize("<div class=x><span>chữ</span></div>") == "chữ")
        #expect(HTMLSanitizer.sanitize("<p onclick=\"x()\" style=\"color:red\" id=a>t</p>") == "<p>t</p>")
        #expect(HTMLSanitizer.sanitize("<img src=x onerror=alert(1)>") == "")
        #expect(HTMLSanitizer.sanitize("<img src=\"/anh/1\">") == "") // no alt
        #expect(HTMLSanitizer.sanitize("<img src=\"/anh/1\" alt=\"  \">") == "")
        #expect(HTMLSanitizer.sanitize("<img src=\"https://evil.example/a.png\" alt=\"a\">") == "")
        #expect(HTMLSanitizer.sanitize("<body onload=alert(1)>x") == "x")
        #expect(HTMLSanitizer.sanitize("<li>lẻ</li>") == "lẻ")
        #expect(HTMLSanitizer.sanitize("<td>lẻ</td>") == "lẻ")
    }

    @Test func refusesDangerousLinks() {
        let vectors = [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x09;ascript:alert(1)", "jav\tascript:alert(1)",
            "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
            "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058x",
            "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A", " &#14;  javascript:alert(1)",
            "javascript&colon;alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
            "//evil.example/", "/\\evil.example", "ftp://x", "java\0script:alert(1)", "https:",
        ]
        for v in vectors {
            let out = HTMLSanitizer.sanitize("<a href=\"\(v)\">x</a>")
            #expect(out == "x", "\(v) → \(out)")
        }
        #expect(HTMLSanitizer.sanitize("<a href=\"mailto:ubnd@kontum.gov.vn\">thư</a>").contains("href=\"mailto:"))
        #expect(HTMLSanitizer.sanitize("<a href=\"/bai-viet/1-x\">x</a>").contains("href=\"/bai-viet/1-x\""))
    }

    @Test func commentsAndCDATAGo() {
        #expect(HTMLSanitizer.sanitize("a<!-- <script>alert(1)</script> -->b") == "ab")
        #expect(HTMLSanitizer.sanitize("a<![CDATA[<script>alert(1)</script>]]>b") == "aalert(1)]]&gt;b")
        #expect(HTMLSanitizer.sanitize("<!DOCTYPE html><?xml x?>t") == "t")
        #expect(HTMLSanitizer.sanitize("a<!--unclosed <script>") == "a")
    }

    @Test func escapesTextAndKeepsItWellFormed() {
        #expect(HTMLSanitizer.sanitize("1 < 2 & 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2")
        #expect(HTMLSanitizer.sanitize("&lt;script&gt;") == "&lt;script&gt;")
        #expect(HTMLSanitizer.sanitize("<p><strong>a<p>b") == "<p><strong>a</strong></p><p>b</p>")
        #expect(HTMLSanitizer.sanitize("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>")
        #expect(HTMLSanitizer.sanitize("<em><strong>x</em></strong>") == "<em><strong>x</strong></em>")
        #expect(HTMLSanitizer.sanitize("<h2>a<p>b</h2>") == "<h2>a</h2><p>b</p>")
    }

    static let corpus = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>", "<p>", "</p>", "<li>", "<ul>", "</ul>", "<table>", "<tr>", "<td>", "</table>",
        "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "&", "&#x3C;", "&lt;", "\"", "'", "=", " onmouseover=", "x",
        "Người tốt việc tốt", "<b>", "</b>", "<a href=/x>", "</a>", "<img src=/anh/1 alt=a>", "<h2>", "<br>",
        "<style>", "</style>", "<iframe>", "<scr", "ipt>", "javascript:", "<figure>", "<figcaption>", "<blockquote>",
        "<div onclick=x>", "<math>", "</script>", " ", "\n", "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<a href=\"&#14;javascript:alert(1)\">", "<BODY ONLOAD=alert(1)>", "<p style=\"x:expression(alert(1))\">",
    ]

    @Test func isIdempotentAndSafeOnRandomInput() {
        var rng = SystemRandomNumberGenerator()
        var seed = UInt64.random(in: 0...UInt64.max, using: &rng)
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<2000 {
            let n = 1 + next() % 14
            let input = (0..<n).map { _ in Self.corpus[next() % Self.corpus.count] }.joined()
            let once = HTMLSanitizer.sanitize(input)
            #expect(!isDangerous(once), "\(input) → \(once)")
            #expect(HTMLSanitizer.sanitize(once) == once, "not idempotent: \(input) → \(once)")
        }
        for vector in Self.corpus {
            let once = HTMLSanitizer.sanitize(vector)
            #expect(!isDangerous(once))
            #expect(HTMLSanitizer.sanitize(once) == once)
        }
    }
}
