//! The number layer: every quantity a text states, read as a normalised value.
//!
//! A changed number is the most harmful thing a translation can do quietly,
//! and the two languages write the same quantity differently: "1,000" is
//! "1.000", "2.5" is "2,5", "3.9%" is "3,9 %", "$5bn" is "5 Mrd. Dollar",
//! "10 a.m." is "10 Uhr", "two" is "zwei", and German "Billion" is 10^12.
//! This module reads numbers in digits, number words, ordinals, times,
//! percentages and magnitudes from an [`Analysis`] into [`NumberMention`]s
//! (byte span, candidate values, kind), and matches the mentions of two
//! sides as a multiset ([`match_mentions`]), so detectors only see what has
//! no counterpart. Ambiguous spellings keep every reading as a candidate
//! value: matching is lenient on purpose, reporting is strict.

use super::lexicon::{next_marked, two_byte_key_of, KeySet, TWO_BYTE_KEYS};
use super::tokens::{split_hyphen, TokenKind};
use super::{Analysis, Lang};
use crate::model::Span;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::sync::LazyLock;

/// `s` in lowercase, borrowed when it already is: runs for every word of
/// every pair, so it must not allocate in the common case.
pub(crate) fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        // Nearly every word: the ASCII mapping is what `to_lowercase` does
        // for ASCII, without its Unicode table walk.
        return if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        };
    }
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// What kind of quantity a mention states (used in messages and to prefer
/// like-for-like matches).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Year,
    /// Hours as a fraction: 10:30 is 10.5.
    Time,
    Percent,
    /// "1990s", "1990er".
    Decade,
}

/// How much an unmatched mention counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Never reported on its own, only used to explain the other side:
    /// "ein", "one", "first", "half", slashed dates ("9/11").
    Weak,
    /// Digits inside a name ("G7", "Covid-19", "CO2"): compared only with
    /// names of the same letters on the other side.
    Name,
    /// Spelled out ("zwei", "dritte"): reported only against a source number.
    Word,
    /// Written in digits.
    Digits,
}

/// Up to four readings of one mention; the first is the most likely.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Values {
    vals: [f64; 4],
    len: u8,
}

impl Values {
    pub fn one(v: f64) -> Self {
        Values { vals: [v, 0.0, 0.0, 0.0], len: 1 }
    }

    /// Adds another reading unless it is already there (or there is no room).
    pub fn push(&mut self, v: f64) {
        if !self.contains(v) && (self.len as usize) < self.vals.len() {
            self.vals[self.len as usize] = v;
            self.len += 1;
        }
    }

    pub fn as_slice(&self) -> &[f64] {
        &self.vals[..self.len as usize]
    }

    pub fn primary(&self) -> f64 {
        self.vals[0]
    }

    pub fn contains(&self, v: f64) -> bool {
        self.as_slice().iter().any(|&x| same_value(x, v))
    }

    pub fn shares(&self, other: &Values) -> bool {
        self.as_slice().iter().any(|&v| other.contains(v))
    }

    fn scaled(&self, factor: f64) -> Values {
        let mut out = *self;
        for v in &mut out.vals[..out.len as usize] {
            *v *= factor;
        }
        out
    }
}

/// Equal up to floating-point noise ("3.6" × 10^9 both ways).
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// One quantity stated in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberMention {
    /// The digits or words, including a magnitude word ("5 Mrd", "2 million").
    pub span: Span,
    pub values: Values,
    pub kind: NumberKind,
    pub strength: Strength,
    /// A converted value for imperial units ("5 miles" ≈ 8 km), matched
    /// approximately because translators round.
    pub converted: Option<f64>,
}

impl NumberMention {
    fn new(span: Span, values: Values, kind: NumberKind, strength: Strength) -> Self {
        NumberMention { span, values, kind, strength, converted: None }
    }

    /// True when `other` can state the same quantity.
    pub fn can_match(&self, other: &NumberMention) -> bool {
        self.values.shares(&other.values) || self.converted_matches(other) || other.converted_matches(self)
    }

    fn converted_matches(&self, other: &NumberMention) -> bool {
        let Some(c) = self.converted else { return false };
        other.values.as_slice().iter().any(|&v| (v - c).abs() <= 0.15 * c.abs().max(1.0))
    }
}

/// Every number mention of one side, in text order.
pub fn extract(a: &Analysis<'_>) -> Vec<NumberMention> {
    extract_where(a, |i| i)
}

/// [`extract`], reading only the tokens whose `marks` have `bit` set: a
/// caller's per-token screen (the shared word marks of a pair) that sets
/// it on every number token, every word with a digit and every word
/// starting like one of [`word_starts`]. The other tokens add nothing.
pub fn extract_marked(a: &Analysis<'_>, marks: &[u8], bit: u8) -> Vec<NumberMention> {
    extract_where(a, |i| next_marked(marks, bit, i))
}

/// The readings of the tokens `next_readable` leads to: it gives the first
/// token at or after its argument that may be read (the token count when
/// none is left).
#[inline(always)]
fn extract_where(a: &Analysis<'_>, next_readable: impl Fn(usize) -> usize) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut i = next_readable(0);
    while i < a.tokens.len() {
        let tok = a.tokens[i];
        let next = match tok.kind {
            TokenKind::Number => read_digit_token(a, i, &mut out),
            // The byte classes say whether a word has a digit without a scan.
            TokenKind::Word if a.has_digit(i) => {
                if a.text.as_bytes()[tok.span.start].is_ascii_digit() {
                    read_digit_word(a, i, &mut out)
                } else {
                    read_name_with_digits(a, i, &mut out)
                }
            }
            TokenKind::Word => match a.lang {
                Lang::English => read_english_words(a, i, &mut out),
                Lang::German => read_german_words(a, i, &mut out),
            },
            TokenKind::Punct => i + 1,
        };
        i = next_readable(next.max(i + 1));
    }
    out
}

/// How every word the word readings of [`extract`] may read begins, in
/// lowercase: `(start, whole)`, where `whole` says the word is exactly
/// `start`, else it is any word that begins with it. A word of `lang`
/// without a digit that begins with none of them (compared on its
/// lowercase form) yields no mention: the shared word marks are built
/// from this list.
pub(crate) fn word_starts(lang: Lang) -> Vec<(String, bool)> {
    let mut starts = Vec::new();
    match lang {
        Lang::English => {
            // `read_english_words` needs the part before the first hyphen to
            // be a number head, or the word an implied quantity.
            for head in ENGLISH_NUMBER_HEADS.iter() {
                starts.push((head.clone(), true));
                starts.push((format!("{head}-"), false));
            }
            starts.extend(ENGLISH_IMPLIED.iter().map(|(w, _)| (w.to_string(), true)));
        }
        Lang::German => {
            // Cardinals, ordinals (a stem, or a cardinal with "st"), the
            // forms of "ein" and the implied quantities.
            starts.extend(GERMAN_NUMBER_STARTS.iter().map(|w| (w.to_string(), false)));
            starts.extend(GERMAN_ORDINAL_STEMS.iter().filter(|w| !w.is_empty()).map(|w| (w.to_string(), false)));
            starts.extend(GERMAN_ARTICLE_ONE.iter().map(|w| (w.to_string(), true)));
            starts.extend(GERMAN_IMPLIED.iter().map(|(w, _)| (w.to_string(), true)));
        }
    }
    starts
}

// ---------------------------------------------------------------------------
// Digits

/// The reading of one run of digits with separators ("1.000", "3,5", "10:30").
#[derive(Debug, Clone, Copy)]
struct DigitReading {
    values: Values,
    time: bool,
    plain_integer: bool,
}

/// `s.parse::<f64>().ok()`, with a fast path for up to 15 ASCII digits:
/// their integer is below 2^53, so it converts to exactly the `f64` the
/// float parser gives, without the parser's cost.
fn parse_integer_as_f64(s: &str) -> Option<f64> {
    if (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        let v = s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Some(v as f64);
    }
    s.parse().ok()
}

