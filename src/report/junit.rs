//! JUnit XML output: every CI system shows it as a test report.
//!
//! One test case per pair, named by its id (class name: the input file),
//! failed when the pair has a finding at or above `--fail-on`; the failure
//! text lists the pair's shown findings. Findings below `--fail-on` go to
//! the case's `system-out`, so they are visible without failing anything.
//!
//! The XML is small and fixed, so it is written here rather than through a
//! library: the test cases are kept as text until `finish`, when the suite's
//! counts are known.

use super::{char_span, Emitter, Options, Summary};
use crate::model::Finding;
use crate::PairReport;
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct JunitEmitter {
    options: Options,
    cases: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl JunitEmitter {
    pub fn new(options: Options) -> Self {
        JunitEmitter { options, cases: String::new(), tests: 0, failures: 0, errors: 0 }
    }

    fn case(&mut self, report: &PairReport) {
        let class = report.pair.origin.as_ref().map_or("mtlint", |o| &o.file);
        let shown: Vec<&Finding> = report.findings.iter().filter(|f| f.severity >= self.options.min_severity).collect();
        // What fails the case is what fails the run (exit 1): every finding
        // at or above `--fail-on`, shown or not (`--min-severity` may be higher).
        let failing: Vec<&Finding> = report.findings.iter().filter(|f| f.severity >= self.options.fail_on).collect();
        self.tests += 1;
        let _ =
            write!(self.cases, "    <testcase name=\"{}\" classname=\"{}\"", escape(&report.pair.id), escape(class));
        if shown.is_empty() && failing.is_empty() {
            self.cases.push_str("/>\n");
            return;
        }
        self.cases.push_str(">\n");
        if let Some(worst) = failing.first() {
            self.failures += 1;
            let message =
                format!("{} finding(s) at or above {}: {}", failing.len(), self.options.fail_on, worst.message);
            let _ = writeln!(
                self.cases,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&message),
                escape(worst.rule),
                escape(&describe(report, &failing))
            );
        }
        let below: Vec<&Finding> = shown.into_iter().filter(|f| f.severity < self.options.fail_on).collect();
        if !below.is_empty() {
            let _ = writeln!(self.cases, "      <system-out>{}</system-out>", escape(&describe(report, &below)));
        }
        self.cases.push_str("    </testcase>\n");
    }
}

/// One line per finding: severity, rule, the German span, the reason.
fn describe(report: &PairReport, findings: &[&Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let span = f.target.map(|s| char_span(&report.pair.target, s));
        let at = span.map_or(String::new(), |s| format!(" [{}..{}] \"{}\"", s.start, s.end, s.text));
        let _ = writeln!(out, "{} {}{}: {}", f.severity, f.rule, at, f.message);
    }
    out
}

impl Emitter for JunitEmitter {
    fn pair(&mut self, _out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        self.case(&report);
        Ok(())
    }

    /// A rejected record is a test case in error, named by its file and line.
    fn rejected(&mut self, _out: &mut dyn Write, error: &crate::Error) -> io::Result<()> {
        let (class, name) = match error {
            crate::Error::Record { path, line, .. } => (path.as_str(), format!("line {line}")),
            _ => ("mtlint", "input".to_string()),
        };
        self.tests += 1;
        self.errors += 1;
        let _ = writeln!(
            self.cases,
            "    <testcase name=\"{}\" classname=\"{}\">\n      <error message=\"{}\" type=\"rejected\"/>\n    </testcase>",
            escape(&name),
            escape(class),
            escape(&error.to_string())
        );
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"mtlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            self.tests, self.failures, self.errors
        )?;
        writeln!(
            out,
            "  <testsuite name=\"mtlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">",
            self.tests, self.failures, self.errors
        )?;
        out.write_all(std::mem::take(&mut self.cases).as_bytes())?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

/// Escapes text for XML attributes and content, and drops the control
/// characters XML 1.0 cannot carry at all (they would make the file invalid).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{Category, Pair, Severity, Span};

    /// Regression: with `--min-severity critical --fail-on major` a pair with
    /// a major finding failed the run (exit 1) but passed in the JUnit report.
    #[test]
    fn a_case_fails_on_fail_on_even_when_min_severity_hides_the_finding() {
        let options = Options { min_severity: Severity::Critical, top: None, color: false, fail_on: Severity::Major };
        let mut junit = JunitEmitter::new(options);
        let finding = Finding {
            rule: "r",
            category: Category::Grammar,
            severity: Severity::Major,
            confidence: 1.0,
            target: Some(Span::new(0, 2)),
            source: None,
            message: "m".into(),
        };
        junit.case(&PairReport { pair: Pair::new("p", "", "ab"), findings: vec![finding] });
        assert_eq!(junit.failures, 1);
        assert!(junit.cases.contains("<failure"), "{}", junit.cases);
    }

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}\n„d“"), "a&lt;b &amp; &quot;c&quot;&#10;„d“");
    }
}
