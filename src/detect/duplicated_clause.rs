//! `duplicated-clause`: a run of words the German says twice and the
//! English says once.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lexicon::{is_function_word, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS};
use crate::text::tokens::{starts_uppercase, TokenKind};
use crate::text::Analysis;
use rustc_hash::FxHasher;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are already hashes: pass them through instead of re-hashing
/// with SipHash (this map is built for every pair).
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type WindowMap = HashMap<u64, usize, BuildHasherDefault<PassThrough>>;

/// Window hash → the first window with it. Both tables answer exactly
/// like a map of the full hash.
trait WindowTable {
    /// The first window with hash `h`, if any; else records window `i`
    /// for `h` and answers `None`. One probe for both.
    fn first_or_insert(&mut self, h: u64, i: usize) -> Option<usize>;
}

impl WindowTable for WindowMap {
    fn first_or_insert(&mut self, h: u64, i: usize) -> Option<usize> {
        match self.entry(h) {
            std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
                None
            }
        }
    }
}

/// Open addressing on the stack, for a text of up to half `SLOTS`
/// windows (twice as many slots as windows keep probes short): no
/// allocation, and a cleared table costs one `memset`. Sizes in steps of
/// two, so a text clears a table at most four times its windows (a
/// sentence of 20 words clears 64 slots, not 128) and a longer one
/// (hundreds of words) still avoids the heap map.
struct StackTable<const SLOTS: usize> {
    keys: [u64; SLOTS],
    first: [u32; SLOTS],
}

/// Windows the largest stack table takes.
const MEDIUM_WINDOWS: usize = 256;
/// Marks an empty slot of a stack table.
const EMPTY: u32 = u32::MAX;

impl<const SLOTS: usize> StackTable<SLOTS> {
    const BITS: u32 = SLOTS.trailing_zeros();

    fn new() -> Self {
        const { assert!(SLOTS.is_power_of_two() && SLOTS >= 2) };
        StackTable { keys: [0; SLOTS], first: [EMPTY; SLOTS] }
    }

    /// The slot of `h`: where it is, or the empty slot where it would go.
    /// The hashes are mixed, so their top bits spread.
    fn slot(&self, h: u64) -> usize {
        let mut at = (h >> (64 - Self::BITS)) as usize;
        while self.first[at] != EMPTY && self.keys[at] != h {
            at = (at + 1) % SLOTS;
        }
        at
    }
}

impl<const SLOTS: usize> WindowTable for StackTable<SLOTS> {
    fn first_or_insert(&mut self, h: u64, i: usize) -> Option<usize> {
        let at = self.slot(h);
        if self.first[at] != EMPTY {
            return Some(self.first[at] as usize);
        }
        self.keys[at] = h;
        self.first[at] = i as u32;
        None
    }
}

crate::rule_meta! {
    /// A run of four or more words repeated in the German but not in the English.
    ///
    /// **What it catches.** Machine translation that stutters: a clause
    /// copied again right after itself ("Forschung an der Universität
    /// Forschung an der Universität"), or a clause of six words or more
    /// copied later in the text, ignoring case and punctuation. The second
    /// copy is flagged.
    ///
    /// **Why it matters.** The copy adds nothing the author wrote, and it
    /// often sits where a different clause was dropped.
    ///
    /// **Not flagged.** Repeats the English has too (the same names and
    /// numbers repeated as often in the source, or an English repeat at
    /// least half as long), short noun phrases that news text repeats a few
    /// sentences later ("zum Schutz von Bäumen"), runs made only of
    /// function words ("in der Nähe von"), and doubled words ("die die").
    ///
    /// **Example.** Source "University research", German "Forschung an der
    /// Universität Forschung an der Universität": the second
    /// "Forschung an der Universität" is flagged.
    META {
        id: "duplicated-clause",
        category: Category::Addition,
        severity: Severity::Major,
    }
}

/// Shortest repeated run (in words) worth reporting.
const MIN_RUN: usize = 4;
/// A repeat this far from its first copy (in words) must be a whole
/// clause: news text legitimately repeats a short noun phrase ("zum
/// Schutz von Bäumen") a few sentences later.
const ADJACENT_GAP: usize = 2;
const MIN_DISTANT_RUN: usize = 6;

