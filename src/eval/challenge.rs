//! Scoring against a challenge set: clean pairs, and twins with one
//! injected glitch each. Does mtlint find the glitch where it is, and does
//! it stay quiet on the clean twin?
//!
//! - **Recall at the span**: a finding overlaps the injected span; around a
//!   zero-width span (text was removed there) a finding within
//!   [`TOLERANCE_CHARS`] code points counts, because "something is missing"
//!   can fairly be pinned to the word before or after the gap.
//! - **Pair recall**: any finding on the glitched pair, the figure segment-level
//!   tools (and the peers table in DESIGN.md) report.
//! - **False alarms**: clean records with a finding. The headline counts
//!   major+ findings (what fails a CI run); "any" counts every severity.

use super::findings_at_least;
use super::gold::ChallengeRecord;
use super::metrics::{self, Count, Recalled};
use crate::model::{Finding, Severity, Span};
use crate::Linter;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// How far from a zero-width gold span a finding may start or end and still count.
pub const TOLERANCE_CHARS: usize = 2;

#[derive(Debug, Clone, Serialize)]
pub struct ChallengeEval {
    /// Records with an injected glitch.
    pub glitched: usize,
    /// Clean records (`glitch: null`).
    pub clean: usize,
    /// All glitch kinds together.
    pub overall: KindRecall,
    /// Keyed by glitch kind, e.g. "truncated".
    pub kinds: BTreeMap<String, KindRecall>,
    /// The severity the headline false-alarm rate counts from (major, or
    /// the minimum severity when that is higher).
    pub false_alarm_severity: Severity,
    pub false_alarms: usize,
    pub false_alarm_rate: Option<f64>,
    /// Clean records with any finding at or above the minimum severity.
    pub false_alarms_any: usize,
    pub false_alarm_rate_any: Option<f64>,
    pub by_rule: BTreeMap<&'static str, RuleChallenge>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindRecall {
    pub n: usize,
    pub found: usize,
    pub recall: Option<f64>,
    pub pair_found: usize,
    pub pair_recall: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChallenge {
    /// Glitched records where this rule's finding overlaps the glitch span.
    pub span_hits: usize,
    /// The same, by glitch kind (kinds it never hits are left out).
    pub span_hits_by_kind: BTreeMap<String, usize>,
    /// Span hits over all glitched records, whatever their kind.
    pub recall: Option<f64>,
    pub false_alarms: usize,
    pub false_alarm_rate: Option<f64>,
    pub false_alarms_any: usize,
    pub false_alarm_rate_any: Option<f64>,
}

/// What one record contributes.
enum Outcome {
    Glitched { kind: String, span_hit_rules: Vec<&'static str>, flagged: bool },
    Clean { alarm_rules: Vec<&'static str>, any_rules: Vec<&'static str> },
}

pub fn evaluate(
    linter: &Linter,
    records: &[ChallengeRecord],
    rules: &[&'static str],
    min_severity: Severity,
) -> ChallengeEval {
    let alarm_severity = min_severity.max(Severity::Major);
    let outcomes: Vec<Outcome> = records
        .par_iter()
        .map(|r| outcome(r, &findings_at_least(linter, &r.pair, min_severity), alarm_severity))
        .collect();
    summarise(&outcomes, rules, alarm_severity)
}

fn outcome(record: &ChallengeRecord, findings: &[Finding], alarm_severity: Severity) -> Outcome {
    let rules_where = |keep: &dyn Fn(&Finding) -> bool| {
        let mut rules: Vec<&'static str> = findings.iter().filter(|f| keep(f)).map(|f| f.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    };
    match &record.glitch {
        Some(kind) => {
            let target = &record.pair.target;
            Outcome::Glitched {
                kind: kind.clone(),
                span_hit_rules: rules_where(&|f| f.target.is_some_and(|t| hits_glitch(target, record.span, t))),
                flagged: !findings.is_empty(),
            }
        }
        None => Outcome::Clean {
            alarm_rules: rules_where(&|f| f.severity >= alarm_severity),
            any_rules: rules_where(&|_| true),
        },
    }
}

/// Does a finding's German span meet the glitch span? Overlap as usual; a
/// zero-width glitch span is widened by [`TOLERANCE_CHARS`] code points on
/// each side, and a finding touching that window counts.
pub fn hits_glitch(target: &str, glitch: Span, finding: Span) -> bool {
    if !glitch.is_empty() {
        return finding.overlaps(&glitch);
    }
    let (lo, hi) = widen_by_chars(target, glitch.start, TOLERANCE_CHARS);
    finding.start <= hi && lo <= finding.end
}

/// Byte offsets `chars` code points before and after `at`, clamped to the text.
fn widen_by_chars(text: &str, at: usize, chars: usize) -> (usize, usize) {
    let lo = text[..at].char_indices().rev().take(chars).last().map_or(at, |(i, _)| i);
    let hi = text[at..].char_indices().nth(chars).map_or(text.len(), |(i, _)| at + i);
    (lo, hi)
}

fn summarise(outcomes: &[Outcome], rules: &[&'static str], alarm_severity: Severity) -> ChallengeEval {
    let mut kinds: BTreeMap<String, (Count, Count)> = BTreeMap::new();
    let (mut span_all, mut pair_all) = (Count::default(), Count::default());
    let (mut clean, mut alarms, mut alarms_any) = (0, 0, 0);
    let mut per_rule: BTreeMap<&'static str, RuleTally> = rules.iter().map(|&r| (r, RuleTally::default())).collect();
    for o in outcomes {
        match o {
            Outcome::Glitched { kind, span_hit_rules, flagged } => {
                let (span, pair) = kinds.entry(kind.clone()).or_default();
                for c in [span, &mut span_all] {
                    c.add(!span_hit_rules.is_empty());
                }
                for c in [pair, &mut pair_all] {
                    c.add(*flagged);
                }
                for rule in span_hit_rules {
                    *per_rule.entry(rule).or_default().hits.entry(kind.clone()).or_default() += 1;
                }
            }
            Outcome::Clean { alarm_rules, any_rules } => {
                clean += 1;
                alarms += usize::from(!alarm_rules.is_empty());
                alarms_any += usize::from(!any_rules.is_empty());
                for rule in alarm_rules {
                    per_rule.entry(rule).or_default().alarms += 1;
                }
                for rule in any_rules {
                    per_rule.entry(rule).or_default().alarms_any += 1;
                }
            }
        }
    }
    let glitched = span_all.n;
    ChallengeEval {
        glitched,
        clean,
        overall: kind_recall(span_all, pair_all),
        kinds: kinds.into_iter().map(|(k, (s, p))| (k, kind_recall(s, p))).collect(),
        false_alarm_severity: alarm_severity,
        false_alarms: alarms,
        false_alarm_rate: metrics::ratio(alarms, clean),
        false_alarms_any: alarms_any,
        false_alarm_rate_any: metrics::ratio(alarms_any, clean),
        by_rule: per_rule
            .into_iter()
            .map(|(rule, t)| {
                let hits = t.hits.values().sum();
                (
                    rule,
                    RuleChallenge {
                        span_hits: hits,
                        span_hits_by_kind: t.hits,
                        recall: metrics::ratio(hits, glitched),
                        false_alarms: t.alarms,
                        false_alarm_rate: metrics::ratio(t.alarms, clean),
                        false_alarms_any: t.alarms_any,
                        false_alarm_rate_any: metrics::ratio(t.alarms_any, clean),
                    },
                )
            })
            .collect(),
    }
}

/// One rule's counts while summarising.
#[derive(Default)]
struct RuleTally {
    hits: BTreeMap<String, usize>,
    alarms: usize,
    alarms_any: usize,
}

fn kind_recall(span: Count, pair: Count) -> KindRecall {
    let span = Recalled::from(span);
    KindRecall { n: span.n, found: span.found, recall: span.recall, pair_found: pair.found, pair_recall: pair.rate() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pair;

    #[test]
    fn zero_width_glitch_spans_allow_two_code_points() {
        // the gap is after "nicht" (byte 10); „ and ü are multi-byte
        let target = "Er kam „nicht über“ die Brücke.";
        let gap = target.find(" über").unwrap_or(0);
        let glitch = Span::point(gap);
        let at = |s: &str| target.find(s).unwrap_or(0);
        // "über" starts 1 code point after the gap: within tolerance
        assert!(hits_glitch(target, glitch, Span::new(at("über"), at("über") + "über".len())));
        // "die" starts 7 code points after the gap: too far
        assert!(!hits_glitch(target, glitch, Span::new(at("die"), at("die") + 3)));
        // a finding ending 2 code points before the gap ("ni" of "nicht"): touches the window edge
        let ni = at("nicht");
        assert!(hits_glitch(target, glitch, Span::new(ni - "„".len(), ni + 3)));
        // ending 3 code points before: no
        assert!(!hits_glitch(target, glitch, Span::new(at("kam"), at("kam") + 3)));
    }

    #[test]
    fn window_counts_code_points_not_bytes() {
        // two code points before the end are "ü" and "“" (2 + 3 bytes)
        let text = "Grüße„ü“";
        assert_eq!(widen_by_chars(text, text.len(), 2), (text.len() - 5, text.len()));
        assert_eq!(widen_by_chars(text, 0, 2), (0, 2));
    }

    #[test]
    fn non_empty_glitch_spans_need_overlap() {
        let t = "abcdefgh";
        assert!(hits_glitch(t, Span::new(2, 4), Span::new(3, 6)));
        assert!(!hits_glitch(t, Span::new(2, 4), Span::new(4, 6)));
        assert!(hits_glitch(t, Span::new(2, 4), Span::point(4)));
    }

    fn record(id: &str, target: &str, glitch: Option<&str>, span: Span) -> ChallengeRecord {
        ChallengeRecord {
            pair: Pair::new(id, "It took place, built especially for it.", target),
            glitch: glitch.map(String::from),
            span,
        }
    }

    #[test]
    fn evaluation_by_hand() {
        let broken = "Sie fand statt. eigens dafür gebaut.";
        let at = broken.find(". eigens").unwrap_or(0);
        let records = vec![
            record("a", broken, Some("spurious_period"), Span::new(at, at + 1)),
            // the finding is on "statt. eigens", far from this point: pair hit only
            record("b", broken, Some("truncated"), Span::point(broken.len())),
            record("c", "Sie fand statt, eigens dafür gebaut.", Some("truncated"), Span::point(0)),
            record("d", "Sie fand statt, eigens dafür gebaut.", None, Span::point(0)),
            record("e", broken, None, Span::point(0)),
        ];
        let linter = Linter::only(&["spurious-sentence-break".to_string()]).unwrap_or_else(|e| panic!("{e}"));
        let eval = evaluate(&linter, &records, &["spurious-sentence-break"], Severity::Minor);
        assert_eq!((eval.glitched, eval.clean), (3, 2));
        assert_eq!(
            eval.kinds["spurious_period"],
            KindRecall { n: 1, found: 1, recall: Some(1.0), pair_found: 1, pair_recall: Some(1.0) }
        );
        assert_eq!(
            eval.kinds["truncated"],
            KindRecall { n: 2, found: 0, recall: Some(0.0), pair_found: 1, pair_recall: Some(0.5) }
        );
        assert_eq!((eval.overall.found, eval.overall.pair_found, eval.overall.n), (1, 2, 3));
        assert_eq!((eval.false_alarms, eval.false_alarm_rate), (1, Some(0.5)));
        let rule = &eval.by_rule["spurious-sentence-break"];
        assert_eq!((rule.span_hits, rule.false_alarms, rule.false_alarms_any), (1, 1, 1));
        assert_eq!(rule.span_hits_by_kind, BTreeMap::from([("spurious_period".to_string(), 1)]));
    }
}
