//! The ranked table an editor reads: each suspicious German span in its
//! context, beside the English it relates to, with the reason.
//!
//! Fits 100 columns. The flagged span is coloured on a terminal and
//! bracketed ⟦…⟧ otherwise (pipes, files, NO_COLOR), so the mark survives
//! copy and paste.

use super::{Emitter, Options, Summary, TopFindings};
use crate::model::Span;
use crate::PairReport;
use std::io::{self, Write};
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Modify, Style, Width};

/// How many characters of context to show on each side of a span.
const CONTEXT_CHARS: usize = 60;

/// `--format table`: keeps the top findings, prints them at the end.
pub struct TableEmitter {
    options: Options,
    top: Option<TopFindings>,
}

/// Rows a table shows without `--top`: more is not read by a person, and
/// keeping every finding of a large batch for the final ranking would make
/// memory grow with the batch.
pub const DEFAULT_ROWS: usize = 500;

impl TableEmitter {
    pub fn new(options: Options) -> Self {
        let mut kept = options.clone();
        kept.top = Some(options.top.unwrap_or(DEFAULT_ROWS));
        let top = Some(TopFindings::new(&kept));
        TableEmitter { options, top }
    }
}

impl Emitter for TableEmitter {
    fn pair(&mut self, _out: &mut dyn Write, report: PairReport) -> io::Result<()> {
        if let Some(top) = &mut self.top {
            top.add(report);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rows = self.top.take().map(TopFindings::into_sorted).unwrap_or_default();
        write(out, &rows, summary, &self.options)
    }
}

fn write(out: &mut dyn Write, rows: &[super::Ranked], summary: &Summary, options: &Options) -> io::Result<()> {
    if rows.is_empty() {
        writeln!(out, "No findings at or above {}.", options.min_severity)?;
    } else {
        let mut builder = Builder::default();
        builder.push_record(["#", "pair / rule", "German (flagged) and why", "English"]);
        for (rank, row) in rows.iter().enumerate() {
            let f = row.finding();
            let pair = &row.report.pair;
            let german = match f.target {
                Some(span) => excerpt(&pair.target, span, options.color),
                // A finding about the whole text: its beginning, unmarked.
                None => shorten(pair.target.trim(), 2 * CONTEXT_CHARS).replace('\n', " "),
            };
            let english = match f.source {
                Some(span) => excerpt(&pair.source, span, options.color),
                None => english_near(&pair.source, &pair.target, f.target),
            };
            builder.push_record([
                (rank + 1).to_string(),
                format!("{}\n{}\n{}", pair.id, f.rule, severity_label(f.severity, options.color)),
                format!("{german}\n\n{}", f.message),
                english,
            ]);
        }
        let mut table = builder.build();
        table
            .with(Style::rounded())
            .with(Modify::new(Columns::one(1)).with(Width::wrap(24).keep_words(true)))
            .with(Modify::new(Columns::one(2)).with(Width::wrap(38).keep_words(true)))
            .with(Modify::new(Columns::one(3)).with(Width::wrap(24).keep_words(true)));
        writeln!(out, "{table}")?;
    }
    let shown = rows.len();
    // The full summary line goes to stderr (main.rs); here only what the table holds.
    let total = summary.at_least(options.min_severity);
    let more = if shown < total && options.top.is_none() { " (--top N shows more)" } else { "" };
    writeln!(out, "showing {shown} of {total} findings at or above {}{more}", options.min_severity)
}

fn severity_label(severity: crate::Severity, color: bool) -> String {
    if !color {
        return severity.to_string();
    }
    let code = match severity {
        crate::Severity::Critical => "1;31",
        crate::Severity::Major => "31",
        crate::Severity::Minor => "33",
    };
    format!("\x1b[{code}m{severity}\x1b[0m")
}

/// The span with up to `CONTEXT_CHARS` characters either side, marked.
/// A zero-width span (something missing) is shown as ⟦⟧ at its place.
pub fn excerpt(text: &str, span: Span, color: bool) -> String {
    let before = tail_chars(&text[..span.start], CONTEXT_CHARS);
    let after = head_chars(&text[span.end..], CONTEXT_CHARS);
    let flagged = &text[span.start..span.end];
    let marked =
        if color && !flagged.is_empty() { format!("\x1b[1;31m{flagged}\x1b[0m") } else { format!("⟦{flagged}⟧") };
    let lead = if before.len() < span.start { "…" } else { "" };
    let trail = if after.len() < text.len() - span.end { "…" } else { "" };
    format!("{lead}{before}{marked}{after}{trail}").replace('\n', " ")
}

fn tail_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ => s,
    }
}

fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The English around the place that corresponds, by relative position, to
/// the German span: without an English span, the same share of the way into
/// the text is the best guess at the related sentence.
fn english_near(source: &str, target: &str, target_span: Option<Span>) -> String {
    let Some(span) = target_span.filter(|_| !target.is_empty()) else {
        return shorten(source, 2 * CONTEXT_CHARS);
    };
    if source.chars().count() <= 2 * CONTEXT_CHARS {
        return source.to_string();
    }
    let share = span.start as f64 / target.len() as f64;
    let mut at = ((source.len() as f64) * share) as usize;
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    // Start at the beginning of the word we landed in.
    let at = source[..at].rfind(' ').map_or(0, |i| i + 1);
    let before = tail_chars(&source[..at], CONTEXT_CHARS / 2);
    let lead = if before.len() < at { "…" } else { "" };
    format!("{lead}{}", shorten(&source[at - before.len()..], 3 * CONTEXT_CHARS / 2))
}

fn shorten(s: &str, n: usize) -> String {
    let head = head_chars(s, n);
    if head.len() < s.len() {
        format!("{head}…")
    } else {
        head.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_marks_the_span_with_context() {
        let text = "Treffen mit beiden CNS-Sprechern abzuhalten";
        let start = text.find("CNS").unwrap();
        assert_eq!(excerpt(text, Span::new(start, start + 3), false), "Treffen mit beiden ⟦CNS⟧-Sprechern abzuhalten");
        assert_eq!(excerpt("abc", Span::point(1), false), "a⟦⟧bc");
    }

    #[test]
    fn excerpt_cuts_long_context_on_char_boundaries() {
        let text = format!("{}X{}", "ä".repeat(100), "ö".repeat(100));
        let at = text.find('X').unwrap();
        let e = excerpt(&text, Span::new(at, at + 1), false);
        assert!(e.starts_with('…') && e.ends_with('…'));
        assert_eq!(e.chars().count(), 2 * CONTEXT_CHARS + 5);
    }

    #[test]
    fn without_top_the_table_keeps_the_best_default_rows() {
        let options =
            Options { min_severity: crate::Severity::Minor, top: None, color: false, fail_on: crate::Severity::Major };
        let mut emitter = TableEmitter::new(options);
        let mut summary = Summary::default();
        let mut sink = Vec::new();
        for i in 0..DEFAULT_ROWS + 20 {
            let pair = crate::model::Pair::new(i.to_string(), "It is good.", "Es ist gut .");
            let finding = crate::model::Finding {
                rule: "punctuation",
                category: crate::model::Category::Punctuation,
                severity: crate::Severity::Minor,
                confidence: 0.5,
                target: Some(Span::new(10, 12)),
                source: None,
                message: "space before the period".into(),
            };
            let report = PairReport { pair, findings: vec![finding] };
            summary.add(&report);
            emitter.pair(&mut sink, report).unwrap();
        }
        emitter.finish(&mut sink, &summary).unwrap();
        let text = String::from_utf8(sink).unwrap();
        let footer =
            format!("showing {DEFAULT_ROWS} of {} findings at or above minor (--top N shows more)", DEFAULT_ROWS + 20);
        assert!(text.ends_with(&format!("{footer}\n")), "{}", &text[text.len() - 200..]);
    }
}
