//! JSON and JSONL output, exactly as DESIGN.md's output contract has it:
//! code-point offsets, `target.text` equal to the slice, `score` for ranking.

use super::{char_span, ranked, CharSpan, Options, Summary};
use crate::model::{Category, Finding, Severity};
use crate::PairReport;
use serde::Serialize;
use std::io::{self, Write};

/// One finding as the contract spells it.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub pair: &'a str,
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub confidence: f32,
    pub score: f32,
    pub target: Option<CharSpan<'a>>,
    pub source: Option<CharSpan<'a>>,
    pub message: &'a str,
}

impl<'a> JsonFinding<'a> {
    pub fn new(report: &'a PairReport, f: &'a Finding) -> Self {
        JsonFinding {
            pair: &report.pair.id,
            rule: f.rule,
            category: f.category,
            severity: f.severity,
            confidence: f.confidence,
            score: f.score(),
            target: f.target.map(|s| char_span(&report.pair.target, s)),
            source: f.source.map(|s| char_span(&report.pair.source, s)),
            message: &f.message,
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: &'a Summary,
    findings: Vec<JsonFinding<'a>>,
}

/// `--format json`: one object, findings ranked best first.
pub fn write_document(out: &mut dyn Write, reports: &[PairReport], summary: &Summary, options: &Options) -> io::Result<()> {
    let findings = ranked(reports, options).into_iter().map(|r| JsonFinding::new(r.report, r.finding)).collect();
    let doc = Document { version: 1, summary, findings };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `--format jsonl`: one finding per line, in input order (pairs as read,
/// findings best first within a pair), so output can stream.
pub fn write_lines(out: &mut dyn Write, reports: &[PairReport], options: &Options) -> io::Result<()> {
    for report in reports {
        write_pair_lines(out, report, options)?;
    }
    Ok(())
}

/// The JSONL lines of one pair.
pub fn write_pair_lines(out: &mut dyn Write, report: &PairReport, options: &Options) -> io::Result<()> {
    for f in report.findings.iter().filter(|f| f.severity >= options.min_severity) {
        serde_json::to_writer(&mut *out, &JsonFinding::new(report, f))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
