//! Word, number and punctuation tokens with byte offsets.
//!
//! Every detector reasons about words, so we cut each side into tokens once.
//! The rules are tuned for news text in English and German: hyphenated
//! compounds ("US-Präsident", "CNS-Sprechern") stay one word, apostrophes
//! stay inside words ("don't", "Russia's"), and digits keep their locale
//! separators ("1.000", "3,5", "10:00") so the number layer can read them.

use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, hyphens, apostrophes): "Kiew", "G7", "US-Präsident".
    Word,
    /// Digits with inner separators: "12", "1.000", "3,5", "10:00".
    Number,
    /// Any other visible character, one token each: "." "„" "–".
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.start..self.span.end]
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_word_char(c: char) -> bool {
    match latin1_or_punctuation_is_letter(c) {
        Some(letter) => letter,
        None => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, with the same fast path as [`is_word_char`].
#[inline]
pub fn is_letter(c: char) -> bool {
    match latin1_or_punctuation_is_letter(c) {
        Some(letter) => letter,
        None => c.is_alphabetic(),
    }
}

/// `char::is_uppercase`, without the Unicode tables below U+0100 (ASCII
/// and the Latin-1 letters German text is full of: "Ä", "Ö", "Ü" are
/// uppercase, "ä", "ß" and "×" are not).
#[inline]
pub fn is_uppercase(c: char) -> bool {
    if c < '\u{100}' {
        c.is_ascii_uppercase() || (('\u{C0}'..='\u{DE}').contains(&c) && c != '×')
    } else {
        c.is_uppercase()
    }
}

/// Whether `c` is a letter (alphabetic, and so alphanumeric; none of these
/// is a digit), answered without the Unicode tables for the non-ASCII
/// characters German text is full of: the Latin-1 letters ("ä", "ß", "é"
/// are U+00C0 to U+00FF, all letters but "×" and "÷") and the General
/// Punctuation block ("„", "“", "–", U+2000 to U+206F, none a letter or
/// digit). `None` for other characters. The std tables take a slow
/// search for every non-ASCII character, and the tokenizer asks for each.
#[inline]
fn latin1_or_punctuation_is_letter(c: char) -> Option<bool> {
    match c {
        '\u{C0}'..='\u{FF}' => Some(c != '×' && c != '÷'),
        '\u{2000}'..='\u{206F}' => Some(false),
        _ => None,
    }
}

/// Characters that may join two word characters into one token.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{2011}')
}

/// Characters that may join two digits into one number ("1.000", "3,5", "10:00").
fn is_digit_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | ':')
}

/// What a token's bytes hold, or-ed over the token: [`tokenize_classified`]
/// reads it while cutting, and [`super::Analysis`] keeps it so that rules
/// can ask "any capital? a hyphen? a digit?" without reading the word.
pub mod class {
    pub const ASCII_UPPER: u8 = 1;
    pub const NON_ASCII: u8 = 2;
    pub const HYPHEN: u8 = 4;
    pub const DIGIT: u8 = 8;
    /// The byte 0xE2, lead byte of U+2000..U+2FFF (U+2011 among them).
    pub const LEAD_E2: u8 = 16;
    pub const ASCII_LOWER: u8 = 32;
    /// An ASCII byte that is no letter (digit, hyphen, apostrophe, …).
    pub const ASCII_NON_LETTER: u8 = 64;
}

/// An ASCII letter or digit: continues a word in the tokenizer's inner
/// loop. Never part of a token's stored class.
const RUN: u8 = 128;

/// [`BYTE_CLASS`] of an ASCII letter or digit ([`RUN`] set), 0 for any
/// other byte: the ASCII run of a word goes on while it is not 0.
const RUN_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        if BYTE_CLASS[b] & RUN != 0 {
            table[b] = BYTE_CLASS[b];
        }
        b += 1;
    }
    table
};

