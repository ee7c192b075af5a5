//! `--format summary`: one row per rule, for the team lead who wants to
//! know what kind of trouble a batch has before anyone reads findings.
//!
//! Counts by severity, how many pairs each rule touched, and the
//! highest-scoring example of each rule. Only counters and one example per
//! rule are kept, so it runs in constant memory on any batch.

use super::{Emitter, Options, Summary};
use crate::model::Finding;
use crate::PairReport;
use std::collections::BTreeMap;
use std::io::{self, Write};
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Modify, Style, Width};

/// Characters of the example's flagged text shown in the table.
const EXAMPLE_CHARS: usize = 40;

#[derive(Default)]
struct RuleCounts {
    critical: usize,
    major: usize,
    minor: usize,
    pairs: usize,
    /// Score, pair id and flagged German (or English) text of the best finding.
    example: Option<(f32, String, String)>,
}

pub struct SummaryEmitter {
    options: Options,
    rules: BTreeMap<&'static str, RuleCounts>,
    pairs_with_findings: usize,
}

impl SummaryEmitter {
    pub fn new(options: Options) -> Self {
        SummaryEmitter { options, rules: BTreeMap::new(), pairs_with_findings: 0 }
    }

    fn count(&mut self, report: &PairReport, f: &Finding, first_of_rule_in_pair: bool) {
        let counts = self.rules.entry(f.rule).or_default();
        match f.severity {
            crate::Severity::Critical => counts.critical += 1,
            crate::Severity::Major => counts.major += 1,
            crate::Severity::Minor => counts.minor += 1,
        }
        if first_of_rule_in_pair {
            counts.pairs += 1;
        }
        if counts.example.as_ref().is_none_or(|(best, _, _)| f.score() > *best) {
            counts.example = Some((f.score(), report.pair.id.clone(), example_text(report, f)));
        }
    }
}

/// The flagged German, else the English the finding points at, shortened.
fn example_text(report: &PairReport, f: &Finding) -> String {
    let (side, text) = match (f.target, f.source) {
        (Some(s), _) if s.start < s.end => ("", report.pair.target.get(s.start..s.end)),
        (_, Some(s)) => ("English: ", report.pair.source.get(s.start..s.end)),
        _ => ("", None),
    };
    let text = text.unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(EXAMPLE_CHARS) {
        Some((cut, _)) => format!("{side}{}…", &text[..cut]),
        None => format!("{side}{text}"),
    }
}

impl Emitter for SummaryEmitter {
    fn pair(&mut self, _out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        let shown: Vec<&Finding> = report.findings.iter().filter(|f| f.severity >= self.options.min_severity).collect();
        if !shown.is_empty() {
            self.pairs_with_findings += 1;
        }
        for (i, f) in shown.iter().enumerate() {
            let first = !shown[..i].iter().any(|g| g.rule == f.rule);
            self.count(&report, f, first);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let mut rows: Vec<(&&str, &RuleCounts)> = self.rules.iter().collect();
        // Worst first: critical, then major, then minor counts.
        rows.sort_by_key(|(_, c)| std::cmp::Reverse((c.critical, c.major, c.minor)));
        if rows.is_empty() {
            writeln!(out, "No findings at or above {} in {} pairs.", self.options.min_severity, summary.pairs)?;
            return Ok(());
        }
        let mut builder = Builder::default();
        builder.push_record(["rule", "critical", "major", "minor", "pairs", "worst example"]);
        for (rule, c) in &rows {
            let example = c.example.as_ref().map_or(String::new(), |(_, id, text)| format!("{id}: {text}"));
            builder.push_record([
                rule.to_string(),
                c.critical.to_string(),
                c.major.to_string(),
                c.minor.to_string(),
                c.pairs.to_string(),
                example,
            ]);
        }
        let total = |f: fn(&RuleCounts) -> usize| rows.iter().map(|(_, c)| f(c)).sum::<usize>().to_string();
        builder.push_record([
            "all rules".to_string(),
            total(|c| c.critical),
            total(|c| c.major),
            total(|c| c.minor),
            self.pairs_with_findings.to_string(),
            String::new(),
        ]);
        let mut table = builder.build();
        table
            .with(Style::rounded())
            .with(Modify::new(Columns::new(1..5)).with(Alignment::right()))
            .with(Modify::new(Columns::one(5)).with(Width::wrap(44).keep_words(true)));
        writeln!(out, "{table}")?;
        let share = 100.0 * self.pairs_with_findings as f64 / summary.pairs.max(1) as f64;
        writeln!(
            out,
            "{} of {} pairs ({share:.1} %) have findings at or above {}",
            self.pairs_with_findings, summary.pairs, self.options.min_severity
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Pair, Span};
    use crate::Severity;

    fn finding(rule: &'static str, severity: Severity, confidence: f32, at: (usize, usize)) -> Finding {
        Finding {
            rule,
            category: Category::Mistranslation,
            severity,
            confidence,
            target: Some(Span::new(at.0, at.1)),
            source: None,
            message: String::new(),
        }
    }

    #[test]
    fn counts_per_rule_worst_first_with_the_best_example() {
        let options = Options { min_severity: Severity::Minor, top: None, color: false, fail_on: Severity::Major };
        let mut emitter = SummaryEmitter::new(options);
        let mut summary = Summary::default();
        let mut sink = Vec::new();
        let reports = [
            ("a", "Das ist gut , sagt er .", vec![finding("punctuation", Severity::Minor, 0.5, (12, 13))]),
            (
                "b",
                "Er lehnte lehnte ab.",
                vec![
                    finding("repeated-word", Severity::Major, 0.9, (3, 16)),
                    finding("punctuation", Severity::Minor, 0.4, (0, 2)),
                ],
            ),
            ("c", "Alles gut.", vec![]),
        ];
        for (id, target, findings) in reports {
            let report = PairReport { pair: Pair::new(id, "x", target), findings };
            summary.add(&report);
            emitter.pair(&mut sink, report).unwrap();
        }
        emitter.finish(&mut sink, &summary).unwrap();
        let text = String::from_utf8(sink).unwrap();
        let repeated = text.find("repeated-word").unwrap();
        let punctuation = text.find("punctuation").unwrap();
        assert!(repeated < punctuation, "major before minor:\n{text}");
        assert!(text.contains("b: lehnte lehnte"), "{text}");
        assert!(text.contains("a: ,"), "the higher-scoring punctuation example:\n{text}");
        assert!(text.ends_with("2 of 3 pairs (66.7 %) have findings at or above minor\n"), "{text}");
    }
}
