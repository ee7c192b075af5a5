//! Anchor alignment: which English words have a visible counterpart in the
//! German, matched in order.
//!
//! Coverage checks (`omitted-content`, `added-content`) need to know where
//! the two sides correspond without a translation model. Names, numbers,
//! acronyms and cognates survive translation almost unchanged ("Canada" /
//! "Kanada", "emissions" / "Emissionsziele", "£3,000" / "3.000"), and a
//! small embedded lexicon of frequent news words ("said" / "sagte") fills
//! in between them. Each token gets a few 64-bit *codes* (hashes of its
//! folded spelling, of its prefixes, of its lexicon translations); two tokens
//! match when they share a code. The best monotone chain of matches is the
//! alignment. Codes keep the inner loop to integer compares and the whole
//! thing allocation-light: a pair of 30-word sentences costs a few
//! microseconds.

use super::ding;
use super::fnv;
use super::lexicon::{self, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS};
use super::tokens::{is_all_caps, starts_uppercase, strip_possessive, TokenKind};
use super::Analysis;
use crate::model::Span;
use std::sync::LazyLock;

/// Longest folded spelling we hash; longer words are cut (prefix codes
/// never look further than this anyway).
const MAX_KEY: usize = 24;
/// German prefixes are hashed at these lengths, so an English stem of the
/// same length can find the German compound that starts with it.
const MIN_PREFIX: usize = 3;
const MAX_PREFIX: usize = 12;
/// English words of at least this length share a code with every German
/// word that starts with the same folded letters ("emiss-").
const COGNATE_PREFIX: usize = 5;

/// A token's spelling folded so that cognates and names meet: lowercase,
/// umlauts and accents stripped, c/z/k and ph/f merged, double letters
/// collapsed ("Kommission" and "commission" both become "komision").
#[derive(Clone, Copy)]
pub struct Key {
    buf: [u8; MAX_KEY],
    len: u8,
}

impl Key {
    pub fn fold(word: &str) -> Key {
        if word.is_ascii() {
            return Key::fold_ascii(word.as_bytes());
        }
        let mut key = Key { buf: [0; MAX_KEY], len: 0 };
        let mut prev = 0u8;
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            // ASCII (most letters) lowercases without the Unicode tables.
            let lower = if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) };
            let folded: &[u8] = match lower {
                'a'..='z' => {
                    // From the lowercase form: 'İ' lowercases to 'i' but is not ASCII itself.
                    let b = lower as u8;
                    match b {
                        b'c' | b'z' => b"k",
                        b'y' => b"i",
                        b'p' if chars.peek().is_some_and(|n| *n == 'h' || *n == 'H') => {
                            chars.next();
                            b"f"
                        }
                        _ => std::slice::from_ref(&ASCII[(b - b'a') as usize]),
                    }
                }
                'ä' | 'à' | 'á' | 'â' => b"a",
                'ö' | 'ó' | 'ò' | 'ô' => b"o",
                'ü' | 'ú' | 'ù' | 'û' => b"u",
                'é' | 'è' | 'ê' | 'ë' => b"e",
                'í' | 'ì' | 'î' | 'ï' => b"i",
                'ß' => b"s",
                'ç' => b"k",
                'ñ' => b"n",
                '0'..='9' => std::slice::from_ref(&DIGITS[(c as u8 - b'0') as usize]),
                _ => b"",
            };
            for &b in folded {
                key.push_folded(b, &mut prev);
            }
        }
        key
    }

    /// [`Key::fold`] of an ASCII word (most words), byte by byte: the
    /// same folding without decoding characters.
    fn fold_ascii(word: &[u8]) -> Key {
        let mut key = Key { buf: [0; MAX_KEY], len: 0 };
        let mut prev = 0u8;
        let mut k = 0;
        while k < word.len() {
            // One table read folds case, c/z/k and y/i, and drops what is
            // no letter or digit (0).
            let mut b = ASCII_FOLD[usize::from(word[k])];
            k += 1;
            if b == 0 {
                continue;
            }
            if b == b'p' && word.get(k).is_some_and(|n| n.eq_ignore_ascii_case(&b'h')) {
                k += 1;
                b = b'f';
            }
            key.push_folded(b, &mut prev);
        }
        key
    }

    /// Appends a folded byte unless it repeats the previous one (doubled
    /// letters fold to one) or the key is full.
    #[inline]
    fn push_folded(&mut self, b: u8, prev: &mut u8) {
        if b == *prev || usize::from(self.len) == MAX_KEY {
            return;
        }
        self.buf[usize::from(self.len)] = b;
        self.len += 1;
        *prev = b;
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

const ASCII: [u8; 26] = *b"abcdefghijklmnopqrstuvwxyz";

/// [`Key::fold_ascii`]'s folding of each byte, 'p' before 'h' aside:
/// letters lowercase with c and z as k and y as i, digits as themselves,
/// anything else 0 (dropped).
static ASCII_FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let lower = (b as u8).to_ascii_lowercase();
        table[b] = match lower {
            b'c' | b'z' => b'k',
            b'y' => b'i',
            b'a'..=b'z' | b'0'..=b'9' => lower,
            _ => 0,
        };
        b += 1;
    }
    table
};
const DIGITS: [u8; 10] = *b"0123456789";

/// FNV-1a over a kind byte and the bytes: the kinds keep a number code from
/// meeting a word code.
fn hash(kind: u8, bytes: &[u8]) -> u64 {
    fnv::hash(std::iter::once(kind).chain(bytes.iter().copied()).map(u64::from))
}

const KIND_NUMBER: u8 = 1;
const KIND_PREFIX: u8 = 2;
const KIND_FUNCTION: u8 = 3;

/// How much a match of this kind of English token is worth in the chain:
/// names and numbers are near-certain anchors, cognates and lexicon hits
/// are good ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnchorKind {
    Number,
    Name,
    Word,
    /// A translation found only in the optional Ding dictionary
    /// ([`super::ding`]): it knows far more words than the embedded
    /// lexicon but also far more senses of each, so a hit is weaker
    /// evidence than a cognate.
    Dictionary,
    /// A function word with a near one-to-one German equivalent ("with" /
    /// "mit"): weak alone, but it splits a long gap between strong anchors
    /// into the part that has a translation and the part that has none.
    Function,
}

impl AnchorKind {
    fn weight(self) -> f32 {
        match self {
            AnchorKind::Number => 3.0,
            AnchorKind::Name => 3.0,
            AnchorKind::Word => 1.5,
            AnchorKind::Dictionary => 1.0,
            AnchorKind::Function => 0.4,
        }
    }
}

/// One aligned token pair: indices into each side's `tokens`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub source: usize,
    pub target: usize,
    pub kind: AnchorKind,
}

/// The digits of a number token ("3,000" and "3.000" both give "3000").
fn digits(text: &str) -> ([u8; MAX_KEY], usize) {
    let mut buf = [0u8; MAX_KEY];
    let mut n = 0;
    for b in text.bytes().filter(u8::is_ascii_digit) {
        if n < MAX_KEY {
            buf[n] = b;
            n += 1;
        }
    }
    (buf, n)
}

