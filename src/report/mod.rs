//! Reporters: print checked pairs for a person (table) or a program (JSON).
//!
//! Inside the crate spans are byte offsets; every reporter converts them
//! to Unicode code points here, at the edge, so that `text[start:end]` in
//! Python (or any code-point-indexed language) is the flagged text.

pub mod json;
pub mod table;

use crate::model::{Finding, Severity, Span};
use crate::PairReport;
use serde::Serialize;
use std::io::{self, Write};

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

/// A finding with the pair it belongs to, for ranked output.
#[derive(Debug, Clone, Copy)]
pub struct Ranked<'a> {
    pub report: &'a PairReport,
    pub finding: &'a Finding,
}

/// All shown findings across pairs, best first, cut to `top`.
pub fn ranked<'a>(reports: &'a [PairReport], options: &Options) -> Vec<Ranked<'a>> {
    let mut all: Vec<Ranked<'a>> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| Ranked { report: r, finding: f }))
        .filter(|r| r.finding.severity >= options.min_severity)
        .collect();
    // Stable sort keeps input order among equal scores.
    all.sort_by(|a, b| b.finding.score().total_cmp(&a.finding.score()));
    if let Some(top) = options.top {
        all.truncate(top);
    }
    all
}

/// Writes the reports in `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    reports: &[PairReport],
    summary: &Summary,
    options: &Options,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(out, reports, summary, options),
        Format::Json => json::write_document(out, reports, summary, options),
        Format::Jsonl => json::write_lines(out, reports, options),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_spans_count_code_points_not_bytes() {
        let text = "„Größe“ CNS";
        let start = text.find("CNS").unwrap();
        let s = char_span(text, Span::new(start, start + 3));
        assert_eq!((s.start, s.end, s.text), (8, 11, "CNS"));
    }
}
