//! XLIFF reader: the exchange format of translation tools (CAT tools, TMS,
//! MT pipelines), so a batch can be checked as the tools hand it over.
//!
//! Both generations are read from one event stream:
//! - XLIFF 1.2: `<file source-language target-language>` … `<trans-unit id>`
//!   with `<source>` and `<target>` (also inside `<group>`); one pair per unit.
//!   `<alt-trans>` suggestions and `<seg-source>` are not the translation and
//!   are ignored.
//! - XLIFF 2.0/2.1: `<xliff srcLang trgLang>` … `<unit id>` `<segment id>`
//!   with `<source>`/`<target>`; one pair per segment, named by the unit id,
//!   plus `#segment-id` when a unit has several segments.
//!
//! The text is what a reader sees: inline markup (`<g>`, `<mrk>`, `<pc>`)
//! keeps its text, native codes (`<ph>`, `<x/>`, `<bpt>`, `<sc/>`, …) are
//! dropped (see the `xml` module). A unit without a German target is not
//! skipped silently: it is a rejected record ("not translated yet").
//! Units marked `translate="no"` are not translations and are not read.
//! Ids are unique per input: in a document with several `<file>` elements
//! each id is prefixed with its file's `original` (1.2) or `id` (2.0).

use super::xml::{self, is_language, SegmentText, Tag, Walker, XmlSource};
use crate::error::{Error, Result};
use crate::model::Pair;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::sync::Arc;

/// Which side of a segment a `<source>`/`<target>` element fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

/// A `<source>` or `<target>` being read.
struct Capture {
    side: Side,
    /// Depth of the `<source>`/`<target>` element itself.
    depth: usize,
    text: SegmentText,
}

/// One source/target pair of a unit (a 1.2 unit has exactly one).
struct Segment {
    id: Option<String>,
    line: usize,
    source: Option<std::result::Result<String, String>>,
    target: Option<std::result::Result<String, String>>,
}

impl Segment {
    fn new(id: Option<String>, line: usize) -> Self {
        Segment { id, line, source: None, target: None }
    }
}

/// A `<trans-unit>` (1.2) or `<unit>` (2.0) being read.
struct Unit {
    id: String,
    line: usize,
    depth: usize,
    /// 1.2 units are their own single segment; 2.0 units hold `<segment>`s.
    version2: bool,
    segments: Vec<Segment>,
    open: Option<Segment>,
    /// Depth of the element whose children are `<source>`/`<target>`.
    segment_depth: usize,
    capture: Option<Capture>,
}

pub struct XliffReader<R> {
    xml: XmlSource<R>,
    walk: Walk,
}

/// Where the reader is in the document, and what it has found.
struct Walk {
    path: Arc<str>,
    queued: VecDeque<Result<Pair>>,
    done: bool,
    /// Whether ids carry their file's name: `Some` when the input was
    /// scanned for its `<file>` count; `None` (standard input) prefixes from
    /// the second `<file>` on, as nothing can be read twice.
    prefix_ids: Option<bool>,
    files_seen: usize,
    /// The current `<file>`'s name (`original`, else `id`).
    file_name: Option<String>,
    depth: usize,
    /// Content below this depth is not read (wrong languages, `translate="no"`).
    skip_below: Option<usize>,
    unit: Option<Unit>,
    units_seen: usize,
}

impl<R: BufRead> XliffReader<R> {
    /// `several_files` as found by [`several_files`]; `None` when unknown.
    pub fn new(reader: R, path: &str, several_files: Option<bool>) -> Self {
        let xml = XmlSource::new(reader, path);
        let walk = Walk {
            path: Arc::clone(xml.file()),
            queued: VecDeque::new(),
            done: false,
            prefix_ids: several_files,
            files_seen: 0,
            file_name: None,
            depth: 0,
            skip_below: None,
            unit: None,
            units_seen: 0,
        };
        XliffReader { xml, walk }
    }

    /// Reads events until at least one result is queued or the input ends.
    fn advance(&mut self) {
        let walk = &mut self.walk;
        while walk.queued.is_empty() && !walk.done {
            if let Some(end) = xml::step(&mut self.xml, walk, "no <xliff> element: the file is empty or not XLIFF") {
                walk.done = true;
                if let Err(e) = end {
                    walk.queued.push_back(Err(e));
                }
            }
        }
    }
}

impl Walker for Walk {
    fn depth(&mut self) -> &mut usize {
        &mut self.depth
    }

