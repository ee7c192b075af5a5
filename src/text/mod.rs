//! Text analysis, computed once per side and shared by every detector.
//!
//! Detectors never re-tokenise: they read an [`Analysis`] with the side's
//! tokens, sentences and acronyms, all as byte spans into the original text.

pub mod anchors;
pub mod bag;
pub mod calendar;
pub mod ding;
pub mod fnv;
pub mod lang;
pub mod lexicon;
pub mod numbers;
pub mod segment;
pub mod tokens;

use crate::model::Span;
pub use segment::Sentence;
use std::cell::RefCell;
use tokens::class::{ASCII_LOWER, ASCII_NON_LETTER, ASCII_UPPER, DIGIT, HYPHEN, LEAD_E2, NON_ASCII};
pub use tokens::{Token, TokenKind};

/// The language of one side of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    English,
    German,
}

/// Everything the detectors need to know about one side's text.
#[derive(Debug, Clone)]
pub struct Analysis<'t> {
    pub text: &'t str,
    pub lang: Lang,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// All-caps parts of words ("NSC", the "CNS" of "CNS-Sprechern"), as spans.
    pub acronyms: Vec<Span>,
    /// What the rules ask of each token, by token index: its text, its
    /// byte class and where its lowercase form is. One vector rather than
    /// one for each: one allocation and one push a token.
    info: Vec<TokenInfo<'t>>,
    /// The lowercase forms that differ from the text, one after the other.
    lower_text: String,
    /// Indices of the word tokens with an uppercase letter, in order.
    uppercase_words: Vec<usize>,
    /// Indices of the punctuation tokens that may end a sentence, found by
    /// the tokenizer for the segmenter; kept only to be recycled.
    may_be_terminal: Vec<usize>,
}

/// What [`Analysis`] keeps of one token besides its [`Token`].
#[derive(Debug, Clone, Copy)]
struct TokenInfo<'t> {
    /// The text of the token, sliced once: rules ask for token texts
    /// millions of times a batch, and slicing a `str` checks both ends for
    /// a char boundary every time.
    text: &'t str,
    /// Where the token's lowercase form is in `lower_text`, when the class
    /// has [`HAS_UPPER`] (else the token is its own lowercase form, as most
    /// are): many rules compare lowercased words, and lowercasing once
    /// here spares each of them the work. See [`Analysis::lower`].
    lower: Span,
    /// What the bytes of the token hold ([`tokens::class`] bits, or-ed),
    /// read by the tokenizer (rules ask it of most words), plus [`HAS_UPPER`].
    class: u8,
}

/// A class bit of [`TokenInfo`] beside the [`tokens::class`] bits: the
/// token has an uppercase letter (its lowercase form differs).
const HAS_UPPER: u8 = 128;
const _: () =
    assert!((ASCII_UPPER | NON_ASCII | HYPHEN | DIGIT | LEAD_E2 | ASCII_LOWER | ASCII_NON_LETTER) & HAS_UPPER == 0);

impl<'t> Analysis<'t> {
    pub fn new(text: &'t str, lang: Lang) -> Self {
        let mut spare = SPARE.with(|spare| spare.borrow_mut().pop()).unwrap_or_default();
        let mut b = Builder::with_buffers(text, &mut spare);
        tokens::cut_tokens(text, &mut b);
        let mut sentences = spare.sentences;
        let layout = segment::Layout { multiline: b.multiline, may_be_terminal: Some(&b.may_be_terminal) };
        segment::sentences_into(text, &b.tokens, |i| b.info[i].text, lang, layout, &mut sentences);

        Analysis {
            text,
            lang,
            tokens: b.tokens,
            sentences,
            acronyms: b.acronyms,
            info: b.info,
            lower_text: b.lower_text,
            uppercase_words: b.uppercase_words,
            may_be_terminal: b.may_be_terminal,
        }
    }

    /// Indices of the word tokens with an uppercase letter
    /// ([`Analysis::has_uppercase`]), in order: rules looking for names
    /// and acronyms read only these.
    #[inline]
    pub fn uppercase_words(&self) -> &[usize] {
        &self.uppercase_words
    }

