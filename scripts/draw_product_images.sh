#!/usr/bin/env bash
# Draws one 256x256 flat-design PNG per product of data/catalog.csv into data/images/<PRODUCT-ID>.png
# with ImageMagick: a rounded tile in the category's colour, a white pictogram that says what the
# product is (a card with a chip, a house, a car, a shield with a symbol...), an optional badge that
# tells products of one category apart, and the product's short name. Output is byte-identical
# across runs (no metadata, no timestamps).
#
#   bash scripts/draw_product_images.sh
#
# A product id this script has no design for gets its category's pictogram and a label made from its
# id, so a new catalog row never lacks an image; but only when data/images/<PRODUCT-ID>.png is
# missing, so that an image supplied for a new product is never drawn over (delete the file to get
# the generic tile again).
set -euo pipefail
cd "$(dirname "$0")/.."

CATALOG=data/catalog.csv
OUT=data/images
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
WHITE='#FFFFFF'
GOLD='#F2C94C'
[ -f "$FONT" ] || { echo "draw_product_images: $FONT is missing (apt-get install fonts-dejavu-core)" >&2; exit 1; }
command -v convert >/dev/null || { echo "draw_product_images: ImageMagick 'convert' is missing (apt-get install imagemagick)" >&2; exit 1; }

# ---- placing ------------------------------------------------------------------------------------
# Every pictogram and symbol below is drawn in its own 100x100 box; `place` scales that box to
# SIZE pixels centred on CX,CY, optionally turned by DEG degrees.
place() {
  local cx=$1 cy=$2 size=$3 deg=$4; shift 4
  local s; s=$(awk -v z="$size" 'BEGIN { printf "%.4f", z / 100 }')
  printf 'push graphic-context translate %s,%s rotate %s scale %s,%s translate -50,-50 %s pop graphic-context ' \
    "$cx" "$cy" "$deg" "$s" "$s" "$*"
}

# A white disc with a ring in the tile colour, carrying a symbol in the tile colour.
badge() {
  local bg=$1; shift
  printf 'fill %s stroke %s stroke-width 6 circle 186,150 186,180 stroke none ' "$WHITE" "$bg"
  place 186 150 36 0 "$@"
}

# Lines with several segments are drawn as `path`: ImageMagick 6.9.11 miscounts the points of a
# `polyline` that follows other primitives and rejects the whole drawing.

