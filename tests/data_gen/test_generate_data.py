"""scripts/generate_data.py reads data/catalog.csv, the one source of truth for the bank's products:
the committed data is exactly what it makes from that catalog, and a product added as one catalog
row is held by the customers its columns describe.

    /usr/bin/python3 tests/data_gen/test_generate_data.py [CommittedData|NewProduct|BadCatalog]
"""
import csv
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
GENERATOR = ROOT / "scripts" / "generate_data.py"
GENERATED = ("bankers.csv", "customerdata.csv", "transactions.csv")
RISK_ALLOWED = {"Low": ("Conservative", "Moderate", "Aggressive"), "Medium": ("Moderate", "Aggressive"),
                "High": ("Aggressive",)}

# A card of an existing kind (its name says Travel), a product of no kind whose name and features
# mention customers' interests (bikes, cycling), and one that nothing in their lives describes.
MILES_CARD = {"Product ID": "CARD-MILES", "Name": "Air Miles Travel Card", "Category": "card",
              "Features": "Air miles on every purchase;No foreign exchange fees",
              "Min Age": "30", "Max Age": "120", "Min Income": "35000", "Min Credit Score": "700",
              "Risk Level": "Low", "Annual Fee": "60", "Rate": "20.90"}
BIKE_COVER = {"Product ID": "INS-BIKE", "Name": "Bicycle Insurance", "Category": "insurance",
              "Features": "Theft and accidental damage cover;Cycling accessories included",
              "Min Age": "18", "Max Age": "80", "Min Income": "0", "Min Credit Score": "0",
              "Risk Level": "Low", "Annual Fee": "60", "Rate": ""}
IDENTITY_COVER = {"Product ID": "INS-IDENTITY", "Name": "Identity Theft Cover", "Category": "insurance",
                  "Features": "Credit monitoring;Fraud resolution support",
                  "Min Age": "18", "Max Age": "120", "Min Income": "0", "Min Credit Score": "0",
                  "Risk Level": "Low", "Annual Fee": "48", "Rate": ""}


