"""Learned decisions over the rules' cue candidates: which attributions stand, and how far their cues reach.

The rules (cues.candidates) propose every attribution the parse allows, each
with its relation group and the learned lexicon's P(cue | lemma, POS,
relation).  Instead of one threshold per relation group
(data/attribution/stance_cue_thresholds.tsv), a linear-chain CRF
(python-crfsuite) labels the candidates of a document, in text order, ``cue``
or ``no``; the features are the rules' outputs (their own decision and margin,
group, relation, lexicon score, whether a source and a quotation were found,
...) and the parse around the cue (lemma, POS, tag, dependency, head,
negation, modal, position).  A candidate stands when its marginal P(cue)
reaches the threshold stored beside the model; the folds after the decision
are cues.find_attributions's.  A second CRF tags the tokens around each
standing cue's head I/O and the cue becomes the run of I through the head
("made the claim", "declined to comment"), never reaching into its content or
source.  Sources and contents stay the rules'.

The model files, data/attribution/cue_model.crfsuite and cue_extent.crfsuite,
are crfsuite's own binary format (feature weights; the attributes are feature
names, lemmas and words among them, no text of the corpus), with the settings
in cue_model.tsv; scripts/train_attribution.py writes all three from PolNeAR's
train split.  The component uses them with ``learned = true`` (off by
default: on PolNeAR dev they do not beat the rules on every role; the figures
are in scripts/train_attribution.py).
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from claimledger.model import content_hash
from claimledger.pipeline import extensions  # noqa: F401  (doc._.article_id, doc._.cl_entities)
from claimledger.pipeline.attribution.cues import (
    MIN_CUE,
    MIN_P,
    candidates,
    cut_trailing_statements,
    drop_before_colon,
    drop_folded,
    fold_according,
)
from claimledger.pipeline.attribution.lexicon import cue_thresholds
from claimledger.pipeline.attribution.parse import is_infinitive
from claimledger.pipeline.attribution.quotes import QUOTES
from claimledger.pipeline.attribution.spans import Found
from claimledger.pipeline.attribution.statements import to_statement
from claimledger.resources import data_path, read_tsv
from claimledger.stances import stance_of

MODEL_FILE = ("attribution", "cue_model.crfsuite")
EXTENT_FILE = ("attribution", "cue_extent.crfsuite")
SETTINGS_FILE = "attribution/cue_model.tsv"
DEFAULT_THRESHOLD = 0.5
MODALS = frozenset({"would", "could", "may", "might", "will", "can", "should", "must"})

Candidate = tuple[Found, str, float]


def _bucket(n: int) -> str:
    """A length as a log2 bucket: 0, 1, 2-3, 4-7, ..."""
    return str(int(math.log2(n)) + 1 if n > 0 else 0)


def candidate_features(doc: Doc, found: Found, group: str, score: float, nested: bool) -> dict[str, float | str]:
    """The features of one candidate: the rules' outputs and the parse around its cue."""
    cue: Token = found.cue
    lemma = cue.lemma_.lower()
    start, end = found.content_span
    content = doc[start:end]
    margin = score - cue_thresholds().get(group, MIN_P)  # the rules keep it when >= 0
    feats: dict[str, float | str] = {
        "rules": "keep" if margin >= 0 else "drop",
        "margin": margin,
        "bias": 1.0,
        "group": group,
        "rel": found.rel,
        "lemma": lemma,
        "lemma_group": f"{lemma}|{group}",
        "pos": cue.pos_,
        "tag": cue.tag_,
        "dep": cue.dep_,
        "stance": stance_of(lemma) or "-",
        "p": float(score),
        "p_bin": f"{round(score, 1):.1f}",
        "cue_len": _bucket(found.cue_span[1] - found.cue_span[0]),
        "content_len": _bucket(end - start),
        "content_after": "1" if start > cue.i else "0",
        "nested": "1" if nested else "0",
        "sent_pos": _bucket(cue.i - cue.sent.start),
        "first_sent": "1" if cue.sent.start == 0 else "0",
    }
    if cue.head.i != cue.i:
        feats["head_lemma"] = cue.head.lemma_.lower()
        feats["head_pos"] = cue.head.pos_
    if content and content[0].text in QUOTES:
        feats["content_quote_start"] = 1.0
    if any(t.text in QUOTES for t in content):
        feats["content_has_quote"] = 1.0
    if found.more_content or found.lead_content:
        feats["fragments"] = 1.0
    if found.source is None:
        feats["source"] = "none"
    else:
        src = found.source
        feats["source"] = src.pos_
        feats["source_ent"] = src.ent_type_ or "-"
        feats["source_side"] = "before" if src.i < cue.i else "after"
        feats["source_lemma"] = src.lemma_.lower() if src.pos_ != "PROPN" else "-"
    if found.channel is not None:
        feats["channel"] = 1.0
    for child in cue.children:
        if child.dep_ == "neg":
            feats["neg"] = 1.0
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
            feats["modal"] = 1.0
        elif child.dep_ == "mark":
            feats["mark"] = child.lower_
    if is_infinitive(cue):
        feats["infinitive"] = 1.0
    root = content.root if len(content) else None
    if root is not None:
        feats["content_root"] = f"{root.pos_}|{root.dep_}"
        feats["content_root_lemma"] = root.lemma_.lower()
    if any(t.text in QUOTES for t in cue.sent):
        feats["sent_quote"] = 1.0
    head = doc[start] if start < len(doc) else None
    if head is not None and head.lower_ in ("that", "whether", "if", "to"):
        feats["content_first"] = head.lower_
    return feats


