"""claimledger_actors on short texts: metonyms, seats of government, demonyms, media, coreference."""
import pytest

from claimledger.pipeline.actors.component import entity_at


def _entities(doc):
    return {(e.name, e.type, e.country) for e in doc._.cl_entities}


def _mentions_of(doc, name):
    return [m.text for e in doc._.cl_entities if e.name == name for m in e.mentions]


@pytest.mark.parametrize("text, expected", [
    # toponyms in agent position stand for the government; in a locative they stay places
    ("Beijing denied the report on Tuesday.", {("Government of China", "government", "CN")}),
    ("The delegates met in Beijing on Tuesday.", set()),
    ("Kyiv later denied the claims.", {("Government of Ukraine", "government", "UA")}),
    ("Russia's claims were dismissed as propaganda.", {("Government of Russia", "government", "RU")}),
    # seats of government
    ("The White House said the talks would resume.", {("Government of United States", "government", "US")}),
    ("On Saturday, the Kremlin announced a ceasefire.", {("Government of Russia", "government", "RU")}),
    # demonym and title give the person's country and role
    ("French President Emmanuel Macron arrived in Berlin.", {("Emmanuel Macron", "person", "FR")}),
    # appositive media with a national modifier
    ("Iranian state news agency IRNA reported the blast.", {("IRNA", "media", "IR")}),
    # collective nouns of a country
    ("The Russian military said the village was taken.", {("Russian military", "military", "RU")}),
    # a known head of government's administration is the government
    ("The Obama administration said it would veto the bill.",
     {("Government of United States", "government", "US"), ("Barack Obama", "person", "US")}),
    # vague groups
    ("Western diplomats said the deal was close.", {("Western diplomats", "group", None)}),
    ("A source said the talks failed, and the source added that a second round was unlikely.",
     {("source", "group", None)}),
    # a copula acts only with a stance adjective
    ("Officials in Moscow said on Friday that Moscow was ready for talks.",
     {("Government of Russia", "government", "RU")}),
    ("Russia is the largest country in the world.", set()),
    # a seat of government used as a place is no actor
    ("Talks were held at the White House on Monday.", set()),
    # the credit of a caption names no actor
    ("A crowd gathers in Tbilisi. Photo: Reuters/Jane Roe\nThe protest lasted all night.", set()),
    # media by the words of their name
    ("Fox News reported the meeting.", {("Fox News", "media", None)}),
])
def test_entities(nlp, text, expected):
    assert _entities(nlp(text)) == expected


def test_kyiv_is_not_a_person(nlp):
    doc = nlp("Kyiv later denied its forces had been expelled, with Ukrainian President Volodymyr Zelensky "
              "stressing that units were still fighting.")
    assert ("Kyiv", "person", "UA") not in _entities(doc)
    assert ("Volodymyr Zelensky", "person", "UA") in _entities(doc)
    assert _mentions_of(doc, "Government of Ukraine") == ["Kyiv", "its"]


@pytest.mark.parametrize("text, name, expected", [
    # short names join the full name; pronouns join the nearest person
    ("Angela Merkel arrived on Monday. Merkel said she was hopeful.", "Angela Merkel",
     ["Angela Merkel", "Merkel", "she"]),
    # "it" as subject goes to the actor in subject position before it
    ("Tehran said it had no plans to resume talks.", "Government of Iran", ["Tehran", "it"]),
    # definite description -> the nearest actor of that kind
    ("Reuters reported the fire on Monday. The agency said three people died.", "Reuters",
     ["Reuters", "The agency"]),
    # relative pronoun -> the noun it modifies
    ("The order came from Kim Jong Un, who called it a sacred mission.", "Kim Jong Un",
     ["Kim Jong Un", "who"]),
    # a national description keeps to actors of that country
    (("Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin. "
      "The Turkish leader said talks went well."), "Recep Tayyip Erdogan",
     ["Turkish President Recep Tayyip Erdogan", "The Turkish leader"]),
    # "they" goes to an actor named by a plural noun
    ("Russian officials said they had no plans to attack.", "Government of Russia",
     ["Russian officials", "they"]),
    # a spokesman of an actor speaks for it
    ("The Kremlin's spokesman said no talks were planned.", "Government of Russia",
     ["The Kremlin", "spokesman"]),
    # a resolved description is an antecedent in turn
    ("Hamas rejected the proposal, and the group said it would not disarm.", "Hamas",
     ["Hamas", "the group", "it"]),
])
def test_coreference(nlp, text, name, expected):
    assert _mentions_of(nlp(text), name) == expected


