"""Publication dates as news carries them, read once for every way a date enters.

``parse_published(text) -> (value, original)``: ``value`` is what the ledger
stores and anchors relative dates to, ``original`` the text as given (kept
beside it).  Read, in order:

1. ISO 8601 (``2025-04-28``, ``2025-04-28T09:00:00+02:00``, ``...Z``): the
   standard library.  A string shaped like ISO that is not a real date
   (``2025-02-30``) is an error, never handed to a looser reader.
2. RFC 822/2822, as RSS and e-mail carry it (``Mon, 28 Apr 2025 09:00:00 GMT``):
   ``email.utils``.
3. Written dates (``28 April 2025``, ``April 28, 2025 9:00 AM EDT``): dateparser,
   absolute dates only (no "yesterday": a publication date must not depend on
   when it is read), day, month and year all required.

A datetime with a zone or offset is stored in UTC (``2025-04-28T13:00:00+00:00``);
a day alone stays a day (``2025-04-28``); a time without a zone is kept as
written, without inventing one.  Anything else raises ``InputError`` quoting it.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import lru_cache

from claimledger.errors import InputError

ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ].*)?$")
RFC_2822_SHAPE = re.compile(r"^([A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
HELP = "use ISO 8601 (2025-04-28T09:00+02:00), RFC 2822 or e.g. '28 April 2025'"


def parse_published(text) -> tuple[str | None, str | None]:
    """(stored value, original text) of a publication date; (None, None) for none; InputError if unreadable."""
    if text is None:
        return None, None
    if isinstance(text, dt.datetime):
        return _as_stored(text), text.isoformat()
    if isinstance(text, dt.date):
        return text.isoformat(), text.isoformat()
    original = str(text).strip()
    if not original:
        return None, None
    return _parse(original), original


def _parse(text: str) -> str:
    if ISO_SHAPE.match(text):
        return _iso(text)
    if RFC_2822_SHAPE.match(text):
        try:
            return _as_stored(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError) as err:
            raise _error(text, str(err)) from None
    return _written(text)


def _iso(text: str) -> str:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return _as_stored(dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
    except ValueError as err:
        raise _error(text, str(err)) from None


def _written(text: str) -> str:
    from dateparser.timezone_parser import pop_tz_offset_from_string

    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        raise _error(text)
    value = data.date_obj
    if data.period == "day" and value.time() == dt.time(0):
        return value.date().isoformat()
    if pop_tz_offset_from_string(text)[1] is None:  # no zone written: keep the time as given
        return value.replace(tzinfo=None).isoformat()
    return _as_stored(value)


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_TIME_AS_PERIOD": True, "RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC",
    })


def _as_stored(value: dt.datetime) -> str:
    if value.tzinfo is None:
        return value.isoformat()
    return value.astimezone(dt.timezone.utc).isoformat()


def _error(text: str, why: str = "") -> InputError:
    detail = f" ({why})" if why else ""
    return InputError(f"published date {text[:60]!r} cannot be read or does not exist{detail}: {HELP}")
