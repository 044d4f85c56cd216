"""Loading the data: the shipped tables, tax years and the user's own, validated by one set of schemas and cached."""
