"""Children's social work workforce (CSWW) census: XML reader and checks."""
