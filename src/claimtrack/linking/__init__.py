"""What claimtrack derives from the claims of many articles: speaker identities, figures
linked and grouped across sources with a verdict, and statements reported in other
words. The layer reads and writes the store only through the protocols of `ports`.

- `intervals`: what a report's wording allows, and a group's verdict;
- `figures`: comparing, linking and grouping figure claims in memory;
- `groups`: the groups of a whole store, kept up to date and read for ``diff``;
- `quotes`: one statement in different words (``diff --quotes``);
- `identity`: one identity per speaker across articles;
- `refresh`: bringing all of it up to date after an extract run.
"""
