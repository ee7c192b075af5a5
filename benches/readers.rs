//! Input readers' throughput: `cargo bench --bench readers`.
//!
//! Reading must never be what limits a batch: the XML readers parse a
//! generated document of typical news-sized units (with inline codes and
//! entities, as CAT tools write them) held in memory, so only parsing is
//! measured. JSONL is one yardstick; quick-xml's bare event loop (with and
//! without counting lines) is the floor the XML readers build on.

use mtlint::input::{jsonl::JsonlReader, tmx::TmxReader, xliff::XliffReader, Lines};

const UNITS: usize = 10_000;
const SOURCE: &str = "The committee discussed the <g id=\"1\">budget</g> on Monday &amp; decided nothing<x id=\"2\"/>.";
const TARGET: &str =
    "Der Ausschuss hat am Montag über den <g id=\"1\">Haushalt</g> beraten &amp; nichts beschlossen<x id=\"2\"/>.";

fn main() {
    divan::main();
}

fn xliff12() -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\">\n<file original=\"a\" source-language=\"en\" target-language=\"de\" datatype=\"html\"><body>\n");
    for i in 0..UNITS {
        xml.push_str(&format!("<trans-unit id=\"u{i}\">\n  <source>{SOURCE}</source>\n  <target state=\"translated\">{TARGET}</target>\n</trans-unit>\n"));
    }
    xml + "</body></file></xliff>\n"
}

fn tmx() -> String {
    let plain = |s: &str| {
        s.replace("<g id=\"1\">", "<hi>").replace("</g>", "</hi>").replace("<x id=\"2\"/>", "<ph x=\"2\">{0}</ph>")
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
    );
    for i in 0..UNITS {
        xml.push_str(&format!(
            "<tu tuid=\"u{i}\">\n  <tuv xml:lang=\"en-US\"><seg>{}</seg></tuv>\n  <tuv xml:lang=\"de-DE\"><seg>{}</seg></tuv>\n</tu>\n",
            plain(SOURCE),
            plain(TARGET)
        ));
    }
    xml + "</body></tmx>\n"
}

fn jsonl() -> String {
    let mut text = String::new();
    for i in 0..UNITS {
        let record = serde_json::json!({"id": format!("u{i}"), "source": SOURCE, "target": TARGET});
        text.push_str(&format!("{record}\n"));
    }
    text
}

#[divan::bench]
fn xliff_1_2(bencher: divan::Bencher) {
    let data = xliff12();
    bencher.counter(divan::counter::ItemsCount::new(UNITS)).bench(|| {
        let n = XliffReader::new(data.as_bytes(), "bench.xlf", Some(false)).filter(|r| r.is_ok()).count();
        assert_eq!(n, UNITS);
    });
}

#[divan::bench]
fn tmx_1_4(bencher: divan::Bencher) {
    let data = tmx();
    bencher.counter(divan::counter::ItemsCount::new(UNITS)).bench(|| {
        let n = TmxReader::new(data.as_bytes(), "bench.tmx").filter(|r| r.is_ok()).count();
        assert_eq!(n, UNITS);
    });
}

#[divan::bench]
fn jsonl_for_comparison(bencher: divan::Bencher) {
    let data = jsonl();
    bencher.counter(divan::counter::ItemsCount::new(UNITS)).bench(|| {
        let n = JsonlReader::new(Lines::new(data.as_bytes(), "bench.jsonl")).filter(|r| r.is_ok()).count();
        assert_eq!(n, UNITS);
    });
}

#[divan::bench]
fn quick_xml_events_only(bencher: divan::Bencher) {
    let data = xliff12();
    bencher.counter(divan::counter::ItemsCount::new(UNITS)).bench(|| {
        let mut reader = quick_xml::Reader::from_reader(data.as_bytes());
        let mut buf = Vec::new();
        let mut n = 0usize;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                Ok(_) => n += 1,
            }
        }
        divan::black_box(n);
    });
}

/// The bare event loop again, through a `BufRead` that counts newlines
/// as bytes are consumed (what the readers do to know each unit's line).
#[divan::bench]
fn quick_xml_events_counting_lines(bencher: divan::Bencher) {
    struct Counting<'a>(&'a [u8], usize);
    impl std::io::Read for Counting<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(out)
        }
    }
    impl std::io::BufRead for Counting<'_> {
        fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
            Ok(self.0)
        }
        fn consume(&mut self, amount: usize) {
            self.1 += memchr::memchr_iter(b'\n', &self.0[..amount]).count();
            self.0 = &self.0[amount..];
        }
    }
    let data = xliff12();
    bencher.counter(divan::counter::ItemsCount::new(UNITS)).bench(|| {
        let mut reader = quick_xml::Reader::from_reader(Counting(data.as_bytes(), 0));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        divan::black_box(reader.get_ref().1);
    });
}
