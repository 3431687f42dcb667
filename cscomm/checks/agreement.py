"""Subject-verb agreement read from the dependency parse.

The grammar backends check agreement only between neighbouring words, so "our crews
is working" or "the replacement parts has arrived" pass them. These rules read who the
subject of each verb is and flag the clear cases only:

- SG006: a plural subject (a plural common noun, "all of them") with a singular verb
  form (is, was, has, does, or a verb ending in -s), and "there is" before a plural noun;
- SG009: a singular subject (a singular common noun, also through "that" or "which",
  or "everyone", "whatever") with a plural or bare verb form ("a date that suit you",
  "whatever happen"). Collective nouns are left alone, because British English allows
  "the team are", and so are bare verbs after "let", "make" or "ask that".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.checks.kinds import match_case
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.verb_tables import s_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PLURAL_OF = {"is": "are", "was": "were", "has": "have", "does": "do", "'s": "are"}
_SINGULAR_VERB_TAG = "VBZ"
# Plural in form, singular in use ("the news is", "sales is on it").
_POSSESSIVE_PRONOUNS = frozenset({"yours", "ours", "theirs", "hers", "its"})
"""Take the number of what they stand for: "Yours was copied" (your standing order)."""
_SINGULAR_IN_USE = frozenset(
    {
        "news",
        "series",
        "species",
        "means",
        "physics",
        "mathematics",
        "economics",
        "politics",
        "ethics",
        "logistics",
        "analytics",
        "electronics",
        "headquarters",
        "whereabouts",
        "sales",
        "thanks",
        "customs",
        "billings",
        "data",  # a mass noun in current usage ("no data was lost")
    }
)
_QUANTITY_DEPS = frozenset({"nummod", "quantmod"})
# Units whose amount is taken as one ("20 minutes is enough", "50 pounds is the fee");
# counted things stay plural ("the two boxes were left").
_UNITS = frozenset(
    {
        "second",
        "minute",
        "hour",
        "day",
        "night",
        "week",
        "fortnight",
        "month",
        "year",
        "decade",
        "pound",
        "penny",
        "pence",
        "quid",
        "dollar",
        "buck",
        "cent",
        "euro",
        "peso",
        "baht",
        "dong",
        "rupee",
        "mile",
        "kilometre",
        "kilometer",
        "metre",
        "meter",
        "foot",
        "feet",
        "inch",
        "yard",
        "gram",
        "kilogram",
        "kilo",
        "ton",
        "tonne",
        "litre",
        "liter",
        "gallon",
        "percent",
        "point",
        "byte",
        "megabyte",
        "gigabyte",
        "terabyte",
    }
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_DEPENDENTS = frozenset({"det", "compound"})
_PLURAL_QUANTIFIERS = frozenset({"all", "both", "many", "several", "few", "most"})
_PLURAL_PRONOUNS = frozenset({"them", "us", "you", "these", "those"})
_NOUN_PHRASE_LEAD = frozenset({"DT", "PDT", "CD", "JJ", "JJR", "JJS", "RB", "RBR"})


class SubjectVerbAgreement(ParseRule):
    """A plural subject with a singular verb ("our crews is working")."""

    code = "SG006"
    name = "subject-verb-agreement"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.WARNING
    message = "“{match}” does not agree with its plural subject."
    rationale = (
        "Check grammar before sending (L4, E1): a verb that does not agree with its subject "
        "reads as careless."
    )
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=(
            "Hi Sam,\n\nThanks for writing. Our engineers [[is]] checking the line today."
            "\n\nBest regards,\nAna",
            "Hi Sam,\n\nThanks. There [[is]] two parcels waiting for you at the depot.\n\nBest regards,\nAna",
        ),
        pass_=(
            "Hi Sam,\n\nThanks for writing. Our engineers are checking the line today.\n\nBest regards,\nAna",
            "Hi Sam,\n\nThanks. Twenty minutes is enough, and the news is good.\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        tables = ctx.analysis.word_tables()
        nouns = tables.nouns if tables is not None else frozenset()
        for token in reply:
            verb = _disagreeing_verb(token)
            if verb is None or ctx.doc.kind_at(verb.idx) not in OWN_PARTS or _bracket_between(token, verb):
                continue
            if _gerund_phrase(token, verb) or _compound_read_as_verb(token, verb, nouns):
                continue
            fix = _PLURAL_OF.get(verb.lower_, verb.lemma_)
            yield Hit(
                Span(verb.idx, verb.idx + len(verb.text)),
                f"“{verb.text}” does not agree with the plural “{_phrase(token)}”; use “{fix}”.",
                suggestions=(match_case(verb.text, fix),),
            )


def _gerund_phrase(subject: Token, verb: Token) -> bool:
    """ "Fitting new lenses … takes": a phrase opened by an "-ing" word may be a gerund's,
    whose subject is the action (singular), not the plural noun the parse picked (as its
    modifier, or beside a clausal subject of the verb)."""
    if any(c.dep_ == "csubj" for c in verb.children):
        return True
    first = subject.doc[min(t.i for t in subject.subtree)]
    return first.i < subject.i and first.lower_.endswith("ing") and first.tag_ in {"VBG", "JJ", "NN"}


def _compound_read_as_verb(subject: Token, verb: Token, nouns: frozenset[str]) -> bool:
    """ "all your invoices, bills and VAT returns": a noun that also reads as a verb, right
    after another noun, ends a compound in a list; the parse took it for the verb."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (
        before is not None
        and verb.pos_ != "AUX"  # "is", "has": never a noun
        and before.i != subject.i
        and before.pos_ in {"NOUN", "PROPN"}
        and verb.lemma_.lower() in nouns
        and verb.lower_.endswith("s")
    )


