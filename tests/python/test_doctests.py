"""The examples in the package's docstrings run and give what they show."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["sokhan", "sokhan.normalize", "sokhan.sentences", "sokhan.dates", "sokhan.timeml", "sokhan.pandas", "sokhan.document"])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
