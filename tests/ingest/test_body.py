"""Feed HTML cleaned down to what the article body can hold."""

from __future__ import annotations

from muhabir.ingest.body import first_image, html_to_blocks, plain_text, text_to_html


def _plain(blocks) -> list[tuple[str, object]]:
    return [(kind, getattr(value, "source", value)) for kind, value in blocks]


def test_scripts_styles_attributes_and_unknown_tags_are_removed():
    markup = (
        '<div class="x" style="color:red"><p onclick="x()" lang="tr">Merhaba <span>dünya</span>'
        "<script>alert(1)</script><style>p{}</style><iframe src='http://evil'></iframe></p></div>"
        "<table><tr><td>Hücre</td></tr></table><!-- yorum -->"
    )

    assert _plain(html_to_blocks(markup)) == [("paragraph", "<p>Merhaba dünya</p><p>Hücre</p>")]


def test_strong_and_em_become_wagtails_b_and_i():
    blocks = html_to_blocks("<p><strong>Kalın</strong> ve <em>eğik</em></p>")

    assert _plain(blocks) == [("paragraph", "<p><b>Kalın</b> ve <i>eğik</i></p>")]


def test_links_are_made_absolute_and_unsafe_ones_lose_their_link():
    markup = (
        '<p><a href="/a">göreli</a> <a href="javascript:alert(1)">kötü</a> '
        '<a href="mailto:basin@duisburg.de">posta</a> <a href="http://x.org/?a=1&amp;b=2">q</a></p>'
    )

    (block,) = _plain(html_to_blocks(markup, base_url="https://www.duisburg.de/presse/1"))

    assert block[1] == (
        '<p><a href="https://www.duisburg.de/a">göreli</a> kötü '
        '<a href="mailto:basin@duisburg.de">posta</a> <a href="http://x.org/?a=1&amp;b=2">q</a></p>'
    )


def test_headings_and_quotes_start_blocks_of_their_own():
    markup = (
        "<p>Giriş</p><h2>Ara başlık</h2><p>Metin</p>"
        "<blockquote><p>Birinci.</p><p>İkinci.</p></blockquote><h4>Son</h4>"
    )

    assert _plain(html_to_blocks(markup)) == [
        ("paragraph", "<p>Giriş</p>"),
        ("subheading", "Ara başlık"),
        ("paragraph", "<p>Metin</p>"),
        ("quote", {"text": "Birinci.\n\nİkinci.", "speaker": "", "role": ""}),
        ("subheading", "Son"),
    ]


def test_loose_text_is_wrapped_and_empty_paragraphs_are_dropped():
    markup = "Düz metin &amp; <b>kalın</b><p></p><p> <br> </p><ul><li>madde</li></ul>sonra"

    assert _plain(html_to_blocks(markup)) == [
        ("paragraph", "<p>Düz metin &amp; <b>kalın</b></p><ul><li>madde</li></ul><p>sonra</p>")
    ]


def test_plain_text_and_text_to_html():
    assert plain_text("<p>Straße &amp; Grüße</p><p>İkinci</p>") == "Straße & Grüße İkinci"
    assert text_to_html("Bir <satır>\nalt satır\n\nİkinci") == (
        "<p>Bir &lt;satır&gt;<br>alt satır</p><p>İkinci</p>"
    )


def test_first_image_skips_inline_data_and_resolves_the_address():
    markup = '<img src="data:image/png;base64,xx"><p><img src="foto.jpg" alt=" Bir  foto "></p>'

    assert first_image(markup, base_url="https://e.org/haber/") == (
        "https://e.org/haber/foto.jpg",
        "Bir foto",
    )
    assert first_image("<p>resimsiz</p>") is None
