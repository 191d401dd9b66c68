"""Every catalog row has its image, and scripts/draw_product_images.sh, which reads the catalog, draws
one for a new product without drawing over an image supplied for it.

    /usr/bin/python3 tests/data_gen/test_product_images.py
"""
import csv
import shutil
import struct
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path):
    head = Path(path).read_bytes()[:24]
    if head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def catalog_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


class ProductImages(unittest.TestCase):

    def test_every_catalog_row_has_a_256_pixel_png(self):
        for row in catalog_rows(DATA / "catalog.csv"):
            with self.subTest(product=row["Product ID"]):
                self.assertEqual(png_size(DATA / row["Image"]), (256, 256), f"data/{row['Image']}")

    def test_a_new_product_gets_a_tile_and_a_supplied_image_is_kept(self):
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            (tree / "scripts").mkdir()
            (tree / "data").mkdir()
            shutil.copy(ROOT / "scripts" / "draw_product_images.sh", tree / "scripts")
            rows = [r for r in catalog_rows(DATA / "catalog.csv") if r["Product ID"] == "ACC-CURRENT"]
            rows.append({**rows[0], "Product ID": "INS-BIKE", "Name": "Bicycle Insurance", "Category": "insurance",
                         "Image": "images/INS-BIKE.png"})
            with open(tree / "data" / "catalog.csv", "w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, list(rows[0].keys()), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)

            def draw():
                run = subprocess.run(["bash", str(tree / "scripts" / "draw_product_images.sh")],
                                     capture_output=True, text=True, timeout=120)
                self.assertEqual(run.returncode, 0, run.stderr)
                return run.stdout

            images = tree / "data" / "images"
            draw()
            self.assertEqual((images / "ACC-CURRENT.png").read_bytes(), (DATA / "images" / "ACC-CURRENT.png").read_bytes())
            self.assertEqual(png_size(images / "INS-BIKE.png"), (256, 256))

            supplied = (DATA / "images" / "INS-PET.png").read_bytes()
            (images / "INS-BIKE.png").write_bytes(supplied)
            self.assertIn("kept the existing image of INS-BIKE", draw())
            self.assertEqual((images / "INS-BIKE.png").read_bytes(), supplied)


if __name__ == "__main__":
    unittest.main(verbosity=2)
