#!/usr/bin/env python3
"""Writes the NL parser corpus (test/nl/corpus/*.jsonl) from hand-written calendar expectations.

Every expected instant below is written by hand as a local wall time in the case's zone
("2026-11-23 09:00"), worked out from the calendar and the conventions in src/nl/README.md — never from
what the parser returns. This script only turns wall times into ISO instants with the zone's
offset (Python zoneinfo; fold=0, so a wall time in a spring-forward gap comes out shifted forward
by the gap and a repeated wall time takes its first occurrence), or, for entries written as
("+", minutes), adds an exact duration to `now`. Run: python3 test/nl/corpus/make-corpus.py
"""
import json, os
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

OUT = os.path.dirname(os.path.abspath(__file__))
BER, NY, TYO, LHI, SAO = 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Sao_Paulo'
MAIN = [BER, NY, TYO]
SUN = '2026-11-22 10:00'  # Sunday
WED = '2026-11-25 10:00'  # Wednesday

files = {}

def wall(tz, s):
    fmt = '%Y-%m-%d %H:%M:%S' if s.count(':') == 2 else '%Y-%m-%d %H:%M'
    d = datetime.strptime(s, fmt).replace(tzinfo=ZoneInfo(tz), fold=0)
    return d.astimezone(timezone.utc).astimezone(ZoneInfo(tz))  # normalise gap times

def iso(d):
    return d.isoformat()

def inst(tz, now, x):
    if isinstance(x, tuple) and x[0] == '@':  # wall time in another zone (zone written in the text)
        return iso(wall(x[1], x[2]))
    if isinstance(x, tuple):
        assert x[0] == '+'
        return iso((now.astimezone(timezone.utc) + timedelta(minutes=x[1])).astimezone(ZoneInfo(tz)))
    return iso(wall(tz, x))

def case(file, text, tz, now, kind, nxt, txt=None, order=None, note=None, either=False, error_includes=None):
    n = wall(tz, now)
    c = {'text': text, 'tz': tz, 'now': iso(n)}
    if order: c['dateOrder'] = order
    if kind == 'reject':
        c['expect'] = {'ok': False, 'errorIncludes': error_includes} if error_includes else {'ok': False}
    else:
        e = {}
        if either: e['ok'] = 'either'
        if kind: e['kind'] = kind
        if txt is not None: e['text'] = txt
        e['next'] = [inst(tz, n, x) for x in nxt]
        if kind == 'recurring': assert len(nxt) >= 3, text
        if kind == 'once': assert len(nxt) == 1, text
        c['expect'] = e
    if note: c['note'] = note
    files.setdefault(file, []).append(c)

def once(file, text, at, tz=None, now=SUN, **kw):
    for z in ([tz] if tz else MAIN):
        case(file, text, z, now, 'once', [at], **kw)

def rec(file, text, fires, tz=None, now=SUN, **kw):
    for z in ([tz] if tz else MAIN):
        case(file, text, z, now, 'recurring', fires, **kw)

def rej(file, text, tz=None, now=SUN, **kw):
    for z in ([tz] if tz else MAIN):
        case(file, text, z, now, 'reject', [], **kw)

# ---------------------------------------------------------------- explicit forms
F = 'explicit'
once(F, 'in:1h', ('+', 60))
once(F, 'in:30m', ('+', 30))
once(F, 'in:2d', '2026-11-24 10:00')
once(F, 'at:2026-12-01T14:30:00', '2026-12-01 14:30', note='local wall time in the user zone')
once(F, 'at:2027-01-15T08:00:00', '2027-01-15 08:00')
rec(F, 'cron:30 2 * * *', ['2026-11-23 02:30', '2026-11-24 02:30', '2026-11-25 02:30', '2026-11-26 02:30'])
rec(F, '30 2 * * *', ['2026-11-23 02:30', '2026-11-24 02:30', '2026-11-25 02:30', '2026-11-26 02:30'], note='bare 5-field cron')
rec(F, 'cron:0 9 * * 1-5', ['2026-11-23 09:00', '2026-11-24 09:00', '2026-11-25 09:00', '2026-11-26 09:00'])
rec(F, '0 9 * * 1-5', ['2026-11-23 09:00', '2026-11-24 09:00', '2026-11-25 09:00', '2026-11-26 09:00'])
rec(F, '*/15 * * * *', ['2026-11-22 10:15', '2026-11-22 10:30', '2026-11-22 10:45', '2026-11-22 11:00'])
rec(F, 'cron:0 18 1 * *', ['2026-12-01 18:00', '2027-01-01 18:00', '2027-02-01 18:00', '2027-03-01 18:00'])
rec(F, 'every 30m', [('+', 30), ('+', 60), ('+', 90), ('+', 120)])
rec(F, 'every 2h', [('+', 120), ('+', 240), ('+', 360), ('+', 480)])
rec(F, '@daily', ['2026-11-23 00:00', '2026-11-24 00:00', '2026-11-25 00:00', '2026-11-26 00:00'])
rec(F, '@hourly', ['2026-11-22 11:00', '2026-11-22 12:00', '2026-11-22 13:00', '2026-11-22 14:00'])
rec(F, '@weekly', ['2026-11-29 00:00', '2026-12-06 00:00', '2026-12-13 00:00', '2026-12-20 00:00'], note='cron @weekly = Sunday 00:00')
rec(F, '@monthly', ['2026-12-01 00:00', '2027-01-01 00:00', '2027-02-01 00:00', '2027-03-01 00:00'])
rec(F, '@yearly', ['2027-01-01 00:00', '2028-01-01 00:00', '2029-01-01 00:00', '2030-01-01 00:00'])

# ---------------------------------------------------------------- relative
F = 'relative'
once(F, 'in 20 minutes', ('+', 20))
once(F, 'in 2h30m', ('+', 150))
once(F, 'in 3 days', '2026-11-25 10:00')
once(F, 'in a fortnight', '2026-12-06 10:00')
once(F, 'in 1 hour', ('+', 60))
once(F, 'in an hour', ('+', 60))
once(F, 'in half an hour', ('+', 30))
once(F, 'in 45 minutes', ('+', 45))
once(F, 'in 90 minutes', ('+', 90))
once(F, 'in 2 weeks', '2026-12-06 10:00')
once(F, 'in 1 week', '2026-11-29 10:00')
once(F, 'in 10 days', '2026-12-02 10:00')
once(F, 'in 1 month', '2026-12-22 10:00')
once(F, 'in 2 months', '2027-01-22 10:00')
once(F, 'in a year', '2027-11-22 10:00')
once(F, 'in 36 hours', ('+', 36 * 60))
once(F, 'in 3 hours and 15 minutes', ('+', 195))
once(F, 'in a minute', ('+', 1))
once(F, 'in 2 days', '2026-11-24 10:00')

# ---------------------------------------------------------------- durations
F = 'durations'
once(F, '5m', ('+', 5))
once(F, '72hr', ('+', 72 * 60))
once(F, '1y 1mo 2 days', '2027-12-24 10:00', note='2026-11-22 +1 year = 2027-11-22, +1 month = 2027-12-22, +2 days = 2027-12-24, wall time kept')
once(F, '2.5 minutes', ('+', 2.5))
once(F, 'in 2.5 hours', ('+', 150))
once(F, 'in 1.5h', ('+', 90))
once(F, '10m', ('+', 10))
once(F, '1h', ('+', 60))
once(F, '2d', '2026-11-24 10:00')
once(F, '1w', '2026-11-29 10:00')
once(F, 'in 1 hr 30 min', ('+', 90))
once(F, '3 hrs', ('+', 180))
once(F, 'in 15 min', ('+', 15))
once(F, 'remind me to call mom in 5m', ('+', 5), tz=BER, txt='call mom')

