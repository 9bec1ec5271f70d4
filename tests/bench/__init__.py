"""`make bench`: load, size and memory numbers for the notes and pull requests, never pass/fail.

For each database (a SQLite file in a temporary folder; PostgreSQL when it answers) and each size
(`flask bench-data --size small|large`) it serves the app with `make serve`'s gunicorn config beside
a bare Flask "hello" under the same settings, loads each page with wrk, counts the page's SQL
statements in-process, weighs what a first and a repeat visit send, samples the server's memory,
and times a 12-megapixel evidence upload. It prints a table with the budgets beside each number and
writes the same as JSON under bench/results/. `python -m tests.bench --help` runs a part.

Modules: pages (what is loaded, and as whom), databases (build the data), servers (gunicorn and
memory), load (wrk), transfer (bytes sent), inprocess (queries and render time in-process),
upload (the photo), budgets, report.
"""