/// The class bits of each byte, plus [`RUN`].
pub const BYTE_CLASS: [u8; 256] = {
    use class::*;
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c == 0xE2 {
            NON_ASCII | LEAD_E2
        } else if c >= 128 {
            NON_ASCII
        } else if c.is_ascii_uppercase() {
            ASCII_UPPER | RUN
        } else if c.is_ascii_lowercase() {
            ASCII_LOWER | RUN
        } else if c == b'-' {
            HYPHEN | ASCII_NON_LETTER
        } else if c.is_ascii_digit() {
            DIGIT | ASCII_NON_LETTER | RUN
        } else {
            ASCII_NON_LETTER
        };
        b += 1;
    }
    table
};

/// What the byte after an ASCII run of a word says, read in one load
/// ([`AFTER_RUN`]): the token may go on (a non-ASCII byte or an ASCII
/// joiner, decoded), or ends (any other ASCII byte), at a space (passed
/// over at once) or not.
const GOES_ON: u8 = 0;
const ENDS: u8 = 1;
const ENDS_AT_SPACE: u8 = 2;

/// [`GOES_ON`], [`ENDS`] or [`ENDS_AT_SPACE`] for each byte.
const AFTER_RUN: [u8; 256] = {
    let mut table = [GOES_ON; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if !matches!(c, b'-' | b'\'' | b'.' | b',' | b':') {
            table[b] = if c == b' ' { ENDS_AT_SPACE } else { ENDS };
        }
        b += 1;
    }
    table
};

/// The class of a character: its bytes' [`BYTE_CLASS`] or-ed (the
/// continuation bytes of UTF-8 are all plain non-ASCII).
fn char_class(c: char) -> u8 {
    if c.is_ascii() {
        BYTE_CLASS[c as usize] & !RUN
    } else if ('\u{2000}'..='\u{2FFF}').contains(&c) {
        class::NON_ASCII | class::LEAD_E2
    } else {
        class::NON_ASCII
    }
}

/// Cuts `text` into tokens. Whitespace is dropped; everything else is kept.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_classified(text).0
}

/// [`tokenize`], with each token's byte class (see [`class`]), read in the
/// same pass.
pub fn tokenize_classified(text: &str) -> (Vec<Token>, Vec<u8>) {
    // A token every four bytes: news text has fewer, so one allocation
    // nearly always.
    let mut sink = (Vec::with_capacity(text.len() / 4 + 2), Vec::with_capacity(text.len() / 4 + 2));
    cut_tokens(text, &mut sink);
    sink
}

/// Where [`cut_tokens`] puts each token it cuts. A trait rather than a
/// closure so that `token` is inlined into the tokenizer's loop.
pub(crate) trait TokenSink {
    /// The next token: its span, kind and byte class (see [`class`]).
    ///
    /// # Safety
    /// `span` lies within the text being cut and starts and ends on its
    /// character boundaries: a sink may slice the text at it unchecked.
    unsafe fn token(&mut self, span: Span, kind: TokenKind, class: u8);

    /// A line feed between tokens (every `\n` of the text is one).
    #[inline(always)]
    fn line_feed(&mut self) {}
}

impl TokenSink for (Vec<Token>, Vec<u8>) {
    #[inline(always)]
    unsafe fn token(&mut self, span: Span, kind: TokenKind, class: u8) {
        self.0.push(Token { span, kind });
        self.1.push(class);
    }
}

/// Cuts `text` into tokens and hands each to `sink` in order. Inlined into
/// each caller so that [`super::Analysis::new`] builds everything it keeps
/// of a token in the same pass, without collecting the tokens first.
///
/// Loop invariant, on which every `unsafe` call of [`TokenSink::token`]
/// rests: `at` is a character boundary of `text`, at most its length (it
/// only ever moves past one ASCII byte or one whole decoded character), and
/// so is every `start` (an earlier `at`).
#[inline(always)]
pub(crate) fn cut_tokens(text: &str, sink: &mut impl TokenSink) {
    // The text's bytes with a 0 after them, in a buffer kept per thread
    // (taken out of the cell, so a nested call would only allocate its own).
    let mut padded = PADDED.with(|cell| std::mem::take(&mut *cell.borrow_mut()));
    padded.clear();
    padded.reserve(text.len() + 1);
    padded.extend_from_slice(text.as_bytes());
    padded.push(0);
    cut_tokens_padded(text, &padded, sink);
    if padded.capacity() <= KEEP_PADDED {
        PADDED.with(|cell| *cell.borrow_mut() = padded);
    }
}

