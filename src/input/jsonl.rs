//! JSONL reader: one `{"id", "source", "target"}` object per line.
//!
//! Extra fields are ignored, so annotated evaluation files (with `errors`,
//! `glitch`, `mqm`, …) can be checked as they are. A record without an `id`
//! is named by its line number.

use super::Lines;
use crate::error::{Error, Result};
use crate::model::Pair;
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Id>,
    source: String,
    target: String,
    /// The document the segment belongs to (WMT-style records carry one).
    #[serde(default)]
    doc: Option<Id>,
}

/// Ids may be strings or numbers in the wild.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// Parses one JSONL line into a pair; `line` names it when `id` is absent.
pub fn parse_line(text: &str, path: &str, line: usize) -> Result<Pair> {
    parse_record(text, path, line).map(|(pair, _)| pair)
}

/// Parses one JSONL line into a pair and the record's `doc`, if any.
fn parse_record(text: &str, path: &str, line: usize) -> Result<(Pair, Option<String>)> {
    let record: Record = serde_json::from_str(text).map_err(|e| Error::record(path, line, describe(&e)))?;
    let id = match record.id {
        Some(id) => id.into_string(),
        None => line.to_string(),
    };
    Ok((Pair::new(id, record.source, record.target), record.doc.map(Id::into_string)))
}

impl Id {
    fn into_string(self) -> String {
        match self {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        }
    }
}

/// serde_json's message without its "at line 1 column N" (the line is ours).
fn describe(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    format!("not a valid record: {message} (column {})", e.column())
}

pub struct JsonlReader<R> {
    lines: Lines<R>,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(lines: Lines<R>) -> Self {
        JsonlReader { lines }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Pair>;
    fn next(&mut self) -> Option<Self::Item> {
        let (line, record) = match self.lines.next_nonblank_str()? {
            Ok((line, text, path)) => (line, parse_record(text, path, line)),
            Err(e) => return Some(Err(e)),
        };
        Some(record.map(|(pair, document)| {
            let mut pair = pair.at(self.lines.file(), line, None);
            if let Some(origin) = pair.origin.as_mut() {
                origin.document = document;
            }
            pair
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: &str) -> Vec<Result<Pair>> {
        JsonlReader::new(Lines::new(data.as_bytes(), "in.jsonl")).collect()
    }

    #[test]
    fn reads_records_and_ignores_extra_fields() {
        let got = read("{\"id\":\"a\",\"source\":\"Hi\",\"target\":\"Hallo\",\"mqm\":2.0,\"errors\":[]}\n\n{\"id\":7,\"source\":\"x\",\"target\":\"y\"}\n");
        let pairs: Vec<Pair> = got.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(pairs, [Pair::new("a", "Hi", "Hallo"), Pair::new("7", "x", "y")]);
    }

    #[test]
    fn missing_field_and_bad_json_name_the_line() {
        let got = read("{\"id\":\"a\",\"source\":\"Hi\"}\n{oops\n");
        let errs: Vec<String> = got.into_iter().map(|r| r.unwrap_err().to_string()).collect();
        assert!(errs[0].starts_with("in.jsonl:1:") && errs[0].contains("missing field `target`"), "{}", errs[0]);
        assert!(errs[1].starts_with("in.jsonl:2:"), "{}", errs[1]);
    }

    #[test]
    fn keeps_line_and_document() {
        let got = read("\n{\"id\":\"a\",\"doc\":\"news.17\",\"source\":\"x\",\"target\":\"y\"}\n");
        let origin = got[0].as_ref().unwrap().origin.clone().unwrap();
        assert_eq!((origin.line, origin.document.as_deref(), origin.target_column), (2, Some("news.17"), None));
    }

    #[test]
    fn id_defaults_to_line_number() {
        let got = read("\n{\"source\":\"a\",\"target\":\"b\"}\n");
        assert_eq!(got[0].as_ref().unwrap().id, "2");
    }
}