/// The English counts as repeating itself with runs this long: English
/// says in three words ("the White House") what German says in four.
const MIN_RUN_ENGLISH: usize = 3;

/// One word, reduced to what repetition compares: its case-folded hash.
#[derive(Clone, Copy)]
pub(crate) struct Word {
    pub(crate) hash: u64,
    pub(crate) token: usize,
}

/// Case-insensitive hash of a word: of the UTF-8 of its letters each
/// lowercased (into `buf`), so two words get the same hash exactly when
/// they are equal but for case (collisions aside), as an ASCII word's
/// lowercase bytes do ([`bytes_hash`]).
fn fold_hash(word: &str, buf: &mut String) -> u64 {
    buf.clear();
    for c in word.chars() {
        // Most letters of a non-ASCII German word are ASCII: they lowercase
        // without the Unicode tables (to the same character).
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    bytes_hash(buf.as_bytes())
}

/// Every character is below U+01C0 (lead bytes up to 0xC6): below the
/// first titlecase letter ("ǅ", U+01C5), so each character that is not
/// uppercase lowercases to itself, and the analysis' lowercase form is
/// [`fold_hash`]'s (a test checks every such character).
fn below_titlecase(word: &str) -> bool {
    word.bytes().all(|b| b < 0xC7)
}

/// FxHash of a byte string: a few multiplications for a whole word, where
/// a byte-at-a-time hash needs one a byte.
fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// The words and numbers of one side, punctuation dropped, each with the
/// FxHash of the analysis' lowercase form ([`Analysis::lower_bytes`]).
/// Computed once per side for the pair ([`PairView::target_words`]):
/// this rule and `repeated-translation`'s fingerprints both read it.
///
/// [`PairView::target_words`]: super::PairView::target_words
pub(crate) fn lowercase_hashes(a: &Analysis<'_>) -> Vec<Word> {
    // Sized once: collecting from a filter would grow the vector step by
    // step. Written into the spare capacity: a push checks the capacity
    // for each word, and its growth path (never taken) made the loop keep
    // its state on the stack.
    let mut out: Vec<Word> = Vec::with_capacity(a.tokens.len());
    let spare = &mut out.spare_capacity_mut()[..a.tokens.len()];
    let mut written = 0;
    for (i, t) in a.tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct {
            // In bounds: `written` <= `i` < the number of tokens.
            spare[written].write(Word { hash: bytes_hash(a.lower_bytes(i)), token: i });
            written += 1;
        }
    }
    // SAFETY: the loop wrote the first `written` slots of the spare
    // capacity, each once and in order, so they are initialised.
    unsafe { out.set_len(written) };
    out
}

/// The hashes [`lowercase_hashes`] gives the words of `a`, in order, for a
/// reader that needs only the hashes once: nothing is stored.
pub(crate) fn word_hashes<'a>(a: &'a Analysis<'_>) -> impl Iterator<Item = u64> + 'a {
    a.tokens.iter().enumerate().filter(|(_, t)| t.kind != TokenKind::Punct).map(|(i, _)| bytes_hash(a.lower_bytes(i)))
}

/// The words and numbers of one side, punctuation dropped, from their
/// [`lowercase_hashes`]: the shared lowercase form is the letters each
/// lowercased for an ASCII word and for one below U+01C0 ("Übung",
/// "Straße"), so its hash is [`fold_hash`]'s. Only a word with another
/// character (rare) is hashed again, in a copy.
fn words<'w>(a: &Analysis<'_>, lower: &'w [Word]) -> Cow<'w, [Word]> {
    // A text with no byte from 0xC7 up (most) has no such word: eight
    // bytes at a time here, where the search below reads each word.
    if all_below_c7(a.text.as_bytes()) {
        return Cow::Borrowed(lower);
    }
    let differs = |w: &Word| !a.is_ascii(w.token) && !below_titlecase(a.token_text(w.token));
    let Some(first) = lower.iter().position(differs) else { return Cow::Borrowed(lower) };
    let mut buf = String::new();
    let mut out = lower.to_vec();
    for w in &mut out[first..] {
        if differs(w) {
            w.hash = fold_hash(a.token_text(w.token), &mut buf);
        }
    }
    Cow::Owned(out)
}

