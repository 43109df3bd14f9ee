//! Vietnamese typed in the legacy 8-bit font encodings, brought to Unicode.
//!
//! Before Unicode, Vietnamese was typed with fonts that draw Vietnamese letters at the code
//! points of Western letters and symbols. The file keeps those code points: opened without the
//! font, "Gia đình văn hóa" reads "Gia ®×nh v¨n hãa" (TCVN3) or "Gia ñình vaên hoùa" (VNI).
//! Spreadsheets made with these fonts still arrive at communes, and Excel stores their text as
//! the Windows-1252 / Latin-1 characters the bytes stand for, so here a legacy "byte" is the
//! character U+00A0..U+00FF of the same number (every Vietnamese letter of both encodings lies
//! in that range).
//!
//! - **TCVN3 (ABC)**, fonts `.VnTime`, `.VnArial`…: one character per letter. It has every
//!   lower-case letter, toned or not, but of the capitals only the seven with a shape mark and
//!   no tone (Ă Â Ê Ô Ơ Ư Đ). Capital toned letters were typed with the separate capitals
//!   fonts `.VnTimeH`, `.VnArialH`…, which draw capitals at the lower-case code points: text in
//!   such a font is stored in lower case and shown in capitals, so it must be converted with
//!   [`tcvn3_capitals_to_unicode`]. Trap: TCVN3 "ư" is 0xAD, the invisible SOFT HYPHEN of
//!   Latin-1 ("Mường" is stored "M\u{AD}êng" and looks like "Mêng").
//! - **VNI** (`VNI-Times`…): a base letter followed by a mark character for the vowel shape
//!   and/or tone ("Nguyeãn" = Nguyễn: e + ã for "circumflex and ngã"); ơ, ư, đ and the toned i
//!   are single characters (ô, ö, ñ, í ì æ ó ò). Capitals are the Latin-1 capitals of the same
//!   characters ("NGUYEÃN").
//!
//! The tables were checked, entry by entry, against three independent public converters: the
//! charset tables of Unikey's VnConv library (`unikey/data.cpp` in fcitx5-unikey), the
//! `tcvn.h` / `vni.h` tables of xvnkb, and `src/charsets.ts` of the vietnamese-conversion npm
//! package. The tests below check them again in the form Unikey writes them.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::text::is_vietnamese_syllable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
}

/// TCVN3 (legacy character, Unicode letter): the 67 lower-case letters outside ASCII and the
/// 7 capitals TCVN3 has. One row per vowel: the vowel itself when it is not ASCII (ă, â…),
/// then its toned forms in the order sắc, huyền, hỏi, ngã, nặng.
#[rustfmt::skip]
const TCVN3: [(char, char); 74] = [
    ('¸', 'á'), ('µ', 'à'), ('¶', 'ả'), ('·', 'ã'), ('¹', 'ạ'),
    ('¨', 'ă'), ('¾', 'ắ'), ('»', 'ằ'), ('¼', 'ẳ'), ('½', 'ẵ'), ('Æ', 'ặ'),
    ('©', 'â'), ('Ê', 'ấ'), ('Ç', 'ầ'), ('È', 'ẩ'), ('É', 'ẫ'), ('Ë', 'ậ'),
    ('Ð', 'é'), ('Ì', 'è'), ('Î', 'ẻ'), ('Ï', 'ẽ'), ('Ñ', 'ẹ'),
    ('ª', 'ê'), ('Õ', 'ế'), ('Ò', 'ề'), ('Ó', 'ể'), ('Ô', 'ễ'), ('Ö', 'ệ'),
    ('Ý', 'í'), ('×', 'ì'), ('Ø', 'ỉ'), ('Ü', 'ĩ'), ('Þ', 'ị'),
    ('ã', 'ó'), ('ß', 'ò'), ('á', 'ỏ'), ('â', 'õ'), ('ä', 'ọ'),
    ('«', 'ô'), ('è', 'ố'), ('å', 'ồ'), ('æ', 'ổ'), ('ç', 'ỗ'), ('é', 'ộ'),
    ('¬', 'ơ'), ('í', 'ớ'), ('ê', 'ờ'), ('ë', 'ở'), ('ì', 'ỡ'), ('î', 'ợ'),
    ('ó', 'ú'), ('ï', 'ù'), ('ñ', 'ủ'), ('ò', 'ũ'), ('ô', 'ụ'),
    // 0xAD is the soft hyphen: invisible in Excel, yet it is the letter ư
    ('\u{AD}', 'ư'), ('ø', 'ứ'), ('õ', 'ừ'), ('ö', 'ử'), ('÷', 'ữ'), ('ù', 'ự'),
    ('ý', 'ý'), ('ú', 'ỳ'), ('û', 'ỷ'), ('ü', 'ỹ'), ('þ', 'ỵ'),
    ('®', 'đ'),
    ('¡', 'Ă'), ('¢', 'Â'), ('£', 'Ê'), ('¤', 'Ô'), ('¥', 'Ơ'), ('¦', 'Ư'), ('§', 'Đ'),
];

