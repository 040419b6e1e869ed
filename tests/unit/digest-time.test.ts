import {
  addDays,
  isIsoDate,
  localDate,
  localYear,
  parseDigestTime,
  timezoneLabel,
  toLocal,
  zonedTimeToInstant,
} from '../../src/digest/time';

describe('zonedTimeToInstant', () => {
  it.each([
    ['2025-12-05', '07:30', 'Asia/Ho_Chi_Minh', '2025-12-05T00:30:00.000Z'],
    ['2025-12-05', '00:15', 'Asia/Ho_Chi_Minh', '2025-12-04T17:15:00.000Z'],
    ['2025-12-05', '07:30', 'Europe/Berlin', '2025-12-05T06:30:00.000Z'],
    ['2025-07-01', '07:30', 'Europe/Berlin', '2025-07-01T05:30:00.000Z'],
    ['2025-03-30', '07:30', 'Europe/Berlin', '2025-03-30T05:30:00.000Z'],
    ['2025-10-26', '07:30', 'Europe/Berlin', '2025-10-26T06:30:00.000Z'],
    ['2025-12-05', '23:59', 'America/New_York', '2025-12-06T04:59:00.000Z'],
    ['2025-12-05', '08:00', 'UTC', '2025-12-05T08:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => {
    const instant = zonedTimeToInstant(date, time, zone);
    expect(instant.toISOString()).toBe(iso);
    const back = toLocal(instant, zone);
    expect(`${back.date} ${String(back.hour).padStart(2, '0')}:${String(back.minute).padStart(2, '0')}`).toBe(
      `${date} ${time}`,
    );
  });
});

describe('localDate', () => {
  it.each([
    ['2025-12-04T17:00:00.000Z', 'Asia/Ho_Chi_Minh', '2025-12-05'],
    ['2025-12-04T16:59:59.000Z', 'Asia/Ho_Chi_Minh', '2025-12-04'],
    ['2025-12-04T23:30:00.000Z', 'Europe/Berlin', '2025-12-05'],
    ['2025-12-31T17:00:00.000Z', 'Asia/Ho_Chi_Minh', '2026-01-01'],
  ])('%s in %s is %s', (iso, zone, date) => {
    expect(localDate(new Date(iso), zone)).toBe(date);
  });
});

describe('localYear', () => {
  it.each([
    // Around a new year the zone decides: Vietnam (+7), Kiribati's Line Islands (+14), American Samoa (−11).
    ['2025-12-31T17:00:00.000Z', 'Asia/Ho_Chi_Minh', 2026],
    ['2025-12-31T16:59:59.000Z', 'Asia/Ho_Chi_Minh', 2025],
    ['2025-12-31T10:30:00.000Z', 'Pacific/Kiritimati', 2026],
    ['2026-01-01T10:30:00.000Z', 'Pacific/Pago_Pago', 2025],
    ['2026-01-01T11:30:00.000Z', 'Pacific/Pago_Pago', 2026],
    ['2026-01-01T00:30:00.000Z', 'UTC', 2026],
    // Far from a new year it is the UTC year everywhere.
    ['2025-06-10T03:00:00.000Z', 'Asia/Ho_Chi_Minh', 2025],
    ['2025-01-02T12:00:00.000Z', 'Pacific/Pago_Pago', 2025],
  ])('%s in %s is %d', (iso, zone, year) => {
    expect(localYear(new Date(iso), zone)).toBe(year);
  });

  it('is the year of localDate at every hour of the last and first days of a year, in every kind of zone', () => {
    const zones = [
      'Asia/Ho_Chi_Minh',
      'Asia/Saigon',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Etc/GMT+12',
    ];
    zones.push('America/St_Johns', 'Asia/Kathmandu', 'Europe/Berlin', 'UTC');
    for (const zone of zones)
      for (let h = -60; h <= 60; h += 0.25) {
        const instant = new Date(Date.UTC(2026, 0, 1) + h * 3600 * 1000);
        expect([zone, instant.toISOString(), localYear(instant, zone)]).toEqual([
          zone,
          instant.toISOString(),
          Number(localDate(instant, zone).slice(0, 4)),
        ]);
      }
  });

  it('refuses an unknown zone where it needs the calendar, and only there', () => {
    expect(localYear(new Date('2025-06-10T03:00:00.000Z'), 'Asia/Hanoi_City')).toBe(2025);
    expect(() => localYear(new Date('2025-12-31T20:00:00.000Z'), 'Asia/Hanoi_City')).toThrow(RangeError);
  });
});

describe('parseDigestTime', () => {
  it.each([
    ['07:30', '07:30'],
    ['7:30', '07:30'],
    [' 16:45 ', '16:45'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['25:00', null],
    ['7h', '07:00'],
    ['7h30', '07:30'],
    ['7H30', '07:30'],
    ['19h', '19:00'],
    ['7 giờ 30', '07:30'],
    ['7 giờ 30'.normalize('NFD'), '07:30'],
    ['7 gio 30', '07:30'],
    ['7 giờ', '07:00'],
    ['7g30', '07:30'],
    ['7.30', '07:30'],
    ['5 giờ chiều', '17:00'],
    ['8h tối', '20:00'],
    ['7h30 sáng', '07:30'],
    ['12h trưa', '12:00'],
    ['7:5', null],
    ['7:', null],
    ['24h', null],
    ['7h75', null],
    ['12:60', null],
    ['sáng mai', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(parseDigestTime(input)).toBe(expected);
  });
});

describe('timezoneLabel', () => {
  it.each([
    ['Asia/Ho_Chi_Minh', 'giờ Việt Nam'],
    ['Asia/Saigon', 'giờ Việt Nam'],
    ['Asia/Bangkok', 'giờ Asia/Bangkok'],
  ])('%s → %s', (zone, label) => expect(timezoneLabel(zone)).toBe(label));
});

describe('calendar helpers', () => {
  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-12-05', 14, '2025-12-19'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2025-12-05', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['05/12/2025', false],
    ['2025-1-5', false],
  ])('isIsoDate(%s) = %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });
});
