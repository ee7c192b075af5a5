//! mtlint checks German machine translation against its English source and
//! ranks the spans most likely broken, each with the reason.
//!
//! The pipeline: two articles (URLs or files, [`fetch`]) are paired
//! paragraph by paragraph ([`align`]), or readers ([`input`]) bring
//! pre-aligned [`Pair`]s; each side is analysed once ([`text::Analysis`]);
//! every enabled [`detect::Detector`] reports [`Finding`]s; [`rank`] merges
//! and orders them; [`report`] prints them. Fetching is the only async part;
//! everything after reading is pure and runs in parallel across pairs,
//! except the rules that compare pairs (`consistency`, `repeated-translation`), which
//! [`Linter::check_stream`] runs in input order. A [`config::Config`]
//! (`mtlint.toml`) chooses rules, severities, ignore patterns and the
//! glossary ([`Linter::configured`]); a [`baseline::Baseline`] drops
//! accepted findings.
//!
//! ```
//! use mtlint::{Linter, Pair};
//! let linter = Linter::all();
//! let pair = Pair::new("1", "We met on January 12.", "Wir trafen uns am 12. Januar. dann");
//! let findings = linter.check(&pair);
//! assert!(findings.iter().any(|f| f.rule == "spurious-sentence-break"));
//! ```

pub mod align;
pub mod baseline;
pub mod config;
pub mod detect;
pub mod error;
pub mod eval;
pub mod fetch;
pub mod input;
pub mod model;
pub mod rank;
pub mod report;
pub mod text;

pub use error::{Error, Result};
pub use model::{Category, Finding, Pair, Severity, Side, Span};

use config::Config;
use detect::consistency::{self, Consistency, Rendering};
use detect::repeated_translation::{self, RepeatedTranslation};
use detect::{Detector, PairView};
use rayon::prelude::*;
use regex::Regex;
use text::{Analysis, Lang};

/// A set of enabled detectors, ready to check pairs.
pub struct Linter {
    detectors: Vec<Box<dyn Detector>>,
    /// Run the cross-pair `consistency` rule in [`Linter::check_stream`].
    consistency: bool,
    /// English names `consistency` skips (its `ignore` parameter).
    consistency_ignored: Vec<String>,
    /// Run the cross-pair `repeated-translation` rule.
    repeated_translation: bool,
    /// Severity overrides from the configuration, by rule.
    severity: Vec<(&'static str, Severity)>,
    /// Findings whose German span matches one of these are dropped.
    ignore_target: Vec<Regex>,
    /// Pairs whose id matches one of these report nothing.
    ignore_pairs: Vec<Regex>,
}

/// A checked pair: the pair and its findings, merged and ranked.
#[derive(Debug, Clone)]
pub struct PairReport {
    pub pair: Pair,
    pub findings: Vec<Finding>,
}

impl Linter {
    /// Every rule mtlint runs without configuration.
    pub fn all() -> Self {
        Linter::configured(&Config::default(), &[])
            .unwrap_or_else(|_| unreachable!("the default configuration is valid"))
    }

    /// Only the named rules; an unknown name is an error listing the known ones.
    pub fn only(rules: &[String]) -> std::result::Result<Self, String> {
        Linter::configured(&Config::default(), rules)
    }

    /// The rules `config` enables (or only those in `only`, when it is not
    /// empty), with its glossary, severity overrides and ignore patterns.
    pub fn configured(config: &Config, only: &[String]) -> std::result::Result<Self, String> {
        let metas = detect::all_meta();
        if let Some(unknown) = only.iter().find(|r| !metas.iter().any(|m| m.id == r.as_str())) {
            let known: Vec<&str> = metas.iter().map(|m| m.id).collect();
            return Err(format!("unknown rule `{unknown}`; known rules: {}", known.join(", ")));
        }
        let enabled = |id: &str| if only.is_empty() { config.rule_enabled(id) } else { only.iter().any(|r| r == id) };
        let detectors = detect::all()
            .into_iter()
            .map(|d| -> Box<dyn Detector> {
                if d.id() == detect::terminology::META.id {
                    Box::new(detect::terminology::Terminology::new(&config.glossary))
                } else {
                    d
                }
            })
            .filter(|d| enabled(d.id()))
            .collect();
        let severity = metas.iter().filter_map(|m| config.severity_of(m.id).map(|s| (m.id, s))).collect();
        let compile = |patterns: &[String]| -> std::result::Result<Vec<Regex>, String> {
            patterns.iter().map(|p| Regex::new(p).map_err(|e| format!("bad ignore pattern `{p}`: {e}"))).collect()
        };
        Ok(Linter {
            detectors,
            consistency: enabled(consistency::META.id),
            consistency_ignored: config.consistency_ignored(),
            repeated_translation: enabled(repeated_translation::META.id),
            severity,
            ignore_target: compile(&config.ignore.target)?,
            ignore_pairs: compile(&config.ignore.pairs)?,
        })
    }

    pub fn detectors(&self) -> &[Box<dyn Detector>] {
        &self.detectors
    }

