import pytest

from .fixtures import shared_sample


@pytest.fixture(scope="package")
def sample(tmp_path_factory):
    """The sample site, running, and a data dir of one pipeline run over it."""
    return shared_sample(tmp_path_factory)
