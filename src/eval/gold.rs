//! Reading annotated ("gold") files: which kind of annotation a file holds,
//! and its spans converted from Unicode code points to byte offsets.
//!
//! Annotators' tools, Python and the eval files count code points; the
//! crate counts bytes. The conversion happens here, once, and is exact: a
//! span that does not fit its text is an error naming the file and line,
//! never a silently shifted span (one „ or ü before a span would shift it).

use crate::error::{Error, Result};
use crate::input::{self, Lines};
use crate::model::{Pair, Side, Span};
use serde::{Deserialize, Deserializer};

/// The kinds of annotation `mtlint eval` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldKind {
    /// MQM error spans by raters (`errors`) and a segment score (`mqm`).
    Mqm,
    /// One injected glitch per record (`glitch`, `span`), or a clean twin.
    Challenge,
    /// A binary critical-error label (`critical`).
    Critical,
}

impl GoldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GoldKind::Mqm => "mqm",
            GoldKind::Challenge => "challenge",
            GoldKind::Critical => "critical",
        }
    }
    fn describe(self) -> &'static str {
        match self {
            GoldKind::Mqm => "MQM span annotations (`errors`/`mqm`)",
            GoldKind::Challenge => "a challenge set (`glitch`/`span`)",
            GoldKind::Critical => "critical-error labels (`critical`)",
        }
    }
}

/// One rater's error annotation, in bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldError {
    pub side: Side,
    /// `None` when the annotation has no location (`loc: "none"`).
    pub span: Option<Span>,
    pub category: String,
    /// Lowercase: "major", "minor", "neutral", "critical".
    pub severity: String,
}

