//! The vocabulary every stage shares: spans, pairs, findings, severities and
//! MQM categories. Kept free of logic so that readers, detectors, ranking and
//! reporters can all depend on it without depending on each other.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `start..end` into one side's text.
///
/// Inside the crate everything is bytes (cheap slicing, no re-scanning);
/// reporters convert to Unicode code points at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// A zero-width span marks a place where something is missing.
    pub const fn point(at: usize) -> Self {
        Span { start: at, end: at }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// True when the two spans share at least one byte, or when a zero-width
    /// span lies inside (or at the edge of) the other.
    pub fn overlaps(&self, other: &Span) -> bool {
        if self.is_empty() || other.is_empty() {
            return self.start <= other.end && other.start <= self.end;
        }
        self.start < other.end && other.start < self.end
    }
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Which text of a pair a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Source,
    Target,
}

/// MQM severities. Ordered, so `>=` means "at least as bad as".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    /// MQM penalty weight: minor 1, major 5, critical 10.
    pub fn weight(self) -> f32 {
        match self {
            Severity::Minor => 1.0,
            Severity::Major => 5.0,
            Severity::Critical => 10.0,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "minor" => Ok(Severity::Minor),
            "major" => Ok(Severity::Major),
            "critical" => Ok(Severity::Critical),
            other => Err(format!("unknown severity `{other}` (expected minor, major or critical)")),
        }
    }
}

/// The MQM error typology (the subset machine translation needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Mistranslation,
    Omission,
    Addition,
    Untranslated,
    Grammar,
    Punctuation,
    Spelling,
    Terminology,
    Inconsistency,
}

impl Category {
    /// The MQM name as the annotated data spells it ("Accuracy/Omission").
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Mistranslation => "Accuracy/Mistranslation",
            Category::Omission => "Accuracy/Omission",
            Category::Addition => "Accuracy/Addition",
            Category::Untranslated => "Accuracy/Untranslated text",
            Category::Grammar => "Fluency/Grammar",
            Category::Punctuation => "Fluency/Punctuation",
            Category::Spelling => "Fluency/Spelling",
            Category::Terminology => "Terminology/Inappropriate for context",
            Category::Inconsistency => "Fluency/Inconsistency",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One English/German unit to check: a segment pair, or an aligned group of
/// paragraphs. `source` may be empty (German text with no English
/// counterpart) and so may `target` (English left untranslated).
#[derive(Debug, Clone)]
pub struct Pair {
    pub id: String,
    pub source: String,
    pub target: String,
    /// Where the pair was read from, when a reader knows: CI formats
    /// (SARIF, GitHub annotations) point at this file and line.
    pub origin: Option<Origin>,
}

/// The input file and 1-based line a pair came from (for documents, the
/// German file and paragraph line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: std::sync::Arc<str>,
    pub line: usize,
    /// The 1-based code-point column where the German text starts on that
    /// line, when the file holds it verbatim (documents, TSV); `None` when
    /// it is escaped (JSONL), so columns in the file mean nothing.
    pub target_column: Option<usize>,
    /// The document the record says it belongs to (a JSONL `doc` field):
    /// cross-pair rules compare pairs within one document.
    pub document: Option<String>,
    /// Line and column of each further German paragraph joined into the
    /// target after a line break (an aligned 2-1 or 1-2 bead of a text
    /// document), so a span in the second paragraph points at its own line.
    pub later_lines: Vec<(usize, Option<usize>)>,
}

impl Pair {
    pub fn new(id: impl Into<String>, source: impl Into<String>, target: impl Into<String>) -> Self {
        Pair { id: id.into(), source: source.into(), target: target.into(), origin: None }
    }

    /// The same pair, marked as read from `file` at `line` (German text
    /// starting at `target_column`, see [`Origin::target_column`]).
    pub fn at(mut self, file: &std::sync::Arc<str>, line: usize, target_column: Option<usize>) -> Self {
        self.origin = Some(Origin {
            file: std::sync::Arc::clone(file),
            line,
            target_column,
            document: None,
            later_lines: Vec::new(),
        });
        self
    }
}

/// Pairs are equal when their content is: where they were read from is
/// provenance, not content.
impl PartialEq for Pair {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.source == other.source && self.target == other.target
    }
}
impl Eq for Pair {}

/// One suspicious span, as a detector reports it. Byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// 0..1: how sure the detector is that this is a real error.
    pub confidence: f32,
    /// The suspicious German span; zero-width means "something is missing here".
    pub target: Option<Span>,
    /// The English span it relates to.
    pub source: Option<Span>,
    /// One sentence an editor understands.
    pub message: String,
}

impl Finding {
    /// Severity weight scaled by confidence: the ranking key.
    pub fn score(&self) -> f32 {
        self.severity.weight() * self.confidence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_spans_overlap_at_edges() {
        let word = Span::new(10, 15);
        assert!(Span::point(10).overlaps(&word));
        assert!(Span::point(15).overlaps(&word));
        assert!(!Span::point(16).overlaps(&word));
        assert!(!Span::new(15, 20).overlaps(&word));
    }

    #[test]
    fn severity_orders_and_weighs_like_mqm() {
        assert!(Severity::Critical > Severity::Major && Severity::Major > Severity::Minor);
        assert_eq!(Severity::Major.weight(), 5.0);
        assert_eq!("Critical".parse::<Severity>().unwrap(), Severity::Critical);
    }
}
