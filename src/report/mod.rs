//! Reporters: print checked pairs for a person (table) or a program (JSON).
//!
//! Reporters are streaming [`Emitter`]s: the pipeline hands them each
//! checked pair in input order and calls `finish` at the end. Line formats
//! (JSONL) write as pairs arrive; ranked formats (table, JSON) keep only
//! what they show ([`TopFindings`]), so a batch of millions of pairs runs
//! in bounded memory.
//!
//! Inside the crate spans are byte offsets; every reporter converts them
//! to Unicode code points here, at the edge, so that `text[start:end]` in
//! Python (or any code-point-indexed language) is the flagged text.

pub mod json;
pub mod table;

use crate::model::{Finding, Severity, Span};
use crate::PairReport;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::io::{self, Write};
use std::rc::Rc;

/// Output formats of `mtlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A ranked table for people.
    Table,
    /// One JSON object with a summary and the ranked findings.
    Json,
    /// One JSON finding per line, in input order.
    Jsonl,
}

/// What to show, shared by all reporters.
#[derive(Debug, Clone)]
pub struct Options {
    /// Findings below this severity are not shown (they still count for `fail_on`).
    pub min_severity: Severity,
    /// Show at most this many findings (best first); `None` shows all.
    pub top: Option<usize>,
    /// Colour the table (only on a terminal, never with NO_COLOR).
    pub color: bool,
}

/// A streaming reporter.
pub trait Emitter {
    /// One checked pair, in input order.
    fn pair(&mut self, out: &mut dyn Write, report: PairReport) -> io::Result<()>;
    /// Called once after the last pair.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The emitter for `format`.
pub fn emitter(format: Format, options: &Options) -> Box<dyn Emitter> {
    match format {
        Format::Table => Box::new(table::TableEmitter::new(options.clone())),
        Format::Json => Box::new(json::JsonEmitter::new(options.clone())),
        Format::Jsonl => Box::new(json::JsonlEmitter::new(options.clone())),
    }
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Records read from the input (checked + rejected).
    pub records: usize,
    /// Pairs checked.
    pub pairs: usize,
    /// Records rejected as malformed (only with `--keep-going`).
    pub rejected: usize,
    /// Findings at every severity, after merging.
    pub findings: usize,
    pub critical: usize,
    pub major: usize,
    pub minor: usize,
}

impl Summary {
    pub fn add(&mut self, report: &PairReport) {
        self.pairs += 1;
        self.records += 1;
        for f in &report.findings {
            self.findings += 1;
            match f.severity {
                Severity::Critical => self.critical += 1,
                Severity::Major => self.major += 1,
                Severity::Minor => self.minor += 1,
            }
        }
    }

    pub fn reject(&mut self) {
        self.records += 1;
        self.rejected += 1;
    }

    /// Findings at or above `level`.
    pub fn at_least(&self, level: Severity) -> usize {
        match level {
            Severity::Critical => self.critical,
            Severity::Major => self.critical + self.major,
            Severity::Minor => self.findings,
        }
    }

    pub fn line(&self) -> String {
        let rejected = if self.rejected > 0 { format!(", {} rejected", self.rejected) } else { String::new() };
        format!(
            "{} pairs checked{rejected}: {} findings ({} critical, {} major, {} minor)",
            self.pairs, self.findings, self.critical, self.major, self.minor
        )
    }
}

/// A span in code points with its text, as the JSON contract has it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CharSpan<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

/// Converts a byte span of `text` into code points.
pub fn char_span(text: &str, span: Span) -> CharSpan<'_> {
    let start = text[..span.start].chars().count();
    let inner = &text[span.start..span.end];
    CharSpan { start, end: start + inner.chars().count(), text: inner }
}

/// One shown finding with the pair it belongs to.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub report: Rc<PairReport>,
    /// Index into `report.findings`.
    pub index: usize,
    /// Input order, to break score ties deterministically.
    seq: u64,
}

