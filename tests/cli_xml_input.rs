//! `mtlint check` on XLIFF and TMX as a CI job runs it: the real binary,
//! findings named by unit id and pointing at the unit's line, malformed XML
//! and untranslated units failing the run (exit 2) with file and line.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

const SAMPLE_XLF: &str = "sample_pairs/sample.xlf";
const SAMPLE_TMX: &str = "sample_pairs/sample.tmx";
/// The rules the samples' glitches need: fast in a debug build.
const RULES: &str = "spurious-sentence-break,garbled-acronym,duplicated-clause,untranslated";

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    // Without the optional Ding dictionary (it has its own tests): same results on every machine, and fast.
    cmd.env("MTLINT_DING", "");
    cmd.args(["check", "--no-config"]);
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn xliff(units: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file original=\"a.html\" source-language=\"en\" target-language=\"de\">\n<body>\n{units}\n</body>\n</file>\n</xliff>\n"
    )
}

#[test]
fn xliff_glitches_are_github_annotations_at_the_unit_line() {
    let out = mtlint().args([SAMPLE_XLF, "-f", "github", "--rules", RULES]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("file=sample_pairs/sample.xlf,line=11,") && text.contains("[station] \"statt. einen\""),
        "{text}"
    );
    assert!(text.contains("file=sample_pairs/sample.xlf,line=20,") && text.contains("[summit] \"CNS\""), "{text}");
    assert_eq!(text.lines().count(), 2, "the clean units stay quiet: {text}");
}

#[test]
fn tmx_glitch_is_a_sarif_result_at_the_tu_line() {
    let out = mtlint().args([SAMPLE_TMX, "-f", "sarif", "--rules", RULES]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json(&out);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let location = &results[0]["locations"][0];
    assert_eq!(results[0]["ruleId"], "duplicated-clause");
    assert_eq!(location["logicalLocations"][0]["name"], "library");
    assert_eq!(location["physicalLocation"]["artifactLocation"]["uri"], SAMPLE_TMX);
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 11);
}

#[test]
fn standard_input_is_sniffed_as_xliff_or_tmx() {
    for sample in [SAMPLE_XLF, SAMPLE_TMX] {
        let out = mtlint()
            .args(["-", "-f", "json", "--rules", RULES])
            .write_stdin(fs::read_to_string(sample).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{sample}: {}", stderr(&out));
        let doc = json(&out);
        assert_eq!(doc["summary"]["rejected"], 0);
        assert!(doc["summary"]["pairs"].as_u64().unwrap() >= 3, "{sample}: {}", doc["summary"]);
    }
}

#[test]
fn input_format_overrides_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "export.xml", &fs::read_to_string(SAMPLE_XLF).unwrap());
    mtlint()
        .args([path.to_str().unwrap(), "--input-format", "xliff", "-f", "jsonl", "--rules", RULES])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"pair\":\"station\""));
}

#[test]
fn malformed_xml_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let units = "<trans-unit id=\"1\"><source>Hello.</source><target>Hallo.</target></trans-unit>\n<trans-unit id=\"2\"><source>Yes.</source><target>Ja.</trget></trans-unit>";
    let path = write(dir.path(), "bad.xlf", &xliff(units));
    mtlint()
        .args([path.to_str().unwrap(), "-f", "json", "--rules", RULES])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.xlf:6: malformed XML"));
    let tmx = "<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"en\"><seg>A & B</seg></tuv></tu></body></tmx>";
    let path = write(dir.path(), "bad.tmx", tmx);
    mtlint()
        .args([path.to_str().unwrap(), "--rules", RULES])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tmx:2: malformed XML"));
}

#[test]
fn untranslated_units_are_rejected_and_counted_with_keep_going() {
    let dir = tempfile::tempdir().unwrap();
    let units = "<trans-unit id=\"done\"><source>Hello.</source><target>Hallo.</target></trans-unit>\n<trans-unit id=\"todo\"><source>Goodbye.</source></trans-unit>\n<trans-unit id=\"blank\"><source>Yes.</source><target></target></trans-unit>";
    let path = write(dir.path(), "batch.xlf", &xliff(units));
    let out = mtlint().args([path.to_str().unwrap(), "-f", "json", "--rules", RULES]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("batch.xlf:6: unit todo: no <target>: not translated yet"), "{}", stderr(&out));

    let out = mtlint().args([path.to_str().unwrap(), "-f", "json", "--keep-going", "--rules", RULES]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "rejected units fail the run");
    let summary = &json(&out)["summary"];
    assert_eq!(
        (summary["records"].as_u64(), summary["pairs"].as_u64(), summary["rejected"].as_u64()),
        (Some(3), Some(1), Some(2))
    );
    assert!(stderr(&out).contains("batch.xlf:7: unit blank: empty <target>: not translated yet"), "{}", stderr(&out));
}

#[test]
fn a_tu_without_german_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu tuid=\"fr\"><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv><tuv xml:lang=\"fr\"><seg>Salut.</seg></tuv></tu>\n<tu tuid=\"ok\"><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv><tuv xml:lang=\"de\"><seg>Hallo.</seg></tuv></tu>\n</body></tmx>";
    let path = write(dir.path(), "memory.tmx", tmx);
    let out = mtlint().args([path.to_str().unwrap(), "-f", "json", "--keep-going", "--rules", RULES]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["summary"]["pairs"], 1);
    assert!(stderr(&out).contains("memory.tmx:2: tu fr: no German <tuv> (languages: en, fr)"), "{}", stderr(&out));
}

#[test]
fn a_file_in_other_languages_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = xliff("<trans-unit id=\"1\"><source>Hi.</source><target>Salut.</target></trans-unit>")
        .replace("target-language=\"de\"", "target-language=\"fr-FR\"");
    let path = write(dir.path(), "fr.xlf", &text);
    mtlint()
        .args([path.to_str().unwrap(), "--rules", RULES])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fr.xlf:3: <file> translates en into fr-FR"));
}

#[test]
fn every_report_format_reads_xliff_and_tmx() {
    for sample in [SAMPLE_XLF, SAMPLE_TMX] {
        for format in ["table", "json", "jsonl", "sarif", "junit", "github"] {
            let out = mtlint().args([sample, "-f", format, "--rules", RULES]).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{format} on {sample}: {}", stderr(&out));
            assert!(!out.stdout.is_empty(), "{format} on {sample} prints the findings");
        }
    }
}

/// TMX exports are often UTF-16: read from a file or standard input alike.
#[test]
fn utf16_tmx_is_read_with_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(SAMPLE_TMX).unwrap().replace("UTF-8", "UTF-16");
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = dir.path().join("utf16.tmx");
    fs::write(&path, &bytes).unwrap();
    let out = mtlint().args([path.to_str().unwrap(), "-f", "github", "--rules", RULES]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("utf16.tmx,line=11,"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = mtlint().args(["-", "-f", "jsonl", "--rules", RULES]).write_stdin(bytes).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"pair\":\"library\""));
}
