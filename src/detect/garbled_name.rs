//! `garbled-name`: a proper name from the English misspelt in the German
//! ("Pemberton" → "Pmeberton").
//!
//! Names pass through translation unchanged or in a known German form, so a
//! German word that is *almost* an English name is suspicious. But German
//! capitalises every noun, and many German nouns are cognates of capitalised
//! English words ("Präsident"/"President", "Oktober"/"October"), and names
//! have German forms ("Trumps", "Kanada", "Poroschenko"). What those
//! legitimate forms never do is swap two neighbouring letters: German
//! spelling changes letters, adds endings, but keeps their order. A swap
//! ("Tohmas", "Urkaine") is the fingerprint of a garbled name, so this rule
//! flags near-misses whose edit needs a transposition, and only notes other
//! one-letter differences at low confidence and minor severity.

use super::memo::Memo;
use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::bag;
use crate::text::lexicon::{self, ENGLISH_FUNCTION_WORDS};
use crate::text::tokens::{is_letter, is_uppercase, starts_uppercase};
use crate::text::{Analysis, TokenKind};
use std::borrow::Cow;
use std::cell::OnceCell;

crate::rule_meta! {
    /// A name from the English appears in the German with a near-miss spelling.
    ///
    /// **What it catches.** A proper name of the source that the German
    /// renders with letters swapped ("Pemberton" → "Pmeberton", "Chernova" →
    /// "Chenrova", "Thomas Brandl" → "Tohmas Brandl"), also inside compounds
    /// ("Trmup-Regierung") and with German endings ("Trmups"). Other
    /// one-letter differences ("Kushner" → "Kuschner") are reported at minor
    /// severity and low confidence: they may be a legitimate transliteration.
    ///
    /// **Why it matters.** A misspelt name is a factual error that spell
    /// checkers do not see; it can point to the wrong person or company.
    ///
    /// **Not flagged.** German forms of names: genitive and adjective endings
    /// ("Trumps", "Berliner", "Vandalismus"), established exonyms ("Moskau", "Kiew",
    /// "Peking", "Spanien"), German cognates of capitalised English words
    /// ("Präsident", "Oktober", "Theater"), and capitalised English words at
    /// the start of a sentence that are ordinary words ("First").
    ///
    /// **Example.** `Ihre Eltern, Tom und Lucy Pmeberton, …` for "Lucy
    /// Pemberton": "Pmeberton" is flagged, pointing at "Pemberton".
    META {
        id: "garbled-name",
        category: Category::Mistranslation,
        severity: Severity::Major,
    }
}

pub struct GarbledName;

/// Shorter words are too easily confused by chance ("Golf"/"Gulf").
const MIN_NAME_CHARS: usize = 4;

/// A capitalised English word that may be a name, prepared for comparison.
struct SourceName<'t> {
    span: Span,
    /// The name as the source spells it.
    word: &'t str,
    /// Lowercased (see [`SourceName::plain`]): the letters whose order a
    /// garble swaps. Decoded when first needed: most names are only
    /// screened, by `len` and `first`.
    plain: OnceCell<Vec<char>>,
    /// The number of letters of `plain`...
    len: usize,
    /// ...and its first two.
    first: [char; 2],
    /// `plain` folded (see [`fold`]), computed when first needed.
    folded: OnceCell<Vec<char>>,
    /// Capitalised where English does not capitalise ordinary words.
    mid_sentence: bool,
}

impl<'t> SourceName<'t> {
    fn new(span: Span, word: &'t str, mid_sentence: bool) -> SourceName<'t> {
        let bytes = word.as_bytes();
        // An ASCII name's length and first letters are its bytes'; any
        // other is lowercased at once (its letters may change in number).
        let (plain, len, first) = if bytes.len() >= 2 && word.is_ascii() {
            let first = [char::from(bytes[0].to_ascii_lowercase()), char::from(bytes[1].to_ascii_lowercase())];
            (OnceCell::new(), bytes.len(), first)
        } else {
            let letters = lowercase_chars(word);
            let letter = |k: usize| letters.get(k).copied().unwrap_or('\0');
            let (len, first) = (letters.len(), [letter(0), letter(1)]);
            (OnceCell::from(letters), len, first)
        };
        SourceName { span, word, plain, len, first, folded: OnceCell::new(), mid_sentence }
    }

    /// The letters in lowercase.
    fn plain(&self) -> &[char] {
        self.plain.get_or_init(|| lowercase_chars(self.word))
    }
}

impl Detector for GarbledName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let names = source_names(pair.source);
        if names.is_empty() {
            return;
        }
        let mut english_words: Option<Vec<String>> = None;
        let t = pair.target;
        let mut reported: Vec<Span> = Vec::new();
        let first_letters = FirstLetters::of(&names);
        let mut letters = Vec::new();
        for_each_capitalised_part(t, Some(&first_letters), |i, span, word| {
            // The name itself, kept as it is: the most common case by far,
            // told apart by comparing lengths before any decoding (a name
            // resembles itself, so the shape test below would pass it too).
            if names.iter().any(|n| n.word == word) {
                return;
            }
            // Most German capitalised words are nouns no name resembles:
            // discard them before any allocation or edit distance.
            let Some(shape) = WordShape::of(word) else { return };
            if !names.iter().any(|n| shape.could_resemble(n)) {
                return;
            }
            // The analysis has the lowercase form of a whole token (a
            // capitalised one: the same as `to_lowercase`).
            let lower: Cow<'_, str> =
                if t.tokens[i].span == span { Cow::Borrowed(t.lower(i)) } else { Cow::Owned(word.to_lowercase()) };
            let Some((name, confidence, transposed)) = remembered_best_match(&lower, &names, &mut letters) else {
                return;
            };
            let english_words = english_words.get_or_insert_with(|| english_word_set(pair.source));
            if is_known_german_form(&lower, english_words) {
                return;
            }
            if reported.contains(&span) {
                return;
            }
            reported.push(span);
            let english = pair.source.slice(name.span);
            let mut finding = META.finding(
                confidence,
                Some(span),
                Some(name.span),
                format!("\"{word}\" looks like a misspelling of the name \"{english}\" in the source"),
            );
            if !transposed {
                finding.severity = Severity::Minor;
                finding.message = format!("\"{word}\" differs from the name \"{english}\" in the source (a transliteration, or a misspelling?)");
            }
            out.push(finding);
        });
    }
}

/// The capitalised parts of the word tokens of `a` that could be names:
/// hyphen-separated parts ("Trmup" of "Trmup-Regierung"), apostrophe
/// endings cut off ("Russia" of "Russia's"), acronyms left out.
/// Each comes with the index of its token. With `first_letters`, a
/// whole word is left out when its first letter is none the names allow
/// (see [`FirstLetters`]).
/// Each part goes to `sink` as it is found: no list is built (both callers
/// read the parts once, in order).
fn for_each_capitalised_part<'t>(
    a: &Analysis<'t>,
    first_letters: Option<&FirstLetters>,
    mut sink: impl FnMut(usize, Span, &'t str),
) {
    // A word without any capital has no capitalised part.
    for &i in a.uppercase_words() {
        let tok = &a.tokens[i];
        let word = a.token_text(i);
        // A word opening with a lowercase ASCII letter or a digit is a
        // name only in a hyphen part ("pro-Kushner"): most words are
        // rejected here without a scan.
        let plain_start = word.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        // "-", or the lead byte of U+2011 (a superset, which only costs a
        // split), read from the analysis' byte classes.
        let hyphenated = a.may_have_hyphen(i);
        // Most words are lowercase and unhyphenated: skip them before splitting.
        if !hyphenated {
            if plain_start || first_letters.is_some_and(|f| !f.may_start(word)) {
                continue;
            }
            // A name-like word is letters only, so it has no apostrophe to cut.
            if token_is_name_like(a, i, word) {
                sink(i, tok.span, word);
                continue;
            }
            // Without a hyphen or an apostrophe (an ASCII non-letter; "’"
            // has the lead byte a hyphen test sees) the only part is the
            // word itself, just found not name-like.
            if !a.has_ascii_non_letter(i) || !starts_uppercase(word) {
                continue;
            }
        }
        for part in crate::text::tokens::hyphen_parts(word) {
            // Byte offset of the part inside the word: the separator may be
            // one byte ("-") or three (U+2011).
            let start = tok.span.start + (part.as_ptr() as usize - word.as_ptr() as usize);
            let part = part.split(['\'', '’']).next().unwrap_or(part);
            if is_name_like(part) {
                sink(i, Span::new(start, start + part.len()), part);
            }
        }
    }
}