    fn segment(&mut self) -> Option<&mut SegmentText> {
        self.unit.as_mut().and_then(|u| u.capture.as_mut()).map(|capture| &mut capture.text)
    }

    /// An element opens at `depth` (1 = the root).
    fn on_start(&mut self, tag: Tag<'_>, line: usize, depth: usize, empty: bool) {
        if self.skip_below.is_some() {
            return;
        }
        if depth == 1 {
            self.root(&tag, line, depth);
            return;
        }
        if let Some(unit) = self.unit.as_mut() {
            if let Some(capture) = unit.capture.as_mut() {
                capture.text.open(&tag, empty);
                return;
            }
            unit.start_child(tag, line, depth);
            return;
        }
        match tag.name() {
            "file" => self.file(&tag, line, depth),
            "group" if tag.attr("translate").as_deref() == Some("no") => self.skip_below = Some(depth),
            "trans-unit" | "unit" => {
                self.units_seen += 1;
                if tag.attr("translate").as_deref() == Some("no") {
                    self.skip_below = Some(depth);
                    return;
                }
                let version2 = tag.name() == "unit";
                let id = tag.attr("id").map_or_else(|| self.units_seen.to_string(), Cow::into_owned);
                self.unit = Some(Unit {
                    id,
                    line,
                    depth,
                    version2,
                    segments: Vec::new(),
                    open: (!version2).then(|| Segment::new(None, line)),
                    segment_depth: depth,
                    capture: None,
                });
            }
            _ => {}
        }
    }

    /// The element at `depth` closes.
    fn on_end(&mut self, depth: usize) {
        if let Some(skip) = self.skip_below {
            if depth == skip {
                self.skip_below = None;
            }
            return;
        }
        let Some(unit) = self.unit.as_mut() else { return };
        if let Some(capture) = unit.capture.as_mut() {
            if depth > capture.depth {
                capture.text.close();
                return;
            }
            unit.finish_capture();
            return;
        }
        if unit.version2 && depth == unit.segment_depth && depth > unit.depth {
            if let Some(segment) = unit.open.take() {
                unit.segments.push(segment);
            }
            unit.segment_depth = unit.depth;
        } else if depth == unit.depth {
            if let Some(unit) = self.unit.take() {
                self.emit(unit);
            }
        }
    }
}

impl Walk {
    /// The root must be `<xliff>`; 2.0 names the languages here.
    fn root(&mut self, tag: &Tag, line: usize, depth: usize) {
        if tag.name() != "xliff" {
            self.done = true;
            let message = format!("not an XLIFF document: the root element is <{}>, not <xliff>", tag.name());
            self.queued.push_back(Err(Error::input(&self.path, message)));
            return;
        }
        self.check_languages(tag.attr("srcLang").as_deref(), tag.attr("trgLang").as_deref(), "<xliff>", line, depth);
    }

    /// A `<file>` opens: 1.2 names the languages here; it names the ids.
    fn file(&mut self, tag: &Tag, line: usize, depth: usize) {
        self.files_seen += 1;
        self.file_name = Some(
            tag.attr("original")
                .or_else(|| tag.attr("id"))
                .map_or_else(|| format!("file{}", self.files_seen), Cow::into_owned),
        );
        self.check_languages(
            tag.attr("source-language").as_deref(),
            tag.attr("target-language").as_deref(),
            "<file>",
            line,
            depth,
        );
    }

    /// English into German, when the file says; else the element's content
    /// is not read and one error says why.
    fn check_languages(
        &mut self,
        source: Option<&str>,
        target: Option<&str>,
        element: &str,
        line: usize,
        depth: usize,
    ) {
        let wrong_source = source.filter(|s| !is_language(s, "en"));
        let wrong_target = target.filter(|t| !is_language(t, "de"));
        if wrong_source.is_none() && wrong_target.is_none() {
            return;
        }
        let message = format!(
            "{element} translates {} into {}, but mtlint checks English into German; its units are not checked",
            source.unwrap_or("(unnamed)"),
            target.unwrap_or("(unnamed)")
        );
        self.queued.push_back(Err(Error::record(&self.path, line, message)));
        self.skip_below = Some(depth);
    }

