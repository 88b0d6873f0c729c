import Testing

@testable import Feeds

@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("<p>Hello <b>world</b></p><p>Next</p>", "Hello world Next"),
        ("a<br>b<br/>c<hr />d", "a b c d"),
        ("x<script type=\"text/javascript\">if (a < b) { alert('<p>') }</script>y", "xy"),
        ("x<STYLE>p { color: red }</STYLE>y", "xy"),
        ("<!-- comment <p> -->text", "text"),
        ("<![CDATA[ignored]]>kept", "kept"),
        ("Tom &amp; Jerry &lt;3 &gt; &quot;q&quot; &apos;a&apos;", "Tom & Jerry <3 > \"q\" 'a'"),
        ("&hellip;&nbsp;&rsquo;&mdash;&ndash;&lsquo;&ldquo;&rdquo;&trade;&euro;", "… ’—–‘“”™€"),
        ("&#8230; &#x2026; &#X2026; &#150;", "… … … –"),  // 150 is windows-1252 en dash
        ("caf&eacute; &Eacute;COLE &szlig; &frac34; &alpha;&Omega;", "café ÉCOLE ß ¾ αΩ"),
        ("&check; &star; &bigstar; &NewLine;x", "✓ ☆ ★ x"),  // HTML5 names
        ("AT&T &unknown; & more &#;", "AT&T &unknown; & more &#;"),
        ("  lots \n\t of   \r\n space  ", "lots of space"),
        ("a&nbsp;&nbsp;b", "a b"),
        ("<a href=\"x?a=1&b=2\" title='>'>link</a> after", "link after"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("<unclosed", "<unclosed"),
        ("<span>in</span><span>line</span>", "inline"),
        ("<ul><li>one</li><li>two</li></ul>", "one two"),
        ("", ""),
    ])
    func html(_ input: String, _ expected: String) {
        #expect(HTMLText.string(Array(input.utf8), mode: .html) == expected)
    }

    @Test func plainModeOnlyCollapsesWhitespace() {
        #expect(HTMLText.string(Array("  a <b> &amp;\n\n c ".utf8), mode: .plain) == "a <b> &amp; c")
    }

    @Test func entityTableHasHTML4AndHTML5() {
        #expect(HTMLEntities.table.count >= 2000)
        for name in ["nbsp", "hellip", "rsquo", "mdash", "thetasym", "zwnj", "lArr", "yuml", "Yuml", "apos", "bull"] {
            #expect(HTMLEntities.table[name] != nil, "\(name)")
        }
    }
}
