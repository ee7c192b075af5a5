//! `repeated-translation`: a pair whose German repeats an earlier pair's
//! German word for word, though the English is different.
//!
//! Two different English sentences of some length rarely have the same
//! German translation word for word, so when they do, one of the two is
//! often wrong: a
//! paragraph the page or the MT pipeline duplicated, a segment shifted
//! onto its neighbour's translation, a translation memory match applied to
//! the wrong source. QA tools for translators check this across a file
//! ("inconsistent target"); no per-pair rule can see it. The rule compares
//! each pair with the recent pairs of its document, in input order, as
//! the cross-pair `consistency` rule does.

use super::consistency::document_parts;
use super::duplicated_clause::{word_hashes, Word};
use super::PairView;
use crate::model::{Category, Finding, Pair, Severity};
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

crate::rule_meta! {
    /// The German repeats an earlier pair's German word for word, but the English is different.
    ///
    /// **What it catches.** A German paragraph or segment that is, word for
    /// word (case and punctuation aside), the German of one of the previous
    /// 64 pairs of the same document, while its English is a different
    /// text: a duplicated paragraph on a translated page (its copy has no
    /// English at all), a segment that got its neighbour's translation, a
    /// translation memory match reused for the wrong source.
    ///
    /// **Why it matters.** At most one of the two pairs can be right: the
    /// other pair's English is not translated at all, and a reader sees the
    /// same text twice.
    ///
    /// **Not flagged.** Short texts (under six words: "Weitere
    /// Informationen", "Kommentar"), which legitimately recur; the same
    /// German for the same or a nearly identical English ("colour" /
    /// "color", a changed date aside: at least 70 % of the English words
    /// shared); repeats in different documents. When the two English texts
    /// share 30–70 % of their words they may be paraphrases ("declined to
    /// comment" / "would not comment"), and the repeat is only a minor note.
    ///
    /// **Example.** English paragraphs `The mayor said the work would start
    /// in May.` and `Residents welcomed the plan.`, German `Der Bürgermeister
    /// sagte, die Arbeiten würden im Mai beginnen.` twice: the second copy
    /// repeats the first and does not translate "Residents welcomed the
    /// plan."
    META {
        id: "repeated-translation",
        category: Category::Mistranslation,
        severity: Severity::Major,
    }
}

/// Texts shorter than this (in words) recur legitimately.
const MIN_WORDS: usize = 6;
/// How many earlier pairs of a document a pair is compared with.
const WINDOW: usize = 64;
/// Documents remembered at once: a stream of many documents keeps only the
/// most recent ones. With [`WINDOW`] this bounds the rule's memory at
/// about 256 × 64 × 0.1 KB = 2 MB (plus the pair ids), whatever the input.
const MAX_DOCUMENTS: usize = 256;
/// English texts sharing at least this share of their words (Jaccard) are
/// the same source, lightly edited, and may share their German.
const SAME_SOURCE: f64 = 0.7;
/// Below this share the two English texts are different texts: one of the
/// two Germans is almost certainly not a translation of its English (major). Between the
/// two thresholds they may be paraphrases of each other ("declined to
/// comment" / "would not comment"), and the repeat is only a minor note.
const DIFFERENT_SOURCE: f64 = 0.3;
/// An English text is remembered by a bitmap of this many bits, one set
/// per word (by its hash): the share of bits two texts have in common
/// estimates the share of words, closely for sentences and paragraphs
/// (30 words set about 30 of 512 bits, so collisions are rare).
const SKETCH_BITS: usize = 512;
const _: () = assert!(SKETCH_BITS.is_power_of_two() && SKETCH_BITS >= 64);

/// What the rule needs of one pair, gathered from its shared analysis in
/// the parallel stage: the sequential cross-pair stage only compares
/// numbers. See [`facts`].
pub struct Facts {
    /// A hash of the German's words and numbers in order.
    german: u64,
    /// The English words' bitmap (see [`SKETCH_BITS`]).
    english: [u64; SKETCH_BITS / 64],
}

