import { describe, expect, it } from 'vitest';
import {
  countLabel,
  dateToDmy,
  dmyToIso,
  documentDateLine,
  formatNumber,
  isoToDmy,
  parseCount,
  timestampToDmy,
} from './format';

describe('numbers', () => {
  it('groups thousands with dots', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(-2340000)).toBe('-2.340.000');
    expect(formatNumber(null)).toBe('');
  });

  it('writes counts with their noun', () => {
    expect(countLabel(22, 'đơn vị')).toBe('22 đơn vị');
    expect(countLabel(1500, 'người')).toBe('1.500 người');
  });

  it('reads counts typed with or without dots', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount('  ')).toBeNull();
    expect(parseCount('42')).toBe(42);
    expect(parseCount('1.234')).toBe(1234);
    expect(parseCount('12a')).toBeUndefined();
    expect(parseCount('-3')).toBeUndefined();
    expect(parseCount('2,5')).toBeUndefined();
  });
});

describe('dates', () => {
  it('shows stored dates as dd/mm/yyyy', () => {
    expect(isoToDmy('2025-07-01')).toBe('01/07/2025');
    expect(isoToDmy(null)).toBe('');
    expect(isoToDmy('khác')).toBe('khác');
  });

  it('reads typed dates, short or padded, and rejects impossible ones', () => {
    expect(dmyToIso('1/7/2025')).toBe('2025-07-01');
    expect(dmyToIso(' 01/07/2025 ')).toBe('2025-07-01');
    expect(dmyToIso('2025-07-01')).toBe('2025-07-01');
    expect(dmyToIso('29/02/2024')).toBe('2024-02-29');
    expect(dmyToIso('29/02/2025')).toBeNull();
    expect(dmyToIso('31/04/2025')).toBeNull();
    expect(dmyToIso('01-07-2025')).toBeNull();
    expect(dmyToIso('')).toBeNull();
  });

  it('round-trips', () => {
    for (const iso of ['2025-07-01', '2026-12-31', '2024-02-29']) {
      expect(dmyToIso(isoToDmy(iso))).toBe(iso);
    }
  });

  it('formats local dates and stored timestamps', () => {
    expect(dateToDmy(new Date(2026, 10, 22))).toBe('22/11/2026');
    expect(dateToDmy(new Date(2026, 0, 5))).toBe('05/01/2026');
    // midday UTC is the same calendar day in every time zone a clerk could be in
    expect(timestampToDmy('2026-11-22T12:00:00Z')).toBe('22/11/2026');
    expect(timestampToDmy('không phải ngày')).toBe('không phải ngày');
  });
});

describe('document date line', () => {
  it('pads days below 10 and the months January and February', () => {
    expect(documentDateLine('An Bình', new Date(2026, 6, 5))).toBe('An Bình, ngày 05 tháng 7 năm 2026');
    expect(documentDateLine('An Bình', new Date(2026, 0, 5))).toBe('An Bình, ngày 05 tháng 01 năm 2026');
    expect(documentDateLine('Tân Yên', new Date(2026, 1, 28))).toBe('Tân Yên, ngày 28 tháng 02 năm 2026');
    expect(documentDateLine('An Bình', new Date(2026, 10, 22))).toBe('An Bình, ngày 22 tháng 11 năm 2026');
    expect(documentDateLine('Hà Nội', new Date(2026, 2, 10))).toBe('Hà Nội, ngày 10 tháng 3 năm 2026');
  });

  it('leaves out an empty place', () => {
    expect(documentDateLine('  ', new Date(2026, 6, 5))).toBe('ngày 05 tháng 7 năm 2026');
  });
});
