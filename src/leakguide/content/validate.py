"""Rules across the whole guide: references, structure, reachability and safety."""

from __future__ import annotations

import datetime as dt
import re

from . import flowgraph
from .links import BodyLink, find_links
from .model import URGENT_LEVELS, Guide
from .problems import ERROR, WARNING, Problem, format_key_path
from .schema import Checker
from .sourcemap import KeyPath, Position, SourceMap


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


def _did_you_mean(name: str, known) -> str:
    import difflib  # only a guide with mistakes pays for it

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


class _Validator:
    def __init__(self, guide: Guide, origins, checker: Checker, source_map: SourceMap) -> None:
        self.guide = guide
        self.origins = origins
        self.checker = checker
        self.source_map = source_map

    def run(self) -> None:
        self.check_topic_references()
        self.check_topic_tree()
        self.check_body_links()
        self.check_flow()
        self.check_review_dates()

    # -- helpers -----------------------------------------------------------------------------
    def ref(self, path: KeyPath, target: str, known, what: str) -> bool:
        if target in known:
            return True
        self.checker.report(path, f"unknown {what} `{target}`{_did_you_mean(target, known)}")
        return False

    def refs(self, path: KeyPath, targets, known, what: str) -> None:
        for index, target in enumerate(targets):
            self.ref((*path, index), target, known, what)

    # -- topics ------------------------------------------------------------------------------
    def check_topic_references(self) -> None:
        guide, origins = self.guide, self.origins
        for topic in guide.topics.values():
            path = origins.topics[topic.id]
            if topic.parent is None:
                self.ref((*path, "section"), topic.section, origins.sections, "section")
            else:
                self.ref((*path, "parent"), topic.parent, origins.topics, "parent topic")
            if topic.evidence is not None:
                self.ref((*path, "evidence"), topic.evidence, origins.labels, "evidence label")
            self.refs((*path, "sources"), topic.sources, origins.sources, "source")
            self.refs((*path, "see_also"), topic.see_also, origins.topics, "topic")
            if topic.id in topic.see_also:
                self.checker.report((*path, "see_also"), "a topic should not list itself", WARNING)
            no_sources = not topic.sources and not self.checker.is_invalid((*path, "sources"))
            no_evidence = topic.evidence is None and not self.checker.is_invalid(
                (*path, "evidence")
            )
            if topic.kind == "remedy":
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

    def check_topic_tree(self) -> None:
        """Parent cycles, topics the tree cannot reach, and sections with nothing in them."""
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
        if set(self.origins.topics) != set(topics):
            return  # Some topics are broken and already reported.
        used = {topic.section for topic in topics.values()}
        for section_id in self.guide.sections:
            if section_id not in used:
                self.checker.report(
                    self.origins.sections[section_id], f"section `{section_id}` has no topics",
                    WARNING,
                )

    def check_body_links(self) -> None:
        for topic in self.guide.topics.values():
            body_path = (*self.origins.topics[topic.id], "body")
            self._links_in(topic.body, body_path, self.origins.topics)
        for outcome in self.guide.flow.outcomes.values():
            body_path = (*self.origins.outcomes[outcome.id], "body")
            self._links_in(outcome.body, body_path, self.origins.topics)

    def _links_in(self, body: str, body_path: KeyPath, known) -> None:
        # A `topic:` link needs "topic" in the text, in any case, unless character references
        # spell it: bodies with neither cannot hold one, and need no Markdown parse.
        if "&" not in body and "topic" not in body.lower():
            return
        links = find_links(body)
        messages = [self._link_problem(link, known) for link in links]
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
        for question in flow.questions.values():
            q_path = origins.questions[question.id]
            if not question.answers:
                self.checker.report(q_path, f"question `{question.id}` has no answers")
            if len(question.answers) > 9:
                self.checker.report(q_path, "a question may have at most 9 answers (keys 1-9)")
            for answer in question.answers:
                a_path = origins.answers[(question.id, answer.id)]
                if answer.next is not None:
                    self.ref((*a_path, "next"), answer.next, origins.questions, "question")
                else:
                    known = self.ref(
                        (*a_path, "outcome"), answer.outcome, origins.outcomes, "outcome"
                    )
                    outcome = flow.outcomes.get(answer.outcome or "")
                    urgent = known and outcome and outcome.urgency in URGENT_LEVELS
                    if urgent and not answer.preview:
                        self.checker.report(
                            a_path,
                            f"answer leads to the {outcome.urgency} outcome "
                            f"`{outcome.id}` and needs a `preview`",
                        )
        for outcome in flow.outcomes.values():
            o_path = origins.outcomes[outcome.id]
            self.ref((*o_path, "urgency"), outcome.urgency, origins.urgencies, "urgency")
            self.refs((*o_path, "recommend"), outcome.recommend, origins.topics, "topic")
            self.refs((*o_path, "sources"), outcome.sources, origins.sources, "source")
            if not outcome.get_help_if and not self.checker.is_invalid((*o_path, "get_help_if")):
                self.checker.report(o_path, "every outcome needs `get_help_if`")
            if not outcome.sources and not self.checker.is_invalid((*o_path, "sources")):
                self.checker.report(o_path, "outcome cites no source", WARNING)

        broken = origins.incomplete_flow or set(origins.questions) != set(flow.questions)
        if broken or set(origins.outcomes) != set(flow.outcomes):
            return  # Some questions or outcomes are broken; graph checks would only add noise.
        for cycle in flowgraph.find_cycles(flow):
            self.checker.report(
                origins.questions[cycle[0]], "flow cycle: " + " -> ".join(cycle)
            )
        if not start_known:
            return  # Reachability from an unknown start would only repeat that one problem.
        questions, outcomes = flowgraph.reachable(flow)
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
        for path in flowgraph.unguarded_paths(flow, self_care)[:10]:
            answers = " -> ".join(f"{s.question}={s.answer}" for s in path.steps)
            self.checker.report(
                origins.outcomes[path.outcome],
                f"self-care outcome `{path.outcome}` is reached without a red-flags question "
                f"({answers})",
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
