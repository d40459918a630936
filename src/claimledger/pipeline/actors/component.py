"""claimledger_actors: one canonical Entity per real actor in the article, with all its mentions.

Runs after claimledger_dates and claimledger_places (reads doc._.cl_metonyms), before attribution.
Sources of mentions (people.py, governments.py, organisations.py): PERSON names with their role and country
("North Korean leader Kim Jong Un" -> KP), toponyms standing for a government (from the places
component, seats of government like "the Kremlin", country names and capitals in agent position),
collective nouns ("the Russian military"), organisations and media (ORG names, Phoenix dictionary),
vague groups ("Western intelligence"). A light rule-based coreference step (coref.py) adds
pronouns, relative pronouns and definite descriptions as mentions of their antecedent.

Helper for attribution: `entity_at(doc, start_char, end_char)`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimledger.pipeline.actors import known as data
from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.model import ENTITY_TYPES, Entity, Mention, stable_id
from claimledger.pipeline.actors import coref
from claimledger.pipeline.actors.governments import (
    collective_candidates,
    reported_metonyms,
    seat_candidates,
    toponym_agents,
)
from claimledger.pipeline.actors.mentions import Candidate, make_context, named_key
from claimledger.pipeline.actors.organisations import group_candidates, organisation_candidates
from claimledger.pipeline.actors.people import person_candidates

# doc._.captions and doc._.published are no component's: analysis.prepare_doc sets them
@Language.factory(
    "claimledger_actors",
    assigns=["doc._.cl_entities"],
    requires=["doc._.cl_metonyms", "doc.ents", "doc.sents", "token.ent_type",
              "token.tag", "token.lemma", "token.dep", "token.head"],
    default_config={"person_window": coref.PERSON_WINDOW, "salience_sentences": coref.SALIENCE_SENTENCES},
)
def make_actors(nlp: Language, name: str, person_window: int, salience_sentences: int):
    return ActorsComponent(nlp, name, person_window, salience_sentences)


class ActorsComponent(DocComponent):
    attribute = "cl_entities"

    def __init__(self, nlp: Language, name: str, person_window: int = coref.PERSON_WINDOW,
                 salience_sentences: int = coref.SALIENCE_SENTENCES):
        super().__init__(name)
        self.seat_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.seat_matcher.add("SEAT", [nlp.make_doc(p) for p in data.seat_metonyms()])
        self.person_window = person_window
        self.salience_sentences = salience_sentences

    def find(self, doc: Doc) -> list[Entity]:
        return extract_entities(doc, self.seat_matcher, self.person_window, self.salience_sentences)


def extract_entities(doc: Doc, seat_matcher, person_window: int = coref.PERSON_WINDOW,
                     salience_sentences: int = coref.SALIENCE_SENTENCES) -> list[Entity]:
    ctx = make_context(doc)
    found = person_candidates(ctx)  # first: it sets aside place names tagged PERSON
    people = [c for c in found if c.type == "person"]
    seats = seat_candidates(ctx, seat_matcher)
    others = (
        seats
        + [c for c in reported_metonyms(ctx) if not _overlaps_any(c, seats)]
        + toponym_agents(ctx)
        + collective_candidates(ctx)
        + [c for c in found if c.type != "person"]
    )
    organisations = [c for c in organisation_candidates(ctx) if not _overlaps_any(c, others)]
    people += [c for c in organisations if c.type == "person"]
    others += [c for c in organisations if c.type != "person"]
    groups = [c for c in group_candidates(ctx) if not _overlaps_any(c, people)]
    others += [_voice_of(doc, c, others) for c in groups]
    people = _reassign_names_tagged_both(people, others)
    clusters = merge_people(people, ctx.day)
    for cand in others:
        clusters.setdefault(_short_name_owner(cand.key, others), []).append(cand)
    coref.add_coreferent_mentions(ctx, clusters, person_window, salience_sentences)
    entities = [build_entity(key, cands, ctx.day) for key, cands in clusters.items()]
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0))
    return entities


def _reassign_names_tagged_both(people: list[Candidate], others: list[Candidate]) -> list[Candidate]:
    """A name the recogniser tags ORG in one place and PERSON in another ('Northrop Grumman') is
    the organisation: its PERSON mentions move to the organisation."""
    surnames = {w for c in people for w in data.normalise_name(c.name).split()[1:]}
    for org in [c for c in others if c.key[0] == "named" and c.type == "organisation"]:
        if " " not in org.key[1] and org.key[1] in surnames and org.text == org.name:
            # "Press" tagged ORG where "Jim Press" is a person of the article
            others.remove(org)
            people.append(Candidate(("person", org.key[1]), "person", org.name, None, org.start,
                                    org.end, org.text, org.head))
    named = {c.key: c for c in others if c.key[0] == "named"}
    kept = []
    for cand in people:
        org = named.get(named_key(cand.name))
        if org is None:
            kept.append(cand)
            continue
        others.append(Candidate(org.key, org.type, org.name, org.country, cand.start, cand.end,
                                cand.text, cand.head))
    return kept


def _voice_of(doc: Doc, group: Candidate, others: list[Candidate]) -> Candidate:
    """"the Kremlin's spokesman", "Foreign Ministry officials": a vague source owned by an actor
    of the article speaks for that actor."""
    owners = [c for c in others if c.type != "group"]
    for child in doc[group.head].lefts:
        if child.dep_ not in ("poss", "compound"):
            continue
        owner = next((c for c in owners if c.start <= child.idx < c.end), None)
        if owner is None and child.dep_ == "compound":  # 'WHO officials' after 'World Health Organisation (WHO)'
            key = _short_name_owner(named_key(child.text), others)
            owner = next((c for c in owners if c.key == key), None)
        if owner is not None:
            return Candidate(owner.key, owner.type, owner.name, owner.country, group.start, group.end,
                             group.text, group.head, is_name=False)
    return group


def _short_name_owner(key: tuple, others: list[Candidate]) -> tuple:
    """'the Commission' after 'the European Commission': a named actor whose name ends a longer
    name of the article is that actor (the longest such)."""
    if key[0] != "named":
        return key
    # 'Court' / 'Supreme Court' for 'Italian Supreme Court of Cassation': the end of the name's head part
    # (what follows "of" is a complement: 'Scientology' is not the 'Church of Scientology')
    longer = {c.key for c in others if c.key[0] == "named" and c.key != key
              and (c.key[1].split(" of ")[0] == key[1] or c.key[1].split(" of ")[0].endswith(" " + key[1]))}
    if not longer and " " not in key[1]:  # 'UN' for 'United Nations': initials of a longer name
        longer = {c.key for c in others if c.key[0] == "named" and len(c.key[1].split()) > 1
                  and "".join(w[0] for w in c.key[1].split() if w not in ("of", "the", "and", "for")) == key[1]}
    return max(longer, key=lambda k: len(k[1])) if longer else key


def _overlaps_any(cand: Candidate, others: list[Candidate]) -> bool:
    return any(o.start < cand.end and cand.start < o.end for o in others)


# --- people: "Vladimir Putin" and "Putin" are one actor ---------------------------------------

def merge_people(people: list[Candidate], day: str | None) -> dict[tuple, list[Candidate]]:
    """Cluster PERSON candidates whose name words are contained in a longer name of the article.

    Longest names first, so 'Putin' joins 'Vladimir Putin' even when it comes first; a short name
    that fits several clusters ('Kim' with two Kims) joins the one mentioned last before it.
    """
    clusters: dict[tuple, list[Candidate]] = {}
    words_of: dict[tuple, set[str]] = {}
    for cand in sorted(people, key=lambda c: (-len(c.name.split()), c.start)):
        words = set(data.normalise_name(cand.name).split())
        fitting = [k for k, w in words_of.items() if words <= w]
        if not fitting:
            clusters[cand.key] = [cand]
            words_of[cand.key] = words
            continue
        best = max(fitting, key=lambda k: max((c.start for c in clusters[k] if c.start <= cand.start), default=-1))
        clusters[best].append(cand)
    return clusters


# --- entity records -------------------------------------------------------------------------

def _alias(text: str) -> str:
    """'the Kremlin' -> 'Kremlin'; "North Korea's" -> 'North Korea'."""
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return " ".join(w for w in words if w)


# when candidates of one named actor disagree on its type, the more specific type wins
TYPE_PRIORITY = ("media", "military", "group", "organisation")


def _person_identity(cands: list[Candidate], day: str | None) -> tuple[str, str | None, str | None]:
    """Canonical name, country and role of a person cluster (article first, Phoenix dictionary second)."""
    named = [c for c in cands if c.is_name]
    name = max((c.name for c in named), key=lambda n: (len(n.split()), len(n)))
    country = next((c.country for c in sorted(named, key=lambda c: c.start) if c.country), None)
    role = next((c.role for c in sorted(named, key=lambda c: c.start) if c.role), None)
    known = None
    for candidate_name in sorted({c.name for c in named}, key=lambda n: -len(n)):
        known = data.lookup_actor(candidate_name, day, etype="person")
        if known:
            break
    if known is not None:
        known_words = set(data.normalise_name(known.name).split())
        if set(data.normalise_name(name).split()) <= known_words:
            name = known.name  # 'Putin' alone -> 'Vladimir Putin'
        country = country or known.country
    return name, country, role


def build_entity(key: tuple, cands: list[Candidate], day: str | None) -> Entity:
    etype = cands[0].type
    if etype == "person":
        name, country, role = _person_identity(cands, day)
        ident = stable_id("person", data.normalise_name(name))
    else:
        named = [c for c in cands if c.is_name] or cands
        if key[0] == "named":
            types = {c.type for c in cands}
            etype = next((t for t in TYPE_PRIORITY if t in types), etype)
        if key[0] == "government":
            name = named[0].name  # "Government of Russia": one name whatever the article calls it
        elif key[0] == "military":
            name = _most_used_alias(named) or named[0].name  # "Russian military", as news names it
        else:
            name = max((c.name for c in named), key=len)
        country = next((c.country for c in cands if c.country), None)
        role = next((c.role for c in cands if c.role), None)
        # the same actor gets the same id in every article: governments and militaries by country,
        # named actors by their name without legal form (their type and country may be told or not)
        ident = stable_id(*key) if key[0] in ("government", "military", "named") else \
            stable_id(etype, country or "", data.normalise_name(name))
    if etype not in ENTITY_TYPES:
        etype = "organisation"  # the dictionary's institutions of unknown kind
    mention_list = _mentions(cands)
    aliases = []
    for cand in sorted(cands, key=lambda c: c.start):
        alias = _alias(cand.text) if cand.key[0] in ("government", "military") else cand.name
        if cand.is_name and alias and alias != name and alias not in aliases:
            aliases.append(alias)
    return Entity(id=ident, name=name, type=etype, country=country, role=role, aliases=aliases,
                  mentions=mention_list)


def _most_used_alias(cands: list[Candidate]) -> str | None:
    """The phrase an article uses most for a collective actor (first used wins a tie)."""
    counts: dict[str, int] = {}
    for cand in sorted(cands, key=lambda c: c.start):
        alias = _alias(cand.text)
        if alias and cand.is_name:
            counts[alias.lower()] = counts.get(alias.lower(), 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda a: counts[a])  # dicts keep first-seen order for ties
    return next(_alias(c.text) for c in sorted(cands, key=lambda c: c.start) if _alias(c.text).lower() == best)


def _mentions(cands: list[Candidate]) -> list[Mention]:
    """Mentions in text order, dropping those inside a longer mention of the same actor."""
    spans = sorted({(c.start, c.end, c.text) for c in cands}, key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end, text in spans:
        if kept and start >= kept[-1][0] and end <= kept[-1][1]:
            continue
        kept.append((start, end, text))
    return [Mention(start, end, text) for start, end, text in kept]


# --- look-up for attribution ----------------------------------------------------------------

def entity_at(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity whose mention best covers [start_char, end_char): a mention containing the span
    wins (the shortest such), else the one overlapping it most; None when nothing overlaps."""
    best, best_score = None, None
    for entity in doc._.cl_entities or []:
        for m in entity.mentions:
            overlap = min(m.end, end_char) - max(m.start, start_char)
            if overlap <= 0:
                continue
            contains = m.start <= start_char and end_char <= m.end
            score = (contains, overlap if not contains else -(m.end - m.start))
            if best_score is None or score > best_score:
                best, best_score = entity, score
    return best
