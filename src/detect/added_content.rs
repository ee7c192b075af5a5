//! `added-content`: German text grounded nowhere in the English.
//!
//! Two kinds of German have no source: site text that a page or a
//! pipeline glued onto the translation (a "| Section" suffix, a "You may
//! also like" block that paired with no English paragraph), and names the
//! MT system made up. Both read fluently, so only a look at the source
//! reveals them. Numbers are left to `number-mismatch`, scrambled acronyms
//! to the acronym rule: this rule only speaks when nothing in the English
//! resembles the German at all.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::anchors::{self, Key};
use crate::text::tokens::is_all_caps;
use crate::text::{lexicon, Analysis, TokenKind};

crate::rule_meta! {
    /// German text with no counterpart in the English: glued-on site text, an unaligned paragraph, an invented name.
    ///
    /// **What it catches.** A German paragraph with no English paragraph at
    /// all (site boilerplate, a related-articles list, text paired by
    /// position with nothing); a site section glued onto a headline after a
    /// vertical bar (`… | Nachrichten über Atomwaffen`); a brand-like name
    /// or an acronym of three or more letters that appears nowhere in the
    /// English, in any spelling.
    ///
    /// **Why it matters.** Added text puts words in the author's mouth: a
    /// made-up name is a factual error, and site chrome in an article is
    /// noise a reader has to skip. Site text and unaligned paragraphs are
    /// minor; an invented name is major.
    ///
    /// **Not flagged.** German nouns (German capitalises every noun, so an
    /// ordinary capitalised word is never taken for a name); acronyms whose
    /// letters the English has, scrambled or not (the acronym rule judges
    /// those); German forms of English acronyms such as USA, UNO, EU, BIP;
    /// numbers (`number-mismatch` compares them); a bar the English has too.
    ///
    /// **Example.** English `North Korea completes "important" spy satellite
    /// test, state media say` → German `Nordkorea schließt „wichtigen“ Test
    /// des Spionagesatelliten ab, sagen staatliche Medien | Nachrichten über
    /// Atomwaffen`: the part after the bar is a site section, not
    /// translation.
    META {
        id: "added-content",
        category: Category::Addition,
        severity: Severity::Minor,
    }
}

/// A glued site section is short: a few words after the bar.
const MAX_SECTION_WORDS: usize = 6;

pub struct AddedContent;

impl Detector for AddedContent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (source, target) = (pair.source, pair.target);
        if !has_words(target) {
            return;
        }
        if !has_words(source) {
            out.push(META.finding(
                0.7,
                Some(target.trimmed_span()),
                None,
                "German text with no English counterpart".to_string(),
            ));
        }
        if let Some(span) = glued_section(source, target) {
            out.push(META.finding(
                0.8,
                Some(span),
                None,
                format!(
                    "\"{}\" looks like a site section glued onto the text; the English has no such part",
                    target.slice(span)
                ),
            ));
        }
        if has_words(source) {
            ungrounded_names(source, target, out);
        }
    }
}

/// `… | Nachrichten über Atomwaffen`: the span from the last bar to the end
/// of its line, when the part after it is short and the English has no bar.
fn glued_section(source: &Analysis<'_>, target: &Analysis<'_>) -> Option<Span> {
    // A byte search rejects nearly every German text before its tokens
    // are read: without a '|' byte there is no bar token. The German is
    // searched first: it rarely has a bar, so the English is rarely read.
    if memchr::memchr(b'|', target.text.as_bytes()).is_none() || memchr::memchr(b'|', source.text.as_bytes()).is_some()
    {
        return None;
    }
    let text = target.text;
    let bar = target.tokens.iter().rposition(|t| t.kind == TokenKind::Punct && t.text(text) == "|")?;
    let bar_span = target.tokens[bar].span;
    let line_end = text[bar_span.end..].find('\n').map_or(text.len(), |i| bar_span.end + i);
    let after = &target.tokens[bar + 1..];
    let words = after.iter().take_while(|t| t.span.end <= line_end).filter(|t| t.is_word()).count();
    let before_words = target.tokens[..bar].iter().filter(|t| t.is_word()).count();
    if words == 0 || words > MAX_SECTION_WORDS || before_words < 3 {
        return None;
    }
    let end = text[..line_end].trim_end().len();
    Some(Span::new(bar_span.start, end))
}

