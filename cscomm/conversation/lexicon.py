"""Vocabulary for question finding and answer matching, and how words become terms.

Everything here is general English or general customer-service vocabulary: function
words, light verbs, cue phrases for question forms and answer types, and a small
synonym table. Text from the customer's question and the agent's reply is compared as
weighted terms (:func:`weighted_terms`); :func:`term_key` folds synonyms and
derivational endings together.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from spacy.tokens import Token

from cscomm.casefold import FoldedPattern
from cscomm.document import has_word_character

AUX_LEMMAS = frozenset(
    {"be", "do", "have", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
)
WH_WORDS = frozenset({"what", "when", "where", "why", "who", "whom", "whose", "which", "how"})

# Lemmas that carry little of what is asked: they still count, at a low weight.
LIGHT_LEMMAS = frozenset(
    {
        "be",
        "do",
        "have",
        "get",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "need",
        "want",
        "like",
        "know",
        "tell",
        "let",
        "wonder",
        "ask",
        "mind",
        "expect",
        "please",
        "thank",
        "help",
        "make",
        "go",
        "take",
        "give",
        "put",
        "see",
        "try",
        "happen",
        "possible",
        "able",
        "way",
        "thing",
        "copy",
        "chance",
        "anything",
        "something",
        "someone",
        "anyone",
        "anybody",
        "everything",
        "everyone",
        "nothing",
        "also",
        "just",
        "really",
        "actually",
        "still",
        "yet",
        "already",
        "even",
        "ever",
        "again",
        "else",
        "more",
        "much",
        "many",
        "any",
        "some",
        "other",
        "there",
        "here",
        "now",
        "then",
        "very",
        "too",
        "sure",
        "kind",
        "right",
        "well",
        "first",
        "last",
        "likely",
        "roughly",
        "exactly",
    }
)
# Nouns that stand for "how my case ends" ("When can I expect a decision?"): a
# question about them is about the message's topic as a whole.
PROGRESS_NOUNS = frozenset(
    {
        "decision",
        "answer",
        "response",
        "reply",
        "update",
        "news",
        "outcome",
        "result",
        "resolution",
        "progress",
        "feedback",
    }
)
# Adverbs and determiners that never carry the topic.
STOP_LEMMAS = frozenset(
    {
        "not",
        "n't",
        "never",
        "so",
        "about",
        "around",
        "maybe",
        "perhaps",
        "hi",
        "hello",
        "hey",
        "hiya",
        "dear",
        "thanks",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "one",
        "ones",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "whether",
        "if",
    }
)

# Multi-word expressions folded into one term (compared on lower-cased lemmas).
PHRASES: dict[tuple[str, ...], str] = {
    ("money", "back"): "refund",
    ("look", "at"): "review",
    ("look", "into"): "review",
    ("in", "stock"): "stock",
    ("free", "of", "charge"): "free",
    ("sign", "in"): "login",
    ("log", "in"): "login",
    ("log", "into"): "login",
    ("sign", "into"): "login",
    ("check", "in"): "checkin",
    ("get", "back", "into"): "login",
    ("call", "back"): "contact",
    ("get", "back", "to"): "contact",
    ("on", "its", "way"): "deliver",
    ("on", "their", "way"): "deliver",
    ("pay", "in", "instalment"): "instalment",
    ("payment", "plan"): "instalment",
}

# Synonym groups: every member maps to the first (canonical) entry.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("refund", "reimburse", "reimbursement", "repay", "repayment", "compensate", "compensation", "credit"),
    (
        "cancel",
        "cancellation",
        "terminate",
        "termination",
        "close",
        "closure",
        "delete",
        "deletion",
        "remove",
        "unsubscribe",
    ),
    (
        "deliver",
        "delivery",
        "ship",
        "shipping",
        "shipment",
        "dispatch",
        "send",
        "post",
        "postage",
        "courier",
        "arrive",
        "arrival",
    ),
    ("exchange", "swap", "replace", "replacement"),
    (
        "charge",
        "bill",
        "billing",
        "fee",
        "cost",
        "price",
        "pay",
        "payment",
        "prepaid",
        "paid",
        "cheap",
        "expensive",
        "afford",
        "total",
        "quote",
        "quotation",
        "estimate",
    ),
    ("stock", "available", "availability", "left"),
    (
        "review",
        "examine",
        "inspect",
        "inspection",
        "assess",
        "assessment",
        "visit",
        "investigate",
        "investigation",
        "appeal",
        "reconsider",
    ),
    ("safe", "safety", "harmful", "harm", "dangerous", "danger", "hazard", "risk"),
    ("list", "register", "registry", "waitlist"),
    ("problem", "fault", "faulty", "outage", "bug", "error", "glitch", "malfunction"),
    ("damage", "break", "broken", "smash", "crack", "snap"),
    ("lose", "loss", "lost", "missing", "disappear"),
    ("confirm", "confirmation", "acknowledge", "acknowledgement"),
    ("contact", "call", "phone", "ring"),
    ("warn", "warning", "alert", "notify", "notification"),
    ("decision", "decide", "outcome", "verdict"),
    ("fix", "repair", "resolve", "solve", "mend"),
    ("stop", "block", "pause", "suspend", "freeze", "hold"),
    ("document", "paperwork", "proof", "certificate", "evidence"),
    ("instalment", "installment"),
    ("login", "access", "password", "unlock"),
    ("keep", "retain"),
    ("buy", "purchase", "order", "checkout"),
    ("change", "update", "amend", "modify", "alter"),
    ("wait", "delay", "late"),
    ("receipt", "invoice", "statement"),
    ("email", "e-mail", "mail", "inbox"),
    ("engineer", "technician"),
    ("parcel", "package"),
    ("voucher", "coupon", "discount", "reduction", "rebate"),
    ("plan", "tariff", "deal", "bundle"),
    ("food", "meal", "eat"),
    ("book", "booking", "reserve", "reservation", "appointment"),
    ("cover", "covered", "insure", "insurance"),
    ("normal", "usual", "common", "typical", "ordinary"),
)
SYNONYMS: dict[str, str] = {w: g[0] for g in _GROUPS for w in g}

_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ables",
    "able",
    "ible",
    "ings",
    "ing",
    "ery",
    "ion",
    "ed",
    "s",
)


def stem(word: str) -> str:
    """Strip one derivational ending so refund/refundable, warn/warning meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2]:
        word = word[:-1]
    return word.rstrip("e") if len(word) > 4 else word


