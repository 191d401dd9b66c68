#!/usr/bin/env python3
"""Generate the bundled synthetic bank data in data/ (column contract: data/SCHEMA.md).

Reads the bank's products from catalog.csv, the one source of truth for them, and writes
bankers.csv, customerdata.csv and transactions.csv. Everything is drawn from one seeded
random.Random and nothing depends on the clock, so a second run gives the same bytes:

    /usr/bin/python3 scripts/generate_data.py [--catalog data/catalog.csv] [--out data]

The model is deliberately simple and causal so that the recommender has real signal to find:
life stage -> occupation -> income -> credit score and risk profile -> life facts (home, car,
children, pets, hobbies) -> products held, interests, purchases and monthly transactions.
Gender is drawn independently of everything else, so any difference in exposure across genders
comes from the ranker, not from the data. Holdings name products by kind, never by id (see
KINDS), so a product added to catalog.csv is held by the customers its columns describe.
"""
import argparse
import calendar
import csv
import datetime
import math
import os
import random
import sys
from dataclasses import dataclass, field

from product_catalog import CatalogError, contains_phrase, read_catalog

SEED = 20261125
DATA_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
FIRST_MONTH = (2025, 11)
MONTHS = 12
SYNTHETIC_CUSTOMERS = 600
MAX_PRODUCTS = 6

# A product's Risk Level -> the customers' risk profiles it suits.
RISK_ALLOWED = {"Low": ("Conservative", "Moderate", "Aggressive"),
                "Medium": ("Moderate", "Aggressive"), "High": ("Aggressive",)}

# ---------------------------------------------------------------------------------------------
# Bankers, branches and the places and names around each branch. Names and places stay within
# Latin-1 so that every default UI font can draw them.
# ---------------------------------------------------------------------------------------------


@dataclass
class Region:
    banker_id: str
    banker_name: str
    branch: str
    cities: list
    rent: int              # typical monthly rent of a two-room flat, EUR
    income_level: float    # regional wage level relative to the Netherlands
    male: list
    female: list
    surnames: list


