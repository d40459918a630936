"""Russian: natasha's analysis (razdel, slovnet morphology, syntax and NER, navec) as a spaCy Doc.

``natasha_doc.py`` runs natasha and builds the Doc (words, heads, deps, POS, morphology, lemmas,
entities); ``ud.py`` turns natasha's Universal Dependencies into the relations and tags the
stages read (the English model's ClearNLP scheme), so that the same components run on it with the
Russian vocabularies of ``data/<stage>/ru/``.  natasha is the optional ``ru`` extra.
"""
