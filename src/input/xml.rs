//! What the XLIFF and TMX readers share: a streaming XML event source that
//! knows the line of every start tag, and the rules that turn a segment's
//! mixed content (text, entities, CDATA, inline codes) into plain text.
//!
//! Both formats wrap the translatable text in inline elements: some hold
//! text a reader must see (`<g>`, `<mrk>`, `<pc>`, `<hi>`, `<sub>`), others
//! the native code of the source file (`<ph>`, `<bpt>`, `<x/>`, …), which is
//! markup, not language, and would only make the detectors see `<b>` where a
//! German word should be. A dropped code must not change the words around
//! it: "Hello `<ph/>` world" reads "Hello world", not "Hello  world".

use crate::error::{Error, Result};
use quick_xml::encoding::DecodingReader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::io::{self, BufRead};
use std::sync::Arc;

/// The input as UTF-8: as it is, or decoded from UTF-16 (detected from a
/// byte order mark or from `<?` spelled in 16-bit units), as many TMX
/// exports are.
enum Decoded<R> {
    Utf8(R),
    Utf16(DecodingReader<R>),
}

impl<R: BufRead> Decoded<R> {
    fn detect(mut reader: R) -> Self {
        let head = reader.fill_buf().unwrap_or_default();
        let utf16 = [&[0xFF, 0xFE][..], &[0xFE, 0xFF], &[b'<', 0, b'?', 0], &[0, b'<', 0, b'?']];
        if utf16.iter().any(|start| head.starts_with(start)) {
            Decoded::Utf16(DecodingReader::new(reader))
        } else {
            Decoded::Utf8(reader)
        }
    }
}

impl<R: BufRead> io::Read for Decoded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Utf8(r) => r.read(out),
            Decoded::Utf16(r) => r.read(out),
        }
    }
}

impl<R: BufRead> BufRead for Decoded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Decoded::Utf8(r) => r.fill_buf(),
            Decoded::Utf16(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match self {
            Decoded::Utf8(r) => r.consume(amount),
            Decoded::Utf16(r) => r.consume(amount),
        }
    }
}

/// A `BufRead` that counts the newlines the XML parser has consumed, so the
/// line of an event is known without rescanning the file from its start.
pub struct LineCounter<R> {
    inner: R,
    newlines: usize,
}

impl<R: BufRead> io::Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The bytes being consumed are still in the inner buffer (a
        // `BufRead` may only consume what `fill_buf` returned), so asking for
        // them again does no I/O.
        if let Ok(buffered) = self.inner.fill_buf() {
            let upto = amount.min(buffered.len());
            self.newlines += memchr::memchr_iter(b'\n', &buffered[..upto]).count();
        }
        self.inner.consume(amount);
    }
}

/// One event of the document, borrowed from the parser's buffer (the markup
/// of a unit costs no allocation), with the line of a start tag.
pub enum Item<'b> {
    /// A start tag; `empty` for `<tag/>`.
    Start {
        tag: Tag<'b>,
        line: usize,
        empty: bool,
    },
    End,
    /// Text, CDATA or a resolved reference, ready to append.
    Text(Cow<'b, str>),
    /// An entity this reader cannot resolve (`&nbsp;` without a DTD).
    UnknownEntity(String),
    /// Markup no reader needs (declaration, comments, processing
    /// instructions, doctype).
    Skip,
    Eof,
}

/// A start tag; its attributes are read only when asked for.
pub struct Tag<'b> {
    start: BytesStart<'b>,
}

impl<'b> Tag<'b> {
    /// The local name (without a namespace prefix).
    pub fn name(&self) -> &str {
        self.start.local_name().into_inner()
    }

    /// The unescaped value of the attribute named `name` exactly
    /// (`xml:lang`, `id`).
    pub fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        // Checked when the tag was read; checking again would allocate.
        let mut attributes = self.start.attributes();
        attributes.with_checks(false);
        let attribute = attributes.flatten().find(|a| a.key.as_ref() == name)?;
        attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()
    }

    /// A tag from its content (`x id="1"`), for tests.
    #[cfg(test)]
    pub fn new(content: &'b str) -> Self {
        Tag { start: BytesStart::from_content(content, content.find(' ').unwrap_or(content.len())) }
    }
}

