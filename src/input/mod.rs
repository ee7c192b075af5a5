//! Readers: turn files (or standard input) into [`Pair`]s.
//!
//! Every reader streams: it yields one `Result<Pair>` per record, so a
//! batch of millions of lines never sits in memory, and a bad record is an
//! error naming its file and line rather than a silent skip. The caller
//! decides whether the first error stops the run or is reported and
//! counted (`--keep-going`).

pub mod jsonl;
pub mod text;
pub mod tmx;
pub mod tsv;
pub mod xliff;
mod xml;

use crate::error::{Error, Result};
use crate::model::Pair;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// How an input file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object `{"id", "source", "target"}` per line.
    Jsonl,
    /// `source<TAB>target` or `id<TAB>source<TAB>target` per line.
    Tsv,
    /// XLIFF 1.2 or 2.x: one pair per unit (1.2) or segment (2.x).
    Xliff,
    /// TMX 1.4: one pair per `<tu>`, its English and German `<tuv>`.
    Tmx,
}

impl InputFormat {
    /// The format implied by a file name's extension, if any.
    pub fn from_path(path: &str) -> Option<Self> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            "tsv" | "tab" => Some(InputFormat::Tsv),
            // Trados' .sdlxliff is XLIFF 1.2 with extra elements the reader skips.
            "xlf" | "xliff" | "sdlxliff" => Some(InputFormat::Xliff),
            "tmx" => Some(InputFormat::Tmx),
            _ => None,
        }
    }

    /// Guesses from the first non-blank line: `{` means JSONL, a tab TSV.
    pub fn sniff(first_line: &str) -> Option<Self> {
        let line = first_line.trim_start_matches('\u{feff}').trim_start();
        if line.starts_with('{') {
            Some(InputFormat::Jsonl)
        } else if line.contains('\t') {
            Some(InputFormat::Tsv)
        } else {
            None
        }
    }

    /// Guesses an XML batch from the start of the input: the name of the
    /// root element, past a BOM, the `<?xml …?>` declaration, comments and
    /// a doctype. `None` when the input is not XML or the root is unknown.
    pub fn sniff_xml(head: &str) -> Option<Self> {
        let mut rest = head.trim_start_matches('\u{feff}').trim_start();
        loop {
            if !rest.starts_with('<') {
                return None;
            }
            let (skip_to, closing) = if rest.starts_with("<?") {
                (2, "?>")
            } else if rest.starts_with("<!--") {
                (4, "-->")
            } else if rest.starts_with("<!") {
                (2, ">")
            } else {
                break;
            };
            let end = rest[skip_to..].find(closing)?;
            rest = rest[skip_to + end + closing.len()..].trim_start();
        }
        let name: String =
            rest[1..].chars().take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')).collect();
        match name.rsplit(':').next().unwrap_or("") {
            "xliff" => Some(InputFormat::Xliff),
            "tmx" => Some(InputFormat::Tmx),
            _ => None,
        }
    }
}

/// Opens `path` for reading; `-` is standard input.
pub fn open(path: &str) -> Result<Box<dyn BufRead + Send>> {
    if path == "-" {
        return Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())));
    }
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// Reads lines as bytes and checks UTF-8 per line, so that invalid bytes
/// become an error naming the line instead of ending the whole read.
pub struct Lines<R> {
    reader: R,
    path: std::sync::Arc<str>,
    line: usize,
    buf: Vec<u8>,
}

/// `reader.read_until(b'\n', buf)`, with the line end found by the
/// `memchr` crate's vector search: the standard library's `read_until`
/// searches a word at a time, which cost more than the JSON parse of a
/// line. The same steps otherwise (an interrupted read is retried, bytes
/// read before an error stay in `buf`).
fn read_until_newline<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let (done, used) = {
            let available = match reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match memchr::memchr(b'\n', available) {
                Some(at) => {
                    buf.extend_from_slice(&available[..=at]);
                    (true, at + 1)
                }
                None => {
                    buf.extend_from_slice(available);
                    (false, available.len())
                }
            }
        };
        reader.consume(used);
        read += used;
        if done || used == 0 {
            return Ok(read);
        }
    }
}

