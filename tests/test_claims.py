"""Claims within one article: grouping statements into propositions and their status."""
import pytest

from claimledger.pipeline.claims import build_claims, claim_status
from claimledger.model import Speaker, Statement


def make_statement(text, sid, speaker, cue, content, stance, negated=False):
    cs, ct = text.index(cue), text.index(content)
    return Statement(
        id=sid, speaker=Speaker(speaker, None, None, 0, len(speaker)),
        cue={"text": cue, "lemma": cue, "start": cs, "end": cs + len(cue)},
        content={"text": content, "start": ct, "end": ct + len(content)},
        kind="indirect", stance=stance, negated=negated,
    )


@pytest.mark.parametrize("stances, negated, expected", [
    (["assert"], [False], "reported"),
    (["assert", "confirm"], [False, False], "confirmed"),
    (["assert", "deny"], [False, False], "disputed"),
    (["deny"], [False], "denied"),
    (["assert", "dismiss"], [False, False], "disputed"),
    (["assert", "assert"], [False, True], "disputed"),
])
def test_claim_status(stances, negated, expected):
    statements = [Statement(str(i), None, {"start": i}, {"start": i}, "indirect", s, negated=n)
                  for i, (s, n) in enumerate(zip(stances, negated))]
    assert claim_status(statements) == expected


TEXT = ("The army announced that its soldiers had recaptured the town of Bakhmut from rebel fighters. "
        "The rebels denied that their forces had been driven out of Bakhmut. "
        "Observers said some 300 rebel fighters had been killed in the town. "
        "The general praised the courage of the soldiers.")


def test_build_claims_groups_and_status(nlp):
    doc = nlp(TEXT)
    statements = [
        make_statement(TEXT, "s1", "army", "announced", "that its soldiers had recaptured the town of Bakhmut from rebel fighters", "assert"),
        make_statement(TEXT, "s2", "rebels", "denied", "that their forces had been driven out of Bakhmut", "deny"),
        make_statement(TEXT, "s3", "Observers", "said", "some 300 rebel fighters had been killed in the town", "assert"),
        make_statement(TEXT, "s4", "general", "praised", "the courage of the soldiers", "praise"),
    ]
    claims = build_claims(doc, statements)
    by_statement = {sid: c for c in claims for sid in c.statement_ids}
    assert by_statement["s1"] is by_statement["s2"]
    assert by_statement["s1"].status == "disputed"
    assert by_statement["s3"] is not by_statement["s1"]  # the count is its own proposition
    assert by_statement["s3"].status == "reported"
    assert "s4" not in by_statement  # praise bears on no claim
    assert statements[0].claim_id == by_statement["s1"].id
    assert by_statement["s1"].text.startswith("Its soldiers had recaptured")