# ---- symbols (small marks for badges and card emblems): symbol FG BG ----------------------------
sym_star() { echo "fill $1 polygon 50,6 61,37 94,38 68,58 77,89 50,71 23,89 32,58 6,38 39,37"; }
sym_leaf() { echo "fill $1 path 'M 12,88 Q 8,18 90,10 Q 92,84 12,88 Z' fill none stroke $2 stroke-width 6 line 20,80 64,36 stroke none"; }
sym_key() { echo "fill $1 circle 28,50 28,74 fill $2 circle 28,50 28,60 fill $1 rectangle 46,43 94,57 rectangle 72,57 80,72 rectangle 86,57 94,68"; }
sym_percent() { echo "fill none stroke $1 stroke-width 9 circle 27,27 27,40 circle 73,73 73,86 stroke-width 11 line 82,10 18,90 stroke none"; }
sym_plane() { echo "fill $1 roundrectangle 43,4 57,94 7,7 polygon 50,34 96,60 96,70 50,58 4,70 4,60 polygon 50,78 72,90 72,97 50,91 28,97 28,90"; }
sym_up() { echo "fill $1 polygon 50,4 92,48 64,48 64,96 36,96 36,48 8,48"; }
sym_down() { echo "fill $1 polygon 50,96 92,52 64,52 64,4 36,4 36,52 8,52"; }
sym_heart() { echo "fill $1 path 'M 50,90 C 14,64 4,46 4,30 C 4,14 18,6 30,6 C 40,6 47,12 50,20 C 53,12 60,6 70,6 C 82,6 96,14 96,30 C 96,46 86,64 50,90 Z'"; }
sym_paw() { echo "fill $1 ellipse 50,70 25,21 0,360 ellipse 16,42 10,13 0,360 ellipse 36,18 10,13 0,360 ellipse 64,18 10,13 0,360 ellipse 84,42 10,13 0,360"; }
sym_cross() { echo "fill $1 roundrectangle 35,8 65,92 4,4 roundrectangle 8,35 92,65 4,4"; }
sym_phone() { echo "fill $1 roundrectangle 24,4 76,96 10,10 fill $2 roundrectangle 31,14 69,78 3,3 circle 50,87 50,91"; }
sym_clock() { echo "fill $1 circle 50,50 50,4 fill none stroke $2 stroke-width 8 stroke-linecap round path 'M 50,20 L 50,50 L 70,62' stroke none fill $2 circle 50,50 50,56"; }
sym_wave() { echo "fill none stroke $1 stroke-width 11 stroke-linejoin round stroke-linecap round path 'M 8,72 L 30,38 L 52,64 L 76,26 L 94,40' stroke none"; }
sym_house() { echo "fill $1 polygon 50,6 96,46 84,46 84,92 16,92 16,46 4,46 fill $2 rectangle 42,62 58,92"; }
sym_car() { echo "fill $1 path 'M 4,70 L 4,54 Q 6,46 16,45 L 26,44 L 36,28 Q 39,24 45,24 L 66,24 Q 72,24 75,29 L 85,44 Q 96,46 96,56 L 96,70 Z' fill $2 path 'M 32,44 L 41,31 L 50,31 L 50,44 Z' path 'M 55,31 L 66,31 Q 69,31 71,34 L 78,44 L 55,44 Z' circle 27,71 27,86 circle 73,71 73,86 fill $1 circle 27,71 27,78 circle 73,71 73,78"; }
sym_cap() { echo "fill $1 polygon 50,14 98,36 50,58 2,36 path 'M 22,46 L 22,70 Q 50,88 78,70 L 78,46 L 50,59 Z' fill none stroke $1 stroke-width 4 path 'M 90,40 L 90,66' stroke none fill $1 circle 90,70 90,76"; }
sym_text() { echo "font '$FONT' font-size $3 fill $1 text-anchor middle text 50,$4 '$5'"; }
sym_euro() { sym_text "$1" "$2" 82 80 '€'; }

