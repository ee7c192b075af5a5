//! Anchors: the bits of a paragraph that survive translation unchanged.
//!
//! Lengths alone cannot tell a paragraph split in two from a paragraph
//! followed by an inserted "Read more"; but numbers, names, acronyms,
//! month and weekday names and quotation marks reappear on the German side,
//! so counting the anchors two stretches share tells the aligner which
//! paragraphs belong together. Each anchor is a 64-bit key; a paragraph
//! keeps its keys sorted so that two paragraphs compare by a linear merge.

use crate::text::anchors::Key;
use crate::text::lexicon::{contains, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS};
use crate::text::tokens::{starts_uppercase, tokenize, Token, TokenKind};

/// Month and weekday names in both languages, mapped to one key each, so
/// "on Friday" meets "am Freitag" and "in July" meets "im Juli".
const CALENDAR: &[(&str, u8)] = &[
    ("january", 1),
    ("januar", 1),
    ("jänner", 1),
    ("february", 2),
    ("februar", 2),
    ("march", 3),
    ("märz", 3),
    ("april", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juni", 6),
    ("july", 7),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("dezember", 12),
    ("monday", 21),
    ("montag", 21),
    ("tuesday", 22),
    ("dienstag", 22),
    ("wednesday", 23),
    ("mittwoch", 23),
    ("thursday", 24),
    ("donnerstag", 24),
    ("friday", 25),
    ("freitag", 25),
    ("saturday", 26),
    ("samstag", 26),
    ("sonnabend", 26),
    ("sunday", 27),
    ("sonntag", 27),
];

/// Double quotation marks of either language; a pair of them is one anchor.
const QUOTE_MARKS: &[char] = &['"', '“', '”', '„', '«', '»'];

const NUMBER_TAG: u64 = 1;
const WORD_TAG: u64 = 2;
const CALENDAR_TAG: u64 = 3;
const QUOTE_TAG: u64 = 4;

/// The sorted anchor keys of one stretch of text.
pub fn anchors(text: &str) -> Vec<u64> {
    anchors_of_tokens(text, &tokenize(text))
}

/// The sorted anchor keys of already tokenized text (a sentence's tokens).
pub fn anchors_of_tokens(text: &str, tokens: &[Token]) -> Vec<u64> {
    let mut keys = Vec::new();
    let mut quotes = 0;
    for token in tokens {
        let word = token.text(text);
        match token.kind {
            TokenKind::Number => keys.push(number_key(word)),
            TokenKind::Word => {
                for part in crate::text::tokens::hyphen_parts(word) {
                    if let Some(key) = word_key(part) {
                        keys.push(key);
                    }
                }
            }
            TokenKind::Punct => quotes += usize::from(word.chars().all(|c| QUOTE_MARKS.contains(&c))),
        }
    }
    keys.extend(std::iter::repeat_n(hash(QUOTE_TAG, b"\""), quotes / 2));
    keys.sort_unstable();
    keys
}

/// "1.000", "1,000" and "1000" are the same number to a reader; so are
/// "3,5" and "3.5". Dropping the separators keeps the digits, which is
/// what survives translation.
fn number_key(number: &str) -> u64 {
    let digits: Vec<u8> = number.bytes().filter(u8::is_ascii_digit).collect();
    hash(NUMBER_TAG, &digits)
}

/// Capitalised words that are not function words: names, acronyms,
/// places, and on the German side every noun (harmless: a German noun only
/// counts when the English side has the same word capitalised).
fn word_key(part: &str) -> Option<u64> {
    if part.chars().count() < 2 || !starts_uppercase(part) {
        return None;
    }
    let lower = part.to_lowercase();
    if let Some(&(_, n)) = CALENDAR.iter().find(|(name, _)| *name == lower) {
        return Some(hash(CALENDAR_TAG, &[n]));
    }
    if contains(ENGLISH_FUNCTION_WORDS, &lower) || contains(GERMAN_FUNCTION_WORDS, &lower) {
        return None;
    }
    // "Johnson's", "Johnsons" and "Johnson" are one name; the shared
    // folding lets "Mexico" meet "Mexiko" and "Brussels" meet "Brüssel".
    let stem = lower.trim_end_matches("'s").trim_end_matches("’s");
    let stem = match stem.strip_suffix('s') {
        Some(s) if s.chars().count() >= 3 => s,
        _ => stem,
    };
    Some(hash(WORD_TAG, Key::fold(stem).as_bytes()))
}

/// FNV-1a, seeded with the anchor's kind so a number never equals a word.
fn hash(tag: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ tag;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How many keys two sorted multisets share (counting repeats).
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Merges sorted key lists into `out` (sorted), for multi-paragraph beads.
pub fn merge_into(out: &mut Vec<u64>, lists: &[&[u64]]) {
    out.clear();
    for list in lists {
        out.extend_from_slice(list);
    }
    out.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn common(en: &str, de: &str) -> usize {
        shared(&anchors(en), &anchors(de))
    }

    #[test]
    fn numbers_match_across_locale_separators() {
        assert_eq!(common("It cost 1,000 euros, up 3.5 percent.", "Es kostete 1.000 Euro, 3,5 Prozent mehr."), 2);
    }

    #[test]
    fn names_acronyms_and_weekdays_match() {
        let en = "On Friday, NATO and Johnson's office met in Brussels.";
        let de = "Am Freitag trafen sich die NATO und das Büro von Johnsons in Brüssel.";
        // Friday/Freitag, NATO, Johnson, and Brussels/Brüssel (folded spellings meet).
        assert_eq!(common(en, de), 4);
        assert_eq!(common("in Mexico City", "in Mexiko-Stadt"), 1);
    }

    #[test]
    fn compounds_expose_their_names() {
        assert_eq!(common("the US president", "der US-Präsident"), 1);
    }

    #[test]
    fn function_words_and_lowercase_words_are_not_anchors() {
        assert_eq!(common("In the end it was so.", "In der Nacht war es so."), 0);
    }

    #[test]
    fn quotes_count_in_pairs() {
        assert_eq!(common("He said \"no\" twice.", "Er sagte „nein“ zweimal."), 1);
    }
}
