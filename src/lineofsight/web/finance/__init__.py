"""The Finance page: published spend and unit costs, and the council's own budget monitoring."""
