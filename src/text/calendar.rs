//! Month and weekday names in English and German, with the context rules
//! that tell the month "May" from the modal verb "may".
//!
//! A changed month ("27. Oktober" for "September 27") is a classic MT and
//! post-editing slip that no monolingual check can see; `date-mismatch`
//! compares the calendar words of both sides, and this module reads them.

use super::lexicon::{ascii_start_key, start_key_slot};
use super::tokens::TokenKind;
use super::Analysis;
use crate::model::Span;
use std::borrow::Cow;

/// What a calendar word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarKind {
    /// 1 = January … 12 = December.
    Month,
    /// 1 = Monday … 7 = Sunday.
    Weekday,
}

/// One month or weekday word found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarWord {
    pub span: Span,
    pub kind: CalendarKind,
    pub value: u8,
}

const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const GERMAN_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];
const ENGLISH_WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const GERMAN_WEEKDAYS: [&str; 7] = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"];

/// Abbreviations that only count with their period ("Jan. 12", "12. Okt.").
const ENGLISH_MONTH_ABBREVIATIONS: [(&str, u8); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];
const GERMAN_MONTH_ABBREVIATIONS: [(&str, u8); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mär", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Okt", 10),
    ("Nov", 11),
    ("Dez", 12),
];

/// The lowercase German name of month `value` (1 = "januar").
pub fn german_month_name(value: u8) -> Option<&'static str> {
    GERMAN_MONTHS.get(usize::from(value).checked_sub(1)?).copied()
}

/// Words before "May"/"March" that make them months ("in May", "early March").
const MONTH_CUES: &[&str] = &[
    "after", "and", "before", "between", "by", "during", "each", "early", "every", "from", "in", "last", "late", "mid",
    "next", "of", "on", "or", "since", "this", "through", "till", "to", "until",
];

/// The month and weekday words of one side, in text order.
pub fn calendar_words(a: &Analysis<'_>) -> Vec<CalendarWord> {
    calendar_words_where(a, |i| i)
}

/// [`calendar_words`], reading only the words whose `marks` have `bit`
/// set: a caller's per-token screen (the shared word marks of a pair) that
/// sets it on every hyphenated English word and every word starting like
/// one of [`word_starts`]. The other words are no calendar words.
pub fn calendar_words_marked(a: &Analysis<'_>, marks: &[u8], bit: u8) -> Vec<CalendarWord> {
    calendar_words_where(a, |i| super::lexicon::next_marked(marks, bit, i))
}

/// How every calendar word of `lang` begins, as three lowercase bytes
/// (the screens' starts): an English calendar word is hyphenated or
/// starts so, a German one starts so or has a non-ASCII byte among its
/// first three. The shared word marks are built from this list.
pub(crate) fn word_starts(lang: super::Lang) -> Vec<&'static [u8; 3]> {
    match lang {
        super::Lang::English => ENGLISH_STARTS.to_vec(),
        super::Lang::German => GERMAN_ASCII_STARTS.to_vec(),
    }
}

/// Every start [`may_start_english_calendar_word`] passes (a test checks
/// every triple of lowercase letters against it).
const ENGLISH_STARTS: [&[u8; 3]; 19] = [
    b"jan", b"feb", b"mar", b"may", b"apr", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec", b"mon", b"tue",
    b"wed", b"thu", b"fri", b"sat", b"sun",
];

