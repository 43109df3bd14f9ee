//! Vietnamese text: storage form, search keys and sorting.
//!
//! - Text is stored in Unicode NFC with spaces folded, whatever form it was typed in.
//! - Search compares a key without diacritics, case or extra spaces ("an binh" finds "An Bình").
//! - Sorting follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
//!   v x y), letters first and tone marks only after, as dictionaries and official lists do.
//!   People are sorted by given name (the last word), then the rest of the name.

use std::cmp::Ordering;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The form every piece of text is stored in: NFC, trimmed, inner runs of white space as one
/// space. Tone placement ("hoà" vs "hòa") is kept as typed: it is the person's own spelling.
pub fn clean(s: &str) -> String {
    // Most text already is in this form; checking is far cheaper than rebuilding it, and an
    // import cleans every cell of a sheet.
    let spaced =
        s.split(' ').all(|w| !w.is_empty()) && !s.contains(|c: char| c.is_whitespace() && c != ' ');
    if spaced
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_string();
    }
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A key for diacritic-insensitive search: no tone or vowel marks, đ as d, lower case,
/// single spaces. "Nguyễn Văn  Ánh" → "nguyen van anh".
pub fn search_key(s: &str) -> String {
    thread_local! {
        static WORDS: WordKeys = WordKeys::default();
    }
    // Word by word: decomposing never joins or splits words, so the key of the text is the
    // keys of its words, each computed once per thread (see `WordKeys`).
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        WORDS.with(|w| w.push_key(word, &mut out, word_search_key));
        // A "word" of marks alone has an empty key: no space left for it.
        if out.len() == start {
            out.truncate(before);
        }
    }
    out
}

fn word_search_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// True when every word of `query` occurs, in order-independent fashion, in `text`'s key.
/// Used by list filters: "binh an" finds "An Bình".
pub fn matches_search(text_key: &str, query: &str) -> bool {
    search_key(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| text_key.contains(w))
}

/// Rank of a base letter (with its vowel modifier) in the Vietnamese alphabet.
/// Latin letters that Vietnamese does not use (f, j, w, z) are slotted where Latin puts them,
/// for foreign names. Ranks below 100 are kept for the word separator (0) and numbers, so
/// "An" < "An Bình" < "Anh" and "Thôn 2" < "Thôn 10".
fn letter_rank(base: char, modifier: Option<char>) -> u32 {
    const BREVE: char = '\u{0306}';
    const CIRCUMFLEX: char = '\u{0302}';
    const HORN: char = '\u{031B}';
    let order = match (base, modifier) {
        ('a', Some(BREVE)) => 2,
        ('a', Some(CIRCUMFLEX)) => 3,
        ('a', _) => 1,
        ('b', _) => 4,
        ('c', _) => 5,
        ('d', _) => 6,
        ('đ', _) => 7,
        ('e', Some(CIRCUMFLEX)) => 9,
        ('e', _) => 8,
        ('f', _) => 10,
        ('g', _) => 11,
        ('h', _) => 12,
        ('i', _) => 13,
        ('j', _) => 14,
        ('k', _) => 15,
        ('l', _) => 16,
        ('m', _) => 17,
        ('n', _) => 18,
        ('o', Some(CIRCUMFLEX)) => 20,
        ('o', Some(HORN)) => 21,
        ('o', _) => 19,
        ('p', _) => 22,
        ('q', _) => 23,
        ('r', _) => 24,
        ('s', _) => 25,
        ('t', _) => 26,
        ('u', Some(HORN)) => 28,
        ('u', _) => 27,
        ('v', _) => 29,
        ('w', _) => 30,
        ('x', _) => 31,
        ('y', _) => 32,
        ('z', _) => 33,
        _ => 0,
    };
    if order > 0 {
        100 + order
    } else {
        // anything else after the alphabet, by code point
        1000 + base as u32
    }
}

/// Tone order used by Vietnamese dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
fn tone_rank(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' => Some(1), // huyền
        '\u{0309}' => Some(2), // hỏi
        '\u{0303}' => Some(3), // ngã
        '\u{0301}' => Some(4), // sắc
        '\u{0323}' => Some(5), // nặng
        _ => None,
    }
}

