//! TMX reader: translation memories (TMX 1.4) exported from CAT tools, so a
//! memory can be screened before it is reused.
//!
//! Each `<tu>` holds one `<tuv xml:lang>` per language; the English and the
//! German one are picked by language prefix (`en-US`, `EN`, `de-AT`, …),
//! whatever `<header srclang>` says, so a German→English memory is read the
//! same way. The first `<tuv>` of a language wins. Inline codes (`<bpt>`,
//! `<ept>`, `<ph>`, `<it>`, `<ut>`) are dropped, `<hi>` keeps its text
//! (see the `xml` module). A `<tu>` without an English or a German text is a
//! rejected record naming the languages it has. Ids are the `tuid`, else
//! the `<tu>`'s ordinal number in the file.

use super::xml::{self, is_language, SegmentText, Tag, Walker, XmlSource};
use crate::error::{Error, Result};
use crate::model::Pair;
use std::borrow::Cow;
use std::io::BufRead;
use std::sync::Arc;

/// A `<tu>` being read.
struct Unit {
    id: String,
    line: usize,
    depth: usize,
    /// Languages of its `<tuv>`s, in order (for the error message).
    languages: String,
    english: Option<std::result::Result<String, String>>,
    german: Option<std::result::Result<String, String>>,
    /// The open `<tuv>`: which side it fills, if any.
    side: Option<Side>,
    /// The `<seg>` being read, with its depth.
    seg: Option<(usize, SegmentText)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    English,
    German,
}

pub struct TmxReader<R> {
    xml: XmlSource<R>,
    walk: Walk,
}

/// Where the reader is in the document, and what it has found.
struct Walk {
    path: Arc<str>,
    done: bool,
    depth: usize,
    unit: Option<Unit>,
    units_seen: usize,
    /// A result found while handling an event, handed out next.
    ready: Option<Result<Pair>>,
}

impl<R: BufRead> TmxReader<R> {
    pub fn new(reader: R, path: &str) -> Self {
        let xml = XmlSource::new(reader, path);
        let walk = Walk { path: Arc::clone(xml.file()), done: false, depth: 0, unit: None, units_seen: 0, ready: None };
        TmxReader { xml, walk }
    }
}

impl Walker for Walk {
    fn depth(&mut self) -> &mut usize {
        &mut self.depth
    }

    fn segment(&mut self) -> Option<&mut SegmentText> {
        self.unit.as_mut().and_then(|u| u.seg.as_mut()).map(|(_, text)| text)
    }

    fn on_start(&mut self, tag: Tag<'_>, line: usize, depth: usize, empty: bool) {
        if depth == 1 && tag.name() != "tmx" {
            self.done = true;
            let message = format!("not a TMX document: the root element is <{}>, not <tmx>", tag.name());
            self.ready = Some(Err(Error::input(&self.path, message)));
            return;
        }
        if let Some(unit) = self.unit.as_mut() {
            unit.start_child(&tag, depth, empty);
            return;
        }
        if tag.name() == "tu" {
            self.units_seen += 1;
            let id = tag.attr("tuid").map_or_else(|| self.units_seen.to_string(), Cow::into_owned);
            self.unit = Some(Unit {
                id,
                line,
                depth,
                languages: String::new(),
                english: None,
                german: None,
                side: None,
                seg: None,
            });
        }
    }

    fn on_end(&mut self, depth: usize) {
        let Some(unit) = self.unit.as_mut() else { return };
        if depth > unit.depth {
            unit.end_child(depth);
            return;
        }
        if let Some(unit) = self.unit.take() {
            self.ready = Some(self.finish(unit));
        }
    }
}

