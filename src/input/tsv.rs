//! TSV reader: `source<TAB>target` or `id<TAB>source<TAB>target` per line.
//!
//! The column count is fixed by the first record; a later row with another
//! count is an error naming its line (a stray tab inside a segment would
//! otherwise shift text between columns silently).

use super::Lines;
use crate::error::{Error, Result};
use crate::model::Pair;
use std::io::BufRead;

pub struct TsvReader<R> {
    lines: Lines<R>,
    columns: Option<usize>,
}

impl<R: BufRead> TsvReader<R> {
    pub fn new(lines: Lines<R>) -> Self {
        TsvReader { lines, columns: None }
    }

    fn parse(&mut self, line: usize, text: &str) -> Result<Pair> {
        let fields: Vec<&str> = text.split('\t').collect();
        // Only a well-formed row fixes the count: a bad first row (a header
        // line, a stray line of prose) must not make every later row bad.
        if (2..=3).contains(&fields.len()) && self.columns.is_none() {
            self.columns = Some(fields.len());
        }
        let expected = self.columns.unwrap_or(fields.len());
        if fields.len() != expected || !(2..=3).contains(&fields.len()) {
            let want = if (2..=3).contains(&expected) { expected.to_string() } else { "2 or 3".to_string() };
            return Err(Error::record(
                self.lines.path(),
                line,
                format!("expected {want} tab-separated columns (id, source, target), found {}", fields.len()),
            ));
        }
        Ok(match fields.as_slice() {
            [source, target] => Pair::new(line.to_string(), *source, *target),
            [id, source, target] => Pair::new(*id, *source, *target),
            _ => unreachable!("column count checked above"),
        })
    }
}

impl<R: BufRead> Iterator for TsvReader<R> {
    type Item = Result<Pair>;
    fn next(&mut self) -> Option<Self::Item> {
        let (line, text) = match self.lines.next_nonblank()? {
            Ok(l) => l,
            Err(e) => return Some(Err(e)),
        };
        let column = target_column(&text);
        Some(self.parse(line, &text).map(|p| p.at(self.lines.file(), line, Some(column))))
    }
}

/// The 1-based code-point column of the last field (the German text).
fn target_column(line: &str) -> usize {
    line.rfind('\t').map_or(0, |at| line[..=at].chars().count()) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: &str) -> Vec<Result<Pair>> {
        TsvReader::new(Lines::new(data.as_bytes(), "in.tsv")).collect()
    }

    #[test]
    fn two_and_three_columns() {
        let two: Vec<Pair> = read("Hi\tHallo\n").into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(two, [Pair::new("1", "Hi", "Hallo")]);
        let three: Vec<Pair> = read("a\tHi\tHallo\n").into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(three, [Pair::new("a", "Hi", "Hallo")]);
    }

    #[test]
    fn remembers_line_and_target_column() {
        let got = read("\na\tHä\tHallo\n");
        let origin = got[0].as_ref().unwrap().origin.clone().unwrap();
        assert_eq!((origin.line, origin.target_column), (2, Some(6)));
    }

    #[test]
    fn wrong_column_count_names_the_line() {
        let got = read("a\tHi\tHallo\nb\tonly\n");
        let err = got[1].as_ref().unwrap_err().to_string();
        assert_eq!(err, "in.tsv:2: expected 3 tab-separated columns (id, source, target), found 2");
        let err = read("just one column\n")[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("expected 2 or 3"), "{err}");
    }

    /// Regression: a malformed first row used to fix the column count at 1,
    /// so every good row after it was rejected too.
    #[test]
    fn a_bad_first_row_rejects_only_itself() {
        let got = read("a header\na\tHi\tHallo\nb\tYes\tJa\n");
        assert!(got[0].as_ref().unwrap_err().to_string().contains("in.tsv:1: expected 2 or 3"));
        assert!(got[1].is_ok() && got[2].is_ok(), "{:?}", got.iter().map(|r| r.is_ok()).collect::<Vec<_>>());
    }
}
