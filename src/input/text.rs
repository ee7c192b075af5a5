//! Document pairs: two plain-text files, one paragraph per line.
//!
//! Paragraphs are paired by position (the aligner replaces this when it
//! lands). Extra German paragraphs become target-only pairs (site text
//! glued onto the article, untranslated boilerplate), extra English ones
//! source-only pairs (content dropped in translation), so nothing is lost.

use crate::error::{Error, Result};
use crate::model::Pair;
use std::path::Path;

/// A document's paragraphs with their 1-based line numbers.
pub fn paragraphs(path: &str) -> Result<Vec<(usize, String)>> {
    Ok(paragraphs_with_columns(path)?.into_iter().map(|(line, _, text)| (line, text)).collect())
}

/// A document's paragraphs with their 1-based line numbers and the 1-based
/// code-point column where the (trimmed) paragraph starts.
fn paragraphs_with_columns(path: &str) -> Result<Vec<(usize, usize, String)>> {
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

/// Pairs the paragraphs of two documents by position. Ids are
/// `<doc>:<n>` where `n` is the German line (or the English line for a
/// source-only pair).
pub fn pair_by_position(source_path: &str, target_path: &str) -> Result<Vec<Pair>> {
    let source = paragraphs_with_columns(source_path)?;
    let target = paragraphs_with_columns(target_path)?;
    let doc = document_name(target_path);
    let (target_file, source_file): (std::sync::Arc<str>, std::sync::Arc<str>) = (target_path.into(), source_path.into());
    let n = source.len().max(target.len());
    let mut pairs = Vec::with_capacity(n);
    for i in 0..n {
        let (src_line, _, src) = source.get(i).cloned().unwrap_or_default();
        let (tgt_line, tgt_column, tgt) = target.get(i).cloned().unwrap_or_default();
        let (line, file, column) =
            if tgt_line > 0 { (tgt_line, &target_file, Some(tgt_column)) } else { (src_line, &source_file, None) };
        pairs.push(Pair::new(format!("{doc}:{line}"), src, tgt).at(file, line, column));
    }
    Ok(pairs)
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
    fn pairs_by_position_and_keeps_extra_paragraphs() {
        let dir = tempfile::tempdir().unwrap();
        let en = dir.path().join("a.en.txt");
        let de = dir.path().join("a.de.txt");
        writeln!(std::fs::File::create(&en).unwrap(), "One.\n\nTwo.").unwrap();
        writeln!(std::fs::File::create(&de).unwrap(), "Eins.\n\nZwei.\nMehr lesen").unwrap();
        let pairs = pair_by_position(en.to_str().unwrap(), de.to_str().unwrap()).unwrap();
        assert_eq!(pairs, [Pair::new("a:1", "One.", "Eins."), Pair::new("a:3", "Two.", "Zwei."), Pair::new("a:4", "", "Mehr lesen")]);
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