/// Collation key: letters (primary), then tones (secondary), then case (tertiary).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct CollationKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
    case: Vec<u8>,
}

fn collation_key(s: &str) -> CollationKey {
    let mut key = CollationKey {
        letters: Vec::with_capacity(s.len()),
        tones: Vec::with_capacity(s.len()),
        case: Vec::with_capacity(s.len()),
    };
    let mut chars = s.nfd().peekable();
    let mut last_was_space = true;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            if !last_was_space {
                key.letters.push(0);
                key.tones.push(0);
                key.case.push(0);
            }
            last_was_space = true;
            continue;
        }
        last_was_space = false;
        if c.is_ascii_digit() {
            // A run of digits is one element compared by value: its length first (leading
            // zeros dropped), then its digits, so "Thôn 2" sorts before "Thôn 10".
            let mut digits = vec![c];
            while let Some(&d) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                digits.push(d);
                chars.next();
            }
            let significant: Vec<char> = match digits.iter().position(|&d| d != '0') {
                Some(first) => digits[first..].to_vec(),
                None => vec!['0'],
            };
            key.letters.push(20 + significant.len().min(79) as u32);
            key.tones.push(0);
            key.case.push(0);
            for d in significant {
                key.letters.push(10 + d as u32 - '0' as u32);
                key.tones.push(0);
                key.case.push(0);
            }
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut modifier = None;
        let mut tone = 0;
        while let Some(&m) = chars.peek() {
            if !is_combining_mark(m) {
                break;
            }
            chars.next();
            match tone_rank(m) {
                Some(t) => tone = t,
                None => modifier = Some(m),
            }
        }
        key.letters.push(letter_rank(lower, modifier));
        key.tones.push(tone);
        key.case.push(u8::from(lower != c));
    }
    if key.letters.last() == Some(&0) {
        key.letters.pop();
        key.tones.pop();
        key.case.pop();
    }
    key
}

/// Vietnamese order for names of units, blocks and anything else read left to right.
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    // Last tie-break on the NFC form: deterministic, and one name typed in NFC and NFD is equal.
    collation_key(a)
        .cmp(&collation_key(b))
        .then_with(|| a.nfc().cmp(b.nfc()))
}

/// A key whose order is `compare_person_names`: computed once per name, so sorting 50.000
/// people costs 50.000 keys instead of four keys for each of the ~800.000 comparisons.
pub fn person_sort_key(name: &str) -> impl Ord {
    let given = name.split_whitespace().last().unwrap_or("");
    (
        collation_key(given),
        given.nfc().collect::<String>(),
        collation_key(name),
        name.nfc().collect::<String>(),
    )
}

/// Vietnamese order for people: given name (last word) first, then the full name.
/// "Trần Văn Bình" comes before "Nguyễn Thị Cúc" because Bình < Cúc.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    let given = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
    compare_vi(&given(a), &given(b)).then_with(|| compare_vi(a, b))
}

/// The ranks of `names` in `compare_vi` order (equal names, equal rank), each name's key
/// computed once: sorting 200,000 rows by comparing names rebuilds two keys per comparison,
/// millions of times; sorting by these ranks compares integers.
pub fn ranks_vi<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashMap<&'a str, u32> {
    ranks(names, |s| (collation_key(s), s.nfc().collect::<String>()))
}

/// The same for people's names, in `compare_person_names` order.
pub fn ranks_person<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashMap<&'a str, u32> {
    ranks(names, person_sort_key)
}

