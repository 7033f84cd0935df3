"""JavaScript number semantics: parsing strings, printing numbers, normalising results."""

from __future__ import annotations

import math
import re

# ECMAScript WhiteSpace and LineTerminator code points (what Number() and parseFloat trim).
JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_DECIMAL = r"[+-]?(?:Infinity|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)"
_DECIMAL_FULL = re.compile(_DECIMAL + r"\Z")
_DECIMAL_PREFIX = re.compile(_DECIMAL)
_RADIX = re.compile(r"0(?:([xX])([0-9a-fA-F]+)|([oO])([0-7]+)|([bB])([01]+))\Z")
_SAFE_INTEGER = 2**53


def _decimal(text: str) -> float:
    sign = -1.0 if text.startswith("-") else 1.0
    if text.lstrip("+-") == "Infinity":
        return sign * math.inf
    return float(text)


def string_to_number(text: str) -> float:
    """Convert a string as JavaScript's ``Number(text)`` does (``NaN`` when it is not one)."""
    text = text.strip(JS_WHITESPACE)
    if not text:
        return 0.0
    if _DECIMAL_FULL.match(text):
        return _decimal(text)
    radix = _RADIX.match(text)
    if radix:
        digits = radix.group(2) or radix.group(4) or radix.group(6)
        base = 16 if radix.group(1) else 8 if radix.group(3) else 2
        try:
            return float(int(digits, base))
        except OverflowError:
            return math.inf
    return math.nan


def parse_float(text: str) -> float:
    """Parse the longest decimal prefix of ``text``, as JavaScript's ``parseFloat`` does."""
    match = _DECIMAL_PREFIX.match(text.lstrip(JS_WHITESPACE))
    return _decimal(match.group(0)) if match else math.nan


def number_to_string(value: float) -> str:
    """Print a number exactly as JavaScript's ``String(number)`` does."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < _SAFE_INTEGER:
        return str(int(value))
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction.rstrip("0")).lstrip("0")
    # ``point`` is JavaScript's n: the value is 0.<digits> × 10**point.
    point = len(whole.lstrip("0")) + int(exponent or 0)
    if whole == "0":
        point = int(exponent or 0) - (len(fraction) - len(fraction.lstrip("0")))
    return sign + _layout(digits, point)


def _layout(digits: str, point: int) -> str:
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    sign = "+" if exponent >= 0 else "-"
    mantissa = digits if count == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{sign}{abs(exponent)}"


def js_number(value: float) -> int | float:
    """Return an arithmetic result as an ``int`` when it is a safe integer, else the float.

    ``-0.0``, ``NaN`` and the infinities stay floats so later operations still see them.
    """
    negative_zero = value == 0 and math.copysign(1.0, value) < 0
    if value.is_integer() and abs(value) <= _SAFE_INTEGER and not negative_zero:
        return int(value)
    return value
