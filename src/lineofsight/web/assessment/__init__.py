"""The assurance pages: the leader's key questions, the Isos enablers and the Ofsted self-evaluation.

Every answer is a new row (a version), never an update, so the history of who said what and when
stays readable; ``snapshot.assessment_parts`` hands the current answers to the governance record
and the briefing packs as plain data.
"""