impl GoldError {
    /// Neutral marks a rater's taste, not an error (MQM weight 0).
    pub fn is_neutral(&self) -> bool {
        self.severity == "neutral"
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MqmRecord {
    pub pair: Pair,
    pub errors: Vec<GoldError>,
    /// The MQM penalty (0 perfect, higher worse), when the file has one.
    pub mqm: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChallengeRecord {
    pub pair: Pair,
    /// The injected glitch kind; `None` for a clean record.
    pub glitch: Option<String>,
    /// Where in the target the glitch is (bytes); zero-width where text was removed.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriticalRecord {
    pub pair: Pair,
    pub critical: bool,
}

/// A whole gold file, of one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Gold {
    Mqm(Vec<MqmRecord>),
    Challenge(Vec<ChallengeRecord>),
    Critical(Vec<CriticalRecord>),
}

impl Gold {
    pub fn kind(&self) -> GoldKind {
        match self {
            Gold::Mqm(_) => GoldKind::Mqm,
            Gold::Challenge(_) => GoldKind::Challenge,
            Gold::Critical(_) => GoldKind::Critical,
        }
    }
    pub fn len(&self) -> usize {
        match self {
            Gold::Mqm(r) => r.len(),
            Gold::Challenge(r) => r.len(),
            Gold::Critical(r) => r.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Byte offsets of every code point of a text, so that code-point offsets
/// convert to bytes (and back) without re-scanning.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `bytes[i]` is where code point `i` starts; the last entry is the text length.
    bytes: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }
    /// The text's length in code points.
    pub fn char_len(&self) -> usize {
        self.bytes.len() - 1
    }
    /// The byte offset of code point `char_pos`, if it is inside (or at the end of) the text.
    pub fn to_byte(&self, char_pos: usize) -> Option<usize> {
        self.bytes.get(char_pos).copied()
    }
    /// The code point at byte offset `byte` (which must be a char boundary;
    /// inside a char it rounds down).
    pub fn to_char(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Converts a code-point span of `text` to bytes, or says why it cannot.
pub fn byte_span(text: &str, start: usize, end: usize) -> std::result::Result<Span, String> {
    byte_span_in(&CharIndex::new(text), start, end)
}

fn byte_span_in(index: &CharIndex, start: usize, end: usize) -> std::result::Result<Span, String> {
    if start > end {
        return Err(format!("span {start}..{end} ends before it starts"));
    }
    match (index.to_byte(start), index.to_byte(end)) {
        (Some(s), Some(e)) => Ok(Span::new(s, e)),
        _ => Err(format!("span {start}..{end} lies outside the text ({} code points)", index.char_len())),
    }
}

// ---- the record as it is written -------------------------------------------------

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    id: Option<RawId>,
    source: String,
    target: String,
    #[serde(default)]
    errors: Option<Vec<RawError>>,
    #[serde(default)]
    mqm: Option<f64>,
    /// `Some(None)` is `"glitch": null` (a clean record), `None` is no field.
    #[serde(default, deserialize_with = "present")]
    glitch: Option<Option<String>>,
    #[serde(default)]
    span: Option<[usize; 2]>,
    #[serde(default)]
    critical: Option<bool>,
    /// The document the segment belongs to (MQM files): the cross-pair
    /// `consistency` rule compares segments within one document.
    #[serde(default)]
    doc: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawId {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize)]
struct RawError {
    #[serde(default)]
    side: Option<Side>,
    start: usize,
    end: usize,
    #[serde(default)]
    category: String,
    severity: String,
    #[serde(default)]
    loc: Option<String>,
}

/// Distinguishes a field that is present but `null` from an absent one.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> std::result::Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

impl RawRecord {
    fn kind(&self) -> Option<GoldKind> {
        if self.errors.is_some() || self.mqm.is_some() {
            Some(GoldKind::Mqm)
        } else if self.glitch.is_some() {
            Some(GoldKind::Challenge)
        } else if self.critical.is_some() {
            Some(GoldKind::Critical)
        } else {
            None
        }
    }
}

/// One parsed record of any kind.
enum Record {
    Mqm(MqmRecord),
    Challenge(ChallengeRecord),
    Critical(CriticalRecord),
}

/// Parses one line; `kind` is the file's kind once the first record fixed it.
fn parse_record(text: &str, path: &str, line: usize, kind: Option<GoldKind>) -> Result<Record> {
    let bad = |message: String| Error::record(path, line, message);
    let raw: RawRecord = serde_json::from_str(text).map_err(|e| bad(format!("not a valid record: {e}")))?;
    let own = raw.kind().ok_or_else(|| {
        bad("no annotation: expected `errors`/`mqm` (MQM), `glitch`/`span` (challenge set) or `critical`".into())
    })?;
    if let Some(kind) = kind.filter(|k| *k != own) {
        return Err(bad(format!("record holds {} but the file began with {}", own.describe(), kind.describe())));
    }
    let id = match raw.id {
        Some(RawId::Text(s)) => s,
        Some(RawId::Number(n)) => n.to_string(),
        None => line.to_string(),
    };
    let mut pair = Pair::new(id, raw.source, raw.target);
    if let Some(doc) = raw.doc {
        pair = pair.at(&std::sync::Arc::from(path), line, None);
        if let Some(origin) = pair.origin.as_mut() {
            origin.document = Some(doc);
        }
    }
    Ok(match own {
        GoldKind::Mqm => {
            let source = CharIndex::new(&pair.source);
            let target = CharIndex::new(&pair.target);
            let errors = raw
                .errors
                .unwrap_or_default()
                .into_iter()
                .map(|e| gold_error(&source, &target, e))
                .collect::<std::result::Result<_, _>>()
                .map_err(bad)?;
            Record::Mqm(MqmRecord { pair, errors, mqm: raw.mqm })
        }
        GoldKind::Challenge => {
            let glitch = raw.glitch.flatten();
            let span = match (raw.span, &glitch) {
                (Some([s, e]), _) => byte_span(&pair.target, s, e).map_err(|m| bad(format!("`span`: {m}")))?,
                (None, None) => Span::point(0),
                (None, Some(_)) => return Err(bad("a glitch record needs `span`: [start, end] in code points".into())),
            };
            Record::Challenge(ChallengeRecord { pair, glitch, span })
        }
        GoldKind::Critical => Record::Critical(CriticalRecord { pair, critical: raw.critical.unwrap_or_default() }),
    })
}

fn gold_error(source: &CharIndex, target: &CharIndex, e: RawError) -> std::result::Result<GoldError, String> {
    let side = e.side.unwrap_or(Side::Target);
    let index = match side {
        Side::Source => source,
        Side::Target => target,
    };
    let span = if e.loc.as_deref() == Some("none") {
        None
    } else {
        Some(byte_span_in(index, e.start, e.end).map_err(|m| format!("error span on the {side:?} side: {m}"))?)
    };
    Ok(GoldError { side, span, category: e.category, severity: e.severity.to_ascii_lowercase() })
}

/// Reads a gold file; the first record decides its kind and every other
/// record must be of the same kind.
pub fn read(path: &str) -> Result<Gold> {
    let mut lines = Lines::new(input::open(path)?, path);
    let mut gold: Option<Gold> = None;
    while let Some(next) = lines.next_line() {
        let (line, text) = next?;
        if text.trim().is_empty() {
            continue;
        }
        let record = parse_record(&text, path, line, gold.as_ref().map(Gold::kind))?;
        match (&mut gold, record) {
            (None, Record::Mqm(r)) => gold = Some(Gold::Mqm(vec![r])),
            (None, Record::Challenge(r)) => gold = Some(Gold::Challenge(vec![r])),
            (None, Record::Critical(r)) => gold = Some(Gold::Critical(vec![r])),
            (Some(Gold::Mqm(v)), Record::Mqm(r)) => v.push(r),
            (Some(Gold::Challenge(v)), Record::Challenge(r)) => v.push(r),
            (Some(Gold::Critical(v)), Record::Critical(r)) => v.push(r),
            // parse_record already rejects a record of another kind; kept as an error, not a panic.
            (Some(_), _) => return Err(Error::record(path, line, "record of another kind than the file")),
        }
    }
    gold.ok_or_else(|| Error::input(path, "no records"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Record> {
        parse_record(text, "g.jsonl", 7, None)
    }

    #[test]
    fn code_points_become_bytes_across_umlauts_and_german_quotes() {
        // „ is 3 bytes, ü and ö 2 each: "Größe" starts at code point 1, byte 3.
        let text = "„Größe“ für Bürger";
        let span = byte_span(text, 1, 6).unwrap();
        assert_eq!(&text[span.start..span.end], "Größe");
        assert_eq!(span, Span::new(3, 10));
        let span = byte_span(text, 12, 18).unwrap();
        assert_eq!(&text[span.start..span.end], "Bürger");
        // the end of the text is a valid (zero-width) position, one past is not
        assert_eq!(byte_span(text, 18, 18).unwrap(), Span::point(text.len()));
        assert!(byte_span(text, 18, 19).unwrap_err().contains("18 code points"));
        assert!(byte_span(text, 3, 2).is_err());
    }

    #[test]
    fn char_index_round_trips() {
        let index = CharIndex::new("ä„b");
        assert_eq!(index.char_len(), 3);
        assert_eq!((index.to_byte(1), index.to_byte(3), index.to_byte(4)), (Some(2), Some(6), None));
        assert_eq!((index.to_char(0), index.to_char(2), index.to_char(5), index.to_char(6)), (0, 1, 2, 3));
    }

    #[test]
    fn mqm_record_with_source_side_and_unlocated_errors() {
        let line = r#"{"id":"x","source":"Hi there","target":"Grüß dich","mqm":1.5,"errors":[
            {"start":5,"end":9,"category":"Fluency/Grammar","severity":"Minor","rater":"r1"},
            {"side":"source","start":3,"end":8,"category":"Accuracy/Omission","severity":"Major"},
            {"start":0,"end":0,"category":"Other","severity":"Neutral","loc":"none"}]}"#;
        let Record::Mqm(r) = parse(&line.replace('\n', "")).unwrap() else { panic!("not MQM") };
        assert_eq!(r.mqm, Some(1.5));
        let e = &r.errors;
        assert_eq!((e[0].side, e[0].span, e[0].severity.as_str()), (Side::Target, Some(Span::new(7, 11)), "minor"));
        assert_eq!(&r.pair.target[7..11], "dich"); // G r ü(2) ß(2) space: 7 bytes before
        assert_eq!((e[1].side, e[1].span), (Side::Source, Some(Span::new(3, 8))));
        assert_eq!(e[2].span, None);
        assert!(e[2].is_neutral());
    }

    #[test]
    fn challenge_records_clean_and_glitched() {
        let Record::Challenge(c) = parse(r#"{"id":"a","source":"s","target":"t","glitch":null,"base":"a"}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.glitch, None);
        let Record::Challenge(g) =
            parse(r#"{"source":"s","target":"„ab“","glitch":"truncated","span":[3,3]}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!((g.glitch.as_deref(), g.span, g.pair.id.as_str()), (Some("truncated"), Span::point(5), "7"));
        let err = parse(r#"{"source":"s","target":"t","glitch":"truncated"}"#).err().unwrap().to_string();
        assert!(err.starts_with("g.jsonl:7:") && err.contains("needs `span`"), "{err}");
    }

    #[test]
    fn bad_records_name_file_and_line() {
        for (line, says) in [
            (r#"{"source":"s","target":"t"}"#, "no annotation"),
            (r#"{"source":"s","target":"t","critical":"yes"}"#, "not a valid record"),
            (r#"{"source":"s","target":"ab","errors":[{"start":1,"end":5,"severity":"Minor"}]}"#, "outside the text"),
        ] {
            let err = parse(line).err().unwrap().to_string();
            assert!(err.starts_with("g.jsonl:7:") && err.contains(says), "{err}");
        }
    }

    #[test]
    fn a_file_must_hold_one_kind() {
        let err = parse_record(r#"{"source":"s","target":"t","critical":true}"#, "g.jsonl", 2, Some(GoldKind::Mqm))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("critical-error labels") && err.contains("began with MQM"), "{err}");
    }
}