fn ranks<'a, K: Ord>(
    names: impl IntoIterator<Item = &'a str>,
    key: impl Fn(&str) -> K,
) -> std::collections::HashMap<&'a str, u32> {
    let mut distinct: Vec<&str> = names
        .into_iter()
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    let mut keyed: Vec<(K, &str)> = distinct.drain(..).map(|s| (key(s), s)).collect();
    keyed.sort_unstable();
    let mut out = std::collections::HashMap::with_capacity(keyed.len());
    let mut rank = 0;
    for i in 0..keyed.len() {
        if i > 0 && keyed[i - 1].0 != keyed[i].0 {
            rank += 1;
        }
        out.insert(keyed[i].1, rank);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Syllables. Vietnamese is written one syllable per word: an onset consonant, a vowel cluster,
// an optional final consonant, and exactly one tone mark (or none, for the level tone). Taking
// words apart this way gives the person-name key below, and lets the legacy-encoding detector
// (`crate::legacy_text`) check that a conversion produced real Vietnamese.

/// Onsets, longest first so the first prefix that matches is the right one ("ngh" before "ng").
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// The consonants a syllable can end in (the glides i/y/o/u are part of the vowel cluster).
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// The vowel clusters of standard spelling, by where they can stand: at the end of the
/// syllable or before a final consonant (hoa, hoàng), only before one (ăn, tiền, thương), or
/// only at the end (hai, người, khuya). A cluster after the onsets "qu" and "gi" is
/// counted without that u / i ("quân" has the cluster "â"), which is also why "y" can close
/// (quýt, Quỳnh).
const CLUSTERS_OPEN_OR_CLOSED: [&str; 14] = [
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy",
];
const CLUSTERS_CLOSED: [&str; 10] = ["ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ", "oo"];
const CLUSTERS_OPEN: [&str; 31] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "uơ", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
    "uyu",
];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// A word taken apart: its letters in lower case (vowel shapes â ă ê ô ơ ư kept, tone
/// removed), split into onset, vowel cluster and coda, and its one tone mark (combining form)
/// with the index of the letter it was typed on.
struct Syllable {
    letters: Vec<char>,
    /// `letters[..onset]` is the onset, `letters[onset..coda]` the vowel cluster, the rest
    /// the final consonant.
    onset: usize,
    coda: usize,
    tone: Option<(char, usize)>,
}

impl Syllable {
    /// Takes a word apart, whatever its case and normal form; None when it is not built like a
    /// Vietnamese syllable (a foreign word, two tone marks, a mark on a consonant as in "ñ",
    /// digits, symbols).
    fn parse(word: &str) -> Option<Syllable> {
        const CIRCUMFLEX: char = '\u{0302}';
        const BREVE: char = '\u{0306}';
        const HORN: char = '\u{031B}';
        let mut letters: Vec<char> = Vec::with_capacity(word.len());
        let mut tone = None;
        // NFD puts the tone and the vowel shape as separate marks after the base letter, in
        // canonical order (ậ = a + dot below + circumflex), so each mark is read on its own.
        for c in word.nfd().flat_map(char::to_lowercase) {
            if tone_rank(c).is_some() {
                let on = letters.len().checked_sub(1)?;
                if !is_vowel(letters[on]) || tone.replace((c, on)).is_some() {
                    return None;
                }
            } else if is_combining_mark(c) {
                let last = letters.last_mut()?;
                *last = match (*last, c) {
                    ('a', CIRCUMFLEX) => 'â',
                    ('a', BREVE) => 'ă',
                    ('e', CIRCUMFLEX) => 'ê',
                    ('o', CIRCUMFLEX) => 'ô',
                    ('o', HORN) => 'ơ',
                    ('u', HORN) => 'ư',
                    _ => return None,
                };
            } else if c.is_ascii_lowercase() || c == 'đ' {
                letters.push(c);
            } else {
                return None;
            }
        }
        let spelled: String = letters.iter().collect();
        let mut onset = ONSETS
            .iter()
            .find(|o| spelled.starts_with(*o))
            .map_or(0, |o| o.chars().count());
        // In "gì", "gìn" the i is the vowel itself, not part of a "gi" onset.
        if spelled.starts_with("gi") && !letters[2..].iter().copied().any(is_vowel) {
            onset = 1;
        }
        let coda = onset
            + letters[onset..]
                .iter()
                .take_while(|c| is_vowel(**c))
                .count();
        let final_consonant: String = letters[coda..].iter().collect();
        if coda == onset || !CODAS.contains(&final_consonant.as_str()) {
            return None;
        }
        Some(Syllable {
            letters,
            onset,
            coda,
            tone,
        })
    }