# ---------------------------------------------------------------- day + time (now: Sunday 10:00)
F = 'day-time'
once(F, 'tomorrow at 9', '2026-11-23 09:00')
once(F, 'tomorrow at 9pm', '2026-11-23 21:00')
once(F, 'tomorrow at 14:30', '2026-11-23 14:30')
once(F, 'tomorrow 9am', '2026-11-23 09:00')
once(F, 'at 9am tomorrow', '2026-11-23 09:00')
once(F, 'tomorrow at 9:30pm', '2026-11-23 21:30')
once(F, 'next friday at noon', '2026-11-27 12:00', note='next friday = first Friday strictly after today')
once(F, 'monday 8am', '2026-11-23 08:00')
once(F, '8am monday', '2026-11-23 08:00')
once(F, 'friday at 3pm', '2026-11-27 15:00')
once(F, 'on friday at 3pm', '2026-11-27 15:00')
once(F, 'on tuesday at 10:15', '2026-11-24 10:15')
once(F, 'wednesday 6pm', '2026-11-25 18:00')
once(F, 'thursday at 7:45am', '2026-11-26 07:45')
once(F, 'saturday at 11am', '2026-11-28 11:00')
rej(F, 'sunday at 8pm', error_includes='Sun 29 Nov 20:00', note='on a Sunday with 20:00 still ahead, "sunday" may be today or next week: asked, naming both (same-weekday.ts)')
once(F, 'this sunday at 8pm', '2026-11-22 20:00', note='"this sunday" on a Sunday is today')
once(F, 'sunday at 9am', '2026-11-29 09:00', note='on a Sunday at 10:00, 09:00 has passed today: next week, the one reading')
once(F, 'monday at noon', '2026-11-23 12:00')
once(F, 'next monday at 9am', '2026-11-23 09:00')
once(F, 'next tuesday at 4pm', '2026-11-24 16:00')
once(F, 'this friday at 5pm', '2026-11-27 17:00')
once(F, 'day after tomorrow at 10am', '2026-11-24 10:00')
once(F, 'the day after tomorrow at 6pm', '2026-11-24 18:00')
once(F, 'today at 11am', '2026-11-22 11:00')
once(F, 'today at 5pm', '2026-11-22 17:00')
once(F, 'today at 14:00', '2026-11-22 14:00')
once(F, 'tomorrow', '2026-11-23 09:00', note='date without time = 09:00')
once(F, 'friday', '2026-11-27 09:00')
once(F, 'on monday', '2026-11-23 09:00')
once(F, 'next week', '2026-11-23 09:00', note='Mon-Sun weeks: on Sunday 22 Nov next week starts Monday 23 Nov')
once(F, 'next month', '2026-12-01 09:00')
once(F, 'in 2 days at 8am', '2026-11-24 08:00')
# now: Wednesday 25 Nov 10:00
once(F, 'friday', '2026-11-27 09:00', now=WED)
rej(F, 'next friday', now=WED, note="on a Wednesday, next friday is this Friday or next week's: asked (next-weekday.ts)")
once(F, 'friday next week', '2026-12-04 09:00', now=WED, note='the Friday of next week (Mon-Sun)')
once(F, 'tuesday next week at 3pm', '2026-12-01 15:00', now=WED)
once(F, 'next week', '2026-11-30 09:00', now=WED)
once(F, 'wednesday at 9am', '2026-12-02 09:00', now=WED, note="today is Wednesday and 09:00 has passed: next week's, the one reading")
once(F, 'next month', '2026-12-01 09:00', now=WED)
once(F, 'this weekend', '2026-11-28 09:00', now=WED)
once(F, 'on saturday at 10am', '2026-11-28 10:00', now=WED)

# ---------------------------------------------------------------- dates
F = 'dates'
once(F, 'on dec 24 at 6pm', '2026-12-24 18:00')
once(F, 'dec 24', '2026-12-24 09:00')
once(F, 'december 24th at 7:30pm', '2026-12-24 19:30')
once(F, '24 december', '2026-12-24 09:00')
once(F, 'on the 1st of december at 8am', '2026-12-01 08:00')
once(F, '2026-12-01 14:00', '2026-12-01 14:00')
once(F, '2026-12-01', '2026-12-01 09:00')
once(F, '2026-12-01T14:30', '2026-12-01 14:30')
once(F, 'dec 31 at 11:59pm', '2026-12-31 23:59')
once(F, 'on 1 jan 2027 at 00:00', '2027-01-01 00:00')
once(F, 'jan 5', '2027-01-05 09:00', note='a date without a year is its next occurrence')
once(F, 'on march 3 at 10am', '2027-03-03 10:00')
once(F, 'on feb 28 at 5pm', '2027-02-28 17:00')
once(F, 'feb 29 2028', '2028-02-29 09:00', note='2028 is a leap year')
once(F, 'dec 24 2027', '2027-12-24 09:00')
once(F, 'tuesday dec 1 at 9', '2026-12-01 09:00')
once(F, 'on 2027-01-15 at 8:30', '2027-01-15 08:30')
once(F, 'on the 30th', '2026-11-30 09:00', note='day of month alone = its next occurrence')
once(F, 'on the 5th', '2026-12-05 09:00', note='5 Nov has passed, so 5 Dec')
once(F, '1 dec 2026 10:00', '2026-12-01 10:00')
for z in (BER, TYO):
    once(F, '24/12', '2026-12-24 09:00', tz=z, order='dmy')
    once(F, '24/12 at 18:00', '2026-12-24 18:00', tz=z, order='dmy')
    once(F, '3/12', '2026-12-03 09:00', tz=z, order='dmy', note='both readings valid: dmy decides (3 Dec)')
    once(F, '5/1', '2027-01-05 09:00', tz=z, order='dmy')
    once(F, '24.12.2026 18:00', '2026-12-24 18:00', tz=z, order='dmy')
    once(F, 'on 31/12/2026 at 8pm', '2026-12-31 20:00', tz=z, order='dmy')
    once(F, '3/12', '2027-03-12 09:00', tz=z, order='mdy', note='explicit mdy setting outside the US')
once(F, '12/24', '2026-12-24 09:00', tz=NY, order='mdy')
once(F, '12/24 at 6pm', '2026-12-24 18:00', tz=NY, order='mdy')
once(F, '3/12', '2027-03-12 09:00', tz=NY, order='mdy', note='both readings valid: mdy decides (12 Mar)')
once(F, '5/1', '2027-05-01 09:00', tz=NY, order='mdy')
once(F, '12/24/2026 at 3pm', '2026-12-24 15:00', tz=NY, order='mdy')
once(F, '3/12', '2026-12-03 09:00', tz=NY, order='dmy', note='explicit dmy setting in a US zone')
once(F, '3/12', '2027-03-12 09:00', tz=NY, note='no dateOrder given: US zone defaults to mdy')
once(F, '3/12', '2026-12-03 09:00', tz=BER, note='no dateOrder given: Berlin defaults to dmy')
once(F, '24/12', '2026-12-24 09:00', tz=NY, order='mdy', note='only one reading is valid (no month 24), so it is used')