impl Ranked {
    pub fn finding(&self) -> &Finding {
        &self.report.findings[self.index]
    }
    fn score(&self) -> f32 {
        self.finding().score()
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// "Greater" means better: higher score, then earlier in the input.
    fn cmp(&self, other: &Self) -> Ordering {
        self.score().total_cmp(&other.score()).then_with(|| other.seq.cmp(&self.seq))
    }
}

/// The best findings seen so far, at most `limit` of them: the global
/// ranking without keeping every pair in memory.
pub struct TopFindings {
    limit: Option<usize>,
    min_severity: Severity,
    /// A min-heap (via `Reverse`) so the worst kept finding is evicted first.
    heap: BinaryHeap<std::cmp::Reverse<Ranked>>,
    seq: u64,
}

impl TopFindings {
    pub fn new(options: &Options) -> Self {
        TopFindings { limit: options.top, min_severity: options.min_severity, heap: BinaryHeap::new(), seq: 0 }
    }

    pub fn add(&mut self, report: PairReport) {
        let shown: Vec<usize> =
            (0..report.findings.len()).filter(|&i| report.findings[i].severity >= self.min_severity).collect();
        if shown.is_empty() {
            return;
        }
        let report = Rc::new(report);
        for index in shown {
            self.seq += 1;
            let entry = Ranked { report: Rc::clone(&report), index, seq: self.seq };
            match self.limit {
                Some(0) => {}
                Some(limit) if self.heap.len() >= limit => {
                    if self.heap.peek().is_some_and(|worst| entry > worst.0) {
                        self.heap.pop();
                        self.heap.push(std::cmp::Reverse(entry));
                    }
                }
                _ => self.heap.push(std::cmp::Reverse(entry)),
            }
        }
    }

    /// The kept findings, best first.
    pub fn into_sorted(self) -> Vec<Ranked> {
        let mut v: Vec<Ranked> = self.heap.into_iter().map(|r| r.0).collect();
        v.sort_by(|a, b| b.cmp(a));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Pair};

    #[test]
    fn char_spans_count_code_points_not_bytes() {
        let text = "„Größe“ CNS";
        let start = text.find("CNS").unwrap();
        let s = char_span(text, Span::new(start, start + 3));
        assert_eq!((s.start, s.end, s.text), (8, 11, "CNS"));
    }

    fn report(id: &str, scores: &[(Severity, f32)]) -> PairReport {
        let findings = scores
            .iter()
            .map(|&(severity, confidence)| Finding {
                rule: "r",
                category: Category::Mistranslation,
                severity,
                confidence,
                target: None,
                source: None,
                message: String::new(),
            })
            .collect();
        PairReport { pair: Pair::new(id, "", ""), findings }
    }

    #[test]
    fn top_findings_keeps_the_best_in_order_with_ties_by_input() {
        let options = Options { min_severity: Severity::Minor, top: Some(3), color: false };
        let mut top = TopFindings::new(&options);
        top.add(report("a", &[(Severity::Major, 0.5), (Severity::Minor, 1.0)]));
        top.add(report("b", &[(Severity::Critical, 0.9), (Severity::Major, 0.5)]));
        top.add(report("c", &[(Severity::Minor, 0.2)]));
        let got: Vec<(String, f32)> =
            top.into_sorted().iter().map(|r| (r.report.pair.id.clone(), r.finding().score())).collect();
        assert_eq!(got, [("b".to_string(), 9.0), ("a".to_string(), 2.5), ("b".to_string(), 2.5)]);
    }

    #[test]
    fn top_findings_respects_min_severity() {
        let options = Options { min_severity: Severity::Major, top: None, color: false };
        let mut top = TopFindings::new(&options);
        top.add(report("a", &[(Severity::Minor, 1.0), (Severity::Major, 1.0)]));
        assert_eq!(top.into_sorted().len(), 1);
    }
}