thread_local! {
    /// The buffer of [`cut_tokens`]' padded copy, for the next text.
    static PADDED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A padded copy longer than this (in bytes) is not kept for the next text.
const KEEP_PADDED: usize = 1 << 16;

/// [`cut_tokens`], given `padded`: the bytes of `text` and a 0 after them,
/// which ends the ASCII run of the last word without a test of the end in
/// the loop over its bytes (0 is no letter or digit).
#[inline(always)]
fn cut_tokens_padded(text: &str, padded: &[u8], sink: &mut impl TokenSink) {
    assert!(padded.len() == text.len() + 1 && padded[text.len()] == 0);
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&first) = bytes.get(at) {
        let start = at;
        let mut token_class;
        // Letters of ASCII bytes are read from the class at the end.
        let mut has_letter = false;
        let mut trailing_space = 0;
        if first.is_ascii() {
            // ASCII (nearly every character) without decoding: ASCII word
            // characters are the letters and digits ([`RUN`]), tested
            // first (a word starts after nearly every space), and ASCII
            // whitespace is exactly what `is_whitespace` accepts below 128.
            at += 1;
            token_class = BYTE_CLASS[first as usize];
            if token_class & RUN == 0 {
                if !is_ascii_whitespace_char(first) {
                    // SAFETY: `start` and `at` enclose one ASCII byte.
                    unsafe { sink.token(Span::new(start, at), TokenKind::Punct, token_class) };
                    // The space after a mark (", ", ". ") is passed over
                    // here, sparing the outer loop a turn.
                    at += usize::from(padded.get(at) == Some(&b' '));
                } else if first == b'\n' {
                    sink.line_feed();
                }
                continue;
            }
        } else {
            let Some(c) = char_at(text, at) else { break };
            at += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            token_class = char_class(c);
            if !is_word_char(c) {
                // SAFETY: `start` and `at` enclose the character `c`, decoded at `start`.
                unsafe { sink.token(Span::new(start, at), TokenKind::Punct, token_class) };
                // As after an ASCII mark ("“ ", "– ").
                at += usize::from(padded.get(at) == Some(&b' '));
                continue;
            }
            has_letter = is_letter(c);
        }
        loop {
            // ASCII letters and digits, the bulk of every word, without
            // decoding characters, over the padded copy, whose final 0 ends
            // the run: no test of the end a byte.
            loop {
                // SAFETY: `at <= text.len()` (the loop invariant), and the
                // byte at `text.len()` is the 0 `padded` ends with (asserted
                // above), which has no RUN bit: the loop stops there at the
                // latest, so every byte read lies within `padded`.
                let byte_class = RUN_CLASS[usize::from(unsafe { *padded.get_unchecked(at) })];
                if byte_class == 0 {
                    break;
                }
                token_class |= byte_class;
                at += 1;
            }
            let Some(&next_byte) = bytes.get(at) else { break };
            // An ASCII byte after the run is no word character (the run
            // took those): only the ASCII joiners can go on, and anything
            // else (a space, nearly always) ends the token undecoded.
            let after_run = AFTER_RUN[next_byte as usize];
            if after_run != GOES_ON {
                // A space is passed over here, sparing the outer loop a turn.
                trailing_space = usize::from(after_run == ENDS_AT_SPACE);
                break;
            }
            let Some(next) = char_at(text, at) else { break };
            let after_next = at + next.len_utf8();
            if is_word_char(next) {
                has_letter |= is_letter(next);
                token_class |= char_class(next);
                at = after_next;
                continue;
            }
            // Only a joiner can continue the token: anything else (a space,
            // nearly always) ends it without reading the character after.
            let joiner = is_joiner(next);
            if !joiner && !is_digit_joiner(next) {
                break;
            }
            // A joiner counts only when a word character follows it.
            let after = char_at(text, after_next);
            let joins_words = joiner && after.is_some_and(is_word_char);
            // The character before `at` is an ASCII digit exactly when its
            // last byte is one (the bytes of a longer character are all
            // non-ASCII): no need to keep the previous character.
            let joins_digits =
                is_digit_joiner(next) && bytes[at - 1].is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit());
            if joins_words || joins_digits {
                token_class |= char_class(next);
                at = after_next;
                continue;
            }
            break;
        }
        // ASCII letters of the runs count as letters too.
        has_letter |= token_class & (class::ASCII_UPPER | class::ASCII_LOWER) != 0;
        let kind = if has_letter { TokenKind::Word } else { TokenKind::Number };
        // SAFETY: see the loop invariant above: `at` moved past whole
        // characters only, and never past the text's end.
        unsafe { sink.token(Span::new(start, at), kind, token_class & !RUN) };
        at += trailing_space;
    }
}

