//! The real binary on awkward and broken input: nothing panics (a Rust
//! panic exits 101), every bad record is named by file and line and fails
//! the run (exit 2), and with `--keep-going` every record is counted
//! (`records = pairs + rejected`).

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

const SEED_EN: &str = "sample_pairs/seed.en.txt";
const SEED_DE: &str = "sample_pairs/seed.de.txt";
const FORMATS: [&str; 6] = ["table", "json", "jsonl", "sarif", "junit", "github"];

fn seed(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).display().to_string()
}

/// Runs `mtlint ARGS` in `dir` without any configuration file; never a panic.
fn run(dir: &Path, args: &[&str]) -> Output {
    // Without the optional Ding dictionary (it has its own tests): same results on every machine, and fast.
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .env("MTLINT_DING", "")
        .current_dir(dir)
        .arg("check")
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(101), "mtlint panicked on {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn summary(out: &Output) -> Value {
    let doc: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    doc["summary"].clone()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn counts(s: &Value) -> (u64, u64, u64) {
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(n("records"), n("pairs") + n("rejected"), "records = pairs + rejected in {s}");
    (n("records"), n("pairs"), n("rejected"))
}

#[test]
fn bom_crlf_and_missing_final_newline_lose_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let body = "\u{feff}{\"id\":\"a\",\"source\":\"Hello.\",\"target\":\"Hallo.\"}\r\n\r\n{\"id\":\"b\",\"source\":\"Yes.\",\"target\":\"Ja.\"}\r\n{\"id\":\"c\",\"source\":\"No.\",\"target\":\"Nein.\"}";
    let path = write(&dir, "crlf.jsonl", body);
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(counts(&summary(&out)), (3, 3, 0));
    // The same without an extension: the format is sniffed past the BOM.
    let path = write(&dir, "crlf", body);
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json"]);
    assert_eq!(counts(&summary(&out)), (3, 3, 0), "{}", stderr(&out));
}

#[test]
fn null_and_numeric_texts_are_bad_records_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        r#"{"id":"a","source":"Hello.","target":"Hallo."}"#,
        r#"{"id":"b","source":null,"target":"Hallo."}"#,
        r#"{"id":"c","source":"Five.","target":5}"#,
        r#"{"id":3.5,"source":"Yes.","target":"Ja."}"#,
        r#"["source","target"]"#,
        r#"{"id":"e","source":"No.","target":"Nein."}"#,
    ]
    .join("\n");
    let path = write(&dir, "bad.jsonl", body);
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.jsonl:2:"), "{}", stderr(&out));

    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json", "--keep-going"]);
    assert_eq!(out.status.code(), Some(2), "rejected records fail the run");
    assert_eq!(counts(&summary(&out)), (6, 3, 3));
    let err = stderr(&out);
    for line in [2, 3, 5] {
        assert!(err.contains(&format!("bad.jsonl:{line}: not a valid record")), "line {line}: {err}");
    }
}

fn long_record(bytes: usize) -> String {
    let sentence = "Der Ausschuss hat am Montag über den Haushalt beraten und nichts beschlossen. ";
    let target = sentence.repeat(bytes / sentence.len() + 1);
    let english = "The committee discussed the budget on Monday and decided nothing. ";
    let source = english.repeat(bytes / english.len());
    format!("{}\n", serde_json::json!({"id": "big", "source": source, "target": target}))
}

/// A 1 MB line is read whole (cheap rules only, to keep the debug test fast).
#[test]
fn a_one_megabyte_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "big.jsonl", long_record(1_000_000));
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json", "--rules", "untranslated,length-ratio"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert_eq!(counts(&summary(&out)), (1, 1, 0));
}

/// A 100 kB record of one repeated sentence pair once stalled the anchor
/// alignment (quadratic in repeated words); sides over
/// `anchors::MAX_ALIGN_TOKENS` are now not aligned.
#[test]
fn a_long_record_goes_through_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "long.jsonl", long_record(100_000));
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert_eq!(counts(&summary(&out)), (1, 1, 0));
}

