"""Questions and their answers in a language cscomm reads by its pack's forms, not a parse.

The customer's message is cut into sentences (at end marks, paragraph breaks and, in Thai,
at a space after a sentence-final particle). A sentence is a question when it ends in a
question mark or holds one of the pack's question cues ("gostaria de saber", "được
không", "ba", "ไหม"), and a request when it holds a request form ("por favor", "vui lòng",
"paki-", "ช่วย"). What it asks for (a time, a place, an amount, a reason, a method) comes
from its words.

A question is answered when a reply sentence shares most of its content words, or shares
some of them and gives the kind of answer it asks for: a date for "when", a place for
"where", an amount, a done or refused action, a yes or no. Without a parse or a learned
model the verdict is never sure: an unanswered question is a suggestion to check, with the
closest reply sentence (unanswered warnings were right 19 times in 28 on the seed-language
sets, under the 9 in 10 a warning needs).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.conversation.questions import Question, own_message
from cscomm.language_packs import UNSPACED, QuestionForms, Stemming
from cscomm.language_packs import pattern as language_pattern
from cscomm.parsing import is_header_field

if TYPE_CHECKING:
    from cscomm.conversation.answers import Judgement

COVERS = 0.4
"""Share of a question's content words one reply sentence must repeat to answer it."""
ON_TOPIC = 0.15
"""Share that puts a reply sentence on the question's topic, so that an answer of the
asked-for kind in it counts (a date for "when", a place, an amount, a reason, a step)."""
CLOSE_TO_TOPIC = 0.34
"""Share a sentence needs for a bare done, refused, yes or no form in it to count: those
words ("đã", "hindi", "ได้") are common in any sentence."""
_GENERIC = frozenset({"done", "refusal", "yes-no"})
ASKED_KINDS = ("time", "place", "amount", "reason", "method", "action", "yes-no")
MODEL = "packs"
"""The answer judge's model for the languages read by their packs (one for all four: the
signals are the same in each)."""
_SENTENCE_END = re.compile(
    r"(?<![\s(][A-Z][a-z]\.)(?<![\s(][A-Z][a-z]{2}\.)(?<![\s(][A-Z]\.)(?<=[.?!])[\"')\]]*\s+"
    r"|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)"
)
"""An end mark and space (not after a short capitalised abbreviation: "Dr.", "Sra.", "Av."),
a paragraph break, or a line that starts a list item."""
_WORD = re.compile(r"\w+", re.UNICODE)


def extract(text: str, forms: QuestionForms) -> tuple[Question, ...]:
    """The customer's questions and requests in ``text`` (the customer's message), in order."""
    found = []
    previous: set[str] = set()
    for start, end in (c for s, e in sentences(own_message(text), forms) for c in clauses(text, s, e, forms)):
        sentence = text[start:end]
        if is_header_field(sentence):
            continue  # "เรื่อง: ขอเลื่อนนัด", "Assunto: …": the subject line, which the body asks again
        form = _form(sentence, forms)
        topic = content_words(_without_cues(sentence, forms), forms)
        kind = next((k for k, p in forms.asks.items() if p.search(sentence)), None)
        if len(topic) < 2 and form == "direct" and kind is not None:
            topic |= previous  # "Mất bao lâu?", "Em quanto tempo chega?": asks about what came before
        previous = topic
        if form is None or len(topic) < _least_topic(forms):
            continue
        answer_type = kind or ("action" if form == "request" else "yes-no")
        found.append(Question(start, end, sentence, form, answer_type, tuple(sorted(topic))))
    return tuple(found)


def _least_topic(forms: QuestionForms) -> int:
    """Content words a sentence needs to be a question worth judging: two, so that "Tudo
    certo?" asks nothing; one in Thai, whose words PyThaiNLP cuts into parts that spaCy's
    long Thai stop list mostly holds ("ส่วนต่าง", the difference, is "ส่วน" + "ต่าง")."""
    return 1 if forms.code in UNSPACED else 2