@lru_cache(maxsize=8192)
def term_key(lemma: str) -> str:
    """Canonical comparison key of a lower-cased lemma (a clock time in one spelling, then
    synonyms, then stem)."""
    if time := _CLOCK_TIME.match(lemma):
        return f"{int(time[1])}:{time[2]}"  # "8.30", "08:30", "8h30": one time
    return SYNONYMS.get(lemma) or SYNONYMS.get(stem(lemma)) or stem(lemma)


_CLOCK_TIME = re.compile(r"^(\d{1,2})[.:h](\d{2})$")


# --------------------------------------------------------------- question cues
PLEASANTRY = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear|morning|good (?:morning|afternoon|evening))\b"
    r"(?:[ \t]+[\w.'-]+){0,3}?\W*)?(?:how are (?:you|things)|how(?:'s| is) (?:it going|"
    r"your (?:day|week))|how have you been|hope (?:you(?:'re| are)|all is) well|"
    r"how was your (?:day|week|weekend))\b",
    re.I,
)
RHETORICAL = re.compile(
    r"\bcan you believe\b|\bare you (?:serious|kidding|joking)\b|"
    r"\bis this (?:some (?:kind|sort) of )?a? ?joke\b|"
    r"\b(?:does|do|did|is|has|can|will) (?:anyone|anybody|no ?one|nobody) "
    r"(?:there )?(?:actually|even|ever|really|seriously)\b|"
    r"\bhow (?:hard|difficult) (?:can|could|is) (?:it|that)\b|"
    r"\btoo much to ask\b|\bwho does that\b|"
    r"\bwhy (?:is|does) it (?:always )?(?:so|this) (?:hard|difficult)\b|"
    r"\b(?:do|does) (?:you|anyone|anybody) (?:even |actually |really )?care\b|"
    r"\bwhat(?:'s| is) wrong with (?:you|your company)\b|"
    r"\bhow many (?:more )?times do I (?:have|need) to\b|"
    r"\bwhat(?: (?:exactly|even|actually|really))?(?:'s| is)"
    r"(?: (?:exactly|even|actually|really))? the point\b|"
    r"\bhow is (?:that|this|it) (?:my|our) (?:fault|problem|responsibility)\b|"
    r"\bwhy (?:did|do|should|must) (?:i|we) (?:have|need) to (?:find out|hear|learn|chase|keep)\b|"
    r"\bwhat kind of (?:service|company|business) is this\b|"
    r"\bwhat (?:on earth|the hell) is going on\b|\bhow is this acceptable\b|"
    r"\bis (?:this|that) how you (?:treat|speak to|talk to|deal with|look after)\b",
    re.I,
)
# Offers of further contact that close a message ("Let me know if you need anything").
OFFER = re.compile(
    r"\bif (?:you|there) (?:need|require|want|have|is|are) (?:anything|further|more|other|"
    r"any (?:further |other |more )?(?:questions?|queries|problems?|issues?|help|info|"
    r"information|details|thoughts|feedback))\b|\bif you have any (?:other )?questions\b",
    re.I,
)
# Verbs that introduce an embedded question: "tell me whether", "I'd like to know when".
KNOW_VERBS = frozenset(
    {
        "know",
        "tell",
        "advise",
        "confirm",
        "explain",
        "clarify",
        "wonder",
        "ask",
        "check",
        "find",
        "understand",
        "inform",
        "show",
    }
)
# Imperatives that are courtesy or pointers, not requests ("Thanks", "See attached").
COURTESY_VERBS = frozenset(
    {
        "thank",
        "thanks",
        "have",
        "enjoy",
        "see",
        "find",
        "note",
        "excuse",
        "forgive",
        "pardon",
        "bear",
        "regard",
        "hope",
        "wish",
        "stay",
        "cheer",
    }
)
# Wishes that introduce a remark, not a request ("I'd like to thank…", "…to point out").
REMARK_VERBS = frozenset(
    {
        "thank",
        "say",
        "mention",
        "point",
        "start",
        "begin",
        "apologise",
        "apologize",
        "share",
        "express",
        "complain",
        "add",
        "stress",
        "explain",
    }
)
COURTESY_PHRASES = frozenset({("keep", "up"), ("look", "forward"), ("take", "care"), ("keep", "safe")})
APPRECIATE = frozenset({"appreciate", "grateful", "great", "helpful", "good", "nice", "thankful"})