/// The codes of every German token: `(code, token index)`, sorted by code.
fn target_codes(target: &Analysis<'_>) -> Vec<(u64, usize)> {
    let mut out = Vec::with_capacity(target.tokens.len() * 4);
    for (i, tok) in target.tokens.iter().enumerate() {
        let text = target.token_text(i);
        match tok.kind {
            TokenKind::Number => {
                let (buf, n) = digits(text);
                out.push((hash(KIND_NUMBER, &buf[..n]), i));
            }
            TokenKind::Word => {
                let whole = Key::fold(text);
                out.push((hash(KIND_FUNCTION, whole.as_bytes()), i));
                // The analysis has the lowercase form: the list is searched
                // only for words short enough to be on it.
                if lexicon::is_function_word(GERMAN_FUNCTION_WORDS, target.lower(i)) {
                    continue;
                }
                // Each part of a compound is its own start: "NATO-Pressesprecher".
                // A word without a hyphen is its only part, folded already.
                if target.may_have_hyphen(i) {
                    for part in super::tokens::hyphen_parts(text) {
                        push_prefix_codes(Key::fold(part).as_bytes(), i, &mut out);
                    }
                } else {
                    push_prefix_codes(whole.as_bytes(), i, &mut out);
                }
            }
            TokenKind::Punct => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The [`KIND_PREFIX`] codes of the folded part `bytes` of token `i`: its
/// prefixes of MIN_PREFIX to MAX_PREFIX bytes (the whole part when it is
/// shorter, if it has two bytes). FNV-1a runs over the bytes once and each
/// prefix's code is the state after its last byte: the same codes as
/// hashing each prefix anew.
fn push_prefix_codes(bytes: &[u8], i: usize, out: &mut Vec<(u64, usize)>) {
    let lens = MIN_PREFIX.min(bytes.len()).max(2)..=bytes.len().min(MAX_PREFIX);
    let mut h = fnv::step(fnv::OFFSET, u64::from(KIND_PREFIX));
    for (n, &b) in bytes.iter().enumerate().take(MAX_PREFIX) {
        h = fnv::step(h, u64::from(b));
        if lens.contains(&(n + 1)) {
            out.push((h, i));
        }
    }
}

/// The codes of one English token, each with the kind of anchor a match
/// on it makes. Writes into `codes` (cleared first) to avoid allocating per
/// token. `lower` is the token in lowercase when the analysis has it byte
/// for byte (an ASCII token), else `None`.
fn source_codes(
    word: &str,
    lower: Option<&str>,
    kind: TokenKind,
    sentence_initial: bool,
    dictionary: Option<&ding::Lexicon>,
    codes: &mut Vec<(u64, AnchorKind)>,
) {
    codes.clear();
    match kind {
        TokenKind::Number => {
            let (buf, n) = digits(word);
            codes.push((hash(KIND_NUMBER, &buf[..n]), AnchorKind::Number));
        }
        TokenKind::Word => {
            let word = strip_possessive(word);
            if let Some(entry) = function_entry(word) {
                codes.extend(FUNCTION_CODES[entry].iter().map(|&code| (code, AnchorKind::Function)));
                return;
            }
            let function_word = match lower {
                Some(lower) => lexicon::is_function_word(ENGLISH_FUNCTION_WORDS, &lower[..word.len()]),
                None => lexicon::contains_lower(ENGLISH_FUNCTION_WORDS, word),
            };
            if function_word {
                return;
            }
            let key = Key::fold(word);
            let bytes = key.as_bytes();
            let name = is_all_caps(word) || (starts_uppercase(word) && !sentence_initial);
            let kind = if name { AnchorKind::Name } else { AnchorKind::Word };
            if name && bytes.len() >= 2 {
                codes.push((hash(KIND_PREFIX, &bytes[..bytes.len().min(MAX_PREFIX)]), kind));
            }
            if bytes.len() > COGNATE_PREFIX || (!name && bytes.len() == COGNATE_PREFIX) {
                codes.push((hash(KIND_PREFIX, &bytes[..COGNATE_PREFIX]), kind));
            }
            if let Some(entry) = lexicon_entry(word) {
                codes.extend(LEXICON_CODES[entry].iter().map(|&code| (code, kind)));
            }
            if let Some(ding) = dictionary {
                codes.extend(ding.stem_codes_or_singular(word).map(|code| (code, AnchorKind::Dictionary)));
            }
        }
        TokenKind::Punct => {}
    }
}

/// The code a German stem matches: every German word that starts with it.
pub(crate) fn stem_code(stem: &str) -> u64 {
    let key = Key::fold(stem);
    hash(KIND_PREFIX, &key.as_bytes()[..key.len().min(MAX_PREFIX)])
}

/// Function words with a near one-to-one German equivalent (whole German
/// words). Articles and the most frequent prepositions are left out: they
/// occur everywhere and would only pull the alignment off course. Sorted.
static FUNCTION_LEXICON: &[(&str, &[&str])] = &[
    ("after", &["nach", "nachdem"]),
    ("also", &["auch", "ebenfalls"]),
    ("and", &["und"]),
    ("because", &["weil", "denn"]),
    ("before", &["vor", "bevor", "zuvor", "vorher"]),
    ("but", &["aber", "sondern", "doch"]),
    ("can", &["kann", "können"]),
    ("could", &["könnte", "konnte", "könnten", "konnten"]),
    ("for", &["für"]),
    ("from", &["von", "aus"]),
    ("has", &["hat"]),
    ("have", &["haben", "habe"]),
    ("he", &["er"]),
    ("how", &["wie"]),
    ("i", &["ich"]),
    ("if", &["wenn", "ob", "falls"]),
    ("in", &["in", "im"]),
    ("more", &["mehr"]),
    ("not", &["nicht", "kein", "keine", "keinen", "keiner"]),
    ("or", &["oder"]),
    ("our", &["unser", "unsere", "unseren"]),
    ("she", &["sie"]),
    ("should", &["sollte", "sollten"]),
    ("than", &["als"]),
    ("they", &["sie"]),
    ("we", &["wir"]),
    ("were", &["waren", "wurden"]),
    ("what", &["was"]),
    ("when", &["als", "wenn"]),
    ("where", &["wo"]),
    ("why", &["warum"]),
    ("will", &["wird", "werden"]),
    ("with", &["mit"]),
    ("would", &["würde", "würden"]),
];

/// The German equivalents of an English function word, if it has any.
fn function_translations(word: &str) -> Option<&'static [&'static str]> {
    function_entry(word).map(|i| FUNCTION_LEXICON[i].1)
}

/// The codes of each [`FUNCTION_LEXICON`] entry's German words, folded
/// once: they were folded again for every English function word of a text.
static FUNCTION_CODES: LazyLock<Vec<Vec<u64>>> = LazyLock::new(|| {
    FUNCTION_LEXICON
        .iter()
        .map(|(_, german)| german.iter().map(|de| hash(KIND_FUNCTION, Key::fold(de).as_bytes())).collect())
        .collect()
});

/// The index of an English function word's [`FUNCTION_LEXICON`] entry:
/// the word in ASCII lowercase, packed into one integer, found among the
/// entries' packed forms (integer compares, where the search over the
/// strings compared them byte by byte; every English word of an aligned
/// pair asks).
fn function_entry(word: &str) -> Option<usize> {
    if word.len() > 8 || !word.is_ascii() {
        return None;
    }
    // Most words have no entry of their length and first letter: ruled
    // out before the search (and before LazyLock's check).
    let first = word.as_bytes().first()?.to_ascii_lowercase().wrapping_sub(b'a');
    if first >= 26 || FUNCTION_STARTS[word.len()] & (1 << first) == 0 {
        return None;
    }
    let key = packed_lower(word.as_bytes());
    let at = FUNCTION_KEYS.binary_search_by_key(&key, |&(k, _)| k).ok()?;
    let entry = FUNCTION_KEYS[at].1;
    // Zero padding makes "in" and "in\0" pack alike: the lengths tell.
    (FUNCTION_LEXICON[entry].0.len() == word.len()).then_some(entry)
}

/// For each length up to 8, a bit for the first letter of each
/// [`FUNCTION_LEXICON`] word of that length (entries are lowercase ASCII
/// letters, a test checks).
static FUNCTION_STARTS: [u32; 9] = {
    let mut starts = [0u32; 9];
    let mut i = 0;
    while i < FUNCTION_LEXICON.len() {
        let en = FUNCTION_LEXICON[i].0.as_bytes();
        if en.len() <= 8 && !en.is_empty() && en[0].is_ascii_lowercase() {
            starts[en.len()] |= 1 << (en[0] - b'a');
        }
        i += 1;
    }
    starts
};

/// Up to 8 bytes in ASCII lowercase, zero-padded, as one integer.
fn packed_lower(word: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    for (b, w) in buf.iter_mut().zip(word) {
        *b = w.to_ascii_lowercase();
    }
    u64::from_le_bytes(buf)
}

/// [`packed_lower`] of each [`FUNCTION_LEXICON`] word and its index,
/// sorted by the packed form.
static FUNCTION_KEYS: LazyLock<Vec<(u64, usize)>> = LazyLock::new(|| {
    let mut keys: Vec<(u64, usize)> =
        FUNCTION_LEXICON.iter().enumerate().map(|(i, (en, _))| (packed_lower(en.as_bytes()), i)).collect();
    keys.sort_unstable();
    keys
});

/// True when the embedded lexicon knows the English word ("BAN" shouted
/// is the word "ban", not an acronym).
pub fn is_known_english_word(word: &str) -> bool {
    !translations(word).is_empty() || function_translations(word).is_some()
}

/// German stems for an English word, from the embedded lexicon: the entry
/// whose English stem is the longest prefix of the word, allowing at most
/// three letters of inflection ("announced" → "announce").
fn translations(word: &str) -> &'static [&'static str] {
    lexicon_entry(word).map_or(&[], |i| LEXICON[i].1)
}

/// The [`stem_code`] of each [`LEXICON`] entry's German stems, computed
/// once: they were folded again for every English word the lexicon knows.
static LEXICON_CODES: LazyLock<Vec<Vec<u64>>> =
    LazyLock::new(|| LEXICON.iter().map(|(_, german)| german.iter().map(|de| stem_code(de)).collect()).collect());

/// The index of the [`LEXICON`] entry [`translations`] answers from.
fn lexicon_entry(word: &str) -> Option<usize> {
    let mut buf = [0u8; MAX_KEY];
    let n = word.len();
    if n > MAX_KEY || !word.is_ascii() {
        return None;
    }
    for (b, w) in buf.iter_mut().zip(word.bytes()) {
        *b = w.to_ascii_lowercase();
    }
    // Every stem is at least MIN_PREFIX letters: only the entries that
    // share the word's first two letters can match, and they stand
    // together in the sorted list.
    let lower = &buf[..n];
    let (from, to) = LEXICON_BY_START[start_key(lower)?];
    // The longest entry that is the word less up to three letters: one
    // pass over the few entries (about seven) of the two letters, where a
    // binary search for each of the four lengths compared more strings.
    // Two entries never have the same length and letters, so the longest
    // is the one the searches from the longest stem down found first.
    let mut best = None;
    let mut best_len = 0;
    for (i, (en, _)) in LEXICON[from..to].iter().enumerate() {
        let len = en.len();
        if len > best_len
            && len <= n
            && n - len <= 3
            && len >= MIN_PREFIX
            && en.as_bytes().iter().zip(lower).all(|(a, b)| a == b)
        {
            best = Some(from + i);
            best_len = len;
        }
    }
    best
}

/// The index of a word's first two letters (lowercase ASCII) in
/// [`LEXICON_BY_START`]; `None` for any other start.
fn start_key(word: &[u8]) -> Option<usize> {
    match *word {
        [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] => Some(usize::from(a - b'a') * 26 + usize::from(b - b'a')),
        _ => None,
    }
}

/// The [`LEXICON`] entries (a range) that start with each pair of letters.
static LEXICON_BY_START: LazyLock<Vec<(usize, usize)>> = LazyLock::new(|| {
    let mut ranges = vec![(0, 0); 26 * 26];
    for (i, (en, _)) in LEXICON.iter().enumerate() {
        // Every entry is lowercase letters (a test pins it).
        let Some(k) = start_key(en.as_bytes()) else { continue };
        ranges[k] = if ranges[k].1 == 0 { (i, i + 1) } else { (ranges[k].0, i + 1) };
    }
    ranges
});

/// The longest side, in tokens, that [`align`] takes on. The heaviest-chain
/// search is quadratic in the candidate anchors, and a long text that
/// repeats itself has very many; segment pairs and paragraphs are far
/// below this (a news paragraph is ~100 tokens), a whole book is not.
pub const MAX_ALIGN_TOKENS: usize = 1500;

/// True when both sides are short enough for [`align`]; callers skip their
/// alignment-based checks otherwise rather than stall on pathological input.
pub fn alignable(source: &Analysis<'_>, target: &Analysis<'_>) -> bool {
    source.tokens.len() <= MAX_ALIGN_TOKENS && target.tokens.len() <= MAX_ALIGN_TOKENS
}

/// Aligns the English and German tokens: the heaviest chain of shared codes
/// that runs forward on both sides. Returns the anchors in order. Uses the
/// Ding dictionary when it is installed ([`ding::get`]). Sides longer than
/// [`MAX_ALIGN_TOKENS`] get no anchors.
pub fn align(source: &Analysis<'_>, target: &Analysis<'_>) -> Vec<Anchor> {
    align_with(source, target, ding::get())
}

/// [`align`] with an explicit dictionary (or none): tests pass their own.
pub fn align_with(source: &Analysis<'_>, target: &Analysis<'_>, dictionary: Option<&ding::Lexicon>) -> Vec<Anchor> {
    if !alignable(source, target) {
        return Vec::new();
    }
    let targets = target_codes(target);
    let present = CodeFilter::of(&targets);
    let mut candidates: Vec<Anchor> = Vec::new();
    let mut codes = Vec::with_capacity(16);
    let mut sentence_starts = source.sentences.iter().map(|s| s.tokens.start).peekable();
    for (i, tok) in source.tokens.iter().enumerate() {
        let initial = sentence_starts.next_if(|&s| s <= i).is_some_and(|s| s == i)
            || i.checked_sub(1).is_some_and(|p| is_opening_punct(source.token_text(p)));
        // An ASCII token's lowercase form is its shared one, byte for byte.
        let lower = source.is_ascii(i).then(|| source.lower(i));
        source_codes(source.token_text(i), lower, tok.kind, initial, dictionary, &mut codes);
        let before = candidates.len();
        for &(code, kind) in codes.iter().filter(|&&(code, _)| present.may_contain(code)) {
            let from = targets.partition_point(|(c, _)| *c < code);
            for &(_, j) in targets[from..].iter().take_while(|(c, _)| *c == code) {
                candidates.push(Anchor { source: i, target: j, kind });
            }
        }
        // One candidate per German token is enough: the strongest.
        candidates[before..]
            .sort_unstable_by(|a, b| a.target.cmp(&b.target).then(b.kind.weight().total_cmp(&a.kind.weight())));
        let mut k = before + 1;
        while k < candidates.len() {
            if candidates[k].target == candidates[k - 1].target {
                candidates.remove(k);
            } else {
                k += 1;
            }
        }
    }
    heaviest_chain(&candidates)
}

/// A bit per group of codes that some German token has: most English codes
/// (a dictionary word has up to six) meet no German token, and one bit
/// test tells most of them so without a binary search over the German
/// codes. No false negatives: a code that is there always has its bit.
struct CodeFilter {
    bits: [u64; CodeFilter::WORDS],
}

impl CodeFilter {
    /// 2048 bits: a pair's German side has a few hundred codes.
    const WORDS: usize = 32;

    fn of(targets: &[(u64, usize)]) -> Self {
        let mut filter = CodeFilter { bits: [0; Self::WORDS] };
        for &(code, _) in targets {
            let (word, bit) = Self::place(code);
            filter.bits[word] |= bit;
        }
        filter
    }

    fn may_contain(&self, code: u64) -> bool {
        let (word, bit) = Self::place(code);
        self.bits[word] & bit != 0
    }

    /// The top 11 bits of the code (FNV's multiplications mix the high
    /// bits best): which word, and which bit in it.
    fn place(code: u64) -> (usize, u64) {
        let index = (code >> 53) as usize;
        (index >> 6, 1 << (index & 63))
    }
}

/// A stretch between two consecutive anchors (or the text edges): the
/// English words there and the German words there, as byte ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// Byte range of the unanchored English text.
    pub source: Span,
    /// Byte range of the German text between the same anchors.
    pub target: Span,
    /// Token range of the German stretch (for placing a point inside it).
    pub target_tokens: (usize, usize),
    /// Characters of each side's stretch.
    pub source_chars: usize,
    pub target_chars: usize,
}

