import pytest

from report import build_report
from tests.audit.fixtures import shared_sample

from .browser import Browser, find_chromium


@pytest.fixture(scope="package")
def built(tmp_path_factory):
    """One pipeline run over the sample site, and the report written from it."""
    data = shared_sample(tmp_path_factory)["data"]
    out = tmp_path_factory.mktemp("report") / "site"
    index = build_report(out, data)
    return {"data": data, "index": index, "out": out}


@pytest.fixture(scope="package")
def browser():
    binary = find_chromium()
    if binary is None:
        pytest.skip("chromium not found (install it with `make test-sysdeps` or `apt-get install chromium`)")
    b = Browser(binary)
    yield b
    b.close()