/// The line buffer keeps up to this much capacity from line to line.
const KEEP_LINE_BUFFER: usize = 1 << 20;

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, path: &str) -> Self {
        let path = if path == "-" { "<stdin>" } else { path };
        Lines { reader, path: path.into(), line: 0, buf: Vec::new() }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path, shared with every pair read from it (their `origin`).
    pub fn file(&self) -> &std::sync::Arc<str> {
        &self.path
    }

    /// The next line that is not blank: readers skip blank lines (they are
    /// no record), but keep counting them so line numbers stay true.
    pub fn next_nonblank(&mut self) -> Option<Result<(usize, String)>> {
        self.next_nonblank_str().map(|r| r.map(|(line, text, _)| (line, text.to_string())))
    }

    /// [`Lines::next_nonblank`], borrowed from the reader's buffer (valid
    /// until the next read): a reader that parses the line at once spares
    /// an allocation and a copy of every line. The path comes along, for
    /// the parser's error messages (the reader stays borrowed meanwhile).
    pub fn next_nonblank_str(&mut self) -> Option<Result<(usize, &str, &str)>> {
        loop {
            if let Err(e) = self.read_line()? {
                return Some(Err(e));
            }
            if !self.is_blank() {
                break;
            }
        }
        Some(self.checked().map(|text| (self.line, text, &*self.path)))
    }

    /// The next line (without its line ending) and its 1-based number.
    pub fn next_line(&mut self) -> Option<Result<(usize, String)>> {
        if let Err(e) = self.read_line()? {
            return Some(Err(e));
        }
        Some(self.checked().map(|text| (self.line, text.to_string())))
    }

    /// The line read is blank: white space only, after a byte order mark on
    /// the first line. Invalid UTF-8 is not blank (it is an error to report).
    fn is_blank(&self) -> bool {
        // A visible ASCII character (the first byte of nearly every line)
        // decides without checking the UTF-8.
        if self.buf.iter().any(|&b| b.is_ascii() && !char::from(b).is_whitespace()) {
            return false;
        }
        self.checked().is_ok_and(|text| text.trim().is_empty())
    }

    /// The line read, checked to be UTF-8, without a byte order mark on the
    /// first line.
    fn checked(&self) -> Result<&str> {
        // The vector check first (several times faster on news text, where
        // umlauts interrupt the standard check's ASCII runs); the standard
        // one only to locate the error of an invalid line.
        let checked = simdutf8::basic::from_utf8(&self.buf).or_else(|_| std::str::from_utf8(&self.buf));
        match checked {
            Ok(text) if self.line == 1 => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
            Ok(text) => Ok(text),
            Err(e) => Err(Error::record(
                &self.path,
                self.line,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            )),
        }
    }

    /// Reads the next line, without its line ending, into the buffer
    /// (reused from line to line: no allocation once it has grown to the
    /// longest line).
    fn read_line(&mut self) -> Option<Result<()>> {
        self.buf.clear();
        // One huge line (a whole book in one record) need not stay
        // allocated for the rest of the stream.
        if self.buf.capacity() > KEEP_LINE_BUFFER {
            self.buf.shrink_to(KEEP_LINE_BUFFER);
        }
        match read_until_newline(&mut self.reader, &mut self.buf) {
            Ok(0) => None,
            Ok(_) => {
                self.line += 1;
                while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
                    self.buf.pop();
                }
                Some(Ok(()))
            }
            Err(e) => Some(Err(Error::io(&self.path, e))),
        }
    }
}

/// A batch reader: yields one result per non-blank record.
pub type Records = Box<dyn Iterator<Item = Result<Pair>> + Send>;

/// Opens a batch file (JSONL, TSV, XLIFF or TMX) as a stream of pairs. The
/// format comes from `format`, else the extension, else the first bytes.
pub fn read_batch(path: &str, format: Option<InputFormat>) -> Result<Records> {
    let mut reader = open(path)?;
    let format = match format.or_else(|| InputFormat::from_path(path)) {
        Some(f) => f,
        None => {
            let peek = reader.fill_buf().map_err(|e| Error::io(path, e))?;
            let head = head_text(peek);
            let first_line = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            InputFormat::sniff_xml(&head).or_else(|| InputFormat::sniff(first_line)).ok_or_else(|| {
                Error::input(path, "cannot tell the input format: expected JSONL (`{…}` per line), TSV (tab-separated), XLIFF or TMX; use --input-format")
            })?
        }
    };
    Ok(match format {
        InputFormat::Jsonl => Box::new(jsonl::JsonlReader::new(Lines::new(reader, path))),
        InputFormat::Tsv => Box::new(tsv::TsvReader::new(Lines::new(reader, path))),
        InputFormat::Xliff => Box::new(xliff::XliffReader::new(reader, path, xliff::several_files(path)?)),
        InputFormat::Tmx => Box::new(tmx::TmxReader::new(reader, path)),
    })
}

