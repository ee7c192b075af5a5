//! Scoring against MQM span annotations: do mtlint's findings land on
//! spans that professional raters marked as errors?
//!
//! - **Span precision**: a finding counts when it overlaps any rater's error
//!   span on its side (zero-width spans are points, which overlap a span
//!   they touch). Neutral annotations are not errors (MQM weight 0) and
//!   annotations without a location are left out.
//! - **Random baseline**: the same findings, each moved to a random place in
//!   its own pair with the same length (fixed seed). MQM files mark many
//!   spans, so even random spans hit often; a rule is only useful if it
//!   beats this.
//! - **Precision at k**: the k highest-scoring findings, as an editor
//!   working down the ranked list would meet them.
//! - **Recall** by category and severity: which annotated errors overlap
//!   any finding.
//! - **Correlation**: Spearman and Kendall tau-b between the pair penalty
//!   (sum of merged finding scores) and the MQM score.

use super::gold::{CharIndex, GoldError, MqmRecord};
use super::metrics::{self, Count, Recalled};
use crate::model::{Finding, Pair, Severity, Side, Span};
use crate::{rank, Linter};
use rayon::prelude::*;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// The ranking depths reported as "precision at k".
pub const TOP_K: [usize; 4] = [10, 50, 100, 500];

/// Random places drawn per finding; their mean is the baseline, so that a
/// rule with few findings still gets a steady baseline (one draw each
/// swings by ±0.1 on 20 findings).
pub const RANDOM_DRAWS: usize = 100;

#[derive(Debug, Clone, serde::Serialize)]
pub struct MqmEval {
    /// Rater error annotations used as gold spans (not Neutral, located).
    pub error_spans: usize,
    pub neutral_excluded: usize,
    pub unlocated_excluded: usize,
    /// Gold spans on the English side (compared with findings' source spans).
    pub source_side_spans: usize,
    pub seed: u64,
    /// The merged, ranked findings of all rules together.
    pub all_rules: RulePrecision,
    /// Each rule's raw findings on their own.
    pub rules: BTreeMap<&'static str, RulePrecision>,
    pub recall: Recall,
    pub correlation: Correlation,
}

/// Precision of findings at or above the minimum severity, and of the major+ ones.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RulePrecision {
    #[serde(flatten)]
    pub selected: PrecisionStats,
    pub major_plus: PrecisionStats,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PrecisionStats {
    /// Findings with a span that could be compared.
    pub findings: usize,
    pub hits: usize,
    pub span_precision: Option<f64>,
    /// Expected hits of the same findings at random places (mean over [`RANDOM_DRAWS`] draws).
    pub random_hits: f64,
    pub random_span_precision: Option<f64>,
    pub precision_at: PrecisionAt,
}

/// Precision at each depth of [`TOP_K`]; `None` when there are fewer findings.
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionAt(pub Vec<(usize, Option<f64>)>);

impl Serialize for PrecisionAt {
    /// A JSON object keyed by depth, in depth order: {"10": …, "50": …}.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&k.to_string(), v)?;
        }
        map.end()
    }
}

/// Which annotated errors overlap a finding (any rule, at or above the minimum severity).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Recall {
    pub overall: Recalled,
    /// Keyed by the annotation's severity, lowercase ("major", "minor").
    pub by_severity: BTreeMap<String, Recalled>,
    /// Keyed by MQM category, then severity; "all" sums the severities.
    pub by_category: BTreeMap<String, BTreeMap<String, Recalled>>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Correlation {
    /// Pairs with an `mqm` score.
    pub n: usize,
    pub spearman: Option<f64>,
    pub kendall: Option<f64>,
}

/// One finding, scored against the gold spans of its pair.
#[derive(Debug, Clone, Copy)]
struct Scored {
    rule: &'static str,
    severity: Severity,
    score: f32,
    hit: bool,
    /// Share of the random places that hit (0..1).
    random_hit: f64,
}

/// Everything one pair contributes.
struct PairOutcome {
    raw: Vec<Scored>,
    merged: Vec<Scored>,
    /// For each gold error used for recall: its index in the record and whether a finding overlaps it.
    errors_found: Vec<(usize, bool)>,
    penalty: f64,
}

