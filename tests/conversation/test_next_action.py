"""Cases for next actions, vague follow-ups and incomplete holds or transfers."""

from __future__ import annotations

import pytest
from spacy.language import Language

from cscomm.conversation.next_action import (
    ActionKind,
    find_next_actions,
    incomplete_handoffs,
    vague_follow_ups,
)

INSTRUCTIONS = [
    "Please send us a photo of the damaged box.",
    "Just reply to this email with your order number and I'll take it from there.",
    "You can track your parcel at any time using the link in your dispatch email.",
    "You'll need to bring photo ID when you collect the keys.",
    "Call us on 0800 123 4567 if the engineer hasn't arrived by noon.",
    "Click the link below to reset your password.",
    "To cancel, sign in to your account and choose Manage subscription.",
    "Could you let me know which address you'd like us to use?",
    "Feel free to keep the spare charger.",
    "Fill in the enclosed form and return it in the prepaid envelope.",
    "Before Friday, please:\n- print the label;\n- attach it to the box.",
    "Let us know which day suits you best.",
    "Simply bring the receipt to any of our stores.",
    "Kindly confirm the new delivery date.",
    "We'd recommend resetting the router.",
    # a step for someone the reader speaks for
    "Your daughter will need to bring her student card to the box office.",
    "Your wife can join the plan at any branch, and she should bring her passport.",
    "Your son can sit the eye test at our Bath branch. The fee is £25, and he will need to bring his glasses.",
    "It's worth checking your spam folder.",
    "Would you like us to send a replacement or a refund?",
    "Do you still have the original packaging?",
    "Please allow five working days for the money to reach your account.",
    "From today every parcel must be weighed before it is sealed.",
    "All staff must complete the training module by Friday.",
    "Cashiers must not accept cheques after 1 May.",
    "Drivers need to sign the sheet at the gate.",
    "Visitors are required to wear a badge.",
    "Until the repair is done, it is advisable to keep a few bottles of water at home.",
    "It is best to call us before noon on weekdays.",
]

COMPANY_STEPS = [
    "We will send a replacement kettle by Thursday.",
    "I'll call you on Thursday afternoon to confirm.",
    "Your refund will arrive within 5 working days.",
    # the parser hangs the deadline on "statement"; it still times the verb
    "Depending on your bank, it should show on your statement within 5–10 business days.",
    "The refund went back to your card today. It normally shows within three to five working days.",
    "A courier will collect the sofa on Monday between 8am and 1pm.",
    "Our technician is booked to visit on 14 May.",
    "We're going to replace the whole unit next week.",
    "Your new card is on its way and should reach you by Friday.",
    "You will receive a confirmation email shortly.",
    "Someone from our returns team will be in touch.",
    "The engineer is scheduled to visit your home on Tuesday.",
    "The replacement has been dispatched and should be with you tomorrow.",
    "We expect to have the line restored by Thursday.",
    "The next step is for our surveyor to visit your property.",
    "Your engineer, Dave, arrives at 10am on Tuesday.",
    "We've arranged for an engineer to visit on Monday.",
    "You should receive the refund within 5 days.",
    "We are sending a replacement tomorrow.",
    "It can take 3 to 5 working days for the refund to show on your statement.",
    "The course starts on Monday 4 May.",
]

NO_ACTION_NEEDED = [
    "You don't need to do anything else.",
    "There's nothing more you need to do.",
    "No further action is needed on your part.",
    "We don't need anything further from you.",
    "You can safely ignore the reminder letter.",
    "You do not have to take any action.",
    "There is no need for you to fill in a new form.",
]

# Explanations, apologies, courtesies and past events: nothing happens next.
NO_NEXT_ACTION = [
    "Your parcel should be with you soon.",  # a thing, not a person the reader speaks for
    "The technician will need to look at the boiler.",  # the company's side, no day
    "It was important to us to find the cause quickly.",
    "The attached report explains the fault and the upgrades we are making.",
    "It is important to us that you are happy with the repair.",
    "Refund eligibility for cancelled shows is determined by the venue under its own terms.",
    "Prices for the tour are set by the operator, not by us.",
    "Your comments will be used to train our staff.",
    "We will learn from what went wrong here.",
    "Thank you for the photos of the shoes you had to replace.",
    "Our engineers have identified the cause of the outage.",
    "The delay was caused by a fault at our depot. We are sorry for the trouble this has caused.",
    "I understand how frustrating this has been, and I'm sorry. Thank you for your patience.",
    "The charge appeared because your trial ended on 3 March.",
    "We have passed your feedback to the store manager.",
    "Thank you for bearing with us while we looked into this.",
    "Have a lovely weekend!",
    "If you have any other questions, please don't hesitate to contact us.",
    "Let us know if you need anything else.",
    "Feel free to contact us if you have any further questions.",
    "I can confirm that the mast in your area was damaged in the storm.",
    "This will help us improve our service.",
    "Our team is looking into it.",
    "It was a pleasure to help.\n\nKind regards,\nSam",
    "You may have noticed a change to your bill last month.",
    "We were unable to deliver the parcel because nobody was home.",
    "Your account was set up on 4 March.",
    "I hope this helps. Take care and stay safe.",
    "We would like to apologise for the mix-up with your order.",
    "As you can see, the fee was applied correctly.",
    "Please accept our apologies for the delay.",
    "Please note that the offer ended on 1 June.",
    "We will always do our best for our customers.",
    "It will be easier next time.",
    "I'd be happy to help with anything else.",
    "Rest assured that we take this seriously.",
    "You can imagine how busy the team has been.",
    "We are writing about your complaint regarding the delay to your train on 3 May.",
    "To: All staff\nFrom: Facilities\nSubject: Car park changes",
    "Since Friday another tenant on the same node has been saturating the disks.",
    "Books left in the book drop are checked in when the library opens the next morning.",
    "We must apologise for the delay.",
    "It must be frustrating to wait this long.",
    "Your parcel must have been misrouted at the depot.",
    "I've attached the full report so you can compare it with your own.",
    "This is why the battery ran out before you could return.",
]


