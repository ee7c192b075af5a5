//! SARIF 2.1.0 output, the format code-scanning dashboards (GitHub code
//! scanning, GitLab, Azure DevOps) ingest.
//!
//! One result per shown finding. Rule metadata comes from each rule's own
//! documentation, so the dashboard explains a finding the way `mtlint
//! explain` does. Regions are in code points (`columnKind:
//! unicodeCodePoints`): the record's line in the input file, and the German
//! span's columns when the file holds the German verbatim (documents, TSV).
//! `partialFingerprints` carries the baseline fingerprint, so dashboards
//! track a finding across runs the same way `--baseline` does.
//!
//! Results are kept until `finish`, since SARIF is one JSON document.

use super::{char_span, file_location, Emitter, Options, Summary};
use crate::baseline::{self, fingerprint};
use crate::detect::{self, RuleMeta};
use crate::model::{Finding, Severity};
use crate::PairReport;
use serde_json::{json, Value};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://crates.io/crates/mtlint";

pub struct SarifEmitter {
    options: Options,
    rules: Vec<&'static RuleMeta>,
    results: Vec<Value>,
}

impl SarifEmitter {
    pub fn new(options: Options) -> Self {
        SarifEmitter { options, rules: detect::all_meta(), results: Vec::new() }
    }

    fn result(&self, report: &PairReport, f: &Finding) -> Value {
        let rule_index = self.rules.iter().position(|m| m.id == f.rule);
        let mut location = json!({
            "logicalLocations": [{ "name": report.pair.id, "fullyQualifiedName": report.pair.id }],
        });
        if let Some(loc) = file_location(&report.pair, f) {
            let mut region = json!({ "startLine": loc.line, "endLine": loc.line });
            if let Some((start, end)) = loc.columns {
                region["startColumn"] = json!(start);
                region["endColumn"] = json!(end);
            }
            if let Some(span) = f.target {
                region["snippet"] = json!({ "text": char_span(&report.pair.target, span).text });
            }
            location["physicalLocation"] = json!({
                "artifactLocation": { "uri": uri(loc.file) },
                "region": region,
            });
        }
        let mut result = json!({
            "ruleId": f.rule,
            "level": level(f.severity),
            "message": { "text": f.message },
            "locations": [location],
            "partialFingerprints": { fingerprint_key(): fingerprint(&report.pair, f) },
            "properties": {
                "pair": report.pair.id,
                "severity": f.severity.as_str(),
                "category": f.category.as_str(),
                "confidence": f.confidence,
                "score": f.score(),
                "target": f.target.map(|s| char_span(&report.pair.target, s)),
                "source": f.source.map(|s| char_span(&report.pair.source, s)),
            },
        });
        if let Some(i) = rule_index {
            result["ruleIndex"] = json!(i);
        }
        result
    }

    fn rule(meta: &RuleMeta) -> Value {
        let text = meta.explain_text();
        json!({
            "id": meta.id,
            "name": camel_case(meta.id),
            "shortDescription": { "text": meta.summary() },
            "fullDescription": { "text": text },
            "help": { "text": text, "markdown": text },
            "defaultConfiguration": { "level": level(meta.default_severity) },
            "properties": { "category": meta.category.as_str(), "tags": ["translation", meta.category.as_str()] },
        })
    }
}

impl Emitter for SarifEmitter {
    fn pair(&mut self, _out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        for f in report.findings.iter().filter(|f| f.severity >= self.options.min_severity) {
            let result = self.result(&report, f);
            self.results.push(result);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rules: Vec<Value> = self.rules.iter().map(|m| SarifEmitter::rule(m)).collect();
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "mtlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
                "invocations": [{ "executionSuccessful": summary.rejected == 0 }],
                "properties": { "summary": summary },
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// SARIF levels: the MQM major and critical are errors, minor a warning.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Minor => "warning",
        Severity::Major | Severity::Critical => "error",
    }
}

/// "spurious-sentence-break" → "SpuriousSentenceBreak", SARIF's rule name style.
fn camel_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// A file path as a URI reference: forward slashes, and the characters a
/// URI reserves percent-encoded.
fn uri(path: &str) -> String {
    if path == "<stdin>" {
        return "stdin".to_string();
    }
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            'A'..='Z'
            | 'a'..='z'
            | '0'..='9'
            | '-'
            | '.'
            | '_'
            | '~'
            | '/'
            | ':'
            | '@'
            | '!'
            | '$'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | ';'
            | '=' => out.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// The SARIF fingerprint's name carries the baseline format version, so a
/// dashboard never matches fingerprints that hash different things (v1
/// hashed the pair id, v2 the English source) as one.
fn fingerprint_key() -> String {
    format!("mtlint/v{}", baseline::VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_and_rule_names_camel_cased() {
        assert_eq!(uri("batch files/de ü.jsonl"), "batch%20files/de%20%C3%BC.jsonl");
        assert_eq!(uri("a\\b.tsv"), "a/b.tsv");
        assert_eq!(camel_case("spurious-sentence-break"), "SpuriousSentenceBreak");
    }
}