def _bracket_between(subject: Token, verb: Token) -> bool:
    """Whether a bracket opens between ``subject`` and a ``verb`` inside it ("2,300 homes
    (postcodes WR5 3 …)"): a parenthesis is no predicate of the sentence's subject, so the
    parse that paired them misread it."""
    start, end = sorted((subject.i, verb.i))
    between = subject.doc[start:end]
    return sum(t.text == "(" for t in between) > sum(t.text == ")" for t in between)


def _disagreeing_verb(noun: Token) -> Token | None:
    """The singular verb form that ``noun``, a plural subject, is given, if any."""
    if _plural_quantifier(noun):
        return _finite_verb(noun) if noun.dep_ in _SUBJECT_DEPS and noun.i < noun.head.i else None
    if not _plural(noun):
        return None
    if noun.dep_ == "attr":  # "there is two options"
        verb = noun.head
        return verb if _singular_form(verb) and _there_is_plural(verb, noun) else None
    if noun.dep_ not in _SUBJECT_DEPS or not _counts_as_plural_subject(noun):
        return None
    if sum(c.dep_ in _SUBJECT_DEPS or c.dep_ == "attr" for c in noun.head.children) > 1:
        return None  # another subject or a complement ("… is a way to…"): the parse is unsure
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in noun.head.children):
        return None  # "your order for two monitors was sent", misread as a clause opened by "for"
    if any(c.dep_ in _NOUN_DEPENDENTS for c in noun.head.children):
        return None  # "how many carriages each train needs": a "verb" with a determiner is a noun misread
    return _finite_verb(noun)


def _plural(noun: Token) -> bool:
    """A plural common noun used as one ("parcels"; not "news", "BX-20417", "FAQs", nor a
    unit after its number, "50 mg", which names a quantity of something else)."""
    return (
        noun.tag_ == "NNS"
        and noun.lower_ not in _POSSESSIVE_PRONOUNS
        and noun.is_alpha
        and not noun.text[:-1].isupper()
        and noun.lower_ not in _SINGULAR_IN_USE
        and not _unit_after_number(noun)
    )


def _unit_after_number(noun: Token) -> bool:
    """ "50 mg", "2 kg", "500 ml": a short unit symbol right after a number."""
    return noun.i > 0 and noun.doc[noun.i - 1].like_num and len(noun.text) <= 3 and noun.text.islower()


def _phrase(subject: Token) -> str:
    """How a message names ``subject``: "parcels", or "all of them" for a quantifier."""
    if not _plural_quantifier(subject):
        return subject.text
    last = max(t.i for t in subject.subtree)
    return subject.doc[subject.i : last + 1].text


def _plural_quantifier(word: Token) -> bool:
    """ "all of them", "both of the parcels": a quantifier taking a plural ``of`` phrase."""
    if word.lower_ not in _PLURAL_QUANTIFIERS:
        return False
    objects = (g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)
    return any(g.dep_ == "pobj" and (g.lower_ in _PLURAL_PRONOUNS or _plural(g)) for g in objects)


