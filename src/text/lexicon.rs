//! Small embedded word lists shared by the text layer and the detectors.
//!
//! They are part of the crate on purpose: a handful of closed-class words
//! (articles, prepositions, month names, abbreviations) carries most of the
//! signal a translation checker needs, and embedding them keeps mtlint a
//! single binary with no data files to install. Lists are sorted so lookups
//! can binary-search; a test keeps them sorted.

/// German abbreviations that end in a period without ending the sentence.
/// Matched case-sensitively against the word before the period.
pub const GERMAN_ABBREVIATIONS: &[&str] = &[
    "Abb", "Abs", "Abt", "Anm", "Art", "Aufl", "Bd", "Bsp", "Bzw", "Chr", "Co", "Dipl", "Dr", "Fa", "Fr", "Frl", "Hbf",
    "Hr", "Hrn", "Hrsg", "Ing", "Jan", "Jh", "Jhd", "Kap", "Mio", "Mr", "Mrd", "Mrs", "Ms", "Nr", "Okt", "Prof", "Ref",
    "Sept", "St", "Std", "Str", "Tel", "Vgl", "Vol", "Zi", "abzgl", "allg", "bspw", "bzgl", "bzw", "ca", "chr", "dgl",
    "ebd", "etc", "evtl", "exkl", "geb", "gegr", "gem", "ggf", "hl", "inkl", "insb", "jew", "kath", "max", "min",
    "mind", "mtl", "nachm", "rd", "resp", "sog", "tägl", "usw", "vgl", "vorm", "zzgl",
];

/// English abbreviations that end in a period without ending the sentence.
pub const ENGLISH_ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Aug", "Ave", "Capt", "Co", "Col", "Corp", "Dec", "Dept", "Dr", "Feb", "Fig", "Gen", "Gov", "Inc",
    "Jan", "Jr", "Jul", "Jun", "Lt", "Ltd", "Mar", "Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Prof", "Rep", "Rev",
    "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "approx", "cf", "etc", "vs",
];

/// German month names, full and abbreviated (without the period).
pub const GERMAN_MONTHS: &[&str] = &[
    "April",
    "Aug",
    "August",
    "Dez",
    "Dezember",
    "Feb",
    "Februar",
    "Jan",
    "Januar",
    "Juli",
    "Juni",
    "Jänner",
    "Mai",
    "März",
    "Nov",
    "November",
    "Okt",
    "Oktober",
    "Sept",
    "September",
];

/// English function words: frequent in any English sentence, rare in German.
/// Used to screen for untranslated English before asking the language model.
pub const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "because", "been", "before", "but",
    "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "may", "more", "my", "not", "of", "on", "or", "our", "out", "she", "should",
    "so", "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to", "was", "we", "were",
    "what", "when", "where", "which", "who", "will", "with", "would", "you", "your",
];

/// German function words: the mirror list of `ENGLISH_FUNCTION_WORDS`.
pub const GERMAN_FUNCTION_WORDS: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "da", "das", "dass", "dem", "den", "der", "des",
    "die", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "für", "hat", "ich", "im", "in",
    "ist", "mit", "nach", "nicht", "noch", "nur", "oder", "sich", "sie", "sind", "so", "um", "und", "von", "vor",
    "war", "wie", "wir", "wird", "zu", "zum", "zur", "über",
];

/// Keys of a table indexed by a word's first two bytes: 256 first bytes,
/// each followed by one of 256 second bytes or by nothing.
pub const TWO_BYTE_KEYS: usize = 256 * 257;

/// The key of a word starting with `first`, then `second` (`None`: a
/// one-byte word).
pub fn two_byte_key(first: u8, second: Option<u8>) -> usize {
    usize::from(first) * 257 + second.map_or(256, usize::from)
}

/// [`two_byte_key`] of `word` (an empty word has key 256, like a lone NUL).
pub fn two_byte_key_of(word: &str) -> usize {
    let b = word.as_bytes();
    two_byte_key(b.first().copied().unwrap_or(0), b.get(1).copied())
}

