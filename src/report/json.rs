//! JSON and JSONL output, exactly as DESIGN.md's output contract has it:
//! code-point offsets, `target.text` equal to the slice, `score` for ranking.

use super::{char_span, CharSpan, Emitter, Options, Summary, TopFindings};
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

/// `--format json`: one object `{"version": 1, "summary", "findings"}`,
/// findings ranked best first.
pub struct JsonEmitter {
    top: Option<TopFindings>,
}

impl JsonEmitter {
    pub fn new(options: Options) -> Self {
        JsonEmitter { top: Some(TopFindings::new(&options)) }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: &'a Summary,
    findings: Vec<JsonFinding<'a>>,
}

impl Emitter for JsonEmitter {
    fn pair(&mut self, _out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        if let Some(top) = &mut self.top {
            top.add(report);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let ranked = self.top.take().map(TopFindings::into_sorted).unwrap_or_default();
        let findings = ranked.iter().map(|r| JsonFinding::new(&r.report, r.finding())).collect();
        serde_json::to_writer_pretty(&mut *out, &Document { version: 1, summary, findings })?;
        writeln!(out)
    }
}

/// `--format jsonl`: one finding per line, in input order (pairs as read,
/// findings best first within a pair), written as each pair arrives.
pub struct JsonlEmitter {
    options: Options,
    /// A pair's lines, serialised here first and written with one call:
    /// serde_json writes every key and value separately, and each write to
    /// the `dyn Write` output is a dynamic call with a copy behind it.
    /// Reused from pair to pair.
    lines: Vec<u8>,
}

impl JsonlEmitter {
    pub fn new(options: Options) -> Self {
        JsonlEmitter { options, lines: Vec::new() }
    }
}

impl Emitter for JsonlEmitter {
    fn pair(&mut self, out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        self.lines.clear();
        for f in report.findings.iter().filter(|f| f.severity >= self.options.min_severity) {
            serde_json::to_writer(&mut self.lines, &JsonFinding::new(&report, f))?;
            self.lines.push(b'\n');
        }
        if self.lines.is_empty() {
            return Ok(());
        }
        out.write_all(&self.lines)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
