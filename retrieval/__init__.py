"""quotecheck: retrieval side (ingestion, quote extraction, embeddings, store, search)."""
