//! Printing an [`Evaluation`]: readable tables for people, one JSON object
//! with the same numbers (stable keys, `null` where a figure cannot be
//! computed) for scripts that track them from change to change.

use super::challenge::{ChallengeEval, TOLERANCE_CHARS};
use super::critical::{CriticalEval, THRESHOLDS};
use super::metrics::Recalled;
use super::mqm::{MqmEval, PrecisionStats};
use super::{Evaluation, Section};
use serde::Serialize;
use std::io::{self, Write};
use tabled::builder::Builder;
use tabled::settings::Style;

/// Output formats of `mtlint eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// Tables for people.
    Table,
    /// One JSON object for scripts.
    Json,
}

/// The JSON document: the evaluation with a format version and the file it scored.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    file: &'a str,
    #[serde(flatten)]
    evaluation: &'a Evaluation,
}

pub fn write(out: &mut dyn Write, format: EvalFormat, file: &str, evaluation: &Evaluation) -> io::Result<()> {
    match format {
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &Document { version: 1, file, evaluation })?;
            writeln!(out)
        }
        EvalFormat::Table => write_tables(out, file, evaluation),
    }
}

fn write_tables(out: &mut dyn Write, file: &str, e: &Evaluation) -> io::Result<()> {
    writeln!(out, "mtlint eval {file}: {} records", e.records)?;
    writeln!(out, "Rules: {}. Findings at or above {}.", e.rules.join(", "), e.min_severity)?;
    if !e.not_scored.is_empty() {
        writeln!(
            out,
            "Not scored (they compare records with each other; eval takes each record alone): {}.",
            e.not_scored.join(", ")
        )?;
    }
    match &e.section {
        Section::Mqm(m) => write_mqm(out, m),
        Section::Challenge(c) => write_challenge(out, c),
        Section::Critical(c) => write_critical(out, c, e),
    }
}

/// A rate with three decimals, or "–" when it cannot be computed.
fn rate(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.3}"))
}

/// "0.250 (1/4)".
fn recalled(r: &Recalled) -> String {
    format!("{} ({}/{})", rate(r.recall), r.found, r.n)
}

fn table(builder: Builder) -> String {
    let mut table = builder.build();
    table.with(Style::rounded());
    table.to_string()
}

fn write_mqm(out: &mut dyn Write, m: &MqmEval) -> io::Result<()> {
    writeln!(
        out,
        "\nMQM span annotations: {} rater error spans ({} Neutral and {} unlocated annotations excluded{}).",
        m.error_spans,
        m.neutral_excluded,
        m.unlocated_excluded,
        if m.source_side_spans > 0 { format!("; {} on the English side", m.source_side_spans) } else { String::new() }
    )?;
    writeln!(
        out,
        "\nSpan precision: a finding counts when it overlaps any rater's error span (zero-width spans are points)."
    )?;
    writeln!(
        out,
        "Random: each finding moved to a random place in its own pair, same length (mean of {} draws, seed {}).",
        super::mqm::RANDOM_DRAWS,
        m.seed
    )?;
    let mut b = Builder::default();
    let mut header = vec!["rule".to_string(), "findings".into(), "precision".into(), "random".into()];
    header.extend(m.all_rules.selected.precision_at.0.iter().map(|(k, _)| format!("p@{k}")));
    b.push_record(header);
    let mut push = |name: &str, stats: &PrecisionStats| {
        let mut row = vec![
            name.to_string(),
            stats.findings.to_string(),
            rate(stats.span_precision),
            rate(stats.random_span_precision),
        ];
        row.extend(stats.precision_at.0.iter().map(|(_, p)| rate(*p)));
        b.push_record(row);
    };
    push("all rules (merged)", &m.all_rules.selected);
    push("  major+", &m.all_rules.major_plus);
    for (rule, p) in &m.rules {
        push(rule, &p.selected);
        push("  major+", &p.major_plus);
    }
    writeln!(out, "{}", table(b))?;

    writeln!(out, "\nRecall: annotated errors (one per rater) that overlap a finding of any rule.")?;
    let severities = severity_columns(m.recall.by_severity.keys());
    let mut b = Builder::default();
    let mut header = vec!["category".to_string()];
    header.extend(severities.iter().cloned());
    header.push("all".into());
    b.push_record(header);
    for (category, by_sev) in &m.recall.by_category {
        let mut row = vec![category.clone()];
        row.extend(severities.iter().map(|s| by_sev.get(s).map_or_else(|| "–".to_string(), recalled)));
        row.push(by_sev.get("all").map_or_else(|| "–".to_string(), recalled));
        b.push_record(row);
    }
    let mut total = vec!["all categories".to_string()];
    total.extend(severities.iter().map(|s| m.recall.by_severity.get(s).map_or_else(|| "–".to_string(), recalled)));
    total.push(recalled(&m.recall.overall));
    b.push_record(total);
    writeln!(out, "{}", table(b))?;

    let c = &m.correlation;
    writeln!(
        out,
        "\nSegment level, pair penalty against the MQM score ({} pairs): Spearman {}, Kendall tau-b {}.",
        c.n,
        rate(c.spearman),
        rate(c.kendall)
    )
}

