"""The bank's products as the data generators read them from data/catalog.csv, the one source of truth.

Only the columns the generators use are read and checked here; the app's loaders check every column
(data/SCHEMA.md). Errors name the file, line, column and value, like the app's loaders do.
"""
import csv
import re
from dataclasses import dataclass

CATEGORIES = ("account", "card", "loan", "mortgage", "savings", "deposit", "investment", "insurance")
RISK_LEVELS = ("Low", "Medium", "High")
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class CatalogError(Exception):
    pass


@dataclass
class Product:
    pid: str
    name: str
    category: str
    features: list
    min_age: int
    max_age: int
    min_income: float
    min_credit: int          # 0 = no credit check
    risk: str
    fee: float
    rate: float              # None where the catalog leaves Rate empty
    line: int


def words(text):
    """Lower-case words with a plural s dropped, so that "Bicycles" mentions "bicycle"."""
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[a-z0-9]+", text.lower())]


def contains_phrase(text, phrase):
    return f" {' '.join(words(phrase))} " in f" {' '.join(words(text))} "


class Catalog:
    def __init__(self, path, products):
        self.path = path
        self.products = products
        self.by_id = {p.pid: p for p in products}

    def __getitem__(self, pid):
        return self.by_id[pid]

    def named(self, category, phrase):
        """The products of the category whose Name contains the phrase, in catalog order."""
        return [p for p in self.products if p.category == category and contains_phrase(p.name, phrase)]


class RowFields:
    """One catalog row's fields, converted with an error that says where and what was expected."""

    def __init__(self, path, line, row):
        self.path, self.line, self.row = path, line, row

    def fail(self, column, expected):
        raise CatalogError(f"{self.path} line {self.line}, column {column}: {self.row[column]!r} {expected}")

    def text(self, column):
        value = self.row[column]
        if not value:
            self.fail(column, "is empty")
        return value

    def choice(self, column, allowed):
        if self.row[column] not in allowed:
            self.fail(column, "is not one of " + ", ".join(allowed))
        return self.row[column]

    def whole_number(self, column):
        if not WHOLE_NUMBER.fullmatch(self.row[column]):
            self.fail(column, "is not a whole number")
        return int(self.row[column])

    def number(self, column):
        value = self.row[column]
        if not NUMBER.fullmatch(value):
            self.fail(column, "is not a number")
        return int(value) if WHOLE_NUMBER.fullmatch(value) else float(value)

    def optional_number(self, column):
        return self.number(column) if self.row[column] else None


def product_of(fields):
    return Product(
        pid=fields.text("Product ID"), name=fields.text("Name"),
        category=fields.choice("Category", CATEGORIES),
        features=[f.strip() for f in fields.row["Features"].split(";") if f.strip()],
        min_age=fields.whole_number("Min Age"), max_age=fields.whole_number("Max Age"),
        min_income=fields.number("Min Income"), min_credit=fields.whole_number("Min Credit Score"),
        risk=fields.choice("Risk Level", RISK_LEVELS), fee=fields.number("Annual Fee"),
        rate=fields.optional_number("Rate"), line=fields.line)


COLUMNS = ("Product ID", "Name", "Category", "Features", "Min Age", "Max Age", "Min Income",
           "Min Credit Score", "Risk Level", "Annual Fee", "Rate")


def read_catalog(path):
    """Every row of the catalog file; columns are found by name, so their order does not matter."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f, restval="")
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogError(f"{path}: no column {', '.join(missing)} in the header (see data/SCHEMA.md)")
        products = []
        for row in reader:
            p = product_of(RowFields(path, reader.line_num, row))
            if any(q.pid == p.pid for q in products):
                raise CatalogError(f"{path} line {p.line}, column Product ID: {p.pid!r} is listed twice")
            products.append(p)
    if not products:
        raise CatalogError(f"{path}: lists no products")
    return Catalog(path, products)