/// Streams a document's events; after the first malformed spot it yields one
/// error naming the file and line, and the reader stops (XML cannot be
/// resynchronised).
pub struct XmlSource<R> {
    reader: Reader<LineCounter<Decoded<R>>>,
    buf: Vec<u8>,
    path: Arc<str>,
    /// Elements open now, to tell a truncated file from a complete one.
    open: usize,
    seen_root: bool,
}

impl<R: BufRead> XmlSource<R> {
    pub fn new(reader: R, path: &str) -> Self {
        let path = if path == "-" { "<stdin>" } else { path };
        let mut reader = Reader::from_reader(LineCounter { inner: Decoded::detect(reader), newlines: 0 });
        // Text is kept exactly: whitespace inside a segment is part of it.
        reader.config_mut().trim_text(false);
        XmlSource { reader, buf: Vec::new(), path: path.into(), open: 0, seen_root: false }
    }

    /// The path, shared with every pair read from it (their `origin`).
    pub fn file(&self) -> &Arc<str> {
        &self.path
    }

    /// The next event; callers pass over [`Item::Skip`].
    pub fn next_item(&mut self) -> Result<Item<'_>> {
        self.buf.clear();
        let event = self.reader.read_event_into(&mut self.buf);
        let newlines = self.reader.get_ref().newlines;
        let item = match event {
            Ok(Event::Start(start)) => {
                self.open += 1;
                self.seen_root = true;
                start_item(start, newlines, false)
            }
            Ok(Event::Empty(start)) => {
                self.seen_root = true;
                start_item(start, newlines, true)
            }
            Ok(Event::End(_)) => {
                self.open = self.open.saturating_sub(1);
                Ok(Item::End)
            }
            Ok(Event::Text(text)) => Ok(Item::Text(text.xml10_content())),
            Ok(Event::CData(cdata)) => Ok(Item::Text(cdata.xml10_content())),
            Ok(Event::GeneralRef(reference)) => Ok(resolve(&reference)),
            Ok(Event::Decl(decl)) => match decl.encoding() {
                Some(Ok(encoding)) if !is_read_as(&self.reader.get_ref().inner, &encoding) => Err(format!(
                    "the document declares encoding=\"{encoding}\"; mtlint reads UTF-8 or UTF-16 XML (convert it, e.g. `iconv -f {encoding} -t UTF-8`)"
                )),
                _ => Ok(Item::Skip),
            },
            Ok(Event::Eof) if self.open > 0 => {
                Err("the file ends before its elements are closed (truncated?)".to_string())
            }
            Ok(Event::Eof) => Ok(Item::Eof),
            Ok(Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => Ok(Item::Skip),
            Err(quick_xml::Error::Io(e)) => {
                return Err(Error::io(&self.path, io::Error::new(e.kind(), e.to_string())));
            }
            Err(quick_xml::Error::Encoding(e)) => Err(format!("not valid UTF-8 ({e}){STOPS}")),
            Err(e) => Err(format!("malformed XML: {e}{STOPS}")),
        };
        item.map_err(|message| Error::record(&self.path, newlines + 1, message))
    }

    /// True once the root element has started (an empty file has none).
    pub fn seen_root(&self) -> bool {
        self.seen_root
    }
}

/// Said of a malformed spot: XML cannot be resynchronised, so with
/// `--keep-going` the user learns that the rest of the file went unchecked.
const STOPS: &str = "; the rest of the file is not read";

