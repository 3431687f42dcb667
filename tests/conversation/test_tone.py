"""Cases for blame, over-promise, rudeness, canned phrases and missing empathy."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from cscomm.conversation.tone import (
    DEFAULT_LEXICON,
    ToneType,
    find_tone_issues,
    load_lexicon,
    missing_empathy,
)
from cscomm.errors import RulePackError

# (text, type, a phrase the finding must cover)
FIRES = [
    ("As I said three times on the phone, the refund is on its way.", "rude", "As I said three times"),
    ("You should have read the terms before ordering.", "blame", "should have read"),
    ("You ought to have contacted us sooner.", "blame", "contacted us"),
    ("You must have pressed the wrong button.", "blame", "pressed"),
    ("You failed to include your account number.", "blame", "failed to include"),
    ("Unfortunately you forgot to attach the receipt.", "blame", "forgot"),
    ("Obviously you didn't tick the box at checkout.", "blame", "obviously"),
    ("Clearly you missed our reminder email.", "blame", "missed"),
    ("You've probably entered the wrong card number.", "blame", "probably"),
    ("You did not follow the instructions in the manual.", "blame", "follow"),
    ("You didn't pay the balance by the due date.", "blame", "pay"),
    ("The delay started on your side, not ours.", "blame", "on your side, not ours"),
    ("It is your responsibility to keep your password secure.", "blame", "your responsibility"),
    ("It was the customer's responsibility to check the booking.", "blame", "responsibility"),
    ("The account holder's failure to update the address caused the delay.", "blame", "failure"),
    ("If you had read our email, you would have known.", "blame", "had read"),
    ("The fee could have been avoided if you'd checked the dates properly.", "blame", "checked"),
    ("If you'd read the leaflet we sent, you'd know the pool shuts at six.", "blame", "read"),
    ("This happened because of user error.", "blame", "user error"),
    ("You were supposed to return the item within 30 days.", "blame", "supposed to"),
    ("As stated in our policy, which you agreed to, refunds take 14 days.", "blame", "agreed"),
    ("As the account holder, it is up to you to keep your details current.", "blame", "up to you"),
    ("The problem is on your end, not ours.", "blame", "your end"),
    ("You ignored our three reminder emails.", "blame", "ignored"),
    ("You chose the wrong size when you ordered.", "blame", "wrong size"),
    ("Had you contacted us earlier, we could have helped.", "blame", "contacted"),
    ("I guarantee your parcel will arrive tomorrow.", "over-promise", "guarantee"),
    ("We'll have this fixed by tomorrow, guaranteed.", "over-promise", "guaranteed"),
    ("Your refund will definitely be with you by Friday.", "over-promise", "definitely"),
    ("You will never have this problem again.", "over-promise", "never"),
    ("We guarantee that you will be reconnected today.", "over-promise", "guarantee"),
    ("I promise this will be fixed by Monday.", "over-promise", "promise"),
    ("This will never happen again.", "over-promise", "never happen again"),
    ("I can assure you this won't happen again.", "over-promise", "happen again"),
    ("We will make sure this does not happen again.", "over-promise", "happen again"),
    ("I will personally make sure this never happens again.", "over-promise", "again"),
    ("We will fix the fault immediately.", "over-promise", "immediately"),
    ("Your refund will be processed right away.", "over-promise", "right away"),
    ("You have my word that it will be sorted.", "over-promise", "my word"),
    ("I'm 100% sure it will arrive on time.", "over-promise", "100% sure"),
    ("Your replacement is guaranteed to arrive before the weekend.", "over-promise", "guaranteed"),
    ("As I already explained, the fee is non-refundable.", "rude", "already explained"),
    ("It is not the landlord's job to chase your housemates.", "rude", "not the landlord's job"),
    ("The voucher had expired, surprise surprise, so the till refused it.", "rude", "surprise surprise"),
    ("Newsflash: the café closes at four on Sundays.", "rude", "Newsflash"),
    ("I'm sure you can understand that we cannot refund a used mattress.", "rude", "sure you can understand"),
    ("Checking the help pages before you contact us saves everyone time.", "rude", "before you contact"),
    ("The date is in bold on the ticket, which we'd have thought was hard to miss.", "rude", "hard to miss"),
    ("I would have assumed the instructions were self-explanatory.", "rude", "self-explanatory"),
    ("Your party sounded cheap and nasty anyway.", "rude", "cheap and nasty"),
    ("The van was sent by the courier, not by us, so ask them.", "blame", "not by us"),
    ("We cannot be held responsible if members lose their keys.", "blame", "be held responsible"),
    ("I can promise you the lift will be working by Monday.", "over-promise", "promise you"),
    ("It is not the gym's responsibility to remind members of their renewal.", "rude", "responsibility"),
    ("You are clueless about how meters work.", "rude", "clueless"),
    ("We are not responsible for changes to your travel plans.", "rude", "not responsible"),
    ("You will need to actually read the letter we sent.", "rude", "actually read"),
    ("The delay is down to you not sending the form.", "blame", "down to you not"),
    ("Your new boiler is guaranteed by Monday 4 May.", "over-promise", "guaranteed"),
    ("The engineer came twice, but you didn't reply to his texts.", "blame", "didn't reply"),
    ("Thanks so much for chasing us four times this week.", "rude", "chasing us"),
    ("I am telling you for the second time: the fee stands.", "rude", "second time"),
    ("Since you are clueless about meters, leave it to us.", "rude", "clueless"),
    ("As you were abusive to our driver, we have closed the account.", "rude", "abusive"),
    ("May I suggest checking the delivery note more closely next time.", "rude", "more closely"),
    ("Listen, you idiot, the form is online.", "rude", "you idiot"),
    ("You people never read the terms.", "rude", "You people"),
    ("We will not accept being called a bunch of shitty clowns.", "rude", "shitty"),
    ("I will explain it in a way you can understand.", "rude", "you can understand"),
    ("Let me spell this out slowly.", "rude", "spell this out slowly"),
    ("Even a child could follow these steps.", "rude", "child could follow"),
    ("Some of you clearly can't be bothered to read it.", "rude", "be bothered"),
    ("I'm sure you will agree this is minor.", "rude", "sure you will agree"),
    ("There was no need to call us six times.", "rude", "no need to call"),
    ("It works if you actually read the guide.", "rude", "actually read"),
    ("As it clearly says in your contract, the fee applies.", "rude", "clearly says"),
    ("We shouldn't have to keep explaining this.", "rude", "keep explaining"),
    ("Most of our customers manage it without help.", "rude", "customers manage"),
    ("Per my last email, the deadline was 3 May.", "rude", "Per my last email"),
    ("As we have already said in two letters, the meter is compulsory.", "rude", "already said"),
    ("For the third time, we do not offer refunds on sale items.", "rude", "third time"),
    ("I have already told you this several times.", "rude", "told you"),
    ("As previously stated, our offices are closed on Sundays.", "rude", "previously stated"),
    ("As is clearly explained on our website, claims close after 28 days.", "rude", "clearly explained"),
    ("Our website, which you may wish to read before writing, lists the fares.", "rude", "wish to read"),
    (
        "As I'm sure you can appreciate, I manage a large number of candidates.",
        "rude",
        "sure you can appreciate",
    ),
    (
        "The driver reads them out, so you could have refused the milk at the door.",
        "blame",
        "could have refused",
    ),
    ("Frankly I'm surprised some of you still haven't managed to finish it.", "rude", "surprised"),
    ("Please calm down so we can sort this out.", "rude", "calm down"),
    ("We have already explained this to you.", "rude", "explained"),
    ("You need to understand that we cannot refund opened software.", "rude", "understand"),
    ("Please stop emailing us about this.", "rude", "stop emailing"),
    ("You are lazy and stupid.", "rude", "lazy and stupid"),
    ("Your idea was stupid from the start.", "rude", "stupid"),
    ("What a stupid question.", "rude", "stupid"),
    ("Honestly, this is crap.", "rude", "crap"),
    ("The lounge is for gold members, which sadly you are not.", "rude", "you are not"),
    ("I won't and can't waste my time on this again.", "rude", "waste my time"),
    ("We have better things to do than read this.", "rude", "better things to do"),
    ("We have lives outside the club, you know.", "rude", "lives outside"),
    ("Maybe stick within your means and choose a smaller package.", "rude", "within your means"),
    ("Frankly, this hotel is out of your league.", "rude", "out of your league"),
    ("As stated clearly on the booking page, the fee is not refundable.", "rude", "stated clearly"),
    ("If you are unhappy, take your business elsewhere.", "rude", "business elsewhere"),
    ("Go and shop somewhere cheaper then.", "rude", "somewhere cheaper"),
    ("We will make sure nothing of the sort ever happens again.", "over-promise", "ever happens again"),
    ("Had you locked the bike, we would not be having this conversation.", "blame", "locked"),
    ("The delay is entirely down to you.", "blame", "down to you"),
    ("Let me keep it simple for you.", "rude", "simple for you"),
    ("This really isn't that hard.", "rude", "that hard"),
    ("I'm sure this comes as a huge surprise, but prices rise.", "rude", "surprise"),
    ("It's plain common sense.", "rude", "common sense"),
    ("Shouting is not how grown-ups resolve a dispute.", "rude", "grown-ups"),
    ("Messages like this make you come across as rather aggressive.", "rude", "aggressive"),
    ("If you had kept the box, this would never have happened.", "blame", "kept"),
    ("We will not be discussing this any further.", "rude", "discussing"),
    ("We value your business.", "canned", "value your business"),
    ("Your call is important to us.", "canned", "important to us"),
    ("We apologise for any inconvenience this may have caused.", "canned", "any inconvenience"),
    ("Thank you for your patience and understanding.", "canned", "patience and understanding"),
    ("Please do not hesitate to contact us.", "canned", "hesitate"),
    ("Your satisfaction is our top priority.", "canned", "top priority"),
]

# Look-alikes: self-blame, honest limits, product features, neutral reminders.
CLEAN = [
    "We have a small surprise for you: your next month is free.",  # a surprise, not a jeer
    "Our depot is hard to miss: it is the blue shed next to the station.",  # directions
    "It is not our role to give legal advice, but the advice line below can help.",  # a boundary
    "It was our mistake, not yours, and we have refunded the fee.",  # the writer owns it
    "We will be held to the new date, and the courier has confirmed it.",  # held to a date
    "A promise made on the phone will be honoured.",  # the noun
    "If you'd read the enclosed form and sign it, we can open the account.",  # 'd is "would"
    "As we explained on the phone, the engineer comes on Monday.",  # a reference, not a reproach
    "We tried three times to deliver the parcel.",  # a count of attempts
    "If the router ever gives you trouble again, call us on the number below.",  # given, not named
    "If you are unhappy with our decision, you can ask the ombudsman to review it.",  # supposed
    "Your boiler is guaranteed by the manufacturer for five years.",  # who guarantees, not a deadline
    "We are responsible for the parcel until it reaches you.",
    "We have not had a reply from you yet, so the booking is on hold.",
    "Thank you for reminding us about the refund.",
    "I'm really sorry you got the wrong order.",  # done to the reader
    "I am sorry that your appointment was cancelled again, and for the second time.",
    "We can suggest options within your budget.",
    "As stated in your contract, the fee is £20 a month.",
    "If the price is out of your range, the smaller package costs less.",
    "You can also buy the cable elsewhere; any USB-C cable works.",
    "The tariff pays only for exported power, so you won't be paid for the days it is off.",
    "I'm sure you will love the new model, and I'm surprised it took this long to arrive.",
    "You could have been charged twice, so we checked every payment.",
    "You should have received a confirmation email by now.",
    "You may have noticed a change to your statement.",
    "It's not your fault, and I'm sorry it happened.",
    "You must have been so worried.",
    "If you didn't receive the code, we can send it again.",
    "We should have told you about the fee.",
    "Our system should have applied your discount automatically.",
    "You haven't sent the form yet, so here is a new link.",
    "Since you had not paid by card before, the first order needed a quick check.",
    "We can extend the deadline to cover the week you were ill.",
    "We held the bill while you were unwell.",
    "We are looking at the logs more closely today.",
    "We will check our invoices more closely in future.",
    "Please check that the cable is plugged in.",
    "You probably know that the store closes at 6pm.",
    "It is our responsibility to make sure your data is safe.",
    "We made a mistake with your bill, and I'm sorry.",
    "You clearly care a lot about your garden, so I've asked our best fitter to help.",
    "You could have a refund or a replacement, whichever you prefer.",
    "I can't guarantee a delivery date, but I'll chase the courier today.",
    "All our kettles come with a two-year guarantee.",
    "We send our own fitter and guarantee the installation for two years.",
    "You'll get a guaranteed price on the spot.",
    "I promise to keep you updated as soon as I hear back.",
    "Your parcel was damaged in transit, so we sent a new one.",
    "Your card is broken, so a new one is on its way.",
    "I'm sorry, we really screwed up your order.",
    "You are right, and I am sorry.",
    "Your account is overdue by two days.",
    "There is no need to send the form again.",
    "Customers like you keep us going, thank you.",
    "If you read the guide on page 4, the steps are there too.",
    "As the contract says, the fee is waived for your first month.",
    "We assure you that the water supply will be restored as soon as the repair is complete.",
    "I promise we can and will be better at this.",
    "To make sure it does not happen again, we are adding a second check.",
    "The report lists the fixes we are making so that the fault does not happen again.",
    "We'll email you immediately after the engineer's visit.",
    "We cancelled the order immediately.",
    "The refund is 100% of the ticket price.",
    "It never happened again after the update.",
    "We will do our best to have it with you by Friday.",
    "As I mentioned on the phone, the engineer will arrive at 9am.",
    "I have already refunded the delivery charge.",
    "I have already confirmed it with the courier.",
    "As promised, here is the invoice.",
    "I'm sorry the delay stopped you getting to the wedding.",
    "Thank you for your patience while we fixed the line.",
    "If you have already paid, please ignore this letter.",
    "If you had received the email, you would have seen the code.",
    "I will definitely call you back tomorrow.",
    "You will definitely love the new features.",
    "We won't charge you again for this month.",
    "If you entered the wrong card number, just update it in the app.",
    "Our courier left the parcel at the wrong address.",
    "You did nothing wrong.",
    "You clearly put a lot of thought into your feedback, so thank you.",
    "We will process your refund immediately after we receive the item.",
    "Your data is guaranteed to be deleted within 30 days under our policy.",
    "We can assure you that your card details were never shared.",
    "You missed our driver yesterday, so we've rebooked the delivery for Friday.",
    "It's simple to set up: open the app and tap Start.",
    "The fault lies with our supplier, not with you.",
    "It's up to you whether you keep the old handset.",
    "Our first reply was careless and stupid, and we are sorry.",
    "It sounds like you are very angry about the charge.",
    "I know you are upset that the engineer did not come.",
    "I'm sorry you are frustrated with the app.",
    "If you are not at home, the driver will leave a card.",
    "We do not spend your money without asking.",
    "Nothing has happened to your savings.",
    "You had already paid, so we refunded the second charge.",
    "Which colour you pick is down to you.",
    "The setup is not that complicated, and I've attached a guide.",
    "Keep it simple: tap Start and follow the steps.",
    "If we had known, we would not have charged you.",
]


@pytest.mark.parametrize(("text", "kind", "phrase"), FIRES, ids=[t for t, _, _ in FIRES])
def test_tone_issue_fires(nlp: Language, text: str, kind: str, phrase: str) -> None:
    doc = nlp(text)
    spans = [doc.text[i.start : i.end] for i in find_tone_issues(doc) if i.type == kind]
    assert any(phrase.lower() in s.lower() for s in spans), spans


@pytest.mark.parametrize("text", CLEAN)
def test_tone_issue_does_not_fire(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert [(i.type, doc.text[i.start : i.end]) for i in find_tone_issues(doc)] == []


def test_span_is_the_phrase_not_the_paragraph(nlp: Language) -> None:
    text = "Thanks for your email. Obviously you didn't confirm the pause. I've refunded you."
    doc = nlp(text)
    [issue] = find_tone_issues(doc)
    assert doc.text[issue.start : issue.end] == "Obviously you didn't confirm the pause"
    assert issue.type is ToneType.BLAME
    assert issue.suggestion


def test_overlapping_findings_of_one_type_are_merged(nlp: Language) -> None:
    doc = nlp("Rest assured, I can assure you this will never happen again.")
    issues = find_tone_issues(doc)
    assert [i.type for i in issues] == [ToneType.OVER_PROMISE]


EMPATHY = [
    # (customer, reply, missing)
    (
        "This is the third time my order has arrived damaged. I'm really disappointed.",
        "Your replacement will be sent on Monday.",
        True,
    ),
    (
        "I was charged twice for my subscription and nobody has answered my emails.",
        "The duplicate payment has been refunded to your card.",
        True,
    ),
    (
        "This is the third time my order has arrived damaged. I'm really disappointed.",
        "I'm so sorry about this. Your replacement will be sent on Monday.",
        False,
    ),
    (
        "My router keeps dropping the connection and the app shows an error.",
        "I understand how frustrating that must be. An engineer will visit on Friday.",
        False,
    ),
    ("Can I change my delivery address to my office?", "Yes, I've updated the address on your order.", False),
    (
        "Could you tell me whether the Leeds store is open on Sunday?",
        "The Leeds store is open from 10am to 4pm on Sundays.",
        False,
    ),
]


@pytest.mark.parametrize(("customer", "reply", "missing"), EMPATHY)
def test_missing_empathy(nlp: Language, customer: str, reply: str, missing: bool) -> None:
    assert missing_empathy(nlp(customer), nlp(reply)) is missing


def test_default_lexicon_has_every_section() -> None:
    lex = load_lexicon(DEFAULT_LEXICON)
    assert {kind for kind, _ in lex.phrases} == set(ToneType)
    assert all(lex.suggestion(kind) for kind in ToneType)
    assert "passenger" in lex.customer_roles


@pytest.mark.parametrize(
    "content",
    ["- just\n- a list\n", "blame:\n  - '(?:unclosed'\n", "canned: not-a-list\n", "blame: [\n"],
)
def test_bad_lexicon_is_a_rule_pack_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "lexicon.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulePackError):
        load_lexicon(path)
