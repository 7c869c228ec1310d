"""Publishing for linked-data consumers: exports from the store, SHACL validation, the dataset description."""
