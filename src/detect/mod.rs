//! Detectors: the trait every glitch check implements, and the registry.
//!
//! One file per detector. Each declares its metadata with [`rule_meta!`](crate::rule_meta)
//! from its doc comment, so the doc is written once and serves as rustdoc,
//! `mtlint explain RULE` and the README's rule table.

use crate::model::{Category, Finding, Severity, Span};
use crate::text::anchors::{self, Anchor};
use crate::text::Analysis;
use std::cell::OnceCell;

mod added_content;
mod broken_structure;
pub mod consistency;
mod date_mismatch;
mod dropped_attribution;
mod duplicated_clause;
mod garbled_acronym;
mod garbled_name;
mod length_ratio;
mod memo;
mod negation_flip;
mod number_mismatch;
mod omitted_content;
mod punctuation;
pub mod repeated_translation;
mod repeated_word;
mod spurious_sentence_break;
pub mod terminology;
mod truncated_sentence;
mod untranslated;
pub mod word_marks;

/// What a rule is, independent of any text: id, MQM category, default
/// severity and its user documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// What it catches, why it matters, an example. Markdown.
    pub explain: &'static str,
}

impl RuleMeta {
    /// The first line of the documentation: a one-sentence summary.
    pub fn summary(&self) -> &'static str {
        self.explain.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
    }

    /// The documentation with rustdoc's leading space removed from each line.
    pub fn explain_text(&self) -> String {
        let lines: Vec<&str> = self.explain.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
        lines.join("\n").trim().to_string()
    }

    /// A finding of this rule at its default severity.
    pub fn finding(&self, confidence: f32, target: Option<Span>, source: Option<Span>, message: String) -> Finding {
        Finding {
            rule: self.id,
            category: self.category,
            severity: self.default_severity,
            confidence,
            target,
            source,
            message,
        }
    }
}

/// Declares a rule's [`RuleMeta`] constant from its doc comment.
#[macro_export]
macro_rules! rule_meta {
    ($(#[doc = $doc:literal])* $name:ident { id: $id:expr, category: $cat:expr, severity: $sev:expr $(,)? }) => {
        $(#[doc = $doc])*
        pub const $name: $crate::detect::RuleMeta = $crate::detect::RuleMeta {
            id: $id,
            category: $cat,
            default_severity: $sev,
            explain: concat!($($doc, "\n"),*),
        };
    };
}

/// What a detector sees: one pair, both sides analysed once.
pub struct PairView<'a> {
    pub id: &'a str,
    pub source: &'a Analysis<'a>,
    pub target: &'a Analysis<'a>,
    /// The anchor alignment, computed by the first rule that needs it and
    /// shared with the others (omitted-content, length-ratio).
    anchors: OnceCell<Vec<Anchor>>,
    /// [`length_ratio::char_len`] of each side, likewise shared.
    char_lens: OnceCell<(usize, usize)>,
    /// [`word_marks::marks`] of each side, shared by the word-list rules.
    source_marks: OnceCell<Vec<u8>>,
    target_marks: OnceCell<Vec<u8>>,
    /// [`duplicated_clause::lowercase_hashes`] of each side, shared by
    /// duplicated-clause and repeated-translation's fingerprints.
    source_words: OnceCell<Vec<duplicated_clause::Word>>,
    target_words: OnceCell<Vec<duplicated_clause::Word>>,
}

impl<'a> PairView<'a> {
    pub fn new(id: &'a str, source: &'a Analysis<'a>, target: &'a Analysis<'a>) -> Self {
        PairView {
            id,
            source,
            target,
            anchors: OnceCell::new(),
            char_lens: OnceCell::new(),
            source_marks: OnceCell::new(),
            target_marks: OnceCell::new(),
            source_words: OnceCell::new(),
            target_words: OnceCell::new(),
        }
    }

    /// [`anchors::align`] of the two sides, computed once per pair.
    pub fn anchors(&self) -> &[Anchor] {
        self.anchors.get_or_init(|| anchors::align(self.source, self.target))
    }

    /// [`word_marks::marks`] of the source, computed once per pair for the
    /// rules that screen its words on them.
    pub fn source_marks(&self) -> &[u8] {
        self.source_marks.get_or_init(|| word_marks::marks(self.source))
    }

    /// [`word_marks::marks`] of the target, likewise.
    pub fn target_marks(&self) -> &[u8] {
        self.target_marks.get_or_init(|| word_marks::marks(self.target))
    }

    /// [`duplicated_clause::lowercase_hashes`] of the source, computed once per pair.
    pub(crate) fn source_words(&self) -> &[duplicated_clause::Word] {
        self.source_words.get_or_init(|| duplicated_clause::lowercase_hashes(self.source))
    }

    /// [`duplicated_clause::lowercase_hashes`] of the target, likewise.
    pub(crate) fn target_words(&self) -> &[duplicated_clause::Word] {
        self.target_words.get_or_init(|| duplicated_clause::lowercase_hashes(self.target))
    }

    /// The code points of the source and of the target, without their
    /// surrounding whitespace ([`length_ratio::char_len`]), counted once per
    /// pair for the two rules that compare them.
    pub fn char_lens(&self) -> (usize, usize) {
        *self
            .char_lens
            .get_or_init(|| (length_ratio::char_len(self.source.text), length_ratio::char_len(self.target.text)))
    }
}

/// A glitch check. Pure: the same pair always gives the same findings.
pub trait Detector: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>);
    fn id(&self) -> &'static str {
        self.meta().id
    }
    /// True when the rule reads the Ding dictionary ([`crate::text::ding`]),
    /// directly or through [`PairView::anchors`]: `check` then loads it
    /// before the stream starts.
    fn reads_dictionary(&self) -> bool {
        false
    }
}