/// `make_ascii_lowercase` of up to eight packed ASCII bytes in a few word
/// operations: a byte gets 0x20 added exactly when it is in `A..=Z`. No
/// byte is above 0x7F, so the additions never carry into the next byte.
#[inline]
pub fn ascii_lowercase_packed(x: u64) -> u64 {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let at_least_a = x + 0x3F * EACH; // high bit set where byte >= b'A'
    let above_z = x + 0x25 * EACH; // high bit set where byte > b'Z'
    let upper = at_least_a & !above_z & (0x80 * EACH);
    x | (upper >> 2)
}

/// The first three bytes of `word` (0 past its end), packed little-endian
/// and lowercased at once; `None` when one of them is not ASCII. The key
/// of the three-letter screens that run for every word of a text.
#[inline]
pub fn ascii_start_key(word: &[u8]) -> Option<u32> {
    let x = match *word {
        [b0, b1, b2, ..] => u32::from_le_bytes([b0, b1, b2, 0]),
        [b0, b1] => u32::from_le_bytes([b0, b1, 0, 0]),
        [b0] => u32::from(b0),
        [] => 0,
    };
    if x & 0x0080_8080 != 0 {
        return None;
    }
    // Four bytes lowercased are four bytes: the cast drops nothing.
    Some(ascii_lowercase_packed(u64::from(x)) as u32)
}

/// The slot of an [`ascii_start_key`] in a table of `2^bits` slots
/// (multiplicative hashing: the high bits of the product).
#[inline]
pub const fn start_key_slot(key: u32, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// A set of small keys ([`two_byte_key`]s, word shapes) as bits: the
/// screens in front of the word-list lookups test one bit per word.
pub struct KeySet {
    bits: Vec<u64>,
}

impl KeySet {
    /// The set of `members`, each below `keys`.
    pub fn of(keys: usize, members: impl IntoIterator<Item = usize>) -> KeySet {
        let mut bits = vec![0u64; keys.div_ceil(64)];
        for k in members {
            bits[k / 64] |= 1 << (k % 64);
        }
        KeySet { bits }
    }

    #[inline]
    pub fn contains(&self, k: usize) -> bool {
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }
}

/// The first index `i >= from` with `marks[i] & bits != 0`, or
/// `marks.len()` when there is none: the per-token screens (the shared
/// word marks) reject most tokens, and eight of them are rejected here
/// with one load and one test.
#[inline]
pub fn next_marked(marks: &[u8], bits: u8, from: usize) -> usize {
    let len = marks.len();
    if from >= len {
        return len;
    }
    let mask = u64::from_ne_bytes([bits; 8]);
    // The marks of eight tokens as one number, little-endian: the lowest
    // set byte is the first marked token.
    let chunk = |at: usize| {
        marks.get(at..).and_then(|rest| rest.first_chunk::<8>()).map_or(0, |c| u64::from_le_bytes(*c)) & mask
    };
    let mut i = from;
    while i + 8 <= len {
        let hits = chunk(i);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i >= len {
        return len;
    }
    if len >= 8 {
        // The last one to seven marks: the last eight, less those before `i`
        // (here `len - 8 < i < len`).
        let base = len - 8;
        let hits = chunk(base) >> (8 * (i - base));
        return if hits != 0 { i + (hits.trailing_zeros() / 8) as usize } else { len };
    }
    while i < len {
        if marks[i] & bits != 0 {
            return i;
        }
        i += 1;
    }
    len
}

/// The indices `i` of `marks` from `from` on with `marks[i] & bits != 0`,
/// in order ([`next_marked`] as an iterator).
pub fn marked(marks: &[u8], bits: u8, from: usize) -> Marked<'_> {
    Marked { marks, bits, at: from }
}

/// The iterator of [`marked`].
pub struct Marked<'m> {
    marks: &'m [u8],
    bits: u8,
    at: usize,
}