/// The stretches between consecutive anchors, edges included.
pub fn gaps(source: &Analysis<'_>, target: &Analysis<'_>, anchors: &[Anchor]) -> Vec<Gap> {
    let mut out = Vec::with_capacity(anchors.len() + 1);
    let mut prev: Option<Anchor> = None;
    for next in anchors.iter().copied().map(Some).chain(std::iter::once(None)) {
        let s = between(source, prev.map(|a| a.source), next.map(|a| a.source));
        let t = between(target, prev.map(|a| a.target), next.map(|a| a.target));
        let t_tokens = (prev.map_or(0, |a| a.target + 1), next.map_or(target.tokens.len(), |a| a.target));
        out.push(Gap {
            source: s,
            target: t,
            target_tokens: t_tokens,
            source_chars: source.text[s.start..s.end].chars().filter(|c| !c.is_whitespace()).count(),
            target_chars: target.text[t.start..t.end].chars().filter(|c| !c.is_whitespace()).count(),
        });
        prev = next;
    }
    out
}

/// Byte range strictly between token `after` and token `before` (None = the
/// text edge), trimmed of surrounding whitespace.
fn between(side: &Analysis<'_>, after: Option<usize>, before: Option<usize>) -> Span {
    let start = after.map_or(0, |i| side.tokens[i].span.end);
    let end = before.map_or(side.text.len(), |i| side.tokens[i].span.start);
    let end = end.max(start);
    let inner = &side.text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if lead + trail >= inner.len() {
        return Span::point(start);
    }
    Span::new(start + lead, end - trail)
}