impl Walk {
    fn finish(&self, unit: Unit) -> Result<Pair> {
        let Unit { id, line, languages, english, german, .. } = unit;
        let reject = |message: String| Err(Error::record(&self.path, line, format!("tu {id}: {message}")));
        let have = if languages.is_empty() { "none" } else { languages.as_str() };
        let source = match english {
            None => return reject(format!("no English <tuv> (languages: {have})")),
            Some(Err(problem)) => return reject(format!("English <seg>: {problem}")),
            Some(Ok(text)) => text,
        };
        let target = match german {
            None => return reject(format!("no German <tuv> (languages: {have})")),
            Some(Err(problem)) => return reject(format!("German <seg>: {problem}")),
            Some(Ok(text)) => text,
        };
        if target.trim().is_empty() && !source.trim().is_empty() {
            return reject("empty German <seg>: not translated yet".to_string());
        }
        Ok(Pair::new(id, source, target).at(&self.path, line, None))
    }
}

impl Unit {
    fn start_child(&mut self, tag: &Tag, depth: usize, empty: bool) {
        if let Some((_, text)) = self.seg.as_mut() {
            text.open(tag, empty);
            return;
        }
        match tag.name() {
            "tuv" if depth == self.depth + 1 => {
                let language = tag.attr("xml:lang").or_else(|| tag.attr("lang")).unwrap_or_default();
                self.side = if is_language(&language, "en") && self.english.is_none() {
                    Some(Side::English)
                } else if is_language(&language, "de") && self.german.is_none() {
                    Some(Side::German)
                } else {
                    None
                };
                if !self.languages.is_empty() {
                    self.languages.push_str(", ");
                }
                self.languages.push_str(if language.is_empty() { "(no xml:lang)" } else { &language });
            }
            "seg" if depth == self.depth + 2 && self.side.is_some() => {
                self.seg = Some((depth, SegmentText::new()));
            }
            _ => {}
        }
    }

    fn end_child(&mut self, depth: usize) {
        match self.seg.as_mut() {
            Some((seg_depth, text)) if depth > *seg_depth => text.close(),
            Some(_) => {
                if let (Some((_, text)), Some(side)) = (self.seg.take(), self.side) {
                    let text = Some(text.finish());
                    match side {
                        Side::English => self.english = text,
                        Side::German => self.german = text,
                    }
                }
            }
            None if depth == self.depth + 1 => self.side = None,
            None => {}
        }
    }
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<Pair>;
    fn next(&mut self) -> Option<Self::Item> {
        let walk = &mut self.walk;
        while walk.ready.is_none() && !walk.done {
            if let Some(end) = xml::step(&mut self.xml, walk, "no <tmx> element: the file is empty or not TMX") {
                walk.done = true;
                if let Err(e) = end {
                    walk.ready = Some(Err(e));
                }
            }
        }
        walk.ready.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Vec<Result<Pair>> {
        TmxReader::new(xml.as_bytes(), "m.tmx").collect()
    }

    fn tmx(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en-US\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"t\" creationtoolversion=\"1\"/>\n<body>\n{body}\n</body>\n</tmx>\n"
        )
    }

    fn tu(id: &str, en: &str, de: &str) -> String {
        format!("<tu tuid=\"{id}\">\n  <tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv>\n  <tuv xml:lang=\"de-DE\"><seg>{de}</seg></tuv>\n</tu>")
    }

    #[test]
    fn reads_units_by_language_and_line() {
        let body = format!("{}\n{}", tu("a", "Hello.", "Hallo."), tu("b", "Yes.", "Ja."));
        let got: Vec<Pair> = read(&tmx(&body)).into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(got, [Pair::new("a", "Hello.", "Hallo."), Pair::new("b", "Yes.", "Ja.")]);
        let lines: Vec<usize> = got.iter().map(|p| p.origin.as_ref().unwrap().line).collect();
        assert_eq!(lines, [5, 9]);
    }

    #[test]
    fn german_first_other_languages_and_case_do_not_matter() {
        let body = "<tu><tuv xml:lang=\"fr\"><seg>Salut.</seg></tuv><tuv xml:lang=\"DE\"><seg>Hallo.</seg></tuv><tuv lang=\"EN-gb\"><seg>Hello.</seg></tuv><tuv xml:lang=\"de-AT\"><seg>Servus.</seg></tuv></tu>";
        let got = read(&tmx(body));
        assert_eq!(got[0].as_ref().unwrap(), &Pair::new("1", "Hello.", "Hallo."), "id = ordinal, first German wins");
    }

