"""Send-stoppers: mistakes that must never reach a customer, whatever the style.

Unfilled template placeholders, a greeting to the wrong person, an attachment that is
promised but missing, and secrets (card numbers, passwords, IBANs, national IDs)
written out in full.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from cscomm.checks.base import Context, Examples, Hit, Rule
from cscomm.document import Document, PartKind, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability, replacement
from cscomm.quote_headers import is_attribution

# --- unfilled-placeholder ------------------------------------------------------------

_BRACED = re.compile(r"\{\{[^{}\n]{1,60}\}\}|\{\s*[A-Za-z_][\w.]{0,40}\s*\}|<<[^<>\n]{1,60}>>")
_BRACKETED = re.compile(
    r"\[([^\[\]\n]{1,60})\](?!\()|<([^<>\n]{1,60})>|\(((?:insert|enter)\s[^()\n]{1,60})\)"
)
_PERCENT = re.compile(r"(?<![\w%])%[A-Za-z_]\w{0,40}%(?![\w%])")
_DOLLAR = re.compile(r"(?<![\w$])\$(?:\{[A-Za-z_]\w{0,40}\}|[A-Za-z_]\w{0,40})")
_EXES = re.compile(r"(?<!\w)(?:X{3,}|x{3,})(?!\w)|[£$€]\s?[Xx]{2,}(?:[.,][Xx]{2})?(?!\w)")
_MASKED_NUMBER = re.compile(r"(?<![Xx*•])[Xx*•]{2,}(?:[ .-][Xx*•]{2,})*[ .-]?\d{2,}")
_TO_BE_DECIDED = re.compile(r"\b(?:TBD|TBC|TBA)\b")
_FILL_VERB = re.compile(r"\s*(?:insert|add|enter|fill\s+in|paste|put)\b", re.IGNORECASE)
_CURRENCY_CODES = frozenset({"AUD", "CAD", "HKD", "NZD", "SGD", "USD"})
_SLOT_HEADS = frozenset(
    {
        "name",
        "firstname",
        "lastname",
        "surname",
        "number",
        "no",
        "num",
        "id",
        "date",
        "time",
        "day",
        "amount",
        "price",
        "total",
        "link",
        "url",
        "address",
        "email",
        "phone",
        "company",
        "product",
        "item",
        "details",
        "code",
        "ref",
        "reference",
        "signature",
        "postcode",
        "zip",
        "order",
        "ticket",
        "case",
        "invoice",
        "customer",
        "client",
        "agent",
    }
)
_SLOT_WORDS = _SLOT_HEADS | frozenset(
    {
        "first",
        "last",
        "full",
        "given",
        "family",
        "your",
        "my",
        "our",
        "the",
        "of",
        "here",
        "customers",
        "clients",
        "agents",
        "rep",
        "account",
        "tracking",
        "delivery",
        "refund",
        "due",
        "expiry",
        "contact",
        "new",
        "store",
        "branch",
        "team",
        "and",
        "or",
    }
)


def _is_slot(content: str) -> bool:
    """'Customer Name', 'ORDER#', 'first_name': words a template uses for a gap."""
    words = re.sub(r"[_/-]", " ", content.replace("#", " number ")).lower().split()
    return bool(words) and set(words) <= _SLOT_WORDS and not _SLOT_HEADS.isdisjoint(words)


def _is_bracketed_slot(match: re.Match[str]) -> bool:
    """'[insert link]', '[TBD]', '<customer name>'; not '[sic]', '[1]' or '<ana@example.com>'."""
    content = next(g for g in match.groups() if g is not None)
    if match.group(3) or _FILL_VERB.match(content) or _TO_BE_DECIDED.fullmatch(content.strip()):
        return True
    return not re.search(r"@|://|^www\.", content) and _is_slot(content)


def _in_code(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("`", line_start, start) % 2 == 1


def _placeholders(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for pattern in (_BRACED, _PERCENT):
        yield from (m.span() for m in pattern.finditer(text, start, end))
    for match in _BRACKETED.finditer(text, start, end):
        if _is_bracketed_slot(match):
            yield match.span()
    for match in _DOLLAR.finditer(text, start, end):
        if match.group().strip("${}") not in _CURRENCY_CODES:
            yield match.span()
    masked = [m.span() for m in _MASKED_NUMBER.finditer(text, start, end)]
    for match in _EXES.finditer(text, start, end):
        if not any(a <= match.start() < b for a, b in masked):
            yield match.span()
    yield from (m.span() for m in _TO_BE_DECIDED.finditer(text, start, end))


def _outermost(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans not inside another span (a 'TBD' inside '[TBD]' is reported once)."""
    kept: list[tuple[int, int]] = []
    for a, b in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not kept or a >= kept[-1][1]:
            kept.append((a, b))
    return kept


