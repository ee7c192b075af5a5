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
        let expected = *self.columns.get_or_insert(fields.len());
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
        loop {
            let (line, text) = match self.lines.next_line()? {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(self.parse(line, &text));
        }
    }
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
    fn wrong_column_count_names_the_line() {
        let got = read("a\tHi\tHallo\nb\tonly\n");
        let err = got[1].as_ref().unwrap_err().to_string();
        assert_eq!(err, "in.tsv:2: expected 3 tab-separated columns (id, source, target), found 2");
        let err = read("just one column\n")[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("expected 2 or 3"), "{err}");
    }
}
