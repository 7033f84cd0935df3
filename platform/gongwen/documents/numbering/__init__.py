"""发文字号: number series, gap-free allocation, reservations (预留号) and voids.

Import the services from :mod:`gongwen.documents.numbering.services` and the text helpers from
:mod:`gongwen.documents.numbering.formats`; this package module stays import-light so it can be
loaded before the app registry is ready.
"""