# ---- pictograms (large, white on the tile): pict FG BG -------------------------------------------
pict_wallet() {
  echo "fill $1 roundrectangle 16,14 70,40 5,5 fill $2 rectangle 22,20 64,24"
  echo "fill $1 stroke $2 stroke-width 3 roundrectangle 6,28 94,88 11,11 stroke none"
  echo "fill $2 roundrectangle 62,46 98,70 9,9 fill $1 circle 74,58 74,64"
}
pict_bank() {
  echo "fill $1 polygon 50,6 94,30 6,30 rectangle 10,34 90,40 rectangle 10,84 90,94 rectangle 14,78 86,84"
  echo "rectangle 17,44 27,76 rectangle 37,44 47,76 rectangle 53,44 63,76 rectangle 73,44 83,76 fill $2 circle 50,21 50,26"
}
pict_people() {
  echo "fill $1 circle 68,30 68,45 path 'M 44,88 Q 44,54 68,54 Q 92,54 92,88 Z'"
  echo "fill $1 stroke $2 stroke-width 5 circle 34,36 34,53 path 'M 6,94 Q 6,60 34,60 Q 62,60 62,94 Z' stroke none"
}
pict_briefcase() {
  echo "fill none stroke $1 stroke-width 7 roundrectangle 34,14 66,34 6,6 stroke none"
  echo "fill $1 roundrectangle 6,30 94,88 10,10 fill none stroke $2 stroke-width 4 line 6,54 94,54 stroke none"
  echo "fill $2 roundrectangle 42,46 58,62 3,3"
}
pict_cap() { sym_cap "$@"; }
pict_banknote() {
  echo "fill $1 stroke $2 stroke-width 3 roundrectangle 14,16 96,64 6,6 roundrectangle 4,32 86,80 6,6 stroke none"
  echo "fill none stroke $2 stroke-width 3 circle 45,56 45,72 stroke none $(sym_text "$2" "$1" 26 65 '€')"
  echo "fill $2 circle 14,42 14,45 circle 76,70 76,73"
}
pict_car() { sym_car "$@"; }
pict_solar() {
  echo "fill $1 circle 24,22 24,34 fill none stroke $1 stroke-width 4 stroke-linecap round"
  echo "line 24,2 24,6 line 24,38 24,42 line 4,22 8,22 line 40,22 44,22 line 10,8 13,11 line 35,33 38,36 line 10,36 13,33 line 35,11 38,8 stroke none"
  echo "fill $1 polygon 30,48 88,48 98,84 20,84 rectangle 54,84 64,96 rectangle 42,94 76,98"
  echo "fill none stroke $2 stroke-width 3 line 27,60 91,60 line 24,72 94,72 line 49,48 46,84 line 69,48 72,84 stroke none"
}
pict_book() {
  echo "fill $1 path 'M 48,40 Q 28,30 6,36 L 6,90 Q 28,84 48,94 Z' path 'M 52,40 Q 72,30 94,36 L 94,90 Q 72,84 52,94 Z'"
  echo "fill none stroke $2 stroke-width 3 line 14,50 40,52 line 14,62 40,64 line 60,52 86,50 line 60,64 86,62 stroke none"
  place 50 18 44 0 "$(sym_cap "$1" "$2")"
}
pict_consolidate() {
  echo "fill $1 roundrectangle 4,10 34,30 4,4 roundrectangle 4,40 34,60 4,4 roundrectangle 4,70 34,90 4,4"
  echo "fill none stroke $1 stroke-width 5 stroke-linecap round line 38,20 54,40 line 38,50 54,50 line 38,80 54,60 stroke none"
  echo "fill $1 roundrectangle 60,28 96,72 6,6"
  place 78 50 34 0 "$(sym_euro "$2" "$1")"
}
pict_house() {
  echo "fill $1 rectangle 68,14 80,40 polygon 50,6 96,46 84,46 84,92 16,92 16,46 4,46"
  echo "fill $2 roundrectangle 42,62 58,92 3,3 rectangle 24,54 36,66"
}
pict_two_houses() {
  place 27 62 52 0 "$(sym_house "$1" "$2")"
  place 64 54 72 0 "fill $1 stroke $2 stroke-width 7 polygon 50,6 96,46 84,46 84,92 16,92 16,46 4,46 stroke none $(sym_house "$1" "$2")"
}
pict_piggy() {
  echo "fill $1 ellipse 48,58 38,28 0,360 polygon 28,36 34,16 48,32 roundrectangle 80,50 96,68 5,5"
  echo "rectangle 24,76 36,94 rectangle 60,76 72,94 fill none stroke $1 stroke-width 4 path 'M 11,56 Q 0,54 4,44' stroke none"
  echo "fill $2 circle 68,50 68,54 circle 86,59 86,61.5 circle 91,59 91,61.5 roundrectangle 38,36 58,40 2,2"
  echo "fill $GOLD stroke $2 stroke-width 2 circle 48,16 48,28 stroke none"
}
pict_teddy() {
  echo "fill $1 circle 22,22 22,38 circle 78,22 78,38 circle 50,56 50,94 fill $2 circle 22,22 22,30 circle 78,22 78,30"
  echo "ellipse 50,70 16,12 0,360 circle 36,48 36,53 circle 64,48 64,53 fill $1 ellipse 50,66 6,4 0,360"
}
pict_target() {
  echo "fill $1 circle 46,54 46,96 fill $2 circle 46,54 46,86 fill $1 circle 46,54 46,76 fill $2 circle 46,54 46,66 fill $1 circle 46,54 46,60"
  echo "fill none stroke $2 stroke-width 10 line 48,52 88,12 stroke $1 stroke-width 5 line 48,52 88,12 stroke none"
  echo "fill $1 polygon 78,6 96,4 94,22 84,16"
}
pict_coins() {
  local y
  for y in 82 68 54 40; do echo "fill $1 stroke $2 stroke-width 3 roundrectangle 6,$y 74,$((y + 14)) 7,7 stroke none"; done
  echo "fill $1 stroke $2 stroke-width 3 ellipse 40,36 34,12 0,360 fill none ellipse 40,36 22,7 0,360 stroke none"
}
pict_coins_up() { pict_coins "$@"; echo "fill $1 polygon 86,6 100,26 92,26 92,58 80,58 80,26 72,26"; }
pict_safe() {
  echo "fill $1 roundrectangle 8,8 92,88 8,8 rectangle 16,88 28,96 rectangle 72,88 84,96"
  echo "fill none stroke $2 stroke-width 3 roundrectangle 16,16 84,80 4,4 stroke none"
  echo "fill $2 circle 50,48 50,68 fill $1 circle 50,48 50,56 fill $2 rectangle 18,28 22,38 rectangle 18,58 22,68"
  echo "fill none stroke $1 stroke-width 3 line 50,28 50,34 line 70,48 64,48 line 50,68 50,62 line 30,48 36,48 stroke none"
}
pict_padlock() {
  echo "fill none stroke $1 stroke-width 11 path 'M 30,48 L 30,32 A 20,20 0 0,1 70,32 L 70,48' stroke none"
  echo "fill $1 roundrectangle 14,44 86,94 9,9 fill $2 circle 50,62 50,70 polygon 45,64 55,64 58,82 42,82"
}
pict_bars() {
  echo "fill none stroke $1 stroke-width 5 stroke-linecap round path 'M 6,6 L 6,94 L 94,94' stroke none"
  echo "fill $1 rectangle 16,66 30,88 rectangle 38,52 52,88 rectangle 60,40 74,88 rectangle 80,28 94,88"
  echo "fill none stroke $2 stroke-width 13 stroke-linejoin round path 'M 14,52 L 38,34 L 56,42 L 84,12'"
  echo "stroke $1 stroke-width 6 path 'M 14,52 L 38,34 L 56,42 L 84,12' stroke none fill $1 polygon 74,8 94,2 90,22"
}
pict_pie() {
  echo "fill $1 path 'M 46,54 L 46,14 A 40,40 0 1,0 86,54 Z' fill none stroke $2 stroke-width 3 line 46,54 18,82 stroke none"
  echo "fill $1 path 'M 54,46 L 54,6 A 40,40 0 0,1 94,46 Z'"
}
pict_hourglass() {
  echo "fill $1 roundrectangle 16,4 84,14 3,3 roundrectangle 16,86 84,96 3,3"
  echo "fill none stroke $1 stroke-width 5 path 'M 24,14 Q 24,38 46,50 Q 24,62 24,86 M 76,14 Q 76,38 54,50 Q 76,62 76,86' stroke none"
  echo "fill $1 polygon 33,28 67,28 50,46 polygon 28,84 72,84 64,72 50,64 36,72 rectangle 49,46 51,66"
}
pict_candles() {
  echo "fill none stroke $1 stroke-width 4 line 4,96 96,96 line 16,44 16,88 line 38,32 38,74 line 60,20 60,62 line 82,6 82,48 stroke none"
  echo "fill $1 rectangle 9,52 23,78 rectangle 53,26 67,50 rectangle 75,12 89,36"
  echo "fill $2 stroke $1 stroke-width 4 rectangle 31,40 45,62 stroke none"
}
pict_chip() {
  local i out=""
  for i in 30 43 57 70; do out+="line $i,4 $i,20 line $i,80 $i,96 line 4,$i 20,$i line 80,$i 96,$i "; done
  echo "fill none stroke $1 stroke-width 5 $out stroke none"
  echo "fill $1 roundrectangle 18,18 82,82 8,8 fill $2 roundrectangle 27,27 73,73 4,4 $(sym_text "$1" "$2" 30 61 'AI')"
}
pict_certificate() {
  echo "fill $1 roundrectangle 12,4 88,82 6,6 fill $2 rectangle 24,18 76,23 rectangle 24,30 76,35 rectangle 24,42 62,47 rectangle 24,54 50,59"
  echo "fill $GOLD polygon 58,80 52,98 62,92 68,98 68,84 polygon 78,80 84,98 74,92 68,98 68,84"
  echo "fill $GOLD stroke $2 stroke-width 3 circle 68,72 68,88 stroke none"
}
pict_robot() {
  echo "fill none stroke $1 stroke-width 4 line 50,8 50,20 stroke none fill $1 circle 50,8 50,14"
  echo "roundrectangle 14,20 86,82 14,14 rectangle 4,40 14,62 rectangle 86,40 96,62"
  echo "fill $2 circle 34,44 34,53 circle 66,44 66,53 roundrectangle 32,62 68,70 3,3"
  echo "fill $1 circle 34,44 34,48 circle 66,44 66,48"
}
pict_shield() { echo "fill $1 path 'M 50,4 L 90,18 L 90,46 Q 90,80 50,97 Q 10,80 10,46 L 10,18 Z'"; }