/// `s.replace(sep, "").parse().ok()`: the digits of `s` as one integer,
/// without the copy when they are few enough for [`parse_integer_as_f64`].
fn parse_without_separator(s: &str, sep: char) -> Option<f64> {
    let sep = u8::try_from(sep).ok().filter(u8::is_ascii)?;
    let (mut value, mut digits) = (0u64, 0);
    for b in s.bytes() {
        if b == sep {
            continue;
        }
        if !b.is_ascii_digit() || digits == 15 {
            return s.replace(char::from(sep), "").parse().ok();
        }
        value = value * 10 + u64::from(b - b'0');
        digits += 1;
    }
    // No digit at all: the empty string, which does not parse.
    (digits > 0).then_some(value as f64)
}

/// `s.replace(sep, ".").parse().ok()` for `s` with one `sep`, without the
/// copy and the float parser when both sides are digits, 15 in all: the
/// digits as an integer N below 2^53 and the power of ten 10^k (k <= 15)
/// are exact, so N / 10^k is one correctly rounded division, the value the
/// parser gives (its own fast path).
fn parse_with_decimal_separator(s: &str, sep: char) -> Option<f64> {
    const POWERS: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let plain = || s.replace(sep, ".").parse().ok();
    let Some((int, frac)) = s.split_once(sep) else { return plain() };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !all_digits(frac) || int.len() + frac.len() > 15 {
        return plain();
    }
    let value = int.bytes().chain(frac.bytes()).fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
    Some(value as f64 / POWERS[frac.len()])
}

/// `(s.split(sep).count(), s.split(sep).skip(1).all(|g| g.len() == 3))`
/// for the bytes of `s` and ASCII `sep`, in one pass without a searcher.
fn separator_groups(s: &[u8], sep: u8) -> (usize, bool) {
    let (mut groups, mut grouped, mut last) = (1, true, None);
    for (k, &b) in s.iter().enumerate() {
        if b == sep {
            if let Some(p) = last {
                grouped &= k - p - 1 == 3;
            }
            groups += 1;
            last = Some(k);
        }
    }
    if let Some(p) = last {
        grouped &= s.len() - p - 1 == 3;
    }
    (groups, grouped)
}

/// Reads digits with `.`, `,` and `:` in the conventions of `lang`, keeping
/// the other convention as a second reading (MT often leaves "2.5" in German).
fn read_digits(s: &str, lang: Lang) -> Option<DigitReading> {
    // One pass over the few bytes for all three separators.
    let (mut has_dot, mut has_comma, mut has_colon) = (false, false, false);
    for b in s.bytes() {
        has_dot |= b == b'.';
        has_comma |= b == b',';
        has_colon |= b == b':';
    }
    if !has_dot && !has_comma && !has_colon {
        let v: f64 = parse_integer_as_f64(s)?;
        return Some(DigitReading { values: Values::one(v), time: false, plain_integer: true });
    }
    if has_colon {
        let (h, m) = s.split_once(':')?;
        if m.len() == 2 && !h.contains(['.', ',']) && !m.contains([':', '.', ',']) {
            let (h, m): (f64, f64) = (parse_integer_as_f64(h)?, parse_integer_as_f64(m)?);
            if h <= 24.0 && m < 60.0 {
                return Some(DigitReading { values: Values::one(h + m / 60.0), time: true, plain_integer: false });
            }
        }
        return None;
    }
    if has_dot && has_comma {
        // The separator that comes last is the decimal one.
        let (thousands, decimal) = if s.rfind('.') > s.rfind(',') { (',', '.') } else { ('.', ',') };
        let cleaned: String =
            s.chars().filter(|&c| c != thousands).map(|c| if c == decimal { '.' } else { c }).collect();
        return Some(DigitReading { values: Values::one(cleaned.parse().ok()?), time: false, plain_integer: false });
    }
    let sep = if has_dot { '.' } else { ',' };
    let (groups, grouped_in_thousands) = separator_groups(s.as_bytes(), if has_dot { b'.' } else { b',' });
    let thousands: Option<f64> = grouped_in_thousands.then(|| parse_without_separator(s, sep)).flatten();
    let decimal: Option<f64> = (groups == 2).then(|| parse_with_decimal_separator(s, sep)).flatten();
    let native_thousands = match lang {
        Lang::English => sep == ',',
        Lang::German => sep == '.',
    };
    let mut values: Option<Values> = None;
    let mut add = |v: Option<f64>| {
        if let Some(v) = v {
            match values.as_mut() {
                Some(vals) => vals.push(v),
                None => values = Some(Values::one(v)),
            }
        }
    };
    if native_thousands {
        add(thousands);
        add(decimal);
    } else {
        add(decimal);
        add(thousands);
    }
    // "10.30 Uhr": German times use a period.
    let mut time = false;
    if let Some((h, m)) = s.split_once('.').filter(|(_, m)| sep == '.' && m.len() == 2) {
        if let (Some(h), Some(m)) = (parse_integer_as_f64(h), parse_integer_as_f64(m)) {
            if h <= 24.0 && m < 60.0 {
                add(Some(h + m / 60.0));
                time = true;
            }
        }
    }
    values.map(|values| DigitReading { values, time, plain_integer: false })
}

/// A number token: "12", "1.000", "3,5", "10:30", "2010-2015", "11.09.2001".
// Out of line: digits are a few tokens in a hundred, and inlined into
// `extract` they crowded its per-token loop out of the registers.
#[inline(never)]
fn read_digit_token(a: &Analysis<'_>, i: usize, out: &mut Vec<NumberMention>) -> usize {
    let tok = a.tokens[i];
    let text = tok.text(a.text);
    let slashed = in_slash_group(a, i);
    let mut parts = 0;
    let mut first_value: Option<f64> = None;
    let start_len = out.len();
    // One part of the token (split at '-' and U+2011) at `offset`.
    let mut read_part = |offset: usize, part: &str, out: &mut Vec<NumberMention>| {
        let span = Span::new(tok.span.start + offset, tok.span.start + offset + part.len());
        parts += 1;
        if a.lang == Lang::German && read_german_numeric_date(a, i, part, span, out) {
            return;
        }
        match read_digits(part, a.lang) {
            Some(reading) => {
                let mut values = reading.values;
                // "2010-15": an abbreviated second year of a range.
                if let (Some(first), true) = (first_value, parts == 2 && reading.plain_integer) {
                    if first >= 1000.0 && part.len() == 2 {
                        values.push((first / 100.0).floor() * 100.0 + values.primary());
                    }
                }
                first_value.get_or_insert(values.primary());
                let kind = if reading.time { NumberKind::Time } else { NumberKind::Cardinal };
                let strength = if slashed { Strength::Weak } else { Strength::Digits };
                let mut m = NumberMention::new(span, values, kind, strength);
                if reading.plain_integer && is_year(values.primary()) {
                    m.kind = NumberKind::Year;
                }
                out.push(m);
            }
            // "11.09.2001", "3:1": several numbers in one token.
            None => read_separate_integers(part, span.start, out),
        }
    };
    // Without a '-' or U+2011 (the analysis' byte classes say so) the
    // token is its only part: nearly every number, read without the split.
    if !a.may_have_hyphen(i) {
        if !text.is_empty() {
            read_part(0, text, out);
        }
    } else {
        for (offset, part) in split_keep_offsets(text, |c| c == '-' || c == '\u{2011}') {
            read_part(offset, part, out);
        }
    }
    let next = apply_context_after(a, i + 1, &mut out[start_len..]);
    next.max(i + 1)
}