/// The start tag as an item. `newlines_consumed` counts the newlines up to
/// the tag's `>`; those inside the tag (attributes on several lines) are
/// taken back so the line is where the tag opens. The attributes are
/// checked here without being copied, so a malformed one is an error even
/// where no reader asks for it.
fn start_item(start: BytesStart<'_>, newlines_consumed: usize, empty: bool) -> Result<Item<'_>, String> {
    let inside = memchr::memchr_iter(b'\n', start.as_ref().as_bytes()).count();
    let line = newlines_consumed - inside.min(newlines_consumed) + 1;
    let mut attributes = start.attributes();
    // A duplicate needs two `=`; most tags have one attribute or none, and
    // the duplicate check's bookkeeping allocates.
    attributes.with_checks(memchr::memchr_iter(b'=', start.attributes_raw().as_bytes()).nth(1).is_some());
    for attribute in attributes {
        let attribute = attribute.map_err(|e| format!("malformed XML: {e}{STOPS}"))?;
        if attribute.value.contains('&') {
            attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| format!("malformed XML: {e}{STOPS}"))?;
        }
    }
    Ok(Item::Start { tag: Tag { start }, line, empty })
}

/// Whether the declared encoding is the one the input is read in.
fn is_read_as<R>(input: &Decoded<R>, declared: &str) -> bool {
    let declared = declared.to_ascii_lowercase();
    match input {
        Decoded::Utf8(_) => matches!(declared.as_str(), "utf-8" | "utf8"),
        Decoded::Utf16(_) => declared.starts_with("utf-16") || declared == "ucs-2" || declared == "unicode",
    }
}

/// `&amp;`, `&#228;`, `&#xE4;` as text; anything else is unknown.
fn resolve(reference: &BytesRef) -> Item<'static> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Item::Text(Cow::Owned(c.to_string())),
        Ok(None) => match quick_xml::escape::resolve_predefined_entity(reference) {
            Some(text) => Item::Text(Cow::Borrowed(text)),
            None => Item::UnknownEntity(format!("&{};", &**reference)),
        },
        Err(_) => Item::UnknownEntity(format!("&{};", &**reference)),
    }
}

/// How an element inside a segment treats its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    /// Text the reader sees (`<g>`, `<mrk>`, `<pc>`, `<hi>`, `<sub>`, unknown).
    Keep,
    /// Native code: dropped with whatever it holds (except a `<sub>`).
    Code,
    /// `<cp hex="…"/>`: a character XML cannot carry literally.
    CodePoint,
}

/// XLIFF 1.2, XLIFF 2 and TMX name their inline elements alike, so one table
/// serves both readers.
pub fn inline_kind(name: &str) -> Inline {
    match name {
        "ph" | "bpt" | "ept" | "it" | "ut" | "x" | "bx" | "ex" | "sc" | "ec" => Inline::Code,
        "cp" => Inline::CodePoint,
        _ => Inline::Keep,
    }
}

/// Collects a segment's text while inline elements open and close.
#[derive(Debug, Default)]
pub struct SegmentText {
    text: String,
    /// Whether text is kept inside each open inline element: bit `n` for
    /// nesting level `n + 1` (a stack without an allocation per segment).
    keep: u128,
    /// Inline elements open now.
    level: u32,
    /// A code was dropped since the last text: spaces may need collapsing.
    gap: bool,
    /// An entity that cannot be resolved, reported when the unit ends.
    pub problem: Option<String>,
}

impl SegmentText {
    /// Room for a typical sentence, so its text grows in one allocation
    /// rather than doubling its way up.
    pub fn new() -> Self {
        SegmentText { text: String::with_capacity(160), ..SegmentText::default() }
    }

    fn keeping(&self) -> bool {
        match self.level {
            0 => true,
            // Deeper than any real segment nests: inherit the deepest kept level.
            level => self.keep >> (level.min(128) - 1) & 1 == 1,
        }
    }

    /// An inline element opens (`empty`: it also closes at once).
    pub fn open(&mut self, tag: &Tag, empty: bool) {
        let kind = inline_kind(tag.name());
        if kind == Inline::CodePoint {
            if let Some(c) = tag.attr("hex").and_then(|hex| u32::from_str_radix(&hex, 16).ok()).and_then(char::from_u32)
            {
                self.push(&c.to_string());
            }
        }
        if kind == Inline::Code && self.keeping() {
            self.gap = true;
        }
        if !empty {
            let keep = match kind {
                Inline::Code => false,
                // A <sub> inside a code holds translatable text (alt text).
                _ if tag.name() == "sub" => true,
                _ => self.keeping(),
            };
            self.level = self.level.saturating_add(1);
            if self.level <= 128 {
                let bit = 1u128 << (self.level - 1);
                self.keep = if keep { self.keep | bit } else { self.keep & !bit };
            }
        }
    }