/// VNI (legacy spelling, Unicode letter), lower case; a capital is written with the Latin-1
/// capitals of the same characters ("AÙ" = Á), so capitals are found through this table too.
#[rustfmt::skip]
const VNI: [(&str, char); 67] = [
    ("aù", 'á'), ("aø", 'à'), ("aû", 'ả'), ("aõ", 'ã'), ("aï", 'ạ'),
    ("aê", 'ă'), ("aé", 'ắ'), ("aè", 'ằ'), ("aú", 'ẳ'), ("aü", 'ẵ'), ("aë", 'ặ'),
    ("aâ", 'â'), ("aá", 'ấ'), ("aà", 'ầ'), ("aå", 'ẩ'), ("aã", 'ẫ'), ("aä", 'ậ'),
    ("eù", 'é'), ("eø", 'è'), ("eû", 'ẻ'), ("eõ", 'ẽ'), ("eï", 'ẹ'),
    ("eâ", 'ê'), ("eá", 'ế'), ("eà", 'ề'), ("eå", 'ể'), ("eã", 'ễ'), ("eä", 'ệ'),
    ("í", 'í'), ("ì", 'ì'), ("æ", 'ỉ'), ("ó", 'ĩ'), ("ò", 'ị'),
    ("où", 'ó'), ("oø", 'ò'), ("oû", 'ỏ'), ("oõ", 'õ'), ("oï", 'ọ'),
    ("oâ", 'ô'), ("oá", 'ố'), ("oà", 'ồ'), ("oå", 'ổ'), ("oã", 'ỗ'), ("oä", 'ộ'),
    ("ô", 'ơ'), ("ôù", 'ớ'), ("ôø", 'ờ'), ("ôû", 'ở'), ("ôõ", 'ỡ'), ("ôï", 'ợ'),
    ("uù", 'ú'), ("uø", 'ù'), ("uû", 'ủ'), ("uõ", 'ũ'), ("uï", 'ụ'),
    ("ö", 'ư'), ("öù", 'ứ'), ("öø", 'ừ'), ("öû", 'ử'), ("öõ", 'ữ'), ("öï", 'ự'),
    ("yù", 'ý'), ("yø", 'ỳ'), ("yû", 'ỷ'), ("yõ", 'ỹ'), ("î", 'ỵ'),
    ("ñ", 'đ'),
];

fn tcvn3_map() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| TCVN3.into_iter().collect())
}

fn vni_map() -> &'static HashMap<&'static str, char> {
    static MAP: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    MAP.get_or_init(|| VNI.into_iter().collect())
}

/// The Unicode letter a VNI spelling of one or two characters stands for, in the case of its
/// first character. The mark's case is not checked: a VNI keyboard writes "AÙ", but text
/// passed through a "capitalise each word" tool reads "Aù", and both mean Á.
fn vni_letter(spelling: &[char]) -> Option<char> {
    let lower: String = spelling
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let letter = *vni_map().get(lower.as_str())?;
    if spelling[0].is_uppercase() {
        letter.to_uppercase().next()
    } else {
        Some(letter)
    }
}

/// Letters that only Unicode text can hold: ă đ ĩ ũ ơ ư and the U+1EA0–U+1EF9 block, in either
/// case, and combining marks (NFD text). Legacy text is Latin-1 / Windows-1252 characters and
/// never contains them, so one of them proves the text is Unicode already.
fn is_unicode_only(c: char) -> bool {
    matches!(c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
        | '\u{1EA0}'..='\u{1EF9}'
        | '\u{0300}'..='\u{036F}')
}

