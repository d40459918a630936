"""Measure claimledger_actors' pronoun resolution against GUM's gold coreference (news documents).

    python scripts/eval_actors_gum.py        # reads $CLAIMLEDGER_SHARED/data/ner/gum/*.conllu

For every third-person pronoun the component attaches to an actor, it counts as right when one of
that actor's named mentions overlaps a gold mention of the pronoun's gold coreference chain.
Precision = right / resolved; recall = right / gold pronouns whose chain has a named mention
(person or organisation chains).  Also: named people / organisations (chains linked to an identity)
found, typed right (person vs not), and into how many entities each is split.
Pronoun speakers: every statement whose source phrase is a pronoun or relative word with a gold
chain that has a non-pronoun mention (he, she, they, it, who, which, that, I, we, ...) counts as
right when its speaker is resolved and names that chain: the speaker's actor has a mention
overlapping one of the chain's non-pronoun mentions, or (no actor) the speaker's words are one of
those mentions' words or contain them.  Unresolved speakers (``resolved: false``) are counted apart.
Nothing from GUM is stored: only the figures are printed.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.resources import shared_data

PRONOUNS = {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "who"}
ACTOR_TYPES = {"person", "organization"}
CLOSE_RE = re.compile(r"(\d+)\)")


def scan_entity_field(field: str):
    """GUM's bracketed Entity= value -> ('open'|'close'|'single', chain id, type) in order."""
    i = 0
    while i < len(field):
        if field[i] == "(":
            j = i + 1
            while j < len(field) and field[j] not in "()":
                j += 1
            parts = field[i + 1:j].split("-")
            chain, etype = parts[0], (parts[1] if len(parts) > 1 else "")
            if len(parts) > 7 and parts[7]:
                etype += "@"  # the chain is linked to a named identity (Wikipedia)
            if j < len(field) and field[j] == ")":
                yield "single", chain, etype
                i = j + 1
            else:
                yield "open", chain, etype
                i = j
            continue
        match = CLOSE_RE.match(field, i)
        if match:
            yield "close", match.group(1), None
            i = match.end()
        else:
            i += 1


def read_conllu(path: Path):
    """Text, tokens [(start, end, form)], gold mentions [(start, end, chain, type)]."""
    text, tokens, mentions, stack = [], [], [], {}
    pos = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if tokens and text and text[-1] != "\n":
                text.append("\n")
                pos += 1
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        form, misc = cols[1], cols[9]
        start = pos
        text.append(form)
        pos += len(form)
        tokens.append((start, pos, form))
        entity = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
        for kind, chain, etype in scan_entity_field(entity):
            if kind in ("open", "single"):
                stack.setdefault(chain, []).append((start, etype))
            if kind in ("close", "single") and stack.get(chain):
                s, etype = stack[chain].pop()
                mentions.append((s, pos, chain, etype))
        if "SpaceAfter=No" not in misc:
            text.append(" ")
            pos += 1
    return "".join(text), tokens, mentions


def evaluate(nlp, path: Path, totals: dict) -> None:
    text, _, gold = read_conllu(path)
    named_chains = {chain for _, _, chain, etype in gold if etype.endswith("@")}
    gold = [(s, e, chain, etype.rstrip("@")) for s, e, chain, etype in gold]
    chain_type = {chain: etype for _, _, chain, etype in gold}
    named = defaultdict(list)  # chain -> gold mention spans that are not pronouns
    pronoun_chain = {}
    for start, end, chain, etype in gold:
        if text[start:end].lower() in PRONOUNS:
            pronoun_chain[(start, end)] = chain
        else:
            named[chain].append((start, end))
    for (start, end), chain in pronoun_chain.items():
        if chain_type[chain] in ACTOR_TYPES and named[chain] and text[start:end].lower() != "who":
            totals["gold"] += 1
    doc = nlp(text)
    score_named_chains(doc, gold, named_chains, named, totals)
    score_speakers(doc, text, gold, totals)
    for entity in doc._.cl_entities:
        names = [m for m in entity.mentions if m.text.lower() not in PRONOUNS]
        for m in entity.mentions:
            if m.text.lower() not in PRONOUNS or m.text.lower() == "who":
                continue
            totals["resolved"] += 1
            chain = pronoun_chain.get((m.start, m.end))
            if chain is None:
                totals["no_gold_chain"] += 1
                continue
            if any(s < n.end and n.start < e for n in names for s, e in named[chain]):
                totals["right"] += 1
                totals["right_" + chain_type[chain]] += 1


SPEAKER_PRONOUNS = PRONOUNS | {"which", "that", "i", "me", "we", "us", "you"}