    /// Queues one pair (or one rejection) per segment of a finished unit.
    fn emit(&mut self, unit: Unit) {
        // In a document of several files the ids carry the file's name, and
        // the file is the document cross-pair rules compare within.
        let several_files = self.prefix_ids.unwrap_or(self.files_seen > 1);
        let (mut id, document) = match &self.file_name {
            Some(file) if several_files => (format!("{file}:{}", unit.id), Some(file)),
            _ => (unit.id, None),
        };
        // A 1.2 unit is its own open segment (no vector for it).
        let count = unit.segments.len() + usize::from(unit.open.is_some());
        if count == 0 {
            let message = format!("unit {id}: no <segment>");
            self.queued.push_back(Err(Error::record(&self.path, unit.line, message)));
            return;
        }
        let several_segments = count > 1;
        for (index, segment) in unit.segments.into_iter().chain(unit.open).enumerate() {
            let (id, line) = if several_segments {
                let segment_id = segment.id.clone().unwrap_or_else(|| (index + 1).to_string());
                (format!("{id}#{segment_id}"), segment.line)
            } else {
                (std::mem::take(&mut id), unit.line)
            };
            let result = match pair_of(segment, &id) {
                Ok((source, target)) => {
                    let mut pair = Pair::new(id, source, target).at(&self.path, line, None);
                    if let Some(origin) = pair.origin.as_mut() {
                        origin.document = document.cloned();
                    }
                    Ok(pair)
                }
                Err(message) => Err(Error::record(&self.path, line, message)),
            };
            self.queued.push_back(result);
        }
    }
}

impl Unit {
    /// A child element of the unit (not inside `<source>`/`<target>`).
    fn start_child(&mut self, tag: Tag<'_>, line: usize, depth: usize) {
        let side = match tag.name() {
            "segment" if self.version2 && depth == self.depth + 1 => {
                self.open = Some(Segment::new(tag.attr("id").map(Cow::into_owned), line));
                self.segment_depth = depth;
                return;
            }
            "source" => Side::Source,
            "target" => Side::Target,
            _ => return,
        };
        // Only the segment's own source/target: not <alt-trans>, <ignorable>.
        if self.open.is_some() && depth == self.segment_depth + 1 {
            self.capture = Some(Capture { side, depth, text: SegmentText::new() });
        }
    }

    fn finish_capture(&mut self) {
        let (Some(capture), Some(segment)) = (self.capture.take(), self.open.as_mut()) else { return };
        let text = capture.text.finish();
        match capture.side {
            Side::Source => segment.source = Some(text),
            Side::Target => segment.target = Some(text),
        }
    }
}

/// The segment's texts, or why it cannot be checked.
fn pair_of(segment: Segment, id: &str) -> std::result::Result<(String, String), String> {
    let source = match segment.source {
        None => return Err(format!("unit {id}: no <source>")),
        Some(Err(problem)) => return Err(format!("unit {id}: <source>: {problem}")),
        Some(Ok(source)) => source,
    };
    let target = match segment.target {
        None => return Err(format!("unit {id}: no <target>: not translated yet")),
        Some(Err(problem)) => return Err(format!("unit {id}: <target>: {problem}")),
        Some(Ok(target)) => target,
    };
    if target.trim().is_empty() && !source.trim().is_empty() {
        return Err(format!("unit {id}: empty <target>: not translated yet"));
    }
    Ok((source, target))
}

impl<R: BufRead> Iterator for XliffReader<R> {
    type Item = Result<Pair>;
    fn next(&mut self) -> Option<Self::Item> {
        self.advance();
        self.walk.queued.pop_front()
    }
}

/// Whether the file at `path` has more than one `<file>` element: a quick
/// byte scan, so ids can be prefixed from the first unit on. `None` for
/// standard input, which cannot be read twice.
pub fn several_files(path: &str) -> Result<Option<bool>> {
    if path == "-" {
        return Ok(None);
    }
    // Only a regular file can be read twice: a named pipe (`<(zcat …)`)
    // would lose to the scan what the reader needs.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    count_files(file, 2).map(|n| Some(n >= 2)).map_err(|e| Error::io(path, e))
}