/// `char::is_whitespace` for an ASCII byte: space, tab, line feed,
/// vertical tab, form feed, carriage return.
#[inline]
fn is_ascii_whitespace_char(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The character starting at byte `at` (a char boundary), decoded without
/// the UTF-8 machinery for ASCII: the tokenizer reads every character of
/// every pair.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some(byte as char)
    } else {
        text.get(at..)?.chars().next()
    }
}

/// True for a word whose letters are all uppercase and at least two: "NSC", "OSZE", "G7".
#[inline]
pub fn is_all_caps(word: &str) -> bool {
    // Byte by byte while the word is ASCII (most words, and many rules
    // ask this of every word); characters only once a non-ASCII one comes.
    let mut letters = 0;
    for b in word.bytes() {
        if !b.is_ascii() {
            return is_all_caps_unicode(word);
        }
        if b.is_ascii_alphabetic() {
            if !b.is_ascii_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

fn is_all_caps_unicode(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if is_letter(c) {
            if !is_uppercase(c) {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// `word.split_once('-')` with a plain byte loop: rules call it for nearly
/// every word, and on short words the general pattern searcher costs more
/// than the scan.
#[inline]
pub fn split_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().position(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

/// `word.split(['-', '\u{2011}'])`: the parts of a compound between its
/// hyphens, the non-breaking U+2011 included. Searched on bytes (the two
/// chars cannot occur inside another char's UTF-8): `split` with a set of
/// chars decodes every char, and this runs for most words of a pair.
#[inline]
pub fn hyphen_parts(word: &str) -> HyphenParts<'_> {
    HyphenParts { rest: Some(word) }
}

/// The iterator of [`hyphen_parts`].
#[derive(Debug, Clone)]
pub struct HyphenParts<'t> {
    rest: Option<&'t str>,
}

/// UTF-8 of U+2011 NON-BREAKING HYPHEN.
const NB_HYPHEN: &[u8] = "\u{2011}".as_bytes();

impl<'t> Iterator for HyphenParts<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        let s = self.rest?;
        let bytes = s.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            let len = if b == b'-' {
                1
            } else if b == NB_HYPHEN[0] && bytes[at..].starts_with(NB_HYPHEN) {
                NB_HYPHEN.len()
            } else {
                continue;
            };
            self.rest = Some(&s[at + len..]);
            return Some(&s[..at]);
        }
        self.rest = None;
        Some(s)
    }
}

/// `word.rsplit_once('-')`, the same way as [`split_hyphen`].
#[inline]
pub fn rsplit_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().rposition(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

/// The word without an English possessive "'s" ("Russia's" → "Russia").
/// Compared on the last bytes: `strip_suffix` calls `memcmp` for each
/// pattern, and rules ask this of most words.
#[inline]
pub fn strip_possessive(word: &str) -> &str {
    let b = word.as_bytes();
    let n = b.len();
    if n < 2 || b[n - 1] != b's' {
        return word;
    }
    // "'s", or "’s" (U+2019 is E2 80 99): both cut at an ASCII or a
    // character boundary.
    let cut = if b[n - 2] == b'\'' {
        n - 2
    } else if n >= 4 && b[n - 4] == 0xE2 && b[n - 3] == 0x80 && b[n - 2] == 0x99 {
        n - 4
    } else {
        return word;
    };
    word.get(..cut).unwrap_or(word)
}

pub fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(is_uppercase)
}

pub fn starts_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_fast_path_agrees_with_the_unicode_tables() {
        for c in '\u{0}'..='\u{3000}' {
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
        }
        for c in ('\u{80}'..='\u{3000}').chain(['a', 'Z', '0', ' ', '-']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn hyphen_parts_split_like_str_split() {
        for word in ["", "-", "a-", "-a", "NATO-Sprecher", "a\u{2011}b-c", "März", "x--y", "Maß\u{2013}x", "\u{2011}"]
        {
            let expected: Vec<&str> = word.split(['-', '\u{2011}']).collect();
            assert_eq!(hyphen_parts(word).collect::<Vec<_>>(), expected, "{word}");
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn keeps_compounds_and_apostrophes_together() {
        assert_eq!(texts("US-Präsident don't Russia's"), ["US-Präsident", "don't", "Russia's"]);
        assert_eq!(texts("CNS-Sprechern."), ["CNS-Sprechern", "."]);
    }

    #[test]
    fn keeps_locale_numbers_together() {
        assert_eq!(texts("1.000 Euro, 3,5 % um 10:00."), ["1.000", "Euro", ",", "3,5", "%", "um", "10:00", "."]);
        assert_eq!(tokenize("1.000")[0].kind, TokenKind::Number);
        assert_eq!(tokenize("G7")[0].kind, TokenKind::Word);
    }

    #[test]
    fn sentence_final_period_after_number_is_its_own_token() {
        assert_eq!(texts("am 12. Januar"), ["am", "12", ".", "Januar"]);
        assert_eq!(texts("„Kiew“"), ["„", "Kiew", "“"]);
    }

    #[test]
    fn byte_offsets_survive_umlauts() {
        let s = "Größe ändern";
        let t = tokenize(s);
        assert_eq!(t[1].span, Span::new(8, 15));
        assert_eq!(t[1].text(s), "ändern");
    }

    #[test]
    fn ascii_fast_paths_agree_with_the_char_tests() {
        for b in 0u8..128 {
            let c = b as char;
            assert_eq!(is_ascii_whitespace_char(b), c.is_whitespace(), "{b}");
            assert_eq!(BYTE_CLASS[b as usize] & RUN != 0, is_word_char(c), "{b}");
            let ascii_joiner = matches!(b, b'-' | b'\'' | b'.' | b',' | b':');
            assert_eq!(ascii_joiner, is_joiner(c) || is_digit_joiner(c), "{b}");
            let after_run = match (ascii_joiner, b) {
                (true, _) => GOES_ON,
                (false, b' ') => ENDS_AT_SPACE,
                (false, _) => ENDS,
            };
            assert_eq!(AFTER_RUN[b as usize], after_run, "{b}");
        }
        for b in 0..=255u8 {
            // The sentinel 0 of the padded copy must end every run.
            let run = b.is_ascii_alphanumeric();
            assert_eq!(RUN_CLASS[b as usize], if run { BYTE_CLASS[b as usize] } else { 0 }, "{b}");
            assert!(!run || RUN_CLASS[b as usize] != 0, "{b}");
        }
        for b in 128..=255u8 {
            assert_eq!(AFTER_RUN[b as usize], GOES_ON, "{b}");
        }
    }

    #[test]
    fn token_classes_are_their_bytes_classes() {
        let text = "US-Präsident sagte: „3,5 %“ am 12. Jan. x\u{2011}y don't Kiew’s G7 ΣΑΣ 1.000 … 10:00";
        let (tokens, classes) = tokenize_classified(text);
        assert_eq!(tokens, tokenize(text));
        for (t, class) in tokens.iter().zip(classes) {
            let expected = t.text(text).bytes().fold(0, |c, b| c | (BYTE_CLASS[b as usize] & !RUN));
            assert_eq!(class, expected, "{}", t.text(text));
        }
    }

    /// The tokenizer's rules spelled out on characters, without any fast
    /// path: what [`tokenize_classified`] must give.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |j: usize| chars.get(j).map_or(text.len(), |&(at, _)| at);
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(&(start, c)) = chars.get(i) {
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if !c.is_alphanumeric() {
                out.push(Token { span: Span::new(start, end_of(i + 1)), kind: TokenKind::Punct });
                i += 1;
                continue;
            }
            let (mut has_letter, mut prev, mut j) = (c.is_alphabetic(), c, i + 1);
            while let Some(&(_, next)) = chars.get(j) {
                let after = chars.get(j + 1).map(|&(_, a)| a);
                let word_char = next.is_alphanumeric();
                let joins_words =
                    matches!(next, '-' | '\'' | '’' | '\u{2011}') && after.is_some_and(char::is_alphanumeric);
                let joins_digits = matches!(next, '.' | ',' | ':')
                    && prev.is_ascii_digit()
                    && after.is_some_and(|a| a.is_ascii_digit());
                if !(word_char || joins_words || joins_digits) {
                    break;
                }
                has_letter |= next.is_alphabetic();
                prev = next;
                j += 1;
            }
            let kind = if has_letter { TokenKind::Word } else { TokenKind::Number };
            out.push(Token { span: Span::new(start, end_of(j)), kind });
            i = j;
        }
        out
    }

    #[test]
    fn fast_paths_cut_like_the_plain_rules() {
        // Odd characters too: a combining mark, ZWJ, NUL, NEL, BOM, a flag
        // half, "ẞ", "İ", the Kelvin sign (the analysis slices every token
        // unchecked on these spans).
        let alphabet: Vec<char> =
            "aZ09 -'’.,:\u{2011}\n\t„“–…äÖß×÷ΣσИи٣\u{a0}\u{2009}😀!?\u{301}\u{200d}\0\u{85}\u{feff}\u{1f1e9}ẞİ\u{212a}"
                .chars()
                .collect();
        // A fixed pseudo-random sequence (no seed to report on failure).
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(tokenize(&text), reference_tokens(&text), "{text:?}");
        }
        for text in
            ["US-Präsident sagte: „3,5 %“ am 12. Jan.", "x\u{2011}y don't Kiew’s G7 1.000 … 10:00", "a- -b 1. .1 1.a"]
        {
            assert_eq!(tokenize(text), reference_tokens(text), "{text:?}");
        }
    }

    #[test]
    fn possessive_is_cut_like_strip_suffix() {
        for word in [
            "Russia's",
            "Kiew’s",
            "'s",
            "’s",
            "s",
            "",
            "Boss",
            "x's's",
            "’",
            "a’s",
            "ä's",
            "Ös",
            "it’",
            "\u{2019}x",
            "s's",
        ] {
            let expected = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
            assert_eq!(strip_possessive(word), expected, "{word}");
        }
    }

    #[test]
    fn all_caps_needs_two_letters() {
        assert!(is_all_caps("NSC") && is_all_caps("OSZE") && is_all_caps("COVID-19"));
        assert!(!is_all_caps("A") && !is_all_caps("Nato") && !is_all_caps("7"));
    }
}
