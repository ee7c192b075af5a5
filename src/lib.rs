//! mtlint checks German machine translation against its English source and
//! ranks the spans most likely broken, each with the reason.
//!
//! The pipeline: readers ([`input`]) produce [`Pair`]s; each side is
//! analysed once ([`text::Analysis`]); every enabled [`detect::Detector`]
//! reports [`Finding`]s; [`rank`] merges and orders them; [`report`] prints
//! them. Everything after reading is pure and runs in parallel across pairs.
//!
//! ```
//! use mtlint::{Linter, Pair};
//! let linter = Linter::all();
//! let pair = Pair::new("1", "We met on January 12.", "Wir trafen uns am 12. Januar. dann");
//! let findings = linter.check(&pair);
//! assert!(findings.iter().any(|f| f.rule == "spurious-sentence-break"));
//! ```

pub mod align;
pub mod detect;
pub mod error;
pub mod fetch;
pub mod input;
pub mod model;
pub mod rank;
pub mod report;
pub mod text;

pub use error::{Error, Result};
pub use model::{Category, Finding, Pair, Severity, Side, Span};

use detect::{Detector, PairView};
use rayon::prelude::*;
use text::{Analysis, Lang};

/// A set of enabled detectors, ready to check pairs.
pub struct Linter {
    detectors: Vec<Box<dyn Detector>>,
}

/// A checked pair: the pair and its findings, merged and ranked.
#[derive(Debug, Clone)]
pub struct PairReport {
    pub pair: Pair,
    pub findings: Vec<Finding>,
}

impl Linter {
    /// Every detector mtlint ships.
    pub fn all() -> Self {
        Linter { detectors: detect::all() }
    }

    /// Only the named rules; an unknown name is an error listing the known ones.
    pub fn only(rules: &[String]) -> std::result::Result<Self, String> {
        let all = detect::all();
        if let Some(unknown) = rules.iter().find(|r| !all.iter().any(|d| d.id() == r.as_str())) {
            let known: Vec<&str> = all.iter().map(|d| d.id()).collect();
            return Err(format!("unknown rule `{unknown}`; known rules: {}", known.join(", ")));
        }
        let detectors = all.into_iter().filter(|d| rules.iter().any(|r| r == d.id())).collect();
        Ok(Linter { detectors })
    }

    pub fn detectors(&self) -> &[Box<dyn Detector>] {
        &self.detectors
    }

    /// All raw findings for one pair, unmerged (what evaluation scores).
    pub fn check(&self, pair: &Pair) -> Vec<Finding> {
        let source = Analysis::new(&pair.source, Lang::English);
        let target = Analysis::new(&pair.target, Lang::German);
        let view = PairView { id: &pair.id, source: &source, target: &target };
        let mut findings = Vec::new();
        for detector in &self.detectors {
            detector.check(&view, &mut findings);
        }
        findings
    }

    /// Checks one pair and merges overlapping findings, best first.
    pub fn report(&self, pair: Pair) -> PairReport {
        let findings = rank::merge_overlapping(self.check(&pair));
        PairReport { pair, findings }
    }

    /// Checks many pairs in parallel; the result keeps the input order.
    pub fn report_all(&self, pairs: Vec<Pair>) -> Vec<PairReport> {
        pairs.into_par_iter().map(|p| self.report(p)).collect()
    }
}