fn is_opening_punct(p: &str) -> bool {
    matches!(p, "\"" | "“" | "„" | "‘" | "'" | "(" | "[" | ":")
}

/// Heaviest subsequence of candidates strictly increasing on both sides
/// (candidates come sorted by source index). O(k²) over k candidates, which
/// stays small because only shared codes become candidates.
fn heaviest_chain(candidates: &[Anchor]) -> Vec<Anchor> {
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut best = vec![0f32; candidates.len()];
    let mut back = vec![usize::MAX; candidates.len()];
    for k in 0..candidates.len() {
        let c = candidates[k];
        best[k] = c.kind.weight();
        for p in 0..k {
            let q = candidates[p];
            if q.source < c.source && q.target < c.target && best[p] + c.kind.weight() > best[k] {
                best[k] = best[p] + c.kind.weight();
                back[k] = p;
            }
        }
    }
    let mut k = (0..best.len()).fold(0, |m, k| if best[k] > best[m] { k } else { m });
    let mut chain = Vec::new();
    loop {
        chain.push(candidates[k]);
        if back[k] == usize::MAX {
            break;
        }
        k = back[k];
    }
    chain.reverse();
    chain
}

/// English words or stems (plain lowercase) and the German stems their
/// translations start with (folded at run time). Frequent news vocabulary
/// only; no function words (they are everywhere and anchor nothing). Sorted
/// by the English side (a test checks).
static LEXICON: &[(&str, &[&str])] = &[
    ("accident", &["unfall"]),
    ("accuse", &["beschuldigt", "vorgeworfen", "angeklagt"]),
    ("accused", &["beschuldigt", "vorgeworfen", "angeklagt"]),
    ("act", &["handl", "gesetz"]),
    ("action", &["maßnahm", "aktion", "handl"]),
    ("activist", &["aktivist"]),
    ("agency", &["behörd", "agentur"]),
    ("agenda", &["agenda", "tagesordn"]),
    ("agree", &["einig", "vereinb", "zustimm"]),
    ("air", &["luft"]),
    ("airport", &["flughaf"]),
    ("alliance", &["bündnis", "allianz"]),
    ("animal", &["tier"]),
    ("announce", &["angekünd", "ankünd", "kündigt", "bekannt"]),
    ("answer", &["antwort"]),
    ("arms", &["waffe", "arme"]),
    ("army", &["armee"]),
    ("arrest", &["festgenomm", "verhaft", "festnahm"]),
    ("artist", &["künstler"]),
    ("atmosphere", &["atmosphäre", "umfeld"]),
    ("attack", &["angriff", "anschlag", "attack", "angegriff"]),
    ("attention", &["aufmerksam"]),
    ("audience", &["publikum", "zuschauer"]),
    ("authorities", &["behörd"]),
    ("award", &["auszeichn", "preis"]),
    ("bad", &["schlecht", "schlimm"]),
    ("ban", &["verbot", "verbiet"]),
    ("band", &["band"]),
    ("basis", &["grundlag", "basis"]),
    ("beach", &["strand"]),
    ("bed", &["bett"]),
    ("began", &["begann"]),
    ("begin", &["beginn", "begann"]),
    ("behind", &["hinter"]),
    ("believe", &["glaub"]),
    ("believes", &["glaub"]),
    ("bill", &["gesetz", "rechnung"]),
    ("billion", &["milliard"]),
    ("binding", &["verbindlich"]),
    ("birth", &["geburt"]),
    ("black", &["schwarz"]),
    ("blood", &["blut"]),
    ("bodies", &["gremi"]),
    ("body", &["körper", "leich"]),
    ("book", &["buch", "büch"]),
    ("border", &["grenz"]),
    ("boy", &["jung"]),
    ("boys", &["jung"]),
    ("bridge", &["brück"]),
    ("britain", &["britannien", "großbritannien"]),
    ("british", &["brit"]),
    ("brother", &["bruder", "brüder"]),
    ("brought", &["bracht"]),
    ("budget", &["haushalt", "budget"]),
    ("building", &["gebäud"]),
    ("business", &["geschäft", "unternehm"]),
    ("buy", &["kauf"]),
    ("cable", &["kabel"]),
    ("call", &["ruf", "anruf", "forder"]),
    ("calls", &["forder", "aufruf", "anruf"]),
    ("camera", &["kamera"]),
    ("campaign", &["kampagn", "wahlkampf"]),
    ("cancer", &["krebs"]),
    ("capital", &["hauptstadt", "kapital"]),
    ("car", &["auto", "wagen"]),
    ("case", &["fall", "fäll"]),
    ("cause", &["verursach", "ursach"]),
    ("champion", &["meister", "champion", "sieger"]),
    ("charge", &["anklag", "vorwurf", "gebühr"]),
    ("charges", &["anklag", "vorwürf"]),
    ("chemical", &["chemisch"]),
    ("child", &["kind"]),
    ("children", &["kinder"]),
    ("church", &["kirch"]),
    ("cities", &["städt", "stadt"]),
    ("citizen", &["bürger"]),
    ("city", &["stadt", "städt"]),
    ("claim", &["behaupt", "anspruch"]),
    ("climate", &["klima"]),
    ("close", &["schließ", "nah"]),
    ("club", &["verein", "klub", "club"]),
    ("coach", &["trainer"]),
    ("commitment", &["zusage", "verpflicht"]),
    ("committee", &["ausschuss", "komitee"]),
    ("community", &["gemeinde", "gemeinschaft"]),
    ("companies", &["unternehm", "firm"]),
    ("company", &["unternehm", "firma", "konzern", "gesellschaft"]),
    ("concern", &["sorge", "besorg"]),
    ("concession", &["zugeständnis"]),
    ("condition", &["zustand", "beding"]),
    ("confirm", &["bestätig"]),
    ("conflict", &["konflikt"]),
    ("contributed", &["beigetrag"]),
    ("cooperation", &["zusammenarbeit"]),
    ("country", &["land", "länd", "staat"]),
    ("court", &["gericht"]),
    ("courts", &["plätz", "gericht"]),
    ("crime", &["verbrech", "kriminal", "straftat"]),
    ("crowd", &["menge"]),
    ("culture", &["kultur"]),
    ("customer", &["kund"]),
    ("damage", &["schad", "beschädig"]),
    ("danger", &["gefahr"]),
    ("daughter", &["tochter"]),
    ("day", &["tag"]),
    ("days", &["tag"]),
    ("dead", &["tot"]),
    ("deal", &["abkomm", "deal", "vereinbar"]),
    ("deals", &["deal", "geschäft"]),
    ("death", &["tod"]),
    ("debt", &["schuld"]),
    ("december", &["dezember"]),
    ("decide", &["entschied", "entschei"]),
    ("decision", &["entscheid"]),
    ("defence", &["verteidig"]),
    ("defense", &["verteidig"]),
    ("demand", &["nachfrag", "forder"]),
    ("democrat", &["demokrat"]),
    ("demolish", &["zerstör", "abriss", "abgeriss"]),
    ("depend", &["abhäng"]),
    ("despite", &["trotz"]),
    ("destroy", &["zerstör"]),
    ("detain", &["festgenomm", "inhaftiert", "festgehalt"]),
    ("dialogue", &["dialog"]),
    ("die", &["sterb", "starb"]),
    ("died", &["starb", "gestorb"]),
    ("difficult", &["schwierig", "schwer"]),
    ("diplomacy", &["diplomatie"]),
    ("director", &["direktor", "leiter", "regisseur"]),
    ("disease", &["krankheit"]),
    ("doctor", &["arzt", "ärzt"]),
    ("dog", &["hund"]),
    ("dollars", &["dollar"]),
    ("drink", &["trink", "getränk"]),
    ("drive", &["fahr", "fuhr"]),
    ("driver", &["fahrer"]),
    ("drug", &["drog", "medikament"]),
    ("early", &["früh"]),
    ("east", &["ost"]),
    ("economic", &["wirtschaft"]),
    ("economy", &["wirtschaft"]),
    ("education", &["bildung"]),
    ("effort", &["bemüh"]),
    ("eight", &["acht"]),
    ("elect", &["wahl", "gewählt"]),
    ("election", &["wahl"]),
    ("emergency", &["notfall"]),
    ("energy", &["energie"]),
    ("environment", &["umwelt"]),
    ("epidemic", &["epidemi"]),
    ("europe", &["europa"]),
    ("euros", &["euro"]),
    ("everything", &["alles"]),
    ("evidence", &["beweis"]),
    ("excitement", &["begeister"]),
    ("expect", &["erwart"]),
    ("expected", &["erwart"]),
    ("expert", &["expert"]),
    ("eye", &["auge"]),
    ("face", &["gesicht"]),
    ("fact", &["tatsach", "fakt"]),
    ("fall", &["fall", "fiel", "sturz"]),
    ("family", &["famil"]),
    ("fan", &["fan", "anhänger"]),
    ("fans", &["fan", "anhänger"]),
    ("father", &["vater", "väter"]),
    ("fear", &["angst", "furcht", "befürcht"]),
    ("february", &["februar"]),
    ("feet", &["füß"]),
    ("field", &["feld"]),
    ("fight", &["kampf", "kämpf"]),
    ("film", &["film"]),
    ("final", &["finale", "letzt"]),
    ("find", &["find", "fand", "gefund"]),
    ("fined", &["geldstraf", "strafe", "verurteil"]),
    ("fire", &["feuer", "brand"]),
    ("first", &["erst"]),
    ("five", &["fünf"]),
    ("flight", &["flug"]),
    ("flood", &["hochwasser", "flut", "überschwemm"]),
    ("food", &["lebensmittel", "essen", "nahrung"]),
    ("foot", &["fuß"]),
    ("force", &["kräft", "kraft", "zwing", "gezwung"]),
    ("foreign", &["ausländ"]),
    ("forest", &["wald"]),
    ("format", &["format"]),
    ("former", &["ehemalig", "früher"]),
    ("found", &["fand", "gefund", "gegründ"]),
    ("four", &["vier"]),
    ("france", &["frankreich"]),
    ("free", &["frei", "kostenlos"]),
    ("french", &["französ"]),
    ("friday", &["freitag"]),
    ("friend", &["freund"]),
    ("fuel", &["kraftstoff", "treibstoff", "brennstoff"]),
    ("full", &["voll"]),
    ("funding", &["finanzier", "mittel"]),
    ("further", &["weiter"]),
    ("future", &["zukunft"]),
    ("game", &["spiel"]),
    ("gave", &["gab"]),
    ("german", &["deutsch"]),
    ("germany", &["deutschland"]),
    ("girl", &["mädch"]),
    ("girlfriend", &["freundin"]),
    ("girls", &["mädch"]),
    ("give", &["geb", "gab"]),
    ("goal", &["ziel"]),
    ("government", &["regier"]),
    ("grandmother", &["großmutter"]),
    ("green", &["grün"]),
    ("ground", &["boden"]),
    ("group", &["grupp"]),
    ("grow", &["wachs", "wuchs"]),
    ("growth", &["wachstum"]),
    ("guarantee", &["garantie"]),
    ("guard", &["wache", "wächter"]),
    ("gun", &["waffe"]),
    ("hair", &["haar"]),
    ("hand", &["hand", "händ"]),
    ("hands", &["händ"]),
    ("happen", &["passier", "geschah", "geschieh"]),
    ("head", &["kopf", "chef", "leit"]),
    ("headlines", &["schlagzeil"]),
    ("health", &["gesundh"]),
    ("healthy", &["gesund"]),
    ("heart", &["herz"]),
    ("heat", &["hitze"]),
    ("heavy", &["schwer"]),
    ("help", &["hilf", "half", "geholf"]),
    ("high", &["hoch", "höh", "hoh"]),
    ("history", &["geschicht"]),
    ("hit", &["getroff", "traf", "schlag"]),
    ("hold", &["halt", "hielt"]),
    ("hole", &["loch"]),
    ("holiday", &["urlaub", "feiertag"]),
    ("home", &["haus", "heim", "zuhaus"]),
    ("honour", &["ehre"]),
    ("hope", &["hoff"]),
    ("hopeful", &["hoff"]),
    ("hospital", &["krankenh", "klinik"]),
    ("hour", &["stund"]),
    ("house", &["haus", "häus"]),
    ("hundred", &["hundert"]),
    ("idea", &["idee"]),
    ("illegal", &["illegal"]),
    ("impeachment", &["amtsenthebung"]),
    ("important", &["wichtig"]),
    ("increase", &["anstieg", "erhöh", "steig", "zunahm"]),
    ("information", &["information"]),
    ("injur", &["verletz"]),
    ("inquiry", &["untersuch"]),
    ("investigat", &["ermittl", "untersuch"]),
    ("investment", &["investi"]),
    ("investors", &["investor", "anleger"]),
    ("island", &["insel"]),
    ("issue", &["problem", "frage", "thema"]),
    ("jackpot", &["jackpot"]),
    ("january", &["januar"]),
    ("job", &["job", "arbeit", "stell"]),
    ("judge", &["richter"]),
    ("july", &["juli"]),
    ("june", &["juni"]),
    ("justice", &["justiz", "gerechtig"]),
    ("kid", &["kind"]),
    ("kill", &["getöt", "töt", "umgebracht"]),
    ("king", &["könig"]),
    ("knife", &["messer"]),
    ("know", &["wiss", "kennt", "bekannt"]),
    ("land", &["land"]),
    ("language", &["sprache"]),
    ("last", &["letzt", "vergang"]),
    ("late", &["spät"]),
    ("law", &["gesetz", "recht"]),
    ("lead", &["führ", "leit"]),
    ("leader", &["führ", "chef", "spitz"]),
    ("leave", &["verlass", "verließ"]),
    ("left", &["link", "verließ", "verlass"]),
    ("legend", &["legend"]),
    ("letter", &["brief"]),
    ("life", &["leb"]),
    ("light", &["licht"]),
    ("list", &["liste"]),
    ("live", &["leb"]),
    ("local", &["lokal", "örtlich"]),
    ("long", &["lang", "läng"]),
    ("loose", &["los"]),
    ("lord", &["lord"]),
    ("lose", &["verlier", "verlor"]),
    ("lost", &["verlor"]),
    ("lottery", &["lotto", "lotterie"]),
    ("love", &["lieb"]),
    ("majority", &["mehrheit"]),
    ("man", &["mann", "männ"]),
    ("march", &["märz"]),
    ("market", &["markt", "märkt"]),
    ("marriage", &["ehe", "heirat", "hochzeit"]),
    ("may", &["mai"]),
    ("meeting", &["treffen", "sitzung"]),
    ("member", &["mitglied"]),
    ("membership", &["mitglied", "beitritt"]),
    ("message", &["nachricht", "botschaft"]),
    ("met", &["traf", "getroff"]),
    ("middle", &["mitte"]),
    ("migrant", &["migrant"]),
    ("mile", &["meil"]),
    ("military", &["militär"]),
    ("million", &["million"]),
    ("mind", &["geist"]),
    ("minister", &["minister"]),
    ("minute", &["minut"]),
    ("minutes", &["minut"]),
    ("mission", &["mission"]),
    ("moment", &["moment", "augenblick"]),
    ("monday", &["montag"]),
    ("money", &["geld"]),
    ("month", &["monat"]),
    ("months", &["monat"]),
    ("morning", &["morgen"]),
    ("mother", &["mutter", "mütter"]),
    ("movie", &["film"]),
    ("murder", &["mord", "ermord"]),
    ("music", &["musik"]),
    ("name", &["name"]),
    ("nation", &["nation", "staat", "land"]),
    ("nature", &["natur"]),
    ("need", &["brauch", "benötig"]),
    ("negotiation", &["verhandl"]),
    ("negotiations", &["verhandl"]),
    ("neighbor", &["nachbar"]),
    ("neighbour", &["nachbar"]),
    ("network", &["netz"]),
    ("new", &["neu"]),
    ("news", &["nachricht"]),
    ("night", &["nacht", "nächt"]),
    ("nine", &["neun"]),
    ("north", &["nord"]),
    ("notice", &["bemerk"]),
    ("nuclear", &["atom", "nuklear"]),
    ("nurse", &["pfleg", "krankenschwester"]),
    ("ocean", &["ozean", "meer"]),
    ("october", &["oktober"]),
    ("office", &["büro", "amt"]),
    ("officer", &["beamt", "polizist", "offizier"]),
    ("official", &["beamt", "offiziell", "vertret"]),
    ("officials", &["beamt", "vertreter", "offiziell"]),
    ("oil", &["öl"]),
    ("old", &["alt", "ält"]),
    ("open", &["öffn", "offen", "eröffn"]),
    ("operation", &["operation", "einsatz"]),
    ("opponent", &["gegner"]),
    ("order", &["anordn", "befehl", "bestell"]),
    ("organization", &["organisation"]),
    ("outlook", &["aussicht"]),
    ("owner", &["besitzer", "eigentümer"]),
    ("paid", &["bezahlt", "zahlt"]),
    ("pain", &["schmerz"]),
    ("parent", &["elter"]),
    ("parents", &["elter"]),
    ("parliament", &["parlament"]),
    ("party", &["partei", "feier", "party"]),
    ("path", &["weg", "pfad"]),
    ("patient", &["patient"]),
    ("patients", &["patient"]),
    ("pay", &["zahl", "bezahl"]),
    ("peace", &["friede"]),
    ("people", &["mensch", "leut", "person"]),
    ("per", &["pro"]),
    ("percent", &["prozent"]),
    ("period", &["zeitraum", "period"]),
    ("phone", &["telefon", "handy"]),
    ("picture", &["bild"]),
    ("plan", &["plan", "plän"]),
    ("plane", &["flugzeug"]),
    ("planet", &["planet"]),
    ("plant", &["pflanz", "werk", "anlag"]),
    ("play", &["spiel"]),
    ("player", &["spieler"]),
    ("point", &["punkt"]),
    ("police", &["poliz"]),
    ("population", &["bevölker"]),
    ("pounds", &["pfund"]),
    ("poverty", &["armut"]),
    ("power", &["macht", "kraft", "strom"]),
    ("practice", &["train", "übung", "praxis"]),
    ("praise", &["lob"]),
    ("president", &["präsident"]),
    ("price", &["preis"]),
    ("prime", &["premier"]),
    ("prince", &["prinz"]),
    ("princess", &["prinzessin"]),
    ("prison", &["gefängn", "haft"]),
    ("private", &["privat"]),
    ("problem", &["problem"]),
    ("product", &["produkt"]),
    ("productive", &["produktiv"]),
    ("program", &["programm"]),
    ("programme", &["programm", "sendung"]),
    ("project", &["projekt"]),
    ("proposal", &["vorschlag"]),
    ("prosecutor", &["staatsanwalt", "ankläger"]),
    ("protect", &["schütz", "schutz"]),
    ("protester", &["demonstrant"]),
    ("protesters", &["demonstrant"]),
    ("public", &["öffentlich"]),
    ("purpose", &["zweck"]),
    ("qatar", &["katar"]),
    ("qatari", &["katar"]),
    ("queen", &["königin"]),
    ("question", &["frag"]),
    ("race", &["rennen", "rasse"]),
    ("radio", &["radio"]),
    ("rain", &["regen"]),
    ("raise", &["erhöh", "aufbr", "gesammel"]),
    ("rallies", &["kundgeb"]),
    ("rally", &["kundgeb"]),
    ("rate", &["rate", "quote"]),
    ("reach", &["erreich"]),
    ("reason", &["grund"]),
    ("record", &["rekord"]),
    ("red", &["rot"]),
    ("referee", &["schiedsricht"]),
    ("regularly", &["regelmäßig"]),
    ("release", &["freilass", "veröffentlich"]),
    ("religion", &["religion"]),
    ("report", &["bericht", "meld"]),
    ("rescue", &["rett"]),
    ("research", &["forsch"]),
    ("resident", &["bewohner", "einwohner"]),
    ("responsible", &["verantwort"]),
    ("rest", &["rest"]),
    ("result", &["ergebnis"]),
    ("right", &["recht"]),
    ("risk", &["risiko"]),
    ("river", &["fluss"]),
    ("road", &["straß"]),
    ("room", &["raum", "zimmer"]),
    ("royal", &["königlich", "royal"]),
    ("rule", &["regel"]),
    ("russia", &["russland"]),
    ("russian", &["russisch"]),
    ("safety", &["sicherheit"]),
    ("said", &["sagt", "gesagt", "erklärt", "meint"]),
    ("satellite", &["satellit"]),
    ("saturday", &["samstag"]),
    ("say", &["sag", "erklär", "meint"]),
    ("school", &["schul"]),
    ("scientist", &["wissenschaftler", "forscher"]),
    ("scientists", &["wissenschaft", "forscher"]),
    ("sea", &["meer", "see"]),
    ("search", &["such"]),
    ("season", &["saison"]),
    ("second", &["zweit", "sekund"]),
    ("secretary", &["minister", "sekretär"]),
    ("security", &["sicherh"]),
    ("seen", &["gesehen"]),
    ("sell", &["verkauf"]),
    ("senate", &["senat"]),
    ("sentence", &["urteil", "strafe", "satz"]),
    ("separate", &["separat", "getrennt"]),
    ("service", &["dienst"]),
    ("set", &["set"]),
    ("seven", &["sieben"]),
    ("sex", &["sex", "geschlecht"]),
    ("ship", &["schiff"]),
    ("shop", &["geschäft", "laden"]),
    ("shot", &["schoss", "erschoss", "schuss"]),
    ("show", &["zeig", "sendung", "show"]),
    ("sign", &["zeichen", "schild", "unterzeichn"]),
    ("sister", &["schwester"]),
    ("six", &["sechs"]),
    ("small", &["klein"]),
    ("social", &["sozial", "gesellschaft"]),
    ("society", &["gesellschaft"]),
    ("soldier", &["soldat"]),
    ("soldiers", &["soldat"]),
    ("son", &["sohn", "söhn"]),
    ("south", &["süd"]),
    ("space", &["raum", "weltraum", "platz"]),
    ("speech", &["rede"]),
    ("spend", &["ausgeb", "ausgab", "verbracht"]),
    ("spokesman", &["sprecher"]),
    ("spokesperson", &["sprecher"]),
    ("spokeswoman", &["sprecherin"]),
    ("sport", &["sport"]),
    ("staff", &["personal", "mitarbeiter"]),
    ("stage", &["bühne"]),
    ("star", &["stern", "star"]),
    ("state", &["staat"]),
    ("statement", &["erklär", "mitteil"]),
    ("status", &["status"]),
    ("still", &["noch", "immer"]),
    ("story", &["geschicht"]),
    ("strategic", &["strategisch"]),
    ("street", &["straße"]),
    ("strike", &["streik"]),
    ("student", &["student", "schüler"]),
    ("study", &["studi"]),
    ("success", &["erfolg"]),
    ("summer", &["sommer"]),
    ("sunday", &["sonntag"]),
    ("support", &["unterstütz"]),
    ("surgery", &["operation"]),
    ("suspect", &["verdächt", "täter"]),
    ("syria", &["syrien"]),
    ("syrian", &["syrisch"]),
    ("system", &["system"]),
    ("talk", &["gespräch", "sprech", "red"]),
    ("tax", &["steuer"]),
    ("teacher", &["lehrer"]),
    ("team", &["team", "mannschaft"]),
    ("technology", &["technologie", "technik"]),
    ("television", &["fernseh"]),
    ("tell", &["erzähl", "sag"]),
    ("ten", &["zehn"]),
    ("test", &["test"]),
    ("thousand", &["tausend"]),
    ("threat", &["bedroh", "drohung", "gefahr"]),
    ("three", &["drei"]),
    ("thursday", &["donnerstag"]),
    ("ticket", &["ticket", "karte"]),
    ("time", &["zeit", "mal"]),
    ("title", &["titel"]),
    ("today", &["heut"]),
    ("told", &["sagt", "erzählt", "gesagt", "mitgeteilt"]),
    ("torture", &["folter"]),
    ("tour", &["tour", "reise"]),
    ("tourist", &["tourist"]),
    ("town", &["stadt"]),
    ("trade", &["handel"]),
    ("training", &["training", "ausbild"]),
    ("travel", &["reis"]),
    ("treatment", &["behandl"]),
    ("tree", &["baum"]),
    ("trial", &["prozess"]),
    ("tried", &["versucht"]),
    ("trip", &["reise", "fahrt"]),
    ("troop", &["truppe"]),
    ("troops", &["truppe", "soldat"]),
    ("truth", &["wahrheit"]),
    ("try", &["versuch"]),
    ("tuesday", &["dienstag"]),
    ("two", &["zwei"]),
    ("umpire", &["schiedsricht"]),
    ("union", &["union", "gewerkschaft"]),
    ("united", &["vereinigt"]),
    ("university", &["universität", "hochschule"]),
    ("updated", &["aktualisiert"]),
    ("user", &["nutzer", "benutzer"]),
    ("vehicle", &["fahrzeug", "vehikel"]),
    ("victim", &["opfer"]),
    ("video", &["video"]),
    ("view", &["ansicht", "blick"]),
    ("village", &["dorf"]),
    ("violence", &["gewalt"]),
    ("visit", &["besuch"]),
    ("vote", &["stimm", "wahl", "abstimm"]),
    ("wall", &["mauer", "wand"]),
    ("want", &["woll", "will"]),
    ("war", &["krieg"]),
    ("water", &["wass"]),
    ("weapon", &["waffe"]),
    ("weather", &["wetter"]),
    ("website", &["website", "webseite"]),
    ("wedding", &["hochzeit"]),
    ("wednesday", &["mittwoch"]),
    ("week", &["woch"]),
    ("weeks", &["woch"]),
    ("west", &["west"]),
    ("white", &["weiß"]),
    ("wife", &["frau", "ehefrau"]),
    ("win", &["gewinn", "sieg"]),
    ("winter", &["winter"]),
    ("withdrawal", &["rückzug", "abzug"]),
    ("witness", &["zeug"]),
    ("woman", &["frau"]),
    ("women", &["frau"]),
    ("won", &["gewann", "gewonn", "sieg"]),
    ("word", &["wort", "wört"]),
    ("work", &["arbeit"]),
    ("worker", &["arbeiter"]),
    ("world", &["welt"]),
    ("worldwide", &["weltweit"]),
    ("writer", &["autor", "schriftsteller"]),
    ("wrote", &["schrieb", "geschrieb"]),
    ("year", &["jahr", "jähr"]),
    ("years", &["jahr"]),
    ("yesterday", &["gestern"]),
    ("young", &["jung"]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn the_code_filter_passes_every_german_code() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            seed
        };
        for n in [0, 1, 7, 60, 400, 5000] {
            let mut targets: Vec<(u64, usize)> =
                (0..n).map(|i| (hash(KIND_PREFIX, &next().to_le_bytes()), i)).collect();
            // Codes of real words too, and codes that differ in low bits only.
            targets.extend(["regierung", "kauf", "haus", "gekauf"].iter().map(|w| (stem_code(w), 0)));
            targets.extend((0..n as u64).map(|i| (i, 0)));
            let filter = CodeFilter::of(&targets);
            assert!(targets.iter().all(|&(code, _)| filter.may_contain(code)), "{n}");
            for _ in 0..2000 {
                let code = next();
                assert!(filter.may_contain(code) || targets.iter().all(|&(c, _)| c != code));
            }
        }
    }

    fn aligned<'a>(en: &'a Analysis<'a>, de: &'a Analysis<'a>) -> Vec<(&'a str, &'a str)> {
        align(en, de).iter().map(|a| (en.token_text(a.source), de.token_text(a.target))).collect()
    }

    #[test]
    fn lexicon_is_sorted_and_lowercase() {
        for w in LEXICON.windows(2) {
            assert!(w[0].0 < w[1].0, "{} must sort before {}", w[0].0, w[1].0);
        }
        assert!(LEXICON.iter().all(|(en, _)| en.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(LEXICON.iter().all(|(en, _)| en.len() >= MIN_PREFIX));
        // The two-letter ranges find every entry, as the whole list does.
        for (i, (en, _)) in LEXICON.iter().enumerate() {
            assert_eq!(lexicon_entry(en), Some(i), "{en}");
        }
        for w in FUNCTION_LEXICON.windows(2) {
            assert!(w[0].0 < w[1].0, "{} must sort before {}", w[0].0, w[1].0);
        }
        assert_eq!(function_translations("With"), Some(&["mit"][..]));
        assert!(FUNCTION_LEXICON
            .iter()
            .all(|(en, _)| (1..=8).contains(&en.len()) && en.bytes().all(|b| b.is_ascii_lowercase())));
        assert_eq!(translations("Announced"), &["angekünd", "ankünd", "kündigt", "bekannt"]);
    }

    /// The plain definition [`function_entry`] answers as: a search of
    /// the sorted strings for the word in ASCII lowercase.
    fn function_entry_by_strings(word: &str) -> Option<usize> {
        if word.len() > 8 || !word.is_ascii() {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        FUNCTION_LEXICON.binary_search_by(|(en, _)| lexicon::compare_short(en.as_bytes(), lower.as_bytes())).ok()
    }

    /// The plain definition [`lexicon_entry`] answers as: a search of the
    /// whole sorted list for each stem, from the whole word down to three
    /// letters shorter.
    fn lexicon_entry_by_searches(word: &str) -> Option<usize> {
        if word.len() > MAX_KEY || !word.is_ascii() {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let n = lower.len();
        (MIN_PREFIX..=n).rev().take_while(|&len| n - len <= 3).find_map(|len| {
            LEXICON.binary_search_by(|(en, _)| lexicon::compare_short(en.as_bytes(), &lower.as_bytes()[..len])).ok()
        })
    }

    #[test]
    fn lexicon_entries_are_the_longest_stems_the_searches_find() {
        let mut words: Vec<String> = Vec::new();
        for (en, _) in LEXICON {
            for suffix in ["", "s", "ed", "ing", "ings", "e", "X", "-"] {
                words.push(format!("{en}{suffix}"));
                words.push(format!("{en}{suffix}").to_ascii_uppercase());
            }
            words.push(en[..en.len() - 1].to_string());
        }
        words.extend(["", "a", "ab", "Über", "announcedly"].map(String::from));
        words.extend(["x".repeat(24), "accident".repeat(3), "accident".repeat(3) + "s"]);
        words.extend(random_words(b"acdeinorstuyABCDEGHIMNOPRSTW-'", 12));
        for w in &words {
            assert_eq!(lexicon_entry(w), lexicon_entry_by_searches(w), "{w:?}");
        }
    }

    /// 20,000 pseudo-random words over `alphabet`, shorter than `max_len`.
    fn random_words(alphabet: &[u8], max_len: u64) -> Vec<String> {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        (0..20_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let len = (seed % max_len) as usize;
                (0..len).map(|k| alphabet[((seed >> (4 * k + 8)) % alphabet.len() as u64) as usize] as char).collect()
            })
            .collect()
    }

    #[test]
    fn packed_function_entries_find_what_the_strings_find() {
        let mut words: Vec<String> = Vec::new();
        for (en, _) in FUNCTION_LEXICON {
            words.push(en.to_string());
            words.push(en.to_ascii_uppercase());
            words.push(format!("{en}\0"));
            words.push(format!("{en}s"));
            words.push(en[..en.len() - 1].to_string());
        }
        words.extend(["", "\0", "i\0", "I", "Über", "withouts", "withoutss", "ab\0\0cd"].map(String::from));
        words.extend(random_words(b"aehinorstwAEW\0-", 10));
        for w in &words {
            assert_eq!(function_entry(w), function_entry_by_strings(w), "{w:?}");
        }
    }

    /// [`Key::fold_ascii`] as a `match` on each byte, the plain definition
    /// its table stands for.
    fn fold_ascii_by_match(word: &[u8]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        let mut k = 0;
        while k < word.len() {
            let lower = word[k].to_ascii_lowercase();
            k += 1;
            let b = match lower {
                b'c' | b'z' => b'k',
                b'y' => b'i',
                b'p' if word.get(k).is_some_and(|n| n.eq_ignore_ascii_case(&b'h')) => {
                    k += 1;
                    b'f'
                }
                b'a'..=b'z' | b'0'..=b'9' => lower,
                _ => continue,
            };
            if out.last() != Some(&b) && out.len() < MAX_KEY {
                out.push(b);
            }
        }
        out
    }

    #[test]
    fn ascii_fold_table_folds_as_the_match() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut words: Vec<Vec<u8>> =
            vec![b"".to_vec(), b"Philipp".to_vec(), b"PPHH".to_vec(), b"ph".to_vec(), b"p".to_vec()];
        words.push((0u8..128).collect());
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 30) as usize;
            let mut s = seed;
            words.push(
                (0..len)
                    .map(|_| {
                        s = s.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(1);
                        b"pPhHcCzZyYaAkK09-'. x\x7f"[((s >> 40) % 21) as usize]
                    })
                    .collect(),
            );
        }
        for w in &words {
            assert_eq!(Key::fold_ascii(w).as_bytes(), fold_ascii_by_match(w).as_slice(), "{w:?}");
        }
    }

    #[test]
    fn ascii_folding_is_the_general_folding() {
        // The general path on the same letters, made non-ASCII by a
        // trailing character it drops.
        for word in ["Kommission", "commission", "Philipp", "PHILIPP", "Yemen", "3,000", "zz-Top", "aph", "ph"] {
            let general = Key::fold(&format!("{word}\u{2019}"));
            assert_eq!(Key::fold(word).as_bytes(), general.as_bytes(), "{word}");
        }
        let long = "a".repeat(10) + &"bc".repeat(20);
        assert_eq!(Key::fold(&long).as_bytes(), Key::fold(&format!("{long}\u{2019}")).as_bytes());
    }

    #[test]
    fn prefix_codes_are_the_hashes_of_the_prefixes() {
        for word in ["", "a", "ab", "abc", "kommission", "bundesverfassungsgericht"] {
            let bytes = word.as_bytes();
            let mut expected = Vec::new();
            for len in MIN_PREFIX.min(bytes.len())..=bytes.len().min(MAX_PREFIX) {
                if len >= 2 {
                    expected.push((hash(KIND_PREFIX, &bytes[..len]), 7));
                }
            }
            let mut codes = Vec::new();
            push_prefix_codes(bytes, 7, &mut codes);
            assert_eq!(codes, expected, "{word}");
        }
    }

    #[test]
    fn folding_meets_cognates() {
        assert_eq!(Key::fold("Kommission").as_bytes(), Key::fold("commission").as_bytes());
        assert_eq!(Key::fold("Canada").as_bytes(), Key::fold("Kanada").as_bytes());
        assert_eq!(Key::fold("Größe").as_bytes(), b"grose");
    }

    #[test]
    fn aligns_names_numbers_cognates_and_lexicon_words() {
        let en =
            Analysis::new("Thunberg said on Friday that 3,000 police officers protested in Canada.", Lang::English);
        let de =
            Analysis::new("Thunberg sagte am Freitag, dass 3.000 Polizisten in Kanada protestierten.", Lang::German);
        let pairs = aligned(&en, &de);
        for expected in [("Thunberg", "Thunberg"), ("said", "sagte"), ("3,000", "3.000"), ("Canada", "Kanada")] {
            assert!(pairs.contains(&expected), "{expected:?} missing from {pairs:?}");
        }
    }

    #[test]
    fn the_dictionary_adds_weaker_anchors_and_is_optional() {
        let dictionary = ding::parse(
            "kaufen {vt} | gekauft | kaufte :: to buy | bought | bought\n\
             Scheune {f} | Scheunen {pl} :: barn | barns\n",
        );
        let en = Analysis::new("Thunberg bought an old barn near Berlin.", Lang::English);
        let de = Analysis::new("Thunberg kaufte eine alte Scheune bei Berlin.", Lang::German);
        let with: Vec<_> = align_with(&en, &de, Some(&dictionary))
            .iter()
            .map(|a| (en.token_text(a.source), de.token_text(a.target), a.kind))
            .collect();
        assert!(with.contains(&("bought", "kaufte", AnchorKind::Dictionary)), "{with:?}");
        assert!(with.contains(&("barn", "Scheune", AnchorKind::Dictionary)), "{with:?}");
        // The embedded lexicon still wins where it knows the word.
        assert!(with.contains(&("old", "alte", AnchorKind::Word)), "{with:?}");
        let without: Vec<_> = align_with(&en, &de, None).iter().map(|a| (en.token_text(a.source), a.kind)).collect();
        assert!(!without.iter().any(|(_, kind)| *kind == AnchorKind::Dictionary), "{without:?}");
        assert!(without.contains(&("Berlin", AnchorKind::Name)));
    }

    #[test]
    fn alignment_is_monotone() {
        let en = Analysis::new("Berlin and Paris, then Rome and Berlin.", Lang::English);
        let de = Analysis::new("Berlin und Paris, dann Rom und Berlin.", Lang::German);
        let anchors = align(&en, &de);
        assert!(anchors.windows(2).all(|w| w[0].source < w[1].source && w[0].target < w[1].target));
        assert!(anchors.len() >= 3);
    }
}
