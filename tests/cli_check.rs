//! `mtlint check` as a user runs it: the real binary, real files, exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    // Without the optional Ding dictionary (it has its own tests): same results on every machine, and fast.
    cmd.env("MTLINT_DING", "");
    cmd
}

const SEED_EN: &str = "sample_pairs/seed.en.txt";
const SEED_DE: &str = "sample_pairs/seed.de.txt";

fn seed_json() -> Value {
    let out = mtlint().args(["check", SEED_EN, SEED_DE, "-f", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the seed has major glitches");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The German text of a pair of the seed, by 1-based line.
fn seed_line(n: usize) -> String {
    fs::read_to_string(SEED_DE).unwrap().lines().nth(n - 1).unwrap().to_string()
}

#[test]
fn seed_flags_the_spurious_period_at_the_right_code_points() {
    let doc = seed_json();
    let findings = doc["findings"].as_array().unwrap();
    let f = findings.iter().find(|f| f["rule"] == "spurious-sentence-break").expect("statt. eigens is flagged");
    assert_eq!(f["pair"], "seed:6");
    assert_eq!(f["target"]["text"], "statt. eigens");
    let line: Vec<char> = seed_line(6).chars().collect();
    let (start, end) = (f["target"]["start"].as_u64().unwrap() as usize, f["target"]["end"].as_u64().unwrap() as usize);
    assert_eq!(line[start..end].iter().collect::<String>(), "statt. eigens");
}

#[test]
fn seed_is_quiet_on_its_good_lines() {
    let doc = seed_json();
    for f in doc["findings"].as_array().unwrap() {
        let pair = f["pair"].as_str().unwrap();
        let severe = f["severity"] == "major" || f["severity"] == "critical";
        assert!(
            !(severe && ["seed:2", "seed:4", "seed:7", "seed:8", "seed:9"].contains(&pair)),
            "false alarm on a good line: {f}"
        );
    }
}

#[test]
fn json_output_follows_the_contract() {
    let doc = seed_json();
    assert_eq!(doc["version"], 1);
    let summary = &doc["summary"];
    assert_eq!(summary["records"], summary["pairs"]);
    let findings = doc["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let mut last_score = f64::INFINITY;
    for f in findings {
        for key in ["pair", "rule", "category", "severity", "confidence", "score", "target", "source", "message"] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        let score = f["score"].as_f64().unwrap();
        assert!(score <= last_score, "findings are ranked by score");
        last_score = score;
    }
}

#[test]
fn jsonl_prints_one_finding_per_line() {
    let out = mtlint().args(["check", SEED_EN, SEED_DE, "-f", "jsonl"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.is_empty());
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["rule"].is_string());
    }
}

#[test]
fn table_is_the_default_and_marks_spans_when_piped() {
    mtlint()
        .args(["check", SEED_EN, SEED_DE])
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("⟦statt."))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn fail_on_and_min_severity() {
    mtlint()
        .args(["check", SEED_EN, SEED_DE, "--fail-on", "critical", "--rules", "spurious-sentence-break"])
        .assert()
        .code(0);
    let out = mtlint().args(["check", SEED_EN, SEED_DE, "-f", "json", "--min-severity", "critical"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["findings"].as_array().unwrap().iter().all(|f| f["severity"] == "critical"));
}

#[test]
fn top_limits_the_findings_shown() {
    let out = mtlint().args(["check", SEED_EN, SEED_DE, "-f", "json", "--top", "1"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn clean_pairs_exit_zero() {
    mtlint().args(["check", "sample_pairs/traps.jsonl", "-f", "jsonl", "--fail-on", "major"]).assert().code(0);
}

#[test]
fn reads_stdin_and_tsv() {
    mtlint()
        .args(["check", "-", "-f", "jsonl"])
        .write_stdin("t1\tThat is good, and then.\tDas ist gut. und dann.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"pair\":\"t1\""));
}

#[test]
fn malformed_jsonl_names_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    fs::write(&path, "{\"id\":\"a\",\"source\":\"Hi.\",\"target\":\"Hallo.\"}\n{\"id\":\"b\",\"source\":\"Hi.\"}\n")
        .unwrap();
    mtlint()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:2:").and(predicate::str::contains("missing field `target`")));
}

#[test]
fn keep_going_counts_rejected_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    fs::write(&path, b"{\"id\":\"a\",\"source\":\"Hi.\",\"target\":\"Hallo.\"}\nnot json\n{\"id\":\"c\",\"source\":\"x\",\"target\":\"bad \xff utf8\"}\n").unwrap();
    let out = mtlint().args(["check", path.to_str().unwrap(), "--keep-going", "-f", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "rejected records fail the run");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["records"], 3);
    assert_eq!(doc["summary"]["pairs"], 1);
    assert_eq!(doc["summary"]["rejected"], 2);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("mixed.jsonl:2:") && stderr.contains("mixed.jsonl:3: invalid UTF-8"), "{stderr}");
}

#[test]
fn rejected_records_are_errors_in_junit_and_annotations_in_github() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    fs::write(&path, "{\"id\":\"a\",\"source\":\"Hi.\",\"target\":\"Hallo.\"}\nnot json\n").unwrap();
    let file = path.to_str().unwrap();
    let junit = mtlint().args(["check", file, "--keep-going", "-f", "junit"]).output().unwrap();
    assert_eq!(junit.status.code(), Some(2));
    let xml = String::from_utf8(junit.stdout).unwrap();
    assert!(xml.contains("tests=\"2\" failures=\"0\" errors=\"1\""), "{xml}");
    assert!(xml.contains("<testcase name=\"line 2\"") && xml.contains("type=\"rejected\""), "{xml}");
    let github = mtlint().args(["check", file, "--keep-going", "-f", "github"]).output().unwrap();
    let annotations = String::from_utf8(github.stdout).unwrap();
    assert!(annotations.starts_with("::error file=") && annotations.contains(",line=2,"), "{annotations}");
}

#[test]
fn summary_format_has_a_row_per_rule() {
    let out = mtlint()
        .args(["check", "sample_pairs/seed.en.txt", "sample_pairs/seed.de.txt", "-f", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the seed has major findings");
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.lines().find(|l| l.contains("negation-flip")).unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("erlaubt"), "{row}");
    assert!(text.contains("all rules") && text.contains("pairs ("), "{text}");
}

#[test]
fn tsv_with_wrong_column_count_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tsv");
    fs::write(&path, "a\tHi.\tHallo.\nb\tonly two\n").unwrap();
    mtlint()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tsv:2: expected 3 tab-separated columns"));
}

#[test]
fn empty_and_missing_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    mtlint()
        .args(["check", empty.to_str().unwrap(), SEED_DE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    mtlint()
        .args(["check", "no/such/file.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.jsonl"));
}

#[test]
fn bad_arguments_exit_2() {
    mtlint().args(["check", SEED_EN, SEED_DE, "--fail-on", "severe"]).assert().code(2);
    mtlint()
        .args(["check", SEED_EN, SEED_DE, "--rules", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
}

#[test]
fn rules_and_explain() {
    mtlint().arg("rules").assert().success().stdout(predicate::str::contains("spurious-sentence-break"));
    mtlint()
        .args(["explain", "spurious-sentence-break"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example").and(predicate::str::contains("statt. eigens")));
    mtlint().args(["explain", "nope"]).assert().code(2);
}

#[test]
fn eval_data_is_readable_as_is() {
    for file in ["challenge-dev.jsonl", "mqm-ende-2020.jsonl"] {
        let path = format!("../shared/eval/{file}");
        if !std::path::Path::new(&path).exists() {
            eprintln!("skipping: {path} not found (a fresh clone has no ../shared)");
            continue;
        }
        let out = mtlint().args(["check", &path, "-f", "json", "--top", "0", "-q"]).output().unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["summary"]["rejected"], 0);
        assert!(doc["summary"]["pairs"].as_u64().unwrap() > 1000);
    }
}

#[test]
fn a_duplicated_german_paragraph_is_flagged_across_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let (en, de) = (dir.path().join("page.en.txt"), dir.path().join("page.de.txt"));
    fs::write(&en, "The council met on Monday to discuss the new bridge.\n\nThe mayor said the work would start in May.\n\nResidents welcomed the plan.\n").unwrap();
    let mayor = "Der Bürgermeister sagte, die Arbeiten würden im Mai beginnen.";
    fs::write(&de, format!("Der Rat trat am Montag zusammen, um die neue Brücke zu besprechen.\n\n{mayor}\n\n{mayor}\n\nDie Anwohner begrüßten den Plan.\n")).unwrap();
    let out = mtlint().args(["check", "-f", "json"]).arg(&en).arg(&de).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let repeated: Vec<&Value> = findings.iter().filter(|f| f["rule"] == "repeated-translation").collect();
    assert_eq!(repeated.len(), 1, "{doc:#}");
    assert!(repeated[0]["message"].as_str().unwrap().contains("repeats"), "{doc:#}");
    assert!(repeated[0]["target"].is_null(), "the whole German text is meant");
    assert_eq!(repeated[0]["severity"], "major");
    assert_eq!(repeated[0]["category"], "Accuracy/Addition");
}