# A payment card in its own colour, with a chip, number groups and an emblem.
pict_card() {
  local colour=$1 emblem=$2
  echo "fill '#00000040' roundrectangle 6,23 98,86 9,9"
  echo "fill $colour roundrectangle 2,16 94,79 9,9 fill '#FFFFFF30' path 'M 2,56 Q 40,36 94,44 L 94,70 Q 94,79 85,79 L 11,79 Q 2,79 2,70 Z'"
  echo "fill $GOLD roundrectangle 12,32 30,46 3,3 fill none stroke '#B8962E' stroke-width 1 line 12,39 30,39 line 21,32 21,46 stroke none"
  echo "fill $WHITE roundrectangle 12,56 26,60 2,2 roundrectangle 31,56 45,60 2,2 roundrectangle 50,56 64,60 2,2 roundrectangle 69,56 83,60 2,2"
  echo "fill '#FFFFFFB0' roundrectangle 12,67 44,70 1,1"
  place 78 33 20 0 "$("sym_$emblem" "$WHITE" "$colour")"
}

# ---- the tile ------------------------------------------------------------------------------------
declare -A TILE=(
  [account]='#2F6690' [card]='#3B4754' [loan]='#C0504D' [mortgage]='#3A8F5C'
  [savings]='#E0962A' [deposit]='#5B5F97' [investment]='#7E4E9E' [insurance]='#1C8C8C'
)

