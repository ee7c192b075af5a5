//! `mtlint eval` end to end: the real binary on small hand-made gold files
//! (every number below is computed by hand), and, when the team's shared
//! evaluation data sits next to the repository, on the real dev files.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap_or_else(|e| panic!("binary not built: {e}"));
    // Without the optional Ding dictionary (it has its own tests): same results on every machine, and fast.
    cmd.env("MTLINT_DING", "");
    cmd
}

fn write(dir: &Path, name: &str, lines: &[&str]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap_or_else(|e| panic!("cannot write {name}: {e}"));
    path
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run mtlint: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

/// "Sie fand „statt. eigens“ dafür gebaut." — the period after "statt"
/// breaks the sentence; spurious-sentence-break flags "statt. eigens",
/// code points 10..23 („ counts as one code point, three bytes).
const BROKEN: &str = "Sie fand „statt. eigens“ dafür gebaut.";
const CLEAN: &str = "Sie fand „statt, eigens“ dafür gebaut.";
/// The hand-made figures below are computed for this rule alone, so that
/// rules added later cannot change them.
const RULE: &str = "spurious-sentence-break";
const SOURCE: &str = "It took place, built especially for it.";

fn record(id: &str, target: &str, extra: &str) -> String {
    format!(r#"{{"id":"{id}","source":"{SOURCE}","target":"{target}",{extra}}}"#)
}

#[test]
fn mqm_file_by_hand() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = write(
        dir.path(),
        "mqm.jsonl",
        &[
            // hit: the rater marked "eigens" (code points 17..23); a byte-offset reader would miss it
            &record(
                "a",
                BROKEN,
                r#""mqm":5.0,"errors":[{"start":17,"end":23,"category":"Accuracy/Omission","severity":"Major","rater":"r1"}]"#,
            ),
            // miss: the only span is "Sie", and a Neutral one on the finding does not count
            &record(
                "b",
                BROKEN,
                r#""mqm":1.0,"errors":[{"start":0,"end":3,"category":"Fluency/Grammar","severity":"Minor","rater":"r1"},{"start":10,"end":15,"category":"Style/Awkward","severity":"Neutral","rater":"r2"}]"#,
            ),
            // no finding, no error
            &record("c", CLEAN, r#""mqm":0.0,"errors":[]"#),
        ],
    );
    let v = json(mtlint().args(["eval", "-f", "json", "--rules", RULE]).arg(&gold));
    assert_eq!(v["kind"], "mqm");
    let m = &v["mqm"];
    assert_eq!(m["error_spans"], 2);
    assert_eq!(m["neutral_excluded"], 1);
    let rule = &m["rules"]["spurious-sentence-break"];
    assert_eq!((rule["findings"].as_u64(), rule["hits"].as_u64()), (Some(2), Some(1)));
    assert_eq!(rule["span_precision"], 0.5);
    assert_eq!(rule["major_plus"]["span_precision"], 0.5);
    assert!(rule["precision_at"]["10"].is_null());
    assert_eq!(m["all_rules"]["span_precision"], 0.5);
    // recall: the major omission found, the minor grammar error not
    assert_eq!(m["recall"]["by_severity"]["major"]["recall"], 1.0);
    assert_eq!(m["recall"]["by_severity"]["minor"]["recall"], 0.0);
    assert_eq!(m["recall"]["overall"]["recall"], 0.5);
    // penalties 4.5, 4.5, 0 against mqm 5, 1, 0: Spearman with the tie
    // ranks p = 2.5, 2.5, 1 and m = 3, 2, 1 → r = 1.5 / sqrt(1.5 * 2) = sqrt(3)/2
    let rho = m["correlation"]["spearman"].as_f64().unwrap_or(f64::NAN);
    assert!((rho - 3f64.sqrt() / 2.0).abs() < 1e-9, "{rho}");
    // tau-b: pairs (a,b) tied in the penalty, (a,c) and (b,c) concordant → 2 / sqrt(2 * 3)
    let tau = m["correlation"]["kendall"].as_f64().unwrap_or(f64::NAN);
    assert!((tau - 2.0 / 6f64.sqrt()).abs() < 1e-9, "{tau}");

    mtlint()
        .args(["eval", "--rules", RULE])
        .arg(&gold)
        .assert()
        .success()
        .stdout(predicate::str::contains("Span precision"))
        .stdout(predicate::str::contains("Spearman 0.866"));
}

#[test]
fn challenge_file_by_hand() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = write(
        dir.path(),
        "challenge.jsonl",
        &[
            &record("a#p", BROKEN, r#""glitch":"spurious_period","span":[15,16]"#),
            // zero-width span 2 code points after "eigens" ends (23): within tolerance
            &record("b#o", BROKEN, r#""glitch":"omitted_clause","span":[25,25]"#),
            // 3 code points after: pair hit only
            &record("c#o", BROKEN, r#""glitch":"omitted_clause","span":[26,26]"#),
            &record("a", CLEAN, r#""glitch":null"#),
            &record("b", BROKEN, r#""glitch":null"#),
        ],
    );
    let v = json(mtlint().args(["eval", "-f", "json", "--rules", RULE]).arg(&gold));
    let c = &v["challenge"];
    assert_eq!(c["kinds"]["spurious_period"]["recall"], 1.0);
    assert_eq!(c["kinds"]["omitted_clause"]["recall"], 0.5);
    assert_eq!(c["kinds"]["omitted_clause"]["pair_recall"], 1.0);
    assert_eq!(c["kinds"]["omitted_clause"]["n"], 2);
    assert_eq!(c["false_alarm_rate"], 0.5);
    assert_eq!(c["by_rule"]["spurious-sentence-break"]["false_alarm_rate"], 0.5);
}

#[test]
fn critical_file_by_hand() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = write(
        dir.path(),
        "ced.jsonl",
        &[
            &record("1", BROKEN, r#""critical":true"#),
            &record("2", BROKEN, r#""critical":false"#),
            &record("3", CLEAN, r#""critical":true"#),
            &record("4", CLEAN, r#""critical":false"#),
            &record("5", CLEAN, r#""critical":false"#),
        ],
    );
    // tp 1, fp 1, fn 1, tn 2: MCC (2 - 1) / sqrt(2 * 2 * 3 * 3) = 1/6
    let v = json(mtlint().args(["eval", "-f", "json", "--rules", RULE]).arg(&gold));
    let c = &v["critical"];
    assert_eq!(
        (c["tp"].as_u64(), c["fp"].as_u64(), c["fn"].as_u64(), c["tn"].as_u64()),
        (Some(1), Some(1), Some(1), Some(2))
    );
    assert_eq!((c["precision"].as_f64(), c["recall"].as_f64()), (Some(0.5), Some(0.5)));
    assert!((c["mcc"].as_f64().unwrap_or(f64::NAN) - 1.0 / 6.0).abs() < 1e-12);
    // at critical+ nothing is flagged
    let v = json(mtlint().args(["eval", "-f", "json", "--rules", RULE, "--min-severity", "critical"]).arg(&gold));
    assert_eq!(v["critical"]["flagged"], 0);
    assert_eq!(v["critical"]["mcc"], 0.0);
}

#[test]
fn bad_input_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = write(
        dir.path(),
        "bad.jsonl",
        &[&record("1", CLEAN, r#""critical":true"#), &record("2", CLEAN, r#""glitch":"truncated","span":[3,99]"#)],
    );
    mtlint().arg("eval").arg(&gold).assert().code(2).stderr(predicate::str::contains("bad.jsonl:2:"));
    let outside = write(dir.path(), "outside.jsonl", &[&record("1", CLEAN, r#""glitch":"truncated","span":[3,99]"#)]);
    mtlint().arg("eval").arg(&outside).assert().code(2).stderr(predicate::str::contains("outside.jsonl:1: `span`"));
    mtlint()
        .args(["eval", "--rules", "no-such-rule"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
    mtlint().args(["eval", "/no/such/file.jsonl"]).assert().code(2);
}

/// The shared dev files live outside the repository (`../shared/eval`, or
/// the folder `MTLINT_EVAL_DIR` names); a fresh clone has none, so this
/// test then only says so.
#[test]
fn runs_on_the_shared_dev_files_when_present() {
    let shared = std::env::var_os("MTLINT_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"));
    for (file, section) in [
        ("mqm-ende-2020.jsonl", "MQM span annotations"),
        ("challenge-dev.jsonl", "Challenge set"),
        ("ced-ende-dev.jsonl", "Critical-error labels"),
    ] {
        let path = shared.join(file);
        if !path.exists() {
            println!("skipped: {} not found", path.display());
            continue;
        }
        mtlint().arg("eval").arg(&path).assert().success().stdout(predicate::str::contains(section));
    }
}
