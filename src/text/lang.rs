//! Is this stretch of German text actually English?
//!
//! Untranslated English is a classic MT failure, but English names, titles
//! and quotes are legitimate in German text. A statistical language model
//! (lingua, restricted to English and German) is accurate on short strings
//! but costs ~27 µs a call, too slow for every sentence of a million-pair
//! batch. So we screen cheaply first (share of English function words) and
//! ask lingua only when the screen says "maybe".

use super::lexicon::{ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS};
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

static DETECTOR: LazyLock<LanguageDetector> =
    LazyLock::new(|| LanguageDetectorBuilder::from_languages(&[Language::English, Language::German]).build());

/// Longest function word in either list, in bytes: longer words are
/// skipped without a lookup (most German words are long, and this screen
/// runs on every sentence).
const LONGEST_FUNCTION_WORD: usize = 7;

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
fn pack_lowercase(word: &str) -> Option<u64> {
    let mut buf = [0u8; 8];
    if word.is_ascii() {
        // Fast path for nearly every word: no char decoding.
        if word.len() > buf.len() {
            return None;
        }
        buf[..word.len()].copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        return Some(u64::from_le_bytes(buf));
    }
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[len..]);
        len += n;
    }
    Some(u64::from_le_bytes(buf))
}

/// Counts of English-only and German-only function words among `words`.
pub fn function_word_counts<'a>(words: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let table = &*FUNCTION_WORDS;
    let (mut en, mut de) = (0, 0);
    for w in words {
        if w.len() > LONGEST_FUNCTION_WORD {
            continue;
        }
        let Some(key) = pack_lowercase(w) else { continue };
        match table.get(&key) {
            Some(1) => en += 1,
            Some(-1) => de += 1,
            _ => {}
        }
    }
    (en, de)
}

/// lingua's confidence (0..1) that `text` is English rather than German.
pub fn english_confidence(text: &str) -> f64 {
    DETECTOR.compute_language_confidence(text, Language::English)
}

#[cfg(test)]
mod tests {
    use super::*;

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