REGIONS = [
    Region("B01", "Marieke van der Linden", "Amsterdam Zuid",
           ["Amsterdam", "Amsterdam", "Haarlem", "Utrecht", "Amstelveen", "Leiden", "Zaandam"], 1550, 1.0,
           ["Daan", "Sem", "Lucas", "Levi", "Finn", "Bram", "Thijs", "Jesse", "Ruben", "Pieter", "Jeroen",
            "Willem", "Sander", "Maarten", "Koen", "Joost"],
           ["Emma", "Julia", "Sophie", "Tess", "Anna", "Fleur", "Lotte", "Sanne", "Eva", "Lieke", "Marloes",
            "Anouk", "Femke", "Ingrid", "Mirjam", "Noor"],
           ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
            "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Kok", "van Leeuwen"]),
    Region("B02", "Thomas Becker", "Berlin Mitte",
           ["Berlin", "Berlin", "Berlin", "Potsdam", "Leipzig", "Dresden"], 1100, 0.98,
           ["Lukas", "Leon", "Jonas", "Felix", "Maximilian", "Paul", "Tobias", "Stefan", "Jürgen", "Matthias",
            "Andreas", "Klaus", "Uwe", "Niklas", "Florian", "Sebastian"],
           ["Lena", "Hannah", "Mia", "Laura", "Lea", "Anna", "Katharina", "Julia", "Sabine", "Petra", "Ursula",
            "Monika", "Jana", "Sophie", "Franziska", "Birgit"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Koch", "Richter", "Wolf", "Schäfer", "Krüger", "Zimmermann", "Braun", "Hartmann"]),
    Region("B03", "Isabelle Laurent", "Paris Opéra",
           ["Paris", "Paris", "Paris", "Versailles", "Boulogne-Billancourt", "Saint-Denis", "Lille"], 1350, 0.93,
           ["Louis", "Hugo", "Jules", "Lucas", "Théo", "Nathan", "Antoine", "Julien", "Pierre", "Nicolas",
            "Olivier", "Philippe", "Mathieu", "Gabriel", "François", "Rémi"],
           ["Chloé", "Manon", "Camille", "Léa", "Inès", "Sarah", "Juliette", "Claire", "Isabelle", "Nathalie",
            "Sophie", "Amélie", "Céline", "Élodie", "Margaux", "Hélène"],
           ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefèvre", "Michel", "Fournier", "Girard", "Rousseau", "Bonnet"]),
    Region("B04", "Javier Morales", "Madrid Salamanca",
           ["Madrid", "Madrid", "Madrid", "Alcalá de Henares", "Getafe", "Toledo", "Móstoles"], 1050, 0.76,
           ["Hugo", "Martín", "Lucas", "Daniel", "Pablo", "Alejandro", "Javier", "Carlos", "Sergio", "Miguel",
            "Jorge", "Antonio", "Manuel", "Álvaro", "Raúl", "Diego"],
           ["Lucía", "Sofía", "Martina", "María", "Paula", "Julia", "Carmen", "Elena", "Laura", "Marta", "Ana",
            "Cristina", "Pilar", "Nuria", "Irene", "Rocío"],
           ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
            "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero", "Navarro"]),
    Region("B05", "Chiara Colombo", "Milano Brera",
           ["Milan", "Milan", "Milan", "Bergamo", "Monza", "Como", "Turin"], 1100, 0.82,
           ["Leonardo", "Francesco", "Alessandro", "Lorenzo", "Mattia", "Andrea", "Gabriele", "Marco", "Luca",
            "Giuseppe", "Giovanni", "Stefano", "Paolo", "Davide", "Riccardo", "Matteo"],
           ["Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Chiara", "Francesca", "Elena", "Martina", "Sara",
            "Valentina", "Federica", "Alessia", "Giorgia", "Silvia", "Beatrice"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo"]),
    Region("B06", "Siobhán Walsh", "Dublin Docklands",
           ["Dublin", "Dublin", "Dublin", "Cork", "Galway", "Limerick", "Bray"], 1850, 1.04,
           ["Jack", "James", "Noah", "Conor", "Seán", "Darragh", "Cian", "Oisín", "Patrick", "Michael", "Liam",
            "Ciarán", "Eoin", "Declan", "Aidan", "Colm"],
           ["Emily", "Grace", "Sophie", "Aoife", "Saoirse", "Niamh", "Ciara", "Róisín", "Siobhán", "Mary",
            "Orla", "Sinéad", "Aisling", "Clodagh", "Éabha", "Caoimhe"],
           ["Murphy", "Kelly", "O'Sullivan", "Walsh", "Smith", "O'Brien", "Byrne", "Ryan", "O'Connor",
            "O'Neill", "Doyle", "McCarthy", "Gallagher", "Kennedy", "Lynch", "Quinn", "Fitzgerald", "Brennan"]),
    Region("B07", "Erik Lindqvist", "Stockholm Östermalm",
           ["Stockholm", "Stockholm", "Stockholm", "Uppsala", "Solna", "Västerås", "Södertälje"], 1200, 0.95,
           ["William", "Liam", "Noah", "Hugo", "Oscar", "Elias", "Erik", "Anders", "Johan", "Lars", "Magnus",
            "Per", "Nils", "Karl", "Gustav", "Björn"],
           ["Alice", "Maja", "Elsa", "Astrid", "Wilma", "Ebba", "Ingrid", "Karin", "Lena", "Sara", "Emma",
            "Linnea", "Anna", "Frida", "Sofia", "Märta"],
           ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
            "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindström", "Berg", "Holm",
            "Sjöberg", "Åberg"]),
    Region("B08", "Anna Kowalczyk", "Warsaw Mokotów",
           ["Warsaw", "Warsaw", "Warsaw", "Kraków", "Radom", "Lublin", "Gdynia"], 850, 0.6,
           ["Jakub", "Jan", "Antoni", "Szymon", "Filip", "Kacper", "Piotr", "Tomasz", "Krzysztof", "Marek",
            "Andrzej", "Adam", "Wojciech", "Marcin", "Bartosz", "Grzegorz"],
           ["Zuzanna", "Julia", "Zofia", "Hanna", "Maja", "Lena", "Anna", "Katarzyna", "Magdalena",
            "Agnieszka", "Joanna", "Monika", "Ewa", "Aleksandra", "Natalia", "Karolina"],
           ["Nowak", "Kowalski", "Wójcik", "Kowalczyk", "Lewandowski", "Mazur", "Krawczyk", "Kaczmarek",
            "Piotrowski", "Grabowski", "Pawlak", "Michalski", "Nowakowski", "Wieczorek", "Adamczyk", "Dudek",
            "Król", "Wróbel"]),
]
REGION_BY_BANKER = {r.banker_id: r for r in REGIONS}

# ---------------------------------------------------------------------------------------------
# Occupations: (title, income at career peak in the Netherlands in EUR, traits the job makes likely)
# ---------------------------------------------------------------------------------------------

OCCUPATIONS = [
    ("Software Engineer", 78000, ["techie"]), ("Data Scientist", 82000, ["techie"]),
    ("Doctor", 115000, []), ("Nurse", 44000, ["fitness"]), ("Teacher", 47000, ["reader"]),
    ("Accountant", 62000, ["investor"]), ("Lawyer", 98000, []), ("Electrician", 46000, ["diy"]),
    ("Sales Manager", 68000, []), ("Retail Assistant", 27000, ["fashion"]), ("Chef", 34000, ["foodie"]),
    ("Graphic Designer", 43000, ["arts"]), ("Civil Engineer", 67000, []), ("Pharmacist", 72000, []),
    ("Marketing Specialist", 50000, []), ("Police Officer", 50000, ["fitness"]), ("Architect", 64000, ["arts"]),
    ("Bus Driver", 36000, []), ("Mechanic", 40000, ["car"]), ("Social Worker", 40000, []),
    ("Journalist", 46000, ["reader"]), ("Hairdresser", 28000, ["fashion"]),
    ("Logistics Coordinator", 42000, []), ("Financial Analyst", 80000, ["investor"]),
    ("Civil Servant", 52000, []), ("Photographer", 36000, ["arts"]), ("Consultant", 88000, []),
    ("Small Business Owner", 58000, []), ("Pilot", 125000, ["traveller"]), ("Farmer", 38000, ["diy"]),
    ("Physiotherapist", 48000, ["fitness"]), ("Product Manager", 76000, ["techie"]),
]
JUNIOR_OCCUPATIONS = ["Retail Assistant", "Barista", "Apprentice Electrician", "Junior Developer",
                      "Warehouse Operative", "Call Centre Agent", "Hairdresser", "Chef"]
JUNIOR_INCOME = {"Barista": 24000, "Apprentice Electrician": 28000, "Junior Developer": 52000,
                 "Warehouse Operative": 30000, "Call Centre Agent": 29000}
SELF_EMPLOYED = {"Small Business Owner", "Photographer", "Graphic Designer", "Consultant", "Hairdresser",
                 "Architect", "Farmer"}
OCCUPATION_INFO = {title: (peak, traits) for title, peak, traits in OCCUPATIONS}

# Trait -> (interests, retail purchase categories). Interests and purchases come from the traits.
TRAIT_SIGNALS = {
    "gamer": (["Gaming", "Esports", "Video Games", "Streaming"], ["Gaming", "Electronics"]),
    "techie": (["Tech Gadgets", "AI", "Coding", "Smart Home", "Robotics"], ["Electronics", "Smart Home"]),
    "traveller": (["Travel", "Backpacking", "City Breaks", "Beach Holidays", "Road Trips"], ["Travel", "Luggage"]),
    "investor": (["Finance", "Investments", "Stock Market", "Personal Finance"], ["Books"]),
    "eco": (["Sustainability", "Climate Action", "Electric Vehicles", "Renewable Energy", "Zero Waste"],
            ["Organic Food", "Bicycles"]),
    "fitness": (["Fitness", "Running", "Yoga", "Cycling", "Football", "Hiking"], ["Sports Equipment", "Sportswear"]),
    "foodie": (["Cooking", "Food", "Wine", "Baking", "Restaurants"], ["Kitchenware", "Gourmet Food"]),
    "fashion": (["Fashion", "Beauty", "Style"], ["Fashion", "Beauty"]),
    "reader": (["Reading", "Learning", "Writing", "History", "Languages"], ["Books", "Education"]),
    "arts": (["Music", "Photography", "Art", "Film", "Theatre", "Concerts"], ["Music", "Photography"]),
    "diy": (["DIY", "Gardening", "Home Improvement", "Interior Design"], ["Home Improvement", "Gardening", "Furniture"]),
    "young_kids": (["Parenting", "Family Activities", "Family Holidays"], ["Baby Products", "Toys"]),
    "teen_kids": (["Parenting", "Family Activities", "Education"], ["Kids Clothing", "School Supplies"]),
    "grandparent": (["Grandchildren", "Family"], ["Toys"]),
    "pet": (["Dogs", "Cats", "Pets"], ["Pet Supplies"]),
    "car": (["Cars", "Motorsport", "Road Trips"], ["Auto Parts"]),
    "luxury": (["Luxury Travel", "Fine Dining", "Watches", "Golf"], ["Luxury Goods", "Jewellery"]),
    "retiree": (["Gardening", "Bird Watching", "Cruises", "Health & Wellness", "History", "Bridge"],
                ["Health & Wellness", "Gardening", "Books"]),
    "student": (["Study Abroad", "Music Festivals", "Campus Life", "Learning"], ["Books", "Education"]),
}
GENERAL_INTERESTS = ["Music", "Movies", "Cooking", "Reading", "Football", "Walking"]
GENERAL_PURCHASES = ["Groceries", "Books", "Fashion", "Electronics"]


@dataclass
class Customer:
    cid: int
    age: int
    gender: str
    region: Region
    name: str = ""
    city: str = ""
    occupation: str = ""
    stage: str = ""          # student, junior, worker, retired, unemployed, homemaker
    income: int = 0
    credit: int = 0
    risk: str = ""
    housing: str = ""        # mortgage, owner, rent, family
    partnered: bool = False
    traits: list = field(default_factory=list)
    holdings: list = field(default_factory=list)
    interests: list = field(default_factory=list)
    purchases: list = field(default_factory=list)
    engagement: int = 0
    sentiment: float = 0.0
    social: str = ""

    def has(self, trait):
        return trait in self.traits


def eligible(c, p):
    return (p.min_age <= c.age <= p.max_age and c.income >= p.min_income
            and (p.min_credit == 0 or c.credit >= p.min_credit) and c.risk in RISK_ALLOWED[p.risk])


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def interpolate(x, points):
    """Piecewise-linear curve through (x, y) points."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


# Earnings rise with experience to a plateau around 50-55 and ease off before retirement.
CAREER_CURVE = [(20, 0.55), (25, 0.66), (30, 0.78), (40, 0.92), (50, 1.0), (55, 1.0), (60, 0.96), (67, 0.92)]

# ---------------------------------------------------------------------------------------------
# Drawing a synthetic customer
# ---------------------------------------------------------------------------------------------


def draw_age(rng):
    bracket = rng.choices([(18, 25), (26, 35), (36, 50), (51, 66), (67, 90)], [14, 20, 26, 22, 18])[0]
    return rng.randint(*bracket)


def draw_gender(rng):
    return rng.choices(["Male", "Female", "Non-binary", "Undisclosed"], [48, 48, 2, 2])[0]


def draw_name(rng, region, gender):
    if gender == "Male" or (gender not in ("Male", "Female") and rng.random() < 0.5):
        first, feminine = rng.choice(region.male), False
    else:
        first, feminine = rng.choice(region.female), True
    last = rng.choice(region.surnames)
    if feminine and last.endswith("ski"):     # Polish surnames agree in gender
        last = last[:-1] + "a"
    return f"{first} {last}"


def draw_work(rng, c):
    """Occupation, life stage and gross annual income (pension for retirees)."""
    level = c.region.income_level
    age = c.age
    retire_p = 1.0 if age >= 67 else max(0.0, (age - 59) / 9)
    if age <= 26 and rng.random() < (0.75 if age <= 23 else 0.3):
        c.stage, c.occupation = "student", "Student"
        c.income = round(rng.uniform(1500, 11000) * level, -2)
        return
    if rng.random() < retire_p:
        c.stage, c.occupation = "retired", "Retired"
        career = rng.choice(OCCUPATIONS)[1]
        c.income = round(max(13000 * level, career * level * 0.55 * rng.lognormvariate(0, 0.2)), -2)
        return
    roll = rng.random()
    if roll < 0.04:
        c.stage, c.occupation = "unemployed", "Unemployed"
        c.income = round(rng.uniform(6000, 12000) * level, -2)
        return
    if roll < 0.07 and age >= 27:
        c.stage, c.occupation = "homemaker", "Homemaker"
        c.income = round(rng.uniform(0, 6000) * level, -2)
        return
    if age <= 26:
        c.stage, c.occupation = "junior", rng.choice(JUNIOR_OCCUPATIONS)
        peak = JUNIOR_INCOME.get(c.occupation) or OCCUPATION_INFO[c.occupation][0]
    else:
        c.stage = "worker"
        c.occupation, peak, _ = rng.choice(OCCUPATIONS)
    spread = 0.35 if c.occupation in SELF_EMPLOYED else 0.18
    c.income = round(peak * level * interpolate(age, CAREER_CURVE) * rng.lognormvariate(0, spread), -2)


def draw_credit_and_risk(rng, c):
    # A longer credit history and a higher income both raise the score; a few have missed payments.
    # Students have a thin file rather than a poor one, so their small income counts as more.
    income = max(c.income, 15000 if c.stage == "student" else 4000)
    score = 680 + 50 * math.log(income / 40000) + 2.0 * (min(c.age, 65) - 40) + rng.gauss(0, 40)
    if rng.random() < 0.06:
        score -= rng.uniform(80, 180)
    c.credit = int(clamp(round(score), 300, 850))
    appetite = (40 - c.age) / 22 + 0.9 * math.log(max(c.income, 8000) / 45000) + rng.gauss(0, 0.75)
    if c.stage == "retired":
        appetite -= 0.6
    c.risk = "Aggressive" if appetite > 0.6 else "Conservative" if appetite < -0.75 else "Moderate"


def chance(rng, p):
    return rng.random() < p


def draw_life(rng, c):
    """Household, home, car, pets and hobbies, each made likely by age, stage and income."""
    age, income, stage = c.age, c.income, c.stage
    rich = income >= 0.9 * 80000 * c.region.income_level
    comfortable = income >= 0.9 * 45000 * c.region.income_level
    c.partnered = age >= 26 and chance(rng, 0.62)
    t = c.traits
    if 28 <= age <= 55 and stage != "student" and chance(rng, 0.55 if age <= 45 else 0.4):
        t.append("young_kids" if age <= 42 else "teen_kids")
    elif age >= 58 and chance(rng, 0.5):
        t.append("grandparent")
    if stage == "student":
        t.append("student")
    if stage == "retired":
        t.append("retiree")
    job_traits = OCCUPATION_INFO.get(c.occupation, (0, []))[1]
    t.extend(job_traits)

    p_car = {"student": 0.08, "junior": 0.3, "retired": 0.45, "unemployed": 0.15}.get(stage, 0.42)
    if comfortable:
        p_car += 0.15
    if "car" not in t and chance(rng, p_car):
        t.append("car")
    young = age <= 35
    probabilities = [
        ("gamer", 0.42 if age <= 25 else 0.28 if age <= 35 else 0.12 if age <= 50 else 0.03),
        ("techie", 0.18 if young else 0.10 if age <= 55 else 0.04),
        ("traveller", 0.2 + (0.22 if comfortable else 0) + (0.12 if stage == "retired" else 0)),
        ("investor", 0.5 if rich else 0.2 if comfortable else 0.05),
        ("eco", 0.26 if age <= 40 else 0.16),
        ("fitness", 0.35 if age <= 40 else 0.22 if age <= 60 else 0.1),
        ("foodie", 0.2),
        ("fashion", 0.26 if age <= 40 else 0.1),
        ("reader", 0.18 if stage != "student" else 0.3),
        ("arts", 0.14),
        ("pet", 0.06 if stage == "student" else 0.25),
        ("luxury", 0.4 if rich else 0.0),
    ]
    for trait, p in probabilities:
        if trait not in t and chance(rng, p):
            t.append(trait)
    if "gamer" in t and "techie" not in t and chance(rng, 0.3):
        t.append("techie")
    draw_housing(rng, c)
    if c.housing in ("mortgage", "owner") and "diy" not in t and chance(rng, 0.45):
        t.append("diy")


def draw_housing(rng, c):
    age, stage = c.age, c.stage
    mortgage_income = 35000 * c.region.income_level
    if stage == "student":
        c.housing = "family" if chance(rng, 0.4) else "rent"
    elif stage == "retired":
        c.housing = rng.choices(["owner", "rent"], [68, 32])[0]
    elif age < 28:
        c.housing = "family" if chance(rng, 0.3) else "rent"
    elif age <= 60:
        p_mortgage = 0.64 if c.income >= mortgage_income else 0.25
        roll = rng.random()
        c.housing = "mortgage" if roll < p_mortgage else "owner" if roll < p_mortgage + 0.05 else "rent"
    else:
        c.housing = rng.choices(["owner", "mortgage", "rent"], [45, 25, 30])[0]


# ---------------------------------------------------------------------------------------------
# Product kinds: the holdings rules name products by kind, never by id. The kind "<phrase>
# <category>" is every catalog product of that category whose Name contains the phrase (whole
# words, any case, a plural s ignored), so a new catalog row joins the rules of each kind it
# matches: a card named "Air Miles Travel Card" goes to travellers as the Travel Rewards Credit
# Card does. A product no kind matches goes to customers whose interests or purchases its Name or
# Features mention (TRAIT_SIGNALS: a "Bicycle Insurance" to the keen cyclists and green commuters).
# ---------------------------------------------------------------------------------------------

KINDS = (
    "Everyday account", "Premium account", "Student account", "60 Plus account", "Freelancer account",
    "Joint account",
    "Student card", "Builder card", "Platinum card", "Travel card", "Green card", "Cashback card",
    "Low Rate card",
    "Personal loan", "Car loan", "Green loan", "Study loan", "Consolidation loan",
    "Fixed Rate mortgage", "First-Time Buyer mortgage", "Tracker mortgage", "Green mortgage",
    "Buy-to-Let mortgage", "Lifetime mortgage",
    "Easy Access savings", "Kids savings", "Regular savings", "Home Deposit savings", "Notice savings",
    "Round-Up savings",
    "6-Month deposit", "1-Year deposit", "3-Year deposit", "5-Year deposit", "Income deposit", "Green deposit",
    "Index investment", "ESG investment", "Managed investment", "Pension investment",
    "Share Dealing investment", "Technology investment", "Bond investment", "Robo investment",
    "Home insurance", "Car insurance", "Travel insurance", "Life insurance", "Health insurance",
    "Pet insurance", "Renters insurance", "Gadget insurance",
)
HOME_MORTGAGES = ("Fixed Rate mortgage", "First-Time Buyer mortgage", "Green mortgage", "Tracker mortgage")
INTEREST_TAKE_UP = 0.2   # below the 0.35 of travel and pet cover: less is known about these


def traits_mentioned(p):
    """The traits whose interests or purchases the product's Name or one of its Features mentions."""
    texts = [p.name] + p.features
    return [trait for trait, (interests, purchases) in TRAIT_SIGNALS.items()
            if any(contains_phrase(t, signal) for t in texts for signal in interests + purchases)]


class ProductKinds:
    """The catalog as the holdings rules see it: the products of each kind, and the rest by interest."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.members = {}
        for kind in KINDS:
            phrase, category = kind.rsplit(" ", 1)
            self.members[kind] = catalog.named(category, phrase)
        named = {p.pid for products in self.members.values() for p in products}
        unnamed = [(p, traits_mentioned(p)) for p in catalog.products if p.pid not in named]
        self.by_interest = [(p, traits) for p, traits in unnamed if traits]
        self.unreached = [p for p, traits in unnamed if not traits]

    def offer(self, kind, c):
        """The kind's products the customer may hold, from one picked by customer id: customers
        spread over the products of a kind without a draw from the random stream."""
        options = [p.pid for p in self.members[kind] if eligible(c, p)]
        start = c.cid % len(options) if options else 0
        return options[start:] + options[:start]

    def holds(self, c, kind):
        return any(p.pid in c.holdings for p in self.members[kind])


def draw_holdings(rng, c, kinds):
    """Products held, following how products co-occur in real retail banks.

    Wishes are listed in priority order; the first MAX_PRODUCTS that the customer is eligible for
    are kept, so every holding passes the catalog's eligibility and suitability rules.
    """
    wishes = []

    def wish(kind, p=1.0):
        if chance(rng, p):
            wishes.extend(kinds.offer(kind, c)[:1])

    age, stage, income = c.age, c.stage, c.income
    level = c.region.income_level
    working = stage in ("worker", "junior")
    # Accounts: almost everyone has one main current account.
    if stage == "student" and chance(rng, 0.9):
        main_account = "Student account"
    elif income >= 60000 and chance(rng, 0.5):
        main_account = "Premium account"
    elif age >= 60 and chance(rng, 0.4):
        main_account = "60 Plus account"
    else:
        main_account = "Everyday account"
    wish(main_account, 0.97)
    if c.occupation in SELF_EMPLOYED:
        wish("Freelancer account", 0.4)
    # A home: mortgage first, then the cover that lenders expect with it.
    if c.housing == "mortgage":
        if age <= 40 and chance(rng, 0.35):
            first = "First-Time Buyer mortgage"
        elif c.has("eco") and chance(rng, 0.6):
            first = "Green mortgage"
        else:
            first = "Fixed Rate mortgage" if chance(rng, 0.62) else "Tracker mortgage"
        options = [first] + [m for m in HOME_MORTGAGES if m != first]
        mortgage = next((pid for kind in options for pid in kinds.offer(kind, c)), None)
        if mortgage:
            wishes.append(mortgage)
            wish("Home insurance", 0.88)
            wish("Life insurance", 0.2 if not (c.has("young_kids") or c.has("teen_kids")) else 0.45)
        else:
            c.housing = "owner" if age > 55 else "rent"
    if c.housing == "owner":
        if stage == "retired" and age >= 66:
            wish("Lifetime mortgage", 0.08)
        wish("Home insurance", 0.5)
    # Cards follow a regular income; the card type follows lifestyle.
    if stage == "student":
        wish("Student card", 0.15)
    elif income > 0 and chance(rng, 0.45 + (0.15 if income >= 50000 else 0)):
        if c.credit < 640:
            wish("Builder card", 0.35)
        elif income >= 80000 and chance(rng, 0.5):
            wish("Platinum card")
        elif c.has("traveller") and chance(rng, 0.65):
            wish("Travel card")
        elif c.has("eco") and chance(rng, 0.5):
            wish("Green card")
        else:
            wish("Cashback card" if chance(rng, 0.6) else "Low Rate card")
    # Cars: a loan for some, insurance for nearly all (the rest insure elsewhere).
    if c.has("car"):
        if age <= 65:
            wish("Car loan", 0.35)
        wish("Car insurance", 0.55)
    if stage == "student":
        wish("Study loan", 0.2)
        wish("Renters insurance", 0.12 if c.housing == "rent" else 0)
    elif age <= 32 and working:
        wish("Study loan", 0.15)
    # Family.
    if c.has("young_kids") or c.has("teen_kids"):
        wish("Kids savings", 0.45)
        wish("Life insurance", 0.2)
    if c.has("grandparent"):
        wish("Kids savings", 0.2)
    # Investments follow income and risk appetite.
    if working or stage == "retired":
        wealthy = income >= 65000 * level
        if c.risk == "Aggressive":
            if c.has("techie"):
                wish("Technology investment", 0.4)
            if c.has("investor") or wealthy:
                wish("Share Dealing investment", 0.45)
        if c.risk != "Conservative":
            if c.has("eco"):
                wish("ESG investment", 0.4 if wealthy else 0.15)
            if wealthy:
                wish("Managed investment" if chance(rng, 0.35) else "Index investment", 0.6)
            elif c.has("investor") or c.has("techie"):
                wish("Robo investment" if age <= 40 else "Index investment", 0.3)
            if c.has("investor") and income >= 80000 and 30 <= age <= 65:
                wish("Buy-to-Let mortgage", 0.3)
        elif wealthy or c.has("investor"):
            wish("Bond investment", 0.3)
        if working and 25 <= age <= 64:
            wish("Pension investment", 0.12 + (0.2 if income >= 45000 * level else 0))
    # Retirees keep their money safe.
    if stage == "retired":
        deposits = (["1-Year deposit", "3-Year deposit", "5-Year deposit", "Income deposit", "Income deposit"]
                    + (["Green deposit"] * 3 if c.has("eco") else []))
        wish(rng.choice(deposits), 0.5)
        wish("Notice savings" if chance(rng, 0.4) else "Easy Access savings", 0.5)
        wish("Bond investment", 0.12)
        wish("Health insurance", 0.15)
    # Lifestyle cover.
    if c.has("traveller"):
        wish("Travel insurance", 0.35)
    if c.has("pet"):
        wish("Pet insurance", 0.35)
    if c.has("gamer") or c.has("techie"):
        wish("Gadget insurance", 0.15)
    if working and income >= 50000 * level:
        wish("Health insurance", 0.12)
    if c.housing == "rent" and stage != "student":
        wish("Renters insurance", 0.18)
        if age <= 40:
            wish("Home Deposit savings", 0.25)
    # Everyday savings and borrowing.
    if stage != "retired":
        wish("Easy Access savings", 0.25)
        wish("Regular savings", 0.08)
        wish("Round-Up savings", 0.18 if age <= 30 else 0.05)
        if income >= 40000 * level:
            wish(rng.choice(["6-Month deposit", "1-Year deposit", "Green deposit" if c.has("eco") else "3-Year deposit"]),
                 0.08)
    if working:
        wish("Personal loan", 0.06)
        if c.credit < 670:
            wish("Consolidation loan", 0.15)
        if c.housing in ("mortgage", "owner") and c.has("eco"):
            wish("Green loan", 0.3)
    if c.partnered:
        wish("Joint account", 0.1)
    # Products of no kind, for the interests they mention; last, so they never displace the above.
    for product, traits in kinds.by_interest:
        if any(c.has(t) for t in traits) and chance(rng, INTEREST_TAKE_UP):
            wishes.append(product.pid)

    held = []
    for pid in wishes:
        if pid not in held and len(held) < MAX_PRODUCTS and eligible(c, kinds.catalog[pid]):
            held.append(pid)
    if not held:
        held.extend(p.pid for p in kinds.members["Everyday account"][:1])
    c.holdings = held


def pick_signals(rng, c, index, general, weights):
    """Pick 1-3 distinct interests (index 0) or purchase categories (index 1) from the traits."""
    count = rng.choices([0, 1, 2, 3], weights)[0]
    traits = list(c.traits)
    rng.shuffle(traits)
    chosen = []
    for trait in traits:
        if len(chosen) >= count:
            break
        options = [s for s in TRAIT_SIGNALS[trait][index] if s not in chosen]
        if options:
            chosen.append(rng.choice(options))
    while len(chosen) < count:
        s = rng.choice(general)
        if s not in chosen:
            chosen.append(s)
    return chosen


def draw_profile_scores(rng, c):
    p_high = 0.55 if c.age < 30 else 0.35 if c.age < 45 else 0.15 if c.age < 65 else 0.05
    p_low = 0.1 if c.age < 30 else 0.25 if c.age < 45 else 0.45 if c.age < 65 else 0.65
    c.social = rng.choices(["High", "Medium", "Low"], [p_high, 1 - p_high - p_low, p_low])[0]
    boost = {"High": 12, "Medium": 5, "Low": 0}[c.social]
    c.engagement = int(clamp(round(30 + 6 * len(c.holdings) + boost + rng.gauss(0, 12)), 3, 100))
    sentiment = round(clamp(rng.gauss(0.3 + (c.credit - 680) / 800, 0.32), -1.0, 1.0), 1)
    c.sentiment = sentiment if sentiment != 0 else 0.0


def draw_customer(rng, cid, region, kinds):
    c = Customer(cid=cid, age=draw_age(rng), gender=draw_gender(rng), region=region)
    c.name = draw_name(rng, region, c.gender)
    c.city = rng.choice(region.cities)
    draw_work(rng, c)
    draw_credit_and_risk(rng, c)
    draw_life(rng, c)
    draw_holdings(rng, c, kinds)
    c.interests = pick_signals(rng, c, 0, GENERAL_INTERESTS, [1, 12, 55, 32])
    c.purchases = pick_signals(rng, c, 1, GENERAL_PURCHASES, [2, 20, 55, 23])
    draw_profile_scores(rng, c)
    return c


def seed_customers():
    """The five rows of the original prototype, with banking columns chosen to fit them."""
    r = REGION_BY_BANKER["B01"]
    rows = [
        # id, age, gender, purchases, interests, engagement, sentiment, social,
        # name, city, occupation, stage, income, credit, risk, housing, traits, holdings
        (101, 25, "Male", ["Electronics", "Gaming"], ["Tech Gadgets", "AI"], 85, 0.7, "High",
         "Daan Visser", "Amsterdam", "Junior Developer", "junior", 41000, 671, "Aggressive", "rent",
         ["gamer", "techie"], ["ACC-CURRENT", "CARD-CASHBACK", "INS-GADGET"]),
        (102, 34, "Female", ["Fashion", "Beauty"], ["Fitness", "Travel"], 78, 0.5, "Medium",
         "Sophie Bakker", "Utrecht", "Marketing Specialist", "worker", 56000, 712, "Moderate", "rent",
         ["fashion", "fitness", "traveller"], ["ACC-CURRENT", "CARD-TRAVEL", "SAV-EASY"]),
        (103, 45, "Male", ["Home Improvement", "Gardening"], ["DIY", "Sustainability"], 62, 0.3, "Low",
         "Pieter Janssen", "Haarlem", "Civil Engineer", "worker", 64000, 735, "Conservative", "mortgage",
         ["diy", "eco", "teen_kids", "car"], ["ACC-CURRENT", "MORT-FIXED25", "INS-HOME", "SAV-EASY"]),
        (104, 29, "Female", ["Books", "Education"], ["Learning", "Writing"], 90, 0.8, "High",
         "Emma de Boer", "Leiden", "Teacher", "worker", 38500, 688, "Moderate", "rent",
         ["reader"], ["ACC-CURRENT", "LOAN-STUDENT", "SAV-HOUSE"]),
        (105, 52, "Male", ["Travel", "Luxury Goods"], ["Finance", "Investments"], 70, 0.6, "Medium",
         "Hendrik Mulder", "Amstelveen", "Financial Analyst", "worker", 98000, 781, "Aggressive", "mortgage",
         ["traveller", "investor", "luxury"],
         ["ACC-PREMIUM", "CARD-PLATINUM", "MORT-TRACKER", "INS-HOME", "INV-BROKERAGE", "INS-TRAVEL"]),
    ]
    seeds = []
    for (cid, age, gender, purchases, interests, engagement, sentiment, social, name, city, occupation,
         stage, income, credit, risk, housing, traits, holdings) in rows:
        c = Customer(cid=cid, age=age, gender=gender, region=r, name=name, city=city, occupation=occupation,
                     stage=stage, income=income, credit=credit, risk=risk, housing=housing,
                     partnered=age >= 30, traits=traits, holdings=holdings, interests=interests,
                     purchases=purchases, engagement=engagement, sentiment=sentiment, social=social)
        seeds.append(c)
    return seeds


def assign_bankers(rng, count, seeds_in_b01):
    """Balanced books of about 75: B01 already holds the seed customers."""
    total = count + seeds_in_b01
    base, extra = divmod(total, len(REGIONS))
    sizes = [base + (1 if i < extra else 0) for i in range(len(REGIONS))]
    sizes[0] -= seeds_in_b01
    order = [r for r, n in zip(REGIONS, sizes) for _ in range(n)]
    rng.shuffle(order)
    return order


# ---------------------------------------------------------------------------------------------
# Transactions: one year of monthly life per customer
# ---------------------------------------------------------------------------------------------


def months():
    y, m = FIRST_MONTH
    for _ in range(MONTHS):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def payday(y, m, d):
    """The day itself, or the nearest working day within the same month when it falls on a weekend."""
    date = datetime.date(y, m, min(d, calendar.monthrange(y, m)[1]))
    step = datetime.timedelta(days=1 if d <= 15 else -1)
    while date.weekday() >= 5:
        date += step
    return date


def any_day(rng, y, m):
    return datetime.date(y, m, rng.randint(1, calendar.monthrange(y, m)[1]))


def monthly_mortgage(principal, rate_percent, years):
    r = rate_percent / 100 / 12
    return principal * r / (1 - (1 + r) ** (-12 * years))


@dataclass
class Budget:
    """Amounts fixed for a customer for the whole year."""
    net_pay: float
    housing: float
    energy: float
    telecom: float
    groceries: float
    premiums: list
    contributions: list
    childcare: float
    scale: float           # how big discretionary purchases are, from take-home pay
    trades_shares: bool    # holds a share dealing account


def plan_budget(rng, c, kinds):
    level = c.region.income_level
    net_rate = 0.92 if c.income < 15000 else 0.74 if c.income < 60000 else 0.64
    net_pay = c.income * net_rate / 12
    housing = 0.0
    catalog = kinds.catalog
    # The loan on the home lived in: not equity release, not a property let out.
    not_home = {p.pid for kind in ("Lifetime mortgage", "Buy-to-Let mortgage") for p in kinds.members[kind]}
    home_rates = [catalog[pid].rate for pid in c.holdings
                  if catalog[pid].category == "mortgage" and pid not in not_home and catalog[pid].rate is not None]
    if c.housing == "mortgage":
        rate = home_rates[0] if home_rates else 3.8
        principal = min(4.2 * c.income, 600000 * level) * rng.uniform(0.55, 0.95)
        housing = monthly_mortgage(principal, rate, 25)
    elif c.housing == "rent":
        share = 0.4 if c.stage == "student" else 0.75 if not c.partnered else 1.0
        housing = c.region.rent * share * rng.uniform(0.8, 1.25)
        if c.stage in ("junior", "worker", "retired"):
            # People rent what they can afford: at most ~40% of take-home pay, or a room.
            housing = min(housing, max(0.4 * net_pay, 0.35 * c.region.rent * rng.uniform(0.9, 1.1)))
    household = 1 + (1 if c.partnered else 0) + (2 if c.has("young_kids") or c.has("teen_kids") else 0)
    groceries = (160 + 110 * household) * (0.75 + 0.25 * level) * rng.uniform(0.85, 1.2)
    if c.stage == "student":
        groceries *= 0.7
    energy = 0.0 if c.housing == "family" else rng.uniform(60, 110) + 25 * household
    telecom = rng.uniform(15, 35) if c.stage == "student" else rng.uniform(35, 85)
    premiums = [catalog[pid].fee / 12 * rng.uniform(0.8, 1.5)
                for pid in c.holdings if catalog[pid].category == "insurance"]
    if c.has("car") and not kinds.holds(c, "Car insurance"):
        premiums.append(rng.uniform(35, 70))          # insured with another company
    contributions = []
    for pid in c.holdings:
        if catalog[pid].category == "investment":
            contributions.append(clamp(c.income * rng.uniform(0.01, 0.05) / 12, 10, 2500))
    if c.has("investor") and not contributions:
        contributions.append(clamp(c.income * rng.uniform(0.01, 0.04) / 12, 10, 2000))  # elsewhere
    household_pay = net_pay if c.stage not in ("student", "homemaker") else max(net_pay, 1200 * level)
    scale = clamp((household_pay + 600) / 3000, 0.35, 2.5)
    # Childcare fees are income-related in most of Europe.
    childcare = rng.uniform(350, 1100) * (0.6 + 0.4 * level) * min(scale, 1.0) if c.has("young_kids") else 0.0
    return Budget(net_pay, housing, energy, telecom, groceries, premiums, contributions, childcare, scale,
                  kinds.holds(c, "Share Dealing investment"))


def month_transactions(rng, c, b, y, m):
    tx = []

    def out(date, amount, category):
        tx.append((date, -round(max(amount, 0.5), 2), category))

    def spend(date, amount, category):
        out(date, amount * b.scale, category)

    def rand_day():
        return any_day(rng, y, m)

    summer = m in (7, 8)
    winter = m in (12, 1, 2)
    # Money in.
    if c.stage == "retired":
        tx.append((payday(y, m, 1), round(b.net_pay, 2), "Salary"))
    elif c.occupation in SELF_EMPLOYED:
        parts = rng.randint(1, 3)
        for _ in range(parts):
            tx.append((rand_day(), round(b.net_pay / parts * rng.uniform(0.6, 1.4), 2), "Salary"))
    elif b.net_pay >= 1:
        day = 15 if c.stage == "student" else 1 if c.stage == "unemployed" else 25
        pay = b.net_pay * (rng.uniform(0.7, 1.3) if c.stage == "student" else 1.0)
        if m == 12 and c.stage == "worker":
            pay *= 1.6   # year-end bonus or thirteenth month
        tx.append((payday(y, m, day), round(pay, 2), "Salary"))
    # Home.
    if c.housing == "mortgage" and b.housing:
        out(payday(y, m, 1), b.housing, "Mortgage Payment")
    elif c.housing == "rent":
        out(payday(y, m, 1), b.housing, "Rent")
    if b.energy:
        out(datetime.date(y, m, 5), b.energy * (1.35 if winter else 0.85 if summer else 1.0), "Utilities")
    out(datetime.date(y, m, 18), b.telecom, "Utilities")
    for premium in b.premiums:
        out(datetime.date(y, m, 3), premium, "Insurance")
    for contribution in b.contributions:
        out(payday(y, m, 27), contribution, "Investments")
    # Everyday spending.
    trips = rng.randint(3, 5)
    for _ in range(trips):
        out(rand_day(), b.groceries / trips * rng.uniform(0.6, 1.4), "Groceries")
    for _ in range(rng.randint(2, 4) if c.has("foodie") else rng.randint(0, 2)):
        spend(rand_day(), rng.uniform(12, 95 if c.has("luxury") else 60), "Dining")
    if c.has("car"):
        for _ in range(rng.randint(1, 3)):
            out(rand_day(), rng.uniform(40, 95), "Fuel")
    else:
        for _ in range(rng.randint(1, 2)):
            out(rand_day(), rng.uniform(3, 95), "Transport")
    out(datetime.date(y, m, 9), rng.choice([8.99, 11.99, 13.99, 17.99]), "Entertainment")
    if chance(rng, 0.55 if c.has("arts") else 0.3):
        spend(rand_day(), rng.uniform(12, 120), "Entertainment")
    # Interests and life stage.
    if c.has("gamer"):
        for _ in range(rng.randint(1, 2)):
            out(rand_day(), rng.uniform(4, 70), "Gaming")
    if chance(rng, 0.35 if c.has("techie") or c.has("gamer") else 0.07):
        spend(rand_day(), rng.uniform(25, 1200 if c.has("techie") else 400), "Electronics")
    p_trip = (0.35 if c.has("traveller") else 0.08) + (0.4 if summer else 0.1 if m in (4, 12) else 0)
    if chance(rng, p_trip):
        top = 3500 if c.has("luxury") else 1600 if c.has("traveller") else 900
        spend(rand_day(), rng.uniform(120, top), "Travel")
        if chance(rng, 0.5):
            spend(rand_day(), rng.uniform(20, 250), "Travel")
    if c.has("fashion"):
        for _ in range(rng.randint(1, 2)):
            spend(rand_day(), rng.uniform(25, 400 if c.has("luxury") else 180), "Fashion")
    elif chance(rng, 0.25):
        spend(rand_day(), rng.uniform(20, 150), "Fashion")
    if chance(rng, 0.5 if c.age >= 60 else 0.2):
        out(rand_day(), rng.uniform(8, 180), "Healthcare")
    if c.has("fitness") and chance(rng, 0.6):
        out(payday(y, m, 2), rng.uniform(25, 60), "Healthcare")   # gym or physio
    if c.has("diy") or c.housing in ("mortgage", "owner"):
        if chance(rng, (0.6 if c.has("diy") else 0.3) + (0.15 if m in (3, 4, 5) else 0)):
            spend(rand_day(), rng.uniform(15, 650), "Home Improvement")
    if c.has("pet"):
        if chance(rng, 0.85):
            out(rand_day(), rng.uniform(12, 110), "Pets")
    if b.childcare:
        out(payday(y, m, 4), b.childcare, "Childcare")
    if c.has("teen_kids") and (m == 9 or chance(rng, 0.3)):
        out(rand_day(), rng.uniform(30, 400 if m == 9 else 120), "Education")
    if c.stage == "student":
        if m in (2, 9):
            out(any_day(rng, y, m), rng.uniform(400, 2200) * c.region.income_level, "Education")
        if chance(rng, 0.5):
            out(rand_day(), rng.uniform(10, 90), "Education")
    elif c.has("reader") and chance(rng, 0.35):
        out(rand_day(), rng.uniform(10, 250), "Education")
    if c.has("investor") and m in (3, 6, 9, 12):
        tx.append((any_day(rng, y, m), round(rng.uniform(20, 600), 2), "Investments"))  # dividends
    if b.trades_shares and chance(rng, 0.4):
        amount = round(rng.uniform(200, 5000), 2)
        tx.append((rand_day(), amount if chance(rng, 0.4) else -amount, "Investments"))
    while len(tx) < 8:      # even a quiet month has a few trips to the corner shop
        out(rand_day(), rng.uniform(4, 35), "Groceries")
    return tx


def customer_transactions(rng, c, kinds):
    budget = plan_budget(rng, c, kinds)
    rows = []
    for y, m in months():
        month = month_transactions(rng, c, budget, y, m)
        month.sort(key=lambda t: t[0])
        rows.extend(month)
    return rows


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def number(x):
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def write_csv(out_dir, name, header, rows):
    with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def check_holdings(customers, catalog):
    for c in customers:
        unknown = [pid for pid in c.holdings if pid not in catalog.by_id]
        if unknown:
            raise CatalogError(f"{catalog.path}: seed customer {c.cid} holds {', '.join(unknown)}, "
                               "which the catalog does not list")
        if not c.holdings:
            raise CatalogError(f"{catalog.path}: customer {c.cid} holds nothing; the catalog needs an account "
                               "whose Name says \"Everyday\" that every customer may open")
        barred = [catalog[pid] for pid in c.holdings if not eligible(c, catalog[pid])]
        if barred:
            p = barred[0]
            raise CatalogError(f"{catalog.path} line {p.line}: customer {c.cid} (age {c.age}, income {c.income}, "
                               f"credit score {c.credit}, {c.risk}) holds {p.pid}, which its eligibility columns "
                               "do not allow")


def generate(catalog):
    """The customers and their transactions for this catalog: the same on every run."""
    kinds = ProductKinds(catalog)
    rng = random.Random(SEED)
    customers = seed_customers()
    regions = assign_bankers(rng, SYNTHETIC_CUSTOMERS, len(customers))
    for i, region in enumerate(regions):
        customers.append(draw_customer(rng, 106 + i, region, kinds))
    check_holdings(customers, catalog)
    transactions = []
    for c in customers:
        for date, amount, category in customer_transactions(rng, c, kinds):
            transactions.append([c.cid, date.isoformat(), f"{amount:.2f}", category])
    return kinds, customers, transactions


def warn_unheld(kinds, customers):
    """A product nobody holds still reaches the app; say why the synthetic bank has no holder."""
    held = {pid for c in customers for pid in c.holdings}
    for p in kinds.catalog.products:
        if p.pid in held:
            continue
        why = ("its Name matches no kind in KINDS (scripts/generate_data.py) and its Name and Features "
               "mention no customer interest or purchase (TRAIT_SIGNALS)" if p in kinds.unreached
               else "none of the customers its kind's rules reach took it up (few are reached, or its "
               "eligibility columns exclude them)")
        print(f"generate_data: {kinds.catalog.path} line {p.line}: no customer holds {p.pid}: {why}",
              file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description="Generate the synthetic bank data from the catalog.")
    parser.add_argument("--catalog", default=os.path.join(DATA_DIR, "catalog.csv"),
                        help="the products (default: data/catalog.csv)")
    parser.add_argument("--out", default=DATA_DIR, help="folder for the generated files (default: data)")
    args = parser.parse_args()
    try:
        catalog = read_catalog(args.catalog)
        kinds, customers, transactions = generate(catalog)
    except (CatalogError, OSError) as e:
        sys.exit(f"generate_data: {e}")
    warn_unheld(kinds, customers)
    os.makedirs(args.out, exist_ok=True)
    write_csv(args.out, "bankers.csv", ["Banker ID", "Name", "Branch"],
              [[r.banker_id, r.banker_name, r.branch] for r in REGIONS])
    write_csv(args.out, "customerdata.csv",
              ["Customer ID", "Age", "Gender", "Purchase History", "Interests", "Engagement Score",
               "Sentiment Score", "Social Media Activity", "Name", "Location", "Occupation", "Annual Income",
               "Credit Score", "Risk Profile", "Products Held", "Banker ID"],
              [[c.cid, c.age, c.gender, ", ".join(c.purchases), ", ".join(c.interests), c.engagement,
                f"{c.sentiment:.1f}", c.social, c.name, c.city, c.occupation, number(c.income), c.credit,
                c.risk, ";".join(c.holdings), c.region.banker_id] for c in customers])
    write_csv(args.out, "transactions.csv", ["Customer ID", "Date", "Amount", "Merchant Category"], transactions)
    print(f"read {len(catalog.products)} products from {args.catalog}; wrote {len(REGIONS)} bankers, "
          f"{len(customers)} customers, {len(transactions)} transactions to {args.out}")


if __name__ == "__main__":
    main()