/// Counts `<file` start tags in `reader`, stopping at `enough`.
fn count_files(mut reader: impl Read, enough: usize) -> std::io::Result<usize> {
    const NEEDLE: &[u8] = b"<file";
    let finder = memchr::memmem::Finder::new(NEEDLE);
    let mut window = Vec::with_capacity(1 << 16);
    let mut chunk = vec![0u8; 1 << 16];
    let mut count = 0;
    loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            return Ok(count);
        }
        window.extend_from_slice(&chunk[..n]);
        // A match needs the byte after it (`<file>` but not `<filexyz`);
        // the last bytes wait for the next chunk.
        let searchable = window.len().saturating_sub(NEEDLE.len());
        for at in finder.find_iter(&window[..window.len()]).filter(|&at| at < searchable) {
            if matches!(window[at + NEEDLE.len()], b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
                count += 1;
                if count >= enough {
                    return Ok(count);
                }
            }
        }
        window.drain(..searchable);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Vec<Result<Pair>> {
        XliffReader::new(xml.as_bytes(), "t.xlf", None).collect()
    }

    fn pairs(xml: &str) -> Vec<Pair> {
        read(xml).into_iter().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
    }

    fn errors(xml: &str) -> Vec<String> {
        read(xml).into_iter().filter_map(|r| r.err()).map(|e| e.to_string()).collect()
    }

    fn v12(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"a.html\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"html\">\n<body>\n{body}\n</body>\n</file>\n</xliff>\n"
        )
    }

    fn v2(body: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"de\">\n<file id=\"f1\">\n{body}\n</file>\n</xliff>"
        )
    }

    #[test]
    fn reads_xliff_1_2_units_and_groups() {
        let xml = v12(
            "<trans-unit id=\"1\"><source>Hello.</source><target>Hallo.</target></trans-unit>\n<group id=\"g\">\n  <trans-unit id=\"2\">\n    <source>Yes.</source>\n    <target state=\"translated\">Ja.</target>\n  </trans-unit>\n</group>",
        );
        assert_eq!(pairs(&xml), [Pair::new("1", "Hello.", "Hallo."), Pair::new("2", "Yes.", "Ja.")]);
    }

    #[test]
    fn reads_xliff_2_segments() {
        let xml = v2("<unit id=\"u1\"><segment><source>One.</source><target>Eins.</target></segment></unit>\n<unit id=\"u2\">\n<segment id=\"s1\"><source>Two.</source><target>Zwei.</target></segment>\n<ignorable><source> </source><target> </target></ignorable>\n<segment id=\"s2\"><source>Three.</source><target>Drei.</target></segment>\n</unit>");
        let got = pairs(&xml);
        assert_eq!(
            got,
            [
                Pair::new("u1", "One.", "Eins."),
                Pair::new("u2#s1", "Two.", "Zwei."),
                Pair::new("u2#s2", "Three.", "Drei.")
            ]
        );
        let lines: Vec<usize> = got.iter().map(|p| p.origin.as_ref().unwrap().line).collect();
        assert_eq!(lines, [3, 5, 7], "a unit's line, or each segment's when there are several");
    }

    #[test]
    fn xliff_2_groups_markers_and_untranslatable_units() {
        let xml = v2("<group id=\"g\"><unit id=\"a\"><segment><source>A <sm id=\"m\" type=\"comment\"/>note<em startRef=\"m\"/> here.</source><target>Eine <sm id=\"m\"/>Notiz<em startRef=\"m\"/> hier.</target></segment></unit></group>\n<unit id=\"b\" translate=\"no\"><segment><source>ACME</source></segment></unit>\n<unit id=\"c\"><notes><note>context</note></notes><originalData><data id=\"d1\">&lt;br/&gt;</data></originalData><segment state=\"translated\"><source>End<ph id=\"1\" dataRef=\"d1\"/></source><target>Ende<ph id=\"1\" dataRef=\"d1\"/></target></segment></unit>");
        assert_eq!(pairs(&xml), [Pair::new("a", "A note here.", "Eine Notiz hier."), Pair::new("c", "End", "Ende")]);
    }

    /// Trados' .sdlxliff: XLIFF 1.2 whose target wraps each sentence in
    /// `<mrk mtype="seg">`, plus elements of its own namespace.
    #[test]
    fn sdlxliff_units_read_as_xliff_1_2() {
        let xml = v12("<trans-unit id=\"7\"><source>One. Two.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">One.</mrk> <mrk mtype=\"seg\" mid=\"2\">Two.</mrk></seg-source><target><mrk mtype=\"seg\" mid=\"1\">Eins.</mrk> <mrk mtype=\"seg\" mid=\"2\">Zwei.</mrk></target><sdl:seg-defs xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\"><sdl:seg id=\"1\" conf=\"Translated\"/></sdl:seg-defs></trans-unit>");
        assert_eq!(pairs(&xml), [Pair::new("7", "One. Two.", "Eins. Zwei.")]);
    }

    #[test]
    fn inline_text_is_kept_and_codes_dropped() {
        let xml = v12(
            "<trans-unit id=\"1\"><source>Click <g id=\"1\">here</g> <x id=\"2\"/> now<ph id=\"3\">&lt;br/&gt;</ph>, <bpt id=\"4\">&lt;b&gt;</bpt>bold<ept id=\"4\">&lt;/b&gt;</ept> <mrk mtype=\"term\">term</mrk>.</source><target>Klicken Sie <g id=\"1\">hier</g> <x id=\"2\"/> jetzt, <bpt id=\"4\">&lt;b&gt;</bpt>fett<ept id=\"4\">&lt;/b&gt;</ept> <mrk mtype=\"term\">Begriff</mrk>.</target></trans-unit>",
        );
        let got = pairs(&xml);
        assert_eq!(got[0].source, "Click here now, bold term.");
        assert_eq!(got[0].target, "Klicken Sie hier jetzt, fett Begriff.");
        let xml = v2("<unit id=\"u\"><segment><source>A <pc id=\"1\">big</pc> <ph id=\"2\"/> dog<sc id=\"3\"/>!<ec startRef=\"3\"/></source><target>Ein <pc id=\"1\">großer</pc> <ph id=\"2\"/> Hund<cp hex=\"0021\"/></target></segment></unit>");
        let got = pairs(&xml);
        assert_eq!((got[0].source.as_str(), got[0].target.as_str()), ("A big dog!", "Ein großer Hund!"));
    }

    #[test]
    fn sub_text_inside_a_code_is_kept() {
        let xml = v12("<trans-unit id=\"1\"><source>See <ph id=\"1\">&lt;img alt=\"<sub>A cat</sub>\"&gt;</ph>.</source><target>Siehe <ph id=\"1\">&lt;img alt=\"<sub>Eine Katze</sub>\"&gt;</ph>.</target></trans-unit>");
        assert_eq!(pairs(&xml)[0].target, "Siehe Eine Katze.");
    }

    #[test]
    fn entities_and_cdata_are_text() {
        let xml = v12("<trans-unit id=\"1\"><source>Tom &amp; Jerry &lt;3 &#8220;x&#x201D;</source><target><![CDATA[Tom & Jerry <3]]> &#x201E;x&#8220;</target></trans-unit>");
        let got = pairs(&xml);
        assert_eq!(got[0].source, "Tom & Jerry <3 \u{201c}x\u{201d}");
        assert_eq!(got[0].target, "Tom & Jerry <3 \u{201e}x\u{201c}");
        let errs = errors(&v12("<trans-unit id=\"9\"><source>a</source><target>b&nbsp;c</target></trans-unit>"));
        assert!(errs[0].contains("unit 9: <target>: unknown entity &nbsp;"), "{errs:?}");
    }

    #[test]
    fn missing_or_empty_target_is_a_rejected_record() {
        let xml = v12("<trans-unit id=\"a\"><source>Hello.</source></trans-unit>\n<trans-unit id=\"b\"><source>Yes.</source><target/></trans-unit>\n<trans-unit id=\"c\"><source>No.</source><target>Nein.</target></trans-unit>");
        let got = read(&xml);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].as_ref().unwrap_err().to_string(), "t.xlf:5: unit a: no <target>: not translated yet");
        assert_eq!(got[1].as_ref().unwrap_err().to_string(), "t.xlf:6: unit b: empty <target>: not translated yet");
        assert_eq!(got[2].as_ref().unwrap().id, "c");
    }

    #[test]
    fn alt_trans_and_untranslatable_units_are_not_read() {
        let xml = v12("<trans-unit id=\"1\"><source>Hi.</source><target>Hallo.</target><alt-trans><source>Hi!</source><target>Servus!</target></alt-trans></trans-unit>\n<trans-unit id=\"2\" translate=\"no\"><source>ACME</source></trans-unit>");
        assert_eq!(pairs(&xml), [Pair::new("1", "Hi.", "Hallo.")]);
    }

    #[test]
    fn several_files_prefix_ids_and_name_the_document() {
        let file = |name: &str| {
            format!("<file original=\"{name}\" source-language=\"en\" target-language=\"de\"><body><trans-unit id=\"1\"><source>Hi.</source><target>Hallo.</target></trans-unit></body></file>")
        };
        let xml = format!("<xliff version=\"1.2\">{}{}</xliff>", file("a.html"), file("b.html"));
        let got: Vec<Pair> = XliffReader::new(xml.as_bytes(), "t.xlf", Some(true)).map(|r| r.unwrap()).collect();
        let ids: Vec<&str> = got.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a.html:1", "b.html:1"]);
        assert_eq!(got[1].origin.as_ref().unwrap().document.as_deref(), Some("b.html"));
        assert_eq!(
            pairs(&v12("<trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit>"))[0]
                .origin
                .as_ref()
                .unwrap()
                .document,
            None,
            "one file: one document"
        );
        // Without the scan (standard input) the ids are unique from the second file on.
        let ids: Vec<String> = read(&xml).into_iter().map(|r| r.unwrap().id).collect();
        assert_eq!(ids, ["1", "b.html:1"]);
        assert_eq!(count_files(xml.as_bytes(), 9).unwrap(), 2);
        assert_eq!(count_files(v12("").as_bytes(), 9).unwrap(), 1);
    }

    #[test]
    fn only_regular_files_are_scanned_ahead() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(several_files(dir.path().to_str().unwrap()).unwrap(), None);
        assert_eq!(several_files("-").unwrap(), None);
        let path = dir.path().join("one.xlf");
        std::fs::write(&path, v12("")).unwrap();
        assert_eq!(several_files(path.to_str().unwrap()).unwrap(), Some(false));
    }

    #[test]
    fn count_files_sees_tags_across_chunk_borders() {
        let mut data = vec![b' '; (1 << 16) - 3];
        data.extend_from_slice(b"<file original=\"x\"><filex/><file>");
        assert_eq!(count_files(&data[..], 9).unwrap(), 2);
    }

    #[test]
    fn wrong_languages_are_an_error_naming_the_line() {
        let xml = "<xliff version=\"1.2\">\n<file original=\"a\" source-language=\"en\" target-language=\"fr-FR\"><body><trans-unit id=\"1\"><source>Hi.</source><target>Salut.</target></trans-unit></body></file>\n<file original=\"b\" source-language=\"en\" target-language=\"de\"><body><trans-unit id=\"1\"><source>Hi.</source><target>Hallo.</target></trans-unit></body></file></xliff>";
        let got = read(xml);
        let err = got[0].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("t.xlf:2: <file> translates en into fr-FR"), "{err}");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].as_ref().unwrap().target, "Hallo.");
        let err = errors("<xliff version=\"2.0\" srcLang=\"de\" trgLang=\"en\"><file id=\"f\"/></xliff>");
        assert!(err[0].contains("<xliff> translates de into en"), "{err:?}");
    }

    #[test]
    fn malformed_xml_names_the_line_and_ends_the_read() {
        let xml = v12("<trans-unit id=\"1\"><source>Hi.</source><target>Hallo.</target></trans-unit>\n<trans-unit id=\"2\"><source>Yes.</target></trans-unit>\n<trans-unit id=\"3\"><source>No.</source><target>Nein.</target></trans-unit>");
        let got = read(&xml);
        assert_eq!(got.len(), 2, "the good unit, then one error");
        let err = got[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("t.xlf:6: malformed XML"), "{err}");
        let err = errors("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>Hi");
        assert!(err[0].contains("t.xlf:1:"), "{err:?}");
    }

    #[test]
    fn not_xliff_or_empty_is_an_input_error() {
        assert!(errors("<tmx version=\"1.4\"/>")[0].contains("root element is <tmx>"));
        assert!(errors("")[0].contains("no <xliff> element"));
    }

    #[test]
    fn lines_follow_units_past_bom_and_crlf() {
        let xml = format!("\u{feff}{}", v12("<trans-unit id=\"1\">\r\n<source>a</source><target>b</target></trans-unit>\r\n\r\n<trans-unit\r\n id=\"2\"><source>c</source><target>d</target></trans-unit>"));
        let got = pairs(&xml);
        let lines: Vec<usize> = got.iter().map(|p| p.origin.as_ref().unwrap().line).collect();
        assert_eq!(lines, [5, 8]);
        assert_eq!(got[0].origin.as_ref().unwrap().file.as_ref(), "t.xlf");
    }

    #[test]
    fn non_utf8_declarations_are_refused_clearly() {
        let err = errors("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><xliff/>");
        assert!(err[0].contains("UTF-8 or UTF-16 XML"), "{err:?}");
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        let data: &[u8] = b"<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>b\xff</target></trans-unit></body></file></xliff>";
        let got: Vec<Result<Pair>> = XliffReader::new(data, "t.xlf", None).collect();
        assert_eq!(got.len(), 1);
        let err = got[0].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("t.xlf:1: not valid UTF-8"), "{err}");
    }
}