/// Every detector mtlint ships, in the order `mtlint rules` lists them.
pub fn all() -> Vec<Box<dyn Detector>> {
    vec![
        Box::new(garbled_acronym::GarbledAcronym),
        Box::new(spurious_sentence_break::SpuriousSentenceBreak),
        Box::new(truncated_sentence::TruncatedSentence),
        Box::new(duplicated_clause::DuplicatedClause),
        Box::new(untranslated::Untranslated),
        Box::new(number_mismatch::NumberMismatch),
        Box::new(date_mismatch::DateMismatch),
        Box::new(negation_flip::NegationFlip),
        Box::new(garbled_name::GarbledName),
        Box::new(omitted_content::OmittedContent),
        Box::new(dropped_attribution::DroppedAttribution),
        Box::new(added_content::AddedContent),
        Box::new(length_ratio::LengthRatio),
        Box::new(repeated_word::RepeatedWord),
        Box::new(punctuation::Punctuation),
        Box::new(broken_structure::BrokenStructure),
        Box::new(terminology::Terminology::default()),
    ]
}

/// Metadata of every shipped rule: the per-pair detectors, then the rules
/// that look across pairs (run by the [`Linter`](crate::Linter)'s stream).
pub fn all_meta() -> Vec<&'static RuleMeta> {
    let mut metas: Vec<&'static RuleMeta> = all().iter().map(|d| d.meta()).collect();
    metas.push(&consistency::META);
    metas.push(&repeated_translation::META);
    metas
}

/// Whether `rule` runs when neither `--rules` nor the configuration says:
/// rules that need configuration (a glossary) are off without it.
pub fn enabled_by_default(rule: &str, config: &crate::config::Config) -> bool {
    match rule {
        "terminology" => config.glossary.has_terms(),
        "consistency" => consistency::ON_BY_DEFAULT,
        _ => true,
    }
}

/// The rule with this id, if mtlint has one.
pub fn find_meta(id: &str) -> Option<&'static RuleMeta> {
    all_meta().into_iter().find(|m| m.id == id)
}

/// The rule table as Markdown, for the README (`mtlint rules --markdown`).
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | severity | category | what it catches |\n|---|---|---|---|\n");
    for m in all_meta() {
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", m.id, m.default_severity, m.category, m.summary()));
    }
    out
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for detector tests: run one detector on a pair of strings.
    use super::*;
    use crate::text::Lang;

    pub fn run(detector: &dyn Detector, source: &str, target: &str) -> Vec<Finding> {
        let source = Analysis::new(source, Lang::English);
        let target = Analysis::new(target, Lang::German);
        let view = PairView::new("test", &source, &target);
        let mut out = Vec::new();
        detector.check(&view, &mut out);
        out
    }

    /// The German texts of the findings' target spans.
    pub fn flagged<'t>(target: &'t str, findings: &[Finding]) -> Vec<&'t str> {
        findings.iter().filter_map(|f| f.target).map(|s| &target[s.start..s.end]).collect()
    }

    /// Every word of up to six letters over the alphabet "abc" (1,093
    /// words, the empty one included): an exhaustive check that a fast
    /// edit distance agrees with the full computation.
    pub fn short_words() -> Vec<String> {
        (0..=6u32)
            .flat_map(|len| {
                (0..3usize.pow(len)).map(move |mut n| {
                    (0..len)
                        .map(|_| {
                            let c = ['a', 'b', 'c'][n % 3];
                            n /= 3;
                            c
                        })
                        .collect()
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let metas = all_meta();
        let mut ids: Vec<&str> = metas.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), metas.len());
        for m in metas {
            assert!(m.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", m.id);
            assert!(m.explain_text().len() > 80, "{} needs a real explanation", m.id);
            assert!(m.explain_text().contains("Example"), "{} needs an example", m.id);
        }
    }
}
