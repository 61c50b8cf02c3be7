"""The Line of Sight web service: a Django project rendered with Jinja2 and GOV.UK Frontend.

Adding a page: write a view module in a feature package (e.g. ``web/overview/views.py``), protect
every view with :func:`lineofsight.web.accounts.permissions.requires`, add its URL in
``web/urls.py`` and its row in ``tests/web/web_permission_table.py`` (the suite fails without it), and
extend ``layout.html`` in ``web/jinja2/``.
"""
