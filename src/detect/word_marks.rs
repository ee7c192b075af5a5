//! One screen per token for the word-list rules of a pair: which of them
//! may do anything with the token at all.
//!
//! The number layer, the calendar words, negation-flip's polarity counts,
//! untranslated's function-word test and broken-structure's finite verbs
//! (German table only) each read every word of a pair
//! and reject nearly all of them on their first bytes. Each rejection used
//! to cost its own lowercasing, hashing and table lookup, 40–55
//! instructions a word and rule. Here every token of a side is screened
//! once, on its first three lowercase bytes looked up in one table built
//! from all of those rules' lists, and each rule reads its bit: one load
//! per word it rejects. A bit is set whenever the rule's own checks might
//! accept the word (a hash collision only sets a needless one), so the
//! rules find exactly what they find without it; tests below compare the
//! outputs with and without the marks.

use super::{broken_structure, negation_flip, untranslated};
use crate::text::lexicon::{ascii_start_key, start_key_slot, LONGEST_FUNCTION_WORD};
use crate::text::tokens::class::{DIGIT, HYPHEN, NON_ASCII};
use crate::text::{calendar, numbers, Analysis, Lang, TokenKind};
use std::sync::LazyLock;

/// The token may be (or start) a number mention: a number token, a word
/// with a digit, or a word that starts like a number word
/// ([`numbers::word_starts`]).
pub const NUMBER: u8 = 16;
/// The word may be a month or weekday ([`calendar::word_starts`]; in
/// English also every hyphenated word, which may be a range).
pub const CALENDAR: u8 = 32;
/// German side: the word may be an English function word that is no German
/// one (untranslated's screen).
pub const ENGLISH_FUNCTION_WORD: u8 = 64;
/// German side: the word may be one of broken-structure's frequent
/// irregular finite verbs ([`broken_structure::IRREGULAR_FINITE`]).
pub const FINITE_VERB: u8 = 128;
// The bits below 16 are negation-flip's cues ([`negation_flip::CUE_BITS`]).
const _: () = assert!(negation_flip::CUE_BITS < NUMBER);

/// Bits of the table's hash: 16 KiB of marks per language.
const HASH_BITS: u32 = 14;
const SLOTS: usize = 1 << HASH_BITS;

/// The table slot of a word's first three bytes, packed little-endian (0
/// past its end). Bit 5 of each byte is set first: that lowercases an
/// ASCII letter, so a word's slot is its lowercase form's without a
/// lowercasing pass, and the non-letters it merges with others ('@' with
/// '`', a control byte with a digit…) only share a slot, which may set a
/// needless mark but never loses one.
#[inline(always)]
fn slot(three_bytes: u32) -> usize {
    start_key_slot(three_bytes | 0x0020_2020, HASH_BITS)
}

/// The first three bytes of ASCII word `raw`, packed as [`slot`] takes them.
#[inline(always)]
fn three_bytes(raw: &[u8]) -> u32 {
    match *raw {
        [b0, b1, b2, b3, ..] => u32::from_le_bytes([b0, b1, b2, b3]) & 0x00FF_FFFF,
        [b0, b1, b2] => u32::from_le_bytes([b0, b1, b2, 0]),
        [b0, b1] => u32::from_le_bytes([b0, b1, 0, 0]),
        [b0] => u32::from(b0),
        [] => 0,
    }
}

/// The marks by the [`slot`] of a word's first three bytes, one table per
/// language.
struct StartTable {
    marks: Box<[u8; SLOTS]>,
}

impl StartTable {
    fn new() -> Self {
        StartTable { marks: Box::new([0u8; SLOTS]) }
    }

    /// Marks every word whose first three bytes (0 past its end) are `key`.
    fn add_key(&mut self, bits: u8, key: [u8; 3]) {
        self.marks[slot(u32::from_le_bytes([key[0], key[1], key[2], 0]))] |= bits;
    }

    /// Marks the word `word` (lowercase). A word with a non-ASCII byte
    /// among its first three needs no entry: such words get every bit.
    fn add_word(&mut self, bits: u8, word: &[u8]) {
        let mut key = [0u8; 3];
        for (k, &b) in word.iter().take(3).enumerate() {
            key[k] = b;
        }
        if key.iter().all(u8::is_ascii) {
            self.add_key(bits, key);
        }
    }

    /// Marks every word that begins with `start` (lowercase).
    fn add_start(&mut self, bits: u8, start: &[u8]) {
        match *start {
            [_, _, _, ..] => self.add_word(bits, start),
            [b0, b1] => (0..128).for_each(|c| self.add_word(bits, &[b0, b1, c])),
            [b0] => (0..128).for_each(|c| (0..128).for_each(|d| self.add_word(bits, &[b0, c, d]))),
            [] => self.marks.iter_mut().for_each(|m| *m |= bits),
        }
    }
}

