//! `repeated-translation`: a pair whose German repeats an earlier pair's
//! German word for word, though the English is different.
//!
//! Two different English sentences of some length never have the same
//! German translation, so when they do, one of the two is wrong: a
//! paragraph the page or the MT pipeline duplicated, a segment shifted
//! onto its neighbour's translation, a translation memory match applied to
//! the wrong source. QA tools for translators check this across a file
//! ("inconsistent target"); no per-pair rule can see it. The rule compares
//! each pair with the recent pairs of its document, in input order, as
//! the cross-pair `consistency` rule does.

use super::consistency::document_parts;
use crate::model::{Category, Finding, Pair, Severity, Span};
use crate::text::{Analysis, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
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
    /// "color", a changed date aside, at least 70 % of the English words
    /// shared); repeats in different documents.
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
/// most recent ones, so memory stays bounded.
const MAX_DOCUMENTS: usize = 1024;
/// English texts sharing at least this share of their words (Jaccard) are
/// the same source, and may share their German.
const SAME_SOURCE: f64 = 0.7;

/// An earlier pair: the hash of its German words, its id and its English.
struct Seen {
    german: u64,
    pair: String,
    english: String,
}

/// The cross-pair state: the recent pairs of each recent document.
#[derive(Default)]
pub struct RepeatedTranslation {
    /// Keyed by a hash of the document's name ([`document_key`]).
    documents: FxHashMap<u64, VecDeque<Seen>>,
    /// Documents in the order they were first seen, for eviction.
    order: VecDeque<u64>,
}

impl RepeatedTranslation {
    pub fn new() -> Self {
        RepeatedTranslation::default()
    }

    /// Compares `pair`, whose German has the [`german_fingerprint`]
    /// `german`, with the recent pairs of its document, then remembers it.
    pub fn observe(&mut self, pair: &Pair, german: Option<u64>) -> Vec<Finding> {
        let Some(german) = german else {
            return Vec::new();
        };
        let document = document_key(pair);
        let finding = self
            .documents
            .get(&document)
            .and_then(|seen| seen.iter().rev().find(|s| s.german == german && !same_source(&s.english, &pair.source)))
            .map(|earlier| finding(pair, earlier));
        self.remember(document, Seen { german, pair: pair.id.clone(), english: pair.source.clone() });
        finding.into_iter().collect()
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
        let window = self.documents.entry(document).or_default();
        if window.len() == WINDOW {
            window.pop_front();
        }
        window.push_back(seen);
    }
}

/// The document a pair belongs to (see [`document_parts`]), as a hash: a
/// key that costs no allocation per pair.
fn document_key(pair: &Pair) -> u64 {
    let mut hasher = FxHasher::default();
    document_parts(pair).hash(&mut hasher);
    hasher.finish()
}

/// What the rule needs of a pair's German, from its shared analysis (in
/// the parallel stage, so the sequential cross-pair stage only compares
/// numbers): a hash of its words and numbers in order, lowercase,
/// punctuation and spacing ignored; `None` for texts too short to judge.
pub fn german_fingerprint(target: &Analysis<'_>) -> Option<u64> {
    let mut hasher = FxHasher::default();
    let mut words = 0;
    for i in (0..target.tokens.len()).filter(|&i| target.tokens[i].kind != TokenKind::Punct) {
        hasher.write(target.lower(i).as_bytes());
        hasher.write_u8(0xff);
        words += 1;
    }
    (words >= MIN_WORDS).then(|| hasher.finish())
}

/// The alphanumeric runs of a text.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The two English texts share most of their words: a repeated or lightly
/// edited source, which may keep its translation.
fn same_source(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let set = |t: &str| -> FxHashSet<String> { words_of(t).map(str::to_lowercase).collect() };
    let (a, b) = (set(a), set(b));
    let union = a.union(&b).count();
    union == 0 || a.intersection(&b).count() as f64 / union as f64 >= SAME_SOURCE
}

fn finding(pair: &Pair, earlier: &Seen) -> Finding {
    let mut f = META.finding(0.8, Some(trimmed_span(&pair.target)), None, String::new());
    let id = &earlier.pair;
    if pair.source.trim().is_empty() {
        f.category = Category::Addition;
        f.message = format!("this German repeats pair {id} word for word and has no English of its own");
    } else if earlier.english.trim().is_empty() {
        // The paragraph aligner gave the English to the second copy.
        f.category = Category::Addition;
        f.message =
            format!("pair {id}, which has no English, repeats this German word for word: a duplicated paragraph");
    } else {
        f.source = Some(trimmed_span(&pair.source));
        f.message = format!("this German repeats pair {id} word for word, but the English is different");
    }
    f
}

/// The text without its leading and trailing white space.
fn trimmed_span(text: &str) -> Span {
    let trimmed = text.trim_end();
    Span::new(trimmed.len() - trimmed.trim_start().len(), trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn pair(id: &str, source: &str, target: &str) -> Pair {
        Pair { id: id.to_string(), source: source.to_string(), target: target.to_string(), origin: None }
    }

    /// Observes a pair as the linter does: fingerprint first, then compare.
    fn observe(rule: &mut RepeatedTranslation, p: &Pair) -> Vec<Finding> {
        let german = german_fingerprint(&Analysis::new(&p.target, Lang::German));
        rule.observe(p, german)
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

    #[test]
    fn the_copy_without_english_is_an_addition() {
        let mut rule = RepeatedTranslation::new();
        observe(&mut rule, &pair("doc:1", "The mayor said the work would start on January 12.", MAYOR_DE));
        let f = observe(&mut rule, &pair("doc:2", " ", &format!("  {MAYOR_DE}\n")));
        assert_eq!(f[0].category, Category::Addition);
        assert!(f[0].message.contains("pair doc:1"), "{}", f[0].message);
        assert_eq!(f[0].target, Some(Span::new(2, 2 + MAYOR_DE.len())));
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
}
