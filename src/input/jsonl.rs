//! JSONL reader: one `{"id", "source", "target"}` object per line.
//!
//! Extra fields are ignored, so annotated evaluation files (with `errors`,
//! `glitch`, `mqm`, …) can be checked as they are. A record without an `id`
//! is named by its line number.

use super::Lines;
use crate::error::{Error, Result};
use crate::model::Pair;
use serde::Deserialize;
use std::borrow::Cow;
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
    if let Some(plain) = PlainRecord::parse(text) {
        let id = match plain.id {
            Some(id) => id.into_owned(),
            None => line.to_string(),
        };
        return Ok((Pair::new(id, plain.source, plain.target), plain.doc.map(Cow::into_owned)));
    }
    let record: Record = serde_json::from_str(text).map_err(|e| Error::record(path, line, describe(&e)))?;
    let id = match record.id {
        Some(id) => id.into_string(),
        None => line.to_string(),
    };
    Ok((Pair::new(id, record.source, record.target), record.doc.map(Id::into_string)))
}

/// A record in the plain shape of nearly every line of a batch: one
/// object whose members are `id`, `source`, `target` and `doc` (each at most
/// once, `source` and `target` required), all strings without `\u` escapes
/// or control characters. Read by borrowing the strings (unescaped copies
/// for those with escapes), without serde's machinery. Any other line
/// (extra fields, `\u` escapes, numbers, bad JSON) is `None` and goes to
/// serde, which reads a plain line the same way.
#[derive(Debug, PartialEq, Eq)]
struct PlainRecord<'a> {
    id: Option<Cow<'a, str>>,
    source: Cow<'a, str>,
    target: Cow<'a, str>,
    doc: Option<Cow<'a, str>>,
}

impl<'a> PlainRecord<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        // No control character anywhere (inside a string serde rejects
        // one; between tokens, tabs and line breaks are rare enough to
        // leave to serde): then a string ends at its first quote or
        // backslash. Or-ed over every byte, which compiles to vector code.
        if bytes.iter().fold(false, |control, &b| control | (b < 0x20)) {
            return None;
        }
        let mut at = skip_spaces(bytes, 0);
        if bytes.get(at) != Some(&b'{') {
            return None;
        }
        let (mut id, mut source, mut target, mut doc) = (None, None, None, None);
        loop {
            at = skip_spaces(bytes, at + 1);
            // The four names compared in place: a key is short, and its
            // closing quote is part of the name compared.
            let rest = bytes.get(at..)?;
            let (slot, key_len) = if rest.starts_with(b"\"source\"") {
                (&mut source, 8)
            } else if rest.starts_with(b"\"target\"") {
                (&mut target, 8)
            } else if rest.starts_with(b"\"id\"") {
                (&mut id, 4)
            } else if rest.starts_with(b"\"doc\"") {
                (&mut doc, 5)
            } else {
                return None;
            };
            at = skip_spaces(bytes, at + key_len);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at = skip_spaces(bytes, at + 1);
            let (value, after_value) = plain_string(text, at)?;
            if slot.replace(value).is_some() {
                return None; // a duplicate field: serde's error
            }
            at = skip_spaces(bytes, after_value);
            match bytes.get(at) {
                Some(b',') => continue,
                Some(b'}') => break,
                _ => return None,
            }
        }
        if skip_spaces(bytes, at + 1) != bytes.len() {
            return None;
        }
        Some(PlainRecord { id, source: source?, target: target?, doc })
    }
}

/// The first byte at or after `at` that is no JSON white space (here a
/// space: the caller has ruled out the control characters).
fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

