"""html_to_text: reply, quoted thread and signature from mail-client HTML."""

from __future__ import annotations

from cscomm.mail.html_text import html_to_text

GMAIL = (
    '<div dir="ltr">Hi Ana,<div><br></div><div>Your order <b>#48213</b> shipped today.</div>'
    "<div><br></div><div>Best regards,</div><div>Marcus</div><br>"
    '<span class="gmail_signature_prefix">-- </span><br>'
    '<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">'
    "Marcus Lee | Support<br>+1 555 0100</div></div><br>"
    '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
    "On Mon, 2 Mar 2026 at 21:47, Ana Souza &lt;"
    '<a href="mailto:ana@example.com">ana@example.com</a>&gt; wrote:<br></div>'
    '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;padding-left:1ex">'
    '<div dir="ltr">Hello,<div>Where is my order? Can I change the address?</div></div>'
    '<div class="gmail_quote"><div class="gmail_attr">On Sun, 1 Mar 2026 at 10:00, Support '
    '&lt;support@example.com&gt; wrote:</div><blockquote class="gmail_quote">'
    "We have received your order.</blockquote></div></blockquote></div>"
)

OUTLOOK_WEB = (
    '<html><head><style>p{margin:0}</style></head><body dir="ltr">'
    '<div class="elementToProof">Dear Mr. Brown,</div><div><br></div>'
    '<div class="elementToProof">Your refund was issued.</div>'
    '<div id="Signature"><p>Kind regards,<br>Priya</p></div>'
    '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
    '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>From:</b> '
    "Tom Brown &lt;tom.brown@example.org&gt;<br><b>Sent:</b> Tuesday, March 3, 2026 8:15 AM"
    "<br><b>To:</b> Support &lt;support@example.com&gt;<br><b>Subject:</b> Refund?</font>"
    "<div>&nbsp;</div></div>"
    '<div dir="ltr"><div>Hi, when will I get my refund?</div><div>Tom</div></div></body></html>'
)


def test_gmail_reply_with_nested_quote_and_signature() -> None:
    converted = html_to_text(GMAIL)
    assert converted.body == (
        "Hi Ana,\n\nYour order #48213 shipped today.\n\nBest regards,\nMarcus\n\n"
        "On Mon, 2 Mar 2026 at 21:47, Ana Souza <ana@example.com> wrote:\n"
        "> Hello,\n> Where is my order? Can I change the address?\n>\n"
        "> On Sun, 1 Mar 2026 at 10:00, Support <support@example.com> wrote:\n"
        "> > We have received your order."
    )
    assert converted.signature == "--\nMarcus Lee | Support\n+1 555 0100"


def test_outlook_web_reply() -> None:
    converted = html_to_text(OUTLOOK_WEB)
    assert converted.body == (
        "Dear Mr. Brown,\n\nYour refund was issued.\n\n"
        "On Tuesday, March 3, 2026 8:15 AM, Tom Brown wrote:\n"
        "> Hi, when will I get my refund?\n> Tom"
    )
    assert converted.signature == "Kind regards,\nPriya"


def test_outlook_desktop_header_div() -> None:
    markup = (
        '<body><p class="MsoNormal">Hello Eva,</p><p class="MsoNormal">Attached.</p>'
        '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>From:</b> Eva Novak &lt;eva@example.cz&gt;<br>'
        "<b>Sent:</b> Thursday, March 5, 2026 3:41 PM<br><b>Subject:</b> Invoice</p></div></div>"
        '<p class="MsoNormal">Could you send the invoice?</p></body>'
    )
    assert html_to_text(markup).body == (
        "Hello Eva,\n\nAttached.\n\nOn Thursday, March 5, 2026 3:41 PM, Eva Novak wrote:\n"
        "> Could you send the invoice?"
    )


def test_outlook_header_without_date_keeps_its_lines() -> None:
    markup = (
        '<div>Done.</div><div id="appendonsend"></div>'
        '<div id="divRplyFwdMsg"><b>Von:</b> Jürgen &lt;j@example.de&gt;<br>'
        "<b>Betreff:</b> Dichtung</div><div>Wo bleibt die Dichtung?</div>"
    )
    assert html_to_text(markup).body == (
        "Done.\n\n-----Original Message-----\n> Von: Jürgen <j@example.de>\n"
        "> Betreff: Dichtung\n>\n> Wo bleibt die Dichtung?"
    )


def test_thunderbird_cite_prefix() -> None:
    markup = (
        "<p>Hello Jan,</p><p>Yes.</p>"
        '<div class="moz-signature">-- <br>Eva</div>'
        '<div class="moz-cite-prefix">On 02/03/2026 21:47, Jan Horvat wrote:<br></div>'
        '<blockquote type="cite">Can you help?<div class="moz-signature">-- Jan</div></blockquote>'
    )
    converted = html_to_text(markup)
    assert converted.body == "Hello Jan,\n\nYes.\n\nOn 02/03/2026 21:47, Jan Horvat wrote:\n> Can you help?"
    assert converted.signature == "--\nEva"


def test_apple_mail_attribution_inside_blockquote() -> None:
    markup = (
        "<body>Hi Li,<div><br></div><div>Done.</div><div><br>"
        '<blockquote type="cite"><div>On Mar 2, 2026, at 21:47, Li Wei &lt;li@example.net&gt; wrote:</div>'
        '<br class="Apple-interchange-newline"><div><div>Is it done?</div></div></blockquote></div></body>'
    )
    assert html_to_text(markup).body == (
        "Hi Li,\n\nDone.\n\nOn Mar 2, 2026, at 21:47, Li Wei <li@example.net> wrote:\n> Is it done?"
    )


def test_attribution_before_a_plain_blockquote() -> None:
    markup = "<p>Sure.</p>On 3/2/2026 9:47 PM, Kim wrote:<br><blockquote>Can I return it?</blockquote>"
    assert html_to_text(markup).body == "Sure.\n\nOn 3/2/2026 9:47 PM, Kim wrote:\n> Can I return it?"


def test_quote_without_attribution() -> None:
    markup = "<div>Answered below.</div><blockquote>Is it in stock?</blockquote><div>Yes, it is.</div>"
    assert html_to_text(markup).body == (
        "Answered below.\nYes, it is.\n\n-----Original Message-----\n> Is it in stock?"
    )


def test_no_quote() -> None:
    converted = html_to_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><p>Hi.</p></body></html>"
    )
    assert (converted.body, converted.signature) == ("Hi.", "")


def test_xml_declaration_and_empty_markup() -> None:
    assert html_to_text('<?xml version="1.0" encoding="utf-8"?><html><body>Hi</body></html>').body == "Hi"
    assert html_to_text("").body == ""
    assert html_to_text("   \n ").body == ""


def test_deeply_nested_quotes_do_not_recurse_without_bound() -> None:
    markup = "<p>Top</p>" + "<blockquote>level" * 200 + "</blockquote>" * 200
    body = html_to_text(markup).body
    assert body.startswith("Top\n\n-----Original Message-----\n> level\n>\n> -----Original Message-----")
    assert body.count("level") == 200