#[test]
fn tsv_keeps_quotes_and_empty_fields_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        write(&dir, "q.tsv", "\"a\"\tHe said \"hi\".\tEr sagte „hallo“.\nb\t\tNur Deutsch.\nc\tOnly English.\t\n");
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert_eq!(counts(&summary(&out)), (3, 3, 0));
}

/// A malformed first row must not fix the column count for the rows after it.
#[test]
fn tsv_bad_first_row_rejects_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "first.tsv", "just a header line\na\tHello.\tHallo.\nb\tYes.\tJa.\n");
    let out = run(dir.path(), &[path.to_str().unwrap(), "-f", "json", "--keep-going"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(counts(&summary(&out)), (3, 2, 1), "{}", stderr(&out));
    assert!(stderr(&out).contains("first.tsv:1: expected 2 or 3"), "{}", stderr(&out));
}

#[test]
fn directories_missing_files_and_missing_config_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("batch.jsonl");
    fs::create_dir(&sub).unwrap();
    for args in
        [vec![sub.to_str().unwrap()], vec![dir.path().to_str().unwrap()], vec![sub.to_str().unwrap(), "--keep-going"]]
    {
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(dir.path().to_str().unwrap()), "names the path: {}", stderr(&out));
    }
    // Two directories look like a document pair.
    let out = run(dir.path(), &[dir.path().to_str().unwrap(), dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    let good = write(&dir, "ok.jsonl", "{\"source\":\"Yes.\",\"target\":\"Ja.\"}\n");
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", good.to_str().unwrap(), "--config", "no-such.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such.toml"), "{}", stderr(&out));
}

#[test]
fn top_zero_shows_nothing_but_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &[&seed(SEED_EN), &seed(SEED_DE), "--top", "0", "-f", "json"]);
    assert_eq!(out.status.code(), Some(1), "the seed's findings still fail the run");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
    let out = run(dir.path(), &[&seed(SEED_EN), &seed(SEED_DE), "--top", "0"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_format_on_clean_empty_and_seed_input() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(&dir, "clean.jsonl", "{\"id\":\"1\",\"source\":\"Yes.\",\"target\":\"Ja.\"}\n");
    let empty = write(&dir, "empty.jsonl", "");
    let blank = write(&dir, "blank.tsv", "\n  \n");
    for format in FORMATS {
        for input in [&clean, &empty, &blank] {
            let out = run(dir.path(), &[input.to_str().unwrap(), "-f", format]);
            assert_eq!(out.status.code(), Some(0), "{format} on {input:?}: {}", stderr(&out));
            check_well_formed(format, &out.stdout);
        }
        let out = run(dir.path(), &[&seed(SEED_EN), &seed(SEED_DE), "-f", format]);
        assert_eq!(out.status.code(), Some(1), "{format} on the seed: {}", stderr(&out));
        check_well_formed(format, &out.stdout);
        assert!(!out.stdout.is_empty(), "{format} prints the seed's findings");
    }
}

fn check_well_formed(format: &str, stdout: &[u8]) {
    let text = String::from_utf8(stdout.to_vec()).expect("UTF-8 output");
    match format {
        "json" | "sarif" => {
            serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        }
        "jsonl" => text.lines().for_each(|l| {
            serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("jsonl: {e}\n{l}"));
        }),
        "junit" => assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</testsuites>"), "{text}"),
        "github" => assert!(text.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ")), "{text}"),
        _ => {}
    }
}

#[test]
fn empty_standard_input_is_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for input in ["", "\n\n"] {
        let out = Command::cargo_bin("mtlint")
            .unwrap()
            .env("MTLINT_DING", "")
            .current_dir(dir.path())
            .args(["check", "--no-config", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(101));
    }
}