HEADER_LINE = re.compile(r"^(?:From|To|Cc|Bcc|Sent|Date|Subject|Re|Fwd?)\s*:", re.I)
SUBJECT_LINE = re.compile(r"^(?:Subject|Re)\s*:\s*(?:(?:RE|FWD?|AW)\s*:\s*)*", re.I)
NESTED_START = re.compile(r"^(?:>|On .+ wrote:\s*$|-{2,}\s*Original Message\s*-{2,}|_{8,}\s*$)", re.I)

# ------------------------------------------------------------ answer-type cues
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_COUNT = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"fourteen|twenty|thirty|few|couple of|several)"
)
_UNIT = r"(?:minute|hour|day|week|fortnight|month|year)"
TIME_CUE = FoldedPattern(
    rf"\b(?:{_DAY}s?|\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTH})\b|(?:{_MONTH}) \d{{1,2}}\b|"
    r"\d{1,2}[:.]\d{2}\b|\d{1,2} ?(?:am|pm)\b|\d{1,2}/\d{1,2}\b|"
    rf"(?:within|in|after|before|for|over|under)\s{_COUNT}\s(?:working\s|business\s)?{_UNIT}s?\b|"
    rf"{_COUNT}\s(?:working\s|business\s)?{_UNIT}s?\b(?!-)(?!\s+of\b)|"  # not "two days of cleaning"
    rf"(?:in|by|from|until|before|after|during|early|late|mid-?) (?:{_MONTH})\b|"
    r"every (?:day|week|month|year)|weekly|monthly|annually|"
    r"today|tomorrow|tonight|this (?:morning|afternoon|evening|week|month)|"
    r"next (?:week|month|year|day)|end of (?:the )?(?:day|week|month)|"
    r"immediately|straight away|right away|shortly|as soon as|same day|overnight|"
    r"already)",
)
AMOUNT_CUE = FoldedPattern(
    r"[£$€¥]\s?\d|\d\s?(?:%|p\b|pence|pounds?|dollars?|euros?|gbp|usd|eur)\b|"
    r"\bper cent\b|\bfree\b|\bno (?:extra |additional )?(?:charge|cost|fee)s?\b|"
    r"\bnothing (?:extra |more )?to pay\b|\bat no (?:extra )?cost\b|\bin full\b",
)
NUMBER_CUE = FoldedPattern(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)\b",
)
PLACE_CUE = FoldedPattern(
    r"https?://|www\.|\b\S+\.(?:com|co\.uk|org|net|example|gov)\b|\S+@\S+|\s>\s|"
    r"\b(?:store|shop|branch|counter|office|desk|website|site|app|page|portal|account|"
    r"online|address|door|depot|centre|center|post office|locker|settings|menu)\b|"
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",
)
# Who does it: a role or team, an address to write to, the agent of a passive.
PERSON_CUE = FoldedPattern(
    r"\S+@\S+|\b(?:to|with|contact|ask|call|email|ring) (?:me|us)\b|"
    r"\bby (?:our|the|your|a|an|one of our) (?!end\b|time\b|way\b|latest\b|same\b|weekend\b)"
    r"(?:\w+ )?\w+|"
    r"\b(?:team|manager|department|office|desk|officer|adviser|advisor|coordinator|colleague|"
    r"specialist|agent|engineer|supervisor|administrator|admin|reception|receptionist|"
    r"director|head of|partner|landlord|clerk|staff)s?\b",
)
METHOD_CUE = FoldedPattern(
    r"\byou (?:can|could|may|just|simply|should|will need|need|'ll need|'ll just|have to)\b|"
    r"\b(?:go to|click|tap|select|choose|visit|call|ring|email|e-mail|reply|log in|"
    r"sign in|follow|fill in|complete|send|return|drop|take|open|use|pop|bring|attach)\b|"
    r"\bsteps?\b|\s>\s|\bno need\b|\bdon't need to\b|\bdo not need to\b|"
    r"\bI(?:'ve| have) (?:\w+ )?(?:added|done|set|arranged|registered|updated|changed)\b",
)
REASON_CUE = FoldedPattern(
    r"\b(?:because|due to|caused|cause|reason|as a result|result of|which is why|"
    r"that's why|that is why|means|meant|owing to|so that)\b|, so\b|"
    r"(?:^|, )(?:as|since) (?!soon)",
)
# A reply sentence that states or refuses an action ("I've cancelled", "we will send").
ACTION_CUE = FoldedPattern(
    r"\b(?:I|we|I've|we've|I'll|we'll|I'm|we're)\b|\b(?:has|have) been\b|"
    r"\b(?:was|were) \w+(?:ed|en|t)\b|"
    r"\b(?:is|are) (?:now|being|on)\b|\bwill be\b|\byou (?:can|will|'ll)\b|"
    r"\b(?:unable|cannot|can't|not able|not possible|afraid)\b",
)
# A reply sentence that opens with a direct answer to a yes/no question.
POLAR_OPENER = re.compile(
    r"^\W*(?:yes|no|yep|nope|unfortunately|sadly|of course|certainly|absolutely|"
    r"definitely|I'm afraid|I am afraid|good news)\b",
    re.I,
)
COMMITMENT = re.compile(
    r"\b(?:I|we|I'll|we'll|they|they'll)\b.{0,40}\b(?:will|'ll|shall)?\s?"
    r"(?:confirm|update|let you know|get back|contact|call|phone|email|write|"
    r"follow up|come back|check|find out|look into)\b",
    re.I,
)


