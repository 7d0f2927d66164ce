import * as assert from 'node:assert/strict';
import {
  dayKey,
  dayOfKey,
  describeInstant,
  describeMoment,
  isRealDay,
  judgingMoment,
  parseIsoDay,
  today,
  utcDay,
} from '../../../src/core/dates';

describe('dates', () => {
  it('knows which days the calendar has, leap years included', () => {
    assert.equal(isRealDay(2024, 2, 29), true);
    assert.equal(isRealDay(2026, 2, 29), false);
    assert.equal(isRealDay(2000, 2, 29), true);
    assert.equal(isRealDay(1900, 2, 29), false);
    assert.equal(isRealDay(2026, 4, 31), false);
    assert.equal(isRealDay(2026, 12, 31), true);
    assert.equal(isRealDay(2026, 13, 1), false);
    assert.equal(isRealDay(2026, 0, 1), false);
    assert.equal(isRealDay(2026, 1, 0), false);
  });

  it('reads ISO 8601 dates and date-times as the day written, whatever the year', () => {
    assert.equal(parseIsoDay(' 2026-11-20T23:59:59+02:00 '), '2026-11-20');
    assert.equal(parseIsoDay('2026-11-20 08:00'), '2026-11-20');
    assert.equal(parseIsoDay('0099-12-31'), '0099-12-31');
    assert.equal(parseIsoDay('2026-02-29'), undefined);
    assert.equal(parseIsoDay('11/20/2026'), undefined);
  });

  it('keeps days as yyyymmdd numbers that sort like the text and convert back', () => {
    for (const day of ['2026-11-20', '0099-01-09', '2024-02-29', '9999-12-31'])
      assert.equal(dayOfKey(dayKey(day)), day);
    assert.ok(dayKey('2026-11-20') < dayKey('2026-12-01'));
    assert.equal(dayKey('2026-11-20'), 20261120);
  });

  // Run under several time zones by scripts/test.mjs (TZ=America/Los_Angeles, Pacific/Kiritimati, UTC): the answers must not move.
  it('judges in UTC whatever the time zone: today, a moment and the end of an as-of day', () => {
    const pacificEvening = new Date('2026-11-22T02:30:00.000Z'); // 18:30 on 2026-11-21 in Seattle, 16:30 on 2026-11-22 in Kiritimati
    assert.equal(utcDay(pacificEvening), '2026-11-22');
    assert.deepEqual(judgingMoment(undefined, pacificEvening), {
      day: '2026-11-22',
      at: '2026-11-22T02:30:00.000Z',
      fixed: false,
    });
    assert.deepEqual(judgingMoment('2026-11-21', pacificEvening), {
      day: '2026-11-21',
      at: '2026-11-21T23:59:59.999Z',
      fixed: true,
    });
    assert.equal(
      describeMoment(judgingMoment(undefined, pacificEvening)),
      '2026-11-22 02:30:00 UTC',
    );
    assert.equal(describeMoment(judgingMoment('2026-11-21')), 'the end of 2026-11-21 UTC');
    assert.equal(describeInstant('2026-11-22T01:30:00Z'), '2026-11-22 01:30:00 UTC');
    assert.equal(utcDay(new Date('2026-11-21T23:59:59.999Z')), '2026-11-21');
    assert.equal(today(), new Date().toISOString().slice(0, 10));
  });
});
