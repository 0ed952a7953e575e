"""Argon2id with OWASP's parameters (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1).

Django's own Argon2 hasher defaults to 100 MiB and 8 lanes: on a 2-core server that is about
as slow as PBKDF2 and costs 100 MiB per concurrent log-in. OWASP's minimum configuration keeps
the memory-hardness that makes GPU cracking expensive at a fraction of PBKDF2's CPU. Hashes
made with other parameters (or with PBKDF2) are re-made with these at the next log-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2idHasher(Argon2PasswordHasher):
    # The algorithm name stays "argon2": stored hashes remain readable by Django's own hasher.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
