#!/usr/bin/env python3
"""Generate the bundled synthetic bank data in data/ (column contract: data/SCHEMA.md).

Writes catalog.csv, bankers.csv, customerdata.csv and transactions.csv. Everything is drawn from
one seeded random.Random and nothing depends on the clock, so a second run gives the same bytes:

    /usr/bin/python3 scripts/generate_data.py

The model is deliberately simple and causal so that the recommender has real signal to find:
life stage -> occupation -> income -> credit score and risk profile -> life facts (home, car,
children, pets, hobbies) -> products held, interests, purchases and monthly transactions.
Gender is drawn independently of everything else, so any difference in exposure across genders
comes from the ranker, not from the data.
"""
import calendar
import csv
import datetime
import math
import os
import random
from dataclasses import dataclass, field

SEED = 20261125
DATA_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
SITE = "https://www.northwind-bank.example"
FIRST_MONTH = (2025, 11)
MONTHS = 12
SYNTHETIC_CUSTOMERS = 600
MAX_PRODUCTS = 6

# ---------------------------------------------------------------------------------------------
# Catalog. Eligibility fields follow common European retail-bank practice: credit products need
# a minimum income and credit score, youth products have an age ceiling, and only investment
# products (plus buy-to-let and equity release) carry a risk level above Low.
# ---------------------------------------------------------------------------------------------

CATEGORY_PATH = {
    "account": "accounts", "card": "cards", "loan": "loans", "mortgage": "mortgages",
    "savings": "savings", "deposit": "deposits", "investment": "investing", "insurance": "insurance",
}


def product(pid, name, category, ages, min_income, min_credit, risk, fee, rate, features, description):
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return {
        "Product ID": pid, "Name": name, "Category": category, "Description": description,
        "Features": ";".join(features), "Min Age": ages[0], "Max Age": ages[1],
        "Min Income": min_income, "Min Credit Score": min_credit, "Risk Level": risk,
        "Annual Fee": fee, "Rate": rate,
        "Link": f"{SITE}/{CATEGORY_PATH[category]}/{slug}", "Image": f"images/{pid}.png",
    }


ANY_AGE = (18, 120)

