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
            write_finding(&mut self.lines, &JsonFinding::new(&report, f))?;
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

/// `serde_json::to_writer(out, finding)`, byte for byte, with the strings
/// escaped by [`write_json_str`]: serde_json's escaper reads every byte of
/// the texts and messages through a table and a branch, the bulk of
/// writing a finding. Numbers, the severity and the category still go
/// through serde_json.
fn write_finding(out: &mut Vec<u8>, f: &JsonFinding<'_>) -> io::Result<()> {
    out.extend_from_slice(b"{\"pair\":");
    write_json_str(out, f.pair);
    out.extend_from_slice(b",\"rule\":");
    write_json_str(out, f.rule);
    out.extend_from_slice(b",\"category\":");
    write_plain_str(out, f.category.as_str());
    out.extend_from_slice(b",\"severity\":");
    // The name serde writes for the variant (a test compares them).
    write_plain_str(out, f.severity.as_str());
    out.extend_from_slice(b",\"confidence\":");
    serde_json::to_writer(&mut *out, &f.confidence)?;
    out.extend_from_slice(b",\"score\":");
    serde_json::to_writer(&mut *out, &f.score)?;
    out.extend_from_slice(b",\"target\":");
    write_char_span(out, f.target.as_ref())?;
    out.extend_from_slice(b",\"source\":");
    write_char_span(out, f.source.as_ref())?;
    out.extend_from_slice(b",\"message\":");
    write_json_str(out, f.message);
    out.push(b'}');
    Ok(())
}

/// A [`CharSpan`] as serde_json writes it, or `null`.
fn write_char_span(out: &mut Vec<u8>, span: Option<&CharSpan<'_>>) -> io::Result<()> {
    let Some(span) = span else {
        out.extend_from_slice(b"null");
        return Ok(());
    };
    out.extend_from_slice(b"{\"start\":");
    serde_json::to_writer(&mut *out, &span.start)?;
    out.extend_from_slice(b",\"end\":");
    serde_json::to_writer(&mut *out, &span.end)?;
    out.extend_from_slice(b",\"text\":");
    write_json_str(out, span.text);
    out.push(b'}');
    Ok(())
}

/// `s` as a JSON string, escaped exactly as serde_json escapes it: `"`,
/// `\\`, and the control characters below U+0020 (`\\b \\t \\n \\f \\r`,
/// the others as `\\u00xx`). Eight bytes at a time are tested for any of
/// them at once; nearly every chunk has none and is copied as it is.
fn write_json_str(out: &mut Vec<u8>, s: &str) {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// A byte of `x` below 0x20, or equal to `"` or `\\` (exact: no false
    /// alarm, none missed).
    fn needs_escape(x: u64) -> bool {
        let has_zero = |v: u64| v.wrapping_sub(EACH) & !v & HIGH != 0;
        // A byte below 0x20 is one whose top three bits are clear.
        has_zero(x & (0xE0 * EACH)) || has_zero(x ^ (u64::from(b'"') * EACH)) || has_zero(x ^ (u64::from(b'\\') * EACH))
    }
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if needs_escape(u64::from_le_bytes(word)) {
            escape_bytes(out, chunk);
        } else {
            out.extend_from_slice(chunk);
        }
    }
    escape_bytes(out, chunks.remainder());
    out.push(b'"');
}

/// [`write_json_str`]'s escaping of `bytes`, one byte at a time.
/// A string known to need no escape (the names of categories and
/// severities, which a test checks), written between quotes.
fn write_plain_str(out: &mut Vec<u8>, s: &'static str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

fn escape_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Most tails need no escape: copied at once rather than byte by byte.
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        out.extend_from_slice(bytes);
        return;
    }
    for &b in bytes {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x00..=0x1F => {
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
            }
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_written_as_serde_json_writes_them() {
        use crate::model::Category::*;
        for severity in [Severity::Minor, Severity::Major, Severity::Critical] {
            let mut out = Vec::new();
            write_plain_str(&mut out, severity.as_str());
            assert_eq!(out, serde_json::to_vec(&severity).unwrap());
        }
        let categories = [
            Mistranslation,
            Omission,
            Addition,
            Untranslated,
            Grammar,
            Punctuation,
            Spelling,
            Terminology,
            Inconsistency,
        ];
        for category in categories {
            let (mut plain, mut escaped) = (Vec::new(), Vec::new());
            write_plain_str(&mut plain, category.as_str());
            write_json_str(&mut escaped, category.as_str());
            assert_eq!(plain, escaped);
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = (0u8..128).map(|b| format!("ab{}cdefghij\"k\\", b as char)).collect();
        texts.extend(
            ["", "x", "12345678", "„Kiew“ – sagte er.\n", "\u{7f}\u{1f}\u{0}é\t\r", "ÄÖÜ\"\"\"\"\"\"\"\"\"\u{2028}"]
                .map(String::from),
        );
        for text in &texts {
            let mut ours = Vec::new();
            write_json_str(&mut ours, text);
            assert_eq!(String::from_utf8_lossy(&ours), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let finding = JsonFinding {
            pair: "seed:2",
            rule: "garbled-name",
            category: Category::Mistranslation,
            severity: Severity::Major,
            confidence: 0.9,
            score: 0.1 + 0.2,
            target: Some(CharSpan { start: 3, end: 12, text: "Pmeberton \"x\"" }),
            source: None,
            message: "\"Pmeberton\" looks like a misspelling of the name \"Pemberton\"",
        };
        let mut ours = Vec::new();
        write_finding(&mut ours, &finding).unwrap();
        assert_eq!(String::from_utf8_lossy(&ours), serde_json::to_string(&finding).unwrap());
    }
}
