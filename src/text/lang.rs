//! Is this stretch of German text actually English?
//!
//! Untranslated English is a classic MT failure, but English names, titles
//! and quotes are legitimate in German text. A statistical language model
//! (lingua, restricted to English and German) is accurate on short strings
//! but costs ~27 µs a call, too slow for every sentence of a million-pair
//! batch. So we screen cheaply first (share of English function words) and
//! ask lingua only when the screen says "maybe".

use super::lexicon::{contains_lower, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS};
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[Language::English, Language::German]).build()
});

/// Counts of English-only and German-only function words among `words`.
pub fn function_word_counts<'a>(words: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let (mut en, mut de) = (0, 0);
    for w in words {
        // Words present in both lists ("in", "so", "an") say nothing.
        let is_en = contains_lower(ENGLISH_FUNCTION_WORDS, w);
        let is_de = contains_lower(GERMAN_FUNCTION_WORDS, w);
        if is_en && !is_de {
            en += 1;
        } else if is_de && !is_en {
            de += 1;
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
    }

    #[test]
    fn lingua_tells_english_from_german() {
        assert!(english_confidence("These reversals happened in spite of the waiting period.") > 0.9);
        assert!(english_confidence("Diese Geschichte wurde aktualisiert.") < 0.1);
    }
}
