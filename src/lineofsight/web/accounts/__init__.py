"""Accounts: users with one role each, scoped to one council; sign-in, sign-out, the accounts list."""