def _without_cues(sentence: str, forms: QuestionForms) -> str:
    """The sentence with its question and request forms blanked: "gostaria de saber" and
    "poderiam me informar" say that something is asked, not what."""
    for cue in (forms.cues, forms.requests, *forms.asks.values()):
        if cue is not None:
            sentence = cue.sub(lambda m: " " * len(m.group()), sentence)
    return sentence


def judge(
    questions: tuple[Question, ...], reply: str, forms: QuestionForms, *, use_model: bool = True
) -> list[Judgement]:
    """Whether ``reply`` answers each question: by the learned model over :func:`signals`
    when one ships (``rules/models/answer-judge.packs.json``), else by the rule of the
    module docstring."""
    from cscomm.conversation.answer_model import ANSWERED_AT, answer_model
    from cscomm.conversation.answers import Judgement

    parts = [(s, e, content_words(reply[s:e], forms)) for s, e in sentences(reply, forms)]
    letters = ([character_grams(reply[s:e]) for s, e, _ in parts], character_grams(reply))
    model = answer_model(MODEL) if use_model else None
    verdicts = []
    for q in questions:
        asked = set(q.focus)
        scored = sorted(
            ((len(asked & words) / len(asked), s, e) for s, e, words in parts if asked), key=lambda r: -r[0]
        )
        best = scored[0] if scored else (0.0, 0, 0)
        answered, reason = _verdict(q, reply, scored, forms)
        found = signals(q, reply, parts, scored, forms, answered, len(questions), letters)
        confidence = model.probability(found) if model is not None else None
        if confidence is not None:
            answered = confidence >= ANSWERED_AT
            reason = f"the answer judge gives P(answered) {confidence:.2f}"
        closest = (best[1], best[2]) if best[0] > 0 else None
        verdicts.append(
            Judgement(
                q,
                answered,
                closest if answered else None,
                reason,
                signals=tuple(sorted(found.items())),
                confidence=confidence,
                closest=closest,
                unsure=not answered,
            )
        )
    return verdicts


def signals(
    q: Question,
    reply: str,
    parts: list[tuple[int, int, set[str]]],
    scored: list[tuple[float, int, int]],
    forms: QuestionForms,
    rule_verdict: bool,
    asked: int,
    letters: tuple[list[frozenset[str]], frozenset[str]],
) -> dict[str, float]:
    """The evidence on whether ``q`` is answered, as named numbers: how much of it the best
    two reply sentences and the whole reply repeat, by words and by runs of letters (those of
    each reply sentence and of the whole reply, ``letters``);
    whether a sentence on its topic, or any sentence, gives the kind of answer it asks for;
    a done, refused, yes/no or instruction form in the best sentence; how long it is and
    how it asks; the rule's verdict."""
    answers = _answer_forms(q, forms)
    specific = answers.get(q.answer_type)
    words = set(q.focus)
    everywhere = set().union(*(w for _, _, w in parts)) if parts else set()
    near = [(s, e) for share, s, e in scored if share >= ON_TOPIC]
    best = scored[0] if scored else (0.0, 0, 0)

    by_sentence, whole = letters
    spelled = character_grams(_without_cues(q.text, forms))
    overlaps = [*sorted((_share(spelled, grams) for grams in by_sentence), reverse=True), 0.0, 0.0]

    def given(kind: str, spans: list[tuple[int, int]]) -> float:
        pattern = answers.get(kind)
        return float(pattern is not None and any(pattern.search(reply, s, e) for s, e in spans))

    found = {
        "coverage": best[0],
        "coverage_second": scored[1][0] if len(scored) > 1 else 0.0,
        "letters_best": overlaps[0],
        "letters_second": overlaps[1],
        "letters_spread": _share(spelled, whole),
        "spread": len(words & everywhere) / len(words) if words else 0.0,
        "kind_near": given(q.answer_type, near) if specific is not None else 0.0,
        "kind_anywhere": float(specific is not None and bool(specific.search(reply))),
        "done_best": given("done", [best[1:]]),
        "refusal_best": given("refusal", [best[1:]]),
        "polar_best": given("yes-no", [best[1:]]),
        "instruction_near": given("instruction", near),
        "light_question": float(len(words) <= 2),
        "question_words": min(len(words), 10) / 10,
        "reply_sentences": min(len(parts), 20) / 20,
        "questions_asked": min(asked, 8) / 8,
        "rule_verdict": float(rule_verdict),
    }
    found.update({f"asks_{t}": float(q.answer_type == t) for t in ASKED_KINDS})
    found.update({f"form_{f}": float(q.form == f) for f in ("direct", "indirect", "request")})
    return found