    /// Indices, in order, of the punctuation tokens that may end a
    /// sentence: every ".", "!" and "?" token and every punctuation token
    /// whose first byte is 0xE2 ("…", "–", "“", …), found by the tokenizer.
    /// A rule that looks at periods only reads these, not every token.
    #[inline]
    pub fn terminal_candidates(&self) -> &[usize] {
        &self.may_be_terminal
    }

    /// Token `i` has an ASCII hyphen `-`.
    #[inline]
    pub fn has_hyphen(&self, i: usize) -> bool {
        self.info[i].class & HYPHEN != 0
    }

    /// Token `i` has a `-` or a byte 0xE2, the lead byte of U+2011 (and of
    /// other characters): a superset of the words [`tokens::hyphen_parts`]
    /// splits.
    #[inline]
    pub fn may_have_hyphen(&self, i: usize) -> bool {
        self.info[i].class & (HYPHEN | LEAD_E2) != 0
    }

    /// Every token's kind, text and byte classes ([`tokens::class`] bits),
    /// in order: a loop over every token that reads them (the shared word
    /// marks) gets them without an index check for each field.
    #[inline]
    pub fn token_classes(&self) -> impl Iterator<Item = (TokenKind, &'t str, u8)> + '_ {
        self.tokens.iter().zip(&self.info).map(|(t, info)| (t.kind, info.text, info.class))
    }

    /// Token `i` is all ASCII.
    #[inline]
    pub fn is_ascii(&self, i: usize) -> bool {
        self.info[i].class & NON_ASCII == 0
    }

    /// Token `i` is ASCII letters only.
    #[inline]
    pub fn is_ascii_letters(&self, i: usize) -> bool {
        self.info[i].class & (NON_ASCII | ASCII_NON_LETTER) == 0
    }

    /// Token `i` has an ASCII byte that is no letter (a digit, a hyphen, an
    /// apostrophe, …).
    #[inline]
    pub fn has_ascii_non_letter(&self, i: usize) -> bool {
        self.info[i].class & ASCII_NON_LETTER != 0
    }

    /// Token `i` has an ASCII lowercase letter.
    #[inline]
    pub fn has_ascii_lowercase(&self, i: usize) -> bool {
        self.info[i].class & ASCII_LOWER != 0
    }

    /// Token `i` has an ASCII digit.
    #[inline]
    pub fn has_digit(&self, i: usize) -> bool {
        self.info[i].class & DIGIT != 0
    }

    /// Token `i` in lowercase: the same as `numbers::lowercase` of its
    /// text, computed once per text.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let info = &self.info[i];
        if info.class & HAS_UPPER == 0 {
            info.text
        } else {
            &self.lower_text[info.lower.start..info.lower.end]
        }
    }

    /// [`Analysis::lower`] as bytes, for rules that only hash or compare
    /// them: slicing bytes checks no character boundaries.
    #[inline]
    pub fn lower_bytes(&self, i: usize) -> &[u8] {
        let info = &self.info[i];
        if info.class & HAS_UPPER == 0 {
            info.text.as_bytes()
        } else {
            &self.lower_text.as_bytes()[info.lower.start..info.lower.end]
        }
    }