/// The calendar words among the tokens `next_readable` leads to: it gives
/// the first token at or after its argument that may be read (the token
/// count when none is left).
#[inline(always)]
fn calendar_words_where(a: &Analysis<'_>, next_readable: impl Fn(usize) -> usize) -> Vec<CalendarWord> {
    let may_read = |i: usize| next_readable(i) == i;
    let mut out = Vec::new();
    // An English calendar word or range has a capital or a hyphen (see
    // below): in a text without '-' only the words with a capital, which
    // the analysis lists, need reading.
    if a.lang == super::Lang::English && memchr::memchr(b'-', a.text.as_bytes()).is_none() {
        for &i in a.uppercase_words() {
            if !may_read(i) {
                continue;
            }
            let tok = a.tokens[i];
            if let Some((kind, value, len)) = english_calendar_word(a, i, tok.text(a.text), None) {
                out.push(CalendarWord { span: Span::new(tok.span.start, tok.span.start + len), kind, value });
            }
        }
        return out;
    }
    let mut next = next_readable(0);
    while next < a.tokens.len() {
        // The screen first: it skips the tokens it rejects, where the kind
        // is read from the wider token.
        let i = next;
        next = next_readable(i + 1);
        let tok = a.tokens[i];
        if tok.kind != TokenKind::Word {
            continue;
        }
        let found = match a.lang {
            super::Lang::English => {
                // Without a capital or a hyphen a word is no English calendar
                // word (see `english_calendar_word`) nor a range.
                if !a.has_uppercase(i) && !a.has_hyphen(i) {
                    continue;
                }
                let word = tok.text(a.text);
                // One scan for the hyphen serves the range test and the word.
                let hyphen = if a.has_hyphen(i) { super::tokens::split_hyphen(word) } else { None };
                if is_date_range(hyphen) {
                    out.extend(english_range_parts(a, i, word));
                    continue;
                }
                english_calendar_word(a, i, word, hyphen)
            }
            super::Lang::German => {
                // The first byte, read before slicing the word: most words
                // stop here (see `may_open_german_calendar_word`).
                if !may_open_german_calendar_word(a.text.as_bytes()[tok.span.start])
                    || !may_start_german_calendar_word_as_written(&a.text.as_bytes()[tok.span.start..tok.span.end])
                {
                    continue;
                }
                german_calendar_word(a, i, tok.text(a.text))
            }
        };
        if let Some((kind, value, len)) = found {
            out.push(CalendarWord { span: Span::new(tok.span.start, tok.span.start + len), kind, value });
        }
    }
    out
}

/// An English hyphenated token that reads as a date range: "June-August",
/// "21-Sept" (of "Aug. 21-Sept. 23"), "Monday-Friday". "mid-May" is not a
/// range (see [`english_calendar_word`]). `hyphen` is the token split at its first hyphen ([`super::tokens::split_hyphen`]).
fn is_date_range(hyphen: Option<(&str, &str)>) -> bool {
    hyphen.is_some_and(|(first, _)| first.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()))
}

/// The month and weekday parts of a range token. Within a range even
/// "May" and "March" are months; an abbreviation counts as the last part
/// before its period ("21-Sept.").
fn english_range_parts(a: &Analysis<'_>, i: usize, word: &str) -> Vec<CalendarWord> {
    let start = a.tokens[i].span.start;
    let parts: Vec<(usize, &str)> = word
        .split('-')
        .scan(0, |at, p| {
            let here = *at;
            *at += p.len() + 1;
            Some((here, p))
        })
        .collect();
    let last = parts.len() - 1;
    let read = |k: usize, part: &str| {
        let abbreviation = || ENGLISH_MONTH_ABBREVIATIONS.iter().find(|(w, _)| *w == part);
        match english_calendar_word_plain(part) {
            Some((kind, value, _)) => Some((kind, value)),
            None if k == last && followed_by_period(a, i) => abbreviation().map(|&(_, v)| (CalendarKind::Month, v)),
            None => None,
        }
    };
    let found: Vec<CalendarWord> = parts
        .iter()
        .enumerate()
        .filter_map(|(k, &(off, part))| {
            read(k, part).map(|(kind, value)| CalendarWord {
                span: Span::new(start + off, start + off + part.len()),
                kind,
                value,
            })
        })
        .collect();
    // One calendar part next to plain words ("Mary-May") is a name.
    let is_range = found.len() >= 2 || parts.iter().any(|(_, p)| p.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    if is_range {
        found
    } else {
        Vec::new()
    }
}

fn followed_by_period(a: &Analysis<'_>, i: usize) -> bool {
    a.tokens.get(i + 1).is_some_and(|n| n.span.start == a.tokens[i].span.end && a.token_text(i + 1) == ".")
}

fn next_is_number(a: &Analysis<'_>, i: usize) -> bool {
    let mut j = i + 1;
    if a.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Punct && a.token_text(j) == ".") {
        j += 1;
    }
    a.tokens.get(j).is_some_and(|t| {
        t.kind == TokenKind::Number || a.token_text(j).as_bytes().first().is_some_and(u8::is_ascii_digit)
    })
}