fn table_of(lang: Lang) -> StartTable {
    let mut table = StartTable::new();
    let english = lang == Lang::English;
    let lists = negation_flip::screen_lists(english);
    for (bit, words) in &lists.words {
        words.iter().for_each(|w| table.add_word(*bit, w.as_bytes()));
    }
    for (bit, starts) in &lists.prefixes {
        starts.iter().for_each(|s| table.add_start(*bit, s.as_bytes()));
    }
    for (start, whole) in numbers::word_starts(lang) {
        if whole {
            table.add_word(NUMBER, start.as_bytes());
        } else {
            table.add_start(NUMBER, start.as_bytes());
        }
    }
    for start in calendar::word_starts(lang) {
        table.add_start(CALENDAR, start);
    }
    if !english {
        untranslated::english_only_function_words().for_each(|w| table.add_word(ENGLISH_FUNCTION_WORD, w.as_bytes()));
        broken_structure::IRREGULAR_FINITE.iter().for_each(|w| table.add_word(FINITE_VERB, w.as_bytes()));
    }
    table
}

static ENGLISH_TABLE: LazyLock<StartTable> = LazyLock::new(|| table_of(Lang::English));
static GERMAN_TABLE: LazyLock<StartTable> = LazyLock::new(|| table_of(Lang::German));

/// The marks of every token of `a`.
pub fn marks(a: &Analysis<'_>) -> Vec<u8> {
    let mut out = vec![0u8; a.tokens.len()];
    // The table as a local slice: it stays in registers while the marks
    // are written (a byte store might alias the static's fields).
    match a.lang {
        Lang::English => marks_into::<true>(a, &ENGLISH_TABLE.marks, &mut out),
        Lang::German => marks_into::<false>(a, &GERMAN_TABLE.marks, &mut out),
    }
    out
}

/// [`marks`] into `out`, one language's loop.
fn marks_into<const ENGLISH: bool>(a: &Analysis<'_>, table: &[u8; SLOTS], out: &mut [u8]) {
    for (i, (mark, (kind, text, class))) in out.iter_mut().zip(a.token_classes()).enumerate() {
        *mark = match kind {
            TokenKind::Punct => 0,
            TokenKind::Number => NUMBER,
            TokenKind::Word if class & NON_ASCII == 0 => ascii_word_marks::<ENGLISH>(text.as_bytes(), class, table),
            TokenKind::Word => other_word_marks(a, i, ENGLISH, table),
        };
    }
}

/// [`calendar::COMMON_WORD_STARTS`] ("die", "mit"), lowercase as in
/// [`slot`]: German calendar words only in a word as long as "dienstag".
const DIE: u32 = packed_start(calendar::COMMON_WORD_STARTS[0]);
const MIT: u32 = packed_start(calendar::COMMON_WORD_STARTS[1]);
// A start added to the calendar's list needs its constant here too.
const _: () = assert!(calendar::COMMON_WORD_STARTS.len() == 2);

/// Three bytes as [`three_bytes`] packs them.
const fn packed_start([b0, b1, b2]: [u8; 3]) -> u32 {
    u32::from_le_bytes([b0, b1, b2, 0])
}

/// The marks of an ASCII word (nearly every word), `raw` with byte
/// classes `class`: read from its bytes as written, without its lowercase
/// form.
#[inline(always)]
fn ascii_word_marks<const ENGLISH: bool>(raw: &[u8], class: u8, table: &[u8; SLOTS]) -> u8 {
    let first = three_bytes(raw);
    // Bit 5 set on a letter is its lowercase form: the lowercase key of an
    // ASCII word's first two bytes where they are letters, which is all
    // `ascii_form_cues` compares ("un").
    let lower = first | 0x0020_2020;
    let mut marks = table[slot(first)] | negation_flip::ascii_form_cues(ENGLISH, raw, lower);
    if class & DIGIT != 0 {
        marks |= NUMBER;
    }
    if ENGLISH {
        if class & HYPHEN != 0 {
            marks |= CALENDAR;
        }
    } else {
        if raw.len() > LONGEST_FUNCTION_WORD {
            marks &= !ENGLISH_FUNCTION_WORD;
        }
        // "die" and "mit" open a calendar word only eight bytes or longer
        // (see `calendar`): the most common German words stop here.
        if raw.len() < calendar::COMMON_START_MIN_BYTES && (lower == DIE || lower == MIT) {
            marks &= !CALENDAR;
        }
    }
    marks
}

