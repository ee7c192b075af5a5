//! `mtlint eval`: how often are the detectors right? Runs the checker over
//! human-annotated data and compares its findings with the annotations.
//!
//! A QA tool that cannot say how often it is right will not be trusted, and
//! a change to a detector is only an improvement if it is measured the same
//! way every time. Three kinds of annotation are understood, detected from
//! the records themselves ([`gold`]):
//!
//! - MQM error spans by raters ([`mqm`]): span precision per rule against a
//!   random-span baseline, precision at the top of the ranking, recall by
//!   MQM category and severity, and segment-level rank correlation;
//! - challenge sets with one injected glitch per record ([`challenge`]):
//!   recall per glitch kind and false alarms on clean records;
//! - critical-error labels ([`critical`]): precision, recall and MCC.
//!
//! Findings are scored *raw* (before ranking merges overlapping ones), so
//! every rule is measured on its own; the "all rules" figures use the
//! merged, ranked findings an editor would see.

pub mod challenge;
pub mod critical;
pub mod gold;
pub mod metrics;
pub mod mqm;
pub mod report;

pub use gold::{Gold, GoldKind};

use crate::model::{Finding, Pair, Severity};
use crate::Linter;
use serde::Serialize;

/// How to evaluate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Ignore findings below this severity; `None` takes the kind's default
    /// ([`default_min_severity`]).
    pub min_severity: Option<Severity>,
    /// Seed of the random-span baseline, so that runs are comparable.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_severity: None, seed: 1 }
    }
}

/// Minor for span annotations and challenge sets (every finding counts);
/// major for critical-error labels, where a minor finding is not a claim
/// that the translation is critically wrong.
pub fn default_min_severity(kind: GoldKind) -> Severity {
    match kind {
        GoldKind::Critical => Severity::Major,
        GoldKind::Mqm | GoldKind::Challenge => Severity::Minor,
    }
}

/// The result of one evaluation run.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// "mqm", "challenge" or "critical".
    pub kind: &'static str,
    pub records: usize,
    pub min_severity: Severity,
    /// The rules that were run.
    pub rules: Vec<&'static str>,
    /// Enabled rules eval cannot score: cross-pair rules (`consistency`,
    /// `repeated-translation`)
    /// compare records with each other, which only MQM files (segments
    /// grouped by `doc`) allow; challenge and critical-error records are
    /// units of their own (challenge twins would otherwise flag each other).
    pub not_scored: Vec<&'static str>,
    #[serde(flatten)]
    pub section: Section,
}

/// The figures of one kind of annotation; serialised under the kind's name.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Mqm(mqm::MqmEval),
    Challenge(challenge::ChallengeEval),
    Critical(critical::CriticalEval),
}

/// Runs `linter` over every record of `gold` and scores its findings.
pub fn evaluate(linter: &Linter, gold: &Gold, options: &Options) -> Evaluation {
    let kind = gold.kind();
    let min_severity = options.min_severity.unwrap_or_else(|| default_min_severity(kind));
    let mut rules: Vec<&'static str> = linter.detectors().iter().map(|d| d.id()).collect();
    let cross_pair = linter.cross_pair_rules();
    if kind == GoldKind::Mqm {
        rules.extend(&cross_pair);
    }
    let section = match gold {
        Gold::Mqm(records) => Section::Mqm(mqm::evaluate(linter, records, &rules, min_severity, options.seed)),
        Gold::Challenge(records) => Section::Challenge(challenge::evaluate(linter, records, &rules, min_severity)),
        Gold::Critical(records) => Section::Critical(critical::evaluate(linter, records, &rules, min_severity)),
    };
    // MQM files group segments into documents, so the cross-pair rule is
    // scored there; challenge twins and critical-error records are units of
    // their own (a glitched twin would be flagged against its clean twin).
    let not_scored = if kind == GoldKind::Mqm { Vec::new() } else { cross_pair };
    Evaluation { kind: kind.as_str(), records: gold.len(), min_severity, rules, not_scored, section }
}

/// The pair's raw (unmerged) findings at or above `min`.
fn findings_at_least(linter: &Linter, pair: &Pair, min: Severity) -> Vec<Finding> {
    let mut findings = linter.check(pair);
    findings.retain(|f| f.severity >= min);
    findings
}