/// The facts of a pair whose German is long enough to judge (at least
/// [`MIN_WORDS`] words and numbers), else `None`. Words are compared in
/// lowercase, punctuation and spacing ignored.
/// The German words are the pair's shared ones ([`PairView::target_words`]);
/// the English sketch reads the same hashes of the English words (the
/// FxHash of each lowercase word, [`word_hashes`]).
pub fn facts(pair: &PairView<'_>) -> Option<Facts> {
    let german_words = pair.target_words();
    if german_words.len() < MIN_WORDS {
        return None;
    }
    let german = german_fingerprint(german_words);
    let mut english = [0u64; SKETCH_BITS / 64];
    // The hashes read once, not stored: the pair's shared source words
    // are built only if duplicated-clause needs them (rarely).
    for hash in word_hashes(pair.source) {
        // The top bits: FxHash mixes its high bits best.
        let bit = (hash >> (64 - SKETCH_BITS.trailing_zeros())) as usize;
        english[bit / 64] |= 1 << (bit % 64);
    }
    Some(Facts { german, english })
}

/// FxHash's multiplier and final rotation (rustc-hash 2, 64-bit):
/// [`german_fingerprint`] replays the hasher's steps with them.
const FX_K: u64 = 0xf135_7aea_2e62_a9c5;
const FX_ROTATE: u32 = 26;
const _: () = assert!(usize::BITS == 64, "FxHash's 64-bit constants");

/// A hash of the German's words in order: an FxHasher fed each word's
/// lowercase bytes, then a 0xff, as `hasher.write(lower_bytes)` and
/// `hasher.write_u8(0xff)` would. It hashes the words' own bytes (their
/// hash_bytes compression), not their FxHashes: FxHash is linear in the
/// values it is fed, so a fingerprint of word hashes would let crafted
/// different texts collide far more easily. `write(bytes)` adds the bytes'
/// compression `c` to the state and multiplies by K, and a word's hash is
/// `(c * K).rotate_left(26)`: the fingerprint reads `c * K` back from the
/// word hash instead of compressing each word's bytes a second time. A
/// test pins it to the hasher itself.
fn german_fingerprint(words: &[Word]) -> u64 {
    let mut h = 0u64;
    for w in words {
        // (h + c) * K = h * K + c * K; then write_u8(0xff).
        h = h.wrapping_mul(FX_K).wrapping_add(w.hash.rotate_right(FX_ROTATE));
        h = h.wrapping_add(0xff).wrapping_mul(FX_K);
    }
    h.rotate_left(FX_ROTATE)
}

/// An earlier pair: its facts and its id.
struct Seen {
    facts: Facts,
    pair: Box<str>,
    /// The pair had no English (a German paragraph the aligner left alone).
    no_english: bool,
}

/// The recent pairs of one document, oldest first, and how many of them
/// have each German fingerprint: a pair whose German none of them has (the
/// rule's common case) is not compared with each.
#[derive(Default)]
struct Window {
    seen: VecDeque<Seen>,
    germans: FxHashMap<u64, u32>,
}

impl Window {
    fn len(&self) -> usize {
        self.seen.len()
    }

    fn push(&mut self, seen: Seen) {
        if self.len() == WINDOW {
            if let Some(oldest) = self.seen.pop_front() {
                if let Some(count) = self.germans.get_mut(&oldest.facts.german) {
                    *count -= 1;
                    if *count == 0 {
                        self.germans.remove(&oldest.facts.german);
                    }
                }
            }
        }
        *self.germans.entry(seen.facts.german).or_default() += 1;
        self.seen.push_back(seen);
    }

    /// The remembered pairs with this German, most recent first.
    fn with_german(&self, german: u64) -> impl Iterator<Item = &Seen> {
        let any = self.germans.contains_key(&german);
        self.seen.iter().rev().take(if any { self.seen.len() } else { 0 }).filter(move |s| s.facts.german == german)
    }
}

/// The cross-pair state: the recent pairs of each recent document.
#[derive(Default)]
pub struct RepeatedTranslation {
    /// Keyed by a hash of the document's name ([`document_key`]).
    documents: FxHashMap<u64, Window>,
    /// Documents in the order they were first seen, for eviction.
    order: VecDeque<u64>,
}

impl RepeatedTranslation {
    pub fn new() -> Self {
        RepeatedTranslation::default()
    }