# The main pictogram: 144 px, centred in the tile above the label.
big() { place 128 112 144 0 "$@"; }

# design ID CATEGORY BG -> prints "own" or "generic" (this script has no design for ID) on the first
# line, the label on the second and the MVG drawing after them
design() {
  local id=$1 cat=$2 bg=$3 w=$WHITE
  local origin=own label pict
  case "$id" in
    ACC-CURRENT)    label="CURRENT ACCOUNT"; pict=$(big "$(pict_wallet "$w" "$bg")") ;;
    ACC-PREMIUM)    label="PREMIUM ACCOUNT"; pict="$(big "$(pict_wallet "$w" "$bg")") $(badge "$bg" "$(sym_star "$bg" "$w")")" ;;
    ACC-STUDENT)    label="STUDENT ACCOUNT"; pict=$(big "$(pict_cap "$w" "$bg")") ;;
    ACC-JOINT)      label="JOINT ACCOUNT"; pict=$(big "$(pict_people "$w" "$bg")") ;;
    ACC-SENIOR)     label="60 PLUS ACCOUNT"; pict="$(big "$(pict_bank "$w" "$bg")") $(badge "$bg" "$(sym_text "$bg" "$w" 46 66 '60+')")" ;;
    ACC-FREELANCE)  label="FREELANCER"; pict=$(big "$(pict_briefcase "$w" "$bg")") ;;
    CARD-CASHBACK)  label="CASHBACK CARD"; pict=$(place 128 112 180 0 "$(pict_card '#2BA84A' percent)") ;;
    CARD-TRAVEL)    label="TRAVEL REWARDS"; pict=$(place 128 112 180 0 "$(pict_card '#1E88E5' plane)") ;;
    CARD-LOWAPR)    label="LOW RATE CARD"; pict=$(place 128 112 180 0 "$(pict_card '#00897B' down)") ;;
    CARD-STUDENT)   label="STUDENT CARD"; pict=$(place 128 112 180 0 "$(pict_card '#F57C00' cap)") ;;
    CARD-PLATINUM)  label="PLATINUM CARD"; pict=$(place 128 112 180 0 "$(pict_card '#9AA5B1' star)") ;;
    CARD-ECO)       label="GREEN CARD"; pict=$(place 128 112 180 0 "$(pict_card '#7CB342' leaf)") ;;
    CARD-BUILDER)   label="CREDIT BUILDER"; pict=$(place 128 112 180 0 "$(pict_card '#E53950' up)") ;;
    LOAN-PERSONAL)  label="PERSONAL LOAN"; pict=$(big "$(pict_banknote "$w" "$bg")") ;;
    LOAN-AUTO)      label="CAR LOAN"; pict=$(big "$(pict_car "$w" "$bg")") ;;
    LOAN-GREENHOME) label="GREEN HOME LOAN"; pict=$(big "$(pict_solar "$w" "$bg")") ;;
    LOAN-STUDENT)   label="STUDY LOAN"; pict=$(big "$(pict_book "$w" "$bg")") ;;
    LOAN-CONSOLIDATION) label="CONSOLIDATION"; pict=$(big "$(pict_consolidate "$w" "$bg")") ;;
    MORT-FIXED25)   label="FIXED 25 YEARS"; pict="$(big "$(pict_house "$w" "$bg")") $(badge "$bg" "$(sym_text "$bg" "$w" 50 68 '25')")" ;;
    MORT-FTB)       label="FIRST HOME"; pict="$(big "$(pict_house "$w" "$bg")") $(badge "$bg" "$(sym_key "$bg" "$w")")" ;;
    MORT-TRACKER)   label="TRACKER"; pict="$(big "$(pict_house "$w" "$bg")") $(badge "$bg" "$(sym_wave "$bg" "$w")")" ;;
    MORT-GREEN)     label="GREEN MORTGAGE"; pict="$(big "$(pict_house "$w" "$bg")") $(badge "$bg" "$(sym_leaf "$bg" "$w")")" ;;
    MORT-BTL)       label="BUY TO LET"; pict=$(big "$(pict_two_houses "$w" "$bg")") ;;
    MORT-LIFETIME)  label="LIFETIME"; pict="$(big "$(pict_house "$w" "$bg")") $(badge "$bg" "$(sym_heart "$bg" "$w")")" ;;
    SAV-EASY)       label="EASY ACCESS"; pict=$(big "$(pict_piggy "$w" "$bg")") ;;
    SAV-KIDS)       label="KIDS SAVER"; pict=$(big "$(pict_teddy "$w" "$bg")") ;;
    SAV-GOAL)       label="REGULAR SAVER"; pict=$(big "$(pict_target "$w" "$bg")") ;;
    SAV-HOUSE)      label="HOME DEPOSIT"; pict="$(big "$(pict_coins "$w" "$bg")") $(badge "$bg" "$(sym_house "$bg" "$w")")" ;;
    SAV-NOTICE)     label="90-DAY NOTICE"; pict="$(big "$(pict_piggy "$w" "$bg")") $(badge "$bg" "$(sym_clock "$bg" "$w")")" ;;
    SAV-ROUNDUP)    label="ROUND-UP"; pict=$(big "$(pict_coins_up "$w" "$bg")") ;;
    DEP-6M)         label="6-MONTH TERM"; pict="$(big "$(pict_padlock "$w" "$bg")") $(badge "$bg" "$(sym_text "$bg" "$w" 46 66 '6M')")" ;;
    DEP-1Y)         label="1-YEAR FIXED"; pict="$(big "$(pict_safe "$w" "$bg")") $(badge "$bg" "$(sym_text "$bg" "$w" 46 66 '1Y')")" ;;
    DEP-3Y)         label="3-YEAR FIXED"; pict="$(big "$(pict_safe "$w" "$bg")") $(badge "$bg" "$(sym_text "$bg" "$w" 46 66 '3Y')")" ;;
    DEP-5Y)         label="5-YEAR FIXED"; pict="$(big "$(pict_safe "$w" "$bg")") $(badge "$bg" "$(sym_text "$bg" "$w" 46 66 '5Y')")" ;;
    DEP-INCOME)     label="MONTHLY INCOME"; pict="$(big "$(pict_safe "$w" "$bg")") $(badge "$bg" "$(sym_euro "$bg" "$w")")" ;;
    DEP-GREEN)      label="GREEN DEPOSIT"; pict="$(big "$(pict_padlock "$w" "$bg")") $(badge "$bg" "$(sym_leaf "$bg" "$w")")" ;;
    INV-INDEX)      label="INDEX FUND"; pict=$(big "$(pict_bars "$w" "$bg")") ;;
    INV-ESG)        label="ESG FUND"; pict="$(big "$(pict_bars "$w" "$bg")") $(badge "$bg" "$(sym_leaf "$bg" "$w")")" ;;
    INV-MANAGED)    label="MANAGED"; pict=$(big "$(pict_pie "$w" "$bg")") ;;
    INV-PENSION)    label="PENSION PLAN"; pict=$(big "$(pict_hourglass "$w" "$bg")") ;;
    INV-BROKERAGE)  label="SHARE DEALING"; pict=$(big "$(pict_candles "$w" "$bg")") ;;
    INV-TECH)       label="TECH & AI FUND"; pict=$(big "$(pict_chip "$w" "$bg")") ;;
    INV-BOND)       label="BOND FUND"; pict=$(big "$(pict_certificate "$w" "$bg")") ;;
    INV-ROBO)       label="ROBO-INVESTOR"; pict=$(big "$(pict_robot "$w" "$bg")") ;;
    INS-HOME)       label="HOME INSURANCE"; pict=$(shield_with "$bg" house) ;;
    INS-CAR)        label="CAR INSURANCE"; pict=$(shield_with "$bg" car) ;;
    INS-TRAVEL)     label="TRAVEL INSURANCE"; pict=$(shield_with "$bg" plane 45) ;;
    INS-LIFE)       label="LIFE INSURANCE"; pict=$(shield_with "$bg" heart) ;;
    INS-HEALTH)     label="HEALTH INSURANCE"; pict=$(shield_with "$bg" cross) ;;
    INS-PET)        label="PET INSURANCE"; pict=$(shield_with "$bg" paw) ;;
    INS-RENTERS)    label="RENTERS COVER"; pict=$(shield_with "$bg" key) ;;
    INS-GADGET)     label="GADGET COVER"; pict=$(shield_with "$bg" phone) ;;
    *)
      origin=generic
      label=$(echo "${id#*-}" | tr '-' ' ')
      case "$cat" in
        account) pict=$(big "$(pict_bank "$w" "$bg")") ;;
        card) pict=$(place 128 112 180 0 "$(pict_card '#5E35B1' star)") ;;
        loan) pict=$(big "$(pict_banknote "$w" "$bg")") ;;
        mortgage) pict=$(big "$(pict_house "$w" "$bg")") ;;
        savings) pict=$(big "$(pict_piggy "$w" "$bg")") ;;
        deposit) pict=$(big "$(pict_safe "$w" "$bg")") ;;
        investment) pict=$(big "$(pict_bars "$w" "$bg")") ;;
        insurance) pict=$(big "$(pict_shield "$w" "$bg")") ;;
      esac ;;
  esac
  printf '%s\n%s\n%s\n' "$origin" "$label" "$pict"
}

