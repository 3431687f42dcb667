"""Memory over a long run: a check leaves the shared spaCy vocabulary as it found it (each
runs in a memory zone), with the same findings as without one."""

from __future__ import annotations

from cscomm import Linter
from cscomm.draft import Draft
from cscomm.server import ApiServer

CUSTOMER = "Hi, where is my order? I paid for express delivery."


def drafts() -> list[Draft]:
    return [
        Draft(
            f"Hi Zorblax{n},\n\nThanks for writing. Your order QX-{n:05d} of frumbleglass{n} ships on "
            "Friday, and I've refunded the express fee.\n\nBest,\nAna\n",
            f"reply{n}.txt",
            CUSTOMER,
        )
        for n in range(12)
    ]


def test_checks_leave_the_vocabulary_as_they_found_it(server: ApiServer) -> None:
    checker = server.checker
    strings = checker.linter.pipeline.nlp.vocab.strings
    checker.check(drafts()[0], None)  # whatever a first check loads for good
    before = len(strings)
    served = [checker.check(draft, None).to_dict() for draft in drafts()]
    served += [checker.check(drafts()[0], None).to_dict()]  # its customer parse was dropped, not reused
    assert len(strings) == before
    linter = Linter(backend_process=False)
    direct = [linter.check(d.text, path=d.path, incoming=d.incoming) for d in [*drafts(), drafts()[0]]]
    assert [s["files"][0] for s in served] == [r.to_dict() for r in direct]
    assert len(strings) > before  # without a zone, the same checks add their words
