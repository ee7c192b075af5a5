//! Is this stretch of German text actually English?
//!
//! Untranslated English is a classic MT failure, but English names, titles
//! and quotes are legitimate in German text. A statistical language model
//! (lingua, restricted to English and German) is accurate on short strings
//! but costs ~27 µs a call, too slow for every sentence of a million-pair
//! batch. So we screen cheaply first (share of English function words) and
//! ask lingua only when the screen says "maybe".

use super::lexicon::LONGEST_FUNCTION_WORD;
use super::lexicon::{ascii_lowercase_packed, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS};
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

static DETECTOR: LazyLock<LanguageDetector> =
    LazyLock::new(|| LanguageDetectorBuilder::from_languages(&[Language::English, Language::German]).build());

/// Which language a function word belongs to: +1 English only, -1 German
/// only, 0 both ("in", "so", "an": they say nothing).
type Leaning = i8;

/// Both function word lists as one table of packed lowercase words.
/// Looking up packed `u64`s instead of strings makes the screen several
/// times cheaper.
static FUNCTION_WORDS: LazyLock<rustc_hash::FxHashMap<u64, Leaning>> = LazyLock::new(|| {
    let mut table: Vec<(u64, Leaning)> = Vec::new();
    for (list, leaning) in [(ENGLISH_FUNCTION_WORDS, 1), (GERMAN_FUNCTION_WORDS, -1)] {
        for w in list {
            let Some(key) = pack_lowercase(w) else { continue };
            match table.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = 0,
                None => table.push((key, leaning)),
            }
        }
    }
    // A hash map on the packed keys: one probe instead of a binary search,
    // for every word of every German sentence.
    table.into_iter().collect()
});

/// The word lowercased and packed into a `u64`, if it fits in 8 bytes.
#[inline]
fn pack_lowercase(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() <= 8 {
        // Fast path for nearly every word: the bytes shifted into place
        // (the same little-endian packing) in one pass that also tells
        // whether they are ASCII, then lowercased all at once.
        let (mut packed, mut high) = (0u64, 0u8);
        for (k, &b) in bytes.iter().enumerate() {
            packed |= u64::from(b) << (8 * k);
            high |= b;
        }
        if high.is_ascii() {
            return Some(ascii_lowercase_packed(packed));
        }
    } else if word.is_ascii() {
        return None;
    }
    pack_lowercase_unicode(word)
}

/// [`pack_lowercase`] of a word with a non-ASCII byte (few): kept out of
/// line so the ASCII path inlines into the counting loops.
#[cold]
#[inline(never)]
fn pack_lowercase_unicode(word: &str) -> Option<u64> {
    let mut buf = [0u8; 8];
    let mut len = 0;
    let mut push = |c: char| {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return false;
        }
        c.encode_utf8(&mut buf[len..]);
        len += n;
        true
    };
    for c in word.chars() {
        // An ASCII letter lowercases to one ASCII letter: no Unicode tables.
        let fits = if c.is_ascii() { push(c.to_ascii_lowercase()) } else { c.to_lowercase().all(&mut push) };
        if !fits {
            return None;
        }
    }
    Some(u64::from_le_bytes(buf))
}

/// Counts of English-only and German-only function words among `words`.
pub fn function_word_counts<'a>(words: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let (mut en, mut de) = (0, 0);
    for w in words {
        match function_word_leaning(w) {
            1 => en += 1,
            -1 => de += 1,
            _ => {}
        }
    }
    (en, de)
}

/// What [`function_word_counts`] counts `w` as: 1 an English-only
/// function word, -1 a German-only one, 0 neither (or both).
#[inline]
pub fn function_word_leaning(w: &str) -> i8 {
    // Longer words are no function word: skipped without a lookup
    // (most German words are long, and this screen runs on every sentence).
    if w.len() > LONGEST_FUNCTION_WORD {
        return 0;
    }
    let Some(key) = pack_lowercase(w) else { return 0 };
    FUNCTION_WORDS.get(&key).copied().unwrap_or(0)
}

/// lingua's confidence (0..1) that `text` is English rather than German.
pub fn english_confidence(text: &str) -> f64 {
    DETECTOR.compute_language_confidence(text, Language::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_packing_is_the_padded_lowercase_bytes() {
        let bytes: Vec<u8> = (0u8..128).collect();
        // Every ASCII byte at every position of a word of up to eight.
        let words = (1..=8).flat_map(|n| bytes.chunks(n).map(|c| String::from_utf8(c.to_vec()).unwrap_or_default()));
        for w in words.chain(["", "a", "The", "UND", "nicht", "Abcdefgh", "abcdefghi", "@[`{Z"].map(String::from)) {
            let expected = (w.len() <= 8).then(|| {
                let mut buf = [0u8; 8];
                buf[..w.len()].copy_from_slice(w.to_ascii_lowercase().as_bytes());
                u64::from_le_bytes(buf)
            });
            assert_eq!(pack_lowercase(&w), expected, "{w:?}");
        }
        // Accented words: the lowercase characters' UTF-8, if it fits.
        for w in ["Über", "für", "ÄÖÜäöüß", "Straßenbahn", "İst", "ẞA"] {
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            let expected = (lower.len() <= 8).then(|| {
                let mut buf = [0u8; 8];
                buf[..lower.len()].copy_from_slice(lower.as_bytes());
                u64::from_le_bytes(buf)
            });
            assert_eq!(pack_lowercase(w), expected, "{w}");
        }
    }

    #[test]
    fn a_word_leans_as_it_is_counted() {
        for w in ENGLISH_FUNCTION_WORDS.iter().chain(GERMAN_FUNCTION_WORDS).chain(&["Haus", "THE", "Über", "x", ""]) {
            let leaning = match function_word_counts([*w]) {
                (1, 0) => 1,
                (0, 1) => -1,
                _ => 0,
            };
            assert_eq!(function_word_leaning(w), leaning, "{w}");
        }
    }

    #[test]
    fn screens_by_function_words() {
        assert_eq!(function_word_counts("You may also like the news".split(' ')), (4, 0));
        assert_eq!(function_word_counts("Die Ukraine bleibt trotzig und stark".split(' ')), (0, 2));
        assert_eq!(function_word_counts("Über In So THE".split(' ')), (1, 1));
    }

    #[test]
    fn no_function_word_is_longer_than_the_screen_allows() {
        for w in ENGLISH_FUNCTION_WORDS.iter().chain(GERMAN_FUNCTION_WORDS) {
            assert!(w.len() <= LONGEST_FUNCTION_WORD, "{w}");
        }
    }

    #[test]
    fn lingua_tells_english_from_german() {
        assert!(english_confidence("The museum reopened its doors in spite of the heavy rain.") > 0.9);
        assert!(english_confidence("Diese Geschichte wurde aktualisiert.") < 0.1);
    }
}
