//! Batch manifests: which page pairs to fetch, align and check.
//!
//! A pipeline checks thousands of article pairs; it lists them once, one
//! row per pair with an id, the English source and the German target (URLs
//! or files). CSV (`id,source,target`, header optional) and JSONL
//! (`{"id", "source", "target"}`, with `en`/`de` accepted as aliases) are
//! read. Relative file paths are taken relative to the manifest, so a
//! folder of pages travels with its manifest.

use super::is_url;
use crate::error::{Error, Result};
use crate::input::{self, Lines};
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

/// One row: a pair name and where its two documents are.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PairSpec {
    pub id: String,
    #[serde(alias = "en")]
    pub source: String,
    #[serde(alias = "de")]
    pub target: String,
    /// The manifest file and line this row came from, so that a failed
    /// pair is reported as that row's error.
    #[serde(skip)]
    pub row: Option<(Arc<str>, usize)>,
}

impl PairSpec {
    pub fn new(id: impl Into<String>, source: impl Into<String>, target: impl Into<String>) -> Self {
        PairSpec { id: id.into(), source: source.into(), target: target.into(), row: None }
    }

    /// `err` as this row's error when the pair came from a manifest.
    pub fn failure(&self, err: Error) -> Error {
        match &self.row {
            Some((file, line)) => Error::record(file, *line, err.to_string()),
            None => err,
        }
    }
}

/// Reads a manifest; the format comes from the extension (`.csv`, else
/// JSONL when the first line starts with `{`, else CSV).
pub fn read_manifest(path: &str) -> Result<Vec<PairSpec>> {
    let text = input::read_to_string(path)?;
    let is_csv = path.to_ascii_lowercase().ends_with(".csv")
        || !text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim_start().starts_with('{'));
    let mut specs = if is_csv { parse_csv(&text, path)? } else { parse_jsonl(&text, path)? };
    let base = Path::new(path).parent().unwrap_or(Path::new(""));
    let file: Arc<str> = path.into();
    for (spec, line) in &mut specs {
        spec.source = relative_to(base, &spec.source);
        spec.target = relative_to(base, &spec.target);
        spec.row = Some((file.clone(), *line));
    }
    let specs: Vec<PairSpec> = specs.into_iter().map(|(spec, _)| spec).collect();
    if specs.is_empty() {
        return Err(Error::input(path, "the manifest lists no pairs"));
    }
    Ok(specs)
}

fn relative_to(base: &Path, spec: &str) -> String {
    if is_url(spec) || Path::new(spec).is_absolute() {
        spec.to_string()
    } else {
        base.join(spec).to_string_lossy().into_owned()
    }
}

/// Rows with their line numbers.
type Rows = Vec<(PairSpec, usize)>;

fn parse_jsonl(text: &str, path: &str) -> Result<Rows> {
    let mut lines = Lines::new(text.as_bytes(), path);
    let mut specs = Vec::new();
    while let Some(line) = lines.next_line() {
        let (number, line) = line?;
        if line.trim().is_empty() {
            continue;
        }
        let spec: PairSpec = serde_json::from_str(&line).map_err(|e| {
            Error::record(path, number, format!("not a manifest row {{\"id\",\"source\",\"target\"}}: {e}"))
        })?;
        specs.push((spec, number));
    }
    Ok(specs)
}

/// One CSV record per line (ids, URLs and paths hold no line breaks), so
/// that every row's error names its real line.
fn parse_csv(text: &str, path: &str) -> Result<Rows> {
    let mut specs = Vec::new();
    for (index, line_text) in text.lines().enumerate() {
        let line = index + 1;
        if line_text.trim().is_empty() {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line_text.as_bytes());
        let row = match reader.records().next() {
            Some(row) => row.map_err(|e| Error::record(path, line, format!("not valid CSV: {e}")))?,
            None => continue,
        };
        let fields: Vec<&str> = row.iter().map(str::trim).collect();
        if specs.is_empty()
            && fields.first().is_some_and(|f| f.trim_start_matches('\u{feff}').eq_ignore_ascii_case("id"))
        {
            continue; // header
        }
        let [id, source, target] = fields[..] else {
            return Err(Error::record(
                path,
                line,
                format!("expected 3 fields (id,source,target), found {}", fields.len()),
            ));
        };
        specs.push((PairSpec::new(id, source, target), line));
    }
    Ok(specs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn csv_with_header_and_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            "pairs.csv",
            "id,source,target\na,en/a.html,https://x.example/a\n\n\"b,1\",/abs/b.txt,de/b.txt\n",
        );
        let specs = read_manifest(&path).unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[1].row.as_ref().map(|(_, line)| *line), Some(4));
        let err = specs[1].failure(Error::fetch("http://h/x", "HTTP 404"));
        assert!(err.to_string().ends_with("pairs.csv:4: http://h/x: HTTP 404"), "{err}");
        assert_eq!(specs[0].source, dir.path().join("en/a.html").to_string_lossy());
        assert_eq!(specs[0].target, "https://x.example/a");
        assert_eq!((specs[1].id.as_str(), specs[1].source.as_str()), ("b,1", "/abs/b.txt"));
    }

    #[test]
    fn jsonl_with_language_aliases() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            "index.jsonl",
            "{\"id\": \"p1\", \"en\": \"http://h/1\", \"de\": \"http://h/2\", \"charset\": \"x\"}\n",
        );
        let spec = &read_manifest(&path).unwrap()[0];
        assert_eq!((spec.id.as_str(), spec.source.as_str(), spec.target.as_str()), ("p1", "http://h/1", "http://h/2"));
    }

    #[test]
    fn bad_rows_name_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "m.csv", "a,b,c\nonly,two\n");
        assert!(read_manifest(&path)
            .unwrap_err()
            .to_string()
            .ends_with("m.csv:2: expected 3 fields (id,source,target), found 2"));
        let path = write(&dir, "m.jsonl", "{\"id\": \"x\"}\n");
        assert!(read_manifest(&path).unwrap_err().to_string().contains("m.jsonl:1: not a manifest row"));
    }
}