/// "(kind, value, byte length of the word part)" for an English token.
/// `hyphen` is `word` split at its first hyphen.
fn english_calendar_word(
    a: &Analysis<'_>,
    i: usize,
    word: &str,
    hyphen: Option<(&str, &str)>,
) -> Option<(CalendarKind, u8, usize)> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        // "mid-May", "pre-March" keep the month after the hyphen.
        let (prefix, rest) = hyphen?;
        if !matches!(prefix, "mid" | "early" | "late" | "end") {
            return None;
        }
        let (kind, value, _) = english_calendar_word_plain(rest)?;
        return Some((kind, value, word.len()));
    }
    // Every month, weekday and abbreviation below opens with one of these
    // letter pairs (a test pins it): most capitalised words stop here.
    if !may_start_english_calendar_word(a.lower(i)) {
        return None;
    }
    if followed_by_period(a, i) {
        if let Some(&(_, v)) = ENGLISH_MONTH_ABBREVIATIONS.iter().find(|(w, _)| *w == word) {
            return Some((CalendarKind::Month, v, word.len()));
        }
    }
    let (kind, value, len) = english_calendar_word_lower(a.lower(i), word.len())?;
    // "May" and "March" are also a verb and a name ("Theresa May"):
    // only a date context makes them months.
    if kind == CalendarKind::Month && (value == 3 || value == 5) && !ambiguous_month_in_date_context(a, i) {
        return None;
    }
    Some((kind, value, len))
}

fn english_calendar_word_plain(word: &str) -> Option<(CalendarKind, u8, usize)> {
    // The screen on the first three bytes, lowercased in place, before the
    // lowercase copy: an ASCII start that opens no calendar word (every
    // one is three letters or longer) ends it ("US-led", "COVID-19").
    if let Some(key) = super::lexicon::ascii_start_key(word.as_bytes()) {
        if !may_start_english_calendar_bytes(&key.to_le_bytes()[..3]) {
            return None;
        }
    }
    english_calendar_word_lower(&super::numbers::lowercase(word), word.len())
}

/// [`english_calendar_word_plain`] of a word already lowercased (`lower`),
/// `len` bytes long as written.
fn english_calendar_word_lower(lower: &str, len: usize) -> Option<(CalendarKind, u8, usize)> {
    if let Some(m) = ENGLISH_MONTHS.iter().position(|m| *m == lower) {
        return Some((CalendarKind::Month, m as u8 + 1, len));
    }
    // "Monday", "Monday's"
    let stem = lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")).unwrap_or(lower);
    let stem = stem.strip_suffix('s').filter(|s| s.ends_with("day")).unwrap_or(stem);
    ENGLISH_WEEKDAYS.iter().position(|d| *d == stem).map(|d| (CalendarKind::Weekday, d as u8 + 1, len))
}

fn ambiguous_month_in_date_context(a: &Analysis<'_>, i: usize) -> bool {
    if next_is_number(a, i) {
        return true;
    }
    let Some(prev) = i.checked_sub(1) else { return false };
    if a.tokens[prev].kind != TokenKind::Word {
        return false;
    }
    MONTH_CUES.binary_search(&a.lower(prev)).is_ok()
}

/// The first three letters of lowercase `lower` can open an English month
/// or weekday name or a month abbreviation ("sep" of "Sept"): most
/// capitalised words ("The", "This", "Many") stop here.
fn may_start_english_calendar_word(lower: &str) -> bool {
    may_start_english_calendar_bytes(lower.as_bytes())
}

/// [`may_start_english_calendar_word`] of the bytes of a lowercase word.
fn may_start_english_calendar_bytes(lower: &[u8]) -> bool {
    matches!(
        lower,
        [b'j', b'a', b'n', ..]
            | [b'f', b'e', b'b', ..]
            | [b'm', b'a', b'r' | b'y', ..]
            | [b'a', b'p', b'r', ..]
            | [b'j', b'u', b'n' | b'l', ..]
            | [b'a', b'u', b'g', ..]
            | [b's', b'e', b'p', ..]
            | [b'o', b'c', b't', ..]
            | [b'n', b'o', b'v', ..]
            | [b'd', b'e', b'c', ..]
            | [b'm', b'o', b'n', ..]
            | [b't', b'u', b'e', ..]
            | [b'w', b'e', b'd', ..]
            | [b't', b'h', b'u', ..]
            | [b'f', b'r', b'i', ..]
            | [b's', b'a', b't', ..]
            | [b's', b'u', b'n', ..]
    )
}