    /// Token `i` has an uppercase letter (its lowercase form differs). A
    /// token without one can be no name, acronym or capitalised part: rules
    /// looking for those skip it without reading its bytes.
    #[inline]
    pub fn has_uppercase(&self, i: usize) -> bool {
        self.info[i].class & HAS_UPPER != 0
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.start..span.end]
    }

    /// The text of token `i`.
    #[inline]
    pub fn token_text(&self, i: usize) -> &'t str {
        self.info[i].text
    }

    /// Indices of the word tokens, in order.
    pub fn word_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokens.iter().enumerate().filter(|(_, t)| t.is_word()).map(|(i, _)| i)
    }

    /// Number of word tokens: the length measure MQM penalties are scaled by.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_word()).count()
    }

    /// The sentence containing byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end < at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }

    /// The whole text without its leading and trailing white space: the
    /// span a finding about the entire side points at.
    pub fn trimmed_span(&self) -> Span {
        let start = self.text.len() - self.text.trim_start().len();
        Span::new(start, self.text.trim_end().len().max(start))
    }

    /// How far into the text byte `at` lies, from 0 (start) to 1 (end).
    pub fn relative_position(&self, at: usize) -> f64 {
        at as f64 / self.text.len().max(1) as f64
    }

    /// The start of this side's token at the same relative position as byte
    /// `at` of `other`: where a word missing from the translation most
    /// likely belongs when nothing better locates it.
    pub fn proportional_point(&self, other: &Analysis<'_>, at: usize) -> usize {
        let goal = (other.relative_position(at) * self.text.len() as f64) as usize;
        self.tokens.iter().map(|t| t.span.start).min_by_key(|&s| s.abs_diff(goal)).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Done with this analysis: its buffers are kept (per thread) for the
    /// next [`Analysis::new`], which then allocates nothing for a text no
    /// longer than those seen before (texts up to 64 KiB). Dropping an analysis is fine too; a
    /// caller that builds many (the linter, two a pair) saves about ten
    /// allocations a pair this way.
    pub fn recycle(self) {
        let Analysis { tokens, sentences, acronyms, info, lower_text, uppercase_words, may_be_terminal, .. } = self;
        if lower_text.capacity() > KEEP_BYTES {
            return; // A huge text: give its memory back.
        }
        let mut buffers = Buffers {
            tokens,
            info: unborrowed(info),
            lower_text,
            uppercase_words,
            sentences,
            acronyms,
            may_be_terminal,
        };
        buffers.clear();
        SPARE.with(|spare| {
            let mut spare = spare.borrow_mut();
            if spare.len() < SPARE_SETS {
                spare.push(buffers);
            }
        });
    }
}

/// The buffers of an [`Analysis`], emptied, kept for the next one.
#[derive(Default)]
struct Buffers {
    tokens: Vec<Token>,
    info: Vec<TokenInfo<'static>>,
    lower_text: String,
    uppercase_words: Vec<usize>,
    sentences: Vec<Sentence>,
    acronyms: Vec<Span>,
    may_be_terminal: Vec<usize>,
}

impl Buffers {
    fn clear(&mut self) {
        self.may_be_terminal.clear();
        self.tokens.clear();
        self.info.clear();
        self.lower_text.clear();
        self.uppercase_words.clear();
        self.sentences.clear();
        self.acronyms.clear();
    }
}

thread_local! {
    /// Buffers of recycled analyses, for the next ones on this thread.
    static SPARE: RefCell<Vec<Buffers>> = const { RefCell::new(Vec::new()) };
}

/// Sets of buffers kept per thread: the linter holds two analyses at once.
const SPARE_SETS: usize = 2;

/// Buffers of a text longer than this (in bytes) are not kept: a set
/// holds about 30 bytes a text byte, and each thread keeps two sets, so a
/// rare long record must not stay allocated for the rest of the run.
const KEEP_BYTES: usize = 1 << 16;

/// The (emptied) buffer of `info`, without the lifetime of its texts: an
/// empty vector borrows nothing. Collected in place (the standard library
/// reuses the allocation when the element layout is the same, which a test
/// checks), so no allocation is made or freed.
// `filter_map` (not `filter`) because the element type changes.
#[allow(clippy::unnecessary_filter_map)]
fn unborrowed(mut info: Vec<TokenInfo<'_>>) -> Vec<TokenInfo<'static>> {
    info.clear();
    info.into_iter().filter_map(|_| None).collect()
}

/// What [`Analysis::new`] keeps of each token, filled token by token as
/// the tokenizer cuts them: one pass over the tokens instead of one for
/// their texts, one for their lowercase forms and one for the acronyms.
struct Builder<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    info: Vec<TokenInfo<'t>>,
    /// Starts with the whole text in ASCII lowercase (one pass over the
    /// bytes, which lowercases an ASCII word at its own offsets); the
    /// lowercase forms of the non-ASCII words with a capital follow.
    lower_text: String,
    uppercase_words: Vec<usize>,
    acronyms: Vec<Span>,
    /// The text has a line feed.
    multiline: bool,
    /// Indices of the punctuation tokens that may end a sentence (see
    /// [`segment::Layout::may_be_terminal`]).
    may_be_terminal: Vec<usize>,
}

impl tokens::TokenSink for Builder<'_> {
    /// # Safety
    /// As the trait says; `Analysis::new` cuts `self.text` only.
    #[inline(always)]
    unsafe fn token(&mut self, span: Span, kind: TokenKind, class: u8) {
        // SAFETY: passed on from the caller (see the trait).
        unsafe { self.add(span, kind, class) };
    }

    #[inline(always)]
    fn line_feed(&mut self) {
        self.multiline = true;
    }
}