/// Converts without the Unicode guard and without normalising; the detector converts single
/// words with it.
fn convert(s: &str, from: LegacyEncoding) -> String {
    match from {
        LegacyEncoding::Tcvn3 => {
            let map = tcvn3_map();
            s.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
        }
        LegacyEncoding::Vni => {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            let mut i = 0;
            while i < chars.len() {
                // A base letter and its mark first (so "oâ" is ô, not o + â), then one character.
                if let Some(letter) = chars.get(i..i + 2).and_then(vni_letter) {
                    out.push(letter);
                    i += 2;
                } else {
                    out.push(vni_letter(&chars[i..=i]).unwrap_or(chars[i]));
                    i += 1;
                }
            }
            out
        }
    }
}

/// Converts text typed in `from` to Unicode NFC. Characters that are not Vietnamese letters in
/// that encoding (ASCII, digits, punctuation) are kept.
///
/// Text that already holds letters only Unicode has (ư, ơ, ạ… or combining marks) is returned
/// unchanged (in NFC): it cannot be legacy text, and converting it would corrupt the Latin-1
/// letters it shares with the legacy code points ("Tâm" would become "Tõm" as TCVN3). This
/// keeps a column converted cell by cell safe when someone retyped a few cells in Unicode.
pub fn to_unicode(s: &str, from: LegacyEncoding) -> String {
    if s.chars().any(is_unicode_only) {
        return s.nfc().collect();
    }
    convert(s, from).nfc().collect()
}

/// Unicode text as a TCVN3 (ABC) font stores it, for writing test and demo files shaped like
/// the ones communes still receive. Toned capitals, which TCVN3 lacks, are written as their
/// lower-case letter (as the separate capitals fonts stored them).
pub fn to_tcvn3(s: &str) -> String {
    static INVERSE: OnceLock<HashMap<char, char>> = OnceLock::new();
    let inverse = INVERSE.get_or_init(|| TCVN3.iter().map(|(l, u)| (*u, *l)).collect());
    s.nfc()
        .flat_map(|c| match inverse.get(&c) {
            Some(l) => vec![*l],
            None if c.is_uppercase() => c
                .to_lowercase()
                .map(|lc| inverse.get(&lc).copied().unwrap_or(c))
                .collect(),
            None => vec![c],
        })
        .collect()
}

/// For text in the TCVN3 capitals fonts (.VnTimeH etc.): same as to_unicode then upper-cased.
/// These fonts draw capitals at TCVN3's lower-case code points, so "ñy ban" in `.VnTimeH` is
/// shown — and meant — as "ỦY BAN". Which font a cell uses is in the spreadsheet's styles; a
/// font name ending in "H" (".VnTimeH", ".VnArialH") is a capitals font.
pub fn tcvn3_capitals_to_unicode(s: &str) -> String {
    to_unicode(s, LegacyEncoding::Tcvn3)
        .to_uppercase()
        .nfc()
        .collect()
}

/// Evidence for one encoding, counted over words.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    /// Words that are not Vietnamese as they stand and become a Vietnamese syllable.
    gains: u32,
    /// Words that are Vietnamese as they stand and stop being one once converted.
    losses: u32,
}

impl Evidence {
    /// Losses weigh double: converting must not break words that already read right.
    fn net(&self) -> i64 {
        i64::from(self.gains) - 2 * i64::from(self.losses)
    }

    /// Clear evidence: more gains than twice the losses (so at least one), and more gains
    /// than samples proven to be Unicode (a column mostly typed in Unicode is left alone).
    fn is_clear(&self, unicode_samples: u32) -> bool {
        self.net() > 0 && self.gains > unicode_samples
    }
}

#[derive(Debug, Default)]
struct Tally {
    tcvn3: Evidence,
    vni: Evidence,
    unicode_samples: u32,
}