def character_grams(text: str) -> frozenset[str]:
    """The text's runs of three characters, case folded, spaces squeezed: a comparison that
    needs no stemmer or word cutter ("cancelamento" meets "cancelar", "ส่วนต่าง" meets itself
    however PyThaiNLP cuts it)."""
    folded = " ".join(text.casefold().split())
    return frozenset(folded[i : i + 3] for i in range(len(folded) - 2))


def _share(grams: frozenset[str], other: frozenset[str]) -> float:
    return len(grams & other) / len(grams) if grams else 0.0


def _answer_forms(q: Question, forms: QuestionForms) -> dict[str, re.Pattern[str]]:
    """The pack's forms of an answer, plus its next-step forms as instructions."""
    answers = dict(forms.answers)
    steps = language_pattern(forms.code, "next-steps")
    if steps is not None:
        answers["instruction"] = steps  # "basta responder", "vui lòng", "กรุณา"
    return answers


def _verdict(
    q: Question, reply: str, scored: list[tuple[float, int, int]], forms: QuestionForms
) -> tuple[bool, str]:
    if scored and scored[0][0] >= COVERS:
        return True, "a reply sentence covers the question's words"
    kinds = {q.answer_type, "done", "refusal"}
    if q.answer_type in {"action", "yes-no"}:
        kinds.add("yes-no")
    if q.answer_type in {"action", "method"}:
        kinds.add("instruction")
    answers = _answer_forms(q, forms)
    for share, start, end in scored:
        if share < ON_TOPIC:
            break
        usable = kinds if share >= CLOSE_TO_TOPIC else kinds - _GENERIC
        given = sorted(k for k in usable if k in answers and answers[k].search(reply, start, end))
        if given:
            return True, f"a reply sentence on the topic gives {given[0]}"
    return False, "no reply sentence answers it"


def _form(sentence: str, forms: QuestionForms) -> str | None:
    """How the sentence asks: direct (a question mark or a cue), or a request; else None."""
    stripped = sentence.strip()
    if forms.skip is not None and forms.skip.fullmatch(stripped.rstrip("?!. ")):
        return None
    if stripped.endswith("?") or _opens_with_question_word(stripped, forms):
        return "direct"
    if forms.cues is not None and forms.cues.search(stripped):
        return "indirect"
    if forms.requests is not None and forms.requests.search(stripped):
        return "request"
    return None


def _opens_with_question_word(sentence: str, forms: QuestionForms) -> bool:
    """ "Onde fica a agência" with no question mark. In languages written with spaces the
    question word opens a sentence with no comma (later, or before a comma, "quando" and
    "saan" open or join clauses: "Quando cheguei, …"); Thai's question words ("เมื่อไร",
    "ที่ไหน") ask wherever they stand."""
    if forms.code in UNSPACED:
        return any(p.search(sentence) for p in forms.asks.values())
    return "," not in sentence and any(p.match(sentence) for p in forms.asks.values())


