"""The classes of :mod:`isms.results`, one module per concept: ``base``
(:class:`~isms.results.Result`), ``risk``, ``evaluation``, ``soa``,
``schedule`` and ``simulation``. Import them from :mod:`isms.results`."""