def _counts_as_plural_subject(noun: Token) -> bool:
    """Not an amount taken as one ("20 minutes is enough") nor the head of a clause that
    is the real subject ("people taking the bus reduces traffic")."""
    amount = noun.lemma_.lower() in _UNITS
    return not any(
        (c.dep_ in _QUANTITY_DEPS and amount) or (c.dep_ == "acl" and c.tag_ == "VBG") for c in noun.children
    )


def _there_is_plural(verb: Token, noun: Token) -> bool:
    """ "There is two options": an expletive subject and the plural noun right after
    the verb, with only numbers, determiners or adjectives between them."""
    if not any(c.dep_ == "expl" for c in verb.children) or noun.i < verb.i:
        return False
    between = noun.doc[verb.i + 1 : noun.i]
    return all(t.tag_ in _NOUN_PHRASE_LEAD for t in between)


def _finite_verb(subject: Token) -> Token | None:
    """The singular finite verb form that should agree with ``subject``, if any."""
    head = subject.head
    finite = [c for c in head.children if c.dep_ in ("aux", "auxpass") and _singular_form(c)]
    if finite:
        return finite[0]
    return head if _singular_form(head) else None


def _singular_form(verb: Token) -> bool:
    return verb.tag_ == _SINGULAR_VERB_TAG or verb.lower_ == "was"


