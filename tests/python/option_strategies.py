"""Hypothesis strategies for every Normalizer option, shared by the property tests.

Not a test module: test modules load it by path (``--import-mode=importlib`` puts no test
directory on ``sys.path``)."""

from __future__ import annotations

from hypothesis import strategies as st

#: A strategy for each keyword argument of sokhan.Normalizer, covering all of its values.
NORMALIZER_OPTION_VALUES = {
    "unicode_form": st.sampled_from(["NFC", "NFKC", None]),
    "persian_letters": st.booleans(),
    "extra_letters": st.booleans(),
    "digits": st.sampled_from(["keep", "latin", "persian", "arabic"]),
    "diacritics": st.sampled_from(["keep", "remove"]),
    "kashida": st.booleans(),
    "zwnj": st.booleans(),
    "repair_compounds": st.booleans(),
    "spacing": st.booleans(),
    "punctuation": st.sampled_from(["keep", "persian"]),
    "ellipsis": st.booleans(),
    "repeated_letters": st.booleans(),
}

#: Every option given.
all_options = st.fixed_dictionaries(NORMALIZER_OPTION_VALUES)
#: Any subset of the options given (the rest at their defaults).
some_options = st.fixed_dictionaries({}, optional=NORMALIZER_OPTION_VALUES)