/// [`for_each_capitalised_part`] collected.
#[cfg(test)]
fn capitalised_parts<'t>(a: &Analysis<'t>, first_letters: Option<&FirstLetters>) -> Vec<(usize, Span, &'t str)> {
    let mut out = Vec::new();
    for_each_capitalised_part(a, first_letters, |i, span, part| out.push((i, span, part)));
    out
}

/// The ASCII letters a German word garbling one of the names may start
/// with, lowercase: [`WordShape::could_resemble`] wants the word's first
/// letter to be a name's first or second. Most German capitalised words
/// start with none of them and are dropped before any other test.
struct FirstLetters {
    /// Bit `b` for ASCII byte `b`.
    ascii: u128,
}

impl FirstLetters {
    fn of(names: &[SourceName]) -> FirstLetters {
        let mut ascii = 0u128;
        for name in names {
            for &c in &name.first {
                if c.is_ascii() {
                    ascii |= 1 << (c as u32);
                }
            }
        }
        FirstLetters { ascii }
    }

    /// The word may resemble a name. A word opening with a non-ASCII
    /// character always may: some lowercase to ASCII letters ("K", the
    /// Kelvin sign, to "k").
    fn may_start(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) if b.is_ascii() => self.ascii & (1 << b.to_ascii_lowercase()) != 0,
            _ => true,
        }
    }
}

/// [`is_name_like`] of token `i` (`word`): for an ASCII word the analysis'
/// byte classes answer without reading it (letters only, a lowercase one;
/// the length and the capital first are read here).
fn token_is_name_like(a: &Analysis<'_>, i: usize, word: &str) -> bool {
    if a.is_ascii(i) {
        word.len() >= MIN_NAME_CHARS
            && word.as_bytes()[0].is_ascii_uppercase()
            && a.is_ascii_letters(i)
            && a.has_ascii_lowercase(i)
    } else {
        is_name_like(word)
    }
}

/// Capitalised, long enough, letters only, not an acronym.
fn is_name_like(part: &str) -> bool {
    let bytes = part.as_bytes();
    // Too short in bytes is too short in characters.
    if bytes.len() < MIN_NAME_CHARS {
        return false;
    }
    // An ASCII first letter is uppercase exactly when it is ASCII uppercase.
    if bytes[0].is_ascii() && !bytes[0].is_ascii_uppercase() {
        return false;
    }
    // One pass for the common case, ASCII, without Unicode tables: an ASCII
    // byte that is no letter fails both tests.
    let mut has_lowercase = false;
    for &b in bytes {
        if !b.is_ascii() {
            return is_name_like_unicode(part);
        }
        if !b.is_ascii_alphabetic() {
            return false;
        }
        has_lowercase |= b.is_ascii_lowercase();
    }
    has_lowercase
}

/// [`is_name_like`] for a part with a non-ASCII character.
/// One pass over the characters, without the Unicode tables for the
/// Latin-1 letters. The same as the plain definition (capital first, four
/// characters or more, not all caps, letters only): once every character
/// is a letter, and there are two or more, "not all caps" is "some letter
/// is not uppercase".
fn is_name_like_unicode(part: &str) -> bool {
    latin1_name_like(part.as_bytes()).unwrap_or_else(|| is_name_like_chars(part))
}

/// [`is_name_like_unicode`] read byte by byte for a word whose non-ASCII
/// characters are all Latin-1 (two bytes, lead 0xC3: "ä", "Ö", "ß", the
/// German case), without decoding: letters all but "×" (C3 97) and "÷"
/// (C3 B7), capitals from C3 80 to C3 9E. `None` for any other
/// non-ASCII character.
fn latin1_name_like(bytes: &[u8]) -> Option<bool> {
    let (mut chars, mut some_not_uppercase, mut k) = (0usize, false, 0);
    while k < bytes.len() {
        let b = bytes[k];
        let uppercase = if b.is_ascii() {
            if !b.is_ascii_alphabetic() {
                return Some(false);
            }
            k += 1;
            b.is_ascii_uppercase()
        } else if b == 0xC3 {
            let second = *bytes.get(k + 1)?;
            if second == 0x97 || second == 0xB7 {
                return Some(false);
            }
            k += 2;
            second <= 0x9E
        } else {
            return None;
        };
        if chars == 0 && !uppercase {
            return Some(false);
        }
        chars += 1;
        some_not_uppercase |= !uppercase;
    }
    Some(chars >= MIN_NAME_CHARS && some_not_uppercase)
}

/// [`is_name_like_unicode`] by decoding the characters.
fn is_name_like_chars(part: &str) -> bool {
    if !starts_uppercase(part) {
        return false;
    }
    let (mut letters, mut some_not_uppercase) = (0, false);
    for c in part.chars() {
        if !is_letter(c) {
            return false;
        }
        letters += 1;
        some_not_uppercase |= !is_uppercase(c);
    }
    letters >= MIN_NAME_CHARS && some_not_uppercase
}

/// Number of characters; bytes for ASCII words, the common case.
fn char_count(word: &str) -> usize {
    if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    }
}

/// The English words (and hyphen parts), lowercased, to tell a German word
/// that also occurs in the source from a changed one.
fn english_word_set(a: &Analysis<'_>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for i in a.word_indices() {
        for part in a.token_text(i).split(['-', '\u{2011}', '\'', '’']) {
            words.push(part.to_lowercase());
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// Up to this many source names, a repeat is found by a linear search.
const LINEAR_SEARCH_NAMES: usize = 16;

/// The capitalised English words that may be names.
fn source_names<'t>(a: &Analysis<'t>) -> Vec<SourceName<'t>> {
    // The headlines are found when a part is first asked about: most
    // sources have no capitalised part outside their sentence starts.
    let mut title_case: Option<Vec<Span>> = None;
    let mut names = Vec::new();
    // A name repeated in the source is compared once (the first occurrence
    // wins ties anyway): every German word is matched against every name,
    // so repeats made long texts quadratic (a 1 MB record took 40 s).
    // A few names (nearly every pair) are searched linearly; a hash set
    // takes over once there are many, as on a long text.
    let mut seen: Option<rustc_hash::FxHashSet<(&str, bool)>> = None;
    for_each_capitalised_part(a, None, |i, span, word| {
        let sentence_start = a.tokens[i].span.start == span.start && is_sentence_start(a, i);
        let mut in_title = || {
            let title_case = title_case.get_or_insert_with(|| title_case_sentences(a));
            title_case.iter().any(|s| s.start <= span.start && span.end <= s.end)
        };
        let mid_sentence = !sentence_start && !in_title();
        // At the start of a sentence or in a Title Case Headline, a common
        // word is capitalised too: only unusual words count as names there.
        if !mid_sentence && is_common_english(word) {
            return;
        }
        let repeated = match seen.as_mut() {
            Some(set) => !set.insert((word, mid_sentence)),
            None => names.iter().any(|n: &SourceName| n.mid_sentence == mid_sentence && n.word == word),
        };
        if repeated {
            return;
        }
        names.push(SourceName::new(span, word, mid_sentence));
        if seen.is_none() && names.len() >= LINEAR_SEARCH_NAMES {
            seen = Some(names.iter().map(|n| (n.word, n.mid_sentence)).collect());
        }
    });
    names
}

/// The letters of `word` in lowercase; ASCII words (most names) without
/// the Unicode case tables, in one allocation.
fn lowercase_chars(word: &str) -> Vec<char> {
    if word.is_ascii() {
        word.bytes().map(|b| char::from(b.to_ascii_lowercase())).collect()
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    }
}

/// True when token `i` opens a sentence, a quote or a bracket.
fn is_sentence_start(a: &Analysis<'_>, i: usize) -> bool {
    let at = a.tokens[i].span.start;
    if i == 0 || a.sentence_at(at).is_some_and(|s| s.span.start == at) {
        return true;
    }
    let prev = &a.tokens[i - 1];
    prev.kind == TokenKind::Punct && matches!(a.token_text(i - 1), ":" | "\"" | "“" | "‘" | "(" | "[" | "-" | "–" | "—")
}

/// Spans of sentences written in Title Case (headlines), where most words
/// are capitalised whatever they are.
fn title_case_sentences(a: &Analysis<'_>) -> Vec<Span> {
    a.sentences.iter().filter(|s| is_title_case(a, s.tokens.clone())).map(|s| s.span).collect()
}

