"""The 公文 itself: :class:`~.models.Document` (bound 1:1 to a process) and its files.

Import the models from :mod:`gongwen.documents.document.models`; the lifecycle is in
:mod:`gongwen.documents.lifecycle`, the services in :mod:`gongwen.documents.services`.
"""