/// "14.03." and "17.06.2021": German numeric dates. The day and year are
/// numbers; the month stands for a month name on the other side, so it is
/// a weak mention. Returns false when `part` is not such a date.
fn read_german_numeric_date(a: &Analysis<'_>, i: usize, part: &str, span: Span, out: &mut Vec<NumberMention>) -> bool {
    // Without a period there is no second piece: most numbers stop here,
    // before the searcher of the split.
    if !part.as_bytes().contains(&b'.') {
        return false;
    }
    let mut pieces = part.split('.');
    let (Some(day), Some(month), year) = (pieces.next(), pieces.next(), pieces.next()) else { return false };
    let short = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !short(day) || !short(month) || pieces.next().is_some() {
        return false;
    }
    let year_ok = year.is_some_and(|y| (y.len() == 2 || y.len() == 4) && y.bytes().all(|b| b.is_ascii_digit()));
    let followed_by_period = is_adjacent_period(a, i + 1) && span.end == a.tokens[i].span.end;
    if !(year_ok || (year.is_none() && followed_by_period)) {
        return false;
    }
    let (Ok(d), Ok(m)) = (day.parse::<f64>(), month.parse::<f64>()) else { return false };
    if !(1.0..=31.0).contains(&d) || !(1.0..=12.0).contains(&m) {
        return false;
    }
    let day_span = Span::new(span.start, span.start + day.len());
    let month_span = Span::new(day_span.end + 1, day_span.end + 1 + month.len());
    out.push(NumberMention::new(day_span, Values::one(d), NumberKind::Ordinal, Strength::Digits));
    out.push(NumberMention::new(month_span, Values::one(m), NumberKind::Ordinal, Strength::Weak));
    if let Some(y) = year {
        let v: f64 = y.parse().unwrap_or(0.0);
        let v = if y.len() == 2 { 2000.0 + v } else { v };
        let start = month_span.end + 1;
        let mut values = Values::one(v);
        values.push(v % 100.0);
        out.push(NumberMention::new(Span::new(start, start + y.len()), values, NumberKind::Year, Strength::Digits));
    }
    true
}

/// A dated or scored token read as plain integers: "11.09.2001" → 11, 9, 2001.
fn read_separate_integers(part: &str, start: usize, out: &mut Vec<NumberMention>) {
    for (offset, digits) in split_keep_offsets(part, |c| !c.is_ascii_digit()) {
        if let Some(v) = parse_integer_as_f64(digits) {
            let span = Span::new(start + offset, start + offset + digits.len());
            let kind = if is_year(v) && digits.len() == 4 { NumberKind::Year } else { NumberKind::Cardinal };
            out.push(NumberMention::new(span, Values::one(v), kind, Strength::Digits));
        }
    }
}

fn is_year(v: f64) -> bool {
    (1000.0..=2100.0).contains(&v) && v.fract() == 0.0
}

/// Non-empty pieces of `s` between separators, with their byte offsets.
fn split_keep_offsets(s: &str, is_sep: impl Fn(char) -> bool) -> impl Iterator<Item = (usize, &str)> {
    // Read as they are asked for: a vector per digit token was an
    // allocation (and often a regrowth) for one or two pieces.
    Pieces { s, at: 0, is_sep }
}

/// The iterator of [`split_keep_offsets`]: `at` is where the next piece is
/// looked for.
struct Pieces<'s, F> {
    s: &'s str,
    at: usize,
    is_sep: F,
}