/// At least three long words (four characters or more), 70 % of them
/// capitalised. The capitalised words are among the words with a capital
/// (the analysis lists them), so a sentence with fewer than three of those
/// fails at once, and one whose long lowercase words already outnumber
/// what its capitals could balance fails without reading further: most
/// sentences are not headlines.
fn is_title_case(a: &Analysis<'_>, tokens: std::ops::Range<usize>) -> bool {
    let upper = a.uppercase_words();
    let with_capital = upper.partition_point(|&i| i < tokens.end) - upper.partition_point(|&i| i < tokens.start);
    // `capitalised * 10 >= long * 7` with `long >= 3` needs three capitalised words.
    if with_capital < 3 {
        return false;
    }
    let (mut long, mut capitalised) = (0usize, 0usize);
    for i in tokens.filter(|&i| a.tokens[i].is_word()) {
        // Four bytes of ASCII are four characters: no decoding
        // needed, and the analysis knows which words are ASCII.
        if a.tokens[i].span.len() >= 4 && (a.is_ascii(i) || a.token_text(i).chars().nth(3).is_some()) {
            long += 1;
            // A word without a capital (known) does not start with one.
            capitalised += usize::from(a.has_uppercase(i) && starts_uppercase(a.token_text(i)));
            // The test is `3 * capitalised >= 7 * (long - capitalised)`, and
            // `capitalised` can reach `with_capital` at most.
            if 7 * (long - capitalised) > 3 * with_capital {
                return false;
            }
        }
    }
    long >= 3 && capitalised * 10 >= long * 7
}

fn is_common_english(word: &str) -> bool {
    // Lowercase on the stack: this runs for every sentence-initial word.
    let mut buf = [0u8; 16];
    if !word.is_ascii() || word.len() > buf.len() {
        return false; // no common English word is that long or accented
    }
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    COMMON_ENGLISH_BYTES.contains(&*lower)
}

/// [`ENGLISH_FUNCTION_WORDS`] and [`COMMON_ENGLISH`] in one hash set of
/// bytes: one hash costs less than two binary searches, and the lowercase
/// buffer is looked up without a UTF-8 check (the sorted lists found
/// exactly their members: the same answer).
static COMMON_ENGLISH_BYTES: std::sync::LazyLock<rustc_hash::FxHashSet<&'static [u8]>> =
    std::sync::LazyLock::new(|| ENGLISH_FUNCTION_WORDS.iter().chain(COMMON_ENGLISH).map(|w| w.as_bytes()).collect());

/// German word forms that are never garbled names: the word occurs in the
/// English as it is (a name kept, an English loan word), or it is an
/// established German exonym.
/// `lower` is the German word in lowercase.
fn is_known_german_form(lower: &str, english_words: &[String]) -> bool {
    if english_words.binary_search_by(|w| w.as_str().cmp(lower)).is_ok() || lexicon::contains(EXONYMS, lower) {
        return true;
    }
    // "Trumps", "Johnsons'": a source word plus a German ending.
    let found = german_stems(lower).any(|stem| english_words.binary_search_by(|w| w.as_str().cmp(stem)).is_ok());
    found
}

/// What the cheapest test needs of a German word, computed once per word
/// (every word is tested against every name): its length in characters
/// and its first three letters in lowercase. `None` for words shorter
/// than three characters, which resemble no name.
struct WordShape {
    len: usize,
    first: [char; 3],
}

impl WordShape {
    fn of(word: &str) -> Option<WordShape> {
        // Three ASCII bytes first (nearly every word) are its first three
        // letters: no decoding.
        if let Some(&[b0, b1, b2]) = word.as_bytes().first_chunk::<3>() {
            if [b0, b1, b2].is_ascii() {
                let first = [b0, b1, b2].map(|b| char::from(b.to_ascii_lowercase()));
                return Some(WordShape { len: char_count(word), first });
            }
        }
        Self::of_chars(word)
    }

    /// [`WordShape::of`] by decoding the characters.
    fn of_chars(word: &str) -> Option<WordShape> {
        let mut letters = word.chars().map(lower_char);
        let (Some(w0), Some(w1), Some(w2)) = (letters.next(), letters.next(), letters.next()) else { return None };
        Some(WordShape { len: char_count(word), first: [w0, w1, w2] })
    }

    /// The cheapest test that the word (or a form of it with a German
    /// ending) could be a garble of `name`: the length fits and the first
    /// letters agree, allowing a swap or an added letter near the start.
    fn could_resemble(&self, name: &SourceName) -> bool {
        if self.len + 2 < name.len || self.len > name.len + 8 {
            return false;
        }
        let [w0, w1, w2] = self.first;
        let n = name.first;
        (w0 == n[0] && (w1 == n[1] || w2 == n[1])) || (w0 == n[1] && w1 == n[0])
    }
}

/// A letter in lowercase, fast for ASCII (the first letter of a word
/// lowercases to one letter in every alphabet a news text uses).
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The word and the word with each German inflection ending removed, as
/// long as at least [`MIN_NAME_CHARS`] characters remain.
fn german_stems(word: &str) -> impl Iterator<Item = &str> {
    std::iter::once(word).chain(
        GERMAN_ENDINGS
            .iter()
            .filter_map(move |e| word.strip_suffix(e).filter(|stem| char_count(stem) >= MIN_NAME_CHARS)),
    )
}

/// The German inflection endings [`german_stems`] removes, all ASCII.
const GERMAN_ENDINGS: &[&str] = &[
    "s", "n", "e", "en", "es", "er", "ern", "ers", "ns", "in", "innen", "isch", "ische", "ischen", "ischer", "isches",
    "sche", "schen", "scher", "us",
];

/// Case and the spelling differences German makes to borrowed words are
/// folded away before comparing: umlauts and ß, y/i/j ("Tokio", "Jemen"),
/// v/w ("Wolodymyr"), ph/f ("Elefant"), sch/sh ("Poroschenko") and a final
/// "-ie" for "-y" ("Familie", "Energie"). Not c/k/z: folding them would
/// hide a swap like "Junkcer" for "Juncker", and the cognates they explain
/// ("Kanada") differ by a substitution, which is not flagged anyway.
fn fold(word: &[char]) -> Vec<char> {
    if word.iter().all(char::is_ascii) {
        return fold_ascii(word);
    }
    fold_chars(word)
}

/// [`fold`] for any letters.
fn fold_chars(word: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(word.len());
    let mut chars = word.iter().copied().flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        let folded = match c {
            'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' => 'o',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'y' | 'j' => 'i',
            'ß' => 's',
            'c' if out.last() == Some(&'s') && chars.peek() == Some(&'h') => continue,
            'v' | 'w' => 'v',
            'p' if chars.peek() == Some(&'h') => {
                chars.next();
                'f'
            }
            other => other,
        };
        out.push(folded);
    }
    if out.len() > 4 && out.ends_with(&['i', 'e']) {
        out.pop();
    }
    out
}

/// [`fold`] of ASCII letters (nearly every word): no case tables and no
/// peeking iterator, the same mapping.
fn fold_ascii(word: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(word.len());
    let mut k = 0;
    while k < word.len() {
        let c = word[k].to_ascii_lowercase();
        let next = word.get(k + 1).map(char::to_ascii_lowercase);
        k += 1;
        let folded = match c {
            'y' | 'j' => 'i',
            'c' if out.last() == Some(&'s') && next == Some('h') => continue,
            'v' | 'w' => 'v',
            'p' if next == Some('h') => {
                k += 1;
                'f'
            }
            other => other,
        };
        out.push(folded);
    }
    if out.len() > 4 && out.ends_with(&['i', 'e']) {
        out.pop();
    }
    out
}

/// The source name the German `word` most likely garbles, with the
/// confidence and whether a transposition was involved. A word that is a
/// German form of some source name (equal after folding, once an ending is
/// removed) garbles nothing.
/// `lower` is the word in lowercase; `letters` a buffer for its letters.
fn best_match<'n, 't>(
    lower: &str,
    names: &'n [SourceName<'t>],
    letters: &mut Vec<char>,
) -> Option<(&'n SourceName<'t>, f32, bool)> {
    best_match_screened(lower, names, letters, true)
}

