//! Loading: encodings, line endings, bad input, documents, metadata.

use proptest::prelude::*;
use std::path::Path;
use tifa::corpus::{Corpus, BUILTIN};
use tifa::text::script::Script;

fn builtin() -> Corpus {
    let c = Corpus::builtin();
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    c
}

fn doc<'a>(c: &'a Corpus, prefix: &str) -> &'a tifa::corpus::Document {
    c.docs.iter().find(|d| d.id.starts_with(prefix)).unwrap()
}

#[test]
fn builtin_corpus_is_the_seed_files_byte_for_byte() {
    for (name, bytes) in BUILTIN {
        let on_disk = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(name),
        )
        .unwrap();
        assert_eq!(&on_disk[..], *bytes, "{name}");
    }
    assert_eq!(builtin().docs.len(), 5);
}

#[test]
fn titles_of_the_seeds() {
    let c = builtin();
    let d2 = doc(&c, "002");
    assert_eq!(d2.title, "在乡镇集中学习暨当前重点工作推进会上的讲话");
    assert!(!d2.title_inferred);
    let d4 = doc(&c, "004");
    // Seed 004's first line is a sentence: the title is cut from it.
    assert!(d4.title_inferred);
    assert!(
        d4.title.starts_with("下面是小編為大家整理的"),
        "{}",
        d4.title
    );
    assert_eq!(d4.title.chars().count(), 25);
    let d1 = doc(&c, "001");
    assert!(d1.title.starts_with("主题教育书记谈"));
}

#[test]
fn scripts_dates_and_authors() {
    let c = builtin();
    for d in &c.docs {
        let want = if d.id.starts_with("004") {
            Script::Hant
        } else {
            Script::Hans
        };
        assert_eq!(d.script, want, "{}", d.id);
    }
    let d1 = doc(&c, "001");
    assert_eq!(d1.date.as_deref(), Some("2019-11-12"));
    assert_eq!(d1.author, None, "an empty 作者: is no author");
}

#[test]
fn boilerplate_of_seed_003_runs_from_the_editor_line_to_the_end() {
    let c = builtin();
    let d = doc(&c, "003");
    let at = d
        .paragraphs
        .iter()
        .position(|p| p.text.starts_with("编辑:hefan"))
        .unwrap();
    assert!(d.paragraphs[..at].iter().all(|p| !p.boilerplate));
    assert!(d.paragraphs[at..].iter().all(|p| p.boilerplate));
    let d2 = doc(&c, "002");
    assert!(
        d2.paragraphs.last().unwrap().boilerplate,
        "下一篇: is chrome"
    );
    let d4 = doc(&c, "004");
    assert!(d4.paragraphs.last().unwrap().text.starts_with("推薦訪問"));
    assert!(d4.paragraphs.last().unwrap().boilerplate);
}

fn load_one(name: &str, bytes: &[u8]) -> Corpus {
    let mut c = Corpus::default();
    c.add_bytes(Path::new(name), bytes);
    c
}

#[test]
fn gbk_utf16_and_bom_decode() {
    let text = "一、总体要求\r\n坚持稳中求进。\r第二行\n第三行";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let c = load_one("gbk.txt", &gbk);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let d = &c.docs[0];
    assert_eq!(d.encoding, "GBK");
    let got: Vec<&str> = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(got, ["一、总体要求", "坚持稳中求进。", "第二行", "第三行"]);

    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(text.as_bytes());
    for (name, bytes) in [("le", le), ("be", be), ("bom8", bom8)] {
        let c = load_one(name, &bytes);
        assert!(c.warnings.is_empty(), "{name}: {:?}", c.warnings);
        assert_eq!(c.docs[0].paragraphs.len(), 4, "{name}");
        assert_eq!(c.docs[0].paragraphs[0].text, "一、总体要求", "{name}");
    }
    let (big5, _, _) = encoding_rs::BIG5.encode("我們第一屆全國人民代表大會第一次會議，在聽了報告並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作。");
    let c = load_one("big5.txt", &big5);
    assert!(
        c.docs[0].paragraphs[0]
            .text
            .starts_with("我們第一屆全國人民代表大會"),
        "{:?}",
        c.docs[0].paragraphs[0]
    );
}

