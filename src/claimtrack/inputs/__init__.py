"""Files, folders and standard input to `Article` records.

Layers, each importing only the ones above it:

- `registry`: the input formats, one `Reader` per format, found in `readers/`; which one
  standard input without ``--format`` looks like.
- `reading` and `decoding`: bytes within a size limit, without blocking on a FIFO or
  reading a device forever; text from bytes (encodings, binary files, invisible characters).
- `plan`: which files a run reads (folders walked, standard input once, sidecars set aside).
- `sidecars`: ``NAME.meta.json`` field overrides.
- `source_aliases`: outlet spellings mapped to canonical names (``claimtrack.toml``,
  ``--source-alias``).
- `load`: the public entry, `iter_inputs`: plans, reads, decodes and hands each input to its
  reader, then applies overrides and outlet names; every input that gives no article gives
  an outcome.
- `readers/`: one module per format. The plain-text reader builds on `header`, `bylines`,
  `outlets`, `furniture`, `body` and `lines`, which only it uses; the other readers use
  `body` to clean text the way plain text is cleaned.

This package imports nothing heavy when it is imported: the CLI lists the formats at start-up.
"""