def score_speakers(doc, text: str, gold, totals: dict) -> None:
    """Pronoun speakers against the gold chain of their pronoun (see the module docstring)."""
    chain_of = {(s, e): chain for s, e, chain, _ in gold}
    named = defaultdict(list)
    for s, e, chain, _ in gold:
        if text[s:e].lower() not in SPEAKER_PRONOUNS:
            named[chain].append((s, e))
    entities = {e.id: e for e in doc._.cl_entities}
    for st in doc._.cl_statements:
        sp = st.speaker
        said = text[sp.start:sp.end] if sp is not None else ""
        if sp is None or said.lower() not in SPEAKER_PRONOUNS or (said.isupper() and len(said) > 1):
            continue  # not a pronoun speaker ("WHO" is the World Health Organization)
        chain = chain_of.get((sp.start, sp.end))
        if chain is None or not named[chain]:
            totals["speaker_no_gold"] += 1
            continue
        totals["speaker_pronouns"] += 1
        if not sp.resolved:
            totals["speaker_unresolved"] += 1
            continue
        entity = entities.get(sp.entity_id)
        if entity is not None:
            right = any(m.start < e and s < m.end for m in entity.mentions for s, e in named[chain])
        else:
            words = set(sp.name.lower().split()) - {"the", "a", "an"}
            right = sp.name.lower() not in SPEAKER_PRONOUNS and any(
                words <= set(text[s:e].lower().split()) or set(text[s:e].lower().split()) - {"the", "a", "an"} <= words
                for s, e in named[chain])
        totals["speaker_right"] += right
        totals["speaker_by_actors" if entity is not None else "speaker_by_phrase"] += 1
        totals["speaker_right_by_actors" if entity is not None else "speaker_right_by_phrase"] += right
        if not right and "-v" in sys.argv:
            print(f"  wrong: {text[sp.start:sp.end]!r} -> {sp.name!r}; gold {[text[s:e] for s, e in named[chain]][:3]}")


def score_named_chains(doc, gold, named_chains, named, totals) -> None:
    """Named people and organisations (gold chains linked to an identity): found when an entity's
    named mention overlaps one of the chain's mentions; its type must then agree; and how many
    entities the chain is split into (1 = one entity per actor)."""
    chain_type = {chain: etype for _, _, chain, etype in gold}
    for chain in named_chains:
        etype = chain_type[chain]
        if etype not in ACTOR_TYPES or not named[chain]:
            continue
        # an entity names the chain when one of its name mentions and a chain mention contain one another
        hits = {}
        for e in doc._.cl_entities:
            covered = sum(1 for m in e.mentions if m.text.lower() not in PRONOUNS for s, end in named[chain]
                          if (s <= m.start and m.end <= end) or (m.start <= s and end <= m.end))
            if covered:
                hits[e.id] = (covered, e)
        totals[f"chains_{etype}"] += 1
        if hits:
            totals[f"found_{etype}"] += 1
            best = max(hits.values(), key=lambda item: item[0])[1]
            is_right = (lambda e: e.type == "person") if etype == "person" else (lambda e: e.type != "person")
            totals[f"typed_{etype}"] += is_right(best)
            totals[f"pieces_{etype}"] += max(1, sum(1 for _, e in hits.values() if is_right(e)))


def main() -> None:
    from claimledger.pipeline.build import build_pipeline

    nlp = build_pipeline(exclude_components=("claimledger_quantities", "claimledger_claims"))
    totals: dict = defaultdict(int)
    files = sorted(shared_data("ner", "gum").glob("*.conllu"))
    for path in files:
        evaluate(nlp, path, totals)
    precision = totals["right"] / totals["resolved"] if totals["resolved"] else 0.0
    recall = totals["right"] / totals["gold"] if totals["gold"] else 0.0
    print(f"GUM news ({len(files)} docs): third-person pronouns resolved {totals['resolved']}, "
          f"right {totals['right']} (person {totals['right_person']}, organisation {totals['right_organization']}), "
          f"not a gold mention {totals['no_gold_chain']}; gold actor pronouns {totals['gold']}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    n, right, unresolved = totals["speaker_pronouns"], totals["speaker_right"], totals["speaker_unresolved"]
    print(f"pronoun speakers with a gold antecedent {n}: right {right} ({right / max(n, 1):.3f}), "
          f"unresolved {unresolved}, wrong {n - right - unresolved}; of the resolved right "
          f"{right / max(n - unresolved, 1):.3f}; pronoun speakers without a gold chain {totals['speaker_no_gold']}")
    print(f"  named through an actor (coreference) {totals['speaker_by_actors']}, right "
          f"{totals['speaker_right_by_actors']}; through the antecedent's words {totals['speaker_by_phrase']}, "
          f"right {totals['speaker_right_by_phrase']}")
    for etype in sorted(ACTOR_TYPES):
        chains, found = totals[f"chains_{etype}"], totals[f"found_{etype}"]
        if chains:
            print(f"named {etype} chains {chains}: found {found / chains:.3f}, right type "
                  f"{totals[f'typed_{etype}'] / max(found, 1):.3f}, entities per found chain "
                  f"{totals[f'pieces_{etype}'] / max(found, 1):.2f}")


if __name__ == "__main__":
    main()
