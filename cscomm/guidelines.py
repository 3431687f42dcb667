"""The writing guidelines that rules cite (``G1``…``S2``), each in a few words.

Paraphrased from the project's guidelines document, which distils five customer-service
handbooks; the letter names the channel a guideline comes from.
"""

from __future__ import annotations

CHANNELS = {
    "G": "every channel",
    "L": "letters and memos",
    "E": "email and online forms",
    "P": "phone and call-centre scripts, and their written follow-ups",
    "S": "procedures and internal memos",
}

GUIDELINES = {
    "G1": "stay courteous and professional, even when the problem is not your doing",
    "G2": "answer every one of the customer's questions; never ignore a message",
    "G3": "before closing, check that every question was answered and offer further help",
    "G4": "when you cannot solve it now, say you will come back once you know how (or escalate)",
    "G5": "treat the customer with respect and show that you understand how they feel",
    "G6": "set realistic expectations: be honest and never promise what you cannot deliver",
    "G7": "be timely: reply quickly and say when things will happen",
    "L1": "written replies carry authority: make them clear, informative, timely and accurate",
    "L2": "after reading, the customer must know what is expected of them next",
    "L3": "keep the tone courteous and professional",
    "L4": "check spelling and grammar before printing or sending",
    "E1": "stay courteous and mind vocabulary, spelling and grammar",
    "E2": "email may be a little less formal than a letter, but stays professional",
    "E3": "keep messages clear and simple",
    "E4": "never ignore an email; answer all of the customer's questions",
    "P1": "open with your name, the organisation's name and an offer to help",
    "P2": "thank the customer at the start and the end, and say “please” when you ask for something",
    "P3": "before a hold or a transfer, say how long or to whom and why; give a direct callback number",
    "P4": "when it takes more steps, say when the customer will hear back or have a resolution",
    "P5": "do not ask the customer again for information they already gave",
    "P6": "use scripts as a guide, not word for word: sound genuine, not canned",
    "P7": "listen, and keep a calm, caring tone with upset customers",
    "S1": "a procedure gives its title, department, purpose, terms (jargon and acronyms defined) and steps",
    "S2": "a procedure says how fast to respond and when to escalate",
}


def explain(guideline: str) -> str:
    """``"E3 (email and online forms): keep messages clear and simple"``."""
    meaning = GUIDELINES.get(guideline, "not in the guidelines")
    channel = CHANNELS.get(guideline[:1])
    return f"{guideline} ({channel}): {meaning}" if channel else f"{guideline}: {meaning}"
