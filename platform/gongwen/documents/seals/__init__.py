"""Electronic seals (电子印章) and PAdES signatures over the final 公文 PDF.

Start with ``README.md`` in this package. Models live in :mod:`.models`; signing in
:mod:`.signing`; verification in :mod:`.verification`; the provider hook in :mod:`.providers`.
"""