/// The JSON string starting at byte `at` of `text` and the byte after it:
/// borrowed when it has no escape, unescaped when its escapes are all of
/// one character (`\"`, `\n`, …); `None` for a `\u` escape or a bad one.
fn plain_string(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let start = at + 1;
    let mut end = start + memchr::memchr2(b'"', b'\\', bytes.get(start..)?)?;
    if bytes[end] == b'"' {
        return Some((Cow::Borrowed(text.get(start..end)?), end + 1));
    }
    let mut owned = String::with_capacity(end - start + 16);
    let mut from = start;
    loop {
        // `bytes[end]` is a quote or a backslash.
        owned.push_str(text.get(from..end)?);
        if bytes[end] == b'"' {
            return Some((Cow::Owned(owned), end + 1));
        }
        owned.push(match bytes.get(end + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            _ => return None,
        });
        from = end + 2;
        end = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
    }
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

    /// What serde makes of a line, as the fast path reports it.
    fn serde_record(text: &str) -> Option<(Option<String>, String, String, Option<String>)> {
        let record: Record = serde_json::from_str(text).ok()?;
        Some((record.id.map(Id::into_string), record.source, record.target, record.doc.map(Id::into_string)))
    }

    #[test]
    fn plain_records_read_like_serde() {
        let lines = [
            r#"{"id":"a","source":"Hi","target":"Hallo"}"#,
            r#" { "source" : "Hi" , "target":"Grüße „x“", "doc": "d1", "id":"7" } "#,
            r#"{"source":"","target":""}"#,
            r#"{"id":"a","source":"Hi"}"#,
            r#"{"id":"a","source":"Hi","target":"Hallo","id":"b"}"#,
            r#"{"id":"a","source":"Hi","target":"Hallo","mqm":2.0}"#,
            r#"{"id":7,"source":"x","target":"y"}"#,
            r#"{"id":null,"source":"x","target":"y"}"#,
            r#"{"id":"a","source":"say \"hi\"","target":"y"}"#,
            r#"{"id":"a","source":"x","target":"y"} x"#,
            r#"{"id":"a","source":"x","target":"y",}"#,
            r#"{"id":"a","source":"x","target":"y""#,
            r#"{"id":"a","source":"x" "target":"y"}"#,
            r#"{"i\u0064":"a","source":"x","target":"y"}"#,
            "{\"id\":\"a\",\"source\":\"x\ty\",\"target\":\"y\"}",
            "{\"id\":\"a\",\t\"source\":\"x\",\"target\":\"y\"}",
            r#"{}"#,
            r#"["id","source"]"#,
            r#"{"id":"a","source":"x","target":"y"}}"#,
            r#"{"id":"a","source":"x","target":"\u00e4"}"#,
            r#"{"id":"a","source":"x","target":"ä\\"}"#,
            "",
            "{",
            r#"{"#,
            r#"{""#,
            r#"{"id""#,
            r#"{"id":"#,
            r#"{"ids":"a","source":"x","target":"y"}"#,
            r#"{"id":"a\"b","source":"say \"hi\" \\ \/ \b\f\n\r\t","target":"\\"}"#,
            r#"{"id":"a","source":"x\u0041","target":"y"}"#,
            r#"{"id":"a","source":"x\q","target":"y"}"#,
            r#"{"id":"a","source":"x\"#,
            r#"{"id":"a-rather-long-identifier-1234","source":"x","target":"y"}"#,
            r#"{"id":"a-rather-long-identifier-1234\"","source":"x","target":"y"}"#,
        ];
        for line in lines {
            let serde = serde_record(line);
            if let Some(plain) = PlainRecord::parse(line) {
                let plain = (
                    plain.id.map(Cow::into_owned),
                    plain.source.into_owned(),
                    plain.target.into_owned(),
                    plain.doc.map(Cow::into_owned),
                );
                assert_eq!(Some(plain), serde, "{line}");
            }
        }
        // The plain lines take the fast path; every other line goes to serde.
        let plain: Vec<bool> = lines.iter().map(|l| PlainRecord::parse(l).is_some()).collect();
        assert_eq!(plain.iter().filter(|&&p| p).count(), 8, "{plain:?}");
    }

    #[test]
    fn id_defaults_to_line_number() {
        let got = read("\n{\"source\":\"a\",\"target\":\"b\"}\n");
        assert_eq!(got[0].as_ref().unwrap().id, "2");
    }
}
