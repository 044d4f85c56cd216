"""The batch floor: read a scenario CSV with csv.reader and write, to a file, as many rows of as many columns
as the batch writes (the count is given), each made of the row's own fields; no arithmetic at all.

Usage: python benchmarks/floors/csv_copy.py ROWS.csv TARGET.csv COLUMNS
"""

import csv
import sys

source_path, target_path, columns = sys.argv[1], sys.argv[2], int(sys.argv[3])
with (
    open(source_path, encoding="utf-8", newline="") as source,
    open(target_path, "w", encoding="utf-8", newline="") as target,
):
    rows = csv.reader(source)
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([f"column {number}" for number in range(columns)])
    times = columns // len(next(rows)) + 1  # each row's fields, repeated until there are enough
    for number, row in enumerate(rows, start=2):
        writer.writerow(([number] + row * times)[:columns])
