//! The fetcher against a real HTTP server on 127.0.0.1: the seed article as
//! two pages with site chrome, HTTP errors, retries, timeouts, size caps,
//! redirect loops, legacy charsets and content types, and the CLI on top.

mod support;

use assert_cmd::Command;
use mtlint::fetch::{self, FetchOptions, PairSpec};
use std::time::Duration;
use support::server::{serve, serve_pages_dev, shared_dir, Reply};

fn quick() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_millis(400),
        deadline: Duration::from_secs(5),
        retries: 2,
        backoff: Duration::from_millis(20),
        ..FetchOptions::default()
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The seed text as a news page: chrome around an `<article>` whose
/// paragraphs are the text file's lines (as the site glued them).
fn seed_page(path: &str, lang: &str) -> String {
    let text = std::fs::read_to_string(path).expect("sample_pairs present");
    let paragraphs: String =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("<p>{}</p>\n", escape(l))).collect();
    format!(
        "<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>News</title>\
         <style>p {{ margin: 0 }}</style><script>var tracking = '<p>not text</p>';</script></head><body>\
         <header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>\
         <div id='cookie-consent'><p>We use cookies to improve your experience. Accept?</p></div>\
         <main><article>\n{paragraphs}<div class='ad'>Advertisement</div></article></main>\
         <aside class='related'><h3>Related</h3><ul><li><a href='/a/1'>Another story about NATO</a></li></ul></aside>\
         <footer><p>© 2022 News Site</p><a href='/privacy'>Privacy</a></footer></body></html>"
    )
}

#[test]
fn seed_pages_align_one_to_one_and_leave_the_teaser_block_target_only() {
    let en = seed_page("sample_pairs/seed.en.txt", "en");
    let de = seed_page("sample_pairs/seed.de.txt", "de");
    let server = serve(move |path, _| match path {
        "/en" => Reply::html(en.clone()),
        "/de" => Reply::html(de.clone()),
        _ => Reply::new(404, "text/plain", "not found"),
    });
    let spec = PairSpec::new("seed", server.url("/en"), server.url("/de"));
    let mut results = fetch::load_pairs(vec![spec], &quick(), || {});
    let docs = results.remove(0).expect("both pages load");
    let chrome = ["cookies", "Home", "©", "Advertisement", "Another story", "not text"];
    for p in docs.source.paragraphs.iter().chain(&docs.target.paragraphs) {
        assert!(!chrome.iter().any(|c| p.text.contains(c)), "chrome leaked: {}", p.text);
    }
    assert_eq!(docs.source.paragraphs.len(), 9);
    let one_to_one: Vec<_> = docs.beads.iter().filter(|b| !b.is_irregular()).collect();
    assert_eq!(one_to_one.len(), 9, "{:?}", docs.beads);
    assert!(one_to_one.iter().enumerate().all(|(i, b)| b.source == [i] && b.target == [i]));
    let pairs = docs.pairs();
    let teaser: Vec<_> = pairs.iter().filter(|p| p.source.is_empty()).collect();
    assert_eq!(teaser[0].target, "You may also like");
    assert!(teaser.iter().any(|p| p.target.contains("Nachrichten über Atomwaffen")));
    assert!(pairs.iter().all(|p| !p.target.is_empty()), "no English paragraph is left unaligned");
}

#[test]
fn seed_as_local_html_files_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("seed.en.html");
    let de = dir.path().join("seed.de.html");
    std::fs::write(&en, seed_page("sample_pairs/seed.en.txt", "en")).unwrap();
    std::fs::write(&de, seed_page("sample_pairs/seed.de.txt", "de")).unwrap();
    let lines = align_lines(&["align", en.to_str().unwrap(), de.to_str().unwrap()]);
    for (i, line) in lines.iter().take(9).enumerate() {
        assert_eq!((&line["source_paras"], &line["target_paras"]), (&serde_json::json!([i]), &serde_json::json!([i])));
    }
    let rest = &lines[9..];
    assert_eq!(rest[0]["target"], "You may also like");
    assert!(rest.iter().all(|l| l["source"] == "" && l["source_paras"] == serde_json::json!([])), "{rest:?}");
}

fn fetch_one(url: &str, options: &FetchOptions) -> Result<mtlint::align::Document, String> {
    fetch::load_document(url, options).map_err(|e| e.to_string())
}

