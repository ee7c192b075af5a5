//! The Ding dictionary's binary copy in the cache directory, as a user
//! meets it: the first run writes it, later runs read it, and a damaged
//! copy is rebuilt; the findings are the same every time.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const SEED_EN: &str = "sample_pairs/seed.en.txt";
const SEED_DE: &str = "sample_pairs/seed.de.txt";

/// A word of letters only (Ding's English side keeps those) for `n`.
fn letters(mut n: usize) -> String {
    let mut word = String::from("w");
    loop {
        word.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return word;
        }
    }
}

/// Lines in Ding's format, over 1 MB (smaller files are not cached), with
/// the seed's own words among them so the dictionary takes part.
fn write_ding(path: &Path) {
    let mut text = String::from("Regierung {f} | Regierungen {pl} :: government | governments\n");
    text.push_str("verweigern {vt} | verweigert :: to deny | denies\nSprecher {m} :: spokesman\n");
    let mut i = 0;
    while text.len() < 1_200_000 {
        text.push_str(&format!(
            "Stamm{} {{m}} | Stämme{} {{pl}} :: {} | {}s\n",
            letters(i),
            letters(i),
            letters(i),
            letters(i)
        ));
        i += 1;
    }
    fs::write(path, text).unwrap();
}

fn check(ding: &Path, cache: &Path) -> Vec<u8> {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .env("MTLINT_DING", ding)
        .env("MTLINT_CACHE_DIR", cache)
        .args(["check", SEED_EN, SEED_DE, "-f", "jsonl", "--min-severity", "minor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the seed has major glitches");
    out.stdout
}

fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default()
}

#[test]
fn the_cached_dictionary_gives_the_findings_of_the_parsed_one() {
    let dir = tempfile::tempdir().unwrap();
    let ding = dir.path().join("de-en");
    write_ding(&ding);
    let cache = dir.path().join("cache");
    let off = check(&ding, Path::new(""));
    assert!(!cache.exists(), "an empty MTLINT_CACHE_DIR writes nothing");

    assert_eq!(check(&ding, &cache), off, "first run: parses and writes the copy");
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "one copy, no temporary files left: {files:?}");
    let inode = |path: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap());
    let written = inode(&files[0]);
    assert_eq!(check(&ding, &cache), off, "second run: reads the copy");
    assert_eq!(inode(&files[0]), written, "and does not write it again");

    let copy = fs::read(&files[0]).unwrap();
    fs::write(&files[0], &copy[..copy.len() / 2]).unwrap();
    assert_eq!(check(&ding, &cache), off, "a truncated copy is not used");
    assert_eq!(fs::read(&files[0]).unwrap(), copy, "and is written again whole");
}

#[test]
fn an_unwritable_cache_directory_only_costs_time() {
    let dir = tempfile::tempdir().unwrap();
    let ding = dir.path().join("de-en");
    write_ding(&ding);
    let not_a_dir = dir.path().join("file");
    fs::write(&not_a_dir, "x").unwrap();
    let off = check(&ding, Path::new(""));
    assert_eq!(check(&ding, &not_a_dir.join("cache")), off);
}
