"""The NLP pipeline: the pip-installed English model plus one claimledger component per stage.

``build.py`` makes the Language (``load_pipeline`` caches one per process), ``analysis.py`` runs it
on Articles (``analyze``, ``analyze_many``); the stages are ``dates/``, ``places/``, ``actors/``,
``quantities.py``, ``attribution/`` and ``claims.py``, registered by ``components.py``.
"""

_LAZY = {"load_pipeline": "build", "build_pipeline": "build", "analyze": "analysis", "analyze_many": "analysis"}


def __getattr__(name):  # lazy, so that importing one stage does not load the others
    if name in _LAZY:
        from importlib import import_module
        return getattr(import_module(f"claimledger.pipeline.{_LAZY[name]}"), name)
    raise AttributeError(name)
