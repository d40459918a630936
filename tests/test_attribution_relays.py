"""Relays: a news agency that quotes someone carries the statement; the quoted actor speaks."""
import pytest


@pytest.mark.parametrize("text, speaker, via", [
    ("Russia's state news agency TASS quoted the Kremlin as saying that Russian forces had expelled the troops.",
     "Government of Russia", ["TASS"]),
    ("The state news agency Xinhua quoted the foreign ministry as saying that talks would resume.",
     None, ["Xinhua"]),
])
def test_relaying_agency_is_the_channel(nlp, text, speaker, via):
    doc = nlp(text)
    (st,) = [s for s in doc._.cl_statements if s.cue["text"] == "quoted"]
    assert st.via == via
    if speaker:
        assert st.speaker.name == speaker