    /// The innermost inline element closes.
    pub fn close(&mut self) {
        self.level = self.level.saturating_sub(1);
    }

    /// Text (or a resolved entity) inside the segment.
    pub fn push(&mut self, text: &str) {
        if !self.keeping() || text.is_empty() {
            return;
        }
        let mut text = text;
        if self.gap {
            let rest = text.trim_start_matches(is_space);
            if self.text.is_empty() || self.text.ends_with(is_space) {
                if rest.len() < text.len() {
                    // "Hello <ph/> world": one space, not two.
                    text = rest;
                } else if rest.starts_with([',', '.', ';', ':', '!', '?', ')']) {
                    // "Hello <ph/>, world": no space before the comma.
                    self.text.truncate(self.text.trim_end_matches(is_space).len());
                }
            }
            if text.is_empty() {
                return;
            }
            self.gap = false;
        }
        self.text.push_str(text);
    }

    /// An entity that cannot be resolved: the unit is rejected, not guessed.
    pub fn unknown_entity(&mut self, entity: String) {
        if self.keeping() && self.problem.is_none() {
            self.problem = Some(format!("unknown entity {entity} (declare it, or write the character itself)"));
        }
    }

    /// The text; spaces left dangling by a code at the end are dropped.
    pub fn finish(mut self) -> std::result::Result<String, String> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        if self.gap {
            self.text.truncate(self.text.trim_end_matches(is_space).len());
        }
        Ok(self.text)
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Whether a language tag (`de`, `de-DE`, `DE_at`) is of the language
/// `prefix` (`de`).
pub fn is_language(tag: &str, prefix: &str) -> bool {
    let tag = tag.trim();
    tag.len() >= prefix.len()
        && tag.is_char_boundary(prefix.len())
        && tag[..prefix.len()].eq_ignore_ascii_case(prefix)
        && matches!(tag.as_bytes().get(prefix.len()), None | Some(b'-' | b'_'))
}

/// A reader's walk over the document. [`walk`] keeps the element depth and
/// routes every event, so that a reader only says what a start or an end
/// tag means to it.
pub trait Walker {
    fn depth(&mut self) -> &mut usize;
    /// The text of the segment being read (`<source>`, `<target>`, `<seg>`),
    /// if the walk is inside one: what comes there is inline markup and text.
    fn segment(&mut self) -> Option<&mut SegmentText>;
    fn on_start(&mut self, tag: Tag<'_>, line: usize, depth: usize, empty: bool);
    fn on_end(&mut self, depth: usize);
}

/// Reads the next event of `xml` and hands it to `walker`. `None` while
/// the document goes on; at its end `Some(Ok(()))`, or `Some(Err(…))` for
/// malformed XML or a document without any element (`no_root` says what
/// was expected instead). Either way the walk is then over.
pub fn step<R: BufRead, W: Walker>(xml: &mut XmlSource<R>, walker: &mut W, no_root: &str) -> Option<Result<()>> {
    match xml.next_item() {
        Ok(Item::Eof) => {}
        Ok(item) => {
            walk(walker, item);
            return None;
        }
        Err(e) => return Some(Err(e)),
    }
    Some(if xml.seen_root() { Ok(()) } else { Err(Error::input(xml.file(), no_root)) })
}

/// Hands one event to `walker`, keeping the depth.
pub fn walk<W: Walker>(walker: &mut W, item: Item<'_>) {
    match item {
        Item::Start { tag, line, empty } => {
            let depth = *walker.depth() + 1;
            if !empty {
                *walker.depth() = depth;
            }
            // An empty inline element inside a segment has no end to close;
            // any other empty element ends where it starts.
            let inline = walker.segment().is_some();
            walker.on_start(tag, line, depth, empty);
            if empty && !inline {
                walker.on_end(depth);
            }
        }
        Item::End => {
            let depth = *walker.depth();
            *walker.depth() = depth.saturating_sub(1);
            walker.on_end(depth);
        }
        other => {
            if let Some(text) = walker.segment() {
                feed(text, &other);
            }
        }
    }
}

/// Where inline text goes while a reader walks a segment.
pub fn feed(segment: &mut SegmentText, item: &Item) {
    match item {
        Item::Start { tag, empty, .. } => segment.open(tag, *empty),
        Item::End => segment.close(),
        Item::Text(text) => segment.push(text),
        Item::UnknownEntity(entity) => segment.unknown_entity(entity.clone()),
        Item::Skip | Item::Eof => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xml: &str) -> Vec<String> {
        let mut source = XmlSource::new(xml.as_bytes(), "t.xml");
        let mut out = Vec::new();
        loop {
            match source.next_item() {
                Ok(Item::Eof) => return out,
                Ok(Item::Start { tag, line, .. }) => out.push(format!("<{}@{line}", tag.name())),
                Ok(Item::End) => out.push("</".to_string()),
                Ok(Item::Text(t)) => out.push(t.into_owned()),
                Ok(Item::Skip) => {}
                Ok(Item::UnknownEntity(e)) => out.push(format!("?{e}")),
                Err(e) => {
                    out.push(format!("ERR {e}"));
                    return out;
                }
            }
        }
    }

    #[test]
    fn start_tags_know_their_line_even_across_lines() {
        let got = items("<a>\n\n<b\n x=\"1\"\n/>\n<c>t</c></a>");
        assert_eq!(got[0], "<a@1");
        assert!(got.contains(&"<b@3".to_string()), "{got:?}");
        assert!(got.contains(&"<c@6".to_string()), "{got:?}");
    }

    #[test]
    fn truncated_and_mismatched_documents_are_errors_with_lines() {
        let got = items("<a>\n<b>text");
        assert!(got.last().unwrap().starts_with("ERR t.xml:2:"), "{got:?}");
        let got = items("<a>\n<b>\n</c></a>");
        assert!(got.last().unwrap().starts_with("ERR t.xml:3: malformed XML"), "{got:?}");
    }

    #[test]
    fn malformed_or_duplicate_attributes_are_errors() {
        let got = items("<a>\n<b id=\"1\" id=\"2\"/></a>");
        assert!(got.last().unwrap().starts_with("ERR t.xml:2: malformed XML"), "{got:?}");
        let got = items("<a>\n<b id=1/></a>");
        assert!(got.last().unwrap().starts_with("ERR t.xml:2: malformed XML"), "{got:?}");
        let got = items("<a x=\"a=b\">t</a>");
        assert!(!got.iter().any(|i| i.starts_with("ERR")), "{got:?}");
    }

    #[test]
    fn language_tags() {
        assert!(is_language("de-DE", "de") && is_language("DE", "de") && is_language("de_at", "de"));
        assert!(!is_language("dev", "de") && !is_language("en", "de") && !is_language("", "de"));
    }

    #[test]
    fn dropped_codes_leave_single_spaces() {
        let mut s = SegmentText::default();
        s.push("Hello ");
        s.open(&Tag::new("x"), true);
        s.push(" world");
        s.open(&Tag::new("ph"), false);
        s.push("{0}");
        s.close();
        s.push(", ok ");
        s.open(&Tag::new("x id=\"1\""), true);
        assert_eq!(s.finish().unwrap(), "Hello world, ok");
    }

    #[test]
    fn codes_hide_their_content_but_not_a_sub_at_any_depth() {
        let mut s = SegmentText::default();
        s.open(&Tag::new("bpt"), false);
        s.push("<a href>");
        s.open(&Tag::new("sub"), false);
        s.push("Link");
        s.close();
        s.push("</a>");
        s.close();
        s.push("!");
        for _ in 0..300 {
            s.open(&Tag::new("g"), false);
        }
        s.push(" deep");
        for _ in 0..300 {
            s.close();
        }
        s.close(); // one more than opened: no panic
        s.push(".");
        assert_eq!(s.finish().unwrap(), "Link! deep.");
    }
}