def run_generator(catalog, out):
    return subprocess.run(["/usr/bin/python3", "-B", str(GENERATOR), "--catalog", str(catalog), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_catalog(path, rows):
    """The committed catalog's rows, changed or extended: every other column as a real row has it."""
    header = list(read_rows(DATA / "catalog.csv")[0].keys())
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            pid = row["Product ID"]
            writer.writerow({"Description": f"The {row['Name']}. Made for this test.",
                             "Link": f"https://www.northwind-bank.example/test/{pid.lower()}",
                             "Image": f"images/{pid}.png", **row})


def holders(customers, pid):
    return [c for c in customers if pid in c["Products Held"].split(";")]


def first_difference(a, b):
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
        if x != y:
            return n
    return min(len(a.splitlines()), len(b.splitlines())) + 1


class CommittedData(unittest.TestCase):
    """data/ holds what the generator makes from data/catalog.csv, byte for byte."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.result = run_generator(DATA / "catalog.csv", cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_regeneration_gives_the_committed_bytes(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        for name in GENERATED:
            made = (Path(self.tmp.name) / name).read_bytes()
            committed = (DATA / name).read_bytes()
            if made != committed:
                line = first_difference(made.decode(), committed.decode())
                self.fail(f"data/{name} line {line} differs from what scripts/generate_data.py makes from "
                          "data/catalog.csv: regenerate with `/usr/bin/python3 scripts/generate_data.py`")

    def test_every_committed_product_has_holders(self):
        self.assertEqual(self.result.stderr, "")
        held = {p for c in read_rows(DATA / "customerdata.csv") for p in c["Products Held"].split(";")}
        self.assertEqual({p["Product ID"] for p in read_rows(DATA / "catalog.csv")} - held, set())


class NewProduct(unittest.TestCase):
    """Three rows added to a copy of the catalog, regenerated into a temporary folder."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.catalog = Path(cls.tmp.name) / "catalog.csv"
        write_catalog(cls.catalog, read_rows(DATA / "catalog.csv") + [MILES_CARD, BIKE_COVER, IDENTITY_COVER])
        cls.catalog_bytes = cls.catalog.read_bytes()
        cls.result = run_generator(cls.catalog, Path(cls.tmp.name) / "out")
        cls.customers = read_rows(Path(cls.tmp.name) / "out" / "customerdata.csv")
        # The same run in this process, for the traits the files do not show.
        sys.path.insert(0, str(GENERATOR.parent))
        sys.dont_write_bytecode = True      # nothing written into scripts/
        import generate_data
        import product_catalog
        _, drawn, _ = generate_data.generate(product_catalog.read_catalog(str(cls.catalog)))
        cls.traits = {str(c.cid): set(c.traits) for c in drawn}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assert_eligible(self, customers, product):
        for c in customers:
            self.assertTrue(int(product["Min Age"]) <= int(c["Age"]) <= int(product["Max Age"]), c)
            self.assertGreaterEqual(float(c["Annual Income"]), float(product["Min Income"]), c)
            self.assertGreaterEqual(int(c["Credit Score"]), int(product["Min Credit Score"]), c)
            self.assertIn(c["Risk Profile"], RISK_ALLOWED[product["Risk Level"]], c)

    def test_the_catalog_is_read_and_never_rewritten(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertEqual(self.catalog.read_bytes(), self.catalog_bytes)
        self.assertIn("read 55 products", self.result.stdout)

    def test_a_card_named_for_travel_goes_to_eligible_travellers(self):
        owners = holders(self.customers, "CARD-MILES")
        self.assertGreater(len(owners), 0)
        self.assert_eligible(owners, MILES_CARD)
        self.assertEqual([c["Customer ID"] for c in owners if "traveller" not in self.traits[c["Customer ID"]]], [])

    def test_a_product_of_no_kind_goes_to_the_interests_it_mentions(self):
        owners = holders(self.customers, "INS-BIKE")
        self.assertGreater(len(owners), 0)
        self.assert_eligible(owners, BIKE_COVER)
        cyclists = {"fitness", "eco"}      # "Cycling" is a fitness interest, "Bicycles" an eco purchase
        self.assertEqual([c["Customer ID"] for c in owners if not cyclists & self.traits[c["Customer ID"]]], [])

    def test_a_product_nothing_describes_is_reported_not_held(self):
        self.assertEqual(holders(self.customers, "INS-IDENTITY"), [])
        self.assertIn(f"{self.catalog} line 56: no customer holds INS-IDENTITY: its Name matches no kind",
                      self.result.stderr)

    def test_every_holding_is_a_catalog_product(self):
        listed = {p["Product ID"] for p in read_rows(self.catalog)}
        self.assertEqual({p for c in self.customers for p in c["Products Held"].split(";")} - listed, set())


class BadCatalog(unittest.TestCase):
    """A catalog the generator cannot use stops it with file, line and column, and writes nothing."""

    def generate_from(self, rows):
        with tempfile.TemporaryDirectory() as tmp:
            catalog, out = Path(tmp) / "catalog.csv", Path(tmp) / "out"
            write_catalog(catalog, rows)
            run = run_generator(catalog, out)
            self.assertNotEqual(run.returncode, 0)
            self.assertFalse(out.exists(), "nothing is written from a bad catalog")
            return run.stderr.replace(str(catalog), "catalog.csv")

    def test_a_bad_number(self):
        rows = read_rows(DATA / "catalog.csv")
        rows[1]["Min Age"] = "abc"
        self.assertIn("catalog.csv line 3, column Min Age: 'abc' is not a whole number", self.generate_from(rows))

    def test_an_unknown_category(self):
        rows = read_rows(DATA / "catalog.csv")
        rows[0]["Category"] = "pension"
        self.assertIn("catalog.csv line 2, column Category: 'pension' is not one of account, card",
                      self.generate_from(rows))

    def test_a_product_a_seed_customer_holds_is_missing(self):
        rows = [r for r in read_rows(DATA / "catalog.csv") if r["Product ID"] != "INS-GADGET"]
        self.assertIn("seed customer 101 holds INS-GADGET, which the catalog does not list", self.generate_from(rows))


if __name__ == "__main__":
    unittest.main(verbosity=2)