CATALOG = [
    # --- accounts ---
    product("ACC-CURRENT", "Everyday Current Account", "account", ANY_AGE, 0, 0, "Low", 0, "",
            ["Contactless debit card", "Free instant SEPA transfers", "Spending insights in the app",
             "Apple Pay and Google Pay"],
            "Your everyday account for salary, bills and card payments, with a contactless debit card "
            "and free instant transfers across Europe. Manage everything in the mobile app, pay with "
            "your phone and get an alert whenever money comes in or goes out. There is no monthly fee."),
    product("ACC-PREMIUM", "Premium Current Account", "account", (21, 120), 60000, 0, "Low", 180, "",
            ["Personal relationship banker", "Worldwide family travel insurance",
             "Six airport lounge visits a year", "Fee-free cash withdrawals abroad", "Metal debit card"],
            "A current account for busy professionals who travel and want more from their bank. It "
            "includes a metal debit card, worldwide travel insurance for the whole family, airport "
            "lounge visits and a personal banker you can call directly. Cash withdrawals abroad are "
            "free in any currency."),
    product("ACC-STUDENT", "Student Account", "account", (18, 26), 0, 0, "Low", 0, "",
            ["Interest-free overdraft up to 1500 EUR", "No monthly fee",
             "Student discounts on software and streaming", "Budgeting tools for student life"],
            "Made for university and college students: no monthly fee, an interest-free overdraft "
            "while you study, and discounts on software, textbooks and music streaming. Split the rent "
            "with flatmates and budget your study loan in the app. When you graduate it becomes a "
            "graduate account automatically."),
    product("ACC-JOINT", "Joint Household Account", "account", ANY_AGE, 0, 0, "Low", 0, "",
            ["A card for every account holder", "Shared spending notifications",
             "Savings pots for household goals", "Split bills automatically"],
            "A shared account for couples, families and housemates to pay the rent or mortgage, "
            "groceries and household bills together. Each holder gets their own card and everyone "
            "sees every payment in real time. Set up shared savings pots for holidays or a new home."),
    product("ACC-SENIOR", "60 Plus Account", "account", (60, 120), 0, 0, "Low", 0, "",
            ["Priority telephone banking", "Large-print statements on request",
             "Free fraud and scam protection", "Trusted-contact access for family"],
            "A current account for customers over sixty and in retirement that keeps your pension and "
            "bills simple. Enjoy priority telephone service, large-print statements and help in the "
            "branch whenever you want it. Free fraud protection and a trusted-contact option for "
            "family are included."),
    product("ACC-FREELANCE", "Freelancer Business Account", "account", ANY_AGE, 0, 0, "Low", 72, "",
            ["Invoicing and card payments", "Automatic tax pot", "Accounting software integration",
             "Receipt capture in the app"],
            "An account for freelancers, sole traders and small business owners who want to keep "
            "business and personal money apart. Send invoices, take card payments and set aside tax "
            "automatically from every payment you receive. It connects to popular accounting software."),
    # --- cards ---
    product("CARD-CASHBACK", "Cashback Credit Card", "card", ANY_AGE, 18000, 650, "Low", 0, "19.90",
            ["1% cashback on all purchases", "5% cashback at partner shops for 3 months",
             "No annual fee", "Up to 56 days interest-free"],
            "Earn 1% cashback on everyday spending such as groceries, fuel, online shopping and "
            "electronics, and 5% at partner shops in the first three months. There is no annual fee "
            "and your cashback is paid into your account every month. Enjoy up to 56 days "
            "interest-free when you pay your balance in full."),
    product("CARD-TRAVEL", "Travel Rewards Credit Card", "card", (21, 120), 30000, 700, "Low", 95, "21.90",
            ["2 air miles per EUR spent abroad", "No foreign exchange fees",
             "Four airport lounge visits a year", "Travel accident insurance"],
            "Collect air miles on every purchase and redeem them for flights, hotels and holidays. Pay "
            "in any foreign currency with no exchange fee, and relax in airport lounges with four free "
            "visits a year. Travel accident insurance is included when you book your trip with the card."),
    product("CARD-LOWAPR", "Low Rate Credit Card", "card", ANY_AGE, 20000, 720, "Low", 0, "9.90",
            ["9.9% APR on purchases", "0% balance transfers for 12 months", "No annual fee",
             "Instalment plans for large purchases"],
            "A simple credit card with one of the lowest interest rates on the market, ideal if you "
            "sometimes carry a balance. Move balances from other cards at 0% for 12 months and spread "
            "the cost of larger purchases like furniture or home appliances. There is no annual fee."),
    product("CARD-STUDENT", "Student Credit Card", "card", (18, 26), 0, 580, "Low", 0, "17.90",
            ["Credit limit up to 500 EUR", "Builds your credit history",
             "Student discounts on tickets and books", "Custom spending limits in the app"],
            "A first credit card for students with a small, safe limit to build a credit history while "
            "you study. Get discounts on concert and festival tickets, books and games, and set your "
            "own spending limits in the app. There is no annual fee."),
    product("CARD-PLATINUM", "Platinum Credit Card", "card", (25, 120), 80000, 750, "Low", 450, "22.90",
            ["Unlimited airport lounge access", "24/7 concierge", "1.5 reward points per EUR",
             "Worldwide travel and purchase insurance", "Metal card"],
            "Our premium card for frequent travellers: unlimited airport lounge access, a concierge "
            "for restaurants and events, and reward points on luxury goods, fine dining and travel. "
            "Comprehensive travel, purchase and car-rental insurance is included worldwide."),
    product("CARD-ECO", "Green Credit Card", "card", ANY_AGE, 15000, 660, "Low", 0, "18.90",
            ["Card made from recycled plastic", "A tree planted every 100 EUR spent",
             "Carbon footprint tracker", "Extra rewards at sustainable brands"],
            "A credit card made from recycled plastic that plants a tree for every 100 EUR you spend. "
            "Track the carbon footprint of your purchases in the app and earn extra rewards at "
            "sustainable shops, bike stores and on public transport. There is no annual fee."),
    product("CARD-BUILDER", "Credit Builder Card", "card", ANY_AGE, 12000, 0, "Low", 0, "29.90",
            ["Starting limit 250 to 1000 EUR", "Limit review every six months",
             "Free credit score tracking", "Payment reminders"],
            "Designed to help you build or rebuild your credit score, with a small starting limit. "
            "Pay on time and we review your limit every six months. The app shows how your credit "
            "score improves month by month."),
    # --- loans ---
    product("LOAN-PERSONAL", "Personal Loan", "loan", (18, 75), 18000, 650, "Low", 0, "7.90",
            ["Borrow 1000 to 50000 EUR", "Fixed rate and fixed repayments", "Terms from 1 to 7 years",
             "Same-day payout"],
            "Borrow for a wedding, a big purchase or anything else you are planning, and repay over one "
            "to seven years. A fixed rate and fixed monthly repayments mean you always know what you "
            "pay. Get a decision in minutes and the money the same day."),
    product("LOAN-AUTO", "Car Loan", "loan", (18, 75), 22000, 640, "Low", 0, "5.90",
            ["New and used cars", "Lower rate for electric vehicles", "No early repayment fee",
             "Pre-approval to take to the dealer"],
            "Finance a new or used car, motorbike or electric vehicle with a fixed-rate loan over up "
            "to seven years. Electric and hybrid cars get a lower rate, and paying early costs nothing. "
            "Bring your approval to the dealer and drive away the same day."),
    product("LOAN-GREENHOME", "Green Home Improvement Loan", "loan", (21, 75), 25000, 660, "Low", 0, "4.50",
            ["Solar panels heat pumps and insulation", "Borrow up to 60000 EUR", "Terms up to 10 years",
             "Certified installer network"],
            "A low-rate loan to renovate your home and make it energy-efficient: solar panels, heat "
            "pumps, insulation, new windows or an electric car charger. Repay over up to ten years "
            "while your energy bills go down. We can put you in touch with certified local installers."),
    product("LOAN-STUDENT", "Study Loan", "loan", (18, 35), 0, 0, "Low", 0, "2.90",
            ["Repay after graduation", "Income-linked repayments", "Tuition living costs and study abroad",
             "Up to 40000 EUR"],
            "Pay for tuition, books, a master's degree or a semester abroad with a low-rate study loan. "
            "You start repaying only after you graduate, and repayments are linked to what you earn. "
            "Available for university, vocational training and professional courses."),
    product("LOAN-CONSOLIDATION", "Debt Consolidation Loan", "loan", (21, 75), 20000, 600, "Low", 0, "9.50",
            ["One fixed monthly payment", "We pay your old lenders directly", "Free budgeting coach",
             "Debt-free date tracker"],
            "Combine credit cards, overdrafts and other loans into one fixed monthly payment, often "
            "at a lower rate. We pay off your existing lenders directly and a free budgeting coach "
            "helps you stay on track. The app shows the date you will be debt-free."),
    # --- mortgages ---
    product("MORT-FIXED25", "25-Year Fixed Rate Mortgage", "mortgage", (21, 65), 35000, 680, "Low", 0, "3.60",
            ["Rate fixed for 25 years", "Borrow up to 90% of the value",
             "10% yearly overpayment without penalty", "Free property valuation"],
            "Lock in your interest rate for the whole 25-year term so your monthly mortgage payment "
            "never changes. Borrow up to 90% of the home's value and overpay up to 10% a year without "
            "a penalty. A good fit for families who want certainty in their house."),
    product("MORT-FTB", "First-Time Buyer Mortgage", "mortgage", (21, 45), 28000, 660, "Low", 0, "4.10",
            ["5% minimum deposit", "5-year fixed rate", "1000 EUR moving cashback",
             "Free mortgage adviser session"],
            "Buy your first home or apartment with a deposit of only 5%, with the rate fixed for five "
            "years. We help with the paperwork, pay you cashback towards moving costs and offer a free "
            "session with a mortgage adviser. Save with our Home Deposit Saver first for a lower rate."),
    product("MORT-TRACKER", "Tracker Mortgage", "mortgage", (21, 65), 40000, 700, "Low", 0, "3.40",
            ["ECB rate plus 1.0% margin", "Unlimited overpayments", "Free switch to a fixed rate",
             "Offset with your savings"],
            "A flexible mortgage whose rate follows the European Central Bank rate plus a fixed margin, "
            "so you benefit when rates fall. Overpay as much as you like and switch to a fixed rate at "
            "any time without a fee. It suits homeowners who can handle a changing monthly payment."),
    product("MORT-GREEN", "Green Mortgage", "mortgage", (21, 65), 35000, 680, "Low", 0, "3.20",
            ["Discounted rate for A or B energy labels", "Extra borrowing for sustainable renovation",
             "10-year fixed rate", "Free energy assessment"],
            "A lower-rate mortgage for energy-efficient homes with an A or B energy label, or for "
            "buyers who renovate to reach one within two years. Solar panels, heat pumps and good "
            "insulation lower both your energy bills and your mortgage rate. The rate is fixed for ten years."),
    product("MORT-BTL", "Buy-to-Let Mortgage", "mortgage", (25, 70), 60000, 720, "Medium", 0, "4.60",
            ["Up to 75% loan-to-value", "Interest-only or repayment", "Portfolio landlords welcome",
             "2- or 5-year fixed rates"],
            "Finance a property to rent out and earn rental income as part of your investment plans. "
            "Borrow up to 75% of the property's value on interest-only or repayment terms. Rents and "
            "property prices can fall, so this suits experienced investors."),
    product("MORT-LIFETIME", "Lifetime Mortgage", "mortgage", (55, 95), 0, 0, "Low", 0, "5.40",
            ["Tax-free cash from your home", "No monthly repayments", "No-negative-equity guarantee",
             "Stay in your home for life"],
            "Release tax-free cash from your home in retirement while you keep living in it. Nothing "
            "is repaid until the home is sold, and our no-negative-equity guarantee means you never owe "
            "more than it is worth. Talk it through with your family and an independent adviser first."),
    # --- savings ---
    product("SAV-EASY", "Easy Access Saver", "savings", ANY_AGE, 0, 0, "Low", 0, "2.25",
            ["Withdraw any time", "Monthly interest", "Deposit guarantee up to 100000 EUR", "Open from 1 EUR"],
            "Save for a rainy day and withdraw whenever you like, with no notice and no penalties. "
            "Interest is paid monthly and your savings are protected by the deposit guarantee scheme. "
            "Open it in the app in two minutes."),
    product("SAV-KIDS", "Kids Savings Account", "savings", ANY_AGE, 0, 0, "Low", 0, "3.50",
            ["Higher rate for children", "Opened by a parent or grandparent", "Kids' app with savings goals",
             "Regular monthly top-ups"],
            "Parents and grandparents can save for a child's future, from a first bike to university. "
            "A higher rate rewards regular saving, and children can watch their money grow in a fun, "
            "safe kids' app. The money belongs to the child at 18."),
    product("SAV-GOAL", "Regular Saver", "savings", ANY_AGE, 0, 0, "Low", 0, "4.50",
            ["Save 25 to 300 EUR monthly", "High fixed rate for 12 months", "Goal tracking in the app",
             "One free withdrawal"],
            "Build a saving habit by putting aside 25 to 300 EUR every month for a year at a high fixed "
            "rate. Name your goal, such as a new car, a wedding or a holiday, and follow your progress "
            "in the app. One withdrawal during the year is free of penalty."),
    product("SAV-HOUSE", "Home Deposit Saver", "savings", (18, 40), 0, 0, "Low", 0, "3.75",
            ["Bonus rate for home savers", "1% completion bonus", "Linked to the first-time buyer mortgage",
             "Save up to 1000 EUR a month"],
            "Save for the deposit on your first home and earn a bonus rate while you do. When you buy "
            "with a Northwind first-time buyer mortgage we add 1% of your savings as a completion "
            "bonus. Ideal for renters who want to own an apartment or house."),
    product("SAV-NOTICE", "90-Day Notice Saver", "savings", ANY_AGE, 0, 0, "Low", 0, "3.10",
            ["Higher rate than easy access", "90 days' notice for withdrawals", "Add money any time",
             "Deposit guarantee protection"],
            "Earn a higher rate than easy access by giving 90 days' notice before you withdraw. It "
            "suits savings you will not need soon, such as a retirement pot or money set aside for "
            "later in life. Add money whenever you like."),
    product("SAV-ROUNDUP", "Round-Up Saver", "savings", ANY_AGE, 0, 0, "Low", 0, "2.00",
            ["Automatic round-ups on card payments", "Optional 2x or 10x multiplier", "Weekly auto-save",
             "Withdraw any time"],
            "Every card payment is rounded up to the nearest euro and the spare change goes into "
            "savings automatically. Boost it with a weekly auto-save and watch the pot grow in the "
            "app. Effortless saving for students, young professionals and everyday spenders."),
    # --- deposits ---
    product("DEP-6M", "6-Month Term Deposit", "deposit", ANY_AGE, 0, 0, "Low", 0, "2.60",
            ["Fixed rate for 6 months", "Minimum 1000 EUR", "Interest paid at maturity",
             "Deposit guarantee protection"],
            "Lock away a lump sum for six months at a fixed rate, from 1,000 EUR. A short, safe home "
            "for money you will need soon, such as a bonus or an inheritance you have not decided "
            "about yet. It is protected by the deposit guarantee scheme."),
    product("DEP-1Y", "1-Year Fixed Term Deposit", "deposit", ANY_AGE, 0, 0, "Low", 0, "2.90",
            ["Fixed rate for 1 year", "Minimum 1000 EUR", "Interest paid at maturity",
             "Deposit guarantee protection"],
            "Put a lump sum away for one year at a guaranteed fixed rate. You know exactly what you "
            "will earn, and the money is protected by the deposit guarantee scheme. A secure choice "
            "for cautious savers and retirees."),
    product("DEP-3Y", "3-Year Fixed Term Deposit", "deposit", ANY_AGE, 0, 0, "Low", 0, "3.10",
            ["Fixed rate for 3 years", "Minimum 1000 EUR", "Yearly interest to your current account",
             "Deposit guarantee protection"],
            "Earn a higher guaranteed rate by fixing your savings for three years. Interest can be "
            "paid yearly into your current account as extra income. It suits savers who want safety "
            "and certainty without stock market risk."),
    product("DEP-5Y", "5-Year Fixed Term Deposit", "deposit", ANY_AGE, 0, 0, "Low", 0, "3.30",
            ["Best fixed rate for 5 years", "Minimum 1000 EUR", "Compound or annual interest",
             "No investment risk"],
            "Our best fixed rate, guaranteed for five years, for money you will not need for a while. "
            "Interest can be added to the deposit to grow it further or paid out every year. It is "
            "protected by the deposit guarantee scheme and carries no investment risk."),
    product("DEP-INCOME", "Monthly Income Deposit", "deposit", ANY_AGE, 0, 0, "Low", 0, "2.80",
            ["Interest paid every month", "Fixed for 2 years", "Minimum 5000 EUR",
             "Deposit guarantee protection"],
            "A two-year fixed deposit that pays its interest every month, topping up your pension or "
            "other income. Ideal for retirees who want a steady, predictable monthly income from "
            "their savings. It is protected by the deposit guarantee scheme."),
    product("DEP-GREEN", "Green Term Deposit", "deposit", ANY_AGE, 0, 0, "Low", 0, "2.70",
            ["Funds only renewable energy projects", "Fixed for 2 years", "Yearly impact report",
             "Deposit guarantee protection"],
            "A two-year fixed deposit whose money is lent only to renewable energy, energy-efficient "
            "housing and clean transport projects. Earn a guaranteed rate and see the wind and solar "
            "projects you support in a yearly impact report. It is protected by the deposit guarantee scheme."),
    # --- investments ---
    product("INV-INDEX", "Global Index Fund", "investment", ANY_AGE, 0, 0, "Medium", 0, "",
            ["Tracks 1500 companies worldwide", "0.20% yearly ongoing charge", "Invest from 25 EUR a month",
             "Sell on any business day"],
            "A low-cost fund that tracks thousands of companies around the world, so your money grows "
            "with the global stock market over the long term. Invest a lump sum or from 25 EUR a month. "
            "The value can go down as well as up, so plan to stay invested for at least five years."),
    product("INV-ESG", "Sustainable ESG Fund", "investment", ANY_AGE, 0, 0, "Medium", 0, "",
            ["Excludes fossil fuels weapons and tobacco", "Yearly climate impact report",
             "0.35% yearly ongoing charge", "Invest from 25 EUR a month"],
            "Invest in companies with strong environmental, social and governance records, and avoid "
            "fossil fuels, weapons and tobacco. The fund targets lower carbon emissions than the wider "
            "market and reports its climate impact every year. Its value can fall as well as rise."),
    product("INV-MANAGED", "Managed Portfolio", "investment", ANY_AGE, 40000, 0, "Medium", 150, "",
            ["Managed by our investment team", "Diversified shares and bonds", "Yearly review with an adviser",
             "Minimum 10000 EUR"],
            "Our investment experts build and manage a diversified portfolio of shares, bonds and "
            "property funds for you, matched to your goals. We rebalance it as markets move and you "
            "follow performance in the app. The value can fall as well as rise."),
    product("INV-PENSION", "Personal Pension Plan", "investment", (18, 67), 0, 0, "Low", 0, "",
            ["Tax relief on contributions", "Lifestyle strategy that lowers risk with age",
             "Projected retirement income in the app", "Transfer in old pensions"],
            "Save for retirement with tax relief on your contributions and a lifestyle strategy that "
            "moves your money into safer assets as retirement approaches. Pay in monthly or with "
            "one-off amounts and see your projected pension income in the app."),
    product("INV-BROKERAGE", "Share Dealing Account", "investment", ANY_AGE, 0, 0, "High", 0, "",
            ["4.90 EUR per trade", "European and US exchanges", "Real-time prices and alerts",
             "Multi-currency wallet"],
            "Buy and sell shares, ETFs and bonds on the major European and US stock exchanges yourself. "
            "Pay a flat fee per trade and get real-time prices, research and alerts. For experienced "
            "investors who make their own decisions and accept the risk of losses."),
    product("INV-TECH", "Technology and AI Fund", "investment", ANY_AGE, 0, 0, "High", 0, "",
            ["AI chip cloud and gaming companies", "0.45% yearly ongoing charge", "High volatility",
             "Invest from 50 EUR a month"],
            "Invest in the companies shaping the future: artificial intelligence, semiconductors, "
            "cloud computing, robotics and video games. Technology shares can grow fast but also fall "
            "sharply, so this fund is for adventurous investors with a long horizon."),
    product("INV-BOND", "Government Bond Fund", "investment", ANY_AGE, 0, 0, "Low", 0, "",
            ["Euro government and high-grade bonds", "Quarterly income", "0.15% yearly ongoing charge",
             "Lower volatility than shares"],
            "A cautious fund holding high-quality euro government and corporate bonds, aiming for "
            "steady income with fewer ups and downs than shares. Income is paid every quarter, which "
            "suits retirees and careful savers. Bond prices can still fall when interest rates rise."),
    product("INV-ROBO", "Robo-Investor", "investment", ANY_AGE, 0, 0, "Medium", 0, "",
            ["Start from 10 EUR", "Automatic rebalancing", "0.50% all-in yearly fee", "Goal-based investing"],
            "Answer a few questions in the app and our algorithm builds and rebalances a low-cost ETF "
            "portfolio for you. Ideal for first-time investors and young professionals who want to "
            "start investing with spare cash. Values can go down as well as up."),
    # --- insurance ---
    product("INS-HOME", "Home Insurance", "insurance", ANY_AGE, 0, 0, "Low", 240, "",
            ["Buildings and contents cover", "24-hour emergency repairs", "Garden and shed covered",
             "Discount for mortgage customers"],
            "Protect your house and everything in it against fire, storm, flood, theft and water damage. "
            "It includes 24-hour emergency repairs by a plumber or locksmith and cover for your garden "
            "and DIY tools. Mortgage customers get a discount."),
    product("INS-CAR", "Car Insurance", "insurance", (18, 85), 0, 0, "Low", 540, "",
            ["Comprehensive cover", "Roadside assistance across Europe", "Courtesy car", "No-claims discount"],
            "Comprehensive car insurance with roadside assistance across Europe, a courtesy car while "
            "yours is repaired and cover for electric car charging cables. Build a no-claims discount "
            "every year you drive safely. Young and new drivers are welcome."),
    product("INS-TRAVEL", "Annual Travel Insurance", "insurance", (18, 85), 0, 0, "Low", 89, "",
            ["Unlimited trips up to 45 days", "Medical cover abroad", "Cancellation and lost luggage",
             "Winter sports included"],
            "One policy for every trip of the year: medical emergencies abroad, cancelled flights, lost "
            "luggage and winter sports. It covers city breaks, beach holidays and backpacking around "
            "the world. A 24/7 emergency helpline speaks your language wherever you are."),
    product("INS-LIFE", "Term Life Insurance", "insurance", (18, 70), 0, 0, "Low", 180, "",
            ["Fixed premiums", "Cover matched to your mortgage", "Terminal illness cover",
             "Free will-writing service"],
            "Make sure your family can keep the home and pay the bills if you die during the policy "
            "term. Choose cover that matches your mortgage or your children's needs, with fixed "
            "monthly premiums. Terminal illness cover is included."),
    product("INS-HEALTH", "Private Health Insurance", "insurance", (18, 85), 0, 0, "Low", 960, "",
            ["Specialists without waiting lists", "24/7 online doctor", "Mental health support",
             "Rewards for staying active"],
            "Faster access to specialists, physiotherapy and private hospital rooms, plus online doctor "
            "appointments at any hour. Mental health support, dental check-ups and a yearly health "
            "check are included. Earn fitness and wellness rewards for staying active."),
    product("INS-PET", "Pet Insurance", "insurance", ANY_AGE, 0, 0, "Low", 220, "",
            ["Lifetime vet fee cover", "Free 24/7 video vet", "Dogs and cats of any age",
             "Third-party liability for dogs"],
            "Covers vet bills when your dog or cat is ill or injured, including operations, medicines "
            "and ongoing conditions. A free 24/7 video vet answers your questions at any time. The "
            "cover continues for life as your pet grows older."),
    product("INS-RENTERS", "Renters Contents Insurance", "insurance", ANY_AGE, 0, 0, "Low", 72, "",
            ["Contents cover for tenants", "Laptops and bikes included", "Liability for damage to the landlord's property",
             "Cancel monthly"],
            "Cover for your belongings in a rented flat or student room: laptop, bike, clothes and "
            "furniture against theft, fire and water damage. It includes liability cover if you "
            "accidentally damage your landlord's property. Pay monthly and cancel any time."),
    product("INS-GADGET", "Gadget Insurance", "insurance", ANY_AGE, 0, 0, "Low", 96, "",
            ["Up to five devices", "Accidental damage and theft", "48-hour repair or replacement",
             "Worldwide cover"],
            "Protect your phone, laptop, tablet, smartwatch, camera and gaming console against "
            "accidental damage, breakdown and theft. Get a repair within 48 hours or a replacement "
            "device, at home or abroad. Up to five gadgets are covered on one policy."),
]
PRODUCTS = {p["Product ID"]: p for p in CATALOG}
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