# ---------------------------------------------------------------- time only (now: Sunday 10:00)
F = 'time-only'
once(F, 'at 5pm', '2026-11-22 17:00')
once(F, 'at 17:30', '2026-11-22 17:30')
once(F, 'at 3', '2026-11-22 15:00', note='bare hour = next future occurrence on a 12-hour clock')
once(F, 'at 9', '2026-11-22 21:00', note='bare hour: 9 am has passed, 9 pm today is next')
once(F, 'at 11', '2026-11-22 11:00', note='bare hour: 11 am today is next')
once(F, 'at 12', '2026-11-22 12:00')
once(F, 'at 1', '2026-11-22 13:00')
once(F, 'at 9am', '2026-11-23 09:00', note='passed today, no date: rolls to tomorrow')
once(F, 'at 6am', '2026-11-23 06:00')
once(F, 'at 10:30', '2026-11-22 10:30')
once(F, 'at 8:15', '2026-11-22 20:15', note='h:mm with h <= 12 and no am/pm follows the 12-hour rule like a bare hour')
once(F, 'at 09:00', '2026-11-23 09:00', note='zero-padded hh:mm is 24-hour; passed today so tomorrow')
once(F, 'at noon', '2026-11-22 12:00')
once(F, 'at midnight', '2026-11-23 00:00')
once(F, 'at 11pm', '2026-11-22 23:00')
once(F, 'at 23:59', '2026-11-22 23:59')
once(F, 'at 0:30', '2026-11-23 00:30')
once(F, '5pm', '2026-11-22 17:00')
once(F, 'at 5 pm', '2026-11-22 17:00')
once(F, 'at 5 p.m.', '2026-11-22 17:00')
once(F, 'at 4:45 pm', '2026-11-22 16:45')
once(F, 'at 7 in the morning', '2026-11-23 07:00')
once(F, 'at 7 in the evening', '2026-11-22 19:00')
once(F, 'at 3', '2026-11-23 03:00', now='2026-11-22 22:00', note='at 22:00 the next 3 on a 12-hour clock is 03:00 tomorrow')
once(F, 'at 5pm', '2026-11-23 17:00', now='2026-11-22 18:00', note='passed today: tomorrow')

# ---------------------------------------------------------------- day parts and end-of shorthands
F = 'day-parts'
once(F, 'tonight', '2026-11-22 20:00')
once(F, 'tomorrow morning', '2026-11-23 09:00')
once(F, 'this evening', '2026-11-22 18:00')
once(F, 'this afternoon', '2026-11-22 15:00')
once(F, 'end of day', '2026-11-22 17:00')
once(F, 'eod', '2026-11-22 17:00')
once(F, 'lunchtime', '2026-11-22 12:00')
once(F, 'at lunchtime', '2026-11-22 12:00')
once(F, 'noon', '2026-11-22 12:00')
once(F, 'midnight', '2026-11-23 00:00')
once(F, 'tomorrow afternoon', '2026-11-23 15:00')
once(F, 'tomorrow evening', '2026-11-23 18:00')
once(F, 'tomorrow night', '2026-11-23 20:00', note='night = tonight = 20:00')
once(F, 'monday morning', '2026-11-23 09:00')
once(F, 'friday afternoon', '2026-11-27 15:00')
once(F, 'saturday evening', '2026-11-28 18:00')
once(F, 'tomorrow at noon', '2026-11-23 12:00')
once(F, 'tomorrow at lunchtime', '2026-11-23 12:00')
once(F, 'end of day tomorrow', '2026-11-23 17:00')
once(F, 'in the evening', '2026-11-22 18:00')
once(F, 'tonight at 11', '2026-11-22 23:00')
once(F, 'eom', '2026-11-30 17:00')
once(F, 'end of month', '2026-11-30 17:00')
once(F, 'eoy', '2026-12-31 17:00')
once(F, 'end of year', '2026-12-31 17:00')
once(F, 'eod', '2026-11-23 17:00', now='2026-11-22 18:00', note='eod = the next 17:00')
once(F, 'eow', '2026-11-27 17:00', now=WED, note='eow = Friday 17:00 of this week')
once(F, 'end of week', '2026-11-27 17:00', now=WED)
once(F, 'eom', '2026-12-31 17:00', now='2026-12-10 10:00')
once(F, 'eom', '2027-02-28 17:00', now='2027-02-03 10:00', note='February 2027 has 28 days')

# ---------------------------------------------------------------- shorthand and typos
F = 'shorthand'
once(F, 'tmrw at 9', '2026-11-23 09:00')
once(F, 'tmrw 9am', '2026-11-23 09:00')
once(F, '2moro at 8pm', '2026-11-23 20:00')
once(F, '2morrow at 9', '2026-11-23 09:00')
once(F, 'tomorow at 10', '2026-11-23 10:00')
once(F, 'tommorrow at 7am', '2026-11-23 07:00')
once(F, '2nite', '2026-11-22 20:00')
once(F, '2nite at 11', '2026-11-22 23:00')
once(F, 'tonite', '2026-11-22 20:00')
once(F, 'nxt week', '2026-11-23 09:00')
once(F, 'nxt week', '2026-11-30 09:00', now=WED)
once(F, 'nxt friday at 2pm', '2026-11-27 14:00')
once(F, 'in 2 hrs', ('+', 120))
once(F, 'in 3hrs', ('+', 180))
once(F, 'in 5 mins', ('+', 5))
once(F, 'in 10min', ('+', 10))
once(F, 'in 1hr', ('+', 60))
once(F, 'in 2 wks', '2026-12-06 10:00')
once(F, '@ 5', '2026-11-22 17:00')
once(F, '@5pm', '2026-11-22 17:00')
once(F, 'tmrw @ 8', '2026-11-23 08:00')
once(F, 'thurs at 4pm', '2026-11-26 16:00')
once(F, 'fri 3pm', '2026-11-27 15:00')
once(F, 'wed at 9', '2026-11-25 09:00')
once(F, 'mon 10am', '2026-11-23 10:00')
once(F, 'tues at noon', '2026-11-24 12:00')
once(F, 'on fridya at 5pm', '2026-11-27 17:00', either=True, note='misspelt weekday: Friday or a rejection, never another day')
once(F, 'wendesday at 9am', '2026-11-25 09:00', either=True, note='misspelt weekday: Wednesday or a rejection')
once(F, 'christmas eve', '2026-12-24 09:00', either=True, note='Dec 24 09:00 or a rejection, never a partial match')

# ---------------------------------------------------------------- zones written in the text
F = 'zones'
LON = 'Europe/London'; LA = 'America/Los_Angeles'; UTC = 'UTC'
once(F, 'at 3pm London time', ('@', LON, '2026-11-22 15:00'), tz=BER)
once(F, 'at 5pm in London', ('@', LON, '2026-11-22 17:00'), tz=BER)
once(F, 'tomorrow at 9am London time', ('@', LON, '2026-11-23 09:00'), tz=BER)
once(F, '9am EST', ('@', NY, '2026-11-22 09:00'), tz=BER, note='now is 04:00 EST')
once(F, 'monday at 9am EST', ('@', NY, '2026-11-23 09:00'), tz=BER)
once(F, '9am PT', ('@', LA, '2026-11-22 09:00'), tz=BER, note='now is 01:00 PST')
once(F, 'at 5pm Tokyo time', ('@', TYO, '2026-11-23 17:00'), tz=BER, note='now is 18:00 in Tokyo, so 17:00 Tokyo tomorrow')
once(F, 'at 10am JST', ('@', TYO, '2026-11-23 10:00'), tz=BER, note='now is 18:00 JST')
once(F, 'at 2pm UTC', ('@', UTC, '2026-11-22 14:00'), tz=BER)
once(F, 'at 4pm London time', ('@', LON, '2026-11-22 16:00'), tz=NY, note='now is 15:00 in London')
once(F, 'at 9am CET', ('@', BER, '2026-11-23 09:00'), tz=NY, note='now is 16:00 CET, so tomorrow')
once(F, 'at 8pm PST', ('@', LA, '2026-11-22 20:00'), tz=NY)
once(F, 'at 11pm Berlin time', ('@', BER, '2026-11-22 23:00'), tz=NY, note='now is 16:00 in Berlin')
once(F, 'at noon UTC', ('@', UTC, '2026-11-22 12:00'), tz=TYO, note='now is 01:00 UTC')
once(F, 'at 15:00 GMT', ('@', UTC, '2026-11-22 15:00'), tz=TYO)
once(F, 'at 6pm Berlin time', ('@', BER, '2026-11-22 18:00'), tz=TYO, note='now is 02:00 in Berlin')
once(F, 'at 9am New York time', ('@', NY, '2026-11-22 09:00'), tz=TYO, note='now is Sat 21 Nov 20:00 in New York; the next 09:00 there is Sun 22 Nov')
once(F, '9am EST', ('@', NY, '2026-11-22 09:00'), tz=TYO)
once(F, 'at 9am CET', ('@', BER, '2026-11-22 09:00'), tz=TYO, note='now is 02:00 CET')
once(F, 'remind me to join the call at 3pm London time', ('@', LON, '2026-11-22 15:00'), tz=BER, txt='join the call')

