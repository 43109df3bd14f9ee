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
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A key for diacritic-insensitive search: no tone or vowel marks, đ as d, lower case,
/// single spaces. "Nguyễn Văn  Ánh" → "nguyen van anh".
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Vietnamese order for people: given name (last word) first, then the full name.
/// "Trần Văn Bình" comes before "Nguyễn Thị Cúc" because Bình < Cúc.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    let given = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
    compare_vi(&given(a), &given(b)).then_with(|| compare_vi(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>, cmp: fn(&str, &str) -> Ordering) -> Vec<&str> {
        v.sort_by(|a, b| cmp(a, b));
        v
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
}