def eligible(c, pid):
    p = PRODUCTS[pid]
    return (p["Min Age"] <= c.age <= p["Max Age"] and c.income >= p["Min Income"]
            and (p["Min Credit Score"] == 0 or c.credit >= p["Min Credit Score"])
            and c.risk in RISK_ALLOWED[p["Risk Level"]])


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


def draw_holdings(rng, c):
    """Products held, following how products co-occur in real retail banks.

    Wishes are listed in priority order; the first MAX_PRODUCTS that the customer is eligible for
    are kept, so every holding passes the catalog's eligibility and suitability rules.
    """
    wishes = []

    def wish(pid, p=1.0):
        if chance(rng, p):
            wishes.append(pid)

    age, stage, income = c.age, c.stage, c.income
    level = c.region.income_level
    working = stage in ("worker", "junior")
    # Accounts: almost everyone has one main current account.
    if stage == "student" and chance(rng, 0.9):
        main_account = "ACC-STUDENT"
    elif income >= 60000 and chance(rng, 0.5):
        main_account = "ACC-PREMIUM"
    elif age >= 60 and chance(rng, 0.4):
        main_account = "ACC-SENIOR"
    else:
        main_account = "ACC-CURRENT"
    wish(main_account, 0.97)
    if c.occupation in SELF_EMPLOYED:
        wish("ACC-FREELANCE", 0.4)
    # A home: mortgage first, then the cover that lenders expect with it.
    if c.housing == "mortgage":
        if age <= 40 and chance(rng, 0.35):
            first = "MORT-FTB"
        elif c.has("eco") and chance(rng, 0.6):
            first = "MORT-GREEN"
        else:
            first = "MORT-FIXED25" if chance(rng, 0.62) else "MORT-TRACKER"
        options = [first] + [m for m in ("MORT-FIXED25", "MORT-FTB", "MORT-GREEN", "MORT-TRACKER") if m != first]
        mortgage = next((m for m in options if eligible(c, m)), None)
        if mortgage:
            wishes.append(mortgage)
            wish("INS-HOME", 0.88)
            wish("INS-LIFE", 0.2 if not (c.has("young_kids") or c.has("teen_kids")) else 0.45)
        else:
            c.housing = "owner" if age > 55 else "rent"
    if c.housing == "owner":
        if stage == "retired" and age >= 66:
            wish("MORT-LIFETIME", 0.08)
        wish("INS-HOME", 0.5)
    # Cards follow a regular income; the card type follows lifestyle.
    if stage == "student":
        wish("CARD-STUDENT", 0.15)
    elif income > 0 and chance(rng, 0.45 + (0.15 if income >= 50000 else 0)):
        if c.credit < 640:
            wish("CARD-BUILDER", 0.35)
        elif income >= 80000 and chance(rng, 0.5):
            wish("CARD-PLATINUM")
        elif c.has("traveller") and chance(rng, 0.65):
            wish("CARD-TRAVEL")
        elif c.has("eco") and chance(rng, 0.5):
            wish("CARD-ECO")
        else:
            wish("CARD-CASHBACK" if chance(rng, 0.6) else "CARD-LOWAPR")
    # Cars: a loan for some, insurance for nearly all (the rest insure elsewhere).
    if c.has("car"):
        if age <= 65:
            wish("LOAN-AUTO", 0.35)
        wish("INS-CAR", 0.55)
    if stage == "student":
        wish("LOAN-STUDENT", 0.2)
        wish("INS-RENTERS", 0.12 if c.housing == "rent" else 0)
    elif age <= 32 and working:
        wish("LOAN-STUDENT", 0.15)
    # Family.
    if c.has("young_kids") or c.has("teen_kids"):
        wish("SAV-KIDS", 0.45)
        wish("INS-LIFE", 0.2)
    if c.has("grandparent"):
        wish("SAV-KIDS", 0.2)
    # Investments follow income and risk appetite.
    if working or stage == "retired":
        wealthy = income >= 65000 * level
        if c.risk == "Aggressive":
            if c.has("techie"):
                wish("INV-TECH", 0.4)
            if c.has("investor") or wealthy:
                wish("INV-BROKERAGE", 0.45)
        if c.risk != "Conservative":
            if c.has("eco"):
                wish("INV-ESG", 0.4 if wealthy else 0.15)
            if wealthy:
                wish("INV-MANAGED" if chance(rng, 0.35) else "INV-INDEX", 0.6)
            elif c.has("investor") or c.has("techie"):
                wish("INV-ROBO" if age <= 40 else "INV-INDEX", 0.3)
            if c.has("investor") and income >= 80000 and 30 <= age <= 65:
                wish("MORT-BTL", 0.3)
        elif wealthy or c.has("investor"):
            wish("INV-BOND", 0.3)
        if working and 25 <= age <= 64:
            wish("INV-PENSION", 0.12 + (0.2 if income >= 45000 * level else 0))
    # Retirees keep their money safe.
    if stage == "retired":
        deposits = ["DEP-1Y", "DEP-3Y", "DEP-5Y", "DEP-INCOME", "DEP-INCOME"] + (["DEP-GREEN"] * 3 if c.has("eco") else [])
        wish(rng.choice(deposits), 0.5)
        wish("SAV-NOTICE" if chance(rng, 0.4) else "SAV-EASY", 0.5)
        wish("INV-BOND", 0.12)
        wish("INS-HEALTH", 0.15)
    # Lifestyle cover.
    if c.has("traveller"):
        wish("INS-TRAVEL", 0.35)
    if c.has("pet"):
        wish("INS-PET", 0.35)
    if c.has("gamer") or c.has("techie"):
        wish("INS-GADGET", 0.15)
    if working and income >= 50000 * level:
        wish("INS-HEALTH", 0.12)
    if c.housing == "rent" and stage != "student":
        wish("INS-RENTERS", 0.18)
        if age <= 40:
            wish("SAV-HOUSE", 0.25)
    # Everyday savings and borrowing.
    if stage != "retired":
        wish("SAV-EASY", 0.25)
        wish("SAV-GOAL", 0.08)
        wish("SAV-ROUNDUP", 0.18 if age <= 30 else 0.05)
        if income >= 40000 * level:
            wish(rng.choice(["DEP-6M", "DEP-1Y", "DEP-GREEN" if c.has("eco") else "DEP-3Y"]), 0.08)
    if working:
        wish("LOAN-PERSONAL", 0.06)
        if c.credit < 670:
            wish("LOAN-CONSOLIDATION", 0.15)
        if c.housing in ("mortgage", "owner") and c.has("eco"):
            wish("LOAN-GREENHOME", 0.3)
    if c.partnered:
        wish("ACC-JOINT", 0.1)

    held = []
    for pid in wishes:
        if pid not in held and len(held) < MAX_PRODUCTS and eligible(c, pid):
            held.append(pid)
    if not held:
        held.append("ACC-CURRENT")
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