# ------------------------------------------------------------------ terms
POS_WEIGHT = {"NOUN": 1.0, "PROPN": 1.0, "NUM": 1.0, "VERB": 0.7, "ADJ": 0.6, "ADV": 0.3}
LIGHT_WEIGHT = 0.15
_ADDRESS_WORD = re.compile(r"[a-z]{3,}")
_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "npadvmod", "quantmod"})


_PHRASE_STARTS = frozenset(words[0] for words in PHRASES)


def is_content(tok: Token) -> bool:
    """A word that says what the text is about (not light, not a function word)."""
    lemma = tok.lemma_.lower()
    return (
        POS_WEIGHT.get(tok.pos_, 0.0) >= 0.6
        and lemma not in LIGHT_LEMMAS
        and lemma not in STOP_LEMMAS
        and lemma not in KNOW_VERBS
    )


def content_lemmas(tokens: Sequence[Token]) -> Iterator[str]:
    """Lemmas of the content words in ``tokens``."""
    return (t.lemma_.lower() for t in tokens if is_content(t))


def weighted_terms(tokens: Sequence[Token]) -> dict[str, float]:
    """Comparison keys of the content words in ``tokens`` with their weights.

    Modifiers and words inside adverbial clauses weigh half: "a *personal* message",
    "before someone is *hurt*" say less about what is asked than the head words.
    """
    terms: dict[str, float] = {}
    lemmas = [t.lemma_.lower() for t in tokens]
    i = 0
    while i < len(tokens):
        if tokens[i].like_url or tokens[i].like_email:
            for word in _ADDRESS_WORD.findall(tokens[i].lower_):
                terms.setdefault(term_key(word), 0.5)
            i += 1
            continue
        key, weight, used = _term_at(tokens, lemmas, i)
        if key and weight > terms.get(key, 0.0):
            terms[key] = weight
        i += used
    return terms