    /// Compares `pair`, with the [`facts`] gathered for it, with the recent
    /// pairs of its document, then remembers it.
    pub fn observe(&mut self, pair: &Pair, facts: Option<Facts>) -> Vec<Finding> {
        let Some(facts) = facts else {
            return Vec::new();
        };
        let document = document_key(pair);
        // Only the remembered pairs with the same German are compared (a
        // count per German tells when there is none, nearly always).
        let mut found = None;
        for earlier in self.documents.get(&document).into_iter().flat_map(|window| window.with_german(facts.german)) {
            let shared = word_overlap(&earlier.facts.english, &facts.english);
            if shared < SAME_SOURCE {
                found = Some(finding(pair, earlier, shared));
                break;
            }
        }
        let no_english = pair.source.trim().is_empty();
        self.remember(document, Seen { facts, pair: pair.id.as_str().into(), no_english });
        found.into_iter().collect()
    }

    fn remember(&mut self, document: u64, seen: Seen) {
        if !self.documents.contains_key(&document) {
            if self.order.len() == MAX_DOCUMENTS {
                if let Some(oldest) = self.order.pop_front() {
                    self.documents.remove(&oldest);
                }
            }
            self.order.push_back(document);
        }
        self.documents.entry(document).or_default().push(seen);
    }
}

/// The document a pair belongs to (see [`document_parts`]), as a hash: a
/// key that costs no allocation per pair.
fn document_key(pair: &Pair) -> u64 {
    let mut hasher = FxHasher::default();
    document_parts(pair).hash(&mut hasher);
    hasher.finish()
}

/// The share of words two English texts have in common (Jaccard),
/// estimated from their bitmaps. Two empty texts are the same text.
fn word_overlap(a: &[u64], b: &[u64]) -> f64 {
    let shared: u32 = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
    let union: u32 = a.iter().zip(b).map(|(x, y)| (x | y).count_ones()).sum();
    if union == 0 {
        1.0
    } else {
        f64::from(shared) / f64::from(union)
    }
}