impl Tally {
    fn add(&mut self, s: &str) {
        if s.chars().any(is_unicode_only) {
            self.unicode_samples += 1;
            return;
        }
        // Words are split at white space and ASCII punctuation and digits only: many legacy
        // letters are Unicode punctuation or symbols ("·" is ã, "«" is ô, "§" is Đ in TCVN3).
        let words = s
            .split(|c: char| c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphabetic()))
            .filter(|w| !w.is_ascii());
        for word in words {
            let before = is_vietnamese_syllable(word);
            for (encoding, evidence) in [
                (LegacyEncoding::Tcvn3, &mut self.tcvn3),
                (LegacyEncoding::Vni, &mut self.vni),
            ] {
                let converted = convert(word, encoding);
                // A word that converts to a single letter says too little: "·", "©", "µ"
                // standing alone in Unicode text are symbols, yet read as "ã", "â", "à" in
                // TCVN3, and the French "où" reads as "ó" in VNI.
                if converted == word || converted.chars().nth(1).is_none() {
                    continue;
                }
                // A word that reads right both ways ("Hoàng" is also VNI for "Hồng") is no
                // evidence either way.
                match (before, is_vietnamese_syllable(&converted)) {
                    (false, true) => evidence.gains += 1,
                    (true, false) => evidence.losses += 1,
                    _ => {}
                }
            }
        }
    }

    fn verdict(&self) -> Option<LegacyEncoding> {
        let tcvn3 = self.tcvn3.is_clear(self.unicode_samples);
        let vni = self.vni.is_clear(self.unicode_samples);
        match (tcvn3, vni) {
            (true, false) => Some(LegacyEncoding::Tcvn3),
            (false, true) => Some(LegacyEncoding::Vni),
            (true, true) => match self.tcvn3.net().cmp(&self.vni.net()) {
                std::cmp::Ordering::Greater => Some(LegacyEncoding::Tcvn3),
                std::cmp::Ordering::Less => Some(LegacyEncoding::Vni),
                std::cmp::Ordering::Equal => None,
            },
            (false, false) => None,
        }
    }
}

/// Which legacy encoding `s` is most likely typed in, or None when it reads as Unicode
/// Vietnamese / plain text already. Must not flag ordinary Unicode Vietnamese, English, or
/// French/Latin-1 words with accents (e.g. "Café", "Hà Nội", "Ủy ban") as legacy.
///
/// How: a letter only Unicode has (ư, ạ…) settles it as Unicode. Otherwise every word with
/// characters beyond ASCII is converted both ways and checked with the Vietnamese syllable
/// rules: a word that becomes a syllable counts for the encoding, a syllable that stops being
/// one counts against it (see `Evidence::is_clear`). Foreign words seldom become syllables —
/// "Café" as TCVN3 is "Cafộ", "crème" is "crốme" — and Unicode Vietnamese written with Latin-1
/// letters only either stays a syllable ("Tô" → "Tụ") or breaks ("Bình" → "Bỡnh").
/// The limit: a foreign word that happens to spell a syllable in a legacy encoding ("Loïc" is
/// VNI for "Lọc") is read as legacy, one more reason to show the clerk a conversion first.
pub fn detect(s: &str) -> Option<LegacyEncoding> {
    detect_many([s])
}

/// Detection over many strings of one file/column (legacy files are consistent; a column
/// gives far more evidence than one cell). Returns the encoding if the evidence is clear.
///
/// Then convert each cell with [`to_unicode`] (cells holding letters only Unicode has pass
/// through unchanged), and show the clerk the result before saving: names are personal data
/// and are never rewritten silently.
pub fn detect_many<'a>(samples: impl IntoIterator<Item = &'a str>) -> Option<LegacyEncoding> {
    let mut tally = Tally::default();
    for s in samples {
        tally.add(s);
    }
    tally.verdict()
}