#[test]
fn bad_files_warn_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "标题\n正文。").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"abc\x00def").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"  \n").unwrap();
    let mut broken = "正文的开头。".repeat(20).into_bytes();
    broken.extend_from_slice(&[0xE4, 0xB8]); // a cut-off char
    broken.extend_from_slice("后面还有。".as_bytes());
    std::fs::write(dir.path().join("broken.txt"), &broken).unwrap();
    std::fs::write(dir.path().join("image.png"), b"\x89PNG").unwrap();
    std::fs::create_dir(dir.path().join(".hidden")).unwrap();
    std::fs::write(dir.path().join(".hidden/secret.txt"), "不该读").unwrap();
    let c = Corpus::load(&[dir.path().to_path_buf(), dir.path().join("missing.txt")]);
    let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["broken", "good"]);
    let warned = |name: &str, what: &str| {
        c.warnings
            .iter()
            .any(|w| w.path.ends_with(name) && w.message.contains(what))
    };
    assert!(warned("binary.txt", "binary"), "{:?}", c.warnings);
    assert!(warned("empty.txt", "empty"), "{:?}", c.warnings);
    assert!(warned("broken.txt", "byte offset 360"), "{:?}", c.warnings);
    assert!(warned("missing.txt", "cannot read"), "{:?}", c.warnings);
    assert_eq!(c.warnings.len(), 4, "{:?}", c.warnings);
    assert!(c.docs[0].paragraphs[0].text.contains('\u{FFFD}'));
}

#[test]
fn escape_sequences_never_reach_the_text() {
    let c = load_one(
        "evil.txt",
        b"title\n\x1b]52;c;ZXZpbA==\x07 and \x1b[2J clear \x9b31m",
    );
    for p in &c.docs[0].paragraphs {
        assert!(
            !p.text.chars().any(|ch| ch.is_control() && ch != '\t'),
            "{:?}",
            p.text
        );
    }
    let text = &c.docs[0].paragraphs[1].text;
    assert!(text.contains("␛]52;c;ZXZpbA==␇"), "{text}");
}

#[test]
fn a_header_line_after_body_text_starts_a_new_document() {
    let body =
        "正文很长的一段话，讲了很多很多的内容，超过四十个字符是肯定的，所以这是正文而不是标题。";
    let text = format!("第一篇\n作者:张三 发布时间:2020/1/2\n{body}\n第二篇\n作者:李四 发布时间:2021/3/4\n{body}\n这是第一封信的一段，不分。");
    let c = load_one("two.txt", text.as_bytes());
    let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["two", "two#2"]);
    assert_eq!(c.docs[1].title, "第二篇");
    assert_eq!(c.docs[1].author.as_deref(), Some("李四"));
    assert_eq!(c.docs[1].date.as_deref(), Some("2021-03-04"));
}

#[test]
fn one_long_line_is_cut_at_inner_paragraph_indents() {
    let text = "　　第一段说完了。　　第二段开始了。　　第三段。";
    let c = load_one("one.txt", text.as_bytes());
    assert_eq!(c.docs[0].paragraphs.len(), 3);
    assert_eq!(c.docs[0].paragraphs[1].text, "　　第二段开始了。");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// The loader never panics, whatever the bytes, and never lets a
    /// control character through.
    #[test]
    fn loader_survives_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let c = load_one("fuzz.txt", &bytes);
        prop_assert!(c.docs.len() + c.warnings.len() >= 1);
        for d in &c.docs {
            for p in &d.paragraphs {
                prop_assert!(!p.text.chars().any(|ch| ch.is_control() && ch != '\t'));
            }
        }
    }

    #[test]
    fn loader_survives_mostly_chinese_bytes(s in "[一二三、（）()1-9.是要第，。\\n\\r\u{3000} a-z\u{1b}]{0,200}") {
        let c = load_one("fuzz.txt", s.as_bytes());
        for d in &c.docs {
            let _ = tifa::outline::Outline::build(d);
        }
    }
}
