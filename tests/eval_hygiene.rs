//! The evaluation data stays out of the repository.
//!
//! Every figure mtlint reports is measured on `../shared/eval`; a test or a
//! doc example adapted from one of its records would make those figures
//! flattering and the test meaningless. This test reads every text the
//! repository tracks (code, tests, samples, docs) and fails when one shares
//! a run of [`RUN`] words with an eval record. Runs that also occur in the
//! seed page (`../shared/seed`), which the samples quote on purpose, are
//! allowed. Skipped when `../shared/eval` is absent (a clone on its own).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Words in a run: long enough that invented sentences do not collide with
/// real ones by chance, short enough to catch an adapted sentence.
const RUN: usize = 6;

const EVAL: &str = "../shared/eval";
const SEED: &str = "../shared/seed";

/// Lowercase words (letters and digits), in order.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn runs_of(text: &str, into: &mut HashSet<u64>) {
    let words = words(text);
    for run in words.windows(RUN) {
        into.insert(fnv(run));
    }
}

fn fnv(run: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in run {
        for &b in word.as_bytes().iter().chain(b" ") {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The English and German texts of every eval file (JSON string fields and
/// the pages), as one run set.
fn eval_runs() -> HashSet<u64> {
    let mut runs = HashSet::new();
    for path in files_below(Path::new(EVAL)) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in text.lines() {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
                    strings_of(&value, &mut |s| runs_of(s, &mut runs));
                }
            }
        } else if path.extension().is_some_and(|e| e == "html") {
            runs_of(&without_tags(&text), &mut runs);
        }
    }
    runs
}

/// The text of an HTML page without its markup (tag names and attributes
/// are everybody's, not the eval data's).
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn strings_of(value: &serde_json::Value, f: &mut dyn FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_of(v, f)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_of(v, f)),
        _ => {}
    }
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The files git tracks, or (outside a checkout) the source folders.
fn repository_files() -> Vec<PathBuf> {
    let listed = std::process::Command::new("git").args(["ls-files", "-z"]).output();
    match listed {
        Ok(out) if out.status.success() => out
            .stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
            .collect(),
        _ => ["src", "tests", "sample_pairs", "examples", "benches", "README.md"]
            .iter()
            .flat_map(|d| {
                let p = Path::new(d);
                if p.is_dir() {
                    files_below(p)
                } else {
                    vec![p.to_path_buf()]
                }
            })
            .collect(),
    }
}

#[test]
fn no_tracked_file_quotes_the_eval_data() {
    if !Path::new(EVAL).is_dir() {
        eprintln!("skipped: {EVAL} is not here");
        return;
    }
    let mut allowed = HashSet::new();
    for path in files_below(Path::new(SEED)) {
        if let Ok(text) = std::fs::read_to_string(&path) {
            runs_of(&text, &mut allowed);
        }
    }
    let eval: HashSet<u64> = eval_runs().difference(&allowed).copied().collect();
    let mut quoting = Vec::new();
    for path in repository_files() {
        let Ok(text) = std::fs::read_to_string(&path) else { continue }; // binary or gone
        let words = words(&text);
        if let Some(run) = words.windows(RUN).find(|run| eval.contains(&fnv(run))) {
            quoting.push(format!("{}: \"{}\"", path.display(), run.join(" ")));
        }
    }
    assert!(quoting.is_empty(), "files share a {RUN}-word run with ../shared/eval:\n{}", quoting.join("\n"));
}
