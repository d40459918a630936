"""From natasha's Universal Dependencies to the relations and tags claimledger's stages read.

The stages were written against spaCy's English model (ClearNLP relations, Penn tags).  The
differences that matter are few and regular, so they are converted once here rather than taught to
every stage:

* relations renamed one for one: ``obj`` -> ``dobj``, ``nsubj:pass`` -> ``nsubjpass``,
  ``aux:pass`` -> ``auxpass``, ``acl:relcl`` -> ``relcl``, ``iobj`` -> ``dative``, a negating
  ``не`` -> ``neg`` ...;
* a noun with a preposition (UD: the preposition is a ``case`` child of the noun) becomes
  ``prep`` + ``pobj`` (the preposition heads the noun), as in "в интервью" -> prep(в) pobj(интервью);
* a name (UD ``flat:name``: the first word heads) is headed by its last word with ``compound``
  children, as "Dmitry Peskov" is in English;
* the Penn tag comes from the UD part of speech and features (past -> VBD, participle -> VBN, ...).
"""
from __future__ import annotations

RENAME = {"obj": "dobj", "iobj": "dative", "nsubj:pass": "nsubjpass", "aux:pass": "auxpass",
          "acl:relcl": "relcl", "nummod:gov": "nummod", "nummod:entity": "nummod",
          "csubj:pass": "csubjpass", "flat:foreign": "compound", "flat": "compound",
          "compound": "compound", "root": "ROOT", "obl:agent": "agent", "det": "det"}

PUNCT_TAGS = {",": ",", ".": ".", ":": ":", ";": ":", "!": ".", "?": ".", "(": "-LRB-", ")": "-RRB-",
              "«": "``", "»": "''", '"': "''", "“": "``", "”": "''", "„": "``", "—": ":", "–": ":", "-": "HYPH"}
SIMPLE_TAGS = {"ADJ": "JJ", "ADV": "RB", "ADP": "IN", "CCONJ": "CC", "SCONJ": "IN", "NUM": "CD",
               "DET": "DT", "INTJ": "UH", "PART": "RP", "SYM": "SYM", "X": "FW", "SPACE": "_SP"}


def penn_tag(pos: str, feats: dict[str, str], text: str) -> str:
    """A Penn Treebank tag for a UD part of speech and its features."""
    plural = feats.get("Number") == "Plur"
    if pos in ("VERB", "AUX"):
        form = feats.get("VerbForm")
        if form == "Part":
            return "VBN" if feats.get("Voice") == "Pass" else "VBG"
        if form == "Conv":
            return "VBG"
        if form == "Inf":
            return "VB"
        return "VBD" if feats.get("Tense") == "Past" else "VBZ"
    if pos == "NOUN":
        return "NNS" if plural else "NN"
    if pos == "PROPN":
        return "NNPS" if plural else "NNP"
    if pos == "PRON":
        return "PRP"
    if pos == "DET" and feats.get("Poss") == "Yes":
        return "PRP$"
    if pos == "PUNCT":
        return PUNCT_TAGS.get(text, "NFP")
    if pos == "PART" and feats.get("Polarity") == "Neg":
        return "RB"
    return SIMPLE_TAGS.get(pos, "XX")


def convert(heads: list[int], deps: list[str], words: list[str], pos: list[str]) -> tuple[list[int], list[str]]:
    """UD heads (absolute indices, a root heads itself) and relations -> the English scheme."""
    original, deps = list(heads), list(deps)
    roots = [i for i, h in enumerate(original) if h == i]
    for extra in roots[1:]:  # more than one root: the later ones hang off the first
        original[extra], deps[extra] = roots[0], "parataxis"
    if not is_tree(original):  # the parser's own output is not a tree: one root, the rest under it
        root = next((i for i, h in enumerate(original) if h == i), 0)
        return [root] * len(heads), ["ROOT" if i == root else "dep" for i in range(len(heads))]
    renamed = [RENAME.get(d, d) for d in deps]
    heads, deps = list(original), list(renamed)
    for i, dep in enumerate(deps):
        if dep == "advmod" and words[i].lower() in ("не", "ни") and pos[i] == "PART":
            deps[i] = "neg"
    _rehead_names(heads, deps)
    _prepositions(heads, deps, pos)
    if not is_tree(heads):  # a conversion that would break the tree is not made
        return original, renamed
    return heads, deps


def is_tree(heads: list[int]) -> bool:
    """One root (a word that heads itself) and every word reaches it."""
    roots = [i for i, h in enumerate(heads) if h == i]
    if len(roots) != 1 or any(not 0 <= h < len(heads) for h in heads):
        return False
    for i in range(len(heads)):
        seen, j = 0, i
        while heads[j] != j:
            j, seen = heads[j], seen + 1
            if seen > len(heads):
                return False
    return True


def _rehead_names(heads: list[int], deps: list[str]) -> None:
    """flat:name chains: the last word heads, the others are its compounds."""
    members: dict[int, list[int]] = {}
    for i, dep in enumerate(deps):
        if dep == "flat:name":
            members.setdefault(heads[i], []).append(i)
    for first, rest in members.items():
        last = max(rest)
        if last < first:
            continue
        heads[last], deps[last] = (last if heads[first] == first else heads[first]), deps[first]
        for i in [first] + rest:
            if i != last:
                heads[i], deps[i] = last, "compound"
        for j, h in enumerate(heads):  # the first word's other children move to the new head
            if h == first and j != first and deps[j] != "compound":
                heads[j] = last


def _prepositions(heads: list[int], deps: list[str], pos: list[str]) -> None:
    """obl/nmod/... with a case-marking preposition: the preposition heads the noun (prep + pobj)."""
    for i, dep in enumerate(deps):
        if dep != "case" or pos[i] != "ADP":
            continue
        noun = heads[i]
        if noun == i or heads[noun] == noun or noun < i and deps[noun] != "conj":
            continue  # a root noun ("В Москве." as a headline) or a postposition: leave as it is
        if deps[noun] == "nummod" or pos[noun] == "NUM":
            continue  # "около 76 тысяч человек": a preposition on a number hedges it and the number counts the noun
        if any(deps[j] == "case" and heads[j] == noun and j > i and pos[j] == "ADP" for j in range(len(deps))):
            continue  # two prepositions ("из-за", "по отношению к"): the last one takes the noun
        heads[i], deps[i] = heads[noun], "prep"
        heads[noun], deps[noun] = i, "pobj"