/// [`best_match`], answered from the thread's memo of past answers when
/// the word met the same fitting names before: a document names the same
/// people pair after pair, and its German words ("Russland" for "Russia")
/// meet them again and again. The answer depends only on the word and on
/// the names whose first letters fit the word's, in order (every other
/// name fails [`starts_fit`] in each test `best_match` makes), so these,
/// with the word, are the key; the memo keeps the position of the name
/// among them.
fn remembered_best_match<'n, 't>(
    lower: &str,
    names: &'n [SourceName<'t>],
    letters: &mut Vec<char>,
) -> Option<(&'n SourceName<'t>, f32, bool)> {
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<Option<(usize, f32, bool)>>> = std::cell::RefCell::default();
    }
    let first = StemShape::of(lower).first;
    let fitting = |n: &&SourceName| n.len >= MIN_NAME_CHARS && starts_fit(first, n.first);
    MEMO.with_borrow_mut(|memo| {
        let key = memo.key();
        key.push_str(lower);
        for n in names.iter().filter(fitting) {
            // No word holds a control character: the key reads back one way.
            key.push(if n.mid_sentence { '\u{1}' } else { '\u{2}' });
            key.push_str(n.word);
        }
        let answer = memo.get_or_insert_with(|| {
            best_match(lower, names, letters).map(|(name, confidence, transposed)| {
                let at = names.iter().filter(fitting).position(|n| std::ptr::eq(n, name)).unwrap_or(usize::MAX);
                (at, confidence, transposed)
            })
        });
        let (at, confidence, transposed) = answer?;
        names.iter().filter(fitting).nth(at).map(|name| (name, confidence, transposed))
    })
}

/// [`best_match`], with the distances of a stem and a name screened by
/// [`may_judge`] (`screen`) or not: a test compares the two.
fn best_match_screened<'n, 't>(
    lower: &str,
    names: &'n [SourceName<'t>],
    letters: &mut Vec<char>,
    screen: bool,
) -> Option<(&'n SourceName<'t>, f32, bool)> {
    let stems = plausible_stems(lower, names, letters);
    if stems.is_empty() {
        return None;
    }
    // The name with a German ending ("Trumps") garbles nothing, wherever
    // the loop below would meet it: it returns nothing else early.
    if stems.iter().any(|plain| names.iter().any(|n| fits_name(plain, n) && n.plain() == plain)) {
        return None;
    }
    let mut best: Option<(&SourceName, f32, bool)> = None;
    for plain in stems.iter() {
        for name in names.iter().filter(|n| fits_name(plain, n)) {
            // `judge` takes nothing above two edits, and the edit distance is
            // at least the bag distance, which is far cheaper.
            if bag_distance(plain, name.plain()) > 2 {
                continue;
            }
            // A stem equal to a name never gets here (see above), so the
            // screen cannot skip the `osa == 0` answer below.
            if screen && !may_judge(plain, name) {
                continue;
            }
            let (osa, lev) = distances(plain, name.plain());
            if osa == 0 {
                return None; // the name with a German ending: "Trumps"
            }
            let Some((confidence, transposed)) = judge(plain, name, osa, lev) else { continue };
            if best.is_none_or(|(_, c, _)| confidence > c) {
                best = Some((name, confidence, transposed));
            }
        }
    }
    // Rarely reached, so the folding is paid only here.
    if best.is_some() && stems.iter().any(|plain| is_german_form_of_a_name(plain, names)) {
        return None;
    }
    best
}

/// The letters of the stems of `lower` ([`german_stems`]) that pass
/// [`StemShape::plausible_with`] for some name, in order. Every stem of
/// at least [`MIN_NAME_CHARS`] characters starts with the word's first two
/// letters and is shorter by its (ASCII) ending, so the names are screened
/// by those letters once, and each stem only by its length: most of the
/// twenty endings leave a stem no name is close to.
/// The letters are decoded into `letters` (a buffer the caller reuses).
fn plausible_stems<'l>(lower: &str, names: &[SourceName], letters: &'l mut Vec<char>) -> Stems<'l> {
    let word = StemShape::of(lower);
    let mut lens = [0; 1 + GERMAN_ENDINGS.len()];
    let mut count = 0;
    let fitting = FittingLengths::of(word.first, names);
    if !fitting.is_empty() {
        if fitting.fits(word.len) {
            lens[0] = word.len;
            count = 1;
        }
        // Only the endings with the word's last byte can end it.
        let bytes = lower.as_bytes();
        let last = bytes.last().copied().unwrap_or(0);
        for e in endings_ending_with(last) {
            let e = e.as_bytes();
            // A short comparison by hand: `ends_with` calls `memcmp`.
            let ends = bytes.len() >= e.len() && bytes[bytes.len() - e.len()..].iter().zip(e).all(|(a, b)| a == b);
            if ends && fitting.fits(word.len - e.len()) {
                lens[count] = word.len - e.len();
                count += 1;
            }
        }
    }
    letters.clear();
    // A stem is the word less an ASCII ending: the first `len` letters.
    if count > 0 {
        // ASCII (most words) byte by byte: a known length, no decoding.
        if lower.is_ascii() {
            letters.extend(lower.bytes().map(char::from));
        } else {
            letters.extend(lower.chars());
        }
    }
    Stems { letters, lens, count }
}

/// The stem lengths [`lengths_fit`] some name allows whose first letters
/// fit a word's ([`starts_fit`]): the names are read once per word, not
/// once per stem. A bit per length below 128; a longer name leaves the
/// answer to the names themselves.
struct FittingLengths<'n, 't> {
    bits: u128,
    /// The names whose first letters fit, when one of them is too long for the bits.
    long: Option<(&'n [SourceName<'t>], [char; 2])>,
}

impl<'n, 't> FittingLengths<'n, 't> {
    fn of(first: [char; 2], names: &'n [SourceName<'t>]) -> FittingLengths<'n, 't> {
        let mut bits = 0u128;
        for n in names.iter().filter(|n| n.len >= MIN_NAME_CHARS && starts_fit(first, n.first)) {
            if n.len + 2 >= 128 {
                return FittingLengths { bits: 0, long: Some((names, first)) };
            }
            // Lengths `n.len - 2 ..= n.len + 2`, of at least `MIN_NAME_CHARS`.
            let low = n.len.saturating_sub(2).max(MIN_NAME_CHARS);
            bits |= ((1u128 << (n.len + 3 - low)) - 1) << low;
        }
        FittingLengths { bits, long: None }
    }

    fn is_empty(&self) -> bool {
        self.bits == 0 && self.long.is_none()
    }

    /// [`lengths_fit`] of a stem of `len` letters and some name whose
    /// first letters fit.
    fn fits(&self, len: usize) -> bool {
        match self.long {
            None => len < 128 && self.bits & (1 << len) != 0,
            Some((names, first)) => names
                .iter()
                .filter(|n| n.len >= MIN_NAME_CHARS && starts_fit(first, n.first))
                .any(|n| lengths_fit(len, n.len)),
        }
    }
}

/// The [`GERMAN_ENDINGS`] whose last byte is `last`, in their order (a
/// test checks them against the list).
fn endings_ending_with(last: u8) -> &'static [&'static str] {
    match last {
        b's' => &["s", "es", "ers", "ns", "isches", "us"],
        b'n' => &["n", "en", "ern", "in", "innen", "ischen", "schen"],
        b'e' => &["e", "ische", "sche"],
        b'r' => &["er", "ischer", "scher"],
        b'h' => &["isch"],
        _ => &[],
    }
}

/// Stems of one word, each the word's first `lens[k]` letters (`k` below
/// `count`): the letters are decoded once, not once per stem.
struct Stems<'l> {
    letters: &'l [char],
    lens: [usize; 1 + GERMAN_ENDINGS.len()],
    count: usize,
}

impl Stems<'_> {
    fn iter(&self) -> impl Iterator<Item = &[char]> + '_ {
        self.lens[..self.count].iter().map(|&len| &self.letters[..len])
    }

    fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// The stem equals a source name once German spelling is folded away.
fn is_german_form_of_a_name(plain: &[char], names: &[SourceName]) -> bool {
    let folded = fold(plain);
    names.iter().filter(|n| fits_name(plain, n)).any(|n| *n.folded.get_or_init(|| fold(n.plain())) == folded)
}

/// [`plausible_pair`] of a stem and a name's letters, read from the
/// name's length and first letters without decoding the rest.
fn fits_name(stem: &[char], name: &SourceName) -> bool {
    let shape = StemShape::of_letters(stem);
    lengths_fit(shape.len, name.len) && starts_fit(shape.first, name.first)
}

/// Cheap filter before any edit distance: similar length and the same
/// first letter (or the first two letters swapped).
#[cfg(test)]
fn plausible_pair(a: &[char], b: &[char]) -> bool {
    StemShape::of_letters(a).plausible_with(b)
}

/// What [`plausible_pair`] reads of a stem: its length in characters and
/// its first two letters.
struct StemShape {
    len: usize,
    first: [char; 2],
}