class SingularSubjectAgreement(ParseRule):
    """A singular subject with a plural or bare verb ("a date that suit you")."""

    code = "SG009"
    name = "singular-subject-agreement"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.SUGGESTION  # right 8 times in 11 on the labelled sets (2 in 5 unseen)
    message = "“{match}” does not agree with its singular subject."
    rationale = SubjectVerbAgreement.rationale
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=(
            "Hi Sam,\n\nThanks. We can book a new date that [[suit]] you.\n\nBest regards,\nAna",
            "Hi Sam,\n\nThanks. The refund [[have]] been sent, whatever [[happen]].\n\nBest regards,\nAna",
        ),
        pass_=(
            "Hi Sam,\n\nThanks. The team are on it, and we ask that each customer bring a receipt."
            "\n\nBest regards,\nAna",
            "Hi Sam,\n\nThanks. Let the driver know, and pick a date that suits you.\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        tables = ctx.analysis.word_tables()
        if tables is None:
            return
        for token in reply:
            verb = _plural_verb_of_singular(token)
            if verb is None or ctx.doc.kind_at(verb.idx) not in OWN_PARTS:
                continue
            subject = _antecedent(token)
            if not (tables.forms.is_base(verb.lower_) or verb.lower_ in _THIRD_PERSON):
                continue  # a misspelt verb or subject is the spelling check's finding
            if subject.lower_ not in _SINGULAR_PRONOUNS and subject.lemma_.lower() not in tables.nouns:
                continue
            if verb.i == subject.i + 1 and verb.pos_ != "AUX" and verb.lower_ in tables.nouns:
                continue  # a compound noun read as subject and verb: "a kitchen hire charge"
            fix = _third_person(verb)
            yield Hit(
                Span(verb.idx, verb.idx + len(verb.text)),
                f"“{verb.text}” does not agree with the singular “{subject.text}”; use “{fix}”.",
                suggestions=(match_case(verb.text, fix),),
            )


# Collective nouns take a plural verb in British English ("the team are"); amounts and
# parts take the number of what they count ("a lot of people are", "the rest are").
_GROUP_NOUNS = frozenset(
    {"team", "staff", "crew", "family", "company", "government", "committee", "council", "board",
     "group", "police", "management", "department", "club", "firm", "band", "audience", "public",
     "majority", "minority", "number", "lot", "rest", "half", "bunch", "couple", "pair", "variety",
     "range", "total", "none", "plenty", "kind", "sort", "type", "percent", "proportion", "part",
     "third", "quarter", "handful", "remainder", "series", "set", "people", "data", "media",
     "fish", "sheep", "deer", "youth", "aircraft", "offspring", "personnel", "cattle", "species"}
)  # fmt: skip
_SINGULAR_PRONOUNS = frozenset(
    {"everyone", "everybody", "everything", "someone", "somebody", "something", "nobody",
     "nothing", "whatever", "whoever", "anybody", "anyone", "anything"}
)  # fmt: skip
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
_MAX_GAP = 6  # words between a subject and its verb ("the price of the ticket are")
# "let the driver know", "we ask that each customer bring": a bare verb that is right.
_BARE_VERB_GOVERNORS = frozenset(
    {"let", "make", "help", "have", "see", "watch", "hear", "feel", "notice", "ask", "request",
     "require", "insist", "recommend", "suggest", "demand", "propose", "urge", "advise", "prefer",
     "essential", "important", "vital", "necessary", "crucial"}
)  # fmt: skip
_THIRD_PERSON = {"have": "has", "are": "is", "do": "does", "were": "was"}


def _plural_verb_of_singular(subject: Token) -> Token | None:
    """The plural or bare finite verb form that ``subject``, a singular subject, is given."""
    if subject.dep_ not in _SUBJECT_DEPS or not _singular_subject(subject):
        return None
    head = subject.head
    if subject.i > head.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    if head.dep_ in {"csubj", "csubjpass"}:
        return None  # "the car hire for the test is £75": a compound noun read as a clause
    if sum(c.dep_ in _SUBJECT_DEPS for c in head.children) > 1:
        return None
    between = subject.doc[subject.i + 1 : head.i]
    if len(between) > _MAX_GAP or any(
        t.is_punct or t.tag_ in {"NNS", "NNPS"} or (t.tag_ == "PRP" and t.dep_ in _SUBJECT_DEPS)
        for t in between
    ):
        return None  # "the education the instructors impart": the parse is unsure of the subject
    if head.lower_ == "were" or any(
        c.lower_ == "were" and c.dep_ in {"aux", "auxpass"} for c in head.children
    ):
        return _indicative_were(head)
    auxes = sorted((c for c in head.children if c.dep_ in ("aux", "auxpass")), key=lambda t: t.i)
    if auxes:
        first = auxes[0]
        return first if first.tag_ == "VBP" and first.lower_ in _THIRD_PERSON else None
    if head.head.lemma_.lower() in _BARE_VERB_GOVERNORS and head.dep_ in {"ccomp", "xcomp"}:
        return None  # "let the driver know", "we ask that each customer bring"
    if head.lower_ == "are" or (head.tag_ in {"VBP", "VB"} and head.lemma_ != "be"):
        return head if head.lower_ in _THIRD_PERSON or head.lower_ == head.lemma_.lower() else None
    return None


def _indicative_were(head: Token) -> Token | None:
    """The "were" of ``head``'s clause, unless it is the subjunctive ("if it were lost",
    "I wish the box were bigger")."""
    were = (
        head
        if head.lower_ == "were"
        else next(c for c in head.children if c.lower_ == "were" and c.dep_ in {"aux", "auxpass"})
    )
    before = head.doc[max(0, were.i - 4) : were.i]
    if any(t.lower_ in {"if", "though", "unless"} for t in before):
        return None
    return None if head.head.lemma_.lower() == "wish" else were


def _singular_subject(subject: Token) -> bool:
    if subject.lower_ in _SINGULAR_PRONOUNS:
        return True
    if any(c.dep_ == "conj" for c in subject.children) or any(
        t.dep_ == "cc" for t in subject.subtree if t.i < subject.i
    ):
        return False  # "the boiler and the meter are", "the boiler and gas meter are"
    noun = _antecedent(subject)
    return _singular_noun(noun) and not _ambiguous_antecedent(subject, noun)


def _antecedent(subject: Token) -> Token:
    """The noun a relative "that", "which" or "who" stands for; else ``subject``."""
    if subject.lower_ in _RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _ambiguous_antecedent(subject: Token, noun: Token) -> bool:
    """ "trees in our garden that produce…": the clause may belong to the earlier noun."""
    if subject is noun or noun.dep_ != "pobj" or noun.head.i == 0:
        return False
    phrase = noun.doc[max(noun.sent.start, noun.i - _MAX_GAP * 2) : noun.i]
    return any(t.tag_ in {"NNS", "NNPS"} for t in phrase)  # "photos … of the hire that show"


def _singular_noun(noun: Token) -> bool:
    """A singular common noun used as one (not "team", not "the box and the bag")."""
    return (
        noun.tag_ == "NN"
        and noun.is_alpha
        and noun.is_lower
        and noun.lemma_.lower() not in _GROUP_NOUNS
        and not any(
            c.dep_ in {"conj", "cc", "case"} or c.lower_ in {"these", "those", "all", "both"}
            for c in noun.children
        )  # "the box and the bag", "all the flat's were" (a plural written with 's: SG010)
    )


def _third_person(verb: Token) -> str:
    """The -s form of ``verb`` ("suit" → "suits", "have" → "has")."""
    word = verb.lower_
    if word in _THIRD_PERSON:
        return _THIRD_PERSON[word]
    return word + "es" if word.endswith("o") else s_form(word)  # "goes"
