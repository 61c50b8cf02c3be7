"""Constants the web tests share (a module of its own, since importing ``conftest`` is ambiguous)."""

STOKE = "E06000021"
OTHER_LA = "E08000026"  # Coventry: a second council for scope tests
PASSWORD = "correct-horse-battery-staple-7"