def draw_customer(rng, cid, region):
    c = Customer(cid=cid, age=draw_age(rng), gender=draw_gender(rng), region=region)
    c.name = draw_name(rng, region, c.gender)
    c.city = rng.choice(region.cities)
    draw_work(rng, c)
    draw_credit_and_risk(rng, c)
    draw_life(rng, c)
    draw_holdings(rng, c)
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


def plan_budget(rng, c):
    level = c.region.income_level
    net_rate = 0.92 if c.income < 15000 else 0.74 if c.income < 60000 else 0.64
    net_pay = c.income * net_rate / 12
    housing = 0.0
    mortgages = [pid for pid in c.holdings if PRODUCTS[pid]["Category"] == "mortgage" and pid != "MORT-LIFETIME"]
    home_loans = [pid for pid in mortgages if pid != "MORT-BTL"]
    if c.housing == "mortgage":
        rate = float(PRODUCTS[home_loans[0]]["Rate"]) if home_loans else 3.8
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
    premiums = [PRODUCTS[pid]["Annual Fee"] / 12 * rng.uniform(0.8, 1.5)
                for pid in c.holdings if PRODUCTS[pid]["Category"] == "insurance"]
    if c.has("car") and "INS-CAR" not in c.holdings:
        premiums.append(rng.uniform(35, 70))          # insured with another company
    contributions = []
    for pid in c.holdings:
        if PRODUCTS[pid]["Category"] == "investment":
            contributions.append(clamp(c.income * rng.uniform(0.01, 0.05) / 12, 10, 2500))
    if c.has("investor") and not contributions:
        contributions.append(clamp(c.income * rng.uniform(0.01, 0.04) / 12, 10, 2000))  # elsewhere
    household_pay = net_pay if c.stage not in ("student", "homemaker") else max(net_pay, 1200 * level)
    scale = clamp((household_pay + 600) / 3000, 0.35, 2.5)
    # Childcare fees are income-related in most of Europe.
    childcare = rng.uniform(350, 1100) * (0.6 + 0.4 * level) * min(scale, 1.0) if c.has("young_kids") else 0.0
    return Budget(net_pay, housing, energy, telecom, groceries, premiums, contributions, childcare, scale)


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
    if "INV-BROKERAGE" in c.holdings and chance(rng, 0.4):
        amount = round(rng.uniform(200, 5000), 2)
        tx.append((rand_day(), amount if chance(rng, 0.4) else -amount, "Investments"))
    while len(tx) < 8:      # even a quiet month has a few trips to the corner shop
        out(rand_day(), rng.uniform(4, 35), "Groceries")
    return tx


