"""Attribution lines that introduce a quoted message in a reply.

An attribution is the line a mail client writes above the text it quotes:
"On Mon, 2 Mar 2026 at 21:47, Ana Souza <ana@example.com> wrote:", its
translations, or an Outlook separator ("-----Original Message-----", a row of
underscores, or a "From: … Sent: …" header block). Clients wrap long
attributions over two lines, so every pattern is matched against the text with
its whitespace (newlines included) collapsed to single spaces, and after any
leading ">" quote marks are removed (Apple Mail writes "> On … wrote:").

Dated patterns require a digit so that prose such as "On Monday we will ship"
never matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MAX_CHARS = 300

#: Each pattern fully matches one attribution after whitespace is collapsed.
ATTRIBUTION_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # English: "On Mon, 2 Mar 2026 at 21:47, Ana <ana@example.com> wrote:"
        r"On (?=.*\d).+ wrote ?:",
        # Portuguese: "Em seg., 2 de mar. de 2026 às 21:47, Ana <…> escreveu:"
        r"Em (?=.*\d).+ escreveu ?:",
        # Spanish: "El lun, 2 mar 2026 a las 21:47, Ana (<…>) escribió:"
        r"El (?=.*\d).+ escribió ?:",
        # French: "Le lun. 2 mars 2026 à 21:47, Ana <…> a écrit :"
        r"Le (?=.*\d).+ a écrit ?:",
        # German: "Am Mo., 2. März 2026 um 21:47 Uhr schrieb Ana <…>:"
        r"Am (?=.*\d).+ schrieb .+:",
        # Vietnamese: "Vào Th 2, 2 thg 3, 2026 vào lúc 21:47 Ana <…> đã viết:"
        r"Vào (?=.*\d).+ đã viết ?:",
        # Tagalog: "Noong Lun, Mar 2, 2026 nang 9:47 PM, sumulat si Ana <…>:", or "… Ana <…> ay sumulat:"
        r"Noong (?=.*\d).+ sumulat si .+:",
        r"Noong (?=.*\d).+ ay sumulat ?:",
        # Thai: "เมื่อ จ. 2 มี.ค. 2026 เวลา 21:47 Ana <…> เขียนว่า:"
        r"เมื่อ (?=.*\d).+ เขียนว่า ?:",
        # Italian: "Il giorno lun 2 mar 2026 alle ore 21:47 Ana <…> ha scritto:"
        r"Il (?=.*\d).+ ha scritto ?:",
        # Dutch: "Op ma 2 mrt 2026 om 21:47 schreef Ana <…>:"
        r"Op (?=.*\d).+ schreef .+:",
        # Russian: Thunderbird "02.03.2026 21:47, Иван пишет:", Gmail
        # "пн, 2 мар. 2026 г. в 21:47, Иван <…>:"
        r"(?=.*\d).+ пишет ?:",
        r".*\d г\. в \d{1,2}:\d{2}, .+:",
        # Japanese (Gmail): "2026年3月2日(月) 21:47 山田太郎 <…>:"
        r"\d{4}年\d{1,2}月\d{1,2}日.* \d{1,2}:\d{2} .+[:：]",
        # Outlook and other clients: "-----Original Message-----" and translations
        r"-{2,} ?(?:Original Message|Mensagem original|Mensaje original"
        r"|Message d'origine|Ursprüngliche Nachricht|Messaggio originale"
        r"|Oorspronkelijk bericht|Thư gốc|Orihinal na Mensahe) ?-{2,}",
        # Outlook's separator rule above the header block
        r"_{20,}",
        # Outlook's header block, first two lines: "From: Ana <…>" / "Sent: …"
        r"(?:From|De|Von|Van|Da|Từ|Mula kay) ?: .+ "
        r"(?:Sent|Date|Enviado|Enviada|Fecha|Envoyé|Gesendet|Datum|Verzonden"
        r"|Inviato|Data|Đã gửi|Ipinadala) ?: .+",
    )
)


def _collapse(text: str) -> str:
    return " ".join(text.split()).lstrip("> ")


def is_attribution(line: str) -> bool:
    """Tell whether ``line`` is an attribution.

    ``line`` may hold two physical lines joined by a newline, for attributions
    that a client wrapped (Gmail: "On …, Ana <ana@example.com>\\n wrote:").
    """
    text = _collapse(line)
    if not text or len(text) > _MAX_CHARS:
        return False
    return any(pattern.fullmatch(text) for pattern in ATTRIBUTION_PATTERNS)


def find_attribution(lines: Sequence[str]) -> tuple[int, int] | None:
    """Find the first attribution in ``lines``.

    Returns:
        ``(index, count)``: the attribution starts at ``lines[index]`` and spans
        ``count`` lines (1, or 2 when wrapped), or None if there is none.
    """
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if is_attribution(line):
            return index, 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip() and not is_attribution(following) and is_attribution(f"{line}\n{following}"):
            return index, 2
    return None
