"""Rules across the whole guide: references, structure, reachability and safety."""

from __future__ import annotations

import datetime as dt
import difflib

from . import flowgraph
from .links import find_links
from .model import Guide
from .problems import WARNING
from .schema import Checker
from .sourcemap import KeyPath, SourceMap


def validate(guide: Guide, origins, checker: Checker, source_map: SourceMap) -> None:
    """Report every cross-reference, structure and safety problem of a built guide."""
    _Validator(guide, origins, checker, source_map).run()


def _did_you_mean(name: str, known) -> str:
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
                self.ref((*path, "evidence"), topic.evidence, guide.labels, "evidence label")
            self.refs((*path, "sources"), topic.sources, origins.sources, "source")
            self.refs((*path, "see_also"), topic.see_also, origins.topics, "topic")
            if topic.id in topic.see_also:
                self.checker.report((*path, "see_also"), "a topic should not list itself", WARNING)
            if topic.kind == "remedy":
                if not topic.sources:
                    self.checker.report(path, "a remedy topic needs at least one source")
                if topic.evidence is None:
                    self.checker.report(path, "a remedy topic needs an evidence label")
            elif topic.kind != "info":
                # `info` topics may be about the guide itself (how to use it), not health claims.
                if topic.evidence is None:
                    self.checker.report(path, "topic has no evidence label", WARNING)
                if not topic.sources:
                    self.checker.report(path, "topic cites no source", WARNING)
            elif topic.sources and topic.evidence is None:
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
        span = self.source_map.value(body_path)
        for link in find_links(body):
            target = link.topic_id
            if target is None or target in known:
                continue
            message = (
                f"link to unknown topic `{target}`{_did_you_mean(target, known)}"
                if target
                else "link `topic:` names no topic"
            )
            if span is not None:
                from .problems import ERROR, Problem, format_key_path

                position = span.body_position(link.line, link.col)
                key = format_key_path(body_path, self.checker.names)
                self.checker.problems.append(
                    Problem(position.line, position.col, ERROR, f"{key}: {message}", key)
                )
            else:
                self.checker.report(body_path, message)

    # -- flow --------------------------------------------------------------------------------
    def check_flow(self) -> None:
        flow, origins = self.guide.flow, self.origins
        if not self.ref(("flow", "start"), flow.start, origins.questions, "start question"):
            return
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
                    if known and outcome and outcome.urgency in ("urgent", "emergency"):
                        if not answer.preview:
                            self.checker.report(
                                a_path,
                                f"answer leads to the {outcome.urgency} outcome "
                                f"`{outcome.id}` and needs a `preview`",
                            )
        for outcome in flow.outcomes.values():
            o_path = origins.outcomes[outcome.id]
            self.ref((*o_path, "urgency"), outcome.urgency, self.guide.urgencies, "urgency")
            self.refs((*o_path, "recommend"), outcome.recommend, origins.topics, "topic")
            self.refs((*o_path, "sources"), outcome.sources, origins.sources, "source")
            if not outcome.get_help_if:
                self.checker.report(o_path, "every outcome needs `get_help_if`")
            if not outcome.sources:
                self.checker.report(o_path, "outcome cites no source", WARNING)

        if set(origins.questions) != set(flow.questions) or set(origins.outcomes) != set(
            flow.outcomes
        ):
            return  # Some questions or outcomes are broken; graph checks would only add noise.
        for cycle in flowgraph.find_cycles(flow):
            self.checker.report(
                origins.questions[cycle[0]], "flow cycle: " + " -> ".join(cycle)
            )
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
