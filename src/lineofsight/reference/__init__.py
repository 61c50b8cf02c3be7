"""Reference data: local authorities and their codes, regions, reorganisations, neighbours, population."""
