"""Each figure names the criteria set it was scored under."""
from normalizers.criteria import criteria_set


def test_par_provincial_sets_by_year():
    assert criteria_set("PAR", 2016, "province", "06") == "PAR/province/2012-2016"
    assert criteria_set("PAR", 2019, "province", "06") == "PAR/province/2017-2019"
    assert criteria_set("PAR", 2021, "ministry") == "PAR/ministry/2020-2021"
    assert criteria_set("PAR", 2024, "province", "06") == "PAR/province/2022-"


def test_district_sets_belong_to_their_province():
    assert criteria_set("PAR", 2022, "district", "06") == "PAR/district/06/2022-"
    assert criteria_set("PAR", 2018, "department", "24") == "PAR/department/24/2017-2019"


def test_unknowns_and_other_indices():
    assert criteria_set("PAR", None, "province") is None
    assert criteria_set("PAR", 2010, "province") is None
    assert criteria_set("PAR", 2022, "unknown") is None
    assert criteria_set("PAPI", 2022, "province") == "PAPI/2022"
    assert criteria_set("OTHER", 2022, "province") is None
