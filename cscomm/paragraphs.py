"""A blank line ends a sentence, whatever the parser would guess.

spaCy's parser sets sentence boundaries itself, and it may run a sentence on across a
paragraph break when the line before ends in what looks like an initial ("… in zone K.")
or has no full stop at all (a heading, a list item). The sentence after the break is then
parsed as part of the one before: "costs" in "A Carer's Permit costs £25 a year." becomes a
noun, and the answer to "How much does it cost?" goes unseen. This component, run before
the parser, marks the first word after a blank line as a sentence start, which the parser
keeps.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "cscomm_paragraph_breaks"


@Language.component(COMPONENT)
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after each blank line."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> None:
    """Put the component in front of the pipeline's parser (if it has one)."""
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