    /// The enabled rules that compare pairs with each other, run by
    /// [`Linter::check_stream`] and [`Linter::check_batch`].
    pub fn cross_pair_rules(&self) -> Vec<&'static str> {
        let mut rules = Vec::new();
        if self.consistency {
            rules.push(consistency::META.id);
        }
        if self.repeated_translation {
            rules.push(repeated_translation::META.id);
        }
        rules
    }

    /// All raw findings for one pair, unmerged (what evaluation scores).
    pub fn check(&self, pair: &Pair) -> Vec<Finding> {
        self.check_with_cross_facts(pair, false).0
    }

    /// Raw (unmerged, unconfigured) findings of every pair of a batch, in
    /// order, including the cross-pair rules that are on:
    /// what evaluation scores when the gold file groups its segments into
    /// documents.
    pub fn check_batch(&self, pairs: &[&Pair]) -> Vec<Vec<Finding>> {
        let checked: Vec<(Vec<Finding>, CrossFacts)> =
            pairs.par_iter().map(|pair| self.check_with_cross_facts(pair, true)).collect();
        let mut tracker = self.cross_pair();
        pairs
            .iter()
            .zip(checked)
            .map(|(pair, (mut findings, facts))| {
                if let Some(tracker) = tracker.as_mut() {
                    findings.extend(tracker.observe(pair, facts));
                }
                findings
            })
            .collect()
    }

    /// Raw findings, and (when `cross` asks) what the enabled cross-pair
    /// rules need of the pair, from one analysis of each side.
    fn check_with_cross_facts(&self, pair: &Pair, cross: bool) -> (Vec<Finding>, CrossFacts) {
        let source = Analysis::new(&pair.source, Lang::English);
        let target = Analysis::new(&pair.target, Lang::German);
        let view = PairView::new(&pair.id, &source, &target);
        let mut findings = Vec::new();
        for detector in &self.detectors {
            detector.check(&view, &mut findings);
        }
        let facts = CrossFacts {
            names: if cross && self.consistency { consistency::renderings(&view) } else { Vec::new() },
            repeated: if cross && self.repeated_translation { repeated_translation::facts(&view) } else { None },
        };
        // Their buffers serve the next pair on this thread.
        source.recycle();
        target.recycle();
        (findings, facts)
    }

    /// Applies the configuration to raw findings (severity overrides, ignore
    /// patterns) and merges overlapping ones, best first.
    fn finish(&self, pair: &Pair, mut findings: Vec<Finding>) -> Vec<Finding> {
        if self.ignore_pairs.iter().any(|re| re.is_match(&pair.id)) {
            return Vec::new();
        }
        for f in &mut findings {
            if let Some(&(_, severity)) = self.severity.iter().find(|(rule, _)| *rule == f.rule) {
                f.severity = severity;
            }
        }
        if !self.ignore_target.is_empty() {
            findings.retain(|f| {
                let text = f.target.map_or("", |s| pair.target.get(s.start..s.end).unwrap_or(""));
                !self.ignore_target.iter().any(|re| re.is_match(text))
            });
        }
        merged(findings)
    }

    /// Checks one pair and merges overlapping findings, best first. Rules
    /// that look across pairs (`consistency`) need [`Linter::check_stream`].
    pub fn report(&self, pair: Pair) -> PairReport {
        let findings = self.finish(&pair, self.check(&pair));
        PairReport { pair, findings }
    }

    /// Checks many pairs (as one batch, including cross-pair rules); the
    /// result keeps the input order.
    pub fn report_all(&self, pairs: Vec<Pair>) -> Vec<PairReport> {
        let mut reports = Vec::with_capacity(pairs.len());
        let done: std::result::Result<(), std::convert::Infallible> =
            self.check_stream(pairs.into_iter().map(Ok), |r| {
                reports.extend(r.ok());
                Ok(())
            });
        let Ok(()) = done;
        reports
    }

