//! Decoding page bytes to text: the charset comes from the HTTP
//! `Content-Type`, else a byte-order mark, else `<meta charset>` (or its
//! `http-equiv` form) near the top of the page, else UTF-8 when the bytes
//! are valid UTF-8, else windows-1252, the web's de-facto legacy default.
//! Getting this wrong turns every umlaut into mojibake ("fÃ¼r"), which the
//! detectors would then flag on every line.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page we look for `<meta charset>` (the HTML standard's
/// prescan reads 1024 bytes; real pages put long `<script>`s first).
const META_SCAN_BYTES: usize = 4096;

/// Decodes `bytes`; `content_type` is the HTTP header, if any. Returns the
/// text and the name of the encoding used.
pub fn decode(bytes: &[u8], content_type: Option<&str>, is_html: bool) -> (String, &'static str) {
    let bom = Encoding::for_bom(bytes).map(|(encoding, _)| encoding);
    let declared = content_type.and_then(charset_param).and_then(|l| Encoding::for_label(l.as_bytes()));
    let encoding = bom.or(declared).or_else(|| if is_html { meta_charset(bytes) } else { None }).unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            UTF_8
        } else {
            WINDOWS_1252
        }
    });
    // Without a BOM, a UTF-16 label is wrong: the bytes are ASCII-compatible
    // (the HTML standard reads such pages as UTF-8 too).
    let encoding = if bom.is_none() && !encoding.is_ascii_compatible() { UTF_8 } else { encoding };
    let (text, used, _had_errors) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// The `charset=` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv content="…;
/// charset=…">` near the top of the page declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(pos) = find(tag, b"charset") {
            let value = tag[pos + 7..]
                .iter()
                .skip_while(|&&b| b == b' ' || b == b'=' || b == b'"' || b == b'\'')
                .take_while(|&&b| !matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .copied()
                .collect::<Vec<u8>>();
            if let Some(encoding) = Encoding::for_label(&value) {
                return Some(encoding);
            }
        }
        from = tag_end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins() {
        let (text, used) = decode(b"F\xfcr", Some("text/html; charset=ISO-8859-1"), true);
        assert_eq!((text.as_str(), used), ("Für", "windows-1252"));
    }

    #[test]
    fn meta_charset_in_both_forms() {
        let page = b"<html><head><meta charset='windows-1252'></head><body>F\xfcr</body></html>";
        assert!(decode(page, Some("text/html"), true).0.contains("Für"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>\xc4rger";
        assert!(decode(page, None, true).0.contains("Ärger"));
    }

    #[test]
    fn utf8_by_default_and_1252_when_not_utf8() {
        assert_eq!(decode("Grüße".as_bytes(), None, true).0, "Grüße");
        assert_eq!(decode(b"Gr\xfc\xdfe", None, false).0, "Grüße");
    }

    #[test]
    fn bom_beats_everything() {
        let (text, used) = decode(b"\xef\xbb\xbfGr\xc3\xbc\xc3\x9fe", Some("text/plain; charset=windows-1252"), false);
        assert_eq!((text.as_str(), used), ("Grüße", "UTF-8"));
    }

    #[test]
    fn charset_parameter_parsing() {
        assert_eq!(charset_param("text/html; Charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
    }
}