/// Brand-like names ("McCormick", "YouTube") and acronyms of three or more
/// letters that the English has in no spelling. German nouns are never
/// candidates: only shapes a German noun cannot have.
fn ungrounded_names(source: &Analysis<'_>, target: &Analysis<'_>, out: &mut Vec<Finding>) {
    // English that shouts ("NO", "NEVER") is translated by German that
    // shouts ("NEIN"): all-caps German is then emphasis, not an acronym.
    // Both tests need a capital: only the words with one are read.
    // Asked only of an all-caps candidate (rare), and then once.
    let english_shouts = std::cell::OnceCell::new();
    let english_shouts = || {
        // A word with an ASCII lowercase letter is not all-caps: the byte
        // classes say so without reading it.
        *english_shouts.get_or_init(|| {
            source
                .uppercase_words()
                .iter()
                .any(|&i| !source.has_ascii_lowercase(i) && is_shouted_word(source.token_text(i)))
        })
    };
    let check_part = |start: usize, part: &str, english_shouts: &dyn Fn() -> bool, out: &mut Vec<Finding>| {
        if !looks_like_a_name(part) || is_german_form_of_english_acronym(part) {
            return;
        }
        if is_all_caps(part) && english_shouts() {
            return;
        }
        if grounded_in(source, part) {
            return;
        }
        let span = Span::new(start, start + part.len());
        // A name the source never mentions is an invented fact: major.
        let mut finding = META.finding(0.5, Some(span), None, format!("\"{part}\" appears nowhere in the English"));
        finding.severity = Severity::Major;
        out.push(finding);
    };
    for &i in target.uppercase_words() {
        let tok = &target.tokens[i];
        // Sliced once by the analysis: slicing again checks both char boundaries.
        let word = target.token_text(i);
        // Both shapes `looks_like_a_name` takes have a capital after the
        // first letter of their part, so after the first of the word:
        // nearly every word is rejected here before it is split.
        if !has_capital_after_first(word, target.is_ascii(i)) {
            continue;
        }
        let start = tok.span.start;
        // A word with no separator byte is its only part: the split (a
        // search for four characters, decoding each) is skipped.
        if is_one_part(word) {
            check_part(start, word, &english_shouts, out);
        } else {
            for (offset, part) in hyphen_parts(word) {
                check_part(start + offset, part, &english_shouts, out);
            }
        }
    }
}

/// `ascii`: the analysis knows whether the word is ASCII, without a scan.
fn has_capital_after_first(word: &str, ascii: bool) -> bool {
    if ascii {
        word.as_bytes().get(1..).is_some_and(has_ascii_uppercase)
    } else {
        let mut chars = word.chars();
        chars.next();
        chars.any(char::is_uppercase)
    }
}

/// Any byte of the ASCII bytes is an uppercase letter, eight at a time:
/// this runs on every capitalised German word. For a byte below 0x80,
/// adding 0x3F sets its top bit from 'A' (0x41) on, adding 0x25 from
/// past 'Z' (0x5B) on, and neither carries into the next byte.
fn has_ascii_uppercase(bytes: &[u8]) -> bool {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let upper_in = |x: u64| (x.wrapping_add(0x3F * EACH) & !x.wrapping_add(0x25 * EACH) & (0x80 * EACH)) != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if upper_in(u64::from_le_bytes(word)) {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_uppercase)
}

/// An English word in capitals for emphasis ("NO", "NEVER"), not an acronym.
fn is_shouted_word(word: &str) -> bool {
    is_all_caps(word)
        && (word.chars().count() >= 4
            || lexicon::contains_lower(lexicon::ENGLISH_FUNCTION_WORDS, word)
            || anchors::is_known_english_word(word)
            || word == "NO"
            || word == "YES")
}

/// The parts of a compound or elided word with their byte offsets:
/// "NATO-Sprecher" → "NATO", "Sprecher"; "der’MeToo" → "der", "MeToo".
fn hyphen_parts(word: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    word.split(['-', '\u{2011}', '\'', '’']).map(move |part| {
        let at = offset;
        offset += part.len() + word[offset + part.len()..].chars().next().map_or(0, char::len_utf8);
        (at, part)
    })
}

/// [`hyphen_parts`] yields `word` whole: it has no '-', '\'' and no byte
/// 0xE2 (the lead byte of U+2011 and '’').
fn is_one_part(word: &str) -> bool {
    !word.bytes().any(|b| matches!(b, b'-' | b'\'' | 0xE2))
}