def test_one_entity_per_actor_and_stable_ids(nlp):
    first = nlp("Vladimir Putin spoke on Monday. Putin said the war would go on.")
    second = nlp("Putin thanked the soldiers.")
    people = [e for e in first._.cl_entities if e.type == "person"]
    assert len(people) == 1 and people[0].aliases == ["Putin"]
    assert people[0].id == second._.cl_entities[0].id
    assert second._.cl_entities[0].name == "Vladimir Putin"  # canonical name from the dictionary


def test_role_phrase_is_part_of_the_mention(nlp):
    text = "Chief of the General Staff of the Russian Armed Forces Valery Gerasimov confirmed the report."
    doc = nlp(text)
    person = next(e for e in doc._.cl_entities if e.type == "person")
    assert (person.name, person.country) == ("Valery Gerasimov", "RU")
    assert person.role == "Chief of the General Staff of the Russian Armed Forces"
    assert person.mentions[0].text == text[:text.index(" confirmed")]


def test_entity_at_and_offsets(nlp):
    text = "North Korean leader Kim Jong Un met officials. He said the talks went well."
    doc = nlp(text)
    start = text.index("He said")
    assert entity_at(doc, start, start + 2).name == "Kim Jong Un"
    assert entity_at(doc, text.index("talks"), text.index("talks") + 5) is None
    for entity in doc._.cl_entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text


def test_bad_document_does_not_raise(nlp):
    assert nlp("")._.cl_entities == []
    assert nlp("…… ,,, ;;")._.cl_entities == []


@pytest.mark.parametrize("text, expected", [
    # one actor under its long and short names
    ("Apple Inc. said on Monday that Apple would cut prices.", [("Apple Inc.", 2)]),
    ("The European Commission fined the firm. The Commission said the fine was final.",
     [("European Commission", 2)]),
])
def test_named_actors_merge(nlp, text, expected):
    doc = nlp(text)
    got = [(e.name, len([m for m in e.mentions if m.text.lower() not in ("it", "its")]))
           for e in doc._.cl_entities if e.type == "organisation"]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # role and country from an apposition after the name
    ("Sergei Lavrov, Russia's foreign minister, said talks were possible.",
     ("Sergei Lavrov", "RU", "foreign minister")),
    # a seat of government in the title gives the country
    ("Kremlin spokesman Dmitry Peskov said the talks were over.", ("Dmitry Peskov", "RU", "Kremlin spokesman")),
    # an honorific the recogniser takes along is not part of the name
    ("Dr. Maria Lopez, a researcher, said the findings were preliminary.", ("Maria Lopez", None, None)),
])
def test_person_identity(nlp, text, expected):
    person = next(e for e in nlp(text)._.cl_entities if e.type == "person")
    assert (person.name, person.country, person.role) == expected


@pytest.mark.parametrize("text, expected", [
    ("The World Health Organisation (WHO) said cases rose. WHO officials warned of a second wave.",
     [("World Health Organisation", ["The World Health Organisation", "WHO", "WHO officials"])]),
    ("The Church of Scientology denied the claims. The Church said the report was false.",
     [("Church of Scientology", ["The Church of Scientology", "The Church"])]),
    # a multi-word name before "officials" is kept whole, not cut to its last word
    ("World Food Programme officials warned that the camps were full.",
     [("World Food Programme", ["World Food Programme officials"])]),
])
def test_acronyms_heads_and_officials_join_the_organisation(nlp, text, expected):
    doc = nlp(text)
    assert [(e.name, [m.text for m in e.mentions]) for e in doc._.cl_entities] == expected


def test_initials_join_the_full_name(nlp):
    doc = nlp("The United Nations said aid was blocked. The UN called for a ceasefire.")
    assert [(e.name, len(e.mentions)) for e in doc._.cl_entities] == [("United Nations", 2)]


def test_ids_do_not_depend_on_what_an_article_tells(nlp):
    told = nlp("North Korean state news agency KCNA said the troops had returned.")
    untold = nlp("KCNA said the troops had returned.")
    assert [e.id for e in told._.cl_entities if e.name == "KCNA"] == \
        [e.id for e in untold._.cl_entities if e.name == "KCNA"]