impl<'s, F: Fn(char) -> bool> Iterator for Pieces<'s, F> {
    type Item = (usize, &'s str);

    fn next(&mut self) -> Option<Self::Item> {
        let mut start = None;
        for (k, c) in self.s[self.at..].char_indices() {
            let i = self.at + k;
            if (self.is_sep)(c) {
                if let Some(st) = start {
                    self.at = i;
                    return Some((st, &self.s[st..i]));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        self.at = self.s.len();
        start.map(|st| (st, &self.s[st..]))
    }
}

/// "9/11", "24/7", "2019/20": slashed numbers are dates, fractions or
/// seasons, written many ways; they explain the other side but are not reported.
fn in_slash_group(a: &Analysis<'_>, i: usize) -> bool {
    let adjacent_slash = |p: usize, q: usize| {
        a.tokens.get(q).is_some_and(|t| t.span.start == a.tokens[p].span.end) && matches!(a.token_text(q), "/" | "\\")
    };
    let before = i
        .checked_sub(1)
        .is_some_and(|p| a.tokens[p].span.end == a.tokens[i].span.start && matches!(a.token_text(p), "/" | "\\"));
    before || adjacent_slash(i, i + 1)
}

/// A word that starts with digits: "5bn", "1990s", "1990er", "175th",
/// "10am", "16-year-old", "16-Jähriger", "3,5-prozentig", "3D".
// Out of line: digits are a few tokens in a hundred, and inlined into
// `extract` they crowded its per-token loop out of the registers.
#[inline(never)]
fn read_digit_word(a: &Analysis<'_>, i: usize, out: &mut Vec<NumberMention>) -> usize {
    let tok = a.tokens[i];
    let text = tok.text(a.text);
    let digits_end = numeric_prefix_len(text);
    let Some(reading) = read_digits(&text[..digits_end], a.lang) else { return i + 1 };
    let span = Span::new(tok.span.start, tok.span.start + digits_end);
    let suffix = &text[digits_end..];
    let lower = lowercase(suffix);
    let mut values = reading.values;
    let mut kind = if reading.time { NumberKind::Time } else { NumberKind::Cardinal };
    let mut strength = Strength::Digits;
    let mut whole_span = span;
    if let Some(rest) = lower.strip_prefix(['-', '\u{2011}']) {
        // Hyphenated compounds name a plain quantity ("16-year-old").
        if rest.starts_with("prozent") || rest.starts_with("percent") || rest.starts_with("per-cent") {
            kind = NumberKind::Percent;
        }
        // "31-billion", "2-Millionen-Dollar-Deal"
        // Cut the hyphen off `suffix` itself: lowercasing can change byte lengths ("ẞ" → "ß").
        let head = suffix.strip_prefix(['-', '\u{2011}']).unwrap_or(suffix);
        let head = super::tokens::hyphen_parts(head).next().unwrap_or(head);
        if let Some(f) = magnitude(head, a.lang) {
            values = values.scaled(f);
        }
    } else {
        whole_span = tok.span;
        match &*lower {
            "s" | "'s" | "’s" | "er" | "ern" | "ers" | "erjahre" | "erjahren" => {
                kind = NumberKind::Decade;
                values.push(values.primary() % 100.0);
            }
            "st" | "nd" | "rd" | "th" => kind = NumberKind::Ordinal,
            "am" | "a.m" => kind = NumberKind::Time,
            "pm" | "p.m" => {
                kind = NumberKind::Time;
                values.push(values.primary() + 12.0);
            }
            "k" => values = values.scaled(1e3),
            "m" | "mn" | "mln" if a.lang == Lang::English => {
                let mut scaled = values.scaled(1e6);
                scaled.push(values.primary()); // "5m" may be metres
                values = scaled;
            }
            "bn" | "b" | "bln" if a.lang == Lang::English => values = values.scaled(1e9),
            "tn" | "trn" if a.lang == Lang::English => values = values.scaled(1e12),
            "x" | "km" | "kg" | "cm" | "mm" | "h" | "min" | "ft" | "mph" | "kmh" | "gb" | "mb" | "tb" | "ml" | "mg"
            | "g" | "t" | "l" | "kw" | "mw" | "gw" => {}
            _ => strength = Strength::Weak, // "3D", "4G", "5G": names, not quantities
        }
    }
    if kind == NumberKind::Cardinal && reading.plain_integer && is_year(values.primary()) {
        kind = NumberKind::Year;
    }
    let start_len = out.len();
    out.push(NumberMention::new(whole_span, values, kind, strength));
    apply_context_after(a, i + 1, &mut out[start_len..]).max(i + 1)
}

/// Length of the leading digits-with-separators part of a word.
fn numeric_prefix_len(word: &str) -> usize {
    let b = word.as_bytes();
    let mut end = 0;
    while end < b.len() {
        let separator_between_digits =
            end > 0 && matches!(b[end], b'.' | b',' | b':') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !b[end].is_ascii_digit() && !separator_between_digits {
            break;
        }
        end += 1;
    }
    end
}

/// "G7", "Covid-19", "MH17", "F-35": digits inside a name. Kept as name
/// mentions so that "Covid 19" on the other side is explained.
// Out of line: digits are a few tokens in a hundred, and inlined into
// `extract` they crowded its per-token loop out of the registers.
#[inline(never)]
fn read_name_with_digits(a: &Analysis<'_>, i: usize, out: &mut Vec<NumberMention>) -> usize {
    let tok = a.tokens[i];
    let text = tok.text(a.text);
    for (offset, digits) in split_keep_offsets(text, |c| !c.is_ascii_digit()) {
        if let Ok(v) = digits.parse::<f64>() {
            let span = Span::new(tok.span.start + offset, tok.span.start + offset + digits.len());
            out.push(NumberMention::new(span, Values::one(v), NumberKind::Cardinal, Strength::Name));
        }
    }
    i + 1
}

// ---------------------------------------------------------------------------
// What follows a number: magnitude, percent, clock time, unit

/// Applies the words after a number (token `j` onwards) to the mentions just
/// read, and returns the index of the first token not consumed.
fn apply_context_after(a: &Analysis<'_>, mut j: usize, mentions: &mut [NumberMention]) -> usize {
    if mentions.is_empty() {
        return j;
    }
    // German ordinal: "12." before a word ("12. Januar", "der 2. Weltkrieg").
    if a.lang == Lang::German && is_adjacent_period(a, j) && a.tokens.get(j + 1).is_some_and(|t| t.is_word()) {
        let last = mentions.len() - 1;
        if mentions[last].kind == NumberKind::Cardinal {
            mentions[last].kind = NumberKind::Ordinal;
        }
        return j;
    }
    let Some(next) = a.tokens.get(j) else { return j };
    let word = next.text(a.text);
    if let Some(factor) = magnitude(word, a.lang) {
        for m in mentions.iter_mut() {
            m.values = m.values.scaled(factor);
            m.kind = NumberKind::Cardinal;
        }
        extend_last(mentions, next.span.end);
        j += 1;
        return j;
    }
    if word == "%" || is_percent_word(a, j) {
        for m in mentions.iter_mut() {
            m.kind = NumberKind::Percent;
        }
        return j + 1;
    }
    // "2 ½ weeks" is "2,5 Wochen".
    if let Some(fraction) = vulgar_fraction(word) {
        for m in mentions.iter_mut() {
            let v = m.values.primary();
            m.values.push(v + fraction);
        }
        return j + 1;
    }
    // "three decades" is "30 Jahre", "two weeks" is "14 Tage".
    if let Some(factor) = time_unit_factor(word, a.lang) {
        for m in mentions.iter_mut() {
            let v = m.values.primary();
            m.values.push(v * factor);
        }
    }
    match a.lang {
        Lang::German if word == "Uhr" => {
            for m in mentions.iter_mut() {
                m.kind = NumberKind::Time;
            }
            j + 1
        }
        Lang::English => english_context(a, j, word, mentions),
        Lang::German => j,
    }
}

fn vulgar_fraction(word: &str) -> Option<f64> {
    match word {
        "½" => Some(0.5),
        "¼" => Some(0.25),
        "¾" => Some(0.75),
        _ => None,
    }
}

/// Units that translators often convert to a smaller one: decades to
/// years, weeks to days, centuries to years.
fn time_unit_factor(word: &str, lang: Lang) -> Option<f64> {
    match lang {
        Lang::English => match word {
            "decade" | "decades" => Some(10.0),
            "week" | "weeks" => Some(7.0),
            "century" | "centuries" => Some(100.0),
            _ => None,
        },
        Lang::German => match word {
            "Jahrzehnt" | "Jahrzehnte" | "Jahrzehnten" | "Dekade" | "Dekaden" => Some(10.0),
            "Woche" | "Wochen" => Some(7.0),
            "Jahrhundert" | "Jahrhunderte" | "Jahrhunderten" => Some(100.0),
            _ => None,
        },
    }
}

fn extend_last(mentions: &mut [NumberMention], end: usize) {
    if let Some(last) = mentions.last_mut() {
        last.span.end = end;
    }
}

fn is_adjacent_period(a: &Analysis<'_>, j: usize) -> bool {
    j > 0 && j < a.tokens.len() && a.tokens[j].span.start == a.tokens[j - 1].span.end && a.token_text(j) == "."
}

fn is_percent_word(a: &Analysis<'_>, j: usize) -> bool {
    let w = a.token_text(j);
    match a.lang {
        Lang::English => {
            matches!(w, "percent" | "pct" | "percentage")
                || (w == "per" && a.tokens.get(j + 1).is_some_and(|_| a.token_text(j + 1) == "cent"))
        }
        Lang::German => w.starts_with("Prozent") || w == "Proz",
    }
}

/// The factor of a magnitude word after a number ("million", "Mrd").
fn magnitude(word: &str, lang: Lang) -> Option<f64> {
    match lang {
        Lang::English => match word {
            "hundred" => Some(1e2),
            "thousand" => Some(1e3),
            "million" | "millions" | "mn" | "mln" => Some(1e6),
            "billion" | "billions" | "bn" | "bln" => Some(1e9),
            "trillion" | "trillions" | "tn" | "trn" => Some(1e12),
            "dozen" => Some(12.0),
            _ => None,
        },
        Lang::German => match word {
            "Hundert" | "hundert" => Some(1e2),
            "Tausend" | "tausend" | "Tsd" => Some(1e3),
            "Million" | "Millionen" | "Mio" => Some(1e6),
            "Milliarde" | "Milliarden" | "Mrd" | "Mrd." => Some(1e9),
            // German "Billion" is 10^12: a false friend of English "billion".
            "Billion" | "Billionen" | "Bio" => Some(1e12),
            "Billiarde" | "Billiarden" => Some(1e15),
            "Dutzend" => Some(12.0),
            _ => None,
        },
    }
}

/// English clock times ("3 p.m.", "1500 GMT") and imperial units.
fn english_context(a: &Analysis<'_>, j: usize, word: &str, mentions: &mut [NumberMention]) -> usize {
    // `word` is token `j`: its lowercase form is the analysis' own.
    let lower = a.lower(j);
    let meridiem = match lower {
        "am" | "pm" => Some((lower == "pm", j + 1)),
        "a" | "p"
            if is_adjacent_period(a, j + 1)
                && a.tokens.get(j + 2).is_some_and(|_| a.token_text(j + 2).eq_ignore_ascii_case("m")) =>
        {
            Some((lower == "p", j + 3))
        }
        _ => None,
    };
    if let Some((pm, next)) = meridiem {
        for m in mentions.iter_mut() {
            m.kind = NumberKind::Time;
            if pm {
                let v = m.values.primary();
                m.values.push(v + 12.0);
            }
        }
        return next;
    }
    if matches!(
        word,
        "GMT" | "UTC" | "BST" | "CET" | "CEST" | "ET" | "EST" | "EDT" | "PT" | "PST" | "PDT" | "hrs" | "hours"
    ) {
        for m in mentions.iter_mut() {
            let v = m.values.primary();
            if (100.0..=2400.0).contains(&v) && v.fract() == 0.0 && v % 100.0 < 60.0 {
                m.values.push((v / 100.0).floor() + (v % 100.0) / 60.0);
            }
        }
        return j;
    }
    if let Some(convert) = imperial_unit(lower) {
        for m in mentions.iter_mut() {
            m.converted = Some(convert(m.values.primary()));
        }
    }
    j
}

/// Converts an imperial quantity to the metric one a German text would use.
fn imperial_unit(word: &str) -> Option<fn(f64) -> f64> {
    Some(match word {
        "mile" | "miles" | "mi" => |v| v * 1.609,
        "foot" | "feet" | "ft" => |v| v * 0.3048,
        "inch" | "inches" | "in." => |v| v * 2.54,
        "yard" | "yards" => |v| v * 0.9144,
        "pound" | "pounds" | "lb" | "lbs" => |v| v * 0.4536,
        "ounce" | "ounces" | "oz" => |v| v * 28.35,
        "gallon" | "gallons" => |v| v * 3.785,
        "acre" | "acres" => |v| v * 0.4047,
        "stone" | "st" => |v| v * 6.35,
        "mph" => |v| v * 1.609,
        "fahrenheit" | "°f" | "f" | "degrees" => |v| (v - 32.0) * 5.0 / 9.0,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Number words

const ENGLISH_UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const ENGLISH_TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ENGLISH_ORDINALS: [&str; 13] = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
];

/// Value of one English cardinal word: "seven", "forty", "twenty-one".
fn english_cardinal_word(w: &str) -> Option<f64> {
    if let Some(u) = ENGLISH_UNITS.iter().position(|x| *x == w) {
        return Some(u as f64);
    }
    if let Some(t) = ENGLISH_TENS.iter().position(|x| *x == w) {
        return Some((t as f64 + 2.0) * 10.0);
    }
    let (tens, unit) = split_hyphen(w)?;
    let t = ENGLISH_TENS.iter().position(|x| *x == tens)?;
    let u = ENGLISH_UNITS[1..10].iter().position(|x| *x == unit)?;
    Some((t as f64 + 2.0) * 10.0 + u as f64 + 1.0)
}

/// Value of one English ordinal word: "third", "twelfth", "twenty-first", "40th" is digits.
fn english_ordinal_word(w: &str) -> Option<f64> {
    if let Some(o) = ENGLISH_ORDINALS.iter().skip(1).position(|x| *x == w) {
        return Some(o as f64 + 1.0);
    }
    if let Some(stem) = w.strip_suffix("th") {
        if let Some(u) = ENGLISH_UNITS[13..].iter().position(|x| *x == stem) {
            return Some(u as f64 + 13.0);
        }
    }
    if let Some(stem) = w.strip_suffix("ieth") {
        if let Some(t) = ENGLISH_TENS.iter().position(|x| x.strip_suffix('y') == Some(stem)) {
            return Some((t as f64 + 2.0) * 10.0);
        }
    }
    let (tens, unit) = split_hyphen(w)?;
    let t = ENGLISH_TENS.iter().position(|x| *x == tens)?;
    let u = ENGLISH_ORDINALS[1..10].iter().position(|x| *x == unit)?;
    Some((t as f64 + 2.0) * 10.0 + u as f64 + 1.0)
}

/// Words that imply a quantity without being numbers ("half", "a decade"):
/// weak readings that explain a German digit.
fn english_implied_quantity(w: &str) -> Option<Values> {
    let &(_, readings) = ENGLISH_IMPLIED.iter().find(|(word, _)| *word == w)?;
    let mut values = Values::one(readings[0]);
    for &reading in &readings[1..] {
        values.push(reading);
    }
    Some(values)
}

/// Every word [`english_implied_quantity`] reads, with its readings, the
/// primary one first ("quarter": a fourth, 25 %, 15 minutes). The screen in
/// `may_start_english_number` is built from the same list.
const ENGLISH_IMPLIED: [(&str, &[f64]); 22] = [
    ("half", &[0.5, 50.0]),
    ("halves", &[0.5, 50.0]),
    ("quarter", &[0.25, 25.0, 15.0]),
    ("quarters", &[0.25, 25.0, 15.0]),
    ("decade", &[10.0]),
    ("century", &[100.0]),
    ("fortnight", &[14.0]),
    ("couple", &[2.0]),
    ("pair", &[2.0]),
    ("twice", &[2.0]),
    ("double", &[2.0]),
    ("both", &[2.0]),
    ("dual", &[2.0]),
    ("twin", &[2.0]),
    ("triple", &[3.0]),
    ("thrice", &[3.0]),
    ("noon", &[12.0]),
    ("midday", &[12.0]),
    ("midnight", &[0.0, 24.0, 12.0]),
    ("single", &[1.0]),
    ("once", &[1.0]),
    ("week", &[7.0]),
];

/// English number words, composed: "two hundred and fifty", "a dozen",
/// "three million", "five-year-old"; ordinals; implied quantities.
fn read_english_words(a: &Analysis<'_>, i: usize, out: &mut Vec<NumberMention>) -> usize {
    let lower = a.lower(i);
    if !may_start_english_number(lower, a.has_hyphen(i)) {
        return i + 1; // most words: one lookup instead of every list below
    }
    if let Some((value, end, article)) = english_number_phrase(a, i, lower) {
        let strength = if value == 1.0 || article { Strength::Weak } else { Strength::Word };
        let span = Span::new(a.tokens[i].span.start, a.tokens[end - 1].span.end);
        let start_len = out.len();
        out.push(NumberMention::new(span, Values::one(value), NumberKind::Cardinal, strength));
        return apply_context_after(a, end, &mut out[start_len..]).max(i + 1);
    }
    if let Some(v) = english_ordinal_word(lower) {
        // "first" and "second" are also adverb and time unit.
        let strength = if v <= 2.0 { Strength::Weak } else { Strength::Word };
        out.push(NumberMention::new(a.tokens[i].span, Values::one(v), NumberKind::Ordinal, strength));
        return i + 1;
    }
    if let Some(values) = english_implied_quantity(lower) {
        out.push(NumberMention::new(a.tokens[i].span, values, NumberKind::Cardinal, Strength::Weak));
    }
    i + 1
}

/// The first two bytes of every English number head and implied-quantity
/// word, as a bit set: most words fail it before any hash lookup.
static ENGLISH_NUMBER_STARTS: LazyLock<KeySet> =
    LazyLock::new(|| KeySet::of(TWO_BYTE_KEYS, english_number_words().map(two_byte_key_of)));

/// The words the English screens are built from: every number head and
/// implied-quantity word.
fn english_number_words() -> impl Iterator<Item = &'static str> {
    ENGLISH_NUMBER_HEADS.iter().map(String::as_str).chain(ENGLISH_IMPLIED.map(|(w, _)| w))
}

/// Every word (or part before the first hyphen) that can begin what
/// [`read_english_words`] reads: the article of "a million", cardinals
/// ("seven", "twenty-one", "five-year-old"), ordinals ("third",
/// "thirteenth", "twentieth", "twenty-first"). Words implying a quantity
/// are asked of [`english_implied_quantity`] itself.
static ENGLISH_NUMBER_HEADS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut heads: FxHashSet<String> = ["a", "an"].iter().map(|w| w.to_string()).collect();
    heads.extend(ENGLISH_UNITS.iter().chain(&ENGLISH_TENS).chain(&ENGLISH_ORDINALS[1..]).map(|w| w.to_string()));
    heads.extend(ENGLISH_UNITS[13..].iter().map(|u| format!("{u}th")));
    heads.extend(ENGLISH_TENS.iter().filter_map(|t| t.strip_suffix('y')).map(|stem| format!("{stem}ieth")));
    heads
});

/// False when no English number reading can start with the lowercase word
/// `lower`, so the lists need not be searched.
/// `hyphenated` says whether the word has a `-` at all (the analysis knows).
fn may_start_english_number(lower: &str, hyphenated: bool) -> bool {
    let head = if hyphenated { split_hyphen(lower).map_or(lower, |(head, _)| head) } else { lower };
    // The head starts `lower`: as long, it is the same word, tested once.
    let one_word = head.len() == lower.len();
    // A head or implied-quantity word shares its first two bytes with one
    // of the lists' words: the bit set rejects most words at once.
    let starts = &*ENGLISH_NUMBER_STARTS;
    let may = |w: &str| starts.contains(two_byte_key_of(w));
    if !may(head) && (one_word || !may(lower)) {
        return false;
    }
    // Many common words share those bytes ("the", "this", "for", "have"):
    // with the length, most of them fail before the lookups too.
    let shapes = &*ENGLISH_NUMBER_SHAPES;
    let fits = |w: &str| shape_key(w).is_none_or(|k| shapes.contains(k));
    if !fits(head) && (one_word || !fits(lower)) {
        return false;
    }
    // "a" and "an" (heads, for "a million") are most of the words that get
    // here: answered before the hash.
    matches!(head, "a" | "an") || ENGLISH_NUMBER_HEADS.contains(head) || english_implied_quantity(lower).is_some()
}

/// The [`shape_key`] of every English number head and implied-quantity
/// word, as a bit set.
static ENGLISH_NUMBER_SHAPES: LazyLock<KeySet> =
    // Every listed word has a key (a test checks): lowercase letters, short.
    LazyLock::new(|| KeySet::of(SHAPE_KEYS, english_number_words().filter_map(shape_key)));

const MAX_SHAPE_LEN: usize = 16;
const SHAPE_KEYS: usize = 26 * 27 * (MAX_SHAPE_LEN + 1);

/// A word's first letter, second letter (or none) and length, as one
/// number; `None` for a word that does not start with two lowercase ASCII
/// letters (or one, alone) or is longer than [`MAX_SHAPE_LEN`] bytes.
fn shape_key(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let letter = |x: u8| x.is_ascii_lowercase().then(|| usize::from(x - b'a'));
    let first = letter(*b.first()?)?;
    let second = match b.get(1) {
        None => 26,
        Some(&x) => letter(x)?,
    };
    (b.len() <= MAX_SHAPE_LEN).then_some((first * 27 + second) * (MAX_SHAPE_LEN + 1) + b.len())
}

/// Reads a spelled-out English number starting at token `i`: its value,
/// the index after it, and whether it began with "a"/"an" ("a million").
/// `first` is token `i` in lowercase (the caller has it already: this runs
/// for every English word, and lowercasing it again cost an allocation).
fn english_number_phrase(a: &Analysis<'_>, i: usize, first: &str) -> Option<(f64, usize, bool)> {
    let lower_at = |j: usize| if j == i { first } else { a.lower(j) };
    let article = matches!(first, "a" | "an");
    let mut j = if article { i + 1 } else { i };
    if !article {
        // "five-year-old", "two-million": a number word heading a compound.
        if english_cardinal_word(first).is_none() {
            let (head, rest) = split_hyphen(first)?;
            let v = english_cardinal_word(head)?;
            let rest = rest.split('-').next().unwrap_or(rest);
            let factor = magnitude(rest, Lang::English).unwrap_or(1.0);
            return Some((v * factor, i + 1, false));
        }
    }
    let (mut total, mut current, mut read, mut after_magnitude) = (0.0, 0.0, 0, false);
    while j < a.tokens.len() && a.tokens[j].is_word() {
        let w = lower_at(j);
        if let Some(v) = english_cardinal_word(w) {
            if read > 0 && !after_magnitude {
                break; // "one two" are two numbers
            }
            current += v;
            after_magnitude = false;
        } else if let Some(f) = magnitude(w, Lang::English).filter(|_| read > 0 || article) {
            if f == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                total += current.max(1.0) * f;
                current = 0.0;
            }
            after_magnitude = true;
        } else if w == "and"
            && after_magnitude
            && a.tokens.get(j + 1).is_some_and(|t| t.is_word())
            && english_cardinal_word(lower_at(j + 1)).is_some()
        {
            // "two hundred and fifty"
        } else {
            break;
        }
        read += 1;
        j += 1;
    }
    (read > 0).then_some((total + current, j, article))
}

const GERMAN_UNITS: [&str; 20] = [
    "null",
    "eins",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
];
const GERMAN_TENS: [&str; 8] = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];
const GERMAN_ORDINAL_STEMS: [&str; 19] = [
    "erst",
    "zweit",
    "dritt",
    "viert",
    "fünft",
    "sechst",
    "siebt",
    "",
    "neunt",
    "zehnt",
    "elft",
    "zwölft",
    "dreizehnt",
    "vierzehnt",
    "fünfzehnt",
    "sechzehnt",
    "siebzehnt",
    "achtzehnt",
    "neunzehnt",
];

/// How every German number word begins: a cheap test that spares the
/// substring searches below for the other words of the text.
const GERMAN_NUMBER_STARTS: &[&str] = &[
    "acht", "drei", "ein", "elf", "fünf", "hundert", "neun", "null", "sech", "sieb", "tausend", "vier", "zehn",
    "zwanzig", "zwei", "zwölf",
];

/// Value of a German cardinal written as one word: "sieben",
/// "einundzwanzig", "zweihundert", "dreitausendfünfhundert".
fn german_cardinal_word(w: &str) -> Option<f64> {
    if !GERMAN_NUMBER_STARTS.iter().any(|p| w.starts_with(p)) {
        return None;
    }
    german_cardinal_parts(w)
}

fn german_cardinal_parts(w: &str) -> Option<f64> {
    if w.is_empty() {
        return None;
    }
    if let Some((left, right)) = w.split_once("tausend") {
        let l = if left.is_empty() {
            1.0
        } else {
            german_cardinal_parts(left).or_else(|| (left == "ein").then_some(1.0))?
        };
        let r = if right.is_empty() { 0.0 } else { german_cardinal_parts(right)? };
        return Some(l * 1000.0 + r);
    }
    if let Some((left, right)) = w.split_once("hundert") {
        let l = if left.is_empty() {
            1.0
        } else {
            german_cardinal_parts(left).or_else(|| (left == "ein").then_some(1.0))?
        };
        let r = if right.is_empty() { 0.0 } else { german_cardinal_parts(right)? };
        return Some(l * 100.0 + r);
    }
    if let Some(u) = GERMAN_UNITS.iter().position(|x| *x == w) {
        return Some(u as f64);
    }
    if let Some(t) = GERMAN_TENS.iter().position(|x| *x == w) {
        return Some((t as f64 + 2.0) * 10.0);
    }
    let (unit, tens) = w.split_once("und")?;
    let t = GERMAN_TENS.iter().position(|x| *x == tens)?;
    let u = if unit == "ein" { 0 } else { GERMAN_UNITS[2..10].iter().position(|x| *x == unit)? + 1 };
    Some((t as f64 + 2.0) * 10.0 + u as f64 + 1.0)
}

/// False when lowercase `w` can be neither a German cardinal
/// ([`german_cardinal_word`], which needs a [`GERMAN_NUMBER_STARTS`] prefix)
/// nor an ordinal ([`german_ordinal_word`]: a [`GERMAN_ORDINAL_STEMS`] stem,
/// all of which start like a cardinal except "erst" and "dritt", or a
/// cardinal + "st"). Tested on the first two bytes of those prefixes: most
/// words of a text fail it at once, where the prefix lists cost a dozen
/// comparisons each.
fn may_be_german_number_word(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && matches!(
            (b[0], b[1]),
            (b'a', b'c')
                | (b'd', b'r')
                | (b'e', b'i' | b'l' | b'r')
                | (b'f', 0xC3)
                | (b'h', b'u')
                | (b'n', b'e' | b'u')
                | (b's', b'e' | b'i')
                | (b't', b'a')
                | (b'v', b'i')
                | (b'z', b'e' | b'w')
        )
}

/// Value of a German ordinal word with its ending: "dritte", "zwanzigsten".
/// Bare stems ("erst" = "only") are adverbs, not ordinals.
fn german_ordinal_word(w: &str) -> Option<f64> {
    let stem = ["en", "er", "es", "em", "e"].iter().find_map(|e| w.strip_suffix(e))?;
    if let Some(o) = GERMAN_ORDINAL_STEMS.iter().position(|x| !x.is_empty() && *x == stem) {
        return Some(o as f64 + 1.0);
    }
    let base = stem.strip_suffix("st")?;
    german_cardinal_word(base).filter(|&v| v >= 20.0)
}

const GERMAN_ARTICLE_ONE: [&str; 6] = ["ein", "eine", "einem", "einen", "einer", "eines"];

/// German number words: "zwei", "einundzwanzig", "drei Millionen",
/// "eine Milliarde", "ein Dutzend", "dritte".
fn read_german_words(a: &Analysis<'_>, i: usize, out: &mut Vec<NumberMention>) -> usize {
    // A word without a capital (most) is not capitalised: no decoding.
    let capitalised = a.has_uppercase(i) && a.token_text(i).starts_with(|c: char| c.is_uppercase());
    // Mid-sentence capitals are nouns: "die Elf", "außer Acht", "die Hälfte".
    let noun_position = capitalised && i > 0 && a.tokens[i - 1].is_word();
    if noun_position {
        return i + 1;
    }
    let lower = a.lower(i);
    let start_len = out.len();
    // Every form of "ein" starts with "e": most words skip the list.
    if lower.starts_with('e') && GERMAN_ARTICLE_ONE.contains(&lower) {
        let strength = match a.tokens.get(i + 1).and_then(|t| magnitude(t.text(a.text), Lang::German)) {
            Some(_) => Strength::Word,
            None => Strength::Weak,
        };
        out.push(NumberMention::new(a.tokens[i].span, Values::one(1.0), NumberKind::Cardinal, strength));
        return apply_context_after(a, i + 1, &mut out[start_len..]).max(i + 1);
    }
    if !may_be_german_number_word(lower) {
        // Neither a cardinal nor an ordinal: only the implied quantities
        // remain, and most words fail their two-byte screen.
        if let Some(values) = may_imply_german_quantity(lower).then(|| german_implied_quantity(lower)).flatten() {
            out.push(NumberMention::new(a.tokens[i].span, values, NumberKind::Cardinal, Strength::Weak));
        }
        return i + 1;
    }
    if let Some(v) = german_cardinal_word(lower) {
        let strength = if v == 1.0 { Strength::Weak } else { Strength::Word };
        out.push(NumberMention::new(a.tokens[i].span, Values::one(v), NumberKind::Cardinal, strength));
        return apply_context_after(a, i + 1, &mut out[start_len..]).max(i + 1);
    }
    if let Some(v) = german_ordinal_word(lower) {
        let strength = if v <= 2.0 { Strength::Weak } else { Strength::Word };
        out.push(NumberMention::new(a.tokens[i].span, Values::one(v), NumberKind::Ordinal, strength));
        return i + 1;
    }
    if let Some(values) = german_implied_quantity(lower) {
        out.push(NumberMention::new(a.tokens[i].span, values, NumberKind::Cardinal, Strength::Weak));
    }
    i + 1
}

/// False when lowercase `w` cannot be a word of [`german_implied_quantity`],
/// judged on its first two bytes (a test pins them to the words).
fn may_imply_german_quantity(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && matches!(
            (b[0], b[1]),
            (b'h', b'a' | 0xC3)
                | (b'v', b'i')
                | (b'j', b'a')
                | (b'b', b'e')
                | (b'd', b'o' | b'r')
                | (b'z', b'w')
                | (b'p', b'a')
                | (b'm', b'i')
                | (b'w', b'o')
        )
}

/// German words that imply a quantity ("Hälfte", "beide", "Mittag"), with
/// the values they may stand for. One list serves both
/// [`german_implied_quantity`] and the word-marks screen, so a word added
/// here is read and marked alike; each passes [`may_imply_german_quantity`]
/// (a test pins them).
const GERMAN_IMPLIED: [(&str, &[f64]); 22] = [
    ("hälfte", &[0.5, 50.0]),
    ("halb", &[0.5, 50.0]),
    ("halbe", &[0.5, 50.0]),
    ("halben", &[0.5, 50.0]),
    ("halbes", &[0.5, 50.0]),
    ("viertel", &[0.25]),
    ("jahrzehnt", &[10.0]),
    ("jahrzehnte", &[10.0]),
    ("jahrzehnten", &[10.0]),
    ("jahrhundert", &[100.0]),
    ("beide", &[2.0]),
    ("beiden", &[2.0]),
    ("beider", &[2.0]),
    ("doppelt", &[2.0]),
    ("doppelte", &[2.0]),
    ("zweimal", &[2.0]),
    ("paar", &[2.0]),
    ("dreimal", &[3.0]),
    ("mittag", &[12.0]),
    ("mittags", &[12.0]),
    ("mitternacht", &[0.0, 24.0]),
    ("woche", &[7.0]),
];

/// The values a lowercase German word of [`GERMAN_IMPLIED`] implies.
fn german_implied_quantity(w: &str) -> Option<Values> {
    let (_, values) = GERMAN_IMPLIED.iter().find(|(word, _)| *word == w)?;
    let (first, rest) = values.split_first()?;
    let mut v = Values::one(*first);
    for &value in rest {
        v.push(value);
    }
    Some(v)
}

// ---------------------------------------------------------------------------
// Matching

/// Which target mention explains which source mention (indices), as a
/// maximum matching that prefers like-for-like readings and strong mentions.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    pub source_to_target: Vec<Option<usize>>,
    pub target_to_source: Vec<Option<usize>>,
}

