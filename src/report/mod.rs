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

pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod summary;
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
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML: one test case per pair, failed at or above `--fail-on`.
    Junit,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
    /// One row per rule: counts by severity, pairs touched, the worst example.
    Summary,
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
    /// What fails the run (JUnit marks those pairs failed).
    pub fail_on: Severity,
}

/// A streaming reporter.
pub trait Emitter {
    /// One checked pair, in input order.
    fn pair(&mut self, out: &mut dyn Write, report: PairReport) -> io::Result<()>;
    /// A record that could not be read (`--keep-going`): formats that CI
    /// systems display (JUnit, GitHub) show it where the findings go, so a
    /// rejected record is not only a line on standard error.
    fn rejected(&mut self, _out: &mut dyn Write, _error: &crate::Error) -> io::Result<()> {
        Ok(())
    }
    /// Called once after the last pair.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The emitter for `format`.
pub fn emitter(format: Format, options: &Options) -> Box<dyn Emitter> {
    match format {
        Format::Table => Box::new(table::TableEmitter::new(options.clone())),
        Format::Json => Box::new(json::JsonEmitter::new(options.clone())),
        Format::Jsonl => Box::new(json::JsonlEmitter::new(options.clone())),
        Format::Sarif => Box::new(sarif::SarifEmitter::new(options.clone())),
        Format::Junit => Box::new(junit::JunitEmitter::new(options.clone())),
        Format::Github => Box::new(github::GithubEmitter::new(options.clone())),
        Format::Summary => Box::new(summary::SummaryEmitter::new(options.clone())),
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
    /// Findings dropped because the baseline records them.
    pub suppressed: usize,
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
        let suppressed = if self.suppressed > 0 {
            format!(", {} suppressed by the baseline", self.suppressed)
        } else {
            String::new()
        };
        format!(
            "{} pairs checked{rejected}: {} findings ({} critical, {} major, {} minor){suppressed}",
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

/// Where a finding is in the input files, for CI annotations: the file and
/// line of its record and, when the file holds the German verbatim, its
/// 1-based code-point columns (end exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct FileLocation<'a> {
    pub file: &'a str,
    pub line: usize,
    pub columns: Option<(usize, usize)>,
}

/// The file location of `finding`, if the pair knows where it was read.
pub fn file_location<'a>(pair: &'a crate::model::Pair, finding: &Finding) -> Option<FileLocation<'a>> {
    let origin = pair.origin.as_ref().filter(|o| &*o.file != "<stdin>")?;
    let Some(span) = finding.target.filter(|s| s.end <= pair.target.len()) else {
        return Some(FileLocation { file: &origin.file, line: origin.line, columns: None });
    };
    // A target joined from several document lines: the span's own line is
    // the one after the last line break before it.
    let before = pair.target.get(..span.start).unwrap_or("");
    let breaks = before.matches('\n').count();
    let (line, first) = match breaks {
        0 => (origin.line, origin.target_column),
        n => match origin.later_lines.get(n - 1) {
            Some(&(line, column)) => (line, column),
            // Line breaks inside one record (escaped JSONL text): the record's line.
            None => (origin.line, None),
        },
    };
    let paragraph_start = before.rfind('\n').map_or(0, |at| at + 1);
    let crosses_a_break = pair.target.get(span.start..span.end).is_some_and(|t| t.contains('\n'));
    let columns = match first {
        Some(first) if !crosses_a_break => {
            let s = char_span(
                &pair.target[paragraph_start..],
                Span::new(span.start - paragraph_start, span.end - paragraph_start),
            );
            Some((first + s.start, first + s.end))
        }
        _ => None,
    };
    Some(FileLocation { file: &origin.file, line, columns })
}

/// Writes a file all at once: into a temporary file beside it, renamed
/// over the target on `commit`. A run that fails half-way leaves the old
/// file untouched, and readers never see half a report.
pub struct AtomicFile {
    path: std::path::PathBuf,
    temp: tempfile::NamedTempFile,
}

impl AtomicFile {
    pub fn create(path: &std::path::Path) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let temp = tempfile::Builder::new().prefix(".mtlint-").suffix(".tmp").tempfile_in(dir)?;
        Ok(AtomicFile { path: path.to_path_buf(), temp })
    }

    pub fn writer(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// Flushes and renames the file into place (readable by others, as a
    /// report normally is).
    pub fn commit(mut self) -> io::Result<()> {
        self.temp.as_file_mut().flush()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(self.temp.path(), std::fs::Permissions::from_mode(0o644))?;
        }
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
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

    fn finding_at(target: &str, flagged: &str) -> Finding {
        let start = target.find(flagged).unwrap();
        Finding {
            rule: "r",
            category: Category::Punctuation,
            severity: Severity::Major,
            confidence: 1.0,
            target: Some(Span::new(start, start + flagged.len())),
            source: None,
            message: String::new(),
        }
    }

    /// Regression: a 2-1 bead joins two German lines; a span in the second
    /// used to get the first line and columns counted across the break.
    #[test]
    fn file_location_of_a_span_in_a_later_joined_paragraph() {
        let file: std::sync::Arc<str> = "a.de.txt".into();
        let target = "Größe eins.\nZwei. und";
        let mut pair = Pair::new("a:1", "", target).at(&file, 1, Some(1));
        pair.origin.as_mut().unwrap().later_lines = vec![(3, Some(2))];
        let loc = file_location(&pair, &finding_at(target, "Zwei. und")).unwrap();
        assert_eq!((loc.line, loc.columns), (3, Some((2, 11))));
        let loc = file_location(&pair, &finding_at(target, "eins")).unwrap();
        assert_eq!((loc.line, loc.columns), (1, Some((7, 11))));
        let loc = file_location(&pair, &finding_at(target, "eins.\nZwei")).unwrap();
        assert_eq!((loc.line, loc.columns), (1, None), "a span across the break has no columns");
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
        let options = Options { min_severity: Severity::Minor, top: Some(3), color: false, fail_on: Severity::Major };
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
        let options = Options { min_severity: Severity::Major, top: None, color: false, fail_on: Severity::Major };
        let mut top = TopFindings::new(&options);
        top.add(report("a", &[(Severity::Minor, 1.0), (Severity::Major, 1.0)]));
        assert_eq!(top.into_sorted().len(), 1);
    }
}
