"""Accents left off a word: wordfreq's ratio of the marked to the bare word decides."""

from __future__ import annotations

import pytest

from cscomm.accents import missing_accents
from cscomm.language_packs import language_packs

PT = language_packs()["pt"]


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], fix) for s, e, fix in missing_accents(text, PT.accents, PT.wordfreq)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("O valor cai apos a análise.", [("apos", "após")]),
        ("Assim que voce confirmar, enviamos.", [("voce", "você")]),
        ("A troca foi concluida ontem.", [("concluida", "concluída")]),
    ],
)
def test_a_word_without_its_accents_is_found(text: str, found: list[tuple[str, str]]) -> None:
    assert _found(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Esta é a nova fatura, e ela está paga.",  # both are words: "esta" and "está"
        "Publico o aviso amanhã; analise o contrato com calma.",  # verbs beside nouns ("público")
        "Escreva para prevencao@exemplo.com.br ou acesse exemplo.com/locacao.",  # an address
        "Jose Antonio assinou o pedido.",  # a name, spelt as its owner spells it
        "O time respondeu: so far, so good.",  # English words, in a Portuguese reply
    ],
)
def test_a_word_in_its_own_right_is_left_alone(text: str) -> None:
    assert _found(text) == []