/// A finding on the later pair, major when the two English texts are
/// different texts, minor when they may be paraphrases; it has no German
/// span (the whole text is meant) so that it does not swallow the pair's
/// findings on single words.
fn finding(pair: &Pair, earlier: &Seen, shared: f64) -> Finding {
    let id = &earlier.pair;
    let mut f = META.finding(0.8, None, None, String::new());
    if pair.source.trim().is_empty() {
        f.category = Category::Addition;
        f.message = format!("this German repeats pair {id} word for word and has no English of its own");
    } else if earlier.no_english {
        // The paragraph aligner gave the English to the second copy.
        f.category = Category::Addition;
        f.message =
            format!("pair {id}, which has no English, repeats this German word for word: a duplicated paragraph");
    } else if shared < DIFFERENT_SOURCE {
        f.message = format!("this German repeats pair {id} word for word, but the English is a different text");
    } else {
        f.severity = Severity::Minor;
        f.confidence = 0.5;
        f.message = format!(
            "this German repeats pair {id} word for word, but the English differs ({:.0} % of its words shared): check that both are translated",
            shared * 100.0
        );
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Analysis, Lang};

    fn pair(id: &str, source: &str, target: &str) -> Pair {
        Pair { id: id.to_string(), source: source.to_string(), target: target.to_string(), origin: None }
    }

    /// Observes a pair as the linter does: fingerprint first, then compare.
    fn observe(rule: &mut RepeatedTranslation, p: &Pair) -> Vec<Finding> {
        let (source, target) = (Analysis::new(&p.source, Lang::English), Analysis::new(&p.target, Lang::German));
        rule.observe(p, facts(&PairView::new(&p.id, &source, &target)))
    }

    /// The ids of the pairs flagged when `pairs` are observed in order.
    fn flagged(pairs: &[(&str, &str, &str)]) -> Vec<String> {
        let mut rule = RepeatedTranslation::new();
        pairs
            .iter()
            .filter(|(id, en, de)| !observe(&mut rule, &pair(id, en, de)).is_empty())
            .map(|(id, _, _)| id.to_string())
            .collect()
    }

    /// The plain definition [`german_fingerprint`] replays: the words'
    /// lowercase bytes fed to an FxHasher, each followed by 0xff.
    fn fingerprint_by_hasher(a: &Analysis<'_>) -> u64 {
        let mut hasher = FxHasher::default();
        for w in crate::detect::duplicated_clause::lowercase_hashes(a) {
            hasher.write(a.lower_bytes(w.token));
            hasher.write_u8(0xff);
        }
        hasher.finish()
    }

    #[test]
    fn the_fingerprint_is_the_hasher_fed_the_lowercase_words() {
        let mut texts: Vec<String> = [
            "",
            MAYOR_DE,
            "Die, die abgestimmt haben, stimmten für den Plan.",
            "ÜBER DIE STRASSE: Straße, ǅemal, Σοφία, 1.000 Euro, 3,5 Prozent, z. B. am 12. Januar",
            "ein-sehr-langes-wort-mit-vielen-bindestrichen-und-mehr-als-sechzehn-bytes kurz",
        ]
        .map(String::from)
        .to_vec();
        // Pseudo-random words of every length from 0 to 40 bytes, mixed case
        // and some non-ASCII letters.
        let alphabet: Vec<char> = "abcXYZäÖüßé0123456789-".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                for _ in 0..(seed % 41) {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
                }
                text.push(' ');
            }
            texts.push(text);
        }
        for text in &texts {
            let a = Analysis::new(text, Lang::German);
            let words = crate::detect::duplicated_clause::lowercase_hashes(&a);
            assert_eq!(german_fingerprint(&words), fingerprint_by_hasher(&a), "{text:?}");
        }
    }

    const MAYOR_DE: &str = "Der Bürgermeister sagte, die Arbeiten würden am 12. Januar beginnen.";

    #[test]
    fn catches_a_duplicated_paragraph_and_a_shifted_segment() {
        let got = flagged(&[
            ("doc:1", "The mayor said the work would start on January 12.", MAYOR_DE),
            ("doc:2", "", MAYOR_DE),
            ("doc:3", "Residents welcomed the plan and the 1,000 new jobs.", MAYOR_DE),
        ]);
        assert_eq!(got, ["doc:2", "doc:3"]);
    }

    /// Two different German texts whose fingerprints would be equal if the
    /// fingerprint hashed the words' FxHashes (FxHash is linear, so such
    /// pairs can be searched for): hashing the words' bytes keeps them apart.
    #[test]
    fn crafted_word_hash_collisions_are_not_repeats() {
        let got = flagged(&[
            ("doc:1", "The weather is fine today in the north.", "wbcuyosy wiwwfiwu rzbaljrd yeigegor und haus"),
            (
                "doc:2",
                "Football matches were cancelled because of snow.",
                "hiyovpin gvpleour jekizptb npuhylql und haus",
            ),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_copy_without_english_is_an_addition() {
        let mut rule = RepeatedTranslation::new();
        observe(&mut rule, &pair("doc:1", "The mayor said the work would start on January 12.", MAYOR_DE));
        let f = observe(&mut rule, &pair("doc:2", " ", &format!("  {MAYOR_DE}\n")));
        assert_eq!(f[0].category, Category::Addition);
        assert!(f[0].message.contains("pair doc:1"), "{}", f[0].message);
        assert_eq!(f[0].severity, Severity::Major);
        // The whole text is meant: no span that would swallow findings on single words.
        assert_eq!(f[0].target, None);
    }

    #[test]
    fn a_paraphrased_english_gets_only_a_note() {
        let mut rule = RepeatedTranslation::new();
        let de = "Das Unternehmen wollte sich zu dem Bericht nicht äußern.";
        observe(&mut rule, &pair("d:1", "The company declined to comment on the report.", de));
        let f = observe(&mut rule, &pair("d:2", "The firm would not comment on the report.", de));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Minor);
        assert!(f[0].message.contains("% of its words shared"), "{}", f[0].message);
    }

    #[test]
    fn compares_only_within_the_window() {
        let mut pairs = vec![("w:0".to_string(), "The mayor said the work would start on January 12.".to_string())];
        for k in 1..=WINDOW {
            pairs.push((format!("w:{k}"), format!("Filler paragraph number {k} about something else.")));
        }
        let mut rule = RepeatedTranslation::new();
        for (k, (id, en)) in pairs.iter().enumerate() {
            let de = if k == 0 { MAYOR_DE.to_string() } else { format!("Füllabsatz Nummer {k} über etwas anderes.") };
            assert!(observe(&mut rule, &pair(id, en, &de)).is_empty());
        }
        // 65 pairs later: the first copy has left the window.
        assert!(observe(&mut rule, &pair("w:99", "Residents welcomed the plan.", MAYOR_DE)).is_empty());
    }

    #[test]
    fn word_overlap_estimates_the_share_of_shared_words() {
        let english = |en: &str| {
            let (s, t) = (Analysis::new(en, Lang::English), Analysis::new(MAYOR_DE, Lang::German));
            facts(&PairView::new("test", &s, &t)).map(|f| f.english).unwrap()
        };
        let (a, b) = (english("one two three four"), english("three four five six"));
        assert!((word_overlap(&a, &b) - 2.0 / 6.0).abs() < 1e-9);
        assert_eq!(word_overlap(&english("The same words."), &english("the same words")), 1.0);
        assert_eq!(word_overlap(&[0; 8], &[0; 8]), 1.0);
    }

    #[test]
    fn a_copy_before_the_translation_is_named_in_the_message() {
        let mut rule = RepeatedTranslation::new();
        observe(&mut rule, &pair("doc:1", "", MAYOR_DE));
        let f = observe(&mut rule, &pair("doc:2", "The mayor said the work would start on January 12.", MAYOR_DE));
        assert_eq!(f[0].category, Category::Addition);
        assert!(f[0].message.starts_with("pair doc:1, which has no English"), "{}", f[0].message);
    }

    #[test]
    fn case_and_punctuation_do_not_hide_a_repeat() {
        let got = flagged(&[
            ("d:1", "The mayor said the work would start on January 12.", MAYOR_DE),
            (
                "d:2",
                "Prices rose by 3.5 percent.",
                "der Bürgermeister sagte: Die Arbeiten würden am 12. Januar beginnen",
            ),
        ]);
        assert_eq!(got, ["d:2"]);
    }

    #[test]
    fn quiet_on_short_texts_the_same_source_and_other_documents() {
        let got = flagged(&[
            ("a:1", "More information", "Weitere Informationen"),
            ("a:2", "Further reading", "Weitere Informationen"),
            ("a:3", "The mayor said the work would start on January 12.", MAYOR_DE),
            ("a:4", "The mayor said the work would begin on January 12.", MAYOR_DE),
            ("a:5", "The mayor said the work would start on January 12.", MAYOR_DE),
            ("b:1", "Residents welcomed the plan and the 1,000 new jobs.", MAYOR_DE),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn die_die_and_german_quotes_are_ordinary_text() {
        let got = flagged(&[
            ("d:1", "Those who voted, voted for the plan.", "Die, die abgestimmt haben, stimmten für den Plan."),
            ("d:2", "He said: \"Those who voted liked it.\"", "Er sagte: „Die, die abgestimmt haben, mochten es.“"),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn memory_is_bounded() {
        let mut rule = RepeatedTranslation::new();
        for d in 0..(MAX_DOCUMENTS + 10) {
            for p in 0..(WINDOW + 5) {
                let id = format!("doc{d}:{p}");
                observe(
                    &mut rule,
                    &pair(
                        &id,
                        &format!("English text number {p} of the page {d}"),
                        &format!("Deutscher Text Nummer {p} der Seite {d}"),
                    ),
                );
            }
        }
        assert_eq!(rule.documents.len(), MAX_DOCUMENTS);
        assert!(rule.documents.values().all(|w| w.len() == WINDOW));
    }

    #[test]
    fn german_counts_follow_the_window() {
        let mut rule = RepeatedTranslation::new();
        // Three Germans in turn, so each is evicted and seen again.
        for p in 0..(3 * WINDOW + 7) {
            let german = format!("Deutscher Text mit der Nummer {} hier", p % 3);
            observe(&mut rule, &pair(&format!("doc:{p}"), &format!("English text {p} here and there"), &german));
        }
        for window in rule.documents.values() {
            let mut counted: FxHashMap<u64, u32> = FxHashMap::default();
            for seen in &window.seen {
                *counted.entry(seen.facts.german).or_default() += 1;
            }
            assert_eq!(counted, window.germans);
            assert_eq!(window.with_german(12345).count(), 0);
        }
    }
}