#[test]
fn http_errors_are_errors_not_skips() {
    let server = serve(|_, _| Reply::new(404, "text/html", "<html><body><p>Not here</p></body></html>"));
    let err = fetch_one(&server.url("/missing"), &quick()).unwrap_err();
    assert!(err.contains("404"), "{err}");
    assert_eq!(server.hits("/missing"), 1, "a 404 is not retried");
}

#[test]
fn server_errors_are_retried() {
    let server = serve(|_, seen| {
        if seen == 0 {
            Reply::new(500, "text/plain", "oops")
        } else if seen == 1 {
            Reply::new(429, "text/plain", "slow down").with_header("Retry-After", "0")
        } else {
            Reply::html("<html><body><article><p>Finally here.</p></article></body></html>")
        }
    });
    let doc = fetch_one(&server.url("/flaky"), &quick()).expect("third attempt succeeds");
    assert_eq!(doc.paragraphs[0].text, "Finally here.");
    assert_eq!(server.hits("/flaky"), 3);
}

#[test]
fn retries_are_bounded() {
    let server = serve(|_, _| Reply::new(503, "text/plain", "down"));
    let err = fetch_one(&server.url("/down"), &quick()).unwrap_err();
    assert!(err.contains("503") && err.contains("after 3 attempts"), "{err}");
    assert_eq!(server.hits("/down"), 3);
}

