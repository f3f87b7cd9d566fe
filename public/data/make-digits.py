#!/usr/bin/python3
"""Writes public/data/digits.json from the copy of the UCI handwritten digits that scikit-learn ships.

Run with Debian's Python after `apt-get install -y python3-sklearn`:
    /usr/bin/python3 public/data/make-digits.py

One character per pixel ("0"-"9", "a"-"g" for the counts 0..16) keeps the file at ~117 KB of
plain JSON that both `fetch` and `fs.readFileSync` read without a decoder library.
"""
import json
import pathlib

from sklearn.datasets import load_digits

ALPHABET = "0123456789abcdefg"

digits = load_digits()
pixels = "".join(ALPHABET[int(v)] for row in digits.data for v in row)
labels = "".join(str(int(t)) for t in digits.target)
document = {
    "format": "tunelab-digits",
    "version": 1,
    "source": "UCI Optical Recognition of Handwritten Digits (test set), as shipped by scikit-learn; see digits-LICENSE.md",
    "width": 8,
    "height": 8,
    "count": len(labels),
    "classes": 10,
    "maxValue": 16,
    "alphabet": ALPHABET,
    "labels": labels,
    "pixels": pixels,
}
out = pathlib.Path(__file__).with_name("digits.json")
out.write_text(json.dumps(document, separators=(",", ":")) + "\n")
print(f"wrote {out} ({out.stat().st_size} bytes, {len(labels)} images)")