impl StemShape {
    /// The shape of a stem, taken from the string without collecting its letters.
    fn of(stem: &str) -> StemShape {
        let mut letters = stem.chars();
        let first = [letters.next().unwrap_or('\0'), letters.next().unwrap_or('\0')];
        StemShape { len: char_count(stem), first }
    }

    fn of_letters(letters: &[char]) -> StemShape {
        let letter = |k: usize| letters.get(k).copied().unwrap_or('\0');
        StemShape { len: letters.len(), first: [letter(0), letter(1)] }
    }

    /// [`plausible_pair`] of the stem's letters and `name`.
    #[cfg(test)]
    fn plausible_with(&self, name: &[char]) -> bool {
        lengths_fit(self.len, name.len()) && starts_fit(self.first, [name[0], name[1]])
    }
}

/// The lengths of a stem and a name a garbling can join: both at least
/// [`MIN_NAME_CHARS`] letters, at most two apart.
fn lengths_fit(stem: usize, name: usize) -> bool {
    stem.abs_diff(name) <= 2 && stem >= MIN_NAME_CHARS && name >= MIN_NAME_CHARS
}

/// The stem starts with the name's first letter, or with its first two
/// swapped (`name` is the name's first two letters).
fn starts_fit([a0, a1]: [char; 2], name: [char; 2]) -> bool {
    a0 == name[0] || (a0 == name[1] && a1 == name[0])
}

/// How suspicious a lowercased German stem is against one source name,
/// given their OSA and Levenshtein distances: `None` for too different words.
fn judge(plain: &[char], name: &SourceName, osa: usize, lev: usize) -> Option<(f32, bool)> {
    if osa < lev {
        if is_german_ending_swap(plain, name.plain()) {
            return None; // "Theater" for "Theatre", "Bibel" for "Bible"
        }
        let limit = if name.len <= 5 { 1 } else { 2 };
        if osa > limit {
            return None;
        }
        let mut confidence = if osa == 1 { 0.9 } else { 0.6 };
        if !name.mid_sentence {
            confidence -= 0.2;
        }
        return Some((confidence, true));
    }
    // One added letter without a swap: often a legitimate German form, so
    // only a low-confidence note for longer names used mid-sentence, and not
    // for a doubled letter ("Finnland", "Kontrolle").
    if !name.mid_sentence || osa > 2 || name.len < 6 {
        return None;
    }
    let english = name.folded.get_or_init(|| fold(name.plain()));
    // Folding never lengthens ASCII letters (each folds to one or none):
    // an ASCII stem no longer than the folded name is not folded.
    if plain.len() <= english.len() && plain.iter().all(char::is_ascii) {
        return None;
    }
    let folded = fold(plain);
    if folded.len() != english.len() + 1 {
        return None;
    }
    let (osa, _) = distances(&folded, english);
    (osa == 1 && undoubled(&folded) != undoubled(english)).then_some((0.3, false))
}

/// Whether [`judge`] could find something in the stem `plain` for `name`,
/// read without the distances: with no neighbours of one word reversed
/// in the other, no transposition can help (the two distances' tables
/// agree cell by cell), and without one `judge` only notes a folded
/// stem one letter longer than the folded name, for a name of six
/// letters or more used mid-sentence; an ASCII stem folds to no more
/// letters than it has.
fn may_judge(plain: &[char], name: &SourceName) -> bool {
    if may_have_swap(plain, name.plain()) {
        return true;
    }
    if !name.mid_sentence || name.len < 6 {
        return false;
    }
    let english = name.folded.get_or_init(|| fold(name.plain()));
    !(plain.len() <= english.len() && plain.iter().all(char::is_ascii))
}

/// Whether some two neighbouring letters of `a` occur reversed as
/// neighbours in `b` (`a[i] == b[j + 1]` and `a[i + 1] == b[j]`), the only
/// place where the OSA distance can take a transposition, in the parts
/// [`distances`] computes: the words without their common start and end.
/// A middle of fewer than two letters has no neighbours to swap.
fn may_have_swap(a: &[char], b: &[char]) -> bool {
    let (a, b) = without_common_affixes(a, b);
    if a.len() < 2 || b.len() < 2 {
        return false;
    }
    a.windows(2).any(|w| b.windows(2).any(|v| w[0] == v[1] && w[1] == v[0]))
}

/// The letters with runs of the same letter reduced to one. Only for the
/// low-confidence check: a swap next to a double letter ("Ssusex" for
/// "Sussex") must stay visible to the main check.
fn undoubled(word: &[char]) -> Vec<char> {
    let mut out = word.to_vec();
    out.dedup();
    out
}

/// The only swap German spelling makes: English "-re"/"-le" becoming
/// "-er"/"-el" ("Theatre" → "Theater", "Bible" → "Bibel", "Cable" → "Kabel"),
/// and the reverse for British names kept in German ("Regal Theatres"),
/// possibly followed by an ending ("Theatres", "Theatern"). Inside a word
/// the same swap is a garble ("Berxit", "Monteral").
fn is_german_ending_swap(german: &[char], english: &[char]) -> bool {
    let Some(i) = german.iter().zip(english).position(|(g, e)| g != e) else { return false };
    if i + 2 > german.len() || i + 2 > english.len() {
        return false;
    }
    let swap = (german[i], german[i + 1], english[i], english[i + 1]);
    let ending_swap =
        matches!(swap, ('e', 'r', 'r', 'e') | ('r', 'e', 'e', 'r') | ('e', 'l', 'l', 'e') | ('l', 'e', 'e', 'l'));
    ending_swap && is_inflection(&german[i + 2..]) && is_inflection(&english[i + 2..])
}

/// Nothing, or an English or German inflection ending: what may follow the
/// swapped "-er"/"-re" of "Theatern", "Theatres".
fn is_inflection(rest: &[char]) -> bool {
    const ENDINGS: &[&str] = &["", "e", "en", "es", "n", "ns", "s"];
    let rest: String = rest.iter().collect();
    ENDINGS.contains(&rest.as_str())
}

/// A lower bound of both [`distances`]: how many letters of one word
/// (counted with repeats) the other lacks, the larger of the two counts.
/// An edit changes each count by at most one, a transposition by none.
fn bag_distance(a: &[char], b: &[char]) -> usize {
    // A word too long for the count bounds nothing.
    bag::letter_counts(a.iter().copied(), b.iter().copied()).map_or(0, |(a_lacks, b_lacks)| a_lacks.max(b_lacks))
}

/// Optimal-string-alignment (Damerau) distance and plain Levenshtein
/// distance, in one pass. The OSA distance is lower exactly when swapping
/// two neighbouring letters explains part of the difference.
fn distances(a: &[char], b: &[char]) -> (usize, usize) {
    // The full programme gives up on words as long as its stack rows (a
    // name of 47 letters or more is never judged a misspelling); the limit
    // holds for the whole words, not only for the middle computed below.
    if b.len() + 1 > MAX_WORD {
        let far = a.len().max(b.len());
        return (far, far);
    }
    // A shared start and end change neither distance, and the words
    // compared share most of their letters: only the middle is computed.
    let (a, b) = without_common_affixes(a, b);
    // The usual middles need no table: against nothing both distances are
    // the other's length, and two single letters left differ (their
    // shared start is gone), one substitution apart.
    match (a.len(), b.len()) {
        (0, n) | (n, 0) => (n, n),
        (1, 1) => (1, 1),
        _ => plain_distances(a, b),
    }
}

/// Stack rows of [`plain_distances`]: one more than the longest word it
/// compares.
const MAX_WORD: usize = 48;