def customer_transactions(rng, c):
    budget = plan_budget(rng, c)
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


def write_csv(name, header, rows):
    with open(os.path.join(DATA_DIR, name), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    rng = random.Random(SEED)
    customers = seed_customers()
    regions = assign_bankers(rng, SYNTHETIC_CUSTOMERS, len(customers))
    for i, region in enumerate(regions):
        customers.append(draw_customer(rng, 106 + i, region))
    for c in customers:
        bad = [pid for pid in c.holdings if not eligible(c, pid)]
        if bad or not 1 <= len(c.holdings) <= MAX_PRODUCTS:
            raise SystemExit(f"customer {c.cid}: holdings {c.holdings} break the catalog rules ({bad})")

    write_csv("catalog.csv", list(CATALOG[0].keys()),
              [[number(v) if isinstance(v, (int, float)) else v for v in p.values()] for p in CATALOG])
    write_csv("bankers.csv", ["Banker ID", "Name", "Branch"],
              [[r.banker_id, r.banker_name, r.branch] for r in REGIONS])
    write_csv("customerdata.csv",
              ["Customer ID", "Age", "Gender", "Purchase History", "Interests", "Engagement Score",
               "Sentiment Score", "Social Media Activity", "Name", "Location", "Occupation", "Annual Income",
               "Credit Score", "Risk Profile", "Products Held", "Banker ID"],
              [[c.cid, c.age, c.gender, ", ".join(c.purchases), ", ".join(c.interests), c.engagement,
                f"{c.sentiment:.1f}", c.social, c.name, c.city, c.occupation, number(c.income), c.credit,
                c.risk, ";".join(c.holdings), c.region.banker_id] for c in customers])
    transactions = []
    for c in customers:
        for date, amount, category in customer_transactions(rng, c):
            transactions.append([c.cid, date.isoformat(), f"{amount:.2f}", category])
    write_csv("transactions.csv", ["Customer ID", "Date", "Amount", "Merchant Category"], transactions)
    print(f"wrote {len(CATALOG)} products, {len(REGIONS)} bankers, {len(customers)} customers, "
          f"{len(transactions)} transactions to {DATA_DIR}")


if __name__ == "__main__":
    main()
