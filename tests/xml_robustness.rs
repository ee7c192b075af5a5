//! The XLIFF and TMX readers on scrambled documents: whatever the bytes,
//! reading never panics, always ends, and yields at most one error for
//! malformed XML (after which nothing more is read). Documents are built
//! from the fragments real files are made of, shuffled and cut anywhere.

use mtlint::input::{tmx::TmxReader, xliff::XliffReader};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "<?xml version=\"1.0\"?>",
    "<xliff version=\"1.2\">",
    "<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"de\">",
    "</xliff>",
    "<file original=\"a\" source-language=\"en\" target-language=\"de\">",
    "<file id=\"f\">",
    "</file>",
    "<body>",
    "</body>",
    "<group>",
    "</group>",
    "<trans-unit id=\"1\">",
    "</trans-unit>",
    "<unit id=\"u\">",
    "</unit>",
    "<segment>",
    "</segment>",
    "<source>",
    "</source>",
    "<target>",
    "</target>",
    "<target/>",
    "<g id=\"1\">",
    "</g>",
    "<x id=\"2\"/>",
    "<ph>",
    "</ph>",
    "<bpt i=\"1\">",
    "</bpt>",
    "<sub>",
    "</sub>",
    "<cp hex=\"D800\"/>",
    "<cp hex=\"zz\"/>",
    "<tmx version=\"1.4\">",
    "</tmx>",
    "<tu tuid=\"t\">",
    "</tu>",
    "<tuv xml:lang=\"en\">",
    "<tuv xml:lang=\"de-DE\">",
    "</tuv>",
    "<seg>",
    "</seg>",
    "<hi>",
    "</hi>",
    "Hallo Welt. ",
    " ",
    "\n",
    "\r\n",
    "&amp;",
    "&#228;",
    "&#xD800;",
    "&nbsp;",
    "&",
    "<",
    ">",
    "<![CDATA[a < b]]>",
    "<!-- c -->",
    "Grüße",
    "\u{feff}",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

fn check_reads<T>(results: impl Iterator<Item = mtlint::Result<T>>) -> Result<(), TestCaseError> {
    let results: Vec<_> = results.take(10_000).collect();
    prop_assert!(results.len() < 10_000, "reading ends");
    let errors = results.iter().filter(|r| r.as_ref().is_err_and(|e| e.to_string().contains("malformed XML"))).count();
    prop_assert!(errors <= 1, "one malformed-XML error at most, then the read stops");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn readers_never_panic_and_always_end(doc in document(), cut in 0usize..2000) {
        let bytes = doc.as_bytes();
        let cut = bytes[..cut.min(bytes.len())].to_vec();
        for input in [bytes.to_vec(), cut] {
            check_reads(XliffReader::new(&input[..], "p.xlf", None))?;
            check_reads(TmxReader::new(&input[..], "p.tmx"))?;
        }
    }
}