/// The severities found in the annotations, worst first ("critical", "major", "minor", then others).
fn severity_columns<'a>(found: impl Iterator<Item = &'a String>) -> Vec<String> {
    let order = |s: &str| ["critical", "major", "minor"].iter().position(|o| *o == s).unwrap_or(3);
    let mut columns: Vec<String> = found.cloned().collect();
    columns.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.cmp(b)));
    columns
}

fn write_challenge(out: &mut dyn Write, c: &ChallengeEval) -> io::Result<()> {
    writeln!(
        out,
        "\nChallenge set: {} glitched records ({} kinds), {} clean records.",
        c.glitched,
        c.kinds.len(),
        c.clean
    )?;
    writeln!(
        out,
        "Recall: a finding overlaps the injected span (±{TOLERANCE_CHARS} code points around a zero-width span); pair recall: any finding on the pair."
    )?;
    let mut b = Builder::default();
    b.push_record(["glitch kind", "n", "recall", "pair recall"]);
    let mut push = |name: &str, k: &super::challenge::KindRecall| {
        b.push_record([name.to_string(), k.n.to_string(), rate(k.recall), rate(k.pair_recall)]);
    };
    for (kind, k) in &c.kinds {
        push(kind, k);
    }
    push("all kinds", &c.overall);
    writeln!(out, "{}", table(b))?;
    writeln!(
        out,
        "\nFalse alarms on clean records: {}+ {} ({}/{}); any severity {} ({}/{}).",
        c.false_alarm_severity,
        rate(c.false_alarm_rate),
        c.false_alarms,
        c.clean,
        rate(c.false_alarm_rate_any),
        c.false_alarms_any,
        c.clean
    )?;
    let mut b = Builder::default();
    b.push_record([
        "rule".to_string(),
        "span hits".into(),
        "mostly on".into(),
        format!("false alarms {}+", c.false_alarm_severity),
        "any".into(),
    ]);
    for (rule, r) in &c.by_rule {
        b.push_record([
            rule.to_string(),
            r.span_hits.to_string(),
            top_kinds(&r.span_hits_by_kind, 2),
            format!("{} ({})", rate(r.false_alarm_rate), r.false_alarms),
            format!("{} ({})", rate(r.false_alarm_rate_any), r.false_alarms_any),
        ]);
    }
    writeln!(out, "{}", table(b))
}

/// The `n` kinds with the most hits: "truncated 121, omitted_clause 40".
fn top_kinds(hits: &std::collections::BTreeMap<String, usize>, n: usize) -> String {
    let mut kinds: Vec<(&String, &usize)> = hits.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    kinds.iter().take(n).map(|(k, c)| format!("{k} {c}")).collect::<Vec<_>>().join(", ")
}

fn write_critical(out: &mut dyn Write, c: &CriticalEval, e: &Evaluation) -> io::Result<()> {
    writeln!(out, "\nCritical-error labels: {} critical, {} not.", c.positives, c.negatives)?;
    writeln!(
        out,
        "Prediction: \"any finding at or above the threshold\"; * marks the chosen one ({}).",
        e.min_severity
    )?;
    let mut b = Builder::default();
    b.push_record(["threshold", "flagged", "tp", "fp", "fn", "tn", "precision", "recall", "MCC"]);
    for s in THRESHOLDS {
        if let Some(a) = c.by_threshold.get(s.as_str()) {
            let mark = if s == e.min_severity { " *" } else { "" };
            let k = a.confusion;
            b.push_record([
                format!("{s}+{mark}"),
                a.flagged.to_string(),
                k.tp.to_string(),
                k.fp.to_string(),
                k.fn_.to_string(),
                k.tn.to_string(),
                rate(a.precision),
                rate(a.recall),
                format!("{:.3}", a.mcc),
            ]);
        }
    }
    writeln!(out, "{}", table(b))?;
    let mut b = Builder::default();
    b.push_record(["rule", "flagged", "precision", "recall", "MCC"]);
    for (rule, a) in &c.by_rule {
        b.push_record([
            rule.to_string(),
            a.flagged.to_string(),
            rate(a.precision),
            rate(a.recall),
            format!("{:.3}", a.mcc),
        ]);
    }
    writeln!(out, "{}", table(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_print_three_decimals_or_a_dash() {
        assert_eq!(rate(Some(2.0 / 3.0)), "0.667");
        assert_eq!(rate(None), "–");
        assert_eq!(recalled(&Recalled { found: 1, n: 4, recall: Some(0.25) }), "0.250 (1/4)");
    }

    #[test]
    fn top_kinds_by_hits_then_name() {
        let hits = std::collections::BTreeMap::from([("b".to_string(), 3), ("a".to_string(), 3), ("c".to_string(), 9)]);
        assert_eq!(top_kinds(&hits, 2), "c 9, a 3");
        assert_eq!(top_kinds(&Default::default(), 2), "");
    }

    #[test]
    fn severity_columns_worst_first() {
        let found = ["minor".to_string(), "other".into(), "major".into()];
        assert_eq!(severity_columns(found.iter()), ["major", "minor", "other"]);
    }
}