# ---------------------------------------------------------------- recurrence (now: Sunday 22 Nov 10:00)
F = 'recurrence'
D9 = ['2026-11-23 09:00', '2026-11-24 09:00', '2026-11-25 09:00', '2026-11-26 09:00']
rec(F, 'every day at 9', D9)
rec(F, 'every day at 9am', D9)
rec(F, 'every morning', D9, note='morning = 09:00; 09:00 today has passed')
rec(F, 'every weekday at 9', D9, note='Mon 23 .. Thu 26')
rec(F, 'every weekday at 8:30am', ['2026-11-23 08:30', '2026-11-24 08:30', '2026-11-25 08:30', '2026-11-26 08:30'])
rec(F, 'every weekday at 5:30pm', ['2026-11-23 17:30', '2026-11-24 17:30', '2026-11-25 17:30', '2026-11-26 17:30'])
rec(F, 'every weekend at 11am', ['2026-11-22 11:00', '2026-11-28 11:00', '2026-11-29 11:00', '2026-12-05 11:00'])
rec(F, 'every weekend', ['2026-11-28 09:00', '2026-11-29 09:00', '2026-12-05 09:00', '2026-12-06 09:00'])
rec(F, 'every evening', ['2026-11-22 18:00', '2026-11-23 18:00', '2026-11-24 18:00', '2026-11-25 18:00'])
rec(F, 'every day at noon', ['2026-11-22 12:00', '2026-11-23 12:00', '2026-11-24 12:00', '2026-11-25 12:00'])
rec(F, 'daily at 7am', ['2026-11-23 07:00', '2026-11-24 07:00', '2026-11-25 07:00', '2026-11-26 07:00'])
rec(F, 'weekly on monday at 9', ['2026-11-23 09:00', '2026-11-30 09:00', '2026-12-07 09:00', '2026-12-14 09:00'])
rec(F, 'monthly on the 10th', ['2026-12-10 09:00', '2027-01-10 09:00', '2027-02-10 09:00', '2027-03-10 09:00'])
rec(F, 'yearly on march 3', ['2027-03-03 09:00', '2028-03-03 09:00', '2029-03-03 09:00', '2030-03-03 09:00'])
rec(F, 'every monday and thursday at 18:00', ['2026-11-23 18:00', '2026-11-26 18:00', '2026-11-30 18:00', '2026-12-03 18:00'])
rec(F, 'every monday, wednesday and friday at 5 pm', ['2026-11-23 17:00', '2026-11-25 17:00', '2026-11-27 17:00', '2026-11-30 17:00'])
rec(F, 'every friday at 4pm', ['2026-11-27 16:00', '2026-12-04 16:00', '2026-12-11 16:00', '2026-12-18 16:00'])
rec(F, 'every thursday at 7:30pm', ['2026-11-26 19:30', '2026-12-03 19:30', '2026-12-10 19:30', '2026-12-17 19:30'])
rec(F, 'every saturday', ['2026-11-28 09:00', '2026-12-05 09:00', '2026-12-12 09:00', '2026-12-19 09:00'])
rec(F, 'every 2 weeks on tuesday', ['2026-11-24 09:00', '2026-12-08 09:00', '2026-12-22 09:00', '2027-01-05 09:00'], note='first fire is the next Tuesday')
rec(F, 'every 2 weeks on tuesday at 10am', ['2026-11-24 10:00', '2026-12-08 10:00', '2026-12-22 10:00', '2027-01-05 10:00'])
rec(F, 'biweekly on friday at 10am', ['2026-11-27 10:00', '2026-12-11 10:00', '2026-12-25 10:00', '2027-01-08 10:00'], note='biweekly = every 2 weeks')
rec(F, 'every other week on monday at 9', ['2026-11-23 09:00', '2026-12-07 09:00', '2026-12-21 09:00', '2027-01-04 09:00'])
rec(F, 'every other day at 8pm', ['2026-11-22 20:00', '2026-11-24 20:00', '2026-11-26 20:00', '2026-11-28 20:00'], note='first fire is the next 20:00 (today)')
rec(F, 'every 2 days at 9pm', ['2026-11-22 21:00', '2026-11-24 21:00', '2026-11-26 21:00', '2026-11-28 21:00'])
rec(F, 'every 3 days at 8am', ['2026-11-23 08:00', '2026-11-26 08:00', '2026-11-29 08:00', '2026-12-02 08:00'], note='first fire is the next 08:00 (tomorrow)')
rec(F, 'every first monday of the month', ['2026-12-07 09:00', '2027-01-04 09:00', '2027-02-01 09:00', '2027-03-01 09:00'])
rec(F, 'every first monday of the month at 10am', ['2026-12-07 10:00', '2027-01-04 10:00', '2027-02-01 10:00', '2027-03-01 10:00'])
rec(F, 'every second tuesday of the month', ['2026-12-08 09:00', '2027-01-12 09:00', '2027-02-09 09:00', '2027-03-09 09:00'])
rec(F, 'every third thursday of the month at 6pm', ['2026-12-17 18:00', '2027-01-21 18:00', '2027-02-18 18:00', '2027-03-18 18:00'])
rec(F, 'last friday of every month', ['2026-11-27 09:00', '2026-12-25 09:00', '2027-01-29 09:00', '2027-02-26 09:00'])
rec(F, 'on the last friday of every month at 4pm', ['2026-11-27 16:00', '2026-12-25 16:00', '2027-01-29 16:00', '2027-02-26 16:00'])
rec(F, 'last day of every month at 5pm', ['2026-11-30 17:00', '2026-12-31 17:00', '2027-01-31 17:00', '2027-02-28 17:00'])
rec(F, 'on the 1st and 15th of every month', ['2026-12-01 09:00', '2026-12-15 09:00', '2027-01-01 09:00', '2027-01-15 09:00'])
rec(F, 'every month on the 15th at 10am', ['2026-12-15 10:00', '2027-01-15 10:00', '2027-02-15 10:00', '2027-03-15 10:00'])
rec(F, 'every year on dec 24', ['2026-12-24 09:00', '2027-12-24 09:00', '2028-12-24 09:00', '2029-12-24 09:00'])
rec(F, 'every year on march 1 at noon', ['2027-03-01 12:00', '2028-03-01 12:00', '2029-03-01 12:00', '2030-03-01 12:00'])
rec(F, 'hourly from 9 to 5 on weekdays', ['2026-11-23 09:00', '2026-11-23 10:00', '2026-11-23 11:00', '2026-11-23 12:00'])
rec(F, 'hourly from 9 to 5 on weekdays', ['2026-11-23 16:00', '2026-11-23 17:00', '2026-11-24 09:00', '2026-11-24 10:00'], now='2026-11-23 15:30', note='09:00 .. 17:00 inclusive')
rec(F, 'hourly from 9 to 5 on weekdays', ['2026-11-30 09:00', '2026-11-30 10:00', '2026-11-30 11:00', '2026-11-30 12:00'], now='2026-11-27 17:30', note='Friday after 17:00: next is Monday')
rec(F, 'every 30 minutes', [('+', 30), ('+', 60), ('+', 90), ('+', 120)], note='intervals are anchored at now: first fire now + interval')
rec(F, 'every 15 min', [('+', 15), ('+', 30), ('+', 45), ('+', 60)])
rec(F, 'every 90 minutes', [('+', 90), ('+', 180), ('+', 270), ('+', 360)])
rec(F, 'every 2 hours', [('+', 120), ('+', 240), ('+', 360), ('+', 480)])
rec(F, 'every 6 hours', [('+', 360), ('+', 720), ('+', 1080), ('+', 1440)])
rec(F, 'every hour', [('+', 60), ('+', 120), ('+', 180), ('+', 240)])
rec(F, 'hourly', [('+', 60), ('+', 120), ('+', 180), ('+', 240)])
rec(F, 'every minute', [('+', 1), ('+', 2), ('+', 3), ('+', 4)], note='1 minute is the smallest allowed interval')
rec(F, 'every day at 9am and 9pm', ['2026-11-22 21:00', '2026-11-23 09:00', '2026-11-23 21:00', '2026-11-24 09:00'])
rec(F, 'every hour until 6 pm', ['2026-11-22 11:00', '2026-11-22 12:00', '2026-11-22 13:00', '2026-11-22 14:00'], note='fires 11:00 .. 18:00')
rec(F, 'every hour until 6 pm', ['2026-11-22 16:00', '2026-11-22 17:00', '2026-11-22 18:00'], now='2026-11-22 15:00', note='exactly 3 fires: 16, 17, 18; 18:00 is included')
rec(F, 'every 8 hours for 5 times', [('+', 480), ('+', 960), ('+', 1440), ('+', 1920)])
rec(F, 'every sunday at 5pm for 8 weeks', ['2026-11-22 17:00', '2026-11-29 17:00', '2026-12-06 17:00', '2026-12-13 17:00'])
rec(F, 'every day at 9 until dec 31', D9)
rec(F, 'every tuesday at 9am until dec 31', ['2026-11-24 09:00', '2026-12-01 09:00', '2026-12-08 09:00', '2026-12-15 09:00'])
rec(F, 'every day at 9 starting dec 1', ['2026-12-01 09:00', '2026-12-02 09:00', '2026-12-03 09:00', '2026-12-04 09:00'])
rec(F, 'every day at 9 starting next monday', ['2026-11-30 09:00', '2026-12-01 09:00', '2026-12-02 09:00', '2026-12-03 09:00'], now=WED)
rec(F, 'every weekday at 8 starting next monday', ['2026-11-30 08:00', '2026-12-01 08:00', '2026-12-02 08:00', '2026-12-03 08:00'], now=WED)
rec(F, 'every monday starting next week', ['2026-11-30 09:00', '2026-12-07 09:00', '2026-12-14 09:00', '2026-12-21 09:00'], now=WED)
rec(F, 'every monday at 9 and every friday at 5pm', ['2026-11-23 09:00', '2026-11-27 17:00', '2026-11-30 09:00', '2026-12-04 17:00'], note='two schedules, one job')
for z in MAIN:
    case(F, 'on wednesday at 3 pm and on saturday at 10 am', z, SUN, None, ['2026-11-25 15:00', '2026-11-28 10:00'],
         note='two one-off times in one request: one job with both triggers (kind not asserted)')
    case(F, 'tomorrow at 9am and at 5pm', z, SUN, None, ['2026-11-23 09:00', '2026-11-23 17:00'],
         note='two one-off times in one request (kind not asserted)')