    /// Checks a stream of records in parallel chunks and hands each result
    /// to `handle` in input order. Memory stays bounded by the chunk size,
    /// whatever the length of the stream. A record that failed to read is
    /// passed through as `Err`; `handle` decides whether that stops the run.
    ///
    /// The stages overlap, so reading and writing do not leave the cores
    /// idle while a chunk is checked: a checker thread checks a chunk on the
    /// rayon pool while the calling thread parses the next one and hands
    /// out the one before. Cross-pair rules run in
    /// that last stage: each pair's facts are gathered in parallel, and
    /// compared with the earlier pairs of its document sequentially, in
    /// input order. When `handle` stops the run, the other stages stop at
    /// their next chunk.
    pub fn check_stream<I, E, F>(&self, records: I, mut handle: F) -> std::result::Result<(), E>
    where
        I: Iterator<Item = Result<Pair>>,
        F: FnMut(Result<PairReport>) -> std::result::Result<(), E>,
    {
        use std::sync::mpsc::sync_channel;
        let mut tracker = self.cross_pair();
        std::thread::scope(|scope| {
            // One chunk in each channel, and at most two sent and not yet
            // handed out (`in_flight` below): the calling thread reads or
            // hands out one chunk while at most one more waits or is being
            // checked, so about two chunks are alive at once.
            let (read_tx, read_rx) = sync_channel::<Vec<Result<Pair>>>(1);
            let (checked_tx, checked_rx) = sync_channel::<Vec<Result<(PairReport, CrossFacts)>>>(1);
            scope.spawn(move || {
                for chunk in read_rx {
                    if checked_tx.send(self.check_chunk(chunk)).is_err() {
                        break;
                    }
                }
            });
            // Records are read on this thread, the one that drops them once
            // handed out: the allocator frees a block faster on the thread
            // that allocated it (a free from another thread is queued to
            // the owner with atomic operations, several times the cost).
            let mut records = records;
            let mut read_tx = Some(read_tx);
            // Chunks sent to be checked and not yet handed out. Two keep
            // reading (of the next chunk) beside checking (of the one before).
            let mut in_flight = 0;
            loop {
                while in_flight < 2 {
                    let Some(tx) = read_tx.as_ref() else { break };
                    let chunk: Vec<Result<Pair>> = records.by_ref().take(STREAM_CHUNK).collect();
                    if chunk.is_empty() || tx.send(chunk).is_err() {
                        read_tx = None; // Ends the checker after the chunks sent.
                        break;
                    }
                    in_flight += 1;
                }
                if in_flight == 0 {
                    break;
                }
                let Ok(checked) = checked_rx.recv() else { break };
                in_flight -= 1;
                for result in checked {
                    let result = result.map(|(report, facts)| match tracker.as_mut() {
                        Some(tracker) => self.add_cross_pair(tracker, report, facts),
                        None => report,
                    });
                    handle(result)?;
                }
            }
            Ok(())
        })
    }

    /// Checks one chunk of records in parallel, keeping their order.
    fn check_chunk(&self, chunk: Vec<Result<Pair>>) -> Vec<Result<(PairReport, CrossFacts)>> {
        chunk
            .into_par_iter()
            .map(|r| {
                r.map(|pair| {
                    let (raw, facts) = self.check_with_cross_facts(&pair, true);
                    let findings = self.finish(&pair, raw);
                    (PairReport { pair, findings }, facts)
                })
            })
            .collect()
    }

    /// The cross-pair state of one run, when a cross-pair rule is on.
    fn cross_pair(&self) -> Option<CrossPair> {
        let consistency = self.consistency.then(|| Consistency::ignoring(self.consistency_ignored.clone()));
        let repeated = self.repeated_translation.then(RepeatedTranslation::new);
        (consistency.is_some() || repeated.is_some()).then_some(CrossPair { consistency, repeated })
    }

    /// Adds what the cross-pair rules find when this pair is compared with
    /// the earlier pairs of its document.
    fn add_cross_pair(&self, tracker: &mut CrossPair, mut report: PairReport, facts: CrossFacts) -> PairReport {
        let extra = self.finish(&report.pair, tracker.observe(&report.pair, facts));
        if !extra.is_empty() {
            report.findings.extend(extra);
            report.findings = merged(std::mem::take(&mut report.findings));
        }
        report
    }
}

/// The state of the rules that compare pairs with each other, for one run.
struct CrossPair {
    consistency: Option<Consistency>,
    repeated: Option<RepeatedTranslation>,
}

impl CrossPair {
    /// The findings of comparing `pair` with the earlier pairs of its
    /// document, from the facts gathered for it in the parallel stage.
    fn observe(&mut self, pair: &Pair, facts: CrossFacts) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(consistency) = self.consistency.as_mut() {
            out.extend(consistency.observe(pair, facts.names));
        }
        if let Some(repeated) = self.repeated.as_mut() {
            out.extend(repeated.observe(pair, facts.repeated));
        }
        out
    }
}

/// What the cross-pair rules need of one pair, gathered from its analysis
/// in the parallel stage so that the sequential stage only compares.
#[derive(Default)]
struct CrossFacts {
    /// Name renderings, for `consistency`.
    names: Vec<Rendering>,
    /// The German's fingerprint and the English words' sketch, for
    /// `repeated-translation`.
    repeated: Option<repeated_translation::Facts>,
}

/// Pairs checked per parallel chunk: large enough to keep every core busy,
/// small enough that memory does not grow with the batch.
const STREAM_CHUNK: usize = 4096;

/// [`rank::merge_overlapping`], which leaves fewer than two findings as
/// they are (a test checks): most pairs have none or one, and the merge
/// allocates its own vectors.
fn merged(findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() < 2 {
        findings
    } else {
        rank::merge_overlapping(findings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_fewer_than_two_findings_changes_nothing() {
        let finding = |target| Finding {
            rule: "garbled-name",
            category: Category::Spelling,
            severity: Severity::Major,
            confidence: 0.7,
            target,
            source: None,
            message: "A name is garbled.".to_string(),
        };
        assert_eq!(rank::merge_overlapping(Vec::new()), merged(Vec::new()));
        for target in [None, Some(Span::new(3, 8)), Some(Span::point(4))] {
            assert_eq!(rank::merge_overlapping(vec![finding(target)]), vec![finding(target)]);
            assert_eq!(merged(vec![finding(target)]), vec![finding(target)]);
        }
    }
}
