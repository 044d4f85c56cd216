"""The batch floor: read a scenario CSV with csv.reader and write as many rows of the batch's 44 columns
with csv.writer, each made of the row's own fields; no arithmetic at all."""

import csv
import sys

source_path, target_path = sys.argv[1], sys.argv[2]
with (
    open(source_path, encoding="utf-8", newline="") as source,
    open(target_path, "w", encoding="utf-8", newline="") as target,
):
    rows = csv.reader(source)
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([f"column {number}" for number in range(44)])
    next(rows)
    for number, row in enumerate(rows, start=2):
        writer.writerow([number, *row * 7][:44])
