//! Scoring against critical-error labels: does "mtlint found something at
//! or above the minimum severity" agree with annotators who judged the
//! translation critically wrong (meaning changed in a harmful way)?
//!
//! Reported as precision, recall and the Matthews correlation coefficient
//! (the WMT critical-error task's measure; it stays honest when, as here,
//! the classes are unbalanced), at the chosen threshold, at every
//! severity threshold, and for each rule alone.

use super::findings_at_least;
use super::gold::CriticalRecord;
use super::metrics::Confusion;
use crate::model::{Finding, Severity};
use crate::Linter;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

pub const THRESHOLDS: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

#[derive(Debug, Clone, Serialize)]
pub struct CriticalEval {
    /// Records labelled critical.
    pub positives: usize,
    pub negatives: usize,
    /// Prediction "any finding at or above the minimum severity".
    #[serde(flatten)]
    pub selected: Agreement,
    /// Keyed by severity ("minor", "major", "critical").
    pub by_threshold: BTreeMap<&'static str, Agreement>,
    /// Each rule alone, at the minimum severity.
    pub by_rule: BTreeMap<&'static str, Agreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Records the prediction flags.
    pub flagged: usize,
    #[serde(flatten)]
    pub confusion: Confusion,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub mcc: f64,
}

impl From<Confusion> for Agreement {
    fn from(c: Confusion) -> Self {
        Agreement { flagged: c.tp + c.fp, confusion: c, precision: c.precision(), recall: c.recall(), mcc: c.mcc() }
    }
}

pub fn evaluate(
    linter: &Linter,
    records: &[CriticalRecord],
    rules: &[&'static str],
    min_severity: Severity,
) -> CriticalEval {
    // Findings at every severity, so that each threshold can be scored from one run.
    let findings: Vec<Vec<Finding>> =
        records.par_iter().map(|r| findings_at_least(linter, &r.pair, Severity::Minor)).collect();
    let agreement = |predict: &dyn Fn(&[Finding]) -> bool| {
        let mut c = Confusion::default();
        for (r, f) in records.iter().zip(&findings) {
            c.add(predict(f), r.critical);
        }
        Agreement::from(c)
    };
    let any_at = |level: Severity| move |f: &[Finding]| f.iter().any(|f| f.severity >= level);
    let positives = records.iter().filter(|r| r.critical).count();
    CriticalEval {
        positives,
        negatives: records.len() - positives,
        selected: agreement(&any_at(min_severity)),
        by_threshold: THRESHOLDS.iter().map(|&s| (s.as_str(), agreement(&any_at(s)))).collect(),
        by_rule: rules
            .iter()
            .map(|&rule| {
                (rule, agreement(&|f: &[Finding]| f.iter().any(|f| f.rule == rule && f.severity >= min_severity)))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pair;

    #[test]
    fn evaluation_by_hand() {
        let flagged = "Sie fand statt. eigens dafür gebaut.";
        let quiet = "Sie fand statt, eigens dafür gebaut.";
        let records: Vec<CriticalRecord> =
            [(flagged, true), (flagged, true), (flagged, false), (quiet, true), (quiet, false), (quiet, false)]
                .iter()
                .enumerate()
                .map(|(i, (t, critical))| CriticalRecord {
                    pair: Pair::new(i.to_string(), "It took place.", *t),
                    critical: *critical,
                })
                .collect();
        let linter = Linter::only(&["spurious-sentence-break".to_string()]).unwrap_or_else(|e| panic!("{e}"));
        let eval = evaluate(&linter, &records, &["spurious-sentence-break"], Severity::Major);
        // tp 2, fp 1, fn 1, tn 2: precision 2/3, recall 2/3, MCC (4 - 1) / sqrt(3*3*3*3) = 1/3
        assert_eq!((eval.positives, eval.negatives), (3, 3));
        assert_eq!(eval.selected.confusion, Confusion { tp: 2, fp: 1, fn_: 1, tn: 2 });
        assert_eq!(eval.selected.precision, Some(2.0 / 3.0));
        assert!((eval.selected.mcc - 1.0 / 3.0).abs() < 1e-12);
        // the rule is major: nothing reaches critical
        assert_eq!(eval.by_threshold["critical"].flagged, 0);
        assert_eq!(eval.by_threshold["critical"].mcc, 0.0);
        assert_eq!(eval.by_rule["spurious-sentence-break"], eval.selected);
    }
}