/// Detects and converts in one step: (converted text in NFC, the encoding found if any).
/// TCVN3 text is converted as in an ordinary font; text known to be in a capitals font
/// goes through [`tcvn3_capitals_to_unicode`] instead.
pub fn fix(s: &str) -> (String, Option<LegacyEncoding>) {
    match detect(s) {
        Some(encoding) => (to_unicode(s, encoding), Some(encoding)),
        None => (s.nfc().collect(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;
    use LegacyEncoding::{Tcvn3, Vni};

    /// Tone marks in the order of the rows below: none, sắc, huyền, hỏi, ngã, nặng.
    const TONES: [&str; 6] = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"];

    fn with_tone(base: char, tone: &str) -> String {
        format!("{base}{tone}").nfc().collect()
    }

    /// All 134 precomposed Vietnamese letters outside ASCII.
    fn all_letters() -> Vec<char> {
        let mut letters = vec!['đ', 'Đ'];
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY".chars() {
            for tone in TONES {
                let letter = with_tone(base, tone);
                let c = letter.chars().next().unwrap();
                if !c.is_ascii() {
                    letters.push(c);
                }
            }
        }
        letters
    }

    /// TCVN3 rows as Unikey's VnConv writes them (byte values; unikey/data.cpp), independent of
    /// the character table above.
    const TCVN3_ROWS: [(char, [u8; 6]); 12] = [
        ('a', [0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9]),
        ('ă', [0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6]),
        ('â', [0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB]),
        ('e', [0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1]),
        ('ê', [0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6]),
        ('i', [0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE]),
        ('o', [0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4]),
        ('ô', [0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9]),
        ('ơ', [0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE]),
        ('u', [0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4]),
        ('ư', [0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9]),
        ('y', [0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE]),
    ];

    /// VNI rows as Unikey writes them: low byte the base letter, high byte the mark (0 = none).
    const VNI_ROWS: [(char, [u16; 6]); 24] = [
        ('a', [0x0061, 0xF961, 0xF861, 0xFB61, 0xF561, 0xEF61]),
        ('ă', [0xEA61, 0xE961, 0xE861, 0xFA61, 0xFC61, 0xEB61]),
        ('â', [0xE261, 0xE161, 0xE061, 0xE561, 0xE361, 0xE461]),
        ('e', [0x0065, 0xF965, 0xF865, 0xFB65, 0xF565, 0xEF65]),
        ('ê', [0xE265, 0xE165, 0xE065, 0xE565, 0xE365, 0xE465]),
        ('i', [0x0069, 0x00ED, 0x00EC, 0x00E6, 0x00F3, 0x00F2]),
        ('o', [0x006F, 0xF96F, 0xF86F, 0xFB6F, 0xF56F, 0xEF6F]),
        ('ô', [0xE26F, 0xE16F, 0xE06F, 0xE56F, 0xE36F, 0xE46F]),
        ('ơ', [0x00F4, 0xF9F4, 0xF8F4, 0xFBF4, 0xF5F4, 0xEFF4]),
        ('u', [0x0075, 0xF975, 0xF875, 0xFB75, 0xF575, 0xEF75]),
        ('ư', [0x00F6, 0xF9F6, 0xF8F6, 0xFBF6, 0xF5F6, 0xEFF6]),
        ('y', [0x0079, 0xF979, 0xF879, 0xFB79, 0xF579, 0x00EE]),
        ('A', [0x0041, 0xD941, 0xD841, 0xDB41, 0xD541, 0xCF41]),
        ('Ă', [0xCA41, 0xC941, 0xC841, 0xDA41, 0xDC41, 0xCB41]),
        ('Â', [0xC241, 0xC141, 0xC041, 0xC541, 0xC341, 0xC441]),
        ('E', [0x0045, 0xD945, 0xD845, 0xDB45, 0xD545, 0xCF45]),
        ('Ê', [0xC245, 0xC145, 0xC045, 0xC545, 0xC345, 0xC445]),
        ('I', [0x0049, 0x00CD, 0x00CC, 0x00C6, 0x00D3, 0x00D2]),
        ('O', [0x004F, 0xD94F, 0xD84F, 0xDB4F, 0xD54F, 0xCF4F]),
        ('Ô', [0xC24F, 0xC14F, 0xC04F, 0xC54F, 0xC34F, 0xC44F]),
        ('Ơ', [0x00D4, 0xD9D4, 0xD8D4, 0xDBD4, 0xD5D4, 0xCFD4]),
        ('U', [0x0055, 0xD955, 0xD855, 0xDB55, 0xD555, 0xCF55]),
        ('Ư', [0x00D6, 0xD9D6, 0xD8D6, 0xDBD6, 0xD5D6, 0xCFD6]),
        ('Y', [0x0059, 0xD959, 0xD859, 0xDB59, 0xD559, 0x00CE]),
    ];

    fn vni_spelling(word: u16) -> String {
        let [low, high] = word.to_le_bytes();
        [low, high]
            .into_iter()
            .filter(|b| *b != 0)
            .map(char::from)
            .collect()
    }

    #[test]
    fn tcvn3_table_agrees_with_unikey_rows() {
        let mut checked = 0;
        for (base, row) in TCVN3_ROWS {
            for (tone, byte) in TONES.iter().zip(row) {
                let expected = with_tone(base, tone);
                assert_eq!(
                    to_unicode(&char::from(byte).to_string(), Tcvn3),
                    expected,
                    "byte {byte:#04X}"
                );
                checked += 1;
            }
        }
        for (byte, capital) in [
            (0xA1, "Ă"),
            (0xA2, "Â"),
            (0xA3, "Ê"),
            (0xA4, "Ô"),
            (0xA5, "Ơ"),
            (0xA6, "Ư"),
            (0xA7, "Đ"),
            (0xAE, "đ"),
        ] {
            assert_eq!(to_unicode(&char::from(byte).to_string(), Tcvn3), capital);
            checked += 1;
        }
        assert_eq!(
            checked, 80,
            "72 vowel forms (6 plain ASCII) + đ + 7 capitals"
        );
    }

    #[test]
    fn vni_table_agrees_with_unikey_rows() {
        for (base, row) in VNI_ROWS {
            for (tone, word) in TONES.iter().zip(row) {
                let spelling = vni_spelling(word);
                assert_eq!(
                    to_unicode(&spelling, Vni),
                    with_tone(base, tone),
                    "VNI {spelling:?}"
                );
            }
        }
        assert_eq!(to_unicode("ñ", Vni), "đ");
        assert_eq!(to_unicode("Ñ", Vni), "Đ");
    }

    /// Encodes with inverse tables built here, then decodes: every one of the 134 letters.
    #[test]
    fn every_letter_round_trips() {
        let tcvn3_inverse: HashMap<char, char> = TCVN3.iter().map(|(l, u)| (*u, *l)).collect();
        let vni_inverse: HashMap<char, &str> = VNI.iter().map(|(l, u)| (*u, *l)).collect();
        let letters = all_letters();
        assert_eq!(letters.len(), 134);
        for letter in letters {
            let lower = letter.to_lowercase().next().unwrap();
            // TCVN3: a toned capital is typed with the lower-case code in a capitals font.
            let code = tcvn3_inverse
                .get(&letter)
                .or_else(|| tcvn3_inverse.get(&lower))
                .copied()
                .unwrap_or_else(|| panic!("no TCVN3 code for {letter}"));
            if tcvn3_inverse.contains_key(&letter) {
                assert_eq!(to_unicode(&code.to_string(), Tcvn3), letter.to_string());
            } else {
                assert!(
                    letter.is_uppercase(),
                    "lower-case {letter} missing in TCVN3"
                );
                assert_eq!(to_unicode(&code.to_string(), Tcvn3), lower.to_string());
            }
            assert_eq!(
                tcvn3_capitals_to_unicode(&code.to_string()),
                letter.to_uppercase().to_string()
            );
            // VNI: every letter has its own spelling; capitals are the Latin-1 capitals.
            let spelling = vni_inverse[&lower];
            let spelling = if letter.is_uppercase() {
                spelling.to_uppercase()
            } else {
                spelling.to_string()
            };
            assert_eq!(to_unicode(&spelling, Vni), letter.to_string(), "{spelling}");
        }
    }

    fn encode_tcvn3(s: &str) -> String {
        let inverse: HashMap<char, char> = TCVN3.iter().map(|(l, u)| (*u, *l)).collect();
        s.chars().map(|c| *inverse.get(&c).unwrap_or(&c)).collect()
    }

    fn encode_vni(s: &str) -> String {
        let inverse: HashMap<char, &str> = VNI.iter().map(|(l, u)| (*u, *l)).collect();
        s.chars()
            .map(|c| {
                let lower = c.to_lowercase().next().unwrap();
                match inverse.get(&lower) {
                    Some(v) if c.is_uppercase() => v.to_uppercase(),
                    Some(v) => v.to_string(),
                    None => c.to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn sentences_are_detected_and_converted() {
        for sentence in [
            "Gia đình văn hóa",
            "Nguyễn Thị Thủy",
            "Trường THCS Hồng Kỳ",
            "Danh sách hộ gia đình đạt danh hiệu năm 2023",
            "Thôn Mường Khương, xã Tân Sơn",
        ] {
            let vni = encode_vni(sentence);
            assert_eq!(detect(&vni), Some(Vni), "{vni}");
            assert_eq!(fix(&vni), (sentence.to_string(), Some(Vni)));
            if sentence
                .chars()
                .all(|c| !c.is_uppercase() || c.is_ascii() || "ĂÂÊÔƠƯĐ".contains(c))
            {
                let tcvn3 = encode_tcvn3(sentence);
                assert_eq!(detect(&tcvn3), Some(Tcvn3), "{tcvn3}");
                assert_eq!(fix(&tcvn3), (sentence.to_string(), Some(Tcvn3)));
            }
        }
        // Spelled out, as they look in a spreadsheet opened without the legacy fonts.
        assert_eq!(to_unicode("Gia ®×nh v¨n hãa", Tcvn3), "Gia đình văn hóa");
        assert_eq!(to_unicode("NguyÔn ThÞ Thñy", Tcvn3), "Nguyễn Thị Thủy");
        assert_eq!(
            to_unicode("Tr\u{AD}êng THCS Hång Kú", Tcvn3),
            "Trường THCS Hồng Kỳ"
        );
        assert_eq!(to_unicode("Gia ñình vaên hoùa", Vni), "Gia đình văn hóa");
        assert_eq!(to_unicode("Nguyeãn Thò Thuûy", Vni), "Nguyễn Thị Thủy");
        assert_eq!(
            to_unicode("Tröôøng THCS Hoàng Kyø", Vni),
            "Trường THCS Hồng Kỳ"
        );
        assert_eq!(to_unicode("NGUYEÃN THÒ THUÛY", Vni), "NGUYỄN THỊ THỦY");
        // Published examples: the vietnamese-conversion README and a TCVN3 converter's usage.
        assert_eq!(to_unicode("Xin chaøo caùc baïn", Vni), "Xin chào các bạn");
        assert_eq!(to_unicode("B¶o Th¾ng", Tcvn3), "Bảo Thắng");
    }

    #[test]
    fn soft_hyphen_is_the_letter_u_horn() {
        // TCVN3 "trường": t r ư(0xAD) ờ(0xEA, shown "ê") n g
        assert_eq!(encode_tcvn3("trường"), "tr\u{AD}êng");
        assert_eq!(to_unicode("tr\u{AD}êng", Tcvn3), "trường");
        assert_eq!(detect("tr\u{AD}êng"), Some(Tcvn3));
        assert_eq!(to_unicode("M\u{AD}êng Kh\u{AD}¬ng", Tcvn3), "Mường Khương");
        // and its capital is "¦"
        assert_eq!(to_unicode("¦u tiªn", Tcvn3), "Ưu tiên");
    }

    #[test]
    fn capitals_font_text_is_upper_cased() {
        // "ƯU TIÊN" typed in .VnTimeH is stored with the lower-case codes
        assert_eq!(tcvn3_capitals_to_unicode("\u{AD}u tiªn"), "ƯU TIÊN");
        assert_eq!(
            tcvn3_capitals_to_unicode("ñy ban nh©n d©n x· t©n s¬n"),
            "ỦY BAN NHÂN DÂN XÃ TÂN SƠN"
        );
        assert_eq!(detect("\u{AD}u tiªn"), Some(Tcvn3));
    }

    #[test]
    fn one_word_cells_are_detected() {
        assert_eq!(detect("Khèi"), Some(Tcvn3)); // Khối
        assert_eq!(detect("Th¾ng"), Some(Tcvn3)); // Thắng
        assert_eq!(detect("Nguyeãn"), Some(Vni)); // Nguyễn
        assert_eq!(detect("Thaéng"), Some(Vni)); // Thắng
        assert_eq!(fix("Hoaøng"), ("Hoàng".to_string(), Some(Vni)));
        // Latin-1 letters that look Vietnamese but carry the mark in the wrong place
        assert_eq!(fix("Leâ"), ("Lê".to_string(), Some(Vni)));
        assert_eq!(fix("XAÕ"), ("XÃ".to_string(), Some(Vni)));
        assert_eq!(fix("Ñôn vò"), ("Đơn vị".to_string(), Some(Vni)));
    }

    #[test]
    fn vni_mark_case_follows_the_base_letter() {
        assert_eq!(to_unicode("Aùnh", Vni), "Ánh");
        assert_eq!(to_unicode("AÙNH", Vni), "ÁNH");
    }

    #[test]
    fn unicode_plain_and_foreign_text_is_not_legacy() {
        for s in [
            "",
            "   ",
            "2023",
            "1.234.567",
            "STT",
            "Hello world, this is English.",
            "Café crème",
            "Café",
            "Noël à Paris",
            "Müller Straße",
            "España, São Paulo",
            "Où est-il ?",
            "Hà Nội",
            "Ủy ban nhân dân xã An Bình",
            "Nguyễn Văn Thắng",
            "Pha\u{0323}m Thi\u{0323} Ho\u{0300}a",
            "Tô Lâm",
            "Bình",
            "Hoàng Anh",
            "Hoà",
            "Công ty ABC® · Số 1",
        ] {
            assert_eq!(detect(s), None, "{s:?}");
            assert_eq!(fix(s), (s.nfc().collect(), None), "{s:?}");
        }
    }

    #[test]
    fn unicode_text_is_never_rewritten_by_to_unicode() {
        assert_eq!(to_unicode("Nguyễn Thị Tâm", Tcvn3), "Nguyễn Thị Tâm");
        assert_eq!(to_unicode("Hoàng Văn Hải", Vni), "Hoàng Văn Hải");
        assert_eq!(to_unicode("Ho\u{0300}a", Tcvn3), "Hòa");
    }

    #[test]
    fn a_column_gives_evidence_a_cell_cannot() {
        // One-word cells: the column decides even where a cell alone would not.
        let tcvn3 = ["Th«n 1", "B¶n X¸t", "Hµ", "Lß ThÞ S©m", "Nguyễn Văn An"];
        assert_eq!(detect_many(tcvn3), Some(Tcvn3));
        let vni = ["Hoà", "Nguyeãn Vaên Thaéng", "Tröôøng", "Hoàng"];
        assert_eq!(detect_many(vni), Some(Vni));
        let unicode = ["Hoà", "Tô Lâm", "Bình", "Café", "Nguyễn Văn An", ""];
        assert_eq!(detect_many(unicode), None);
        assert_eq!(detect_many(std::iter::empty()), None);
        // mostly Unicode with one stray word is still Unicode
        let mostly = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Th«n"];
        assert_eq!(detect_many(mostly), None);
    }

    #[test]
    fn arbitrary_input_never_panics_and_gives_nfc() {
        // A small deterministic generator: no random crate needed for a smoke test.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let extras = [
            'ư', 'ạ', 'Đ', '\u{301}', '\u{323}', '\u{302}', '€', '—', '\u{0}',
        ];
        for _ in 0..3000 {
            let len = (next() % 12) as usize;
            let s: String = (0..len)
                .map(|_| match next() % 4 {
                    0 => char::from((next() % 0x60) as u8 + 0x20),
                    1 | 2 => char::from((next() % 0x60) as u8 + 0xA0),
                    _ => extras[(next() % extras.len() as u64) as usize],
                })
                .collect();
            for out in [
                to_unicode(&s, Tcvn3),
                to_unicode(&s, Vni),
                tcvn3_capitals_to_unicode(&s),
                fix(&s).0,
            ] {
                assert!(is_nfc(&out), "{s:?} → {out:?}");
            }
            let _ = detect(&s);
            let _ = detect_many([s.as_str(), "x"]);
            let _ = crate::text::name_key(&s);
        }
    }

    #[test]
    fn serialises_in_snake_case() {
        assert_eq!(serde_json::to_string(&Tcvn3).unwrap(), "\"tcvn3\"");
        assert_eq!(serde_json::to_string(&Vni).unwrap(), "\"vni\"");
    }
}