/// Matches source and target mentions as multisets of quantities.
pub fn match_mentions(source: &[NumberMention], target: &[NumberMention]) -> Matching {
    let mut m = Matching { source_to_target: vec![None; source.len()], target_to_source: vec![None; target.len()] };
    let mut order: Vec<usize> = (0..target.len()).collect();
    order.sort_by_key(|&t| std::cmp::Reverse(target[t].strength));
    let mut visited = vec![false; source.len()];
    let primary = |s: &NumberMention, t: &NumberMention| same_value(s.values.primary(), t.values.primary());
    let any = |s: &NumberMention, t: &NumberMention| s.can_match(t);
    // Each pass is its own instance of `augment`: the edge test inlines.
    augment_all(&order, source, target, &primary, &mut visited, &mut m);
    augment_all(&order, source, target, &any, &mut visited, &mut m);
    m
}

/// One pass of Kuhn's algorithm with the edges `edge`: every target still
/// unmatched, in `order`, tries for an augmenting path.
fn augment_all(
    order: &[usize],
    source: &[NumberMention],
    target: &[NumberMention],
    edge: &impl Fn(&NumberMention, &NumberMention) -> bool,
    visited: &mut [bool],
    m: &mut Matching,
) {
    for &t in order {
        if m.target_to_source[t].is_none() {
            visited.fill(false);
            augment(t, source, target, edge, visited, m);
        }
    }
}