    fn cluster(&self) -> &[char] {
        &self.letters[self.onset..self.coda]
    }

    /// Index in `letters` of the vowel that carries the tone. Both styles in use agree but
    /// for one case:
    /// - a vowel with a shape mark (ă â ê ô ơ ư) takes it; in "ươ" the ơ (người, rượu);
    /// - open oa, oe, uy take it on the second vowel in the "new style" of the 1980s spelling
    ///   rules (hoà, khoẻ, thuỷ; Unikey's "modern" placement) and on the first in the old
    ///   style (hòa, khỏe, thủy) — `new_style` chooses;
    /// - otherwise one vowel takes it; two vowels take it on the first when open (hái, múa)
    ///   and on the second before a final consonant (hoàng, huỳnh); three unmarked vowels on
    ///   the middle one (ngoài, khuỷu).
    fn tone_index(&self, new_style: bool) -> usize {
        let cluster = self.cluster();
        let closed = self.coda < self.letters.len();
        let within = if let Some(i) = cluster
            .iter()
            .rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'))
        {
            i
        } else {
            match cluster {
                [_] => 0,
                ['o', 'a'] | ['o', 'e'] | ['u', 'y'] => usize::from(new_style || closed),
                [_, _] => usize::from(closed),
                _ if closed => cluster.len() - 1,
                _ => 1,
            }
        };
        self.onset + within
    }

    /// The syllable written back, lower case NFC, with its tone placed in the new style.
    /// Which style the key uses does not matter, only that it is always the same.
    fn respell(&self) -> String {
        let at = self.tone_index(true);
        let mut out = String::with_capacity(self.letters.len() * 3);
        for (i, c) in self.letters.iter().enumerate() {
            out.push(*c);
            if i == at {
                out.extend(self.tone.map(|(mark, _)| mark));
            }
        }
        out.nfc().collect()
    }

    /// Whether this is a syllable standard Vietnamese spelling allows: a known vowel cluster in
    /// a place it can stand, a final consonant that fits the vowel, spelling rules for the
    /// onset, the tone on a vowel one of the two placement styles picks, and the rule that
    /// syllables ending in p, t, c, ch carry only the sắc or nặng tone.
    fn is_standard(&self) -> bool {
        let cluster: String = self.cluster().iter().collect();
        let onset: String = self.letters[..self.onset].iter().collect();
        let coda: String = self.letters[self.coda..].iter().collect();
        let cluster = cluster.as_str();
        let rhyme_fits = CLUSTERS_OPEN_OR_CLOSED.contains(&cluster)
            || if coda.is_empty() {
                CLUSTERS_OPEN.contains(&cluster)
            } else {
                CLUSTERS_CLOSED.contains(&cluster)
            };
        let first = self.cluster()[0];
        let last = self.cluster()[self.cluster().len() - 1];
        let front = matches!(first, 'e' | 'ê' | 'i' | 'y');
        let onset_fits = match onset.as_str() {
            // k, gh, ngh are written before e ê i (y); c, g, ng before the other vowels
            "k" | "gh" | "ngh" => front,
            "c" | "ng" => !front,
            "g" => !matches!(first, 'e' | 'ê'),
            _ => true,
        };
        let coda_fits = match coda.as_str() {
            "nh" | "ch" => matches!(last, 'a' | 'ê' | 'i' | 'y'),
            "ng" | "c" => !matches!(last, 'i' | 'y'),
            _ => true,
        };
        let tone_fits = match self.tone {
            None => !matches!(coda.as_str(), "c" | "ch" | "p" | "t"),
            Some((mark, at)) => {
                (at == self.tone_index(true) || at == self.tone_index(false))
                    && (!matches!(coda.as_str(), "c" | "ch" | "p" | "t")
                        || matches!(mark, '\u{0301}' | '\u{0323}'))
            }
        };
        rhyme_fits && onset_fits && coda_fits && tone_fits
    }
}

/// True when `word` (any case, NFC or NFD) is one syllable of standard Vietnamese spelling.
/// Used by the legacy-encoding detector to confirm that a conversion produced real words.
pub(crate) fn is_vietnamese_syllable(word: &str) -> bool {
    Syllable::parse(word).is_some_and(|s| s.is_standard())
}

