"""WSGI entry point for gunicorn (``lineofsight serve``); production settings unless told otherwise.

Importing it builds the published-data caches (see ``warm.py``): with gunicorn's ``--preload`` that
happens once in the master, before the workers fork. ``LINEOFSIGHT_WARM_START=0`` skips it.
Everything built so far then lives as long as the process, so ``gc.freeze()`` takes it out of the
garbage collector's view: a full collection over it cost ~90 ms, paid by whichever request
triggered it, and touching it would copy the master's shared memory into every worker.
"""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lineofsight.web.settings.production")

application = get_wsgi_application()

if os.environ.get("LINEOFSIGHT_WARM_START", "1").strip() != "0":
    from lineofsight.web.warm import warm_up

    print(warm_up().line(), file=sys.stderr, flush=True)
    gc.freeze()
