"""The bottom layer: plain values every other layer shares (languages, indexer flags, infohashes). No I/O."""