/// Key under which two spellings of the same person's name are the same: NFC, lower case,
/// single spaces, and tone marks placed by one rule ("hoà"/"hòa", "thuỷ"/"thủy", "Khoẻ"/"Khỏe"
/// give one key), but diacritics KEPT — "Hòa" and "Hoa" are different names.
///
/// The tone is taken off each syllable and put back by the rule of `Syllable::tone_index`, so a
/// tone typed on the wrong vowel of the syllable also gives the key of the right spelling:
/// "Qúy" (a common mistyping) has the key of "Quý" — the letters and the tone are the same,
/// only its place differs, and the place carries no meaning of its own. Words that are not
/// Vietnamese syllables (foreign names, "K'Bang") are kept as typed, only lower-cased.
pub fn name_key(s: &str) -> String {
    thread_local! {
        static WORDS: WordKeys = WordKeys::default();
    }
    let mut key = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        WORDS.with(|w| w.push_key(word, &mut key, word_name_key));
    }
    key
}

/// The key of one word of a name: each run of letters keyed as a syllable.
fn word_name_key(word: &str) -> String {
    // Hyphens and apostrophes separate syllables ("Hoà-Bình", "K'Bang"); each run of
    // letters is keyed on its own.
    let mut key = String::with_capacity(word.len());
    let mut run = String::new();
    for c in word.nfd() {
        if c.is_alphabetic() || is_combining_mark(c) {
            run.push(c);
        } else {
            key.push_str(&parse_syllable_key(&run));
            run.clear();
            key.extend(c.to_lowercase());
        }
    }
    key.push_str(&parse_syllable_key(&run));
    key
}

/// Keys of words already seen by this thread. Names and the words of a sheet come from a
/// few thousand words, and an import keys every name of a list several times (matching,
/// duplicates, the new person's record, the rule warnings): decomposing each word once
/// instead of each time was a tenth of a long import. Bounded, for a thread that keys text
/// of any kind for long.
#[derive(Default)]
struct WordKeys(std::cell::RefCell<std::collections::HashMap<String, String>>);

impl WordKeys {
    fn push_key(&self, word: &str, out: &mut String, compute: fn(&str) -> String) {
        if let Some(k) = self.0.borrow().get(word) {
            out.push_str(k);
            return;
        }
        let k = compute(word);
        out.push_str(&k);
        let mut keys = self.0.borrow_mut();
        if keys.len() >= 20_000 {
            keys.clear();
        }
        keys.insert(word.to_string(), k);
    }
}