/// An acronym of three or more letters ("OSZE" would be one; "US" is too
/// short to judge), or a word with an inner capital after a lowercase letter
/// ("McDonald", "YouTube"), which German nouns never have.
fn looks_like_a_name(part: &str) -> bool {
    if is_all_caps(part) {
        return alphabetic_count(part) >= 3;
    }
    // "AutorInnen", "LehrerIn": the German gender-inclusive capital I.
    if part.ends_with("Innen") || part.ends_with("In") {
        return false;
    }
    let mut prev_lower = false;
    for c in part.chars() {
        if c.is_uppercase() && prev_lower {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// Letters in `part`: bytes while it is ASCII (nearly every acronym),
/// characters otherwise.
fn alphabetic_count(part: &str) -> usize {
    if part.is_ascii() {
        part.bytes().filter(u8::is_ascii_alphabetic).count()
    } else {
        part.chars().filter(|c| c.is_alphabetic()).count()
    }
}

/// German acronyms for English names (see
/// [`is_german_form_of_english_acronym`]). Sorted, 3 to 5 bytes (a test
/// keeps them so).
const GERMAN_ACRONYMS: &[&str] = &[
    "AFD", "ARD", "AUD", "BIP", "BKA", "BND", "CAD", "CDU", "CEO", "CHF", "CNY", "CSU", "DFB", "DGB", "EUR", "EZB",
    "FDP", "GBP", "GUS", "INR", "IWF", "JPY", "KFZ", "LKW", "NRW", "OSZE", "PKW", "RUB", "SMS", "SPD", "UNO", "USA",
    "USD", "UdSSR", "WHO", "ZDF",
];

/// German acronyms for English names: the English says "United States",
/// "U.N." or "GDP" and the German rightly writes USA, UNO, BIP.
fn is_german_form_of_english_acronym(part: &str) -> bool {
    // 3 to 5 bytes: most parts (names like "YouTube") fail on their length
    // first; the rest are one integer each, searched among integers.
    (3..=5).contains(&part.len()) && GERMAN_ACRONYM_KEYS.binary_search(&acronym_key(part.as_bytes())).is_ok()
}

/// Up to eight bytes as one integer, big-endian and zero-padded: for
/// strings without a NUL byte the integers sort as the strings do.
const fn acronym_key(bytes: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut k = 0;
    while k < 8 {
        key <<= 8;
        if k < bytes.len() {
            key |= bytes[k] as u64;
        }
        k += 1;
    }
    key
}

/// [`GERMAN_ACRONYMS`] as [`acronym_key`]s, in the same (sorted) order.
const GERMAN_ACRONYM_KEYS: [u64; GERMAN_ACRONYMS.len()] = {
    let mut keys = [0u64; GERMAN_ACRONYMS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = acronym_key(GERMAN_ACRONYMS[i].as_bytes());
        i += 1;
    }
    keys
};

/// The English has this name in some spelling: the same letters folded, the
/// same letters scrambled (an acronym rule's case, not ours), or a word
/// starting with it ("NATO" in "NATO's").
fn grounded_in(source: &Analysis<'_>, part: &str) -> bool {
    let key = Key::fold(part);
    let mut sorted_key: Vec<u8> = key.as_bytes().to_vec();
    sorted_key.sort_unstable();
    // One buffer for the sorted keys, and only keys as long as the part's
    // can hold its letters scrambled.
    let mut sorted: Vec<u8> = Vec::with_capacity(sorted_key.len());
    source.tokens.iter().enumerate().filter(|(_, t)| t.is_word()).any(|(i, _)| {
        let word = source.token_text(i);
        hyphen_parts(word).any(|(_, w)| {
            let k = Key::fold(w);
            if k.as_bytes().starts_with(key.as_bytes()) || key.as_bytes().starts_with(k.as_bytes()) && k.len() >= 3 {
                return true;
            }
            if k.len() != sorted_key.len() {
                return false;
            }
            sorted.clear();
            sorted.extend_from_slice(k.as_bytes());
            sorted.sort_unstable();
            sorted == sorted_key
        })
    }) || initials_match(source, part)
}

/// "NSC" against "National Security Council": the acronym spells the
/// initials of consecutive capitalised English words.
fn initials_match(source: &Analysis<'_>, part: &str) -> bool {
    let letters: Vec<char> = part.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_uppercase).collect();
    let initials: Vec<char> = source
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
        .filter_map(|(i, _)| source.token_text(i).chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    letters.len() >= 2 && initials.windows(letters.len()).any(|w| w == letters.as_slice())
}

fn has_words(side: &Analysis<'_>) -> bool {
    side.tokens.iter().any(|t| t.is_word())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    #[test]
    fn german_acronyms_are_sorted_and_three_to_five_bytes() {
        assert!(GERMAN_ACRONYMS.windows(2).all(|w| w[0] < w[1]));
        for a in GERMAN_ACRONYMS {
            assert!((3..=5).contains(&a.len()), "{a}");
            assert!(is_german_form_of_english_acronym(a), "{a}");
        }
        assert!(!is_german_form_of_english_acronym("YouTube"));
    }

    fn check(en: &str, de: &str) -> Vec<String> {
        flagged(de, &run(&AddedContent, en, de)).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn eight_byte_uppercase_test_agrees_with_each_byte() {
        // Every ASCII byte at every place of words of up to 20 bytes.
        for len in 0..20 {
            for at in 0..len.max(1) {
                for b in 0u8..0x80 {
                    let mut word = vec![b'a'; len];
                    if at < len {
                        word[at] = b;
                    }
                    assert_eq!(has_ascii_uppercase(&word), word.iter().any(u8::is_ascii_uppercase), "{word:?}");
                }
            }
        }
    }

    #[test]
    fn one_part_words_and_alphabetic_count_match_their_plain_definitions() {
        let words = [
            "",
            "-",
            "NATO",
            "NATO-Sprecher",
            "der’MeToo",
            "McDonald's",
            "A\u{2011}B",
            "Präsident",
            "US-Präsident",
            "„Zitat“",
            "x--y",
            "'",
            "Ärzte-Ärzte",
            "MÜLLER",
            "WHO’s",
            "3D-Druck",
        ];
        for word in words {
            let plain: Vec<_> = hyphen_parts(word).collect();
            assert!(!is_one_part(word) || plain == [(0, word)], "{word:?}");
            assert_eq!(alphabetic_count(word), word.chars().filter(|c| c.is_alphabetic()).count(), "{word:?}");
        }
        // Pseudo-random words from a small alphabet with every separator.
        let alphabet = ['a', 'Z', '-', '\'', '’', '\u{2011}', 'ä', 'Ö', '–', '1'];
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..5000 {
            let mut word = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                word.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            state = state.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(1);
            assert!(!is_one_part(&word) || hyphen_parts(&word).eq([(0, word.as_str())]), "{word:?}");
            assert_eq!(alphabetic_count(&word), word.chars().filter(|c| c.is_alphabetic()).count(), "{word:?}");
        }
    }

    #[test]
    fn acronym_keys_are_sorted_and_match_the_list() {
        assert!(GERMAN_ACRONYM_KEYS.windows(2).all(|w| w[0] < w[1]));
        let probes = [
            "USA", "UNO", "UdSSR", "OSZE", "ZDF", "AFD", "AAA", "ZZZZZ", "US", "USAX", "NATO", "ÄRD", "Usa", "usa",
            "WHOO",
        ];
        for part in GERMAN_ACRONYMS.iter().copied().chain(probes) {
            let plain = (3..=5).contains(&part.len()) && GERMAN_ACRONYMS.contains(&part);
            assert_eq!(is_german_form_of_english_acronym(part), plain, "{part:?}");
        }
    }

    #[test]
    fn flags_a_glued_site_section() {
        let en = "North Korea completes important spy satellite test, state media say";
        let de = "Nordkorea schließt wichtigen Test des Spionagesatelliten ab, sagen staatliche Medien | Nachrichten über Atomwaffen";
        assert_eq!(check(en, de), ["| Nachrichten über Atomwaffen"]);
    }

    #[test]
    fn flags_german_with_no_english_at_all() {
        let found = run(&AddedContent, "", "Massenbegräbnis in Gaza bringt Tränen");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Minor);
    }

    #[test]
    fn flags_invented_brand_names_and_acronyms() {
        assert_eq!(
            check("The company sold its phones.", "Das Unternehmen verkaufte seine Telefone über YouTube."),
            ["YouTube"]
        );
        assert_eq!(check("The agency warned again.", "Die Behörde FBI warnte erneut."), ["FBI"]);
        assert_eq!(run(&AddedContent, "The agency warned.", "Die Behörde FBI warnte.")[0].severity, Severity::Major);
    }

    #[test]
    fn quiet_on_nouns_known_acronyms_and_grounded_names() {
        for (en, de) in [
            ("The US president met NATO officials in Kyiv.", "Der US-Präsident traf NATO-Vertreter in Kiew."),
            ("The United States and the U.N. agreed.", "Die USA und die UNO einigten sich."),
            ("An NSC spokesperson confirmed it.", "Ein CNS-Sprecher bestätigte es."),
            ("The National Security Council said so.", "Der NSC sagte das."),
            ("Prices rose 3.5 percent to 1,000 euros.", "Die Preise stiegen um 3,5 Prozent auf 1.000 Euro."),
            ("He uses YouTube and McDonald's daily.", "Er nutzt täglich YouTube und McDonald's."),
            ("A | B", "A | B"),
            ("Die Hard is a film.", "„Die Hard“ ist ein Film, z. B. für Fans."),
            ("He said NO and NEVER again.", "Er sagte NEIN und NIE wieder."),
            ("It cost $5 and a truck.", "Es kostete 5 USD und einen LKW."),
            ("Authors met.", "Die AutorInnen trafen sich."),
            ("The #MeToo movement grew.", "Die Bewegung der’MeToo wuchs."),
            ("They said BAN it.", "Sie sagten VERBOT."),
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }
}