/// The first byte of a word can open a German calendar word: an ASCII
/// letter that [`may_start_german_calendar_word`] lets pass in either case
/// (no non-ASCII capital lowercases to one of these letters).
fn may_open_german_calendar_word(first: u8) -> bool {
    matches!(first.to_ascii_lowercase(), b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
}

/// The lowercase word `lower` can open a German calendar word: its first
/// three bytes begin a month, weekday or abbreviation ("mä" is `m`,
/// 0xC3, 0xA4), and "die"/"mit" only in a word as long as "dienstag" or
/// "mittwoch" (the articles and prepositions are common words).
fn may_start_german_calendar_word(lower: &str) -> bool {
    let Some(&[a, b, c]) = lower.as_bytes().get(..3) else { return false };
    german_calendar_start([a, b, c]).unwrap_or(lower.len() >= COMMON_START_MIN_BYTES)
}

/// The starts of German calendar words that common short words share:
/// "die" ("dienstag") and "mit" ("mittwoch"), the article and the
/// preposition. Such a start opens a calendar word only in a word of at
/// least [`COMMON_START_MIN_BYTES`] bytes (the word marks use the rule too).
pub(crate) const COMMON_WORD_STARTS: [[u8; 3]; 2] = [*b"die", *b"mit"];

/// The length of "dienstag" and of "mittwoch", in bytes.
pub(crate) const COMMON_START_MIN_BYTES: usize = 8;

/// What the first three bytes of a lowercase word say: `Some(true)` when
/// they begin a month, weekday or abbreviation, `Some(false)` when they
/// begin none, `None` for "die" and "mit", which begin "dienstag" and
/// "mittwoch" only in a word that long.
#[inline(always)]
fn german_calendar_start(first: [u8; 3]) -> Option<bool> {
    if COMMON_WORD_STARTS.contains(&first) {
        return None;
    }
    Some(matches!(
        first,
        [b'j', b'a', b'n']
            | [b'j', 0xC3, 0xA4]
            | [b'f', b'e', b'b']
            | [b'm', 0xC3, 0xA4]
            | [b'a', b'p', b'r']
            | [b'm', b'a', b'i']
            | [b'j', b'u', b'n' | b'l']
            | [b'a', b'u', b'g']
            | [b's', b'e', b'p']
            | [b'o', b'k', b't']
            | [b'n', b'o', b'v']
            | [b'd', b'e', b'z']
            | [b'm', b'o', b'n']
            | [b'd', b'o', b'n']
            | [b'f', b'r', b'e']
            | [b's', b'a', b'm']
            | [b's', b'o', b'n']
    ))
}

/// False when the word spelled `raw` (as written) cannot pass
/// [`may_start_german_calendar_word`]: its first three bytes are ASCII,
/// so its lowercase form begins with them lowercased, and they begin no
/// calendar word. Read from the text, this spares most words ("der",
/// "auf", "sich") their lowercase form.
fn may_start_german_calendar_word_as_written(raw: &[u8]) -> bool {
    match *raw {
        [_, _, _, ..] => {
            // The three bytes lowercased at once and looked up in one bit
            // set: where the match of `german_calendar_start` took a jump
            // table and a dozen comparisons for half the words of a text.
            let Some(key) = ascii_start_key(raw) else { return true };
            let slot = start_key_slot(key, GERMAN_START_HASH_BITS);
            GERMAN_START_SLOTS[slot / 64] & (1 << (slot % 64)) != 0
        }
        // Shorter than three bytes: an ASCII word stays that short.
        _ => !raw.is_ascii(),
    }
}

/// Bits of the hash of [`GERMAN_START_SLOTS`]: 4096 bits, 512 bytes.
const GERMAN_START_HASH_BITS: u32 = 12;

/// Every ASCII start [`german_calendar_start`] does not reject (a test
/// checks every triple of ASCII bytes against it).
const GERMAN_ASCII_STARTS: [&[u8; 3]; 18] = [
    b"jan", b"feb", b"apr", b"mai", b"jun", b"jul", b"aug", b"sep", b"okt", b"nov", b"dez", b"mon", b"don", b"fre",
    b"sam", b"son", b"die", b"mit",
];

/// The slots of [`GERMAN_ASCII_STARTS`], as a bit set built at compile
/// time: a collision only lets a word on to the exact test.
const GERMAN_START_SLOTS: [u64; 1 << (GERMAN_START_HASH_BITS - 6)] = {
    let mut bits = [0u64; 1 << (GERMAN_START_HASH_BITS - 6)];
    let mut k = 0;
    while k < GERMAN_ASCII_STARTS.len() {
        let [a, b, c] = *GERMAN_ASCII_STARTS[k];
        let slot = start_key_slot(u32::from_le_bytes([a, b, c, 0]), GERMAN_START_HASH_BITS);
        bits[slot / 64] |= 1 << (slot % 64);
        k += 1;
    }
    bits
};

/// "(kind, value, byte length of the word part)" for a German token.
fn german_calendar_word(a: &Analysis<'_>, i: usize, word: &str) -> Option<(CalendarKind, u8, usize)> {
    // Every German month, weekday and month abbreviation starts like this
    // (a test pins it; the head's lowercase form begins the word's):
    // tested first, it spares most words the lookups.
    if !may_start_german_calendar_word(a.lower(i)) {
        return None;
    }
    if followed_by_period(a, i) {
        if let Some(&(_, v)) = GERMAN_MONTH_ABBREVIATIONS.iter().find(|(w, _)| *w == word) {
            return Some((CalendarKind::Month, v, word.len()));
        }
    }
    // Compounds keep the calendar word in front: "Juli-Ausgabe",
    // "Montagabend", "Dienstagmorgen"; adverbs: "montags".
    // A byte scan: this runs for most German words.
    let head = super::tokens::hyphen_parts(word).next().unwrap_or(word);
    let lower = if head.len() == word.len() { Cow::Borrowed(a.lower(i)) } else { super::numbers::lowercase(head) };
    if let Some(m) = GERMAN_MONTHS.iter().position(|m| *m == lower).or_else(|| (lower == "jänner").then_some(0)) {
        if !head.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        return Some((CalendarKind::Month, m as u8 + 1, head.len()));
    }
    for (d, name) in GERMAN_WEEKDAYS.iter().enumerate() {
        if let Some(rest) = lower.strip_prefix(name) {
            if rest.is_empty() || rest == "s" || DAYTIME_SUFFIXES.contains(&rest) {
                return Some((CalendarKind::Weekday, d as u8 + 1, name.len()));
            }
        }
    }
    if lower == "sonnabend" {
        return Some((CalendarKind::Weekday, 6, head.len()));
    }
    None
}

const DAYTIME_SUFFIXES: &[&str] =
    &["abend", "abends", "morgen", "morgens", "nachmittag", "nachmittags", "nacht", "vormittag", "mittag", "früh"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn the_packed_start_screen_passes_every_start_the_match_passes() {
        for x in 0..(1u32 << 21) {
            let bytes = [(x & 0x7F) as u8, ((x >> 7) & 0x7F) as u8, (x >> 14) as u8];
            let lower = bytes.map(|b| b.to_ascii_lowercase());
            if german_calendar_start(lower) != Some(false) {
                assert!(may_start_german_calendar_word_as_written(&bytes), "{bytes:?}");
            }
        }
    }

    #[test]
    fn the_german_first_letter_screen_passes_every_calendar_word() {
        let abbreviations = GERMAN_MONTH_ABBREVIATIONS.iter().map(|(w, _)| *w);
        for w in
            GERMAN_MONTHS.iter().chain(&GERMAN_WEEKDAYS).copied().chain(abbreviations).chain(["jänner", "sonnabend"])
        {
            assert!(may_start_german_calendar_word(&w.to_lowercase()), "{w}");
            assert!(may_open_german_calendar_word(w.as_bytes()[0]), "{w}");
            for spelling in [w.to_string(), w.to_lowercase(), w.to_uppercase()] {
                assert!(may_start_german_calendar_word_as_written(spelling.as_bytes()), "{spelling}");
            }
        }
        for w in ["haus", "mutter", "die", "mit", "diese", "mitte"] {
            assert!(!may_start_german_calendar_word(w), "{w}");
        }
        for w in ["der", "Auf", "SICH", "an", "Haus"] {
            assert!(!may_start_german_calendar_word_as_written(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn the_english_three_letter_screen_passes_every_calendar_word() {
        let abbreviations = ENGLISH_MONTH_ABBREVIATIONS.iter().map(|(w, _)| w.to_lowercase());
        for w in ENGLISH_MONTHS.iter().chain(&ENGLISH_WEEKDAYS).map(|w| w.to_string()).chain(abbreviations) {
            assert!(may_start_english_calendar_word(&w), "{w}");
        }
        assert!(!may_start_english_calendar_word("president"));
        for w in ["the", "this", "many", "sun", "thus"] {
            assert_eq!(may_start_english_calendar_word(w), matches!(w, "sun" | "thus"), "{w}");
        }
    }

    #[test]
    fn the_plain_screen_keeps_every_calendar_word() {
        // `english_calendar_word_plain` with and without its screen.
        let unscreened = |w: &str| english_calendar_word_lower(&crate::text::numbers::lowercase(w), w.len());
        let mut words: Vec<String> = ENGLISH_MONTHS.iter().chain(&ENGLISH_WEEKDAYS).map(|w| w.to_string()).collect();
        words.extend(
            ["US", "led", "COVID", "19", "", "a", "Ma", "MAY", "Sundays", "Monday's", "Tue", "Ärger", "\u{212A}ay"]
                .map(String::from),
        );
        let more: Vec<String> =
            words.iter().flat_map(|w| [w.to_uppercase(), format!("{w}s"), format!("x{w}")]).collect();
        words.extend(more);
        for w in &words {
            assert_eq!(english_calendar_word_plain(w), unscreened(w), "{w}");
        }
        for x in 0..27 * 27 * 27 {
            let w: String = [x / 729, x / 27 % 27, x % 27]
                .iter()
                .filter(|&&c| c < 26)
                .map(|&c| char::from(b'A' + c as u8))
                .collect();
            assert_eq!(english_calendar_word_plain(&w), unscreened(&w), "{w}");
        }
    }

    #[test]
    fn the_english_start_list_is_what_the_screen_passes() {
        for x in 0..26 * 26 * 26 {
            let w = [b'a' + (x / 676) as u8, b'a' + (x / 26 % 26) as u8, b'a' + (x % 26) as u8];
            let word = std::str::from_utf8(&w).unwrap_or_default();
            assert_eq!(may_start_english_calendar_word(word), ENGLISH_STARTS.contains(&&w), "{word}");
        }
    }

    fn words(text: &str, lang: Lang) -> Vec<(&str, u8)> {
        let a = Analysis::new(text, lang);
        calendar_words(&a).iter().map(|w| (&text[w.span.start..w.span.end], w.value)).collect()
    }

    #[test]
    fn cue_list_is_sorted() {
        let mut sorted = MONTH_CUES.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, MONTH_CUES);
    }

    #[test]
    fn english_may_is_a_month_only_in_date_context() {
        assert_eq!(words("It may rain in May. Theresa May spoke on May 3.", Lang::English), [("May", 5), ("May", 5)]);
        assert_eq!(words("March on Washington. They met in March.", Lang::English), [("March", 3)]);
        assert_eq!(words("On Jan. 30, 1948, and on Monday's vote", Lang::English), [("Jan", 1), ("Monday's", 1)]);
        assert_eq!(words("rain between Oct. 2-Nov. 14", Lang::English), [("Oct", 10), ("Nov", 11)]);
        assert_eq!(words("in the March-May quarter", Lang::English), [("March", 3), ("May", 5)]);
        assert!(words("Mary-May Smith and Jean-Marc", Lang::English).is_empty());
    }

    #[test]
    fn german_months_abbreviations_and_compounds() {
        assert_eq!(
            words("Am 12. Januar und am 3. Okt. sowie Montagabend und die Juli-Ausgabe.", Lang::German),
            [("Januar", 1), ("Okt", 10), ("Montag", 1), ("Juli", 7)]
        );
        assert!(words("Der Maisbauer aus Kiew, ein US-Präsident.", Lang::German).is_empty());
    }
}