@pytest.mark.parametrize("text", INSTRUCTIONS)
def test_customer_instruction(nlp: Language, text: str) -> None:
    kinds = {a.kind for a in find_next_actions(nlp(text))}
    assert ActionKind.CUSTOMER_INSTRUCTION in kinds


@pytest.mark.parametrize("text", COMPANY_STEPS)
def test_company_step(nlp: Language, text: str) -> None:
    kinds = {a.kind for a in find_next_actions(nlp(text))}
    assert ActionKind.COMPANY_STEP in kinds


@pytest.mark.parametrize("text", NO_ACTION_NEEDED)
def test_no_action_needed(nlp: Language, text: str) -> None:
    kinds = {a.kind for a in find_next_actions(nlp(text))}
    assert kinds == {ActionKind.NO_ACTION_NEEDED}


@pytest.mark.parametrize("text", NO_NEXT_ACTION)
def test_no_next_action(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert [doc.text[a.start : a.end] for a in find_next_actions(doc)] == []


@pytest.mark.parametrize(
    ("text", "timed"),
    [
        ("We will send the signs within five working days.", True),
        ("We will send the signs once the order is issued.", False),
        ("Please book your place by Friday 13 March.", True),
    ],
)
def test_has_timeframe(nlp: Language, text: str, timed: bool) -> None:
    actions = find_next_actions(nlp(text))
    assert actions
    assert all(a.has_timeframe is timed for a in actions)


def test_action_span_is_the_clause(nlp: Language) -> None:
    doc = nlp("I'm sorry about the wait. We will refund the fee by Friday.")
    [action] = find_next_actions(doc)
    assert doc.text[action.start : action.end] == "We will refund the fee by Friday"


VAGUE = [
    ("We will get back to you as soon as possible.", "We will get back to you as soon as possible"),
    ("Someone will be in touch shortly.", "Someone will be in touch shortly"),
    ("We'll update you soon.", "We'll update you soon"),
    ("I'll let you know once I hear from the warehouse.", None),
    ("Our team will look into this and contact you.", None),
    ("You will be contacted in due course.", None),
    ("We'll keep you posted.", None),
]

NOT_VAGUE = [
    "We will get back to you by Friday 6 June.",
    "I'll call you tomorrow morning.",
    "We'll update you within 48 hours.",
    "We'll be in touch before 5pm today.",
    "We will send you a replacement.",
    "Please get back to us when you can.",
]


@pytest.mark.parametrize(("text", "span"), VAGUE, ids=[t for t, _ in VAGUE])
def test_vague_follow_up(nlp: Language, text: str, span: str | None) -> None:
    doc = nlp(text)
    found = [doc.text[a:b] for a, b in vague_follow_ups(doc)]
    assert found
    if span is not None:
        assert span in found


@pytest.mark.parametrize("text", NOT_VAGUE)
def test_follow_up_with_timeframe_or_no_follow_up(nlp: Language, text: str) -> None:
    assert vague_follow_ups(nlp(text)) == []


HANDOFFS = [
    ("I'm going to put you on hold.", "how long"),
    ("Please hold the line.", "how long"),
    ("Can you hold for a moment?", "how long"),
    ("I will transfer you to another department.", "to whom, why"),
    ("I have passed your complaint to the relevant team.", "to whom, why"),
    ("Your case has been escalated.", "to whom, how long"),
    ("I'm transferring your call to our billing team.", "why"),
    ("I've forwarded your email to a colleague.", "to whom, why"),
]

COMPLETE_HANDOFFS = [
    "I'll put you on hold for about two minutes while I check the order.",
    "I'm transferring you to Maria in our billing team, who can change your payment date.",
    "I've escalated your case to our complaints manager, who will reply within 3 working days.",
    "I've passed your order details to our warehouse manager so they can check the packing.",
    "I have forwarded your claim to our loss adjusters to arrange a visit. They will call by Friday.",
    "Please pass this on to your finance team.",
    "Hold on to your receipt.",
    "The total held with us is under £50,000, so probate is not needed.",
    "We will hold your order until Monday.",
]


@pytest.mark.parametrize(("text", "missing"), HANDOFFS, ids=[t for t, _ in HANDOFFS])
def test_incomplete_handoff(nlp: Language, text: str, missing: str) -> None:
    assert [m for _, _, m in incomplete_handoffs(nlp(text))] == [missing]


@pytest.mark.parametrize("text", COMPLETE_HANDOFFS)
def test_complete_handoff_or_none(nlp: Language, text: str) -> None:
    assert incomplete_handoffs(nlp(text)) == []