impl<'t> Builder<'t> {
    /// Takes the (empty) buffers of `spare`, with room for a token every
    /// four bytes (news text has fewer) and a capitalised word every eight,
    /// so the vectors nearly never grow.
    fn with_buffers(text: &'t str, spare: &mut Buffers) -> Self {
        let tokens = text.len() / 4 + 2;
        let mut b = Builder {
            text,
            tokens: std::mem::take(&mut spare.tokens),
            info: std::mem::take(&mut spare.info),
            lower_text: std::mem::take(&mut spare.lower_text),
            uppercase_words: std::mem::take(&mut spare.uppercase_words),
            acronyms: std::mem::take(&mut spare.acronyms),
            multiline: false,
            may_be_terminal: std::mem::take(&mut spare.may_be_terminal),
        };
        b.tokens.reserve(tokens);
        b.info.reserve(tokens);
        b.uppercase_words.reserve(text.len() / 8 + 1);
        // ASCII lowercasing keeps UTF-8 valid, and the bytes change in
        // place; kept a `String` throughout (whole characters only are
        // appended), so it is never validated again.
        b.lower_text.reserve(text.len() + text.len() / 8);
        b.lower_text.push_str(text);
        b.lower_text.make_ascii_lowercase();
        b
    }

    /// Takes the next token: its text, class, lowercase form, and, for a
    /// word with a capital, its index and acronym parts.
    ///
    /// # Safety
    /// `span` lies within `self.text`, on its character boundaries.
    #[inline(always)]
    unsafe fn add(&mut self, span: Span, kind: TokenKind, class: u8) {
        let i = self.tokens.len();
        debug_assert!(span.start <= span.end && span.end <= self.text.len());
        debug_assert!(self.text.is_char_boundary(span.start) && self.text.is_char_boundary(span.end));
        // SAFETY: this function's contract (the tokenizer's loop invariant,
        // see `tokens::cut_tokens`). The checked slice re-tested both ends of
        // every token of every text (~15M instructions per 10k pairs).
        let word = unsafe { self.text.get_unchecked(span.start..span.end) };
        self.tokens.push(Token { span, kind });
        // The token's byte class (read by the tokenizer) decides for nearly
        // every token.
        let lower = if class & NON_ASCII == 0 {
            if kind == TokenKind::Punct && matches!(word.as_bytes(), [b'.' | b'!' | b'?']) {
                self.may_be_terminal.push(i);
            }
            if class & ASCII_UPPER == 0 {
                self.info.push(TokenInfo { text: word, lower: span, class });
                return;
            }
            // At its own offsets in the ASCII lowercase copy of the text.
            span
        } else if kind == TokenKind::Punct {
            if word.as_bytes()[0] == 0xE2 {
                self.may_be_terminal.push(i);
            }
            // One character that is no letter or digit, and every
            // uppercase character is alphanumeric (a test checks all of
            // them): no capital, without the Unicode tables.
            self.info.push(TokenInfo { text: word, lower: span, class });
            return;
        } else {
            match self.lowercase_non_ascii(word, class) {
                Some(lower) => lower,
                None => {
                    self.info.push(TokenInfo { text: word, lower: span, class });
                    return;
                }
            }
        };
        self.info.push(TokenInfo { text: word, lower, class: class | HAS_UPPER });
        if kind == TokenKind::Word {
            self.uppercase_words.push(i);
            self.add_acronyms(span, word, class);
        }
    }

