"""Relations between an article's events: cause ("because of the attack"; an injury after an
attack), about (what a statement is about; "said this" -> what the sentence before asserts) and
superEvent (a statement made "during a briefing")."""

from __future__ import annotations

from collections import deque

from spacy.tokens import Token

from kg.extract.events.coref import Cluster, Facts
from kg.extract.events.lexicon import ROOT_CLASS, words
from kg.extract.events.roles import is_attack, subjects
from kg.model import Factuality

ABOUT_DEPS = {"ccomp", "dobj", "xcomp", "attr", "nsubjpass"}
ABOUT_PREPS = {"about", "on", "of", "over", "regarding", "concerning"}
BACK_REFERENCE = {"this", "that", "it", "so"}
OCCASIONS = {"Briefing", "Meeting", "PhoneCall", "Discussion", "Visit", "Negotiation"}
OCCASION_PREPS = {"during", "at", "in"}
# "killed in the attack", "died from the blast", "injured during the riot".
CAUSE_PREPS = {"in", "from", "during"}
# The verb a participle clause is added to may be any event ("a van struck the bikes, killing
# seven"); an event noun must be an attack or disaster ("the blooms damage": no cause).
CAUSES = words("cause_class") | {ROOT_CLASS}


class Relations:
    """Finds the relations of every event of an article, as (kind, index of the other event)."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.owner = {(f.paragraph, f.trigger.token.i): n
                      for n, cluster in enumerate(clusters) for f in cluster.mentions}
        self.found: dict[int, list[tuple[str, int]]] = {n: [] for n in range(len(clusters))}

    def relate(self) -> dict[int, list[tuple[str, int]]]:
        """Relations by event index, in a deterministic order."""
        for n, cluster in enumerate(self.clusters):
            for facts in cluster.mentions:
                self._explicit_cause(n, facts)
                if facts.cls in words("consequence"):
                    self._stated_cause(n, facts)
                if facts.cls in words("speech"):
                    self._about(n, facts)
                    self._occasion(n, facts)
        for n, cluster in enumerate(self.clusters):
            if cluster.cls in words("consequence") and not self._has(n, "cause"):
                self._implicit_cause(n, cluster)
        return self.found

    def _add(self, n: int, kind: str, other: int | None) -> None:
        if other is not None and other != n and (kind, other) not in self.found[n]:
            self.found[n].append((kind, other))

    def _has(self, n: int, kind: str) -> bool:
        return any(k == kind for k, _ in self.found[n])

    def _event_in(self, facts: Facts, tokens: list[Token]) -> int | None:
        """The first event (in text order) named by one of `tokens`."""
        for token in sorted(tokens, key=lambda t: t.i):
            owner = self.owner.get((facts.paragraph, token.i))
            if owner is not None:
                return owner
        return None

    def _explicit_cause(self, n: int, facts: Facts) -> None:
        """"Because of the attack, X was summoned and a demarche was made"."""
        for cue in (t for t in facts.trigger.token.sent if t.lower_ in words("cause")):
            phrase_head = cue.head if cue.dep_ == "mark" else cue
            phrase = list(phrase_head.subtree)
            attached = next((a for a in phrase_head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            if facts.trigger.token in phrase or attached is None:
                continue
            if facts.trigger.clause in attached.subtree:
                self._add(n, "cause", self._event_in(facts, phrase))

    def _stated_cause(self, n: int, facts: Facts) -> None:
        """The parse names what caused a death or injury: an event as the subject ("a bombing
        killed five and wounded 110"), the clause a participle adds to ("struck the bikes,
        killing seven"), or an attack or disaster in its prepositional phrase ("died in the
        attack", "hit by the blast")."""
        token = facts.trigger.token
        causes = [(o, words("cause_class")) for p in token.children
                  if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ in CAUSE_PREPS)
                  for o in p.children if o.dep_ == "pobj"]
        if not facts.trigger.is_noun:
            causes = [(subject, words("cause_class")) for subject in subjects(token)] + causes
            first = _first_conjunct(token)
            if first.dep_ == "advcl" and first.tag_ == "VBG":
                # "a quake struck X, killing 12": what the clause tells of, else its own event
                causes += [(s, words("cause_class")) for s in subjects(first.head)]
                causes.append((first.head, CAUSES))
        for cause, classes in causes:
            owner = self.owner.get((facts.paragraph, cause.i))
            if owner is not None and self.clusters[owner].cls in classes:
                self._add(n, "cause", owner)
                return

    def _implicit_cause(self, n: int, cluster: Cluster) -> None:
        """An injury, death, damage or explosion follows the attack or disaster told just before."""
        facts = cluster.mentions[0]
        if cluster.factuality is not Factuality.ASSERTED:
            return
        best: tuple[int, int, int] | None = None
        for m, other in enumerate(self.clusters):
            if m == n or other.cls not in words("cause_class") or other.cls == cluster.cls \
                    or other.factuality is not Factuality.ASSERTED:
                continue
            for candidate in other.mentions:
                distance = _distance(candidate, facts)
                if distance is not None:
                    rank = (0 if is_attack(other.cls) else 1, distance, m)
                    best = rank if best is None or rank < best else best
        if best is not None:
            self._add(n, "cause", best[2])

    def _about(self, n: int, facts: Facts) -> None:
        head = facts.trigger.clause
        starts = [c for c in head.children if c.dep_ in ABOUT_DEPS
                  or (c.dep_ == "prep" and c.lower_ in ABOUT_PREPS)]
        if facts.trigger.is_noun:
            starts += [c for c in facts.trigger.token.children
                       if c.dep_ == "prep" and c.lower_ in ABOUT_PREPS]
        if any(s.dep_ == "dobj" and s.lower_ in BACK_REFERENCE for s in starts):
            self._add(n, "about", self._previous_sentence_event(facts))
            return
        self._add(n, "about", self._nearest_event(facts, starts))

    def _nearest_event(self, facts: Facts, starts: list[Token]) -> int | None:
        """The event named closest below the statement in the parse (breadth first)."""
        queue = deque(starts)
        while queue:
            token = queue.popleft()
            owner = self.owner.get((facts.paragraph, token.i))
            if owner is not None and self.clusters[owner].cls not in words("speech"):
                return owner
            queue.extend(token.children)
        return None

    def _previous_sentence_event(self, facts: Facts) -> int | None:
        """The main event of the sentence before: its least embedded trigger."""
        candidates = [(f.cls in words("speech"), len(list(f.trigger.token.ancestors)), f.begin, n)
                      for n, cluster in enumerate(self.clusters) for f in cluster.mentions
                      if f.sentence == facts.sentence - 1]
        return min(candidates)[3] if candidates else None

    def _occasion(self, n: int, facts: Facts) -> None:
        """"said this ... during a briefing": the briefing is the statement's superEvent."""
        for prep in facts.trigger.clause.children:
            if prep.dep_ != "prep" or prep.lower_ not in OCCASION_PREPS:
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                owner = self.owner.get((facts.paragraph, obj.i))
                if owner is not None and self.clusters[owner].cls in OCCASIONS:
                    self._add(n, "superEvent", owner)


def _first_conjunct(verb: Token) -> Token:
    """"killing seven and injuring three": the verb the co-ordination hangs from."""
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    return verb


def _distance(cause: Facts, effect: Facts) -> int | None:
    """How far a possible cause is told before its effect (same or previous paragraph), or None."""
    if effect.paragraph - cause.paragraph not in {0, 1}:
        return None
    if cause.begin < effect.begin:
        return effect.begin - cause.begin
    return cause.begin - effect.begin if cause.sentence == effect.sentence else None
