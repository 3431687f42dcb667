"""Attribution lines: what must and must not start a quoted message."""

from __future__ import annotations

import re

import pytest

from cscomm.quote_headers import ATTRIBUTION_PATTERNS, find_attribution, is_attribution

MUST_MATCH = [
    "On Mon, 2 Mar 2026 at 21:47, Ana Souza <ana@example.com> wrote:",
    "On 02/03/2026 21:47, Jan Horvat wrote:",
    "On Mar 2, 2026, at 9:47 PM, Li Wei <li.wei@example.net> wrote:",
    "> On 2 Mar 2026, at 18:05, Marco Bianchi <marco@example.it> wrote:",
    "On Tue, Mar 3, 2026 at 9:47\u202fAM Dana Whitfield <dana@example.com> wrote:",
    "Em seg., 2 de mar. de 2026 às 21:47, Ana Souza <ana@example.com.br> escreveu:",
    "El lun, 2 mar 2026 a las 21:47, Carlos Méndez (<carlos@example.es>) escribió:",
    "Le lun. 2 mars 2026 à 21:47, Camille Lefèvre <camille@example.fr> a écrit :",
    "Le 02/03/2026 à 21:47, Camille Lefèvre a écrit :",
    "Am Mo., 2. März 2026 um 21:47 Uhr schrieb Jürgen Weiß <j@example.de>:",
    "Am 02.03.26 um 21:47 schrieb Jürgen Weiß:",
    "Vào Th 2, 2 thg 3, 2026 vào lúc 21:47 Nguyễn Thị Lan <lan@example.vn> đã viết:",
    "Noong Lun, Mar 2, 2026 nang 9:47 PM, sumulat si Maria Santos <maria@example.ph>:",
    "Noong Lun, Mar 2, 2026 nang 9:47 PM, Maria Santos <maria@example.ph> ay sumulat:",
    "เมื่อ จ. 2 มี.ค. 2026 เวลา 21:47 สมชาย ใจดี <somchai@example.co.th> เขียนว่า:",
    "Il giorno lun 2 mar 2026 alle ore 21:47 Marco Rossi <m@example.it> ha scritto:",
    "Op ma 2 mrt 2026 om 21:47 schreef Joost de Vries <j@example.nl>:",
    "02.03.2026 21:47, Иван Петров пишет:",
    "пн, 2 мар. 2026 г. в 21:47, Иван Петров <ivan@example.ru>:",
    "2026年3月2日(月) 21:47 山田太郎 <taro@example.jp>:",
    "-----Original Message-----",
    "----- Mensaje original -----",
    "-----Ursprüngliche Nachricht-----",
    "________________________________",
    "From: Tom Brennan <tom@example.org>\nSent: Tuesday, March 3, 2026 8:15 AM",
    "De : Camille Lefèvre <c@example.fr>\nEnvoyé : lundi 2 mars 2026 21:47",
    "Von: Jürgen Weiß <j@example.de>\nGesendet: Montag, 2. März 2026 21:47",
    "De: Ana Souza <ana@example.com.br>\nEnviado: segunda-feira, 2 de março de 2026 21:47",
    # Gmail wraps long attributions; the lead calls is_attribution on two lines.
    "On Mon, 2 Mar 2026 at 21:47, Margaret Oyelaran-Fitzgerald <margaret@example.com>\n wrote:",
    "On Mon, 2 Mar 2026 at 21:47, Margaret Oyelaran-Fitzgerald <\nmargaret@example.com> wrote:",
    "Em seg., 2 de mar. de 2026 às 21:47, Ana Souza <\nana@example.com.br> escreveu:",
]

MUST_NOT_MATCH = [
    "On Monday we will ship",
    "On Monday we will ship your order.",
    "On the other hand, you wrote:",
    "On behalf of the whole team, thank you for your patience.",
    "On 3 March we shipped order NW-48213 by tracked post.",
    "Em breve enviaremos o seu pedido.",
    "El pedido llegará el lunes.",
    "Le colis a été expédié hier.",
    "Am Montag schicken wir Ihnen die Ware.",
    "Vào thứ Hai chúng tôi sẽ gửi hàng.",
    "Noong Lunes, ipinadala namin ang iyong order.",
    "Мы отправили заказ в понедельник.",
    "From: the warehouse in Leeds",
    "From: Ana Souza <ana@example.com>",
    "Sent: Tuesday, March 3, 2026 8:15 AM",
    "Original Message",
    "-- ",
    "---",
    "wrote:",
    "",
    "   ",
    "On " + "x" * 400 + " 2026 wrote:",
]


@pytest.mark.parametrize("line", MUST_MATCH)
def test_matches(line: str) -> None:
    assert is_attribution(line)


@pytest.mark.parametrize("line", MUST_NOT_MATCH)
def test_does_not_match(line: str) -> None:
    assert not is_attribution(line)


def test_patterns_are_compiled() -> None:
    assert ATTRIBUTION_PATTERNS
    assert all(isinstance(pattern, re.Pattern) for pattern in ATTRIBUTION_PATTERNS)


def test_find_single_line() -> None:
    lines = ["Hi Ana,", "", "Shipped today.", "", "On 2 Mar 2026, Ana <a@example.com> wrote:", "> Where?"]
    assert find_attribution(lines) == (4, 1)


def test_find_wrapped() -> None:
    lines = ["Best,", "Marcus", "", "On Mon, 2 Mar 2026 at 21:47, Margaret <", "m@example.com> wrote:", ""]
    assert find_attribution(lines) == (3, 2)


def test_find_outlook_header_block() -> None:
    lines = [
        "Kind regards,",
        "Priya",
        "",
        "From: Tom Brennan <tom@example.org>",
        "Sent: Tuesday, March 3, 2026 8:15 AM",
        "To: Support <support@example.com>",
    ]
    assert find_attribution(lines) == (3, 2)


def test_find_prefers_the_line_that_matches_alone() -> None:
    lines = ["Kind regards,", "On Mon, 2 Mar 2026, Ana <a@example.com> wrote:", "> Hi"]
    assert find_attribution(lines) == (1, 1)


def test_find_nothing() -> None:
    assert find_attribution(["Hi Ana,", "", "On Monday we will ship.", "Thanks"]) is None
    assert find_attribution([]) is None
