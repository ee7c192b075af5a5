//! Ranking: turn each pair's raw findings into a ranked, de-duplicated list.
//!
//! Several detectors often point at the same broken span (a truncated
//! sentence is also an omission); an editor wants one row per problem, the
//! most severe and most certain first. Scores follow MQM: severity weight
//! (minor 1, major 5, critical 10) times the detector's confidence.

use crate::model::{Finding, Span};

/// Sorts findings by score (highest first) and merges those whose German
/// spans overlap: the best one is kept and names the others in its message.
pub fn merge_overlapping(mut findings: Vec<Finding>) -> Vec<Finding> {
    sort_by_score(&mut findings);
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut also: Vec<Vec<&'static str>> = Vec::new();
    for f in findings {
        match kept.iter().position(|k| same_place(k.target, f.target)) {
            Some(i) => {
                if kept[i].rule != f.rule && !also[i].contains(&f.rule) {
                    also[i].push(f.rule);
                }
            }
            None => {
                kept.push(f);
                also.push(Vec::new());
            }
        }
    }
    for (k, others) in kept.iter_mut().zip(also) {
        if !others.is_empty() {
            k.message.push_str(&format!(" (also: {})", others.join(", ")));
        }
    }
    kept
}

/// Two findings describe the same place when their German spans overlap.
/// Findings without a German span never merge.
fn same_place(a: Option<Span>, b: Option<Span>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if a.is_empty() && b.is_empty() => a == b,
        (Some(a), Some(b)) if a.is_empty() || b.is_empty() => false,
        (Some(a), Some(b)) => a.overlaps(&b),
        _ => false,
    }
}

/// Highest score first; ties by position so output is deterministic.
pub fn sort_by_score(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.score()
            .total_cmp(&a.score())
            .then_with(|| a.target.map(|s| s.start).cmp(&b.target.map(|s| s.start)))
            .then_with(|| a.rule.cmp(b.rule))
    });
}

/// A pair's MQM-style penalty: the sum of its findings' scores.
pub fn penalty(findings: &[Finding]) -> f32 {
    findings.iter().map(Finding::score).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Severity};

    fn finding(rule: &'static str, severity: Severity, confidence: f32, span: (usize, usize)) -> Finding {
        Finding {
            rule,
            category: Category::Mistranslation,
            severity,
            confidence,
            target: Some(Span::new(span.0, span.1)),
            source: None,
            message: "m".into(),
        }
    }

    #[test]
    fn overlapping_findings_merge_into_the_highest_score() {
        let merged = merge_overlapping(vec![
            finding("a", Severity::Minor, 1.0, (0, 10)),
            finding("b", Severity::Major, 0.9, (5, 12)),
            finding("c", Severity::Major, 0.5, (20, 25)),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].rule, "b");
        assert_eq!(merged[0].message, "m (also: a)");
        assert_eq!(merged[1].rule, "c");
    }

    #[test]
    fn zero_width_findings_merge_only_at_the_same_point() {
        let merged = merge_overlapping(vec![
            finding("a", Severity::Major, 1.0, (5, 5)),
            finding("b", Severity::Major, 0.9, (0, 10)),
        ]);
        assert_eq!(merged.len(), 2);
    }

    #[test]
    fn penalty_sums_weighted_scores() {
        let f = [finding("a", Severity::Critical, 0.5, (0, 1)), finding("b", Severity::Minor, 1.0, (2, 3))];
        assert_eq!(penalty(&f), 6.0);
    }
}