    /// The lowercase form of a non-ASCII token, appended to `lower_text`
    /// when the token has an uppercase letter (`None` otherwise).
    #[inline]
    fn lowercase_non_ascii(&mut self, word: &str, class: u8) -> Option<Span> {
        let bytes = word.as_bytes();
        // Characters below U+0100 only (lead bytes up to 0xC3): German words.
        if bytes.iter().any(|&b| b >= 0xC4) {
            return self.lowercase_chars(word);
        }
        let capital_at = |i: usize| bytes[i] == 0xC3 && matches!(bytes[i + 1], 0x80..=0x9E) && bytes[i + 1] != 0x97;
        let mut i = (0..bytes.len().saturating_sub(1)).find(|&i| capital_at(i));
        if i.is_none() && class & ASCII_UPPER == 0 {
            return None;
        }
        // The Latin-1 capitals (U+00C0 to U+00DE but "×", UTF-8 C3 80 to
        // C3 9E) are 0x20 below their small letters: each is written
        // lowercase between the spans copied, then the ASCII lowercased.
        let start = self.lower_text.len();
        let mut from = 0;
        while let Some(at) = i {
            self.lower_text.push_str(&word[from..at]);
            self.lower_text.push(char::from(bytes[at + 1] + 0x60));
            from = at + 2;
            i = (from..bytes.len().saturating_sub(1)).find(|&i| capital_at(i));
        }
        self.lower_text.push_str(&word[from..]);
        self.lower_text[start..].make_ascii_lowercase();
        Some(Span::new(start, self.lower_text.len()))
    }

    /// [`Builder::lowercase_non_ascii`] for a token with a character from
    /// U+0100 up: one pass over its characters both looks for a capital and
    /// lowercases.
    #[cold]
    fn lowercase_chars(&mut self, word: &str) -> Option<Span> {
        let start = self.lower_text.len();
        let mut upper = false;
        let mut sigma = false;
        for c in word.chars() {
            match latin1_lowercase(c) {
                Some(l) => {
                    upper |= l != c;
                    self.lower_text.push(l);
                }
                None => {
                    upper |= tokens::is_uppercase(c);
                    sigma |= c == 'Σ';
                    self.lower_text.extend(c.to_lowercase());
                }
            }
        }
        if !upper {
            self.lower_text.truncate(start);
            return None;
        }
        if sigma {
            // Final sigma depends on its neighbours: only the full mapping gets it right.
            self.lower_text.truncate(start);
            self.lower_text.push_str(&word.to_lowercase());
        }
        Some(Span::new(start, self.lower_text.len()))
    }

    /// The all-caps parts of a word with a capital, split at hyphens:
    /// "CNS-Sprechern" gives "CNS", "US-Beamte" gives "US", "OSZE" gives "OSZE".
    #[inline]
    fn add_acronyms(&mut self, span: Span, word: &str, class: u8) {
        // Without a hyphen (nor the lead byte of U+2011) the only part is
        // the word: an ASCII small letter rules it out at once, and
        // `is_all_caps` rejects most others at their first small letter.
        if class & (HYPHEN | LEAD_E2) == 0 {
            if class & ASCII_LOWER == 0 && tokens::is_all_caps(word) {
                self.acronyms.push(span);
            }
            return;
        }
        // Cheap reject: an acronym part needs two capitals, so a word with
        // fewer has none.
        if word.chars().filter(|&c| tokens::is_uppercase(c)).nth(1).is_none() {
            return;
        }
        for (at, part) in compound_parts(word) {
            if tokens::is_all_caps(part) {
                let start = span.start + at;
                self.acronyms.push(Span::new(start, start + part.len()));
            }
        }
    }
}

/// `char::to_lowercase` of a character below U+0100 (one character for
/// each of them), without the Unicode tables: the ASCII and Latin-1
/// capitals ("Ä", "Ö", "Ü", not "×") are 0x20 below their small letters.
/// `None` above.
#[inline]
fn latin1_lowercase(c: char) -> Option<char> {
    if c >= '\u{100}' {
        return None;
    }
    Some(if tokens::is_uppercase(c) { char::from(c as u8 + 0x20) } else { c })
}