rec(F, 'remind me to eat lunch at 1pm every day', ['2026-11-22 13:00', '2026-11-23 13:00', '2026-11-24 13:00', '2026-11-25 13:00'], txt='eat lunch')
rec(F, 'remind me to take my pills every day at 8am and 8pm', ['2026-11-22 20:00', '2026-11-23 08:00', '2026-11-23 20:00', '2026-11-24 08:00'], tz=BER, txt='take my pills')

# ---------------------------------------------------------------- DST changes
F = 'dst'
# New York spring forward: Sun 2027-03-14 02:00 EST -> 03:00 EDT
once(F, 'tomorrow at 2:30am', '2027-03-14 02:30', tz=NY, now='2027-03-13 10:00', note='02:30 does not exist: shifted forward by the gap to 03:30 EDT')
once(F, 'at 2:30am', '2027-03-14 02:30', tz=NY, now='2027-03-13 10:00', note='rolls to tomorrow, then 03:30 EDT')
once(F, 'on march 14 2027 at 2:30am', '2027-03-14 02:30', tz=NY, note='-> 2027-03-14T03:30-04:00')
once(F, 'tomorrow at 9am', '2027-03-14 09:00', tz=NY, now='2027-03-13 10:00')
once(F, 'in 1 day', '2027-03-14 10:00', tz=NY, now='2027-03-13 10:00', note='days keep the wall time (23 real hours)')
once(F, 'in 24 hours', ('+', 1440), tz=NY, now='2027-03-13 10:00', note='hours are exact: 11:00 EDT')
once(F, 'in 3 days', '2027-03-16 10:00', tz=NY, now='2027-03-13 10:00')
once(F, 'in 1 week', '2027-03-20 10:00', tz=NY, now='2027-03-13 10:00')
once(F, 'in 3 hours', ('+', 180), tz=NY, now='2027-03-13 23:30', note='exact: 03:30 EDT')
once(F, 'in 2 hours', ('+', 120), tz=NY, now='2027-03-13 23:30', note='exact: 01:30 EST')
once(F, 'next week', '2027-03-15 09:00', tz=NY, now='2027-03-10 10:00')
rec(F, 'every day at 9', ['2027-03-13 09:00', '2027-03-14 09:00', '2027-03-15 09:00', '2027-03-16 09:00'], tz=NY, now='2027-03-12 10:00')
rec(F, 'every day at 2:30am', ['2027-03-13 02:30', '2027-03-14 02:30', '2027-03-15 02:30', '2027-03-16 02:30'], tz=NY, now='2027-03-12 10:00', note='14 Mar fires at 03:30 EDT')
rec(F, 'every 8 hours', [('+', 480), ('+', 960), ('+', 1440), ('+', 1920)], tz=NY, now='2027-03-13 20:00', note='exact intervals across the gap')
rec(F, 'every hour', [('+', 60), ('+', 120), ('+', 180), ('+', 240)], tz=NY, now='2027-03-14 00:30', note='01:30 EST, 03:30 EDT, 04:30 EDT, 05:30 EDT')
# New York fall back: Sun 2027-11-07 02:00 EDT -> 01:00 EST
once(F, 'tomorrow at 1:30am', '2027-11-07 01:30', tz=NY, now='2027-11-06 10:00', note='01:30 happens twice: first occurrence, EDT -04:00')
once(F, 'at 1:30am', '2027-11-07 01:30', tz=NY, now='2027-11-06 10:00', note='first occurrence, EDT')
once(F, 'tomorrow at 9', '2027-11-07 09:00', tz=NY, now='2027-11-06 10:00')
once(F, 'in 1 day', '2027-11-07 10:00', tz=NY, now='2027-11-06 10:00', note='25 real hours, wall time kept')
once(F, 'in 24 hours', ('+', 1440), tz=NY, now='2027-11-06 10:00', note='exact: 09:00 EST')
once(F, 'in a week', '2027-11-13 10:00', tz=NY, now='2027-11-06 10:00')
once(F, 'in 1 hour', ('+', 60), tz=NY, now='2027-11-07 00:30', note='01:30 EDT')
once(F, 'in 2 hours', ('+', 120), tz=NY, now='2027-11-07 00:30', note='01:30 EST (second 01:30)')
rec(F, 'every day at 1:30am', ['2027-11-06 01:30', '2027-11-07 01:30', '2027-11-08 01:30', '2027-11-09 01:30'], tz=NY, now='2027-11-05 10:00', note='7 Nov fires once, at the first 01:30 (EDT)')
rec(F, 'every day at 9', ['2027-11-06 09:00', '2027-11-07 09:00', '2027-11-08 09:00', '2027-11-09 09:00'], tz=NY, now='2027-11-05 10:00')
rec(F, 'every 30 minutes', [('+', 30), ('+', 60), ('+', 90), ('+', 120)], tz=NY, now='2027-11-07 00:45', note='01:15 EDT, 01:45 EDT, 01:15 EST, 01:45 EST')
# Berlin spring forward: Sun 2027-03-28 02:00 CET -> 03:00 CEST
once(F, 'tomorrow at 2:30am', '2027-03-28 02:30', tz=BER, now='2027-03-27 10:00', note='-> 03:30 CEST')
once(F, 'tomorrow at 9', '2027-03-28 09:00', tz=BER, now='2027-03-27 10:00')
once(F, 'in 1 day', '2027-03-28 10:00', tz=BER, now='2027-03-27 10:00')
once(F, 'in 24 hours', ('+', 1440), tz=BER, now='2027-03-27 10:00', note='11:00 CEST')
once(F, 'in 1 hour', ('+', 60), tz=BER, now='2027-03-28 01:30', note='03:30 CEST')
once(F, 'in 2 weeks', '2027-04-04 10:00', tz=BER, now='2027-03-21 10:00')
rec(F, 'every day at 2:30am', ['2027-03-27 02:30', '2027-03-28 02:30', '2027-03-29 02:30', '2027-03-30 02:30'], tz=BER, now='2027-03-26 10:00', note='28 Mar fires at 03:30 CEST')
rec(F, 'every day at 9', ['2027-03-27 09:00', '2027-03-28 09:00', '2027-03-29 09:00', '2027-03-30 09:00'], tz=BER, now='2027-03-26 10:00')
rec(F, 'every sunday at 10am', ['2027-03-21 10:00', '2027-03-28 10:00', '2027-04-04 10:00', '2027-04-11 10:00'], tz=BER, now='2027-03-20 10:00')
# Berlin fall back: Sun 2027-10-31 03:00 CEST -> 02:00 CET
once(F, 'tomorrow at 2:30am', '2027-10-31 02:30', tz=BER, now='2027-10-30 10:00', note='first occurrence, CEST +02:00')
once(F, 'in 1 day', '2027-10-31 10:00', tz=BER, now='2027-10-30 10:00')
once(F, 'in 24 hours', ('+', 1440), tz=BER, now='2027-10-30 10:00', note='09:00 CET')
once(F, 'in 2 weeks', '2027-11-07 10:00', tz=BER, now='2027-10-24 10:00')
rec(F, 'every day at 2:30am', ['2027-10-30 02:30', '2027-10-31 02:30', '2027-11-01 02:30', '2027-11-02 02:30'], tz=BER, now='2027-10-29 10:00', note='31 Oct fires once, at 02:30 CEST')
rec(F, 'every day at 9', ['2027-10-30 09:00', '2027-10-31 09:00', '2027-11-01 09:00', '2027-11-02 09:00'], tz=BER, now='2027-10-29 10:00')
rec(F, 'every 12 hours', [('+', 720), ('+', 1440), ('+', 2160), ('+', 2880)], tz=BER, now='2027-10-30 10:00', note='exact: 22:00 CEST, 09:00 CET, 21:00 CET, 09:00 CET')
# Tokyo has no DST: control cases on the New York dates
once(F, 'tomorrow at 2:30am', '2027-03-14 02:30', tz=TYO, now='2027-03-13 10:00')
once(F, 'in 1 day', '2027-11-07 10:00', tz=TYO, now='2027-11-06 10:00')
rec(F, 'every day at 2:30am', ['2027-03-13 02:30', '2027-03-14 02:30', '2027-03-15 02:30', '2027-03-16 02:30'], tz=TYO, now='2027-03-12 10:00')
# Lord Howe: 30-minute DST. Starts Sun 2027-10-03 02:00 -> 02:30 (+10:30 -> +11), ends Sun 2027-04-04 02:00 -> 01:30
once(F, 'tomorrow at 2:15am', '2027-10-03 02:15', tz=LHI, now='2027-10-02 10:00', note='02:15 does not exist: shifted forward by the 30-minute gap to 02:45 +11:00')
once(F, 'in 1 day', '2027-10-03 10:00', tz=LHI, now='2027-10-02 10:00')
once(F, 'in 24 hours', ('+', 1440), tz=LHI, now='2027-10-02 10:00', note='10:30 +11:00')
once(F, 'tomorrow at 1:45am', '2027-04-04 01:45', tz=LHI, now='2027-04-03 10:00', note='first occurrence, +11:00')
once(F, 'in 1 day', '2027-04-04 10:00', tz=LHI, now='2027-04-03 10:00', note='+10:30')
rec(F, 'every day at 2:15am', ['2027-10-02 02:15', '2027-10-03 02:15', '2027-10-04 02:15', '2027-10-05 02:15'], tz=LHI, now='2027-10-01 10:00', note='3 Oct fires at 02:45')

