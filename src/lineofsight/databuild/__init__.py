"""Making the bundled published store: the developer build from ``../shared/data`` (``make data``)
and ``data update`` for newer official releases. It sits above the indicators, whose catalogue says
what to extract; the runtime reads only what it wrote (:mod:`lineofsight.published.store`)."""
