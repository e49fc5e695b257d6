#!/usr/bin/python3
"""Indexes the benchmark corpus with Xapian or Tantivy and times the same queries Birlik runs.

Called by `birlik-bench --scenario corpus`; prints one JSON object.
Usage: bench-corpus-engines.py ENGINE CORPUS.tsv QUERIES.json INDEX_DIR
  CORPUS.tsv: one document per line, "forms<TAB>lemmas<TAB>words<TAB>pos<TAB>tags" (lowercase forms, lemmas,
  forms as written, parts of speech, feature tags or "_"), each space-separated, the same number of tokens.
ENGINE: xapian (forms and lemmas), tantivy (two fields: forms and lemmas) or tantivy5 (all five fields, the
  attributes Birlik indexes).
  QUERIES.json: {"words": [...], "phrases": [[a, b], ...], "lemmaPrefixes": [...]}
Needs Debian's python3-xapian and PyPI's tantivy.
"""
import json
import os
import resource
import statistics
import sys
import time


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def peak_memory_mb():
    # VmHWM belongs to this process's own memory; ru_maxrss would also count the parent's resident set at
    # the fork that started this script.
    with open("/proc/self/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def size_of(path):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)


def timed(run, queries):
    for query in queries:  # warm-up: the same steady state as Birlik's measurement
        run(query)
    latencies, counts = [], []
    for query in queries:
        start = time.perf_counter()
        counts.append(run(query))
        latencies.append((time.perf_counter() - start) * 1000)
    return {"median": statistics.median(latencies), "p99": percentile(latencies, 0.99), "matches": sum(counts)}


def xapian_engine(corpus, queries, directory):
    import xapian
    start = time.perf_counter()
    db = xapian.WritableDatabase(directory, xapian.DB_CREATE_OR_OVERWRITE)
    tokens = 0
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            forms, lemmas = line.rstrip("\n").split("\t")[:2]
            doc = xapian.Document()
            position = 0
            for position, (form, lemma) in enumerate(zip(forms.split(" "), lemmas.split(" ")), start=1):
                doc.add_posting(form, position)
                doc.add_posting("L" + lemma, position)
            tokens += position
            db.add_document(doc)
    db.commit()
    build = time.perf_counter() - start
    db.close()
    reader = xapian.Database(directory)
    total = reader.get_doccount()

    def count(query):
        enquire = xapian.Enquire(reader)
        enquire.set_query(query)
        return enquire.get_mset(0, 0, total).get_matches_estimated()

    result = {"tokens": tokens, "buildSeconds": build, "sizeBytes": size_of(directory),
              "word": timed(lambda w: count(xapian.Query(w)), queries["words"]),
              "phrase": timed(lambda p: count(xapian.Query(xapian.Query.OP_PHRASE, p)), queries["phrases"]),
              "lemmaRegex": timed(lambda prefix: count(xapian.Query(xapian.Query.OP_WILDCARD, "L" + prefix, 0, xapian.Query.WILDCARD_LIMIT_ERROR, xapian.Query.OP_SYNONYM)), queries["lemmaPrefixes"]),
              "fields": 2, "notes": "counts documents; a lemma regex is only expressible as a prefix wildcard (OP_WILDCARD)"}
    return result


def tantivy_engine(corpus, queries, directory, all_fields=False):
    import tantivy
    builder = tantivy.SchemaBuilder()
    fields = ["form", "lemma"] + (["word", "pos", "tags"] if all_fields else [])
    for field in fields:
        builder.add_text_field(field, stored=False, tokenizer_name="whitespace", index_option="position")
    schema = builder.build()
    os.makedirs(directory, exist_ok=True)
    start = time.perf_counter()
    index = tantivy.Index(schema, path=directory)
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    tokens = 0
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            columns = line.rstrip("\n").split("\t")
            tokens += columns[0].count(" ") + 1
            writer.add_document(tantivy.Document(**dict(zip(fields, columns))))
    writer.commit()
    writer.wait_merging_threads()
    build = time.perf_counter() - start
    index.reload()
    searcher = index.searcher()

    def count(query):
        return searcher.search(query, 1, count=True).count

    result = {"tokens": tokens, "buildSeconds": build, "sizeBytes": size_of(directory),
              "word": timed(lambda w: count(tantivy.Query.term_query(schema, "form", w)), queries["words"]),
              "phrase": timed(lambda p: count(tantivy.Query.phrase_query(schema, "form", p)), queries["phrases"]),
              "lemmaRegex": timed(lambda prefix: count(tantivy.Query.regex_query(schema, "lemma", prefix + ".*")), queries["lemmaPrefixes"]),
              "fields": len(fields), "notes": "counts documents" + ("; all five fields" if all_fields else "")}
    return result


def main():
    engine, corpus, queries_path, directory = sys.argv[1:5]
    queries = json.load(open(queries_path, encoding="utf-8"))
    queries["phrases"] = [list(p) for p in queries["phrases"]]
    try:
        engines = {"xapian": xapian_engine, "tantivy": tantivy_engine,
                   "tantivy5": lambda *arguments: tantivy_engine(*arguments, all_fields=True)}
        result = engines[engine](corpus, queries, directory)
    except ImportError as error:
        result = {"unavailable": str(error)}
    result["peakMemoryMB"] = peak_memory_mb()
    print(json.dumps(result))


main()
