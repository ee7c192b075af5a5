//! Plain-text documents: one paragraph per line.
//!
//! Paragraphs keep their line numbers (and starting columns) so that pair
//! ids (`<doc>:<n>`) and CI annotations point at the German line;
//! `crate::align` pairs the paragraphs of two documents.

use crate::error::{Error, Result};
use std::path::Path;

/// A document's paragraphs with their 1-based line numbers.
pub fn paragraphs(path: &str) -> Result<Vec<(usize, String)>> {
    Ok(paragraphs_with_columns(path)?.into_iter().map(|(line, _, text)| (line, text)).collect())
}

/// A document's paragraphs with their 1-based line numbers and the 1-based
/// code-point column where the (trimmed) paragraph starts.
pub fn paragraphs_with_columns(path: &str) -> Result<Vec<(usize, usize, String)>> {
    let text = super::read_to_string(path)?;
    let paras: Vec<(usize, usize, String)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_start_matches('\u{feff}');
            let trimmed = l.trim_start();
            (i + 1, l[..l.len() - trimmed.len()].chars().count() + 1, trimmed.trim_end().to_string())
        })
        .filter(|(_, _, l)| !l.is_empty())
        .collect();
    if paras.is_empty() {
        return Err(Error::input(path, "the document is empty"));
    }
    Ok(paras)
}

/// A short document name for pair ids: `seed.de.txt` → `seed`.
pub fn document_name(path: &str) -> String {
    let stem = Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("doc");
    for suffix in [".de", ".en", "_de", "_en", "-de", "-en"] {
        if let Some(base) = stem.strip_suffix(suffix) {
            if !base.is_empty() {
                return base.to_string();
            }
        }
    }
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn document_names_drop_language_suffix() {
        assert_eq!(document_name("sample_pairs/seed.de.txt"), "seed");
        assert_eq!(document_name("report_en.txt"), "report");
        assert_eq!(document_name("de.txt"), "de");
    }

    #[test]
    fn paragraphs_keep_lines_and_columns() {
        let dir = tempfile::tempdir().unwrap();
        let de = dir.path().join("a.de.txt");
        writeln!(std::fs::File::create(&de).unwrap(), "Eins.\n\n  Zwei.").unwrap();
        let paras = paragraphs_with_columns(de.to_str().unwrap()).unwrap();
        assert_eq!(paras, [(1, 1, "Eins.".to_string()), (3, 3, "Zwei.".to_string())]);
    }

    #[test]
    fn empty_document_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("e.txt");
        std::fs::write(&p, "\n \n").unwrap();
        let err = paragraphs(p.to_str().unwrap()).unwrap_err().to_string();
        assert!(err.ends_with("the document is empty"), "{err}");
    }
}
