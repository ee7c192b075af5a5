//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request (`::error file=…,line=…,col=…::message`), with no
//! upload step or app needed. Major and critical findings are errors, minor
//! ones warnings. Streams: one line per finding as each pair arrives.

use super::{char_span, file_location, Emitter, Options, Summary};
use crate::model::{Finding, Severity};
use crate::PairReport;
use std::io::{self, Write};

pub struct GithubEmitter {
    options: Options,
}

impl GithubEmitter {
    pub fn new(options: Options) -> Self {
        GithubEmitter { options }
    }
}

impl Emitter for GithubEmitter {
    fn pair(&mut self, out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        for f in report.findings.iter().filter(|f| f.severity >= self.options.min_severity) {
            writeln!(out, "{}", command(&report, f))?;
        }
        Ok(())
    }

    /// A rejected record is an error annotation on its line.
    fn rejected(&mut self, out: &mut dyn Write, error: &crate::Error) -> io::Result<()> {
        let location = match error {
            crate::Error::Record { path, line, .. } => {
                format!(" file={},line={line},", escape_property(path))
            }
            _ => " ".to_string(),
        };
        writeln!(out, "::error{location}title=mtlint (rejected record)::{}", escape_data(&error.to_string()))
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The workflow command for one finding.
pub fn command(report: &PairReport, f: &Finding) -> String {
    let kind = match f.severity {
        Severity::Minor => "warning",
        Severity::Major | Severity::Critical => "error",
    };
    let mut properties = Vec::new();
    if let Some(loc) = file_location(&report.pair, f) {
        properties.push(format!("file={}", escape_property(loc.file)));
        properties.push(format!("line={}", loc.line));
        if let Some((start, end)) = loc.columns {
            properties.push(format!("col={start}"));
            properties.push(format!("endColumn={end}"));
        }
    }
    properties.push(format!("title={}", escape_property(&format!("mtlint {} ({})", f.rule, f.severity))));
    let span = f.target.map_or(String::new(), |s| format!(" \"{}\"", char_span(&report.pair.target, s).text));
    let message = format!("[{}]{span}: {}", report.pair.id, f.message);
    format!("::{kind} {}::{}", properties.join(","), escape_data(&message))
}

/// Workflow-command escaping of the message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Workflow-command escaping of a property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Pair, Span};
    use std::sync::Arc;

    #[test]
    fn annotates_file_line_and_code_point_columns() {
        let target = "Größe. und 100% mehr";
        let file: Arc<str> = "dir/a,b.tsv".into();
        let pair = Pair::new("p:1", "", target).at(&file, 3, Some(5));
        let finding = Finding {
            rule: "spurious-sentence-break",
            category: Category::Punctuation,
            severity: Severity::Major,
            confidence: 0.9,
            target: Some(Span::new(0, "Größe. und".len())),
            source: None,
            message: "period inside a sentence".into(),
        };
        let line = command(&PairReport { pair, findings: vec![] }, &finding);
        assert_eq!(
            line,
            "::error file=dir/a%2Cb.tsv,line=3,col=5,endColumn=15,title=mtlint spurious-sentence-break (major)::[p:1] \"Größe. und\": period inside a sentence"
        );
    }
}
