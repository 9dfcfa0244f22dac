"""Rules across the whole guide: references, structure, reachability and safety."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from itertools import chain, repeat
from operator import attrgetter, contains, is_, not_

from . import flowgraph
from .links import BodyLink, find_links
from .model import (
    SCREEN_KINDS,
    URGENCY_LEVELS,
    URGENT_LEVELS,
    Answer,
    Flow,
    Guide,
    Outcome,
    Question,
    unnamed,
)
from .problems import ERROR, WARNING, Problem, format_key_path
from .schema import Checker
from .source_hosts import not_primary_host, url_host
from .sourcemap import KeyPath, Position, SourceMap
from .walk import MAX_TOPIC_DEPTH


def validate(guide: Guide, origins, checker: Checker, source_map: SourceMap) -> None:
    """Report every cross-reference, structure and safety problem of a built guide."""
    _Validator(guide, origins, checker, source_map).run()


class _LinkLocator:
    """Finds where each link of a string value stands in the file.

    Link targets are looked up in order in the value's raw text (from the start again for a
    reference-style link whose definition came first), so escapes, line continuations and text on
    the opening line of a multi-line string do not shift the position. When a target is not
    there verbatim (markdown-it normalised it), the link's place in the body is used.
    """

    def __init__(self, source_map: SourceMap, path: KeyPath) -> None:
        self.source_map = source_map
        self.span = source_map.value(path)
        self.source = source_map.value_source(path)
        self.cursor = 0

    def locate(self, link: BodyLink) -> Position | None:
        if self.source is not None and link.href:
            start, raw = self.source
            pattern = re.escape(link.href) + r"(?![A-Za-z0-9_-])"
            match = re.compile(pattern).search(raw, self.cursor) or re.search(pattern, raw)
            if match:
                self.cursor = match.end()
                return self.source_map.position(start + match.start())
        if self.span is not None:
            return self.span.body_position(link.line, link.col)
        return None


# Every place a `topic:` link could start, with its id and the character after it.
_TOPIC_LINK_CANDIDATE = re.compile(r"topic:([a-z0-9-]*)(.?)", re.DOTALL)
_CHARACTER_REFERENCE = re.compile(r"&[#A-Za-z0-9]+;")  # a superset of `&amp;`, `&#116;`...
_DESTINATION_ENDS = frozenset(("", ")", " ", "\t", "\n"))
_TOPIC_COLUMN_NAMES = ("id", "parent", "section", "evidence", "sources", "see_also", "kind")


def _only_known_topic_links(body: str, lowered: str, known) -> bool:
    """True when no link in `body` can have a problem, so its Markdown need not be parsed.

    A `topic:` link's destination is written literally unless it uses a character reference or
    a backslash escape; so if there are neither, "topic:" is only ever written in lowercase, and
    every `topic:ID` in the text names a known topic and ends where a link destination must end,
    no link can be wrong. Anything else gets the full parse.
    """
    if "\\" in body or ("&" in body and _CHARACTER_REFERENCE.search(body)):
        return False
    candidates = 0
    for match in _TOPIC_LINK_CANDIDATE.finditer(body):
        candidates += 1
        topic_id, after = match.groups()
        if topic_id not in known:
            return False
        start = match.start()
        if (after != ">") if start and body[start - 1] == "<" else (after not in _DESTINATION_ENDS):
            return False
    # Any `TOPIC:` or `Topic:` as well: let the parser judge it.
    return lowered.count("topic:") == candidates


# A `topic:` link written inside angle brackets, with its id and the character after it.
_ANGLED_TOPIC_LINK_CANDIDATE = re.compile(r"<topic:([a-z0-9-]*)(.?)", re.DOTALL)


def _only_known_topic_links_in_all(bodies: list[str], known) -> bool:
    """`_only_known_topic_links` for every body at once, in a few passes in C over them joined.

    Joined by newlines: no candidate, character reference or `topic:` can span one, and a
    newline after an id is as good as the end of a body.
    """
    text = "\n".join(bodies)
    if "\\" in text or ("&" in text and _CHARACTER_REFERENCE.search(text)):
        return False
    candidates = _TOPIC_LINK_CANDIDATE.findall(text)
    if text.lower().count("topic:") != len(candidates):
        return False  # a `TOPIC:` or `Topic:` somewhere: let the parser judge it
    if not candidates:
        return True
    topic_ids, after = zip(*candidates, strict=True)
    # Those in angle brackets must end with `>`, and only they may.
    angled = _ANGLED_TOPIC_LINK_CANDIDATE.findall(text) if "<topic:" in text else []
    return (
        known.keys() >= set(topic_ids)
        and all(end == ">" for _, end in angled)
        and after.count(">") == len(angled)
        and set(after) <= _DESTINATION_ENDS | {">"}
    )


def _did_you_mean(name: str, known) -> str:
    import difflib  # only a guide with mistakes pays for it

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _answers(path: flowgraph.FlowPath) -> str:
    """A path as the safety rules show it: `red-flags=none -> when=feeds`."""
    return " -> ".join(f"{step.question}={step.answer}" for step in path.steps)


class _Validator:
    def __init__(self, guide: Guide, origins, checker: Checker, source_map: SourceMap) -> None:
        self.guide = guide
        self.origins = origins
        self.checker = checker
        self.source_map = source_map
        #: (id of the known ids, target) of unknown references reported once (see `_unknown`).
        self._unknown_said: set[tuple[int, str]] = set()

    def run(self) -> None:
        self.check_topic_references()
        self.check_topic_tree()
        self.check_body_links()
        self.check_flow()
        self.check_source_urls()
        self.check_review_dates()

    # -- helpers -----------------------------------------------------------------------------
    def ref(self, path: KeyPath, target: str, known, what: str) -> bool:
        if target in known:
            return True
        message = self._unknown(f"unknown {what} `{target}`", target, known, what)
        if message:
            self.checker.report(path, message)
        return False

    def _unknown(self, message: str, target: str, known, what: str) -> str:
        """`message` about an unknown `target` with its hint; "" to say nothing, when an item
        of `known` has no usable id (reported) and `target` was named before: the references
        meant for that item are shown once, not at each reference."""
        nameless = [key for key in known if unnamed(key)]
        if not nameless:
            return message + _did_you_mean(target, known)
        if (id(known), target) in self._unknown_said:
            return ""
        self._unknown_said.add((id(known), target))
        position = self.source_map.find(known[nameless[0]])
        noun = what.split()[-1]
        where = f"the {noun} on line {position.line}" if position else f"a {noun}"
        return (f"{message}{_did_you_mean(target, known)}; {where} has no usable id: if it is "
                f"this one, give it this id (further references to `{target}` are not listed)")

    def refs(self, path: KeyPath, targets, known, what: str) -> None:
        if len(set(targets)) != len(targets):  # a reader would see it listed twice
            seen: set[str] = set()
            for index, target in enumerate(targets):
                if target in seen:
                    self.checker.report((*path, index), f"`{target}` is listed twice",
                                        WARNING)
                seen.add(target)
        if all(map(known.__contains__, targets)):
            return
        for index, target in enumerate(targets):
            self.ref((*path, index), target, known, what)

    # -- topics ------------------------------------------------------------------------------
    def check_topic_references(self) -> None:
        if self._topic_references_plainly_fine():
            return
        guide, origins, invalid = self.guide, self.origins, self.checker.is_invalid
        for topic in guide.topics.values():
            path = origins.topics[topic.id]
            # Membership first: key paths are built only for the rare reference that fails.
            if topic.parent is None:
                if topic.section not in origins.sections and not invalid((*path, "section")):
                    self.ref((*path, "section"), topic.section, origins.sections, "section")
            elif topic.parent not in origins.topics:
                self.ref((*path, "parent"), topic.parent, origins.topics, "parent topic")
            if topic.evidence is not None and topic.evidence not in origins.labels:
                self.ref((*path, "evidence"), topic.evidence, origins.labels, "evidence label")
            self.refs((*path, "sources"), topic.sources, origins.sources, "source")
            self.refs((*path, "see_also"), topic.see_also, origins.topics, "topic")
            if topic.id in topic.see_also:
                self.checker.report((*path, "see_also"), "a topic should not list itself", WARNING)
            no_sources = not topic.sources and not self.checker.is_invalid((*path, "sources"))
            no_evidence = topic.evidence is None and not self.checker.is_invalid(
                (*path, "evidence")
            )
            if invalid((*path, "kind")):
                pass  # an unknown kind (reported): the rules of no kind apply
            elif topic.kind == "remedy":
                if no_sources:
                    self.checker.report(path, "a remedy topic needs at least one source")
                if no_evidence:
                    self.checker.report(path, "a remedy topic needs an evidence label")
            elif topic.kind != "info":
                if no_evidence:
                    self.checker.report(path, "topic has no evidence label", WARNING)
                if no_sources:
                    self.checker.report(path, "topic cites no source", WARNING)
            elif topic.sources and no_evidence:
                # `info` topics may be about the guide itself (how to use it), not health claims.
                self.checker.report(path, "topic cites sources but has no evidence label", WARNING)

    def _topic_references_plainly_fine(self) -> bool:
        """True when `check_topic_references` would report nothing, found in a few passes in C
        over all topics (False: let it look at each topic)."""
        origins = self.origins
        ids, parents, sections, evidences, sources, see_also, kinds = self._topic_columns
        known_topics = origins.topics.keys()
        if not (
            known_topics >= set(parents).difference((None,))
            # Every section, not just those of top-level topics: a nested topic's is its
            # ancestor's, or "" when the chain breaks (reported, so a full look is due anyway).
            and origins.sections.keys() >= set(sections)
            and origins.labels.keys() >= set(evidences).difference((None,))
            and origins.sources.keys() >= set(chain.from_iterable(sources))
            and known_topics >= set(chain.from_iterable(see_also))
            and not any(map(contains, see_also, ids))
            and not any(len(set(listed)) != len(listed) for listed in chain(see_also, sources))
        ):
            return False
        no_evidence = map(is_, evidences, repeat(None))
        no_sources = map(not_, sources)
        for kind, without_evidence, without_sources in set(
            zip(kinds, no_evidence, no_sources, strict=True)
        ):
            if kind == "info":
                if without_evidence and not without_sources:
                    return False
            elif without_evidence or without_sources:
                return False
        return True

    @cached_property
    def _topic_columns(self) -> list[list]:
        """id, parent, section, evidence, sources, see_also and kind of every topic, by field."""
        columns = self.origins.topic_columns  # the loader's, when it built topics in bulk
        if columns is not None:
            return [columns[name] for name in _TOPIC_COLUMN_NAMES]
        topics = self.guide.topics.values()
        return [list(map(attrgetter(name), topics)) for name in _TOPIC_COLUMN_NAMES]

    def _parents_come_first(self) -> bool:
        """True when every topic's parent (if it is a topic) comes before it in the file: then
        no chain of parents can loop."""
        ids, parents = self._topic_columns[:2]
        topics = self.guide.topics
        placed: set[str] = set()
        for topic_id, parent in zip(ids, parents, strict=True):
            if parent is not None and parent not in placed and parent in topics:
                return False
            placed.add(topic_id)
        return True

    def check_topic_tree(self) -> None:
        """Parent cycles, topics the tree cannot reach, and sections with nothing in them."""
        topics = self.guide.topics
        parents_first = self._parents_come_first()
        if not parents_first:
            self._report_parent_cycles()
        if self.origins.topics.keys() != topics.keys() or self.origins.incomplete_topics:
            return  # Some topics are broken and already reported.
        self._report_too_deep(parents_first)
        used = set(self._topic_columns[2])
        for section_id in self.guide.sections:
            if section_id not in used and not unnamed(section_id):
                self.checker.report(
                    self.origins.sections[section_id], f"section `{section_id}` has no topics",
                    WARNING,
                )

    def _report_too_deep(self, parents_first: bool) -> None:
        """Each topic one level deeper than `MAX_TOPIC_DEPTH` (the ones below it follow)."""
        for topic_id in self._topics_one_level_too_deep(parents_first):
            self.checker.report(
                (*self.origins.topics[topic_id], "parent"),
                f"topic `{topic_id}` is nested {MAX_TOPIC_DEPTH + 1} levels deep; topics "
                f"may nest at most {MAX_TOPIC_DEPTH} levels (a section's own topics are "
                "level 1)",
            )

    def _topics_one_level_too_deep(self, parents_first: bool) -> list[str]:
        limit = MAX_TOPIC_DEPTH + 1
        if parents_first:  # one pass: each parent's depth is known before its children's
            ids, parents = self._topic_columns[:2]
            depth: dict[str, int] = {}
            found = []
            for topic_id, parent in zip(ids, parents, strict=True):
                depth[topic_id] = depth.get(parent, 0) + 1 if parent is not None else 1
                if depth[topic_id] == limit:
                    found.append(topic_id)
            return found
        topics = self.guide.topics
        found = []
        for topic in topics.values():  # walk up at most `limit` parents; cycles are skipped
            level, current, seen = 1, topic, {topic.id}
            while current.parent is not None and current.parent in topics and level <= limit:
                if current.parent in seen:
                    break
                seen.add(current.parent)
                current = topics[current.parent]
                level += 1
            if level == limit and (current.parent is None or current.parent not in topics):
                found.append(topic.id)
        return found

    def _report_parent_cycles(self) -> None:
        topics = self.guide.topics
        for topic in topics.values():
            chain = [topic.id]
            current = topic
            while current.parent is not None and current.parent in topics:
                if current.parent in chain:
                    cycle = chain[chain.index(current.parent) :] + [current.parent]
                    message = "parent cycle: " + " -> ".join(cycle)
                    if topic.id != min(cycle):
                        message = f"topic `{topic.id}` cannot be reached in the tree ({message})"
                    self.checker.report((*self.origins.topics[topic.id], "parent"), message)
                    break
                chain.append(current.parent)
                current = topics[current.parent]

    def check_body_links(self) -> None:
        columns = self.origins.topic_columns
        bodies = (
            list(columns["body"]) if columns is not None
            else [topic.body for topic in self.guide.topics.values()]
        )
        bodies += [outcome.body for outcome in self.guide.flow.outcomes.values()]
        if _only_known_topic_links_in_all(bodies, self.origins.topics):
            return
        for topic in self.guide.topics.values():
            body_path = (*self.origins.topics[topic.id], "body")
            self._links_in(topic.body, body_path, self.origins.topics)
        for outcome in self.guide.flow.outcomes.values():
            body_path = (*self.origins.outcomes[outcome.id], "body")
            self._links_in(outcome.body, body_path, self.origins.topics)

    def _links_in(self, body: str, body_path: KeyPath, known) -> None:
        # A `topic:` link needs "topic" in the text, in any case, unless character references
        # spell it: bodies with neither cannot hold one, and need no Markdown parse.
        lowered = body.lower()
        if "&" not in body and "topic" not in lowered:
            return
        if _only_known_topic_links(body, lowered, known):
            return  # Every `topic:` link (if any) is fine, without parsing the Markdown.
        links = find_links(body)
        messages = [self._link_problem(link, known) for link in links]
        for index, (link, message) in enumerate(zip(links, messages, strict=True)):
            if message.startswith("link to unknown topic") and link.topic_id:
                messages[index] = self._unknown(
                    f"link to unknown topic `{link.topic_id}`", link.topic_id, known, "topic"
                ) if any(map(unnamed, known)) else message
        if not any(messages):
            return
        locator = _LinkLocator(self.source_map, body_path)
        for link, message in zip(links, messages, strict=True):
            position = locator.locate(link)  # every link, in order: see _LinkLocator
            if not message:
                continue
            if position is None:
                self.checker.report(body_path, message)
                continue
            key = format_key_path(body_path, self.checker.names)
            self.checker.problems.append(
                Problem(position.line, position.col, ERROR, f"{key}: {message}", key)
            )

    @staticmethod
    def _link_problem(link: BodyLink, known) -> str:
        """What is wrong with one link of a body ("" when nothing is)."""
        target = link.topic_id
        if target is None:
            if link.href[:6].lower() == "topic:":
                return f"write the link `{link.href}` with a lowercase `topic:`"
            return ""
        if not target:
            return "link `topic:` names no topic"
        if target not in known:
            return f"link to unknown topic `{target}`{_did_you_mean(target, known)}"
        return ""

    # -- flow --------------------------------------------------------------------------------
    def check_flow(self) -> None:
        flow, origins = self.guide.flow, self.origins
        # An empty start stands in for a missing one (or no [flow] at all), reported already.
        start_known = bool(flow.start) and self.ref(
            ("flow", "start"), flow.start, origins.questions, "start question"
        )
        #: An answer leads to no question or outcome, or a question has no answers: what lies
        #: beyond cannot be reached, and saying so for each would bury the one real mistake.
        dead_end = False
        for question in flow.questions.values():
            q_path = origins.questions[question.id]
            if not question.answers and not any(
                dropped[0] == question.id for dropped in origins.dropped_answers
            ):
                named = "a question" if unnamed(question.id) else (
                    f"question `{question.id}`")
                self.checker.report(q_path, f"{named} has no answers")
                dead_end = True
            if len(question.answers) > 9:
                self.checker.report(q_path, "a question may have at most 9 answers (keys 1-9)")
            for asked, answer_id, next_id, outcome_id in origins.dropped_answers:
                if asked != question.id:
                    continue
                # Left out for naming both or neither of `next` and `outcome` (reported): where
                # it leads is still checked.
                a_path = origins.answers[(question.id, answer_id)]
                if next_id is not None:
                    dead_end |= not self.ref((*a_path, "next"), next_id, origins.questions,
                                             "question")
                if outcome_id is not None:
                    dead_end |= not self.ref((*a_path, "outcome"), outcome_id,
                                             origins.outcomes, "outcome")
            for answer in question.answers:
                a_path = origins.answers[(question.id, answer.id)]
                if answer.next is not None:
                    dead_end |= not self.ref((*a_path, "next"), answer.next, origins.questions,
                                             "question")
                else:
                    known = self.ref(
                        (*a_path, "outcome"), answer.outcome or "", origins.outcomes, "outcome"
                    )
                    dead_end |= not known
                    outcome = flow.outcomes.get(answer.outcome or "")
                    urgent = known and outcome is not None and outcome.urgency in URGENT_LEVELS
                    if urgent and outcome is not None and not answer.preview:
                        self.checker.report(
                            a_path,
                            f"answer leads to the {outcome.urgency} outcome "
                            f"`{outcome.id}` and needs a `preview`",
                        )
        for outcome in flow.outcomes.values():
            o_path = origins.outcomes[outcome.id]
            if not self.checker.is_invalid((*o_path, "urgency")):
                self.ref((*o_path, "urgency"), outcome.urgency, origins.urgencies, "urgency")
            if not self.checker.is_invalid((*o_path, "evidence")):
                self.ref((*o_path, "evidence"), outcome.evidence, origins.labels,
                         "evidence label")
            self.refs((*o_path, "recommend"), outcome.recommend, origins.topics, "topic")
            self.refs((*o_path, "sources"), outcome.sources, origins.sources, "source")
            if not outcome.get_help_if and not self.checker.is_invalid((*o_path, "get_help_if")):
                self.checker.report(o_path, "every outcome needs `get_help_if`")
            if not outcome.sources and not self.checker.is_invalid((*o_path, "sources")):
                self.checker.report(o_path, "outcome cites no source", WARNING)

        broken = origins.incomplete_flow or set(origins.questions) != set(flow.questions)
        if broken or set(origins.outcomes) != set(flow.outcomes):
            return  # Some questions or outcomes are broken; graph checks would only add noise.
        # Where every answer leads, those left out for a problem of their own included: so
        # nothing they lead to is called unreachable, and the other problems still show.
        whole = self._flow_with_dropped_answers()
        for cycle in flowgraph.find_cycles(flow):  # leaving answers out adds no cycle
            # At the `next` that leads back into the cycle, where the author made the loop.
            closing = next((answer for answer in flow.questions[cycle[-2]].answers
                            if answer.next == cycle[-1]), None)
            where = (*origins.answers[(cycle[-2], closing.id)], "next") if closing \
                else origins.questions[cycle[0]]
            self.checker.report(where, "flow cycle: " + " -> ".join(cycle))
        if not start_known or dead_end:
            return  # Reachability would only repeat those problems (see `dead_end`).
        questions, outcomes = flowgraph.reachable(whole)
        for question_id in flow.questions:
            if question_id not in questions:
                self.checker.report(
                    origins.questions[question_id],
                    f"question `{question_id}` cannot be reached from the start",
                )
        for outcome_id in flow.outcomes:
            if outcome_id not in outcomes:
                self.checker.report(
                    origins.outcomes[outcome_id],
                    f"outcome `{outcome_id}` cannot be reached from the start",
                )
        self_care = {o.id for o in flow.outcomes.values() if o.urgency == "self-care"}
        paths = flowgraph.enumerate_paths(flow)
        for path in flowgraph.unguarded_paths(flow, self_care, paths=paths)[:10]:
            self.checker.report(
                origins.outcomes[path.outcome],
                f"self-care outcome `{path.outcome}` is reached without a red-flags question "
                f"({_answers(path)})",
            )
        self.check_screens(self_care, paths)
        self.check_emergency_level(outcomes, whole)
        self.check_red_flags_order()

    def _flow_with_dropped_answers(self) -> Flow:
        """The flow with each answer left out for naming both `next` and `outcome` put back
        once for each (answers naming neither lead nowhere), where those targets exist."""
        flow = self.guide.flow
        extra: dict[str, list[Answer]] = {}
        for question_id, answer_id, next_id, outcome_id in self.origins.dropped_answers:
            if question_id not in flow.questions:
                continue
            if next_id in flow.questions:
                extra.setdefault(question_id, []).append(Answer(answer_id, "", next_id, None))
            if outcome_id in flow.outcomes:
                extra.setdefault(question_id, []).append(Answer(answer_id, "", None, outcome_id))
        if not extra:
            return flow
        questions = {
            question_id: question._replace(answers=question.answers + tuple(extra[question_id]))
            if question_id in extra else question
            for question_id, question in flow.questions.items()
        }
        return flow._replace(questions=questions)

    def check_screens(self, self_care: set[str], paths: list[flowgraph.FlowPath]) -> None:
        """Every path to a self-care outcome passes a question of each screen kind: per kind, a
        warning for each self-care outcome that a path without one reaches (showing the first
        such path), or one warning when no question screens for that kind at all."""
        flow, origins = self.guide.flow, self.origins
        if any(self.checker.is_invalid((*path, "screen")) for path in origins.questions.values()):
            return  # a wrong `screen` is reported already; these rules would only echo it
        screens = {question.screen for question in flow.questions.values()}
        for kind in SCREEN_KINDS:
            if kind not in screens:
                self.checker.report(
                    ("flow",),
                    f'no question has `screen = "{kind}"`: every path to a self-care outcome '
                    "must pass one",
                    WARNING,
                )
                continue
            reported: set[str] = set()

            def screens_for(question: Question, kind: str = kind) -> bool:
                return question.screen == kind

            for path in flowgraph.unguarded_paths(flow, self_care, screens_for, paths):
                if path.outcome in reported:
                    continue
                reported.add(path.outcome)
                self.checker.report(
                    origins.outcomes[path.outcome],
                    f"self-care outcome `{path.outcome}` is reached without a "
                    f'`screen = "{kind}"` question ({_answers(path)})',
                    WARNING,
                )

    def check_emergency_level(self, reachable_outcomes: set[str], flow=None) -> None:
        """The `emergency` level is used by an outcome the start reaches, and each emergency
        screen has an answer that leads straight to an emergency outcome (in `flow`: by default
        the guide's)."""
        flow, origins = flow or self.guide.flow, self.origins
        if any(self.checker.is_invalid((*origins.outcomes[outcome_id], "urgency"))
               for outcome_id in flow.outcomes):
            return  # a missing or wrong urgency (reported) may be the emergency one
        if not any(
            flow.outcomes[outcome_id].urgency == "emergency"
            for outcome_id in reachable_outcomes
            if outcome_id in flow.outcomes
        ):
            self.checker.report(
                ("flow",),
                "no outcome reachable from the start has the `emergency` urgency level: "
                "a reader with a sign of an emergency must be told to call for help now",
                WARNING,
            )
        for question in flow.questions.values():
            if question.screen != "emergency":
                continue
            if not any(
                (outcome := flow.outcomes.get(answer.outcome or "")) is not None
                and outcome.urgency == "emergency"
                for answer in question.answers
            ):
                self.checker.report(
                    (*origins.questions[question.id], "screen"),
                    f"question `{question.id}` screens for emergencies, but no answer leads "
                    "straight to an `emergency` outcome",
                    WARNING,
                )

    def check_red_flags_order(self) -> None:
        """In a red-flags question, the answers that lead straight to outcomes come from most
        to least urgent, so that "choose the first that fits" is safe: a warning at the first
        answer out of order."""
        flow, origins = self.guide.flow, self.origins
        for question in flow.questions.values():
            if not question.red_flags:
                continue
            # The last answer that leads straight to an outcome, and that outcome.
            before: tuple[Answer, Outcome] | None = None
            for answer in question.answers:
                outcome = flow.outcomes.get(answer.outcome or "")
                if outcome is None or outcome.urgency not in URGENCY_LEVELS:
                    continue
                if before is not None:
                    earlier, earlier_outcome = before
                    rank = URGENCY_LEVELS.index(outcome.urgency)
                    if rank > URGENCY_LEVELS.index(earlier_outcome.urgency):
                        self.checker.report(
                            (*origins.answers[(question.id, answer.id)], "outcome"),
                            f"answer leads to the {outcome.urgency} outcome `{outcome.id}` "
                            f"but comes after answer `{earlier.id}` ({earlier_outcome.urgency} "
                            f"outcome `{earlier_outcome.id}`): list a red-flags question's "
                            "answers from most to least urgent, so that choosing the first "
                            "that fits is safe",
                            WARNING,
                        )
                        break
                before = (answer, outcome)

    # -- sources -----------------------------------------------------------------------------
    def check_source_urls(self) -> None:
        """Every source is an https page on the publisher's own host: not http, and not an
        archive, mirror or staging host (`source_hosts.NOT_PRIMARY_HOSTS`)."""
        for source in self.guide.sources.values():
            path = (*self.origins.sources[source.id], "url")
            if self.checker.is_invalid(path):
                continue  # missing or wrong, and reported
            if source.url.startswith("http://"):
                self.checker.report(
                    path, f"use an https:// address, not http: `{source.url}`", WARNING
                )
            if not_primary_host(source.url) is not None:
                self.checker.report(
                    path,
                    f"`{url_host(source.url)}` is an archive, mirror or staging host; cite the "
                    "publisher's own current page",
                    WARNING,
                )

    # -- dates -------------------------------------------------------------------------------
    def check_review_dates(self) -> None:
        info = self.guide.info
        if info.review_due is not None and info.review_due < dt.date.today():
            self.checker.report(
                ("guide", "review_due"),
                f"review was due on {info.review_due.isoformat()}; review the guide",
                WARNING,
            )
        if info.review_due is not None and info.review_due < info.reviewed:
            self.checker.report(("guide", "review_due"), "review_due is before reviewed")