# ---------------------------------------------------------------- other zones (Lord Howe +11 in November, Sao Paulo -03 no DST)
F = 'other-zones'
for z in (LHI, SAO):
    once(F, 'tomorrow at 9', '2026-11-23 09:00', tz=z)
    once(F, 'in 20 minutes', ('+', 20), tz=z)
    once(F, 'in 3 days', '2026-11-25 10:00', tz=z)
    once(F, 'at 3', '2026-11-22 15:00', tz=z)
    once(F, 'tonight', '2026-11-22 20:00', tz=z)
    once(F, 'on 24/12 at 18:00', '2026-12-24 18:00', tz=z, note='default date order dmy')
    rec(F, 'every weekday at 9', D9, tz=z)
    rec(F, 'every 2 hours', [('+', 120), ('+', 240), ('+', 360), ('+', 480)], tz=z)
    rec(F, 'every first monday of the month', ['2026-12-07 09:00', '2027-01-04 09:00', '2027-02-01 09:00', '2027-03-01 09:00'], tz=z)
    rej(F, 'yesterday at 5', tz=z)

# ---------------------------------------------------------------- reminder text extraction
F = 'text'
T = [
    ('remind me to call mom tomorrow at 9', 'call mom', '2026-11-23 09:00'),
    ('remind me that the oven is on in 20 minutes', 'the oven is on', ('+', 20)),
    ('remind me about the dentist on friday at 3pm', 'the dentist', '2026-11-27 15:00'),
    ('remind @sam to submit the report on friday at 10am', 'submit the report', '2026-11-27 10:00'),
    ('remind #general standup in 10 minutes', 'standup', ('+', 10)),
    ('remind @alice about the demo tomorrow at 2pm', 'the demo', '2026-11-23 14:00'),
    ('tomorrow at 9 call mom', 'call mom', '2026-11-23 09:00'),
    ('in 2 hours check the oven', 'check the oven', ('+', 120)),
    ('call the bank at 3pm', 'call the bank', '2026-11-22 15:00'),
    ('remind me to Buy Milk & eggs tomorrow', 'Buy Milk & eggs', '2026-11-23 09:00'),
    ('remind me to take out the trash tonight', 'take out the trash', '2026-11-22 20:00'),
    ('remind me in 5 minutes to check the build', 'check the build', ('+', 5)),
    ('remind me tomorrow at 9am that the meeting moved', 'the meeting moved', '2026-11-23 09:00'),
    ('remind me to renew the passport on dec 24', 'renew the passport', '2026-12-24 09:00'),
    ('remind me to call Jürgen at 5pm', 'call Jürgen', '2026-11-22 17:00'),
    ('remind me to email 3 people in 2 hours', 'email 3 people', ('+', 120)),
    ('remind me to submit form 1040 on dec 1 at 10am', 'submit form 1040', '2026-12-01 10:00'),
    ('tomorrow at 9', '', '2026-11-23 09:00'),
    ('remind me in 1 hour', '', ('+', 60)),
    ('remind me at 5pm', '', '2026-11-22 17:00'),
    ('Remind me to pick up Anna from school at 3pm', 'pick up Anna from school', '2026-11-22 15:00'),
    ('remind me to check the "prod" deploy in 30 minutes', 'check the "prod" deploy', ('+', 30)),
    ('water the plants tmrw morning', 'water the plants', '2026-11-23 09:00'),
    ('remind me to stop the timer in 2.5 minutes', 'stop the timer', ('+', 2.5)),
]
for text, want, at in T:
    once(F, text, at, tz=BER, txt=want)
