"""Built-in Python rules (rules that need the parse or a dictionary)."""

from __future__ import annotations

from cscomm.checks.agreement import SingularSubjectAgreement, SubjectVerbAgreement
from cscomm.checks.apostrophe import ApostropheForPlural
from cscomm.checks.base import Rule
from cscomm.checks.clarity import AllCapsShouting, PassiveVoice, UndefinedAcronym
from cscomm.checks.comparison import ThenForThan
from cscomm.checks.conversation import (
    BlamingLanguage,
    CannedPhrase,
    IncompleteHandoff,
    MissingEmpathy,
    MissingNextAction,
    OverPromise,
    RudeLanguage,
    UnansweredQuestion,
    VagueFollowUp,
)
from cscomm.checks.courtesy import RequestWithoutPlease
from cscomm.checks.particles import QuestionParticleOnStatement
from cscomm.checks.possessive import PossessiveForYouAre
from cscomm.checks.sendstoppers import (
    MissingAttachment,
    OutboundSecret,
    UnfilledPlaceholder,
    WrongCustomerName,
)
from cscomm.checks.verb_form import VerbForm
from cscomm.checks.word_class import VerbForNoun
from cscomm.checks.word_lists import MissingAccent, ToneMarkSlip

BUILTIN_RULES: tuple[type[Rule], ...] = (
    RequestWithoutPlease,
    PassiveVoice,
    UndefinedAcronym,
    AllCapsShouting,
    UnansweredQuestion,
    MissingNextAction,
    VagueFollowUp,
    IncompleteHandoff,
    BlamingLanguage,
    RudeLanguage,
    OverPromise,
    CannedPhrase,
    MissingEmpathy,
    UnfilledPlaceholder,
    WrongCustomerName,
    MissingAttachment,
    OutboundSecret,
    SubjectVerbAgreement,
    SingularSubjectAgreement,
    VerbForm,
    ThenForThan,
    PossessiveForYouAre,
    ApostropheForPlural,
    VerbForNoun,
    ToneMarkSlip,
    MissingAccent,
    QuestionParticleOnStatement,
)