/// The parts of a hyphenated compound with their byte offsets in `word`.
/// The non-breaking hyphen U+2011 is three bytes long, so offsets are
/// taken from the separators themselves, never counted as one byte.
pub fn compound_parts(word: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut separators = word.match_indices(['-', '\u{2011}']).map(|(i, s)| (i, s.len()));
    std::iter::from_fn(move || {
        if start > word.len() {
            return None;
        }
        let (end, next) = match separators.next() {
            Some((i, len)) => (i, i + len),
            None => (word.len(), word.len() + 1),
        };
        let part = (start, &word[start..end]);
        start = next;
        Some(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a token's lowercase form is.
    #[derive(Debug, Clone, Copy)]
    enum Lowered {
        /// The token is lowercase already (most are).
        AsIs,
        /// In `lower_text`.
        At(Span),
    }

    /// The lowercase form of every token: the token itself when it has no
    /// uppercase letter, else a span of one shared string; and the indices of
    /// the word tokens with an uppercase letter.
    ///
    /// The shared string starts with the whole text in ASCII lowercase (one
    /// pass over the bytes, which lowercase an ASCII word at its own offsets);
    /// the lowercase forms of the non-ASCII words with a capital follow.
    fn plain_lowercase_tokens(
        text: &str,
        tokens: &[Token],
        texts: &[&str],
        classes: &[u8],
    ) -> (Vec<Lowered>, String, Vec<usize>) {
        // ASCII lowercasing keeps UTF-8 valid, and the bytes change in place;
        // kept a `String` throughout (whole characters only are appended), so
        // it is never validated again.
        let mut lower = String::with_capacity(text.len() + text.len() / 8);
        lower.push_str(text);
        lower.make_ascii_lowercase();
        let mut out = Vec::with_capacity(texts.len());
        let mut uppercase_words = Vec::new();
        for (i, (&word, &class)) in texts.iter().zip(classes).enumerate() {
            // The token's byte class (read by the tokenizer) decides for nearly
            // every token.
            let start = lower.len();
            if class & NON_ASCII == 0 {
                if class & ASCII_UPPER == 0 {
                    out.push(Lowered::AsIs);
                    continue;
                }
                out.push(Lowered::At(tokens[i].span));
            } else if !word.chars().any(tokens::is_uppercase) {
                out.push(Lowered::AsIs);
                continue;
            } else {
                if word.contains('Σ') {
                    // Final sigma depends on its neighbours: only the full mapping gets it right.
                    lower.push_str(&word.to_lowercase());
                } else {
                    // ASCII and Latin-1 letters without the Unicode tables: German
                    // words are mostly ASCII around their umlauts.
                    for c in word.chars() {
                        match latin1_lowercase(c) {
                            Some(l) => lower.push(l),
                            None => lower.extend(c.to_lowercase()),
                        }
                    }
                }
                out.push(Lowered::At(Span::new(start, lower.len())));
            }
            if tokens[i].is_word() {
                uppercase_words.push(i);
            }
        }
        (out, lower, uppercase_words)
    }

    /// The all-caps parts of each word token, split at hyphens:
    /// "CNS-Sprechern" gives "CNS", "US-Beamte" gives "US", "OSZE" gives "OSZE".
    fn plain_find_acronyms(texts: &[&str], tokens: &[Token], classes: &[u8], uppercase_words: &[usize]) -> Vec<Span> {
        let mut out = Vec::new();
        // A word that is its own lowercase has no capital at all.
        for &i in uppercase_words {
            let token = &tokens[i];
            let word = texts[i];
            // Without a hyphen (nor the lead byte of U+2011) the only part is
            // the word: `is_all_caps` rejects nearly every word at its first
            // small letter, the second byte of a capitalised noun.
            if classes[i] & (HYPHEN | LEAD_E2) == 0 {
                if tokens::is_all_caps(word) {
                    out.push(token.span);
                }
                continue;
            }
            // Cheap reject: an acronym part needs two capitals, so a word with
            // fewer has none.
            if word.chars().filter(|&c| tokens::is_uppercase(c)).nth(1).is_none() {
                continue;
            }
            for (at, part) in compound_parts(word) {
                if tokens::is_all_caps(part) {
                    let start = token.span.start + at;
                    out.push(Span::new(start, start + part.len()));
                }
            }
        }
        out
    }

    /// Pseudo-random texts from pieces that exercise every branch of the
    /// tokenizer and of [`Builder::add`]: capitals ASCII and not, hyphens,
    /// U+2011, sigma, punctuation inside and outside words, digits.
    fn mixed_texts() -> Vec<String> {
        const PIECES: &[&str] = &[
            " ", "  ", "\n", "NATO", "Nato", "nato", "-", "\u{2011}", "Übung", "ÜBUNG", "straße", "ẞ", "Σ", "ΟΔΥΣ",
            "σας", "„", "“", "–", ".", ",", "3", "1.000", "G7", "'s", "’", "İ", "Ǆ", "ǅ", "×", "é", "É", "US", "x",
            "Ⓐ", "Ⅻ", "ß", "z. B.", "(", "!", "\t", "Kiew",
        ];
        const MORE: &[&str] = &["ÀÉÎ×Þþ", "ÿµ", "GRÜßE", "Ä", "ä", "wÖrt", "…", "?", "»", "Dr.", "12."];
        let pieces: Vec<&str> = PIECES.iter().chain(MORE).copied().collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..400)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
            })
            .collect()
    }

    #[test]
    fn one_pass_build_agrees_with_the_plain_definitions() {
        let mut texts = mixed_texts();
        texts.push("die Übung, pro-Kushner und 3 NGOs, CNS-Sprecher US-BÜRO x\u{2011}Y ΣΑΣ Σας".to_string());
        for text in &texts {
            let a = Analysis::new(text, Lang::German);
            let (tokens, classes) = tokens::tokenize_classified(text);
            let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
            let (lower, lower_text, uppercase_words) = plain_lowercase_tokens(text, &tokens, &words, &classes);
            let acronyms = plain_find_acronyms(&words, &tokens, &classes, &uppercase_words);
            assert_eq!(a.tokens, tokens, "{text:?}");
            assert_eq!(a.info.iter().map(|t| t.class & !HAS_UPPER).collect::<Vec<_>>(), classes, "{text:?}");
            assert_eq!(a.info.iter().map(|t| t.text).collect::<Vec<_>>(), words, "{text:?}");
            assert_eq!(a.uppercase_words, uppercase_words, "{text:?}");
            assert_eq!(a.acronyms, acronyms, "{text:?}");
            assert_eq!(a.sentences, segment::sentences(text, &tokens, Lang::German), "{text:?}");
            let english = Analysis::new(text, Lang::English);
            assert_eq!(english.sentences, segment::sentences(text, &tokens, Lang::English), "{text:?}");
            for (i, lowered) in lower.iter().enumerate() {
                let plain = match lowered {
                    Lowered::AsIs => words[i],
                    Lowered::At(span) => &lower_text[span.start..span.end],
                };
                assert_eq!(a.lower(i), plain, "{text:?}");
                assert_eq!(a.has_uppercase(i), matches!(lowered, Lowered::At(_)), "{text:?}");
            }
        }
    }

    #[test]
    fn terminal_candidates_are_the_marks_that_may_end_a_sentence() {
        for text in mixed_texts() {
            let a = Analysis::new(&text, Lang::German);
            let plain: Vec<usize> = (0..a.tokens.len())
                .filter(|&i| {
                    let word = a.token_text(i);
                    a.tokens[i].kind == TokenKind::Punct
                        && (matches!(word, "." | "!" | "?") || word.as_bytes()[0] == 0xE2)
                })
                .collect();
            assert_eq!(a.terminal_candidates(), plain, "{text:?}");
        }
    }

    #[test]
    fn recycled_analyses_are_built_alike_and_keep_their_buffers() {
        let texts = mixed_texts();
        for pair in texts.windows(2) {
            let fresh = Analysis::new(&pair[1], Lang::German);
            let fresh = format!("{fresh:?}");
            Analysis::new(&pair[0], Lang::German).recycle();
            assert_eq!(format!("{:?}", Analysis::new(&pair[1], Lang::German)), fresh);
        }
        let info: Vec<TokenInfo<'_>> = Vec::with_capacity(10);
        let pointer = info.as_ptr() as usize;
        let kept = unborrowed(info);
        assert_eq!((kept.capacity(), kept.as_ptr() as usize), (10, pointer));
    }

    #[test]
    fn every_uppercase_character_is_a_word_character() {
        // Why a punctuation token never has a capital (`Builder::add`).
        for c in '\u{0}'..=char::MAX {
            if tokens::is_uppercase(c) {
                assert!(c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn finds_acronyms_inside_compounds() {
        let text = "mit beiden CNS-Sprechern und der OSZE, sagte ein US-Beamter";
        let a = Analysis::new(text, Lang::German);
        let found: Vec<&str> = a.acronyms.iter().map(|s| a.slice(*s)).collect();
        assert_eq!(found, ["CNS", "OSZE", "US"]);
        // A non-breaking hyphen is three bytes: spans must still land on the letters.
        let text = "Die CNS\u{2011}Sprecher und NSC\u{2011}Leute";
        let a = Analysis::new(text, Lang::German);
        let found: Vec<&str> = a.acronyms.iter().map(|s| a.slice(*s)).collect();
        assert_eq!(found, ["CNS", "NSC"]);
    }

    #[test]
    fn has_uppercase_marks_every_token_with_a_capital() {
        let a = Analysis::new("die Übung, pro-Kushner und 3 NGOs", Lang::German);
        let marked: Vec<&str> = (0..a.tokens.len()).filter(|&i| a.has_uppercase(i)).map(|i| a.token_text(i)).collect();
        assert_eq!(marked, ["Übung", "pro-Kushner", "NGOs"]);
        let listed: Vec<&str> = a.uppercase_words().iter().map(|&i| a.token_text(i)).collect();
        assert_eq!(listed, marked);
    }

    #[test]
    fn byte_classes_mark_hyphens_and_digits() {
        let a = Analysis::new("pro-Kushner G7 x\u{2011}y Haus 3,5", Lang::German);
        let tokens: Vec<(&str, bool, bool, bool)> = (0..a.tokens.len())
            .map(|i| (a.token_text(i), a.has_hyphen(i), a.may_have_hyphen(i), a.has_digit(i)))
            .collect();
        assert_eq!(
            tokens,
            [
                ("pro-Kushner", true, true, false),
                ("G7", false, false, true),
                ("x\u{2011}y", false, true, false),
                ("Haus", false, false, false),
                ("3,5", false, false, true)
            ]
        );
        let letters: Vec<(&str, bool, bool)> =
            (0..a.tokens.len()).map(|i| (a.token_text(i), a.is_ascii_letters(i), a.has_ascii_lowercase(i))).collect();
        assert_eq!(
            letters,
            [
                ("pro-Kushner", false, true),
                ("G7", false, false),
                ("x\u{2011}y", false, true),
                ("Haus", true, true),
                ("3,5", false, false)
            ]
        );
    }

    #[test]
    fn lower_is_the_full_lowercase_mapping() {
        let text =
            "Die ÜBUNG, Straße ÄÖÜ äöüß ÀÉÎ× ÷Þþ µ ÿ Ÿ İstanbul ΟΔΥΣΣΕΥΣ Σ NATO-Gipfel x\u{2011}Y Ǆemal ẞ Kiew's Ωmega";
        let a = Analysis::new(text, Lang::German);
        for i in 0..a.tokens.len() {
            assert_eq!(a.lower(i), a.token_text(i).to_lowercase(), "{}", a.token_text(i));
            assert_eq!(a.lower_bytes(i), a.lower(i).as_bytes());
        }
        for c in '\u{0}'..'\u{100}' {
            assert_eq!(latin1_lowercase(c).map(String::from), Some(c.to_lowercase().collect::<String>()), "{c:?}");
        }
    }

    #[test]
    fn acronyms_of_unhyphenated_words_are_the_all_caps_words() {
        let text = "NATO Nato ÄÖÜ ÄÖü A AB G7 COVID-19 EU\u{2011}Gipfel US-BÜRO Ärger ΣΑΣ Σας";
        let a = Analysis::new(text, Lang::German);
        let found: Vec<&str> = a.acronyms.iter().map(|s| a.slice(*s)).collect();
        assert_eq!(found, ["NATO", "ÄÖÜ", "AB", "COVID", "EU", "US", "BÜRO", "ΣΑΣ"]);
        // The plain definition: the all-caps parts of words with two capitals.
        let plain: Vec<&str> = a
            .word_indices()
            .map(|i| a.token_text(i))
            .filter(|w| w.chars().filter(|c| c.is_uppercase()).nth(1).is_some())
            .flat_map(|w| compound_parts(w).map(|(_, p)| p).filter(|p| tokens::is_all_caps(p)))
            .collect();
        assert_eq!(found, plain);
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let a = Analysis::new("Eins. Zwei drei.", Lang::German);
        assert_eq!(a.sentence_at(8).map(|s| s.span), Some(Span::new(6, 16)));
        assert_eq!(a.sentence_at(0).map(|s| s.span), Some(Span::new(0, 5)));
    }
}