impl Iterator for Marked<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        let i = next_marked(self.marks, self.bits, self.at);
        if i >= self.marks.len() {
            return None;
        }
        self.at = i + 1;
        Some(i)
    }
}

/// True when `word` is in the sorted list `list`.
pub fn contains(list: &[&str], word: &str) -> bool {
    let word = word.as_bytes();
    list.binary_search_by(|probe| compare_short(probe.as_bytes(), word)).is_ok()
}

/// The order of `str` (bytewise, then by length), compared inline: the
/// words here are a few bytes long, and a call to the C `memcmp` for each
/// probe cost more than the comparison itself (it was ~10% of a profile).
#[inline]
pub(crate) fn compare_short(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// The longest word of [`ENGLISH_FUNCTION_WORDS`] and
/// [`GERMAN_FUNCTION_WORDS`], in bytes (a test pins it).
pub const LONGEST_FUNCTION_WORD: usize = 7;

/// True when `lower`, a word already in lowercase, is on `list`, one of the
/// function word lists. Most words of a text are longer than any of them
/// and fail on their length, without the search.
pub fn is_function_word(list: &[&str], lower: &str) -> bool {
    lower.len() <= LONGEST_FUNCTION_WORD && contains(list, lower)
}

/// A screen for [`contains`] on one word list: a bit for the hash slot
/// of each listed word (1,024 slots). A word whose slot is clear is surely
/// not on the list, so most words are ruled out by a short hash instead of
/// a binary search; a set slot still needs the search (a collision).
pub struct WordScreen([u64; 16]);

impl WordScreen {
    /// The screen of `list`, built at compile time.
    pub const fn of(list: &[&str]) -> Self {
        Self::of_lists(&[list])
    }

    /// One screen for several lists: a word is ruled out when it is surely
    /// on none of them.
    pub const fn of_lists(lists: &[&[&str]]) -> Self {
        let mut set = [0u64; 16];
        let mut l = 0;
        while l < lists.len() {
            let mut i = 0;
            while i < lists[l].len() {
                let slot = screen_slot(lists[l][i].as_bytes());
                set[slot / 64] |= 1 << (slot % 64);
                i += 1;
            }
            l += 1;
        }
        WordScreen(set)
    }

    /// False when `word` (exact bytes) is surely not on the list.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let slot = screen_slot(word.as_bytes());
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// A 10-bit hash of a word's bytes (FNV-1a, then multiplicative), for
/// [`WordScreen`].
const fn screen_slot(word: &[u8]) -> usize {
    let mut hash = word.len() as u32;
    let mut i = 0;
    while i < word.len() {
        hash = (hash ^ word[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    (hash.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// Case-insensitive membership for lists stored in lowercase.
pub fn contains_lower(list: &[&str], word: &str) -> bool {
    // An ASCII word (nearly every one) is lowercased byte by byte inside
    // the comparisons of the search, with no lowercase copy: ASCII
    // lowercasing maps each byte to one byte, so the comparison of the
    // lowercase bytes is the comparison with the lowercase word.
    if word.is_ascii() {
        let word = word.as_bytes();
        return list.binary_search_by(|probe| compare_short_lowering(probe.as_bytes(), word)).is_ok();
    }
    if word.chars().all(|c| !c.is_uppercase()) {
        return contains(list, word);
    }
    contains(list, &word.to_lowercase())
}

/// [`compare_short`] of `a` with the ASCII lowercase form of `b`.
#[inline]
fn compare_short_lowering(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let y = y.to_ascii_lowercase();
        if *x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_start_key_is_the_lowercase_first_three_bytes() {
        let words = ["", "A", "ab", "Der", "MAI", "mit", "@[`{", "Zz~", "Über", "aÄ", "x\u{7f}Y"];
        for w in words {
            let b = w.as_bytes();
            let expected = b.iter().take(3).all(u8::is_ascii).then(|| {
                let mut key = [0u8; 4];
                for (k, x) in b.iter().take(3).enumerate() {
                    key[k] = x.to_ascii_lowercase();
                }
                u32::from_le_bytes(key)
            });
            assert_eq!(ascii_start_key(b), expected, "{w:?}");
        }
    }

    #[test]
    fn next_marked_is_the_first_marked_index() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..40 {
            for round in 0..40 {
                let marks: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        // Sparse marks, denser in later rounds.
                        if state % 41 < round {
                            (state >> 8) as u8
                        } else {
                            0
                        }
                    })
                    .collect();
                for bits in [1u8, 6, 16, 0x80, 0xFF] {
                    for from in 0..=len + 2 {
                        let plain = (from..len).find(|&i| marks[i] & bits != 0).unwrap_or(len);
                        assert_eq!(next_marked(&marks, bits, from), plain, "{marks:?} {bits} {from}");
                    }
                    let plain: Vec<usize> = (0..len).filter(|&i| marks[i] & bits != 0).collect();
                    assert_eq!(marked(&marks, bits, 0).collect::<Vec<_>>(), plain);
                }
            }
        }
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in
            [GERMAN_ABBREVIATIONS, ENGLISH_ABBREVIATIONS, GERMAN_MONTHS, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS]
        {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(list, sorted.as_slice());
        }
    }

    #[test]
    fn the_function_word_length_screen_fits_both_lists() {
        let longest = ENGLISH_FUNCTION_WORDS.iter().chain(GERMAN_FUNCTION_WORDS).map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST_FUNCTION_WORD));
        assert!(is_function_word(ENGLISH_FUNCTION_WORDS, "because"));
        assert!(is_function_word(GERMAN_FUNCTION_WORDS, "über"));
        assert!(!is_function_word(GERMAN_FUNCTION_WORDS, "Über"));
    }

    #[test]
    fn inline_comparison_orders_like_str() {
        let words = ["", "a", "ab", "b", "Ä", "ä", "über", "uber", "z", "za"];
        for a in words {
            for b in words {
                assert_eq!(compare_short(a.as_bytes(), b.as_bytes()), a.cmp(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn lookups() {
        assert!(contains(GERMAN_ABBREVIATIONS, "Dr"));
        assert!(contains_lower(ENGLISH_FUNCTION_WORDS, "The"));
        assert!(!contains_lower(ENGLISH_FUNCTION_WORDS, "Januar"));
    }

    #[test]
    fn contains_lower_is_membership_of_the_lowercase_form() {
        let lists = [ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS, GERMAN_MONTHS, GERMAN_ABBREVIATIONS];
        let mut words: Vec<String> = lists.iter().flat_map(|l| l.iter().map(|w| w.to_string())).collect();
        let variants: Vec<String> = words
            .iter()
            .flat_map(|w| {
                let upper = w.to_uppercase();
                let capitalised: String =
                    w.chars().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c }).collect();
                let half: String = w.chars().take(w.chars().count() / 2).collect();
                [upper, capitalised, format!("{w}X"), format!("A{w}"), half]
            })
            .collect();
        words.extend(variants);
        words.extend(["", "İ", "ẞ", "\u{212a}", "MÄRZ", "März", "Ǆ", "THE", "tHe", "ÜBER"].map(String::from));
        for list in lists {
            for w in &words {
                assert_eq!(contains_lower(list, w), contains(list, &w.to_lowercase()), "{w:?}");
            }
        }
    }

    #[test]
    fn a_word_screen_passes_every_listed_word() {
        for list in [ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS, GERMAN_MONTHS, GERMAN_ABBREVIATIONS] {
            let screen = WordScreen::of(list);
            for w in list {
                assert!(screen.may_contain(w), "{w}");
            }
        }
        // And it rules words out: most of a list's neighbours are not passed.
        let screen = WordScreen::of(GERMAN_MONTHS);
        let passed = GERMAN_FUNCTION_WORDS.iter().filter(|w| screen.may_contain(w)).count();
        assert!(passed * 4 < GERMAN_FUNCTION_WORDS.len(), "{passed}");
    }
}