/// Errors that count as gold spans: not Neutral, with a location.
fn gold_span(e: &GoldError) -> Option<(Side, Span)> {
    if e.is_neutral() {
        return None;
    }
    e.span.map(|s| (e.side, s))
}

pub fn evaluate(
    linter: &Linter,
    records: &[MqmRecord],
    rules: &[&'static str],
    min_severity: Severity,
    seed: u64,
) -> MqmEval {
    let score_source =
        records.iter().flat_map(|r| &r.errors).any(|e| gold_span(e).is_some_and(|(side, _)| side == Side::Source));
    // All pairs at once, in file order: `consistency` compares each segment
    // with the earlier segments of its document (same system, same `doc`).
    let pairs: Vec<&Pair> = records.iter().map(|r| &r.pair).collect();
    let findings = linter.check_batch(&pairs);
    let outcomes: Vec<PairOutcome> = records
        .par_iter()
        .zip(findings)
        .enumerate()
        .map(|(i, (record, mut findings))| {
            findings.retain(|f| f.severity >= min_severity);
            score_pair(record, findings, score_source, seed ^ SplitMix64::mix(i as u64))
        })
        .collect();

    let raw: Vec<Scored> = outcomes.iter().flat_map(|o| o.raw.iter().copied()).collect();
    let merged: Vec<Scored> = outcomes.iter().flat_map(|o| o.merged.iter().copied()).collect();
    let rules = rules.iter().map(|&rule| (rule, rule_precision(raw.iter().filter(|s| s.rule == rule)))).collect();

    let errors = records.iter().flat_map(|r| &r.errors);
    MqmEval {
        error_spans: errors.clone().filter(|e| gold_span(e).is_some()).count(),
        neutral_excluded: errors.clone().filter(|e| e.is_neutral()).count(),
        unlocated_excluded: errors.clone().filter(|e| !e.is_neutral() && e.span.is_none()).count(),
        source_side_spans: errors.filter(|e| gold_span(e).is_some_and(|(side, _)| side == Side::Source)).count(),
        seed,
        all_rules: rule_precision(merged.iter()),
        rules,
        recall: recall(records, &outcomes),
        correlation: correlation(records, &outcomes),
    }
}

/// Scores one pair's raw findings, and the merged ones, against its gold spans.
/// `seed` is the run's seed mixed with the record's position; each finding's
/// random places derive from it and the finding's own spans, so the same
/// span gets the same baseline whether scored alone or among merged findings.
fn score_pair(record: &MqmRecord, findings: Vec<Finding>, score_source: bool, seed: u64) -> PairOutcome {
    let gold: Vec<(Side, Span)> = record.errors.iter().filter_map(gold_span).collect();
    let texts = [CharIndex::new(&record.pair.source), CharIndex::new(&record.pair.target)];
    let score = |f: &Finding| -> Option<Scored> {
        let counted = f.target.is_some() || (score_source && f.source.is_some());
        counted.then(|| {
            let rng = &mut SplitMix64::for_finding(seed, f);
            let random_hits = (0..RANDOM_DRAWS)
                .filter(|_| {
                    let random = Located {
                        target: f.target.map(|s| random_place(s, &texts[1], rng)),
                        source: f.source.map(|s| random_place(s, &texts[0], rng)),
                    };
                    random.overlaps_any(&gold)
                })
                .count();
            Scored {
                rule: f.rule,
                severity: f.severity,
                score: f.score(),
                hit: Located { target: f.target, source: f.source }.overlaps_any(&gold),
                random_hit: random_hits as f64 / RANDOM_DRAWS as f64,
            }
        })
    };
    let raw: Vec<Scored> = findings.iter().filter_map(score).collect();
    let errors_found = record
        .errors
        .iter()
        .enumerate()
        .filter_map(|(i, e)| gold_span(e).map(|g| (i, g)))
        .map(|(i, g)| (i, findings.iter().any(|f| Located { target: f.target, source: f.source }.overlaps_any(&[g]))))
        .collect();
    let merged_findings = rank::merge_overlapping(findings);
    let penalty = f64::from(rank::penalty(&merged_findings));
    let merged = merged_findings.iter().filter_map(score).collect();
    PairOutcome { raw, merged, errors_found, penalty }
}

/// A finding's spans on both sides.
struct Located {
    target: Option<Span>,
    source: Option<Span>,
}

impl Located {
    fn overlaps_any(&self, gold: &[(Side, Span)]) -> bool {
        gold.iter().any(|(side, g)| {
            let mine = match side {
                Side::Target => self.target,
                Side::Source => self.source,
            };
            mine.is_some_and(|m| m.overlaps(g))
        })
    }
}

/// The same number of code points at a random place in the same text.
fn random_place(span: Span, text: &CharIndex, rng: &mut SplitMix64) -> Span {
    let (start, end) = (text.to_char(span.start), text.to_char(span.end));
    let len = end - start;
    let places = text.char_len().saturating_sub(len) + 1;
    let new_start = rng.below(places as u64) as usize;
    let byte = |c: usize| text.to_byte(c).unwrap_or(span.end);
    Span::new(byte(new_start), byte(new_start + len))
}

fn rule_precision<'a>(scored: impl Iterator<Item = &'a Scored>) -> RulePrecision {
    let selected: Vec<&Scored> = scored.collect();
    let major: Vec<&Scored> = selected.iter().copied().filter(|s| s.severity >= Severity::Major).collect();
    RulePrecision { selected: precision_stats(&selected), major_plus: precision_stats(&major) }
}

