"""The parser's parts (thidua.documents.parse is its entry point), one module per thing read."""
