"""ui.text.plain: user text becomes Markdown that shows exactly that text."""

from __future__ import annotations

import pytest

from ui.text import plain


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("南通市第一中学", "南通市第一中学"),
        ("崇川区", "崇川区"),
        ("南通（一）中学·初中部", "南通（一）中学·初中部"),  # full-width: not Markdown
        ("**粗体**", r"\*\*粗体\*\*"),
        ("![x](http://127.0.0.1:9/x.png)", r"\!\[x\]\(http\:\/\/127\.0\.0\.1\:9\/x\.png\)"),
        ("[link](javascript:alert(1))", r"\[link\]\(javascript\:alert\(1\)\)"),
        ("<b>x</b>", r"\<b\>x\<\/b\>"),
        ("<img src=http://h/y.png>", r"\<img src\=http\:\/\/h\/y\.png\>"),
        ("&lt;", r"\&lt\;"),
        (":red[x] $x$ ~a~ `c` #1 _i_ a|b", r"\:red\[x\] \$x\$ \~a\~ \`c\` \#1 \_i\_ a\|b"),
        ("a\\b", "a\\\\b"),
        ("一行\n# 标题\r\n二行", r"一行 \# 标题 二行"),
        (2014, "2014"),
    ],
)
def test_hand_cases(raw: object, escaped: str) -> None:
    assert plain(raw) == escaped


def test_every_ascii_punctuation_is_escaped_and_nothing_else() -> None:
    punctuation = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
    assert plain(punctuation) == "".join(f"\\{c}" for c in punctuation)
    letters = "abcXYZ 0189 教师"
    assert plain(letters) == letters