def _term_at(tokens: Sequence[Token], lemmas: Sequence[str], i: int) -> tuple[str, float, int]:
    if lemmas[i] in _PHRASE_STARTS:
        for size in (3, 2):
            if i + size <= len(lemmas) and (key := PHRASES.get(tuple(lemmas[i : i + size]))):
                return key, 0.8, size
    tok = tokens[i]
    if _hyphenated(tokens, i):
        last = tokens[i + 2]
        weight = 0.5 if last.dep_ in _MODIFIER_DEPS else 1.0
        return tok.text.lower() + "-" + last.text.lower(), weight, 3
    lemma = lemmas[i]
    weight = POS_WEIGHT.get(tok.pos_, 0.0)
    if not weight or lemma in STOP_LEMMAS or not has_word_character(lemma):
        return "", 0.0, 1
    if lemma in LIGHT_LEMMAS:
        return term_key(lemma), LIGHT_WEIGHT, 1
    if (
        tok.dep_ in _MODIFIER_DEPS
        or _beneficiary(tok)
        or _in_adverbial_clause(tok, tokens[0].i, tokens[-1].i)
    ):
        weight *= 0.5
    return term_key(lemma), weight, 1


def _hyphenated(tokens: Sequence[Token], i: int) -> bool:
    """ "add-on", "e-bike": three tokens written as one word."""
    return (
        i + 2 < len(tokens)
        and tokens[i + 1].text == "-"
        and not tokens[i].whitespace_
        and not tokens[i + 1].whitespace_
        and tokens[i + 2].is_alpha
    )


def _beneficiary(tok: Token) -> bool:
    """ "for my accountant", "for my sister": who it is for, not what is asked."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "for" and any(c.dep_ == "poss" for c in tok.children)


MAX_DEPTH = 50
"""How far up the parse tree a word's clause is looked for: deeper chains come only from
degenerate parses (thousands of lines read as one sentence), where walking them all
would make the check quadratic."""


def _in_adverbial_clause(tok: Token, first: int, last: int) -> bool:
    """Inside an adverbial clause of the text at hand (tokens ``first``…``last``)."""
    for node in itertools.islice(itertools.chain((tok,), tok.ancestors), MAX_DEPTH):
        if not first <= node.i <= last:
            return False
        if node.dep_ == "advcl" and first <= node.head.i <= last:
            return True
    return False
