"""Extraction: from files to claims in a store.

Imports go one way, from the entry points down to the core:

- `run`: the entry points, `extract_into` (here, in worker processes or on a cluster)
  and `extract_text` (one text, no store);
- `cluster`: the job on a Dask cluster, each worker running `job` on its batches;
- `job`: `extract_paths`, the extract job on one machine: inputs in, articles already
  stored skipped, claims saved, derived tables brought up to date;
- `pool`: worker processes for ``--jobs N``, each running `articles`;
- `articles`: the core, parsing and extracting articles with a fault contained to
  one article;
- `options`: `ExtractOptions`, what a run is asked to do.
"""