#[test]
fn slow_responses_time_out() {
    let server = serve(|_, _| Reply::html("<p>late</p>").after(Duration::from_secs(3)));
    let options = FetchOptions { retries: 1, ..quick() };
    let started = std::time::Instant::now();
    let err = fetch_one(&server.url("/slow"), &options).unwrap_err();
    assert!(err.contains("timed out"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
}

#[test]
fn the_deadline_bounds_all_attempts() {
    let server = serve(|_, _| Reply::html("<p>late</p>").after(Duration::from_secs(3)));
    let options = FetchOptions { retries: 10, deadline: Duration::from_millis(900), ..quick() };
    let err = fetch_one(&server.url("/slow"), &options).unwrap_err();
    assert!(err.contains("deadline") || err.contains("no time left"), "{err}");
}

#[test]
fn bodies_over_the_cap_are_refused() {
    let server = serve(|_, _| Reply::html(format!("<html><body><p>{}</p></body></html>", "x".repeat(50_000))));
    let options = FetchOptions { max_bytes: 10_000, ..quick() };
    let err = fetch_one(&server.url("/big"), &options).unwrap_err();
    assert!(err.contains("larger than the 10000-byte limit"), "{err}");
}

#[test]
fn redirect_loops_end() {
    let server = serve(|path, _| {
        let next = if path == "/a" { "/b" } else { "/a" };
        Reply::new(302, "text/plain", "moved").with_header("Location", next)
    });
    let err = fetch_one(&server.url("/a"), &quick()).unwrap_err();
    assert!(err.contains("redirect"), "{err}");
    assert!(server.hits("/a") + server.hits("/b") <= 12);
}

#[test]
fn legacy_charsets_are_decoded() {
    // "Grüße aus Köln" in windows-1252.
    let body = |meta: &str| {
        let mut page = format!("<html><head>{meta}</head><body><article><p>Gr").into_bytes();
        page.extend_from_slice(b"\xfc\xdfe aus K\xf6ln.</p></article></body></html>");
        page
    };
    let server = serve(move |path, _| match path {
        "/header" => Reply::new(200, "text/html; charset=windows-1252", body("")),
        "/meta" => Reply::new(200, "text/html", body("<meta charset='windows-1252'>")),
        _ => Reply::new(200, "text/html; charset=ISO-8859-1", body("")),
    });
    for path in ["/header", "/meta", "/latin1"] {
        let doc = fetch_one(&server.url(path), &quick()).unwrap();
        assert_eq!(doc.paragraphs[0].text, "Grüße aus Köln.", "{path}");
    }
}

#[test]
fn plain_text_is_read_and_other_types_refused() {
    let server = serve(|path, _| match path {
        "/text" => Reply::new(200, "text/plain; charset=utf-8", "Erster Absatz.\n\nZweiter Absatz.\n"),
        _ => Reply::new(200, "application/pdf", "%PDF-1.4"),
    });
    let doc = fetch_one(&server.url("/text"), &quick()).unwrap();
    let texts: Vec<&str> = doc.texts();
    assert_eq!(texts, ["Erster Absatz.", "Zweiter Absatz."]);
    let err = fetch_one(&server.url("/doc.pdf"), &quick()).unwrap_err();
    assert!(err.contains("unsupported content type `application/pdf`"), "{err}");
}

#[test]
fn refused_schemes() {
    let err = fetch_one("file:///etc/passwd", &quick()).unwrap_err();
    assert!(err.contains("only http and https"), "{err}");
}

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").expect("binary built");
    // Without the optional Ding dictionary (it has its own tests): same results on every machine, and fast.
    cmd.env("MTLINT_DING", "");
    cmd
}

/// Runs `mtlint` (expecting success) and parses its JSONL output.
fn align_lines(args: &[&str]) -> Vec<serde_json::Value> {
    let output = mtlint().args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn article(text: &str) -> String {
    format!("<html><body><nav>Menu</nav><article><h1>Talks in Geneva</h1><p>{text}</p></article></body></html>")
}

#[test]
fn cli_aligns_two_urls() {
    let server = serve(|path, _| match path {
        "/en" => Reply::html(article("The talks began on Monday in Geneva.")),
        _ => Reply::html(article("Die Gespräche begannen am Montag in Genf.")),
    });
    let lines = align_lines(&["align", "--source", &server.url("/en"), "--target", &server.url("/de")]);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["id"], "de:2");
    assert_eq!(lines[1]["source_paras"], serde_json::json!([1]));
    assert_eq!(lines[1]["target"], "Die Gespräche begannen am Montag in Genf.");
}

#[test]
fn cli_batch_reports_a_failed_pair_and_keeps_going() {
    let server = serve(|path, _| match path {
        "/en" => Reply::html(article("The talks began on Monday in Geneva.")),
        "/de" => Reply::html(article("Die Gespräche begannen am Montag in Genf.")),
        _ => Reply::new(404, "text/plain", "gone"),
    });
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("pairs.csv");
    let rows = format!("id,source,target\ngood,{0}/en,{0}/de\nbad,{0}/en,{0}/gone\n", server.base);
    std::fs::write(&manifest, rows).unwrap();
    let manifest = manifest.to_str().unwrap();
    let output = mtlint().args(["check", "--manifest", manifest, "-f", "jsonl"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "a failed fetch fails the run");
    assert!(String::from_utf8_lossy(&output.stderr).contains("404"));
    let output = mtlint().args(["align", "--manifest", manifest, "--keep-going"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("failed") && stderr.contains("/gone: HTTP 404"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\"id\":\"good:2\""), "{stdout}");
}

#[test]
fn cli_refuses_other_schemes() {
    let output = mtlint()
        .args(["check", "--source", "file:///etc/hostname", "--target", "ftp://example.org/x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("only http and https"));
}

/// The shared pages-dev folder served over HTTP: extraction must give the
/// gold paragraphs (heading included, chrome excluded).
#[test]
fn pages_dev_over_http() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared/eval/pages-dev is not here (fresh clone)");
        return;
    };
    let Some((_server, specs)) = serve_pages_dev(&shared) else {
        eprintln!("skipped: ../shared/eval/pages-dev is not here");
        return;
    };
    let gold: std::collections::HashMap<String, serde_json::Value> =
        std::fs::read_to_string(shared.join("eval/docs-dev.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .map(|v| (v["id"].as_str().unwrap().to_string(), v))
            .collect();
    let ids: Vec<String> = specs.iter().map(|s| s.id.clone()).collect();
    let results = fetch::load_pairs(specs, &FetchOptions::default(), || {});
    let mut exact = 0;
    for (id, result) in ids.iter().zip(results) {
        let docs = result.expect("every page loads");
        let g = &gold[id];
        let same = |doc: &mtlint::align::Document, side: &str| {
            let texts: Vec<&str> = doc.texts();
            let gold: Vec<&str> = g[side].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            texts == gold
        };
        exact += (same(&docs.source, "source") && same(&docs.target, "target")) as usize;
    }
    assert!(exact >= 19, "only {exact} of {} page pairs extracted exactly", ids.len());
}