    #[test]
    fn inline_codes_dropped_hi_kept_entities_and_cdata_read() {
        let en = "Press <bpt i=\"1\">&lt;b&gt;</bpt>Enter<ept i=\"1\">&lt;/b&gt;</ept> <ph x=\"1\">{0}</ph> to <hi type=\"x\">save</hi> &amp; quit.";
        let de = "Drücken Sie <bpt i=\"1\">&lt;b&gt;</bpt>Enter<ept i=\"1\">&lt;/b&gt;</ept> <ph x=\"1\">{0}</ph>, um zu <hi>speichern</hi><![CDATA[ & <beenden>]]><ut>x</ut>.";
        let got = read(&tmx(&tu("1", en, de)));
        let pair = got[0].as_ref().unwrap();
        assert_eq!(pair.source, "Press Enter to save & quit.");
        assert_eq!(pair.target, "Drücken Sie Enter, um zu speichern & <beenden>.");
    }

    #[test]
    fn missing_languages_and_empty_german_are_rejected_records() {
        let body = format!(
            "<tu tuid=\"x\"><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv><tuv xml:lang=\"fr\"><seg>Salut.</seg></tuv></tu>\n<tu tuid=\"y\"><tuv xml:lang=\"de\"><seg>Hallo.</seg></tuv></tu>\n{}\n<tu tuid=\"w\"><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv><tuv xml:lang=\"de\"><seg/></tuv></tu>",
            tu("z", "Ok.", "Gut.")
        );
        let got = read(&tmx(&body));
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].as_ref().unwrap_err().to_string(), "m.tmx:5: tu x: no German <tuv> (languages: en, fr)");
        assert_eq!(got[1].as_ref().unwrap_err().to_string(), "m.tmx:6: tu y: no English <tuv> (languages: de)");
        assert_eq!(got[2].as_ref().unwrap().id, "z");
        assert!(got[3].as_ref().unwrap_err().to_string().contains("tu w: empty German <seg>: not translated yet"));
    }

    /// Many TMX exports (and some XLIFF) are UTF-16, with or without a BOM.
    #[test]
    fn utf16_is_decoded_with_true_line_numbers() {
        let xml = tmx(&tu("a", "Hi.", "Grüße.")).replace("UTF-8", "UTF-16");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(xml.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let got: Vec<Result<Pair>> = TmxReader::new(&bytes[..], "m.tmx").collect();
            let pair = got[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((pair.target.as_str(), pair.origin.as_ref().unwrap().line), ("Grüße.", 5));
        }
        let latin1 = tmx(&tu("a", "Hi.", "Hallo.")).replace("UTF-8", "ISO-8859-1");
        let err = read(&latin1)[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("mtlint reads UTF-8 or UTF-16 XML"), "{err}");
    }

    #[test]
    fn malformed_xml_names_file_and_line() {
        let body =
            format!("{}\n<tu tuid=\"b\"><tuv xml:lang=\"en\"><seg>a & b</seg></tuv></tu>", tu("a", "Hi.", "Hallo."));
        let got = read(&tmx(&body));
        assert!(got[0].is_ok());
        let err = got[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("m.tmx:9: malformed XML"), "{err}");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn bom_crlf_and_not_tmx() {
        let xml = format!("\u{feff}{}", tmx(&tu("a", "Hi.", "Hallo.")).replace('\n', "\r\n"));
        let got = read(&xml);
        assert_eq!(got[0].as_ref().unwrap().origin.as_ref().unwrap().line, 5);
        assert!(read("<xliff/>")[0].as_ref().unwrap_err().to_string().contains("root element is <xliff>"));
        assert!(read("  \n")[0].as_ref().unwrap_err().to_string().contains("no <tmx> element"));
    }
}