fn precision_stats(scored: &[&Scored]) -> PrecisionStats {
    let hits = scored.iter().filter(|s| s.hit).count();
    let random_hits: f64 = scored.iter().map(|s| s.random_hit).sum();
    let ranked: Vec<(f32, bool)> = scored.iter().map(|s| (s.score, s.hit)).collect();
    PrecisionStats {
        findings: scored.len(),
        hits,
        span_precision: metrics::ratio(hits, scored.len()),
        random_hits,
        random_span_precision: (!scored.is_empty()).then(|| random_hits / scored.len() as f64),
        precision_at: PrecisionAt(TOP_K.iter().map(|&k| (k, metrics::precision_at(&ranked, k))).collect()),
    }
}

fn recall(records: &[MqmRecord], outcomes: &[PairOutcome]) -> Recall {
    let mut overall = Count::default();
    let mut by_severity: BTreeMap<String, Count> = BTreeMap::new();
    let mut by_category: BTreeMap<String, BTreeMap<String, Count>> = BTreeMap::new();
    for (record, outcome) in records.iter().zip(outcomes) {
        for &(i, found) in &outcome.errors_found {
            let e = &record.errors[i];
            overall.add(found);
            by_severity.entry(e.severity.clone()).or_default().add(found);
            let category = by_category.entry(e.category.clone()).or_default();
            category.entry(e.severity.clone()).or_default().add(found);
            category.entry("all".to_string()).or_default().add(found);
        }
    }
    let to_recalled = |m: BTreeMap<String, Count>| m.into_iter().map(|(k, c)| (k, Recalled::from(c))).collect();
    Recall {
        overall: overall.into(),
        by_severity: to_recalled(by_severity),
        by_category: by_category.into_iter().map(|(k, m)| (k, to_recalled(m))).collect(),
    }
}

fn correlation(records: &[MqmRecord], outcomes: &[PairOutcome]) -> Correlation {
    let (penalties, mqm): (Vec<f64>, Vec<f64>) =
        records.iter().zip(outcomes).filter_map(|(r, o)| r.mqm.map(|m| (o.penalty, m))).unzip();
    Correlation {
        n: mqm.len(),
        spearman: metrics::spearman(&penalties, &mqm),
        kendall: metrics::kendall_tau_b(&penalties, &mqm),
    }
}