for text, want, at in T[:8]:
    once(F, text, at, tz=NY, txt=want)
    once(F, text, at, tz=TYO, txt=want)
TR = [
    ('remind me to water the plants every monday at 8am', 'water the plants', ['2026-11-23 08:00', '2026-11-30 08:00', '2026-12-07 08:00', '2026-12-14 08:00']),
    ('every weekday at 9 remind me to stand up', 'stand up', D9),
    ('remind me to pay rent on the 1st of every month', 'pay rent', ['2026-12-01 09:00', '2027-01-01 09:00', '2027-02-01 09:00', '2027-03-01 09:00']),
    ('remind #ops to rotate the keys every monday at 9', 'rotate the keys', ['2026-11-23 09:00', '2026-11-30 09:00', '2026-12-07 09:00', '2026-12-14 09:00']),
    ('remind me to stretch every 30 minutes', 'stretch', [('+', 30), ('+', 60), ('+', 90), ('+', 120)]),
    ('remind @sam that the standup starts every weekday at 9:15', 'the standup starts', ['2026-11-23 09:15', '2026-11-24 09:15', '2026-11-25 09:15', '2026-11-26 09:15']),
    ('every day at 9', '', D9),
]
for text, want, fires in TR:
    rec(F, text, fires, txt=want)

# ---------------------------------------------------------------- rejects
F = 'rejects'
for t in ['', '   ', 'asdf qwerty', '!!!???', 'hello there', 'remind me to call mom',
          'yesterday at 5', 'yesterday', '2 days ago', 'last week',
          'today at 9am', 'today at 8am', 'on nov 1 2026 at 9am', '2026-11-01 14:00', 'nov 21 2026',
          'feb 30', 'on feb 30 at 9am', 'april 31',
          'in 6 years', 'on jan 1 2032', '2035-01-01 09:00', 'in 10 years',
          'every 10 seconds', 'every 30 seconds', 'every 5 secs',
          'at 25:00', 'cron:99 99 * * *', 'at:2020-01-01T00:00:00']:
    rej(F, t)
rej(F, '31/11', tz=BER, order='dmy', note='30 days hath November')
rej(F, '11/31', tz=NY, order='mdy', note='30 days hath November')
rej(F, 'remind @sam to do the thing', tz=BER, note='no time at all')

# ---------------------------------------------------------------- repeat words in the text, repeat anchors
# (now: Sunday 22 Nov 2026 10:00 unless given)
F = 'repeat-anchors'
MON10 = ['2026-11-23 10:00', '2026-11-30 10:00', '2026-12-07 10:00', '2026-12-14 10:00']
rec(F, 'every monday at 10 weekly sync', MON10, txt='weekly sync', note='"weekly" names the meeting; the schedule is "every monday at 10"')
rec(F, 'every day at 8 daily standup notes', ['2026-11-23 08:00', '2026-11-24 08:00', '2026-11-25 08:00', '2026-11-26 08:00'], txt='daily standup notes')
rec(F, 'every friday at 4pm monthly report', ['2026-11-27 16:00', '2026-12-04 16:00', '2026-12-11 16:00', '2026-12-18 16:00'], txt='monthly report')
once(F, '2027-01-15 09:00 annual review', '2027-01-15 09:00', txt='annual review')
once(F, 'tomorrow at 9 weekly review', '2026-11-23 09:00', txt='weekly review')
THU16 = ['2026-11-26 16:00', '2026-12-10 16:00', '2026-12-24 16:00', '2027-01-07 16:00']
rec(F, 'biweekly on thursdays at 4pm', THU16, txt='', note='every 2 weeks, on Thursdays only, from the next Thursday')
rec(F, 'fortnightly on thursdays at 4pm', THU16, txt='')
rec(F, 'every 2 weeks on thursdays at 4pm', THU16, txt='')
rec(F, 'biweekly on mondays and thursdays at 9', ['2026-11-26 09:00', '2026-12-07 09:00', '2026-12-10 09:00', '2026-12-21 09:00'], now=WED, txt='', note='both days in the same weeks (of Nov 23, Dec 7, Dec 21): Monday Nov 23 has passed, Monday Nov 30 is the off week')
rec(F, 'every other week on monday and friday', ['2026-11-27 09:00', '2026-12-07 09:00', '2026-12-11 09:00', '2026-12-21 09:00'], now=WED)
rec(F, 'every 1st and 15th at 9am', ['2026-12-01 09:00', '2026-12-15 09:00', '2027-01-01 09:00', '2027-01-15 09:00'], txt='')
rec(F, 'every 3rd monday of october at 10', ['2027-10-18 10:00', '2028-10-16 10:00', '2029-10-15 10:00', '2030-10-21 10:00'], txt='', note='yearly, in October only')
rec(F, 'every last friday of january at 5pm', ['2027-01-29 17:00', '2028-01-28 17:00', '2029-01-26 17:00'], txt='')
# "every N units" without a time: the first fire is N units from now, same clock time
rec(F, 'every 4 months', ['2027-03-22 10:00', '2027-07-22 10:00', '2027-11-22 10:00', '2028-03-22 10:00'], note='never sooner than 4 months from now')
rec(F, 'every 3 days', ['2026-11-25 10:00', '2026-11-28 10:00', '2026-12-01 10:00', '2026-12-04 10:00'])
rec(F, 'every other day water the plants', ['2026-11-24 10:00', '2026-11-26 10:00', '2026-11-28 10:00', '2026-11-30 10:00'], txt='water the plants')
rec(F, 'every 2 weeks', ['2026-12-06 10:00', '2026-12-20 10:00', '2027-01-03 10:00', '2027-01-17 10:00'])
rec(F, 'weekly', ['2026-11-29 10:00', '2026-12-06 10:00', '2026-12-13 10:00', '2026-12-20 10:00'])
rec(F, 'every year', ['2027-11-22 10:00', '2028-11-22 10:00', '2029-11-22 10:00'])
# with a time and no day: the next time the clock shows it, then every N units from that day
rec(F, 'every 4 months at 9', ['2026-11-23 09:00', '2027-03-23 09:00', '2027-07-23 09:00', '2027-11-23 09:00'])
rec(F, 'every 2 weeks at 11am', ['2026-11-22 11:00', '2026-12-06 11:00', '2026-12-20 11:00', '2027-01-03 11:00'])
# across DST, month ends and a leap day
rec(F, 'every 2 weeks', ['2027-03-14 10:00', '2027-03-28 10:00', '2027-04-11 10:00', '2027-04-25 10:00'], tz=NY, now='2027-02-28 10:00', note='clocks go forward on Mar 14 at 02:00; the wall time stays 10:00')
rec(F, 'every 3 days', ['2027-03-15 20:00', '2027-03-18 20:00', '2027-03-21 20:00', '2027-03-24 20:00'], tz=NY, now='2027-03-12 20:00')
rec(F, 'every 4 months', ['2028-02-29 10:00', '2028-06-29 10:00', '2028-10-29 10:00', '2029-02-28 10:00'], tz=BER, now='2027-10-29 10:00', note='Oct 29 + 4 months is Feb 29 in the leap year 2028; 2029 has no Feb 29')
rec(F, 'every month', ['2027-02-28 10:00', '2027-03-31 10:00', '2027-04-30 10:00', '2027-05-31 10:00'], tz=BER, now='2027-01-31 10:00', note='clamped to the month end, the day does not creep to the 28th')
rec(F, 'every 2 days', ['2027-10-31 12:00', '2027-11-02 12:00', '2027-11-04 12:00'], tz=BER, now='2027-10-29 12:00', note='Berlin falls back on Oct 31 at 03:00; 12:00 wall time kept')