def nested_flags(cands: list[Candidate]) -> list[bool]:
    """Whether each candidate's cue lies inside another candidate's content."""
    spans = [f.content_span for f, _, _ in cands]
    return [any(j != i and s <= f.cue.i < e for j, (s, e) in enumerate(spans)) for i, (f, _, _) in enumerate(cands)]


def sequence_features(doc: Doc, cands: list[Candidate]) -> list[dict[str, float | str]]:
    """The features of a document's candidates, in text order, with their neighbours' groups."""
    flags = nested_flags(cands)
    feats = [candidate_features(doc, f, g, s, n) for (f, g, s), n in zip(cands, flags)]
    for i, (f, _, _) in enumerate(cands):
        for offset, name in ((-1, "prev"), (1, "next")):
            j = i + offset
            if 0 <= j < len(cands):
                other = cands[j][0]
                feats[i][f"{name}_group"] = cands[j][1]
                feats[i][f"{name}_same_sent"] = "1" if other.cue.sent.start == f.cue.sent.start else "0"
    return feats


class CueModel:
    """The trained CRF that decides which candidates stand, its threshold, and (optionally)
    the CRF that draws their cues' extent."""

    def __init__(self, path: Path, threshold: float = DEFAULT_THRESHOLD, extent: "ExtentModel | None" = None):
        import pycrfsuite

        self.path = Path(path)
        self.threshold = threshold
        self.extent = extent
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))

    def probabilities(self, doc: Doc, cands: list[Candidate]) -> list[float]:
        """P(cue) of each candidate (the CRF's marginals)."""
        if not cands:
            return []
        self.tagger.set(sequence_features(doc, cands))
        return [self.tagger.marginal("cue", i) for i in range(len(cands))]

    def keep(self, doc: Doc, cands: list[Candidate]) -> list[Found]:
        probs = self.probabilities(doc, cands)
        return [f for (f, _, _), p in zip(cands, probs) if p >= self.threshold]


# --- the cue's extent ---------------------------------------------------------

EXTENT_WINDOW = 6  # tokens either side of the cue's head that may join the cue


def extent_window(found: Found) -> tuple[int, int]:
    cue = found.cue
    return max(cue.sent.start, cue.i - EXTENT_WINDOW), min(cue.sent.end, cue.i + EXTENT_WINDOW + 1)


