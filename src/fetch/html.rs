//! Article extraction: from a page's HTML to its heading and paragraphs.
//!
//! A checker fed the whole page would compare menus, cookie banners and
//! "related" link lists against the English article and drown the editor in
//! false alarms. So we keep what a reader reads: the headline and the body
//! text blocks, in order. The article container is the `<article>` (the
//! one with the most paragraph text, since teaser cards are articles too),
//! else `<main>`, else the element whose direct `<p>` children hold the
//! most text (a text-density heuristic). Inside it, navigation, asides,
//! figures, forms, scripts, styles and anything whose class or id says ad,
//! related, share, newsletter or cookie are skipped, as are blocks that are
//! nearly all link text.

use scraper::{ElementRef, Html, Node};

/// Elements that never hold article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select", "svg", "iframe",
    "figure", "dialog", "menu", "object", "video", "audio", "canvas",
];

/// Elements emitted as one paragraph each.
const BLOCK_TAGS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"];

/// Class or id words that mark site chrome (matched as whole words).
const CHROME_WORDS: &[&str] = &["ad", "ads", "nav", "menu", "sidebar", "footer", "masthead", "byline-share"];

/// Class or id fragments that mark site chrome (matched anywhere).
const CHROME_FRAGMENTS: &[&str] = &[
    "advert",
    "sponsor",
    "promo",
    "related",
    "recommend",
    "share",
    "social",
    "newsletter",
    "subscri",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "breadcrumb",
    "comment",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "paywall",
    "more-stories",
    "read-more",
    "also-like",
];

/// ARIA roles of chrome.
const CHROME_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"];

/// The heading and paragraphs of the page's article, whitespace-normalised,
/// in document order. Empty when the page has no text at all.
pub fn extract_paragraphs(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let page = document.root_element();
    let body = page.child_elements().find(|e| e.value().name() == "body").unwrap_or(page);
    let root = article_root(body);
    let mut out = Vec::new();
    collect_blocks(root, root != body, &mut out);
    if !out.is_empty() && !has_heading(root) {
        // The headline often sits above the article element.
        if let Some(h1) = find_first(body, "h1") {
            let heading = block_text(h1);
            if has_text(&heading) && !out.contains(&heading) {
                out.insert(0, heading);
            }
        }
    }
    out
}

/// The element that holds the article text.
fn article_root(body: ElementRef<'_>) -> ElementRef<'_> {
    let best_by_tag = |tag: &str| {
        visible_elements(body)
            .filter(|e| e.value().name() == tag)
            .map(|e| (paragraph_text_len(e, false), e))
            .filter(|(len, _)| *len > 0)
            .max_by_key(|(len, _)| *len)
    };
    if let Some((_, article)) = best_by_tag("article") {
        return article;
    }
    if let Some((_, main)) = best_by_tag("main") {
        return main;
    }
    if let Some(main) = visible_elements(body).find(|e| e.value().attr("role") == Some("main")) {
        return main;
    }
    visible_elements(body)
        .map(|e| (paragraph_text_len(e, true), e))
        .filter(|(len, _)| *len > 0)
        .max_by_key(|(len, _)| *len)
        .map(|(_, e)| e)
        .unwrap_or(body)
}

/// Elements under `root` (itself included) outside skipped chrome.
fn visible_elements(root: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    let mut stack = vec![root];
    std::iter::from_fn(move || {
        let next = stack.pop()?;
        let children: Vec<ElementRef<'_>> = next.child_elements().filter(|c| !is_chrome(*c, false)).collect();
        stack.extend(children.into_iter().rev());
        Some(next)
    })
}

/// Characters of non-link text in `<p>` elements under `e` (or only its
/// direct children: the density heuristic wants the paragraphs' parent).
fn paragraph_text_len(e: ElementRef<'_>, direct_only: bool) -> usize {
    let paragraphs: Vec<ElementRef<'_>> = if direct_only {
        e.child_elements().filter(|c| c.value().name() == "p").collect()
    } else {
        visible_elements(e).filter(|c| c.value().name() == "p").collect()
    };
    paragraphs.iter().map(|p| block_text(*p).len().saturating_sub(link_text_len(*p))).sum()
}

/// True for elements that are site chrome. The page `<header>` is chrome
/// too, but an article's own header holds its headline, so `header` is
/// kept once we are inside the article.
fn is_chrome(e: ElementRef<'_>, inside_article: bool) -> bool {
    let el = e.value();
    let name = el.name();
    if SKIPPED_TAGS.contains(&name) || (name == "header" && !inside_article) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if el.attr("role").is_some_and(|r| CHROME_ROLES.contains(&r.to_ascii_lowercase().as_str())) {
        return true;
    }
    if el.attr("style").is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none")) {
        return true;
    }
    let labels = [el.attr("class"), el.attr("id")];
    labels.into_iter().flatten().any(names_chrome)
}

/// "related-stories", "ad", "cookie-banner" name chrome; "header-image",
/// "shadow", "loaded" do not.
fn names_chrome(label: &str) -> bool {
    let label = label.to_ascii_lowercase();
    label.split(|c: char| c.is_whitespace()).any(|class| {
        CHROME_WORDS.contains(&class)
            || class.split(['-', '_']).any(|w| CHROME_WORDS.contains(&w))
            || CHROME_FRAGMENTS.iter().any(|f| class.contains(f))
    })
}