def sentences(text: str, forms: QuestionForms) -> Iterator[tuple[int, int]]:
    """Start and end offsets of the sentences in ``text``, trimmed of spaces and quote marks."""
    cut = _particle_cut(forms.sentence_ends) if forms.sentence_ends else _SENTENCE_END
    start = 0
    for match in cut.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def clauses(text: str, start: int, end: int, forms: QuestionForms) -> Iterator[tuple[int, int]]:
    """The questions one sentence joins: it is cut after a clause that a question cue ends
    ("… bị vỡ không, phí ship ai chịu?") when what follows asks too; else it is whole."""
    for match in forms.clause_breaks.finditer(text, start, end):
        head, rest = text[start : match.start()], text[match.end() : end]
        if _ends_asking(head, forms) and _asks_of_its_own(rest, forms):
            yield from _trimmed(text, start, match.start())
            yield from clauses(text, match.end(), end, forms)
            return
    yield start, end


def _asks_of_its_own(clause: str, forms: QuestionForms) -> bool:
    """A clause that asks (a question mark, cue or question word) about things it names."""
    asking = clause.rstrip().endswith("?") or _asks(clause, forms)
    return asking and len(content_words(_without_cues(clause, forms), forms)) >= 2


def _asks(clause: str, forms: QuestionForms) -> bool:
    """A clause with a question cue or question word of its own."""
    return any(p is not None and p.search(clause) for p in (forms.cues, *forms.asks.values()))


def asks(sentence: str, forms: QuestionForms) -> bool:
    """Whether a sentence asks: a question mark, a question cue or a question word."""
    return "?" in sentence or _asks(sentence, forms)


def _ends_asking(clause: str, forms: QuestionForms) -> bool:
    """A clause that ends with a question cue ("… không", "… ba"), the way a question does."""
    stripped = clause.rstrip()
    return forms.cues is not None and any(m.end() == len(stripped) for m in forms.cues.finditer(stripped))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and (text[start].isspace() or text[start] in ">-*•"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(c.isalnum() for c in text[start:end]):
        yield start, end


@functools.cache
def _particle_cut(ends: tuple[str, ...]) -> re.Pattern[str]:
    """Sentence breaks in a language written without end marks: a line break, or a space
    after a sentence-final particle (Thai "ครับ", "ไหม")."""
    after = "|".join(f"(?<={re.escape(e)})" for e in ends)
    return re.compile(rf"(?<=[.?!])\s+|\n|(?:{after})[ \t]+")


def content_words(text: str, forms: QuestionForms) -> set[str]:
    """The comparison keys of ``text``: its words less stop words, cues and numbers; stems in
    languages that inflect."""
    stop = _stop_words(forms.code) | forms.stop_words
    words = _thai_words(text) if forms.code in UNSPACED else _WORD.findall(text.casefold())
    keys = set()
    for word in words:
        word = word.casefold().strip()
        if not word or word in stop or word.isdigit() or not any(c.isalpha() for c in word):
            continue
        if forms.stem is not None:
            word = _stem(word, forms.stem)
        keys.add(word)
    return keys


@functools.cache
def _stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words for the language (Thai's come with spaCy's Thai data)."""
    from spacy.util import get_lang_class

    words = get_lang_class(code).Defaults.stop_words
    return frozenset(w.casefold() for w in words) | frozenset(w for phrase in words for w in phrase.split())


def _thai_words(text: str) -> list[str]:
    """Thai words by PyThaiNLP's dictionary-based maximal matching (``newmm``)."""
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(text, engine="newmm", keep_whitespace=False))


def _stem(word: str, stemming: Stemming) -> str:
    """The word cut to its stem: a hyphenated prefix, a listed prefix, an infix and a
    repeated first syllable off ("magbabayad" → "bayad", "binawas" → "bawas"), then its
    first letters, unaccented."""
    word = _unaccented(word).rsplit("-", 1)[-1] if "-" in word else _unaccented(word)
    prefix = next((p for p in stemming.prefixes if word.startswith(p) and len(word) - len(p) >= 4), "")
    word = word[len(prefix) :]
    if len(word) > 5 and word[1:3] in stemming.infixes and word[0] not in "aeiou":
        word = word[0] + word[3:]
    if stemming.reduplication and len(word) > 5 and word[:2] == word[2:4]:
        word = word[2:]
    return word[: stemming.length]


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