/// The marks of word token `i`, read from its lowercase form.
#[inline(never)]
fn other_word_marks(a: &Analysis<'_>, i: usize, english: bool, table: &[u8; SLOTS]) -> u8 {
    let lower = a.lower(i);
    let mut marks = match ascii_start_key(lower.as_bytes()) {
        Some(key) => table[slot(key)],
        // Not judged on its first bytes: every rule reads it, and
        // negation-flip asks its own screen.
        None => NUMBER | CALENDAR | ENGLISH_FUNCTION_WORD | negation_flip::screen_cues(english, lower),
    };
    marks |= negation_flip::form_cues(english, lower);
    if a.has_digit(i) {
        marks |= NUMBER;
    }
    if english {
        if a.has_hyphen(i) {
            marks |= CALENDAR;
        }
    } else {
        // A word with a non-ASCII character is no English function word
        // ("für", "über" were looked up for nothing): those words are
        // ASCII, and a non-ASCII character lowercases to a non-ASCII one
        // but for the Kelvin sign, whose "k" none of them has (a test
        // checks both).
        marks &= !ENGLISH_FUNCTION_WORD;
    }
    marks
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::numbers::{extract, extract_marked};

    /// Words of every list the marks are built from, in several spellings,
    /// with neighbours of them and words of no list: the vocabulary of the
    /// pseudo-random texts below.
    fn vocabulary() -> Vec<String> {
        let mut words: Vec<String> = [
            "a",
            "an",
            "A",
            "An",
            "a-ha",
            "an-",
            "one",
            "two",
            "Three",
            "twenty-one",
            "five-year-old",
            "two-million",
            "first",
            "third",
            "thirteenth",
            "twentieth",
            "twenty-first",
            "hundred",
            "thousand",
            "million",
            "billion",
            "dozen",
            "half",
            "quarter",
            "decade",
            "both",
            "once",
            "week",
            "and",
            "percent",
            "per",
            "cent",
            "miles",
            "p",
            "m",
            "am",
            "pm",
            "GMT",
            "ein",
            "eine",
            "Einem",
            "einen",
            "zwei",
            "drei",
            "Drei",
            "einundzwanzig",
            "zweihundert",
            "dreitausendfünfhundert",
            "fünf",
            "zwölf",
            "elf",
            "Elf",
            "acht",
            "Acht",
            "sieben",
            "dritte",
            "zwanzigsten",
            "erste",
            "erst",
            "ersten",
            "hälfte",
            "Hälfte",
            "halb",
            "beide",
            "beiden",
            "doppelt",
            "zweimal",
            "paar",
            "mittag",
            "Mitternacht",
            "woche",
            "Woche",
            "Million",
            "Millionen",
            "Mrd",
            "Milliarde",
            "Billion",
            "Prozent",
            "Uhr",
            "Jahrzehnte",
            "January",
            "May",
            "may",
            "March",
            "march",
            "Jan",
            "Sept",
            "Oct",
            "Monday",
            "Monday's",
            "Tuesdays",
            "mid-May",
            "early-June",
            "June-August",
            "Mary-May",
            "in",
            "on",
            "since",
            "Januar",
            "Jänner",
            "März",
            "Mai",
            "Maisbauer",
            "Juli",
            "Juli-Ausgabe",
            "Okt",
            "Montag",
            "Montagabend",
            "dienstags",
            "Dienstag",
            "die",
            "diese",
            "mit",
            "Mittwoch",
            "mitte",
            "Sonnabend",
            "not",
            "Not",
            "don't",
            "isn’t",
            "cannot",
            "never",
            "no",
            "No",
            "nor",
            "neither",
            "unless",
            "nothing",
            "without",
            "whether",
            "or",
            "only",
            "just",
            "yet",
            "unclear",
            "non-binding",
            "homeless",
            "regardless",
            "inequality",
            "disagreed",
            "refuse",
            "refused",
            "denied",
            "losing",
            "lost",
            "banned",
            "failed",
            "win",
            "allow",
            "nicht",
            "Nicht",
            "nie",
            "kein",
            "keine",
            "weder",
            "noch",
            "sondern",
            "nur",
            "bloß",
            "Bloß",
            "sei",
            "denn",
            "außer",
            "ausgenommen",
            "unklar",
            "Nicht-EU",
            "nichtsdestotrotz",
            "arbeitslos",
            "hoffnungslosigkeit",
            "kaum",
            "höchstens",
            "verweigert",
            "verboten",
            "gescheitert",
            "abgelehnt",
            "erlaubt",
            "statt",
            "frei",
            "und",
            "oder",
            "the",
            "The",
            "THE",
            "of",
            "was",
            "Was",
            "will",
            "have",
            "their",
            "would",
            "you",
            "your",
            "der",
            "Der",
            "das",
            "ist",
            "für",
            "über",
            "Über",
            "ÜBER",
            "İstanbul",
            "Kiew",
            "US-Präsident",
            "Haus",
            "gestern",
            "Regierung",
            "Straße",
            "ẞ",
            "Ärger",
            "z",
            "B",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        let mut more = Vec::new();
        for w in &words {
            more.push(w.to_uppercase());
            let mut c = w.chars();
            if let Some(first) = c.next() {
                more.push(first.to_uppercase().chain(c).collect());
            }
        }
        words.extend(more);
        words.sort();
        words.dedup();
        words
    }

    const OTHER_TOKENS: &[&str] = &[
        "12",
        "1.000",
        "3,5",
        "10:30",
        "2010-2015",
        "11.09.2001",
        "5bn",
        "1990er",
        "1990s",
        "175th",
        "G7",
        "Covid-19",
        "3D",
        "16-year-old",
        ".",
        ",",
        "%",
        "½",
        "/",
        "-",
        "„",
        "“",
        "!",
        "(",
        ")",
    ];

    /// Deterministic pseudo-random texts over [`vocabulary`] and
    /// [`OTHER_TOKENS`].
    pub(crate) fn texts(count: usize) -> Vec<String> {
        let words = vocabulary();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = 4 + (next() % 24) as usize;
                let mut text = String::new();
                for _ in 0..len {
                    let r = next();
                    let token = if r % 4 == 0 {
                        OTHER_TOKENS[(r / 4) as usize % OTHER_TOKENS.len()]
                    } else {
                        &words[(r / 4) as usize % words.len()]
                    };
                    // Mostly spaced, sometimes glued to the previous token.
                    if !text.is_empty() && r % 7 != 0 {
                        text.push(' ');
                    }
                    text.push_str(token);
                }
                text
            })
            .collect()
    }

    #[test]
    fn marked_number_and_calendar_readings_are_the_plain_ones() {
        for text in texts(4000) {
            for lang in [Lang::English, Lang::German] {
                let a = Analysis::new(&text, lang);
                let m = marks(&a);
                assert_eq!(extract_marked(&a, &m, NUMBER), extract(&a), "{lang:?}: {text}");
                assert_eq!(
                    calendar::calendar_words_marked(&a, &m, CALENDAR),
                    calendar::calendar_words(&a),
                    "{lang:?}: {text}"
                );
            }
        }
    }

    #[test]
    fn no_word_with_a_non_ascii_character_is_an_english_only_function_word() {
        let english_only: Vec<&str> = untranslated::english_only_function_words().collect();
        assert!(english_only.iter().all(|w| w.is_ascii()));
        // The characters beyond ASCII whose lowercase form is ASCII, and
        // the ASCII they lowercase to: none is in an English-only word.
        let ascii_lowering: Vec<(char, String)> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .map(|c| (c, c.to_lowercase().collect::<String>()))
            .filter(|(_, lower)| lower.is_ascii())
            .collect();
        assert_eq!(ascii_lowering, [('\u{212A}', "k".to_string())]);
        for (_, lower) in &ascii_lowering {
            assert!(english_only.iter().all(|w| !w.contains(lower.as_str())), "{lower}");
        }
        for w in ["für", "über", "Über", "ÜBER", "\u{212A}", "The\u{212A}", "wäs", "İt", "ıt"] {
            assert_eq!(marks(&Analysis::new(w, Lang::German))[0] & ENGLISH_FUNCTION_WORD, 0, "{w}");
            assert_eq!(crate::text::lang::function_word_counts([w]).0, 0, "{w}");
        }
    }

    #[test]
    fn every_word_of_the_lists_is_marked() {
        let en = |w: &str| marks(&Analysis::new(w, Lang::English))[0];
        let de = |w: &str| marks(&Analysis::new(w, Lang::German))[0];
        for w in ["two", "Twenty-one", "a", "An", "thirteenth", "twentieth", "half", "midnight", "5bn"] {
            assert_ne!(en(w) & NUMBER, 0, "{w}");
        }
        for w in ["zwei", "Drei", "einundzwanzig", "dritte", "erste", "eine", "halben", "Jahrzehnten", "fünf"] {
            assert_ne!(de(w) & NUMBER, 0, "{w}");
        }
        for w in ["January", "Sept", "Sunday", "mid-May", "x-y"] {
            assert_ne!(en(w) & CALENDAR, 0, "{w}");
        }
        for w in ["Januar", "März", "Okt", "Montagabend", "Sonnabend", "Dienstag", "Mittwoch"] {
            assert_ne!(de(w) & CALENDAR, 0, "{w}");
        }
        for w in untranslated::english_only_function_words() {
            assert_ne!(de(w) & ENGLISH_FUNCTION_WORD, 0, "{w}");
        }
        for w in broken_structure::IRREGULAR_FINITE {
            assert_ne!(de(w) & FINITE_VERB, 0, "{w}");
        }
        // Most words get no mark at all.
        for w in ["Regierung", "Haus"] {
            assert_eq!(de(w), 0, "{w}");
        }
        assert_eq!(en("house"), 0);
    }
}
