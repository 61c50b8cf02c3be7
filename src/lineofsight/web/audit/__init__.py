"""The audit log: who did what, when, to which object and from where, for administrators to read."""