/// Every byte is below 0xC7 ([`below_titlecase`] of the whole text),
/// tested eight bytes at a time: a byte is from 0xC7 up when its top bit
/// is set and its low seven bits plus 0x39 reach 0x80 (which carries into
/// no other byte).
fn all_below_c7(bytes: &[u8]) -> bool {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut hits = 0u64;
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        hits |= ((x & (0x7F * EACH)) + 0x39 * EACH) & x;
    }
    hits & (0x80 * EACH) == 0 && chunks.remainder().iter().all(|&b| b < 0xC7)
}

/// A repeated run: its first copy starts at word `first`, the second at
/// word `second`, both `len` words long.
struct Repeat {
    first: usize,
    second: usize,
    len: usize,
}

/// Every maximal non-overlapping repeat of at least `min` words, in one
/// pass over the text (a hash of each `min`-word window; no quadratic scan).
fn repeats(words: &[Word], min: usize) -> Vec<Repeat> {
    if words.len() < 2 * min {
        return Vec::new();
    }
    let windows = words.len() + 1 - min;
    if windows <= 16 {
        repeats_in(words, min, &mut StackTable::<32>::new())
    } else if windows <= 32 {
        repeats_in(words, min, &mut StackTable::<64>::new())
    } else if windows <= 64 {
        repeats_in(words, min, &mut StackTable::<128>::new())
    } else if windows <= 128 {
        repeats_in(words, min, &mut StackTable::<256>::new())
    } else if windows <= MEDIUM_WINDOWS {
        repeats_in(words, min, &mut StackTable::<{ 2 * MEDIUM_WINDOWS }>::new())
    } else {
        repeats_in(words, min, &mut WindowMap::with_capacity_and_hasher(windows, Default::default()))
    }
}

/// [`repeats`] with `seen`, an empty table that takes every window.
fn repeats_in(words: &[Word], min: usize, seen: &mut impl WindowTable) -> Vec<Repeat> {
    let mut out = Vec::new();
    let window = |i: usize| {
        // Mixed at the end: the map uses these bits directly.
        words[i..i + min].iter().fold(0u64, |h, w| h.rotate_left(7) ^ w.hash).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    };
    let mut i = 0;
    while i + min <= words.len() {
        let h = window(i);
        match seen.first_or_insert(h, i) {
            Some(j) if i - j >= min && words[j..j + min].iter().zip(&words[i..]).all(|(a, b)| a.hash == b.hash) => {
                let mut len = min;
                while j + len < i && i + len < words.len() && words[j + len].hash == words[i + len].hash {
                    len += 1;
                }
                out.push(Repeat { first: j, second: i, len });
                i += len;
            }
            Some(_) | None => i += 1,
        }
    }
    out
}

/// Words of the run that carry content: not a function word, three letters or more.
fn content_words(a: &Analysis<'_>, words: &[Word], function_words: &[&str]) -> usize {
    words
        .iter()
        .filter(|w| {
            // The analysis' lowercase form is the word's, so the search
            // needs no lowercasing of its own (a test compares the two).
            let t = a.token_text(w.token);
            t.chars().count() >= 3 && !is_function_word(function_words, a.lower(w.token))
        })
        .count()
}

/// The repeat looks like a machine stutter: right after its first copy, or
/// a long run with real content when it comes later.
fn is_stutter(tgt: &Analysis<'_>, words: &[Word], r: &Repeat) -> bool {
    let content = content_words(tgt, &words[r.second..r.second + r.len], GERMAN_FUNCTION_WORDS);
    let gap = r.second - (r.first + r.len);
    if gap <= ADJACENT_GAP {
        content >= 2
    } else {
        r.len >= MIN_DISTANT_RUN && content >= 3
    }
}

/// Names and numbers of the German run that the English also has: if the
/// English repeats each of them at least as often, it repeats the clause too.
fn source_repeats_anchors(src: &Analysis<'_>, tgt: &Analysis<'_>, run: &[Word]) -> bool {
    let mut anchors = 0;
    for w in run {
        let tok = tgt.tokens[w.token];
        let text = tgt.token_text(w.token);
        let is_anchor = tok.kind == TokenKind::Number || (starts_uppercase(text) && src.text.contains(text));
        if !is_anchor {
            continue;
        }
        let count_in = |a: &Analysis<'_>| (0..a.tokens.len()).filter(|&i| a.token_text(i) == text).count();
        let (in_src, in_tgt) = (count_in(src), count_in(tgt));
        if in_src == 0 {
            continue; // a German noun, not a shared name
        }
        anchors += 1;
        if in_src < in_tgt {
            return false;
        }
    }
    anchors > 0
}

