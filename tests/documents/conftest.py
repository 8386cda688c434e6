import pytest

from tests.documents import fixtures


@pytest.fixture(scope="session")
def annex_rows():
    return fixtures.annex_rows()


@pytest.fixture(scope="session")
def annex_pdf(annex_rows):
    return fixtures.annex_decision_pdf(annex_rows)


@pytest.fixture(scope="session")
def annex_pdf_path(tmp_path_factory, annex_pdf):
    path = tmp_path_factory.mktemp("annex") / "qd-123-bnv.pdf"
    path.write_bytes(annex_pdf)
    return path


def assert_spans(doc):
    """The documents layer's invariant: every cell's span holds exactly the cell's text."""
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert cell.span is not None
                assert doc.text[cell.span[0]:cell.span[1]] == cell.text, (table.index, cell)
    for start, end in doc.pages:
        assert 0 <= start <= end <= len(doc.text)