/// The start of the input as text for sniffing: UTF-8, or UTF-16 after its
/// byte order mark (TMX exports often are).
fn head_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let units = |from_bytes: fn([u8; 2]) -> u16| -> Vec<u16> {
        bytes[2..].chunks_exact(2).map(|pair| from_bytes([pair[0], pair[1]])).collect()
    };
    match bytes {
        [0xFF, 0xFE, ..] => String::from_utf16_lossy(&units(u16::from_le_bytes)).into(),
        [0xFE, 0xFF, ..] => String::from_utf16_lossy(&units(u16::from_be_bytes)).into(),
        _ => String::from_utf8_lossy(bytes),
    }
}

/// Reads all of a small file (documents, configs) into a string.
pub fn read_to_string(path: &str) -> Result<String> {
    let mut reader = open(path)?;
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Error::record(path, line, "invalid UTF-8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_until_newline_reads_like_read_until() {
        // A tiny buffer makes lines straddle refills.
        let data = b"first line\r\n\nsecond \xff line\nno newline at the end";
        for capacity in [1, 2, 3, 7, 64] {
            let mut ours = io::BufReader::with_capacity(capacity, &data[..]);
            let mut std = io::BufReader::with_capacity(capacity, &data[..]);
            loop {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let (n, m) = (read_until_newline(&mut ours, &mut a).unwrap(), std.read_until(b'\n', &mut b).unwrap());
                assert_eq!((n, &a), (m, &b));
                if n == 0 {
                    break;
                }
            }
        }
    }

    #[test]
    fn formats_from_extension_and_content() {
        assert_eq!(InputFormat::from_path("a/b.JSONL"), Some(InputFormat::Jsonl));
        assert_eq!(InputFormat::from_path("x.tsv"), Some(InputFormat::Tsv));
        assert_eq!(InputFormat::from_path("x.txt"), None);
        assert_eq!(InputFormat::sniff("  {\"id\": 1}"), Some(InputFormat::Jsonl));
        assert_eq!(InputFormat::sniff("a\tb"), Some(InputFormat::Tsv));
        assert_eq!(InputFormat::sniff("plain"), None);
        assert_eq!(InputFormat::from_path("a.XLF"), Some(InputFormat::Xliff));
        assert_eq!(InputFormat::from_path("a.sdlxliff"), Some(InputFormat::Xliff));
        assert_eq!(InputFormat::from_path("memory.tmx"), Some(InputFormat::Tmx));
    }

    #[test]
    fn sniffs_xml_roots_past_declaration_comments_and_doctype() {
        let xliff = "\u{feff}<?xml version=\"1.0\"?>\n<!-- exported -->\n<xliff version=\"1.2\">";
        assert_eq!(InputFormat::sniff_xml(xliff), Some(InputFormat::Xliff));
        let tmx = "<?xml version=\"1.0\"?><!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx version=\"1.4\">";
        assert_eq!(InputFormat::sniff_xml(tmx), Some(InputFormat::Tmx));
        assert_eq!(InputFormat::sniff_xml("<xlf:xliff>"), Some(InputFormat::Xliff));
        assert_eq!(InputFormat::sniff_xml("<html>"), None);
        assert_eq!(InputFormat::sniff_xml("{\"id\": 1}"), None);
        assert_eq!(InputFormat::sniff_xml("<?xml version=\"1.0\""), None, "cut off: no guess");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<tmx>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(InputFormat::sniff_xml(&head_text(&utf16)), Some(InputFormat::Tmx));
    }

    #[test]
    fn lines_report_invalid_utf8_with_line_number() {
        let data: &[u8] = b"ok\r\nbad \xff here\nok\n";
        let mut lines = Lines::new(data, "f.tsv");
        assert_eq!(lines.next_line().unwrap().unwrap(), (1, "ok".to_string()));
        let err = lines.next_line().unwrap().unwrap_err().to_string();
        assert!(err.starts_with("f.tsv:2: invalid UTF-8 at byte 4 of the line"), "{err}");
        assert_eq!(lines.next_line().unwrap().unwrap(), (3, "ok".to_string()));
        assert!(lines.next_line().is_none());
        // Valid multi-byte text passes the vector check; a cut sequence fails it.
        let data = "Grüße „aus“ Kiew – 3,5 %\n".as_bytes();
        assert_eq!(Lines::new(data, "f").next_line().unwrap().unwrap().1, "Grüße „aus“ Kiew – 3,5 %");
        let cut = &"Grüße „aus“".as_bytes()[..9];
        let err = Lines::new(cut, "f").next_line().unwrap().unwrap_err().to_string();
        assert!(err.contains("invalid UTF-8 at byte 8 of the line"), "{err}");
    }
}