def extent_features(doc: Doc, found: Found, group: str) -> list[dict[str, float | str]]:
    """Per token of the window around the cue's head: where it stands to the head on the
    parse and in the rules' spans (the cue's extent is PolNeAR's habit: "made the claim",
    "declined to comment", "has long said")."""
    cue = found.cue
    start, end = extent_window(found)
    lemma = cue.lemma_.lower()
    content = [found.content_span, *found.more_content] + ([found.lead_content] if found.lead_content else [])
    out = []
    for t in doc[start:end]:
        offset = str(max(-EXTENT_WINDOW, min(EXTENT_WINDOW, t.i - cue.i)))
        if t.head.i == cue.i and t.i != cue.i:
            link = "child"
        elif cue.head.i == t.i and t.i != cue.i:
            link = "parent"
        elif t.head.head.i == cue.i and t.i != cue.i:
            link = "grandchild"
        elif t.head.i == cue.head.i and t.i != cue.i:
            link = "sibling"
        else:
            link = "self" if t.i == cue.i else "none"
        feats: dict[str, float | str] = {
            "bias": 1.0,
            "offset": offset,
            "link": link,
            "link_dep": f"{link}|{t.dep_}",
            "lower": t.lower_,
            "pos": t.pos_,
            "tag": t.tag_,
            "dep": t.dep_,
            "dep_offset": f"{t.dep_}|{offset}",
            "cue_lemma": lemma,
            "cue_lemma_lower": f"{lemma}|{t.lower_}",
            "cue_lemma_link": f"{lemma}|{link}|{t.dep_}",
            "group": group,
            "rule_cue": "1" if found.cue_span[0] <= t.i < found.cue_span[1] else "0",
        }
        if any(s <= t.i < e for s, e in content):
            feats["in_content"] = 1.0
        if found.source_span and found.source_span[0] <= t.i < found.source_span[1]:
            feats["in_source"] = 1.0
        if t.ent_type_:
            feats["ent"] = 1.0
        out.append(feats)
    return out


class ExtentModel:
    """The trained CRF that tags the cue's tokens around its head (I) and the rest (O)."""

    def __init__(self, path: Path):
        import pycrfsuite

        self.path = Path(path)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))

    def cue_span(self, doc: Doc, found: Found, group: str) -> tuple[int, int]:
        """The contiguous run of cue tokens through the head, never into the content or the source."""
        start, _ = extent_window(found)
        labels = self.tagger.tag(extent_features(doc, found, group))
        blocked = {i for s, e in [found.content_span, *found.more_content] for i in range(s, e)}
        if found.lead_content:
            blocked.update(range(*found.lead_content))
        if found.source_span:
            blocked.update(range(*found.source_span))

        def inside(i: int) -> bool:
            return 0 <= i - start < len(labels) and labels[i - start] == "I" and i not in blocked

        left = right = found.cue.i
        while inside(left - 1):
            left -= 1
        while inside(right + 1):
            right += 1
        return left, right + 1


def model_path() -> Path:
    return data_path(*MODEL_FILE)


@lru_cache(maxsize=1)
def shipped_model() -> CueModel:
    """The models in data/attribution, with the threshold scripts/train_attribution.py chose."""
    path, extent_path = data_path(*MODEL_FILE), data_path(*EXTENT_FILE)
    for p in (path, extent_path):
        if not p.exists():
            raise FileNotFoundError(f"{p} is missing: run scripts/train_attribution.py")
    settings = {row["name"]: row["value"] for row in read_tsv(SETTINGS_FILE)}
    return CueModel(path, float(settings.get("threshold", DEFAULT_THRESHOLD)), ExtentModel(extent_path))


def find_attributions(doc: Doc, model: CueModel, min_cue: int = MIN_CUE) -> list[Found]:
    """cues.find_attributions with the model's decision in place of the per-relation thresholds
    (and its extent model's cue spans in place of the rules')."""
    cands = candidates(doc, min_cue)
    found = cut_trailing_statements(fold_according(drop_folded(drop_before_colon(model.keep(doc, cands)))))
    if model.extent is not None:
        groups = {id(f): group for f, group, _ in cands}
        for f in found:
            f.cue_span = model.extent.cue_span(doc, f, groups[id(f)])
    return found


def statements(doc: Doc, model: CueModel, min_cue: int = MIN_CUE) -> list:
    """statements.statements, over the attributions the model keeps."""
    doc_id = doc._.article_id or content_hash(doc.text)
    entities = doc._.cl_entities or []
    found = find_attributions(doc, model, min_cue)
    contents = [f.content_span for f in found]
    return [to_statement(doc, doc_id, f, entities, contents) for f in found]