# ---------------------------------------------------------------- time words that were not used: read them or reject
# (now: Sunday 22 Nov 2026 10:00)
F = 'unread-words'
for t in ['last tuesday at 9 retro', 'last friday', 'last week at 9', 'last night call mom', 'on last monday at 5pm',
          'dec 24 at 9 2027', 'at 5pm 2027 taxes', 'tomorrow 9 30 call', '9.30 call', '0930 call', 'tomorrow 0930 call',
          'remind me 17.45 train', 'jeden Montag um 7:30 Uhr Sport', 'morgen um 9 Uhr Zahnarzt', 'demain à 9h appeler maman',
          'tous les lundis à 8h réunion', 'mañana a las 9 llamar a mamá', 'cada lunes a las 7 gimnasio',
          'domani alle 9 chiamare', 'завтра в 9 позвонить маме', '明日9時に電話する', 'morgen om 9 uur tandarts']:
    rej(F, t)
once(F, 'at 0930 call', '2026-11-23 09:30', txt='call', note='09:30 today has passed')
once(F, '0930h call', '2026-11-23 09:30', txt='call')
once(F, '930am call', '2026-11-23 09:30', txt='call')
once(F, '9h30 call', '2026-11-23 09:30', txt='call')
once(F, '21h30 call', '2026-11-22 21:30', txt='call')
once(F, 'at 1730 call', '2026-11-22 17:30', txt='call')
once(F, 'at 9 o clock call', '2026-11-22 21:00', txt='call', note='bare 9 at 10:00 is 21:00')
once(F, 'wendesday at 9 retro', '2026-11-25 09:00', txt='retro', note='misspelt weekday, one swap: read as wednesday')
once(F, 'thrusday at 5pm gym', '2026-11-26 17:00', txt='gym')
once(F, 'at 9 last call', '2026-11-22 21:00', txt='last call', note='"last" before a noun is text')
once(F, 'tomorrow at 9 book the hotel for 3 days', '2026-11-23 09:00', txt='book the hotel for 3 days', note='"for 3 days" in a one-off is text, never dropped')
once(F, 'tomorrow at 9 room 2045', '2026-11-23 09:00', txt='room 2045')
once(F, 'tomorrow at 5 pills', '2026-11-23 17:00', txt='pills', note='"at 5" right after a day is the time even before a plural noun; a bare 5 on another day is 17:00')
rec(F, 'every day at 5 vitamins', ['2026-11-22 17:00', '2026-11-23 17:00', '2026-11-24 17:00', '2026-11-25 17:00'], txt='vitamins', note='was 09:00 (the default) with "at 5 vitamins" left in the text')
rec(F, 'every day at 9 take 2 pills', ['2026-11-23 09:00', '2026-11-24 09:00', '2026-11-25 09:00', '2026-11-26 09:00'], txt='take 2 pills')

# ---------------------------------------------------------------- a month alone; repeats that end at a month, weekday or date
# (now: Sunday 22 Nov 2026 10:00 unless given)
F = 'months'
once(F, 'in january', '2027-01-01 09:00', note='the 1st of the month at 09:00')
once(F, 'in march to renew the passport', '2027-03-01 09:00', txt='renew the passport')
once(F, 'in may', '2027-05-01 09:00')
once(F, 'in december', '2026-12-01 09:00')
once(F, 'january 2027', '2027-01-01 09:00')
once(F, 'next march', '2027-03-01 09:00')
once(F, 'next november', '2027-11-01 09:00', note='"next" with the current month: next year\'s')
once(F, 'in january at 3pm dentist', '2027-01-01 15:00', txt='dentist')
once(F, 'end of january', '2027-01-31 17:00', note='end of a month: its last day, 17:00 like eom')
once(F, 'in january', '2027-01-01 09:00', tz=BER, now='2026-12-31 23:30', note='New Year\'s Eve: tomorrow morning')
once(F, 'next january', '2028-01-01 09:00', tz=NY, now='2027-01-15 10:00')
for t in ['in november', 'in january 2026', 'dentist on january at 9', 'mid march call', 'every day until november']:
    rej(F, t, note='the current month (November) is not guessed; a past month; a month without a day')
rej(F, 'in january', tz=NY, now='2027-01-15 10:00', note='it is January already')
rec(F, 'every monday at 10am team sync until january', ['2026-11-23 10:00', '2026-11-30 10:00', '2026-12-07 10:00', '2026-12-14 10:00'], txt='team sync')
rec(F, 'every day in january at 9', ['2027-01-01 09:00', '2027-01-02 09:00', '2027-01-03 09:00', '2027-01-04 09:00'])
rec(F, 'every friday in december at 5pm', ['2026-12-04 17:00', '2026-12-11 17:00', '2026-12-18 17:00', '2026-12-25 17:00'])
rec(F, 'every sunday at 9 until april', ['2027-03-07 09:00', '2027-03-14 09:00', '2027-03-21 09:00', '2027-03-28 09:00'], tz=NY, now='2027-03-01 10:00', note='DST starts Mar 14; April excluded')
rec(F, 'every day at 9 until march', ['2028-02-27 09:00', '2028-02-28 09:00', '2028-02-29 09:00'], tz=BER, now='2028-02-26 10:00', note='leap day included, March 1 not')

# ---------------------------------------------------------------- moving holidays, computed (Easter 2027: March 28)
F = 'holidays'
once(F, 'thanksgiving', '2026-11-26 09:00', note='US: 4th Thursday of November')
once(F, 'on thanksgiving at 6pm call grandma', '2026-11-26 18:00', txt='call grandma')
once(F, 'thanksgiving', '2027-10-11 09:00', tz='America/Toronto', note='Canada: 2nd Monday of October (Oct 12 2026 has passed)')
once(F, 'easter', '2027-03-28 09:00')
once(F, 'good friday at 10', '2027-03-26 10:00')
once(F, 'easter monday', '2027-03-29 09:00')
once(F, 'easter 2028', '2028-04-16 09:00')
once(F, 'memorial day', '2027-05-31 09:00')
once(F, 'labor day', '2027-09-06 09:00', tz=NY)
once(F, "mother's day", '2027-05-09 09:00', note='2nd Sunday of May')
once(F, "mother's day", '2027-03-07 09:00', tz='Europe/London', note='Mothering Sunday: Easter minus 21 days')
once(F, "father's day", '2027-06-20 09:00', tz=NY, note='3rd Sunday of June')
once(F, 'mlk day', '2027-01-18 09:00', tz=NY)
once(F, "presidents' day", '2027-02-15 09:00', tz=NY)
rej(F, 'easter', tz=BER, now='2027-03-28 10:00', note='on Easter Sunday after 09:00: today counts and its 09:00 has passed, as "dec 24" on Dec 24 at 10:00')
once(F, 'easter at 5pm', '2027-03-28 17:00', tz=BER, now='2027-03-28 10:00', note='today counts')
for t in ['diwali', 'every easter', 'every year on thanksgiving', 'orthodox easter at 9']:
    rej(F, t)
rej(F, 'labour day', tz='Australia/Sydney', note='varies by state')

# ---------------------------------------------------------------- write
for name, cases in files.items():
    with open(os.path.join(OUT, name + '.jsonl'), 'w') as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + '\n')
    print(f'{name}.jsonl: {len(cases)}')
print('total:', sum(len(c) for c in files.values()))