/// Walks `e` in order and emits each text block as one paragraph.
fn collect_blocks(e: ElementRef<'_>, inside_article: bool, out: &mut Vec<String>) {
    for child in e.child_elements() {
        if is_chrome(child, inside_article) {
            continue;
        }
        let name = child.value().name();
        if BLOCK_TAGS.contains(&name) && !has_block_child(child) {
            let text = block_text(child);
            if has_text(&text) && !mostly_links(child, &text) {
                out.push(text);
            }
        } else {
            collect_blocks(child, inside_article, out);
        }
    }
}

fn has_block_child(e: ElementRef<'_>) -> bool {
    e.descendent_elements().skip(1).any(|d| BLOCK_TAGS.contains(&d.value().name()) || d.value().name() == "div")
}

fn has_heading(root: ElementRef<'_>) -> bool {
    visible_elements(root).any(|e| e.value().name() == "h1")
}

fn find_first<'a>(root: ElementRef<'a>, tag: &str) -> Option<ElementRef<'a>> {
    visible_elements(root).find(|e| e.value().name() == tag)
}

/// The text of a block with whitespace collapsed, skipping scripts and
/// styles nested inside it; `<br>` counts as a space.
fn block_text(e: ElementRef<'_>) -> String {
    let mut raw = String::new();
    push_text(e, &mut raw);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_text(e: ElementRef<'_>, raw: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => raw.push_str(t),
            Node::Element(el) if el.name() == "br" => raw.push(' '),
            Node::Element(el) if matches!(el.name(), "script" | "style" | "noscript") => {}
            Node::Element(_) => {
                if let Some(inner) = ElementRef::wrap(child) {
                    push_text(inner, raw);
                }
            }
            _ => {}
        }
    }
}

fn link_text_len(e: ElementRef<'_>) -> usize {
    e.descendent_elements().filter(|d| d.value().name() == "a").map(|a| block_text(a).len()).sum()
}

/// A block that is (almost) all link text is a teaser list entry or a
/// menu item, not article text.
fn mostly_links(e: ElementRef<'_>, text: &str) -> bool {
    let links = link_text_len(e);
    links > 0 && links * 10 >= text.len() * 8
}

/// At least one letter or digit: separators like "-" or "•" are not text.
fn has_text(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>T</title><style>p{}</style>
        <script>var x = '<p>not text</p>';</script></head><body>
        <header><nav><a href="/">Home</a> <a href="/w">World</a></nav></header>
        <div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
        <main><article><h1>Talks &amp; more</h1>
        <p>First   paragraph,<br>with a break.</p>
        <div class="ad">Advertisement</div>
        <p>Second paragraph with <a href="/x">a link</a> inside.</p>
        <ul class="related-links"><li><a href="/a">Other story</a></li></ul>
        <p>-</p>
        </article></main>
        <aside><h3>You may also like</h3><ul><li><a href="/b">Teaser</a></li></ul></aside>
        <footer><p>© 2024 Site</p></footer></body></html>"#;

    #[test]
    fn keeps_heading_and_paragraphs_without_chrome() {
        assert_eq!(
            extract_paragraphs(PAGE),
            ["Talks & more", "First paragraph, with a break.", "Second paragraph with a link inside."]
        );
    }

    #[test]
    fn finds_text_without_article_or_main() {
        let html = r#"<html><body><div class="menu"><p>Home</p></div>
            <div id="story"><h2>Sub</h2><p>One long paragraph of story text here.</p><p>Two more words of text.</p></div>
            <div class="footer"><p>Imprint</p></div></body></html>"#;
        assert_eq!(
            extract_paragraphs(html),
            ["Sub", "One long paragraph of story text here.", "Two more words of text."]
        );
    }

    #[test]
    fn picks_the_headline_above_the_article() {
        let html = "<html><body><h1>Headline</h1><article><p>Body text.</p></article></body></html>";
        assert_eq!(extract_paragraphs(html), ["Headline", "Body text."]);
    }

    #[test]
    fn picks_the_biggest_article_not_a_teaser_card() {
        let html = "<html><body><article><p>Teaser.</p></article><article><h1>H</h1><p>The real story is much longer than the teaser.</p></article></body></html>";
        assert_eq!(extract_paragraphs(html), ["H", "The real story is much longer than the teaser."]);
    }

    #[test]
    fn link_lists_are_dropped() {
        let html = r#"<html><body><article><p>Story text.</p><ul><li><a href="/1">Read this</a></li></ul></article></body></html>"#;
        assert_eq!(extract_paragraphs(html), ["Story text."]);
    }

    #[test]
    fn chrome_names_are_whole_words_or_telling_fragments() {
        assert!(names_chrome("ad"));
        assert!(names_chrome("story ad-slot"));
        assert!(names_chrome("relatedStories"));
        assert!(!names_chrome("header-image"));
        assert!(!names_chrome("loaded shadow"));
        assert!(!names_chrome("story-body"));
    }

    #[test]
    fn empty_page_gives_nothing() {
        assert!(extract_paragraphs("").is_empty());
        assert!(extract_paragraphs("<html><body><nav>Menu</nav></body></html>").is_empty());
    }
}
