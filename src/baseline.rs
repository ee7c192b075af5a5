//! Baselines: accept today's findings so that CI fails only on new ones.
//!
//! A team adopting mtlint on an existing translation memory cannot fix
//! every old finding first. `--write-baseline FILE` records each finding by
//! a fingerprint; `--baseline FILE` drops findings whose fingerprint is
//! recorded. The fingerprint hashes what identifies a problem, not where it
//! is: the rule, the English source of the pair, the flagged text
//! (whitespace normalised) and two words of context on each side. Byte
//! offsets are left out on purpose, so editing another sentence of the
//! German keeps the fingerprint. So is the pair id: many inputs number
//! their records by line (JSONL without `id`, two-column TSV, documents),
//! and a line added above would otherwise un-suppress every finding below
//! it. The English text identifies the segment wherever it moves; changing
//! it is a new segment that deserves a fresh check.

use crate::error::{Error, Result};
use crate::model::{Finding, Pair, Span};
use crate::PairReport;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;

/// The file format version; bumped when fingerprints change meaning
/// (version 1 hashed the pair id, version 2 the English source).
pub const VERSION: u32 = 2;

/// Words of context on each side of the flagged text.
const CONTEXT_WORDS: usize = 2;

/// A finding's stable identity: 16 hex digits.
pub fn fingerprint(pair: &Pair, finding: &Finding) -> String {
    fingerprint_with(&normalise(&pair.source), pair, finding)
}

/// [`fingerprint`] with the pair's English already normalised, for callers
/// that fingerprint every finding of a pair.
fn fingerprint_with(source: &str, pair: &Pair, finding: &Finding) -> String {
    let (text, span) = match (finding.target, finding.source) {
        (Some(span), _) => (&pair.target, span),
        (None, Some(span)) => (&pair.source, span),
        (None, None) => (&pair.target, Span::point(0)),
    };
    let flagged = normalise(text.get(span.start..span.end).unwrap_or(""));
    let before = last_words(text.get(..span.start).unwrap_or(""), CONTEXT_WORDS);
    let after = first_words(text.get(span.end..).unwrap_or(""), CONTEXT_WORDS);
    let side = if finding.target.is_some() { "t" } else { "s" };
    let key = [finding.rule, source, side, &flagged, &before, &after].join("\u{1f}");
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// Whitespace runs collapsed to one space, ends trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// FNV-1a, 64 bits: tiny, and fixed forever (std's hasher may change
/// between Rust releases, which would invalidate every baseline).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One recorded finding. Only `fingerprint` is used for matching; the rest
/// makes the file readable in review.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub pair: String,
    pub text: String,
    pub message: String,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A loaded baseline: the fingerprints to suppress.
#[derive(Debug, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    pub fn load(path: &str) -> Result<Baseline> {
        let text = crate::input::read_to_string(path)?;
        let file: File = serde_json::from_str(&text)
            .map_err(|e| Error::record(path, e.line(), format!("not a mtlint baseline: {e}")))?;
        if file.version != VERSION {
            return Err(Error::input(
                path,
                format!("baseline version {} is not supported (expected {VERSION}); write it again", file.version),
            ));
        }
        Ok(Baseline { fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect() })
    }

    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// Removes the recorded findings from `report`; returns how many.
    pub fn suppress(&self, report: &mut PairReport) -> usize {
        let before = report.findings.len();
        let pair = &report.pair;
        let source = normalise(&pair.source);
        report.findings.retain(|f| !self.fingerprints.contains(&fingerprint_with(&source, pair, f)));
        before - report.findings.len()
    }
}

/// Collects findings for `--write-baseline`.
#[derive(Debug, Default)]
pub struct Recorder {
    entries: Vec<Entry>,
}

impl Recorder {
    pub fn add(&mut self, report: &PairReport) {
        let source = normalise(&report.pair.source);
        for f in &report.findings {
            let text = match (f.target, f.source) {
                (Some(s), _) => report.pair.target.get(s.start..s.end),
                (None, Some(s)) => report.pair.source.get(s.start..s.end),
                (None, None) => None,
            };
            self.entries.push(Entry {
                fingerprint: fingerprint_with(&source, &report.pair, f),
                rule: f.rule.to_string(),
                pair: report.pair.id.clone(),
                text: text.unwrap_or("").to_string(),
                message: f.message.clone(),
            });
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the baseline document (pretty JSON, one entry per finding,
    /// sorted so that the file diffs well in review).
    pub fn write(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.entries.sort_by(|a, b| (&a.pair, &a.rule, &a.fingerprint).cmp(&(&b.pair, &b.rule, &b.fingerprint)));
        self.entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        serde_json::to_writer_pretty(&mut *out, &File { version: VERSION, findings: self.entries })?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Severity};

    fn finding_at(target: &str, flagged: &str) -> Finding {
        let start = target.find(flagged).unwrap();
        Finding {
            rule: "spurious-sentence-break",
            category: Category::Punctuation,
            severity: Severity::Major,
            confidence: 0.9,
            target: Some(Span::new(start, start + flagged.len())),
            source: None,
            message: "m".into(),
        }
    }

    fn fp(source: &str, target: &str, flagged: &str) -> String {
        fingerprint(&Pair::new("7", source, target), &finding_at(target, flagged))
    }

    #[test]
    fn stable_when_unrelated_text_moves() {
        let a = fp("p1", "Das ist gut. und dann ging er.", "gut. und");
        let b = fp("p1", "Vorher kam ein ganz neuer Satz. Das ist gut. und dann ging er.", "gut. und");
        let c = fp("p1", "Das ist   gut. und dann ging er.", "gut. und");
        assert_eq!(a, b);
        assert_eq!(a, c, "whitespace is normalised");
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn stable_when_the_record_moves_to_another_line() {
        let target = "Das ist gut. und dann ging er.";
        let at_line = |id: &str| fingerprint(&Pair::new(id, "p1", target), &finding_at(target, "gut. und"));
        assert_eq!(at_line("7"), at_line("8"));
    }

    #[test]
    fn changes_with_rule_source_text_or_nearby_words() {
        let a = fp("p1", "Das ist gut. und dann ging er.", "gut. und");
        assert_ne!(a, fp("p2", "Das ist gut. und dann ging er.", "gut. und"));
        assert_ne!(a, fp("p1", "Das ist schön. und dann ging er.", "schön. und"));
        assert_ne!(a, fp("p1", "Das war gut. und dann ging er.", "gut. und"));
    }

    #[test]
    fn round_trip_suppresses_recorded_findings_only() {
        let target = "Das ist gut. und dann. aber";
        let report = PairReport {
            pair: Pair::new("p", "", target),
            findings: vec![finding_at(target, "gut. und"), finding_at(target, "dann. aber")],
        };
        let mut recorder = Recorder::default();
        recorder.add(&PairReport { pair: report.pair.clone(), findings: vec![report.findings[0].clone()] });
        let mut bytes = Vec::new();
        recorder.write(&mut bytes).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, &bytes).unwrap();
        let baseline = Baseline::load(path.to_str().unwrap()).unwrap();
        let mut report = report;
        assert_eq!(baseline.suppress(&mut report), 1);
        assert_eq!(report.findings.len(), 1);
        assert!(report.findings[0].target.is_some_and(|s| &target[s.start..s.end] == "dann. aber"));
    }

    #[test]
    fn a_foreign_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        let err = Baseline::load(path.to_str().unwrap()).unwrap_err().to_string();
        assert!(err.contains("version 9"), "{err}");
    }
}
