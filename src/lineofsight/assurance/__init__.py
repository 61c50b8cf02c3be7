"""Assurance content: the leader's key questions, the Isos enablers and the Ofsted self-evaluation."""