/// Consumes an English repeat long enough to be the same clause as a
/// German repeat of `len` words (English runs about two thirds as long).
fn take_matching_repeat(en_repeats: &mut Vec<usize>, len: usize) -> bool {
    match en_repeats.iter().position(|&en_len| en_len * 2 >= len) {
        Some(i) => {
            en_repeats.swap_remove(i);
            true
        }
        None => false,
    }
}

pub struct DuplicatedClause;

impl Detector for DuplicatedClause {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (src, tgt) = (pair.source, pair.target);
        // Two copies of a four-word run need eight words at least.
        if tgt.tokens.len() < 2 * MIN_RUN {
            return;
        }
        let de_words = words(tgt, pair.target_words());
        let de_repeats: Vec<Repeat> =
            repeats(&de_words, MIN_RUN).into_iter().filter(|r| is_stutter(tgt, &de_words, r)).collect();
        if de_repeats.is_empty() {
            return;
        }
        let en_words = words(src, pair.source_words());
        let mut en_repeats: Vec<usize> = repeats(&en_words, MIN_RUN_ENGLISH)
            .into_iter()
            .filter(|r| content_words(src, &en_words[r.second..r.second + r.len], ENGLISH_FUNCTION_WORDS) >= 1)
            .map(|r| r.len)
            .collect();
        let source_repeats_something = !en_repeats.is_empty();
        for r in &de_repeats {
            let run = &de_words[r.second..r.second + r.len];
            if source_repeats_anchors(src, tgt, run) || take_matching_repeat(&mut en_repeats, r.len) {
                continue;
            }
            let start = tgt.tokens[run[0].token].span.start;
            let end = tgt.tokens[run[r.len - 1].token].span.end;
            let span = Span::new(start, end);
            let nearby = r.second - (r.first + r.len) <= ADJACENT_GAP;
            let confidence = if source_repeats_something {
                0.6
            } else if r.len >= 6 {
                0.9
            } else {
                0.8
            };
            out.push(META.finding(
                confidence,
                Some(span),
                None,
                format!(
                    "\"{}\" repeats words said {}; the source says them once",
                    tgt.slice(span),
                    if nearby { "just before" } else { "earlier" }
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    #[test]
    fn words_below_titlecase_hash_as_the_letters_lowercased() {
        // Every character from U+0080 to U+01BF, alone and inside words of
        // either case: the analysis' lowercase form hashes as fold_hash.
        let mut text = String::new();
        for c in '\u{80}'..'\u{1C0}' {
            text.push_str(&format!("{c} A{c}b {c}{c}X Über{c}ST "));
        }
        text.push_str("ÄRGER Straße STRASSE Übung ÜBUNG Σοφία ΟΔΟΣ ǅemal ǄEMAL ǆemal");
        let a = Analysis::new(&text, crate::text::Lang::German);
        let mut buf = String::new();
        let mut checked = 0;
        for i in 0..a.tokens.len() {
            let word = a.token_text(i);
            if below_titlecase(word) {
                assert_eq!(bytes_hash(a.lower_bytes(i)), fold_hash(word, &mut buf), "{word}");
                checked += 1;
            }
        }
        assert!(checked > 400);
    }

    /// The words from the shared lowercase hashes are the plain
    /// definition: every word and number, hashed by [`fold_hash`].
    #[test]
    fn words_from_the_shared_hashes_are_the_folded_words() {
        for text in [
            "Das HAUS, das Haus und die Übung.",
            "İstanbul ΟΔΟΣ Σοφία ǅemal ǄEMAL \u{212A}elvin STRAẞE Straße – 3,5 Prozent; z. B. 1.000 Euro!",
            "",
            "...",
        ] {
            let a = Analysis::new(text, crate::text::Lang::German);
            let plain: Vec<(u64, usize)> = (0..a.tokens.len())
                .filter(|&i| a.tokens[i].kind != TokenKind::Punct)
                .map(|i| (fold_hash(a.token_text(i), &mut String::new()), i))
                .collect();
            let lower = lowercase_hashes(&a);
            let fast: Vec<(u64, usize)> = words(&a, &lower).iter().map(|w| (w.hash, w.token)).collect();
            assert_eq!(fast, plain, "{text}");
        }
    }

    #[test]
    fn fold_hash_hashes_the_lowercase_letters() {
        let reference = |w: &str| bytes_hash(w.chars().flat_map(char::to_lowercase).collect::<String>().as_bytes());
        for w in ["Haus", "HAUS", "Übung", "STRASSE", "Straße", "İstanbul", "ΣΑΣ", "x", "\u{212A}ELVIN"] {
            assert_eq!(fold_hash(w, &mut String::new()), reference(w), "{w}");
        }
        assert_eq!(reference("\u{212A}elvin"), reference("Kelvin"));
        let a = Analysis::new("Das HAUS, das Haus und die Übung", crate::text::Lang::German);
        let hashes: Vec<u64> = words(&a, &lowercase_hashes(&a)).iter().map(|w| w.hash).collect();
        let expected: Vec<u64> = ["Das", "HAUS", "das", "Haus", "und", "die", "Übung"].map(reference).to_vec();
        assert_eq!(hashes, expected);
    }

    /// The stack tables find what a map of the full hash finds, on
    /// pseudo-random texts of few distinct words (many repeats) around
    /// every size limit, and `repeats` picks a table for any length.
    #[test]
    fn stack_tables_find_the_repeats_a_map_finds() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let as_tuples = |r: Vec<Repeat>| r.into_iter().map(|r| (r.first, r.second, r.len)).collect::<Vec<_>>();
        for len in (0..80).chain(120..140).chain(250..270).chain(600..610) {
            for vocabulary in [2u64, 5, 40] {
                let words: Vec<Word> = (0..len)
                    .map(|token| Word { hash: bytes_hash(&(next() % vocabulary).to_le_bytes()), token })
                    .collect();
                for min in [MIN_RUN_ENGLISH, MIN_RUN] {
                    let reference = as_tuples(repeats_in(&words, min, &mut WindowMap::default()));
                    if words.len() >= min {
                        let windows = words.len() + 1 - min;
                        if windows <= 16 {
                            assert_eq!(as_tuples(repeats_in(&words, min, &mut StackTable::<32>::new())), reference);
                        }
                        if windows <= 32 {
                            assert_eq!(as_tuples(repeats_in(&words, min, &mut StackTable::<64>::new())), reference);
                        }
                        if windows <= 64 {
                            assert_eq!(as_tuples(repeats_in(&words, min, &mut StackTable::<128>::new())), reference);
                        }
                        if windows <= 128 {
                            assert_eq!(as_tuples(repeats_in(&words, min, &mut StackTable::<256>::new())), reference);
                        }
                        if windows <= MEDIUM_WINDOWS {
                            let medium = repeats_in(&words, min, &mut StackTable::<{ 2 * MEDIUM_WINDOWS }>::new());
                            assert_eq!(as_tuples(medium), reference);
                        }
                    }
                    let expected = if words.len() < 2 * min { Vec::new() } else { reference };
                    assert_eq!(as_tuples(repeats(&words, min)), expected, "{len} words, min {min}");
                }
            }
        }
    }

    #[test]
    fn the_eight_byte_screen_is_the_byte_test() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..40 {
            for _ in 0..300 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        // Mostly bytes around 0xC7 and ASCII, some anywhere.
                        match seed % 4 {
                            0 => 0xC0 + (seed >> 8) as u8 % 16,
                            1 => (seed >> 8) as u8,
                            _ => (seed >> 8) as u8 % 0x80,
                        }
                    })
                    .collect();
                assert_eq!(all_below_c7(&bytes), bytes.iter().all(|&b| b < 0xC7), "{bytes:?}");
            }
        }
        for b in 0..=255u8 {
            let mut bytes = vec![b'a'; 17];
            bytes[b as usize % 17] = b;
            assert_eq!(all_below_c7(&bytes), b < 0xC7, "{b}");
        }
    }

    #[test]
    fn word_hashes_are_the_lowercase_hashes() {
        for text in
            ["", "...", "Das HAUS, das Haus und die Übung.", "İstanbul ΟΔΟΣ ǅemal 3,5 Prozent; z. B. 1.000 Euro!"]
        {
            let a = Analysis::new(text, crate::text::Lang::English);
            let stored: Vec<u64> = lowercase_hashes(&a).iter().map(|w| w.hash).collect();
            assert_eq!(word_hashes(&a).collect::<Vec<_>>(), stored, "{text}");
        }
    }

    #[test]
    fn function_words_by_the_lowercase_form_are_the_case_insensitive_search() {
        let mut text = String::new();
        for w in GERMAN_FUNCTION_WORDS.iter().chain(ENGLISH_FUNCTION_WORDS) {
            let mut capitalised = w.chars();
            let first: String = capitalised.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            text.push_str(&format!("{w} {} {first}{} {w}x ", w.to_uppercase(), capitalised.as_str()));
        }
        text.push_str("ÜBER Über DAß daẞ \u{212A}ein \u{212A}EIN ǅie ΟΔΟΣ İn IN Ein-Die z. B. 3,5 Prozent");
        for lang in [crate::text::Lang::German, crate::text::Lang::English] {
            let a = Analysis::new(&text, lang);
            for i in 0..a.tokens.len() {
                for list in [GERMAN_FUNCTION_WORDS, ENGLISH_FUNCTION_WORDS] {
                    let word = a.token_text(i);
                    let plain = crate::text::lexicon::contains_lower(list, word);
                    assert_eq!(is_function_word(list, a.lower(i)), plain, "{word}");
                }
            }
        }
    }

    fn check<'t>(en: &str, de: &'t str) -> Vec<&'t str> {
        flagged(de, &run(&DuplicatedClause, en, de))
    }

    #[test]
    fn catches_adjacent_and_distant_copies() {
        assert_eq!(
            check("University research", "Forschung an der Universität Forschung an der Universität"),
            ["Forschung an der Universität"]
        );
        let en = "The little village fair will be another chance for the neighbours to meet.";
        let de = "Das kleine Dorffest wird eine weitere Chance für die Nachbarn sein, sich zu treffen, das kleine Dorffest wird eine weitere Chance sein.";
        assert_eq!(check(en, de), ["das kleine Dorffest wird eine weitere Chance"]);
    }

    #[test]
    fn a_short_english_repeat_does_not_excuse_a_long_german_one() {
        let en = "I've won a medal, I've won a cup, but if I lose this match, it will haunt me for years.";
        let de = "Ich habe eine Medaille gewonnen, aber wenn ich dieses Spiel verliere, wird mich das noch viele Jahre lang verfolgen wird mich das noch viele Jahre lang verfolgen.";
        assert_eq!(check(en, de), ["wird mich das noch viele Jahre lang verfolgen"]);
    }

    #[test]
    fn quiet_on_short_noun_phrases_repeated_later() {
        let en = "The Tree Act is being revised. In spring we will revise all tree protection rules.";
        let de = "Das Gesetz zum Schutz von Bäumen wird überarbeitet. Im Frühjahr überarbeiten wir alle Regeln zum Schutz von Bäumen.";
        assert!(check(en, de).is_empty(), "{:?}", check(en, de));
    }

    #[test]
    fn quiet_when_the_source_repeats_too() {
        let en = "Russia demands that NATO not expand east. Ukraine rejects Russia's demand that NATO not expand east.";
        let de = "Russland fordert, dass die NATO nicht nach Osten expandiert. Die Ukraine lehnt die Forderung ab, dass die NATO nicht nach Osten expandiert.";
        assert!(check(en, de).is_empty(), "{:?}", check(en, de));
    }

    #[test]
    fn quiet_on_function_word_runs_and_doubled_words() {
        for (en, de) in [
            (
                "He lives near the station and works near the school.",
                "Er wohnt in der Nähe von dem Bahnhof und arbeitet in der Nähe von der Schule.",
            ),
            ("The ones who came stayed.", "Die, die die Kinder kennen, die die Stadt lieben, blieben."),
            ("On January 12 it cost 1,000 euros.", "Am 12. Januar kostete es 1.000 Euro, z. B. 3,5 Prozent."),
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }
}