class UnfilledPlaceholder(Rule):
    """A template placeholder left in the reply: ``{{first_name}}``, ``[NAME]``, ``TBD``."""

    code = "SS001"
    any_language = True  # placeholders and numbers read the same in every language
    name = "unfilled-placeholder"
    category = Category.CLARITY
    severity = Severity.ERROR
    message = "“{match}” looks like a template placeholder that was never filled in."
    rationale = (
        "A reply must be accurate and checked before it is sent (L1, L4); a placeholder "
        "left in shows the customer a form letter and leaves out what they needed."
    )
    guidelines = ("L1", "L4", "E1")
    examples = Examples(
        fail=(
            "Hi [[{{first_name}}]],\n\nYour refund of [[£XX.XX]] is on its way.\n\nBest regards,\nTom",
            "Hi Ana,\n\nYour new order number is [[<ORDER#>]] and it ships [[TBD]].\n\nBest regards,\nTom",
            "Dear [Customer Name],\n\nThank you for your letter.\n\nYours sincerely,\nTom",
        ),
        pass_=(
            "Hi Ana,\n\nThe card ending XXXX-XXXX-XXXX-4242 was refunded (see below). Write to "
            "<help@example.com> if it has not arrived by Friday.\n\nBest regards,\nTom",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.doc.text
        spans = (s for p in ctx.doc.own_parts for s in _placeholders(text, p.span.start, p.span.end))
        for start, end in _outermost(spans):
            if not _in_code(text, start):
                yield Hit(Span(start, end))


# --- wrong-customer-name -------------------------------------------------------------

_SALUTE = re.compile(
    r"\s*(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening|day)|morning"
    r"|afternoon|evening)\b[\s,]*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019.-][^\W\d_]+)*\.?")
_ADDRESSEE = re.compile(r"\b(?!and\b)[^\W\d_][^,&]*?(?=\s+and\b|[,&]|$)")
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "master",
        "madam",
        "madame",
        "ma'am",
        "maam",
        # honorifics of the seed markets: Filipino, Portuguese, Vietnamese, Thai
        "ginoo",
        "ginang",
        "binibini",
        "sr",
        "sra",
        "srta",
        "senhor",
        "senhora",
        "anh",
        "chi",
        "khun",
    }
)
_NOT_NAMES = frozenset(
    {
        "there",
        "all",
        "everyone",
        "everybody",
        "team",
        "folks",
        "customer",
        "customers",
        "valued",
        "sir",
        "sirs",
        "madam",
        "friend",
        "friends",
        "again",
        "guys",
        "both",
        "you",
        "colleagues",
        "member",
        "members",
        "client",
        "user",
        "whom",
        "it",
        "may",
        "concern",
        "and",
        "or",
        "thanks",
        "thank",
        "regards",
        "wishes",
        "best",
        "cheers",
        "kind",
        "many",
        "warm",
        "hello",
        "hi",
        "hey",
        "sent",
        "please",
        "help",
        "urgent",
        "love",
        "yours",
        "sincerely",
        "dear",
    }
)
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "del",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "bin",
        "binti",
        "al",
        "y",
        "e",
    }
)
_ORGANISATION = frozenset(
    {
        "support",
        "team",
        "service",
        "services",
        "customer",
        "care",
        "help",
        "helpdesk",
        "desk",
        "billing",
        "accounts",
        "account",
        "sales",
        "info",
        "admin",
        "office",
        "department",
        "ltd",
        "limited",
        "inc",
        "llc",
        "gmbh",
        "plc",
        "co",
        "company",
        "corp",
        "group",
        "bank",
        "s.r.o.",
        "noreply",
        "no-reply",
        "claims",
        "orders",
        "enquiries",
        "hr",
        "payroll",
        "finance",
    }
)
_NICKNAMES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "william will bill billy liam",
        "robert rob bob bobby bert",
        "richard rick dick richie",
        "elizabeth liz lizzie beth betty bess libby eliza",
        "margaret maggie meg peggy greta",
        "katherine catherine kathryn kate katie cathy kathy kat",
        "thomas tom tommy",
        "james jim jimmy jamie",
        "john jack johnny jon",
        "edward ed ted ned eddie",
        "henry harry hal",
        "michael mike mick mickey",
        "anthony tony",
        "charles charlie chuck chas",
        "alexander alexandra sasha sandy xander",
        "rebecca becky becca",
        "susan sue susie",
        "patricia pat patty trish",
        "joseph joe joey",
        "andrew andy drew",
        "stephen steven steve",
        "theodore theo ted",
        "victoria vicky tori",
        "deborah debbie deb",
        "dorothy dot dottie",
        "mary molly polly mae",
        "ann anne anna annie nan nancy",
        "francis frances fran frank frankie",
        "lawrence laurence larry",
        "leonard len lenny",
    )
)
_SIGN_OFF = re.compile(
    r"^(?:(?:many|kind|best|warm|warmest|kindest)\s+)?(?:thanks|thank\s+you|regards|wishes|cheers"
    r"|thx|best|sincerely|love|yours(?:\s+\w+)?"
    r"|(?:(?:mit\s+)?(?:viele|liebe|beste|freundliche|freundlichen)\s+)?gr(?:ü|ue|u)(?:ß|ss)(?:e|en)?"
    r"|(?:un\s+)?saludos?|atentamente|atenciosamente|cordialement|bien\s+à\s+vous|obrigad[oa]"
    r"|gracias|merci|grazie|(?:cordiali\s+)?saluti|(?:met\s+vriendelijke\s+)?groet(?:en)?"
    r"|pozdrawiam|abraços|trân\s+trọng|cảm\s+ơn|salamat)\s*[,.!-]?\s*",
    re.IGNORECASE,
)
_KISSES = re.compile(r"(?<!\s)\s+x+$", re.IGNORECASE)
_ADDRESS = re.compile(r"<[^<>]*@[^<>]*>|\(\s*\S+@\S+\s*\)|\[mailto:[^\]]*\]")
_WROTE = re.compile(r"\s(?:wrote|escreveu|escribió|a écrit)\s*:")
_FROM_HEADER = re.compile(r"^\s*(?:From|De|Von|Van|Da|Từ)\s*:", re.IGNORECASE)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("\u2019", "'").strip(".'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.fullmatch(word)) and word[0].isupper() and _fold(word) not in _NOT_NAMES


def _same_name(a: str, b: str) -> bool:
    """Equal, one a short form of the other (Beth/Bethany), or a known nickname pair."""
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and long_.startswith(short):
        return True
    return any(a in group and b in group for group in _NICKNAMES)


def _trailing_name(text: str) -> str | None:
    """The run of name words that ends ``text`` ('…21:47, Ana de Souza' → 'Ana de Souza')."""
    words: list[str] = []
    for word in reversed(text.replace('"', " ").split()):
        if _is_name_word(word) or (words and word in _PARTICLES):
            words.insert(0, word)
        else:
            break
    while words and words[0] in _PARTICLES:
        words.pop(0)
    return " ".join(words[-4:]) or None


def _person(name: str) -> str | None:
    """``name`` if it is a person's (not 'Northwind Support'); 'Novak, Eva' → 'Eva Novak'."""
    name = name.strip().strip('"')
    if name.count(",") == 1:
        surname, given = name.split(",")
        name = f"{given.strip()} {surname.strip()}"
    words = name.split()
    if not words or not all(_is_name_word(w) or w in _PARTICLES for w in words):
        return None
    return None if any(_fold(w) in _ORGANISATION for w in words) else name


def _quoted_author(doc: Document) -> str | None:
    """The author named by the first attribution or ``From:`` line of the quote."""
    lines = [
        line
        for part in doc.parts_of({PartKind.QUOTED})
        for line in doc.text_of(part.span).splitlines()
        if line.strip()
    ]
    for i, line in enumerate(lines):
        pair = f"{line}\n{lines[i + 1]}" if i + 1 < len(lines) else line
        bare = line.lstrip("> ")
        if _FROM_HEADER.match(bare):
            header = " ".join(bare.split(":", 1)[1].split())
        else:
            attribution = next((t for t in (line, pair) if is_attribution(t)), None)
            if attribution is None:
                continue
            header = " ".join(attribution.split())
        author = _ADDRESS.search(header) or _WROTE.search(header)
        if author is not None or _FROM_HEADER.match(bare):
            return _trailing_name(header[: author.start()] if author else header)
    return None


def _signed_name(customer: str) -> str | None:
    """The name the customer signed with: 'Thanks,\\nLena', 'Many thanks, Priscilla', 'Beth x'."""
    lines = [line.strip() for line in customer.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    for i in range(len(lines) - 1, max(len(lines) - 4, 0), -1):
        line = _KISSES.sub("", lines[i])
        signed = _SIGN_OFF.match(line)
        words = (line[signed.end() :] if signed else line).split()
        if len(words) > 6:
            return None  # prose: the message is not signed
        if not 1 <= len(words) <= 4 or not all(_is_name_word(w) or w in _PARTICLES for w in words):
            continue
        above = lines[i - 1]
        if (
            signed
            or not above
            or above == "--"
            or _SIGN_OFF.fullmatch(above)
            or (above.endswith(",") and len(above.split()) <= 4)
        ):
            return " ".join(words)
    return None


def customer_names(doc: Document) -> list[str]:
    """Names the customer goes by: the reply's To, the quote's author, the sign-off."""
    found: list[str | None] = []
    if doc.envelope is not None:
        found += [name for name, _ in doc.envelope.recipients]
    found.append(_quoted_author(doc))
    if doc.customer is not None:
        found.append(_signed_name(doc.customer.text))
    people = (_person(name) for name in found if name)
    return list(dict.fromkeys(p for p in people if p))


def _given_and_surname(name: str) -> tuple[str | None, str | None]:
    """'Eva Novak' → (Eva, Novak); 'Lena' → (Lena, None); 'Mrs E Farrow' → (None, Farrow)."""
    words = name.split()
    titled = _fold(words[0]) in _TITLES
    rest = [w for w in words if _fold(w) not in _TITLES and w not in _PARTICLES]
    if not rest:
        return None, None
    given = rest[0] if len(_fold(rest[0])) > 1 and (not titled or len(rest) > 1) else None
    return given, rest[-1] if titled or len(rest) > 1 else None


def _greeted(doc: Document) -> tuple[Span, list[str], bool] | None:
    """Where the greeting names people, the names to compare, and whether by title."""
    greeting = next(doc.parts_of({PartKind.GREETING}), None)
    salute = _SALUTE.match(doc.text, greeting.span.start, greeting.span.end) if greeting else None
    if greeting is None or salute is None:
        return None
    spans: list[tuple[int, int]] = []
    names: list[str] = []
    titled = False
    for group in _ADDRESSEE.finditer(doc.text, salute.end(), greeting.span.end):
        words = list(_WORD.finditer(group.group()))
        if words and _fold(words[0].group()) in _TITLES:
            titled = True
            words = [w for w in words if _fold(w.group()) not in _TITLES][-1:]
        word = next((w for w in words if _is_name_word(w.group())), None)
        if word is not None:
            spans.append((group.start() + word.start(), group.start() + word.end()))
            names.append(_fold(word.group()))
    if not names:
        return None
    return Span(spans[0][0], spans[-1][1]), names, titled


class WrongCustomerName(Rule):
    """The greeting names someone other than the customer."""

    code = "SS002"
    name = "wrong-customer-name"
    category = Category.COURTESY
    severity = Severity.ERROR
    message = "The greeting says “{match}”, but the customer is {customer}."
    rationale = (
        "Treat the customer with respect (G5) and check a reply before sending it (L4): "
        "a name left over from the previous reply tells the customer nobody read their "
        "message. Fires only when the customer's name is known (the To of an email, the "
        "quoted message's author or its sign-off) and clearly differs; short forms and "
        "common nicknames (Beth, Bethany; Bob, Robert) count as the same name."
    )
    guidelines = ("G5", "L4", "G1")
    examples = Examples(
        fail=(
            "Hi [[Tom]],\n\nYour refund is on its way.\n\nBest regards,\nAna\n\n"
            "> Where is my refund?\n>\n> Thanks,\n> Lena\n",
        ),
        pass_=(
            "Hi Lena,\n\nYour refund is on its way.\n\nBest regards,\nAna\n\n"
            "> Where is my refund?\n>\n> Thanks,\n> Lena\n",
            "Dear Mr Llewellyn,\n\nYour claim is approved.\n\nKind regards,\nAna\n\n"
            "On Mon, 2 Mar 2026 at 09:00, Gareth Llewellyn <g@example.com> wrote:\n"
            "> Has my claim been approved?\n",
        ),
    )
    samples: ClassVar[Mapping[str, str]] = {"customer": "“Lena”"}
    profiles: ClassVar[Mapping[str, Mapping[str, Any]]] = {"memo": {"enabled": False}}

    def check(self, ctx: Context) -> Iterator[Hit]:
        greeted = _greeted(ctx.doc)
        known = customer_names(ctx.doc)
        if greeted is None or not known:
            return
        span, names, titled = greeted
        parts = (_given_and_surname(name) for name in known)
        suggestion = next((s if titled else g for g, s in parts if (s if titled else g)), None)
        if suggestion is None:
            return  # the given name (or, after a title, the surname) is unknown
        words = {_fold(w) for name in known for w in re.split(r"[\s-]+", name) if w}
        if any(_same_name(g, w) for g in names for w in words):
            return
        who = " or ".join(f"“{name}”" for name in _distinct(known))
        fix = replacement(ctx.doc.text, span.start, span.end, suggestion, Applicability.UNSAFE)
        yield Hit(
            span,
            self.message.format(match=ctx.doc.text_of(span), customer=who),
            suggestions=(suggestion,),
            fix=fix if len(names) == 1 else None,  # one name for several people is no fix
        )


def _distinct(names: list[str]) -> list[str]:
    """One name per person: 'Tom Brennan' and 'Tom' are shown once."""
    shown: list[str] = []
    for name in names:
        if not any(_same_name(_fold(name.split()[0]), _fold(s.split()[0])) for s in shown):
            shown.append(name)
    return shown


# --- missing-attachment --------------------------------------------------------------

_ATTACHED = re.compile(
    r"\b(?:(?:please\s+)?(?:see|find)\s+(?:the\s+)?(?:attached|enclosed|attachments?|attach)"
    r"|attached\s+(?:is|are|you(?:['\u2019]ll|\s+will)\s+find|please\s+find)"
    r"|(?:I|we)(?:['\u2019]ve|\s+have|['\u2019]m|\s+am|['\u2019]re|\s+are)?\s+(?:also\s+)?"
    r"(?:attached|attaching|attach|enclosed|enclosing|enclose)"
    r"|(?:is|are|has\s+been|have\s+been)\s+attached"
    r"|in\s+(?:the\s+)?attachments?|(?:attached|enclosed)\s+herewith|herewith\s+(?:attached|enclosed)"
    r"|enclosed\s+(?:is|are|please\s+find|you(?:['\u2019]ll|\s+will)\s+find)"
    r"|the\s+(?:attached|enclosed))\b",
    re.IGNORECASE,
)
_ATTACHED_ELSEWHERE = re.compile(
    r"[^.!?\n]{0,40}?\bto\s+(?:your|the|this|our|their|his|her)\s+(?:account|profile|booking|order"
    r"|case|ticket|file|record|claim|policy|reservation|parcel|box)\b",
    re.IGNORECASE,
)


class MissingAttachment(Rule):
    """The email says something is attached, but the message has no attachment."""

    code = "SS003"
    name = "missing-attachment"
    category = Category.CLARITY
    severity = Severity.ERROR
    message = "“{match}”: the message has no attachment. Attach the file or change the wording."
    rationale = (
        "A reply must be informative and accurate (L1) and leave the customer able to act "
        "(L2); a promised file that is missing means another contact. Only email "
        "messages (.eml) are checked: a plain-text draft cannot show its attachments, and "
        "letters enclose paper."
    )
    guidelines = ("L1", "L2", "L4")
    examples = Examples(
        fail=("Hi Ana,\n\n[[Please find attached]] your invoice.\n\nBest regards,\nTom",),
        pass_=(
            "Hi Ana,\n\nPut the lamp in its box, attach the label we emailed you and take it to "
            "any post office.\n\nBest regards,\nTom",
        ),
        options={"assume-no-attachments": True},
    )
    options: ClassVar[Mapping[str, Any]] = {"assume-no-attachments": False}
    profiles: ClassVar[Mapping[str, Mapping[str, Any]]] = {"letter": {"enabled": False}}

    def check(self, ctx: Context) -> Iterator[Hit]:
        """Needs an email message, unless ``assume-no-attachments`` says a plain-text
        draft goes out without files (chat, SMS)."""
        envelope = ctx.doc.envelope
        if envelope is None and not ctx.options.get("assume-no-attachments"):
            return
        if envelope is not None and envelope.attachments:
            return
        text = ctx.doc.text
        for part in ctx.doc.own_parts:
            for match in _ATTACHED.finditer(text, part.span.start, part.span.end):
                if not _ATTACHED_ELSEWHERE.match(text, match.end(), part.span.end):
                    yield Hit(Span(*match.span()))
                    return


# --- outbound-secret -----------------------------------------------------------------

_CARD = re.compile(
    r"(?<![\w+/.-])(?:\d{13,19}|\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{4}(?:(?P=s)\d{3})?"
    r"|\d{4}(?P<t>[ -])\d{6}(?P=t)\d{4,5})(?![\w-]|[.,]\d)"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_OWN_ACCOUNT = re.compile(
    r"\b(?:our|beneficiary|payable\s+to|pay\s+(?:in)?to|make\s+(?:the\s+|your\s+)?payments?\s+to)"
    r"\b[^.\n]{0,40}$",
    re.IGNORECASE,
)
_NINO = re.compile(r"(?<!\w)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])( ?)\d{2}\2\d{2}\2\d{2}\2[A-D](?!\w)")
_NINO_CONTEXT = re.compile(r"national\s+insurance|\bNI\s+(?:number|no)|\bNINO\b", re.IGNORECASE)
_SSN = re.compile(r"(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])")
_CPF = re.compile(r"(?<![\w.-])(?:\d{3}\.\d{3}\.\d{3}-\d{2}|(?<=CPF )\d{11}|(?<=CPF: )\d{11})(?![\w-])")
_THAI_ID = re.compile(r"(?<![\w-])[1-8]-\d{4}-\d{5}-\d{2}-\d(?![\w-])")
_CNPJ = re.compile(
    r"(?<![\w./-])(?:\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}|(?<=CNPJ )\d{14}|(?<=CNPJ: )\d{14})(?![\w-])"
)
_VN_TAX_CODE = re.compile(
    r"(?:\bMST|mã số thuế)\s*:?\s*(?P<number>\d{10}(?:-?\d{3})?)(?![\w-])", re.IGNORECASE
)
_SECRET_LABEL = re.compile(
    r"\b(?P<label>(?:(?:temporary|temp|new|initial|default|one[- ]time)\s+)?(?:password|passcode|passphrase)"
    r"|(?:one[- ]time|verification|security|access|log-?in|sign[- ]in|authentication|auth|2fa|sms)"
    r"\s+(?:code|pin)|otp|pin(?:\s+number)?|cvv2?|cvc2?|cv2)\b"
    r"(?:\s+(?:is|was|will\s+be|(?:has\s+been\s+)?(?:reset|set|changed)\s+to))?(?:\s+now)?"
    r"\s*[:=]?\s*[\"'“\u2018]?(?P<secret>[^\s\"'”\u2019]+)",
    re.IGNORECASE,
)
_PASSWORD_SYMBOLS = re.compile(r"\d|[!@#$%^&*+=?~_]|[a-z][A-Z]")
_MASK = "mask all but the last four characters before sending"
_SECURE = "never send it by email: give it through a secure channel"
_UNQUOTE = "delete it from the quote, or the reply sends it again"


def _card_issuer(digits: str) -> bool:
    """The length fits the issuer the leading digits name (Visa, Mastercard, Amex, …)."""
    n, two, four = len(digits), int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return n in (13, 16, 19)
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16
    if two in (34, 37):
        return n == 15
    if two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305:
        return n in (14, 16)
    if two in (62, 65) or four == 6011 or 644 <= int(digits[:3]) <= 649 or 3528 <= four <= 3589:
        return 16 <= n <= 19
    return two in (50, 56, 57, 58, 63, 67) and 13 <= n <= 19  # Maestro


def _last4(secret: str) -> str:
    return "".join(c for c in secret if c.isalnum())[-4:]


def _ids(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, description) of each number-shaped secret in ``text[start:end]``; the
    check digits are validated with python-stdnum (UK National Insurance numbers, which it
    does not cover, by their letters)."""
    from stdnum import iban, luhn
    from stdnum.br import cnpj, cpf
    from stdnum.th import pin
    from stdnum.us import ssn
    from stdnum.vn import mst

    for match in _CARD.finditer(text, start, end):
        digits = re.sub(r"\D", "", match.group())
        if luhn.is_valid(digits) and _card_issuer(digits):
            yield *match.span(), f"a full card number (ending {digits[-4:]})"
    for match in _IBAN.finditer(text, start, end):
        number = match.group().replace(" ", "")
        line_start = text.rfind("\n", 0, match.start()) + 1
        if iban.is_valid(number) and not _OWN_ACCOUNT.search(text, line_start, match.start()):
            yield *match.span(), f"a full IBAN (ending {number[-4:]})"
    for match in _NINO.finditer(text, start, end):
        context = _NINO_CONTEXT.search(text, max(start, match.start() - 60), match.start())
        if match.group(1) not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ") and (match.group(2) or context):
            yield *match.span(), f"a UK National Insurance number (ending {_last4(match.group())})"
    for match in _SSN.finditer(text, start, end):
        if ssn.is_valid(match.group()):
            yield *match.span(), f"a US Social Security number (ending {match.group(3)})"
    for match in _CPF.finditer(text, start, end):
        if cpf.is_valid(match.group()):
            yield *match.span(), f"a Brazilian CPF (ending {_last4(match.group())})"
    for match in _CNPJ.finditer(text, start, end):
        if cnpj.is_valid(match.group()):
            yield *match.span(), f"a Brazilian CNPJ (ending {_last4(match.group())})"
    for match in _THAI_ID.finditer(text, start, end):
        if pin.is_valid(match.group()):
            yield *match.span(), f"a Thai national ID number (ending {_last4(match.group())})"
    for match in _VN_TAX_CODE.finditer(text, start, end):
        if mst.is_valid(match.group("number")):
            yield *match.span("number"), f"a Vietnamese tax code (ending {_last4(match.group('number'))})"


def _credentials(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Passwords, one-time codes and PINs given after their label ('PIN is 4821')."""
    for match in _SECRET_LABEL.finditer(text, start, end):
        label = match.group("label").lower()
        secret = re.sub(r"[.,;:)]+$", "", match.group("secret"))
        if "pass" in label:
            if (
                len(secret) < 6
                or re.fullmatch(r"[*•xX]+", secret)
                or "://" in secret
                or not _PASSWORD_SYMBOLS.search(secret)
            ):
                continue
            what = "a password"
        elif label.startswith("cv"):
            if not re.fullmatch(r"\d{3,4}", secret):
                continue
            what = "a card security code"
        else:
            if not re.fullmatch(r"\d{4,8}", secret):
                continue
            what = "a PIN" if label.startswith("pin") else "a one-time or security code"
        begin = match.start("secret")
        yield begin, begin + len(secret), what


class OutboundSecret(Rule):
    """A card number, password, one-time code, IBAN or national ID written out in full."""

    code = "SS004"
    any_language = True  # placeholders and numbers read the same in every language
    name = "outbound-secret"
    category = Category.PRIVACY
    severity = Severity.ERROR
    message = "This looks like {what}; {advice}."
    rationale = (
        "Email is not a secure channel: it is copied to servers and inboxes you do not "
        "control and is often forwarded. Card rules (PCI DSS) forbid sending full card "
        "numbers, and data-protection law asks you to send no more personal data than "
        "needed. Mask all but the last four digits; send passwords and codes through the "
        "secure channel meant for them. The quoted message is checked too: quoting a "
        "customer's card number sends it again. The guidelines do not cover this; the "
        "check runs locally like every cscomm rule, so the draft never leaves the machine."
    )
    examples = Examples(
        fail=(
            "Hi Ana,\n\nWe refunded the card [[4111 1111 1111 1111]]. Your temporary password is "
            "[[Xy7!kP2q]].\n\nBest regards,\nTom",
        ),
        pass_=(
            "Hi Ana,\n\nWe refunded the card ending XXXX-XXXX-XXXX-4242 for order "
            "1234 5678 9012 3456.\n\nBest regards,\nTom",
        ),
    )
    samples: ClassVar[Mapping[str, str]] = {
        "what": "a full card number (ending 1111)",
        "advice": "mask all but the last four characters before sending",
    }

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.doc.text
        scope = ctx.doc.parts_of({PartKind.GREETING, PartKind.BODY, PartKind.CLOSING, PartKind.QUOTED})
        for part in scope:
            bounds = part.span.start, part.span.end
            found = [(*hit, _MASK) for hit in _ids(text, *bounds)]
            found += [(*hit, _SECURE) for hit in _credentials(text, *bounds)]
            seen: list[tuple[int, int]] = []
            for start, end, what, advice in sorted(found):
                if any(a < end and start < b for a, b in seen):
                    continue
                seen.append((start, end))
                if part.kind is PartKind.QUOTED:
                    what, advice = f"{what} in the quoted message", _UNQUOTE
                yield Hit(Span(start, end), self.message.format(what=what, advice=advice))