/// SplitMix64: a tiny, well-mixed generator. Seeded per finding, so the
/// baseline does not depend on the order threads finish in.
struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for one finding: the pair's seed and the finding's spans.
    fn for_finding(seed: u64, f: &Finding) -> Self {
        let mut state = seed;
        for span in [f.target, f.source] {
            let (start, end) = span.map_or((u64::MAX, u64::MAX), |s| (s.start as u64, s.end as u64));
            state = Self::mix(state ^ Self::mix(start) ^ Self::mix(end).rotate_left(17));
        }
        SplitMix64(state)
    }
    /// The SplitMix64 output function: a bijection that scatters nearby inputs.
    fn mix(x: u64) -> u64 {
        let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (the modulo bias is below 1e-15 for text lengths).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Pair};

    fn error(side: Side, span: (usize, usize), category: &str, severity: &str) -> GoldError {
        GoldError { side, span: Some(Span::new(span.0, span.1)), category: category.into(), severity: severity.into() }
    }

    fn finding(rule: &'static str, severity: Severity, confidence: f32, target: Option<(usize, usize)>) -> Finding {
        Finding {
            rule,
            category: Category::Mistranslation,
            severity,
            confidence,
            target: target.map(|(s, e)| Span::new(s, e)),
            source: None,
            message: String::new(),
        }
    }

    fn record(target: &str, errors: Vec<GoldError>) -> MqmRecord {
        MqmRecord { pair: Pair::new("p", "An English source.", target), errors, mqm: Some(1.0) }
    }

    #[test]
    fn overlap_rules_for_spans_and_points() {
        // target: "Das ist ein Test." — gold: "ist" (4..7) and a point at 11 (after "ein")
        let r = record(
            "Das ist ein Test.",
            vec![
                error(Side::Target, (4, 7), "Fluency/Grammar", "minor"),
                error(Side::Target, (11, 11), "Accuracy/Omission", "major"),
            ],
        );
        let findings = vec![
            finding("a", Severity::Major, 1.0, Some((0, 4))), // "Das " ends where "ist" starts: miss
            finding("a", Severity::Major, 1.0, Some((6, 9))), // overlaps "ist": hit
            finding("b", Severity::Minor, 1.0, Some((8, 11))), // "ein" touches the point at 11: hit
            finding("b", Severity::Minor, 1.0, Some((12, 12))), // point after the gold point: miss
            finding("b", Severity::Minor, 1.0, None),         // no span: not scored
        ];
        let out = score_pair(&r, findings, false, 0);
        let hits: Vec<bool> = out.raw.iter().map(|s| s.hit).collect();
        assert_eq!(hits, [false, true, true, false]);
        // both gold errors are found
        assert_eq!(out.errors_found, [(0, true), (1, true)]);
    }

    #[test]
    fn neutral_and_unlocated_annotations_are_not_error_spans() {
        let mut unlocated = error(Side::Target, (0, 0), "Other", "minor");
        unlocated.span = None;
        let r = record("Das ist ein Test.", vec![error(Side::Target, (0, 3), "Style/Awkward", "neutral"), unlocated]);
        let out = score_pair(&r, vec![finding("a", Severity::Major, 1.0, Some((0, 3)))], false, 0);
        assert!(!out.raw[0].hit);
        assert!(out.errors_found.is_empty());
    }

    #[test]
    fn source_side_annotations_meet_source_spans() {
        let r = MqmRecord {
            pair: Pair::new("p", "He did not come.", "Er kam."),
            errors: vec![error(Side::Source, (7, 10), "Accuracy/Omission", "major")],
            mqm: Some(5.0),
        };
        let mut f = finding("neg", Severity::Major, 1.0, None);
        f.source = Some(Span::new(7, 10));
        let out = score_pair(&r, vec![f.clone()], true, 0);
        assert!(out.raw[0].hit);
        assert_eq!(out.errors_found, [(0, true)]);
        // files without source-side spans do not score source-only findings
        assert!(score_pair(&r, vec![f], false, 0).raw.is_empty());
    }

    #[test]
    fn random_baseline_is_certain_when_gold_covers_all_or_nothing() {
        let f = || vec![finding("a", Severity::Major, 1.0, Some((0, 4)))];
        let whole = record("Ganz falsch.", vec![error(Side::Target, (0, 12), "Non-translation", "major")]);
        assert_eq!(score_pair(&whole, f(), false, 3).raw[0].random_hit, 1.0);
        let clean = record("Ganz richtig.", vec![]);
        assert_eq!(score_pair(&clean, f(), false, 3).raw[0].random_hit, 0.0);
    }

    #[test]
    fn random_places_keep_the_length_in_code_points() {
        let text = "„Öl“ über Ärger";
        let index = CharIndex::new(text);
        let span = Span::new(text.find("über").unwrap_or(0), text.find(" Ärger").unwrap_or(0));
        let mut rng = SplitMix64(42);
        for _ in 0..50 {
            let moved = random_place(span, &index, &mut rng);
            assert_eq!(text[moved.start..moved.end].chars().count(), 4, "{moved:?}");
        }
    }

    #[test]
    fn evaluation_by_hand() {
        // Two pairs; the spurious-sentence-break rule fires on "statt. eigens" in pair 1.
        let target1 = "Sie fand statt. eigens dafür gebaut.";
        let brk = target1.find("statt").unwrap_or(0);
        let records = vec![
            MqmRecord {
                pair: Pair::new("1", "It took place, built especially for it.", target1),
                errors: vec![
                    error(Side::Target, (brk, brk + 6), "Fluency/Punctuation", "minor"),
                    error(Side::Target, (0, 3), "Accuracy/Mistranslation", "major"),
                    error(Side::Target, (0, 3), "Style/Awkward", "neutral"),
                ],
                mqm: Some(6.0),
            },
            MqmRecord {
                pair: Pair::new("2", "We met on January 12.", "Wir trafen uns am 12. Januar."),
                errors: vec![error(Side::Target, (0, 3), "Accuracy/Mistranslation", "minor")],
                mqm: Some(1.0),
            },
        ];
        let linter = Linter::only(&["spurious-sentence-break".to_string()]).unwrap_or_else(|e| panic!("{e}"));
        let eval = evaluate(&linter, &records, &["spurious-sentence-break"], Severity::Minor, 1);
        assert_eq!((eval.error_spans, eval.neutral_excluded, eval.unlocated_excluded), (3, 1, 0));
        let rule = &eval.rules["spurious-sentence-break"];
        assert_eq!((rule.selected.findings, rule.selected.hits, rule.selected.span_precision), (1, 1, Some(1.0)));
        assert_eq!(rule.major_plus.findings, 1);
        // the same finding alone and among the merged ones gets the same random places
        assert_eq!(eval.all_rules.selected.random_span_precision, rule.selected.random_span_precision);
        assert_eq!(rule.selected.precision_at.0[0], (10, None));
        // recall: 1 of 3 errors; the minor punctuation one
        assert_eq!((eval.recall.overall.found, eval.recall.overall.n), (1, 3));
        assert_eq!(eval.recall.by_severity["minor"].found, 1);
        assert_eq!(eval.recall.by_category["Fluency/Punctuation"]["all"].recall, Some(1.0));
        assert_eq!(eval.recall.by_category["Accuracy/Mistranslation"]["major"].recall, Some(0.0));
        // penalties (positive, 0) against mqm (6, 1): perfectly concordant
        assert_eq!((eval.correlation.n, eval.correlation.spearman), (2, Some(1.0)));
        assert_eq!(eval.correlation.kendall, Some(1.0));
    }

    fn in_document(id: &str, doc: &str, source: &str, target: &str, errors: Vec<GoldError>) -> MqmRecord {
        let mut pair = Pair::new(id, source, target).at(&std::sync::Arc::from("gold.jsonl"), 1, None);
        if let Some(origin) = pair.origin.as_mut() {
            origin.document = Some(doc.to_string());
        }
        MqmRecord { pair, errors, mqm: Some(1.0) }
    }

    #[test]
    fn cross_pair_consistency_is_scored_within_a_document() {
        let kuschner = |id: &str, doc: &str| {
            let errors = vec![error(Side::Target, (13, 21), "Fluency/Spelling", "minor")];
            in_document(id, doc, "Later, Kushner flew home.", "Später flog Kuschner nach Hause.", errors)
        };
        let records = vec![
            in_document("sys:1", "a", "He met Jared Kushner.", "Er traf Jared Kushner.", vec![]),
            kuschner("sys:2", "a"),
            kuschner("sys:3", "b"), // another document: nothing to compare with
        ];
        let linter = Linter::only(&["consistency".to_string()]).unwrap_or_else(|e| panic!("{e}"));
        let eval = evaluate(&linter, &records, &["consistency"], Severity::Minor, 1);
        let rule = &eval.rules["consistency"];
        assert_eq!((rule.selected.findings, rule.selected.hits), (1, 1));
    }
}