/// Kuhn's augmenting path step: tries to give target `t` a source mention.
fn augment(
    t: usize,
    source: &[NumberMention],
    target: &[NumberMention],
    edge: &impl Fn(&NumberMention, &NumberMention) -> bool,
    visited: &mut [bool],
    m: &mut Matching,
) -> bool {
    for s in 0..source.len() {
        if visited[s] || !edge(&source[s], &target[t]) {
            continue;
        }
        visited[s] = true;
        let free = match m.source_to_target[s] {
            None => true,
            Some(other) => augment(other, source, target, edge, visited, m),
        };
        if free {
            m.source_to_target[s] = Some(t);
            m.target_to_source[t] = Some(s);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_offsets() {
        fn pieces(s: &str) -> Vec<(usize, &str)> {
            split_keep_offsets(s, |c| c == '-').collect()
        }
        assert_eq!(pieces("2010-15"), [(0, "2010"), (5, "15")]);
        assert_eq!(pieces("--3--4-"), [(2, "3"), (5, "4")]);
        assert_eq!(pieces("-"), []);
        assert_eq!(pieces(""), []);
        let digits: Vec<_> = split_keep_offsets("11.09.2001", |c| !c.is_ascii_digit()).collect();
        assert_eq!(digits, [(0, "11"), (3, "09"), (6, "2001")]);
    }

    #[test]
    fn the_german_number_screen_passes_every_number_word() {
        let stems = GERMAN_ORDINAL_STEMS.iter().filter(|s| !s.is_empty());
        for w in GERMAN_NUMBER_STARTS.iter().chain(stems).chain(&GERMAN_UNITS).chain(&GERMAN_TENS) {
            assert!(may_be_german_number_word(w), "{w}");
        }
        for w in ["einundzwanzig", "dritte", "zwanzigsten", "fünfhundert", "erster"] {
            assert!(may_be_german_number_word(w), "{w}");
        }
        assert!(!may_be_german_number_word("die"));
        assert!(!may_be_german_number_word("haus"));
    }

    #[test]
    fn the_implied_quantity_screen_passes_every_german_word() {
        for (w, _) in GERMAN_IMPLIED {
            assert!(german_implied_quantity(w).is_some() && may_imply_german_quantity(w), "{w}");
        }
        assert!(!may_imply_german_quantity("die") && !may_imply_german_quantity("und"));
    }

    #[test]
    fn the_english_pre_test_lets_every_number_word_through() {
        for w in [
            "a",
            "an",
            "seven",
            "twenty-one",
            "five-year-old",
            "third",
            "thirteenth",
            "twentieth",
            "twenty-first",
            "half",
            "week",
        ] {
            assert!(may_start_english_number(w, w.contains('-')), "{w}");
        }
        assert!(!may_start_english_number("the", false) && !may_start_english_number("well-known", true));
        for (w, _) in ENGLISH_IMPLIED {
            assert!(english_implied_quantity(w).is_some(), "{w}");
            assert!(may_start_english_number(w, false), "{w}");
        }
        for w in ENGLISH_NUMBER_HEADS.iter() {
            assert!(may_start_english_number(w, false), "{w}");
        }
        for w in ENGLISH_NUMBER_HEADS.iter().map(String::as_str).chain(ENGLISH_IMPLIED.map(|(w, _)| w)) {
            assert!(shape_key(w).is_some(), "{w}");
        }
        for w in ["the", "this", "that", "for", "have", "week-long"] {
            assert!(!may_start_english_number(w, w.contains('-')), "{w}");
        }
    }

    #[test]
    fn separator_fast_paths_parse_like_the_float_parser() {
        // Every string of up to seven bytes over digits and both separators,
        // and longer ones around the 15-digit limit.
        let alphabet = [b'0', b'1', b'5', b'9', b'.', b',', b'x'];
        let mut strings: Vec<String> = Vec::new();
        for len in 0..=7u32 {
            for mut x in 0..7usize.pow(len) {
                let s: Vec<u8> = (0..len)
                    .map(|_| {
                        let b = alphabet[x % 7];
                        x /= 7;
                        b
                    })
                    .collect();
                strings.push(String::from_utf8(s).unwrap_or_default());
            }
        }
        for (i, f) in [(1, 14), (7, 8), (8, 8), (14, 1), (15, 1), (1, 15), (3, 12), (12, 4), (16, 0), (0, 16)] {
            let digits = "98765432109876543210";
            strings.push(format!("{}.{}", &digits[..i], &digits[20 - f..]));
            strings.push(format!("{},{}", &digits[3..3 + i], &digits[..f]));
        }
        for s in &strings {
            for sep in ['.', ','] {
                assert_eq!(parse_without_separator(s, sep), s.replace(sep, "").parse::<f64>().ok(), "{s}");
                if s.matches(sep).count() == 1 {
                    let plain = s.replace(sep, ".").parse::<f64>().ok();
                    assert_eq!(parse_with_decimal_separator(s, sep).map(f64::to_bits), plain.map(f64::to_bits), "{s}");
                }
            }
        }
    }

    #[test]
    fn clock_and_unit_words_are_read_in_any_case() {
        // `english_context` reads the analysis' lowercase form of the word
        // after the number: a capitalised one counts as its lowercase form.
        let read = |text: &str| format!("{:?}", extract(&Analysis::new(text, Lang::English)));
        for (lower, other) in [
            ("at 3 pm today", "at 3 PM today"),
            ("at 3 pm today", "at 3 Pm today"),
            ("at 7 am sharp", "at 7 AM sharp"),
            ("walk 5 miles now", "walk 5 Miles now"),
            ("walk 5 miles now", "walk 5 MILES now"),
            ("it is 90 fahrenheit", "it is 90 Fahrenheit"),
        ] {
            assert_eq!(read(other), read(lower), "{other}");
            // The word changes the mention: the case is what is pinned.
            let plain = lower.replace(|c: char| c.is_ascii_alphabetic(), "x");
            assert_ne!(read(lower), read(&plain), "{lower}");
        }
    }

    #[test]
    fn the_articles_are_number_heads() {
        // `may_start_english_number` answers them before the set.
        assert!(ENGLISH_NUMBER_HEADS.contains("a") && ENGLISH_NUMBER_HEADS.contains("an"));
    }

    #[test]
    fn separator_groups_count_like_split() {
        let alphabet = [b'1', b'2', b'.', b','];
        for len in 0..=9u32 {
            for mut n in 0..4usize.pow(len) {
                let s: String = (0..len)
                    .map(|_| {
                        let c = char::from(alphabet[n % 4]);
                        n /= 4;
                        c
                    })
                    .collect();
                for sep in ['.', ','] {
                    let plain = (s.split(sep).count(), s.split(sep).skip(1).all(|g| g.len() == 3));
                    assert_eq!(separator_groups(s.as_bytes(), sep as u8), plain, "{s:?} {sep}");
                }
            }
        }
    }

    #[test]
    fn a_number_without_a_hyphen_is_its_only_part() {
        // The whole-token path of `read_digit_token` against the split.
        let mut texts: Vec<String> =
            ["12", "1.000", "3,5", "10:30", "2010-2015", "2010\u{2011}15", "11.09.2001", "3–4"]
                .map(String::from)
                .to_vec();
        let alphabet = ['1', '2', '.', ',', ':', '-', '/', '\u{2011}'];
        for len in 1..=5u32 {
            for mut n in 0..8usize.pow(len) {
                texts.push(
                    (0..len)
                        .map(|_| {
                            let c = alphabet[n % 8];
                            n /= 8;
                            c
                        })
                        .collect(),
                );
            }
        }
        for text in &texts {
            for lang in [Lang::English, Lang::German] {
                let a = Analysis::new(text, lang);
                for i in (0..a.tokens.len()).filter(|&i| a.tokens[i].kind == TokenKind::Number) {
                    let tok = a.token_text(i);
                    let plain: Vec<(usize, &str)> = split_keep_offsets(tok, |c| c == '-' || c == '\u{2011}').collect();
                    if !a.may_have_hyphen(i) {
                        assert_eq!(plain, [(0, tok)], "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn integer_fast_path_parses_like_the_float_parser() {
        for s in
            ["0", "7", "12", "2019", "000123", "999999999999999", "1000000000000000", "12345678901234567890", "", "1a"]
        {
            assert_eq!(parse_integer_as_f64(s), s.parse::<f64>().ok(), "{s}");
        }
    }

    fn values(text: &str, lang: Lang) -> Vec<(String, Vec<f64>)> {
        let a = Analysis::new(text, lang);
        extract(&a)
            .iter()
            .filter(|m| m.strength >= Strength::Word)
            .map(|m| (text[m.span.start..m.span.end].to_string(), m.values.as_slice().to_vec()))
            .collect()
    }

    fn primaries(text: &str, lang: Lang) -> Vec<f64> {
        values(text, lang).into_iter().map(|(_, v)| v[0]).collect()
    }

    #[test]
    fn locale_separators() {
        assert_eq!(primaries("1.000 Euro und 3,5 Prozent", Lang::German), [1000.0, 3.5]);
        assert_eq!(primaries("1,000 euros and 3.5 percent", Lang::English), [1000.0, 3.5]);
        assert_eq!(primaries("1.234.567,5 und 1,234,567.5", Lang::German), [1234567.5, 1234567.5]);
    }

    #[test]
    fn magnitudes_and_false_friends() {
        assert_eq!(primaries("$5bn and 2.5 million and two million", Lang::English), [5e9, 2.5e6, 2e6]);
        assert_eq!(
            primaries("5 Mrd. Dollar, 2,5 Millionen, eine Milliarde, 3 Billionen", Lang::German),
            [5e9, 2.5e6, 1e9, 3e12]
        );
    }

    #[test]
    fn words_ordinals_and_times() {
        assert_eq!(primaries("twenty-one people, three hundred and five, a dozen eggs", Lang::English), [21.0, 305.0]);
        assert_eq!(
            primaries("zweiundzwanzig Menschen, dreihundert, die dritte Runde", Lang::German),
            [22.0, 300.0, 3.0]
        );
        let v = values("at 3 p.m. and 10:30", Lang::English);
        assert_eq!(v[0].1, [3.0, 15.0]);
        assert_eq!(v[1].1, [10.5]);
        assert!(values("um 10.30 Uhr", Lang::German)[0].1.contains(&10.5));
        assert_eq!(primaries("vom 14.03. bis zum 17.06.2021", Lang::German), [14.0, 17.0, 2021.0]);
        assert!(values("three decades", Lang::English)[0].1.contains(&30.0));
    }

    #[test]
    fn names_with_digits_are_weak() {
        assert!(values("Covid-19 and the G7 and 3D", Lang::English).is_empty());
        assert!(values("US-Präsident in Kiew", Lang::German).is_empty());
    }

    #[test]
    fn matching_is_a_multiset_match() {
        let en = Analysis::new("From 22 to 94, about 100,000 people and 1.5m euros in 1992.", Lang::English);
        let de = Analysis::new("Von 22 bis 98, etwa 100.000 Menschen und 1,5 Mio. Euro im Jahr 1992.", Lang::German);
        let (s, t) = (extract(&en), extract(&de));
        let m = match_mentions(&s, &t);
        let unmatched: Vec<&str> = t
            .iter()
            .enumerate()
            .filter(|(i, _)| m.target_to_source[*i].is_none())
            .map(|(_, x)| &de.text[x.span.start..x.span.end])
            .collect();
        assert_eq!(unmatched, ["98"]);
    }
}