/// `a` and `b` without the letters they share at the start and at the end.
fn without_common_affixes<'w>(a: &'w [char], b: &'w [char]) -> (&'w [char], &'w [char]) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// [`distances`] by the full dynamic programme.
fn plain_distances(a: &[char], b: &[char]) -> (usize, usize) {
    // Rows live on the stack: this runs for every plausible pair.
    const MAX: usize = MAX_WORD;
    let w = b.len() + 1;
    if w > MAX {
        let far = a.len().max(b.len());
        return (far, far);
    }
    // u32 cells (half the stack to clear per call), rows taken in turn
    // instead of by `i % 3`.
    let mut osa = [[0u32; MAX]; 3];
    let mut lev = [[0u32; MAX]; 2];
    for j in 0..w {
        osa[0][j] = j as u32;
        lev[0][j] = j as u32;
    }
    let (mut prev2, mut prev, mut cur) = (2, 0, 1);
    let (mut lprev, mut lcur) = (0, 1);
    for i in 1..=a.len() {
        osa[cur][0] = i as u32;
        lev[lcur][0] = i as u32;
        for j in 1..w {
            let cost = u32::from(a[i - 1] != b[j - 1]);
            let mut d = (osa[prev][j] + 1).min(osa[cur][j - 1] + 1).min(osa[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(osa[prev2][j - 2] + 1);
            }
            osa[cur][j] = d;
            lev[lcur][j] = (lev[lprev][j] + 1).min(lev[lcur][j - 1] + 1).min(lev[lprev][j - 1] + cost);
        }
        (prev2, prev, cur) = (prev, cur, prev2);
        (lprev, lcur) = (lcur, lprev);
    }
    (osa[prev][b.len()] as usize, lev[lprev][b.len()] as usize)
}

/// German exonyms and German forms of names that differ from the English
/// name by more than an ending (lowercase, sorted). Listed so that the
/// low-confidence note stays quiet on them.
#[rustfmt::skip]
const EXONYMS: &[&str] = &[
    "afrika", "amerika", "antarktis", "arktis", "athen", "belgien", "belgrad", "brasilien",
    "brüssel", "bukarest", "dänemark", "europa", "finnland", "florenz", "irak", "irland", "jemen",
    "kairo", "kalifornien", "kanada", "katar", "kiew", "kolumbien", "kopenhagen", "kreml", "kuba",
    "kyjiw", "lissabon", "mailand", "marokko", "mexiko", "moskau", "neapel", "peking", "polen", "polizei",
    "prag", "riad", "rom", "rumänien", "schottland", "schweden", "spanien", "spaniens", "syrien",
    "teheran", "tokio", "türkei", "venedig", "warschau", "weißrussland", "wien", "zypern", "ägypten",
];

/// Frequent English words that start sentences and headlines; capitalised
/// there, they are not names (lowercase, sorted, four letters or more).
#[rustfmt::skip]
const COMMON_ENGLISH: &[&str] = &[
    "about", "according", "after", "again", "against", "also", "although", "among", "another",
    "around", "asked", "back", "because", "before", "being", "best", "between", "both", "called",
    "came", "children", "city", "come", "could", "country", "days", "does", "down", "during", "each",
    "even", "ever", "every", "family", "father", "find", "first", "found", "four", "from", "game",
    "give", "given", "going", "good", "great", "group", "have", "having", "help", "here", "high",
    "home", "however", "just", "keep", "know", "last", "late", "later", "least", "left", "less",
    "life", "like", "little", "live", "long", "look", "made", "make", "many", "more", "most",
    "mother", "much", "must", "never", "news", "next", "night", "none", "only", "other", "over",
    "part", "people", "place", "play", "police", "read", "really", "right", "said", "same", "says",
    "school", "should", "show", "since", "some", "something", "sometimes", "state", "still",
    "story", "such", "take", "tell", "than", "that", "their", "them", "then", "there", "these",
    "they", "thing", "things", "think", "this", "those", "though", "three", "through", "time",
    "today", "told", "under", "until", "used", "very", "want", "water", "well", "were", "what",
    "when", "where", "whether", "which", "while", "white", "will", "with", "within", "without",
    "woman", "women", "world", "would", "year", "years", "young",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run, short_words};

    #[test]
    fn names_longer_than_the_rows_are_not_judged() {
        let long: Vec<char> = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch".chars().collect();
        let mut swapped = long.clone();
        swapped.swap(30, 31);
        assert_eq!(distances(&long, &swapped), plain_distances(&long, &swapped));
    }

    #[test]
    fn distances_ignore_common_affixes() {
        // Words of up to six letters over a three-letter alphabet: the
        // affix-stripped distances equal the full programme's.
        let words: Vec<Vec<char>> = short_words().iter().map(|w| w.chars().collect()).collect();
        for (k, a) in words.iter().enumerate() {
            // A sample of partners keeps the test fast.
            for b in words.iter().skip(k % 7).step_by(7) {
                assert_eq!(distances(a, b), plain_distances(a, b), "{a:?} {b:?}");
            }
        }
    }

    fn check(en: &str, de: &str) -> Vec<String> {
        flagged(de, &run(&GarbledName, en, de)).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn common_english_set_holds_both_lists() {
        for word in ENGLISH_FUNCTION_WORDS.iter().chain(COMMON_ENGLISH) {
            let capitalised = word[..1].to_uppercase() + &word[1..];
            assert_eq!(is_common_english(&capitalised), word.len() <= 16, "{word}");
        }
        for word in ["Pemberton", "Thomas", "Aboutx", "Abou", "", "Über", "FIRST", "First"] {
            let lower = word.to_lowercase();
            let listed = lexicon::contains(ENGLISH_FUNCTION_WORDS, &lower) || lexicon::contains(COMMON_ENGLISH, &lower);
            assert_eq!(is_common_english(word), listed && word.is_ascii(), "{word}");
        }
    }

    #[test]
    fn lists_are_sorted() {
        for list in [EXONYMS, COMMON_ENGLISH] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(list, sorted.as_slice());
        }
    }

    #[test]
    fn catches_swapped_letters_in_names() {
        let en = "Her parents, Tom and Lucy Pemberton, were also pleased.";
        let de = "Ihre Eltern, Tom und Lucy Pmeberton, zeigten sich ebenfalls erfreut.";
        let findings = run(&GarbledName, en, de);
        assert_eq!(flagged(de, &findings), ["Pmeberton"]);
        assert_eq!(findings[0].source.map(|s| &en[s.start..s.end]), Some("Pemberton"));
        assert_eq!(findings[0].severity, Severity::Major);
        assert_eq!(check("said Anna Chernova of CNN", "sagte Anna Chenrova von CNN"), ["Chenrova"]);
        assert_eq!(check("What went wrong at Thomas Brandl?", "Was lief schief bei Tohmas Brandl?"), ["Tohmas"]);
    }

    #[test]
    fn catches_garbles_inside_compounds_and_with_endings() {
        assert_eq!(check("The Trump administration said", "Die Trmup-Regierung sagte"), ["Trmup"]);
        assert_eq!(check("said Trump's lawyer", "sagte Trmups Anwalt"), ["Trmups"]);
        assert_eq!(check("a new scandal hits Ukraine", "ein neuer Skandal trifft die Urkaine"), ["Urkaine"]);
    }

    #[test]
    fn an_added_letter_is_only_a_minor_note() {
        let en = "adviser Jared Bechtolsheim said";
        let de = "sagte Berater Jared Berchtolsheim";
        let findings = run(&GarbledName, en, de);
        assert_eq!(flagged(de, &findings), ["Berchtolsheim"]);
        assert_eq!(findings[0].severity, Severity::Minor);
        assert!(findings[0].confidence <= 0.3);
    }

    #[test]
    fn transliterations_and_swaps_next_to_double_letters() {
        assert!(check("adviser Jared Kushner and Bashar al-Assad", "Berater Jared Kuschner und Baschar al-Assad")
            .is_empty());
        assert_eq!(check("the Duchess of Sussex thanked", "die Herzogin von Ssusex dankte"), ["Ssusex"]);
        assert_eq!(check("said Jean-Claude Juncker", "sagte Jean-Claude Junkcer"), ["Junkcer"]);
        assert_eq!(check("a company called Alphabet", "ein Konzern namens Aplhabet"), ["Aplhabet"]);
        assert_eq!(check("leaders met in Montreal", "Führer trafen sich in Monteral"), ["Monteral"]);
    }

    #[test]
    fn quiet_on_german_forms_and_cognates() {
        for (en, de) in [
            (
                "CNN's Anna Chernova and Veronica Stracqualursi contributed.",
                "Anna Chernova und Veronica Stracqualursi von CNN haben beigetragen.",
            ),
            (
                "President Trump met the Kremlin in Moscow on January 12.",
                "US-Präsident Trump traf den Kreml am 12. Januar in Moskau.",
            ),
            (
                "Trump's policy in Kiev and Beijing, e.g. in Spain.",
                "Trumps Politik in Kiew und Peking, z. B. in Spanien.",
            ),
            ("the Royal National Theatre in October", "das Royal National Theater im Oktober"),
            ("The Police said in Canada, the Bible", "Die Polizei sagte in Kanada, die Bibel"),
            ("First, the deadline passed.", "Zuerst verstrich die Frist."),
            ("in Tehran, Yemen and Tokyo", "in Teheran, Jemen und Tokio"),
            ("1,000 euros or 3.5 percent for Johnson", "1.000 Euro oder 3,5 Prozent für Johnsons Plan"),
            (
                "the Family of Princess Diana, the Category 4 storm",
                "die Familie von Prinzessin Diana, der Sturm der Kategorie 4",
            ),
            (
                "the Communist Party and the Democrat leader in Finland",
                "die Kommunistische Partei und der Demokraten-Chef in Finnland",
            ),
            ("Regal Theaters said", "Regal Theatres sagte"),
            ("Vandalism and Hinduism", "Vandalismus und Hinduismus"),
            ("said the Interior Ministry", "sagte das Innenministerium und das Ministerium"),
            ("said the Police in Turkey", "sagte die Polizei in der Türkei"),
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        let odd = ["Trump\u{2011}Regierung Tohmas\u{2011}Cook", "Ä\u{2011}Öü-Ççć Ťř", "’s 's - ‑ Ab-", "ÄÄÄÄ ÉÉÉÉé"];
        for en in odd {
            for de in odd {
                run(&GarbledName, en, de);
            }
        }
        assert_eq!(check("the Thomas Brandl collapse", "der Tohmas\u{2011}Brandl-Zusammenbruch"), ["Tohmas"]);
    }

    #[test]
    fn remembered_matches_are_best_matches() {
        let sources = [
            "Yesterday Lucy Pemberton met Tom Kushner in Russia and Geneva.",
            "The Russian envoy met Jared Kushner, and Pemberton left for Brussels.",
            "Kushner and Kushnre. Russia, Russland and President Trump in January.",
        ];
        let words = short_words();
        let german =
            ["pmeberton", "kushenr", "russland", "russlands", "genf", "brüssel", "januar", "trmup", "kushners"];
        // Every source twice: the second round is answered from the memo.
        for _ in 0..2 {
            for source in sources {
                let a = Analysis::new(source, crate::text::Lang::English);
                let names = source_names(&a);
                for word in german.iter().copied().chain(words.iter().map(String::as_str)) {
                    let mut letters = Vec::new();
                    let plain = best_match(word, &names, &mut letters).map(|(n, c, t)| (n.span, c, t));
                    let remembered = remembered_best_match(word, &names, &mut letters).map(|(n, c, t)| (n.span, c, t));
                    assert_eq!(plain, remembered, "{source} {word}");
                }
            }
        }
    }

    #[test]
    fn bag_distance_is_a_lower_bound() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        for (a, b) in [("tohmas", "thomas"), ("kuschner", "kushner"), ("abc", "xyz"), ("", "ab"), ("anna", "nana")] {
            let (osa, lev) = distances(&c(a), &c(b));
            assert!(bag_distance(&c(a), &c(b)) <= osa.min(lev), "{a} {b}");
        }
        assert_eq!(bag_distance(&c("abc"), &c("xyz")), 3);
    }

    #[test]
    fn one_pass_name_test_agrees_with_the_plain_definition() {
        let plain = |p: &str| {
            starts_uppercase(p)
                && p.chars().count() >= MIN_NAME_CHARS
                && !crate::text::tokens::is_all_caps(p)
                && p.chars().all(char::is_alphabetic)
        };
        for p in [
            "Kushner",
            "KUSHNER",
            "Kus",
            "kushner",
            "Kush1er",
            "Ärger",
            "Übung",
            "ÄRGER",
            "Bär",
            "Bärs",
            "O'Neil",
            "Müll-",
            "Éclair",
            "ÉÉÉÉé",
            "ÉÉÉÉ",
            "Σοφία",
            "ΣΟΦΙΑ",
            "Straße",
            "Ⓐbcd",
            "Ǆemal",
            "Bär×s",
            "Kiew’s",
        ] {
            assert_eq!(is_name_like(p), plain(p), "{p}");
        }
        let a = Analysis::new(
            "Kushner KUSHNER Kus kushner Kush1er O'Neil Ärger Bärs G7 Merkel's",
            crate::text::Lang::English,
        );
        for i in 0..a.tokens.len() {
            let word = a.token_text(i);
            assert_eq!(token_is_name_like(&a, i, word), is_name_like(word), "{word}");
        }
    }

    #[test]
    fn plausible_stems_are_the_stems_that_pass_the_shape_test() {
        let a = Analysis::new("Pemberton Trump Johnson Ischer Ab Schenk Ätna Bischof", crate::text::Lang::English);
        let names = source_names(&a);
        for word in [
            "pembertons",
            "trumps",
            "trumpisch",
            "trumpischen",
            "johnsonsche",
            "ischer",
            "ische",
            "schenken",
            "ätnas",
            "bischofs",
            "trmups",
            "tr",
            "",
            "abisches",
            "pmebertonern",
            "äs",
            "ätnaern",
            "s",
        ] {
            let expected: Vec<Vec<char>> = german_stems(word)
                .filter(|stem| {
                    let shape = StemShape::of(stem);
                    names.iter().any(|n| shape.plausible_with(n.plain()))
                })
                .map(|stem| stem.chars().collect())
                .collect();
            let mut letters = vec!['x'; 3];
            let stems: Vec<Vec<char>> =
                plausible_stems(word, &names, &mut letters).iter().map(<[char]>::to_vec).collect();
            assert_eq!(stems, expected, "{word}");
        }
    }

    #[test]
    fn ascii_word_shape_is_the_decoded_one() {
        let shape = |w: Option<WordShape>| w.map(|w| (w.len, w.first));
        let mut words: Vec<String> = short_words().into_iter().map(|w| format!("X{w}")).collect();
        words.extend(
            ["", "A", "Ab", "Abc", "ÄBC", "AÄb", "AbÄ", "Abcä", "ABCDE", "\u{212A}elvin", "İst"].map(String::from),
        );
        for w in &words {
            assert_eq!(shape(WordShape::of(w)), shape(WordShape::of_chars(w)), "{w}");
        }
    }

    #[test]
    fn ascii_folding_never_lengthens() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        // Every word of up to four letters over the letters the fold treats
        // specially, and a plain one.
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                words.iter().flat_map(|w| "pchsyijevwa".chars().map(move |l| format!("{w}{l}"))).collect();
            words.extend(longer);
        }
        for w in &words {
            assert!(fold(&c(w)).len() <= w.len(), "{w}");
        }
    }

    #[test]
    fn without_reversed_neighbours_the_distances_agree() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let words = short_words();
        for (k, a) in words.iter().enumerate() {
            for b in words.iter().skip(k % 7).step_by(7) {
                let (a, b) = (c(a), c(b));
                if !may_have_swap(&a, &b) {
                    let (osa, lev) = distances(&a, &b);
                    assert_eq!(osa, lev, "{a:?} {b:?}");
                }
            }
        }
        assert!(may_have_swap(&c("trmup"), &c("trump")));
        assert!(!may_have_swap(&c("januar"), &c("january")));
    }

    #[test]
    fn screened_best_match_is_the_unscreened_one() {
        let a = Analysis::new(
            "Pemberton met Trump, Sussex and Johnson on January 5. Prices rose in Brussels, Europe and Russia. Drones and Montreal.",
            crate::text::Lang::English,
        );
        let names = source_names(&a);
        let mut words: Vec<String> = [
            "pmeberton",
            "trmup",
            "ssusex",
            "jonhson",
            "januar",
            "januaar",
            "preise",
            "preis",
            "brüssel",
            "europa",
            "russland",
            "drohnen",
            "drohne",
            "monteral",
            "montrael",
            "montreall",
            "pembertonn",
            "johnsonn",
            "eruope",
        ]
        .map(String::from)
        .to_vec();
        for n in &names {
            let plain: String = n.plain().iter().collect();
            for k in 0..plain.chars().count().saturating_sub(1) {
                let mut letters: Vec<char> = plain.chars().collect();
                letters.swap(k, k + 1);
                let swapped: String = letters.iter().collect();
                words.push(swapped.clone());
                words.push(format!("{swapped}s"));
                letters.insert(k, 'x');
                words.push(letters.iter().collect());
            }
        }
        let (mut l1, mut l2) = (Vec::new(), Vec::new());
        let key = |m: Option<(&SourceName, f32, bool)>| m.map(|(n, c, t)| (n.span, c, t));
        for w in &words {
            assert_eq!(
                key(best_match_screened(w, &names, &mut l1, true)),
                key(best_match_screened(w, &names, &mut l2, false)),
                "{w}"
            );
        }
    }

    #[test]
    fn endings_by_last_byte_are_the_list_in_order() {
        for b in 0..=255u8 {
            let expected: Vec<&str> =
                GERMAN_ENDINGS.iter().copied().filter(|e| e.as_bytes().last() == Some(&b)).collect();
            assert_eq!(endings_ending_with(b), expected.as_slice(), "{b}");
        }
    }

    #[test]
    fn plausible_stems_of_generated_words_pass_the_shape_test() {
        let a = Analysis::new(
            "Pemberton met Abcd, Ischer, Bacab and Cabbacabbac in Sch with Scheiner.",
            crate::text::Lang::English,
        );
        let names = source_names(&a);
        let mut words: Vec<String> = short_words();
        let endings = ["", "s", "en", "isch", "ischen", "innen", "us", "ers", "ä"];
        let mut more = Vec::new();
        for (k, w) in words.iter().enumerate() {
            for e in endings.iter().skip(k % 3).step_by(3) {
                more.push(format!("{w}{w}{e}"));
                more.push(format!("sch{w}{e}"));
            }
        }
        words.extend(more);
        let mut letters = Vec::new();
        for word in &words {
            let expected: Vec<Vec<char>> = german_stems(word)
                .filter(|stem| {
                    let shape = StemShape::of(stem);
                    names.iter().any(|n| shape.plausible_with(n.plain()))
                })
                .map(|stem| stem.chars().collect())
                .collect();
            let stems: Vec<Vec<char>> =
                plausible_stems(word, &names, &mut letters).iter().map(<[char]>::to_vec).collect();
            assert_eq!(stems, expected, "{word}");
        }
        // A name too long for the length bits.
        let long = format!("Ab{}", "c".repeat(130));
        let text = format!("They met {long} there.");
        let a = Analysis::new(&text, crate::text::Lang::English);
        let names = source_names(&a);
        for word in [long.to_lowercase(), format!("{}s", long.to_lowercase()), "abcc".into(), "abccccen".into()] {
            let expected: Vec<Vec<char>> = german_stems(&word)
                .filter(|stem| {
                    let shape = StemShape::of(stem);
                    names.iter().any(|n| shape.plausible_with(n.plain()))
                })
                .map(|stem| stem.chars().collect())
                .collect();
            let stems: Vec<Vec<char>> =
                plausible_stems(&word, &names, &mut letters).iter().map(<[char]>::to_vec).collect();
            assert_eq!(stems, expected, "{word}");
        }
    }

    #[test]
    fn names_screen_by_length_and_first_letters_as_by_their_letters() {
        let a = Analysis::new(
            "Pemberton met İstanbul, Ärger, Zoë, Straße and \u{212A}elvin in Brussels with Trump's Ab.",
            crate::text::Lang::English,
        );
        let names = source_names(&a);
        assert!(names.len() >= 6);
        for n in &names {
            let plain = lowercase_chars(n.word);
            assert_eq!(n.plain(), plain.as_slice());
            assert_eq!((n.len, n.first), (plain.len(), [plain[0], plain[1]]));
        }
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        for stem in
            ["pmeberton", "epmberton", "pem", "istanbul", "i̇stanbul", "ärger", "rägre", "zoe", "kelvin", "trmup", "ab"]
        {
            for n in &names {
                assert_eq!(fits_name(&c(stem), n), plausible_pair(&c(stem), n.plain()), "{stem} {}", n.word);
            }
        }
    }

    #[test]
    fn ascii_fold_agrees_with_the_general_one() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let mut words: Vec<String> = short_words();
        words.extend(
            [
                "Schach",
                "PHOTO",
                "Philipp",
                "Familie",
                "Famie",
                "Energie",
                "ie",
                "Wolodymyr",
                "Jemen",
                "aschph",
                "SCHph",
            ]
            .map(str::to_string),
        );
        // Over the letters fold treats specially.
        for w in ["schpie", "yjvwcph", "hcsp", "iecsh"] {
            for k in 0..w.len() {
                words.push(w[k..].to_string());
                words.push(w[..k].to_string() + "ie");
            }
        }
        for w in &words {
            assert_eq!(fold_ascii(&c(w)), fold_chars(&c(w)), "{w}");
        }
    }

    #[test]
    fn latin1_byte_test_agrees_with_decoding() {
        // Every word of up to three characters over a sample of ASCII and
        // all two-byte Latin-1 characters, padded to name length.
        let mut alphabet: Vec<char> = ('\u{C0}'..='\u{FF}').collect();
        alphabet.extend(['a', 'Z', 'k', '1', '-', '\u{100}', 'ǅ', 'Σ', '’', '\u{80}', '\u{BF}']);
        for &a in &alphabet {
            for &b in &alphabet {
                for tail in ["", "x", "ÄÖÜ", "éß", "X×", "ab÷"] {
                    for head in ["", "B", "Ü"] {
                        let word: String = format!("{head}{a}{b}{tail}");
                        assert_eq!(is_name_like_unicode(&word), is_name_like_chars(&word), "{word}");
                        let padded = format!("{word}ab");
                        assert_eq!(is_name_like_unicode(&padded), is_name_like_chars(&padded), "{padded}");
                    }
                }
            }
        }
    }

    #[test]
    fn first_letter_screen_only_drops_words_no_name_resembles() {
        let a = Analysis::new(
            "Pemberton met Ukraine and Ärger, Kelvin and Zoë in Brussels with Ellen Trump's CNN.",
            crate::text::Lang::English,
        );
        let names = source_names(&a);
        assert!(names.len() >= 5);
        let first = FirstLetters::of(&names);
        let t = Analysis::new(
            "Pmeberton, Epmberton, Urkaine, Rukaine, Ärger, \u{212A}elvin, Zoe, Ozë, Brüssel, Rbussels, Lelen, \
             Tmrup-Regierung, Kabinett, Haus, Ötzi, Íris, X, Ab ab ÉÉÉÉ",
            crate::text::Lang::German,
        );
        let all = capitalised_parts(&t, None);
        let screened = capitalised_parts(&t, Some(&first));
        // What the screen drops, the loop would have dropped: no name resembles it.
        for part in &all {
            if !screened.contains(part) {
                let shape = WordShape::of(part.2);
                assert!(shape.is_none_or(|s| !names.iter().any(|n| s.could_resemble(n))), "{}", part.2);
            }
        }
        assert!(screened.len() < all.len());
        assert!(screened.iter().any(|p| p.2 == "\u{212A}elvin"));
    }

    #[test]
    fn analysis_lowercase_of_a_capitalised_token_is_to_lowercase() {
        let text = "Pemberton ÄRGER Ärger ΟΔΟΣ Σοφία \u{212A}elvin İstanbul ǅemal Straße MCDONALD Ǆemal";
        let a = Analysis::new(text, crate::text::Lang::German);
        for i in 0..a.tokens.len() {
            let word = a.token_text(i);
            if starts_uppercase(word) {
                assert_eq!(a.lower(i), word.to_lowercase(), "{word}");
            }
        }
    }

    #[test]
    fn title_case_screen_agrees_with_the_count() {
        let plain = |a: &Analysis<'_>, tokens: std::ops::Range<usize>| {
            let (mut long, mut capitalised) = (0usize, 0usize);
            for i in tokens.filter(|&i| a.tokens[i].is_word()) {
                if a.token_text(i).chars().count() >= 4 {
                    long += 1;
                    capitalised += usize::from(starts_uppercase(a.token_text(i)));
                }
            }
            long >= 3 && capitalised * 10 >= long * 7
        };
        let text = "Trump Meets Putin In Helsinki. The White House said the talks were good. \
                    Biden Says Ukraine Will Win the War. Anna Chernova and Veronica Stracqualursi contributed. \
                    Über Ärger Öffnet Ähre Eine. ÄRGER über NATO und EU. A B C D. Eins Zwei drei vier fünf sechs Sieben.";
        let a = Analysis::new(text, crate::text::Lang::English);
        assert!(a.sentences.len() >= 7);
        for s in &a.sentences {
            assert_eq!(is_title_case(&a, s.tokens.clone()), plain(&a, s.tokens.clone()), "{}", a.slice(s.span));
        }
        let titles: Vec<&str> = title_case_sentences(&a).iter().map(|s| a.slice(*s)).collect();
        assert_eq!(
            titles,
            [
                "Trump Meets Putin In Helsinki.",
                "Biden Says Ukraine Will Win the War.",
                "Anna Chernova and Veronica Stracqualursi contributed.",
                "Über Ärger Öffnet Ähre Eine."
            ]
        );
    }

    #[test]
    fn distances_see_transpositions() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distances(&c("tohmas"), &c("thomas")), (1, 2));
        assert_eq!(distances(&c("kuschner"), &c("kushner")), (1, 1));
        assert_eq!(distances(&c("abc"), &c("abc")), (0, 0));
        assert_eq!(distances(&c(""), &c("ab")), (2, 2));
    }
}