fn parse_syllable_key(run: &str) -> String {
    if run.is_empty() {
        return String::new();
    }
    match Syllable::parse(run) {
        Some(syllable) => syllable.respell(),
        None => run
            .chars()
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .nfc()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>, cmp: fn(&str, &str) -> Ordering) -> Vec<&str> {
        v.sort_by(|a, b| cmp(a, b));
        v
    }

    #[test]
    fn keys_computed_word_by_word_match_the_whole_text() {
        // A stray mark typed as its own word leaves no double space.
        assert_eq!(search_key("Ánh \u{0301}  Đào"), "anh dao");
        assert_eq!(search_key("\u{0301} Bình"), "binh");
        assert_eq!(search_key("X"), "x");
        // Seen again (from the thread's cache) the keys are the same.
        for _ in 0..2 {
            assert_eq!(search_key("Nguyễn\tVăn  Ánh"), "nguyen van anh");
            assert_eq!(
                name_key("Nguye\u{0302}\u{0303}n Thị  Qúy"),
                name_key("Nguyễn Thị Quý")
            );
        }
    }

    #[test]
    fn clean_stores_nfc_and_folds_spaces() {
        let nfd = "Pha\u{0323}m  Thi\u{0323} Ho\u{0300}a ";
        let cleaned = clean(nfd);
        assert_eq!(cleaned, "Phạm Thị Hòa");
        assert!(cleaned.chars().all(|c| !is_combining_mark(c)));
    }

    #[test]
    fn search_key_drops_marks_case_and_d_stroke() {
        assert_eq!(search_key("UBND xã An Bình"), "ubnd xa an binh");
        assert_eq!(search_key("Đội  Văn nghệ"), "doi van nghe");
        // NFD input gives the same key as NFC input
        assert_eq!(search_key("Ho\u{0300}a"), search_key("Hòa"));
        assert_eq!(search_key("hoà"), search_key("HÒA"));
    }

    #[test]
    fn search_matches_words_in_any_order_without_diacritics() {
        let key = search_key("Trường THCS Hồng Kỳ");
        assert!(matches_search(&key, "hong ky"));
        assert!(matches_search(&key, "ky truong"));
        assert!(matches_search(&key, "Hồng"));
        assert!(!matches_search(&key, "hong son"));
        assert!(matches_search(&key, "   "));
    }

    #[test]
    fn alphabet_order_puts_modified_letters_after_their_base() {
        let got = sorted(
            vec![
                "Ơn", "Đông", "Ân", "Ăn", "Dung", "An", "Ôn", "On", "Ưu", "Uy",
            ],
            compare_vi,
        );
        assert_eq!(
            got,
            vec!["An", "Ăn", "Ân", "Dung", "Đông", "On", "Ôn", "Ơn", "Uy", "Ưu"]
        );
    }

    #[test]
    fn letters_decide_before_tones() {
        // Plain byte order would put "Bá" after "Bac"; Vietnamese order compares letters first.
        let got = sorted(
            vec!["Bạc", "Bác", "Bà", "Ba", "Bả", "Bã", "Bac", "Bạ"],
            compare_vi,
        );
        assert_eq!(got, vec!["Ba", "Bà", "Bả", "Bã", "Bạ", "Bac", "Bác", "Bạc"]);
    }

    #[test]
    fn shorter_word_first_and_spaces_separate_words() {
        let got = sorted(vec!["Anh", "An Bình", "An"], compare_vi);
        assert_eq!(got, vec!["An", "An Bình", "Anh"]);
    }

    #[test]
    fn nfd_and_nfc_spellings_sort_together() {
        assert_eq!(compare_vi("Ho\u{0300}a", "Hòa"), Ordering::Equal);
        assert_eq!(
            compare_person_names("Phạm Thị Ho\u{0300}a", "Phạm Thị Hòa"),
            Ordering::Equal
        );
        assert!(
            compare_vi("Hoà", "Hòa").is_ne(),
            "tone placement is kept as typed"
        );
    }

    #[test]
    fn sort_keys_and_ranks_order_names_as_the_comparisons_do() {
        let names = [
            "Nguyễn Thị Cúc",
            "Trần Văn Bình",
            "Lê Văn An",
            "Bùi Thị Ánh",
            "Nguyễn Văn Bình",
            "Thôn 10",
            "Thôn 2",
            "Phạm Thị Ho\u{0300}a",
            "Phạm Thị Hòa",
            "Phạm Thị Hoà",
            "Đỗ Văn 10",
            "Đỗ Văn 9",
            "An",
            "",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    person_sort_key(a).cmp(&person_sort_key(b)),
                    compare_person_names(a, b),
                    "{a} / {b}"
                );
            }
        }
        for (ranks, compare) in [
            (ranks_vi(names), compare_vi as fn(&str, &str) -> Ordering),
            (ranks_person(names), compare_person_names),
        ] {
            for a in names {
                for b in names {
                    assert_eq!(ranks[a].cmp(&ranks[b]), compare(a, b), "{a} / {b}");
                }
            }
        }
    }

    #[test]
    fn people_sort_by_given_name_then_family_name() {
        let got = sorted(
            vec![
                "Nguyễn Thị Cúc",
                "Trần Văn Bình",
                "Lê Văn An",
                "Bùi Thị Ánh",
                "Nguyễn Văn Bình",
            ],
            compare_person_names,
        );
        assert_eq!(
            got,
            vec![
                "Lê Văn An",
                "Bùi Thị Ánh",
                "Nguyễn Văn Bình",
                "Trần Văn Bình",
                "Nguyễn Thị Cúc"
            ]
        );
    }

    #[test]
    fn numbers_sort_by_value_before_letters_and_case_decides_last() {
        let got = sorted(
            vec!["Thôn 10", "thôn 2", "Thôn 1", "thôn 1", "Thôn A", "Thôn 02"],
            compare_vi,
        );
        assert_eq!(
            got,
            vec!["thôn 1", "Thôn 1", "thôn 2", "Thôn 02", "Thôn 10", "Thôn A"]
        );
    }

    #[test]
    fn name_key_merges_case_form_spaces_and_tone_placement() {
        let key = name_key("Phạm Thị Hoà");
        assert_eq!(key, "phạm thị hoà");
        for same in [
            "Phạm Thị Hòa",
            "Pha\u{0323}m Thi\u{0323} Ho\u{0300}a",
            "Pha\u{0323}m Thi\u{0323} Hoa\u{0300}",
            "PHẠM THỊ HÒA",
            "  phạm  thị hoà ",
        ] {
            assert_eq!(name_key(same), key, "{same:?}");
        }
        assert_eq!(name_key("Thuỷ"), name_key("Thủy"));
        assert_eq!(name_key("Khoẻ"), name_key("Khỏe"));
        assert_eq!(name_key("Đặng Thị Thuý"), name_key("Đặng Thị Thúy"));
        assert_eq!(name_key("Đặng Thị Thuý"), "đặng thị thuý");
        // The onset keeps its u / i: the tone belongs to the vowel after it.
        assert_eq!(name_key("Nguyễn Văn Qúy"), name_key("Nguyễn Văn Quý"));
        assert_eq!(name_key("Quý"), "quý");
        assert_eq!(name_key("giữ"), "giữ");
        assert_eq!(name_key("Gìn"), "gìn");
        assert_eq!(name_key("Gìang"), name_key("Giàng"));
        // The vowel with a shape mark carries the tone, ơ in "ươ".
        assert_eq!(name_key("Ngu\u{303}yên"), "nguyễn");
        assert_eq!(name_key("NGƯỜI"), "người");
        assert_eq!(name_key("Hoàng"), name_key("Hòang"));
    }

    #[test]
    fn name_key_keeps_diacritics() {
        assert_ne!(name_key("Hoa"), name_key("Hòa"));
        assert_ne!(name_key("Hòa"), name_key("Hóa"));
        assert_ne!(name_key("Dung"), name_key("Dũng"));
        assert_ne!(name_key("Đông"), name_key("Dông"));
        assert_ne!(name_key("Thư"), name_key("Thu"));
    }

    #[test]
    fn name_key_keeps_other_words_as_typed() {
        assert_eq!(name_key("  John   SMITH "), "john smith");
        assert_eq!(name_key("K'Bang"), "k'bang");
        assert_eq!(name_key("Hoà-Bình"), name_key("Hòa-Bình"));
        assert_eq!(name_key("Niño"), "niño");
        assert_eq!(name_key(""), "");
    }

    #[test]
    fn syllable_rules() {
        for word in [
            "Nguyễn",
            "thị",
            "HOÀNG",
            "người",
            "quốc",
            "giữa",
            "gìn",
            "khuya",
            "khuỷu",
            "Quỳnh",
            "quýt",
            "thuở",
            "xoong",
            "ếch",
            "tiếng",
            "huỳnh",
            "ngoẹo",
            "Ho\u{0300}a",
            "ở",
            "hoà",
            "hòa",
            "thuỷ",
            "thủy",
        ] {
            assert!(is_vietnamese_syllable(word), "{word}");
        }
        for word in [
            "café",
            "crốme",
            "Bỡnh",
            "ngễ",
            "kụ",
            "ce",
            "hàt",
            "sóo",
            "ao\u{301}\u{300}",
            "x2",
            "",
            "Straße",
            "oự",
            "tr\u{AD}êng",
            "xaõ",
            "leõ",
            "gìa",
            "Ñôn",
            "at",
        ] {
            assert!(!is_vietnamese_syllable(word), "{word}");
        }
    }
}