# A white shield with the insured thing cut out of it in the tile colour.
shield_with() {
  local bg=$1 sym=$2 deg=${3:-0}
  place 128 112 150 0 "$(pict_shield $WHITE "$bg")"
  place 128 110 66 "$deg" "$("sym_$sym" "$bg" "$WHITE")"
}

# ---- main ----------------------------------------------------------------------------------------
mkdir -p "$OUT"
# The CSV is read with a real CSV parser: names and descriptions may hold quoted commas.
products=$(/usr/bin/python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
    print(row["Product ID"], row["Category"])
' "$CATALOG")

count=0
kept=()
while read -r id cat; do
  bg=${TILE[$cat]:-}
  [ -n "$bg" ] || { echo "draw_product_images: $CATALOG: product $id has unknown category '$cat'" >&2; exit 1; }
  drawing=$(design "$id" "$cat" "$bg")
  origin=${drawing%%$'\n'*}
  drawing=${drawing#*$'\n'}
  if [ "$origin" = generic ] && [ -f "$OUT/$id.png" ]; then
    kept+=("$id")
    continue
  fi
  label=${drawing%%$'\n'*}
  mvg=${drawing#*$'\n'}
  convert -size 256x256 xc:none \
    -fill "$bg" -draw "roundrectangle 4,4 251,251 34,34" \
    -draw "$mvg" \
    -font "$FONT" -pointsize 17 -fill "$WHITE" -gravity south -annotate +0+20 "$label" \
    -strip -define png:exclude-chunks=date,time -define png:compression-level=9 \
    "PNG32:$OUT/$id.png"
  count=$((count + 1))
done <<< "$products"
echo "drew $count product images in $OUT${kept:+; kept the existing image of ${kept[*]} (no design here)}"
