// Vietnamese alphabetical order, the same as the core's `text::compare_vi`: letters first
// (a ă â b c d đ e ê … ư v x y), tone marks only to break ties (ngang, huyền, hỏi, ngã, sắc,
// nặng), then case; numbers by value ("Thôn 2" before "Thôn 10"). The order is turned into
// a string key once per value so sorting 50.000 rows compares plain strings.

const BREVE = '\u0306';
const CIRCUMFLEX = '\u0302';
const HORN = '\u031B';
const TONES: Record<string, number> = {
  '\u0300': 1,
  '\u0309': 2,
  '\u0303': 3,
  '\u0301': 4,
  '\u0323': 5,
};

function letterRank(base: string, modifier: string | null): number {
  switch (base) {
    case 'a':
      return modifier === BREVE ? 2 : modifier === CIRCUMFLEX ? 3 : 1;
    case 'e':
      return modifier === CIRCUMFLEX ? 9 : 8;
    case 'o':
      return modifier === CIRCUMFLEX ? 20 : modifier === HORN ? 21 : 19;
    case 'u':
      return modifier === HORN ? 28 : 27;
    case 'đ':
      return 7;
  }
  return PLAIN[base] ?? 0;
}

const PLAIN: Record<string, number> = {
  b: 4, c: 5, d: 6, f: 10, g: 11, h: 12, i: 13, j: 14, k: 15, l: 16, m: 17, n: 18,
  p: 22, q: 23, r: 24, s: 25, t: 26, v: 29, w: 30, x: 31, y: 32, z: 33,
};

// Code units of the key: 1 separates words, 30–129 numbers, 200+ letters, 2000+ others.
// A shorter string that is a prefix of a longer one sorts first, as "An" < "An Bình".
const SEP = String.fromCharCode(1);

/** A key whose plain string order is the Vietnamese order of `s`. */
export function viSortKey(s: string): string {
  const letters: number[] = [];
  const tones: number[] = [];
  const cases: number[] = [];
  const chars = Array.from(s.normalize('NFD'));
  let lastSpace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (/\s/.test(c)) {
      if (!lastSpace) {
        letters.push(1);
        tones.push(1);
        cases.push(1);
      }
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    if (c >= '0' && c <= '9') {
      let digits = c;
      while (i + 1 < chars.length && chars[i + 1] >= '0' && chars[i + 1] <= '9') digits += chars[++i];
      const significant = digits.replace(/^0+(?=\d)/, '');
      letters.push(30 + Math.min(significant.length, 79));
      for (const d of significant) letters.push(110 + Number(d));
      continue;
    }
    const lower = c.toLowerCase();
    let modifier: string | null = null;
    let tone = 0;
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1])) {
      const m = chars[++i];
      if (m in TONES) tone = TONES[m];
      else modifier = m;
    }
    const rank = letterRank(lower, modifier);
    letters.push(rank > 0 ? 200 + rank : 2000 + (lower.codePointAt(0) ?? 0));
    tones.push(2 + tone);
    cases.push(lower !== c ? 3 : 2);
  }
  while (letters.length > 0 && letters[letters.length - 1] === 1) letters.pop();
  const enc = (xs: number[]) => String.fromCharCode(...xs.map((x) => Math.min(x, 0xffff)));
  return enc(letters) + SEP + SEP + enc(tones) + SEP + enc(cases);
}

/** Vietnamese order of two texts. */
export function compareVi(a: string, b: string): number {
  const ka = viSortKey(a);
  const kb = viSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Key for people: the given name (last word) first, then the whole name. */
export function personSortKey(name: string): string {
  const words = name.trim().split(/\s+/);
  return viSortKey(words[words.length - 1] ?? '') + SEP + SEP + SEP + viSortKey(name);
}
