//! Documents as people have them: odd folders (named pipes, symlink loops,
//! second links, unreadable entries, copies, big files), damaged bytes,
//! compilations, HTML left in text, web pages, Word files, piped input,
//! dates and sidecars. Every fixture is made here; every bad input gives
//! one warning naming its file; nothing may hang (process tests have a
//! timeout, in-process walks run on a thread with one).

use assert_cmd::Command;
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use tifa::corpus::{Corpus, DateSource, Kind, LoadOptions};

/// Load on a thread: a hang fails the test instead of stalling the suite.
fn load_within(paths: Vec<PathBuf>, opts: LoadOptions) -> Corpus {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(Corpus::load_with(&paths, &opts));
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("loading must not hang")
}

fn load_dir(dir: &Path) -> Corpus {
    load_within(vec![dir.to_path_buf()], LoadOptions::default())
}

fn ids(c: &Corpus) -> Vec<&str> {
    c.docs.iter().map(|d| d.id.as_str()).collect()
}

/// Warnings about the file named `name`.
fn warned<'a>(c: &'a Corpus, name: &str) -> Vec<&'a str> {
    c.warnings
        .iter()
        .filter(|w| w.path.file_name().is_some_and(|n| n == name))
        .map(|w| w.message.as_str())
        .collect()
}

const SPEECH: &str =
    "在全省工作会议上的讲话\n同志们：\n今天召开这次会议，主要任务是总结工作、部署任务。";

fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").unwrap();
    c.timeout(Duration::from_secs(60))
        .env("XDG_CONFIG_HOME", "/nonexistent-tifa-test")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("tifa-test-cache"),
        )
        .env("XDG_STATE_HOME", "/nonexistent-tifa-test");
    c
}

#[test]
fn a_named_pipe_is_reported_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SPEECH).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["a"]);
    let w = warned(&c, "pipe.txt");
    assert_eq!(w.len(), 1, "{:?}", c.warnings);
    assert!(w[0].contains("named pipe"), "{w:?}");
    // Named on the command line too, and through the real program.
    let c = load_within(vec![fifo.clone()], LoadOptions::default());
    assert!(c.docs.is_empty());
    assert_eq!(warned(&c, "pipe.txt").len(), 1);
    let out = tifa()
        .args(["list", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("pipe.txt").count(), 1, "{err}");
}

#[test]
fn a_symlink_loop_is_walked_once_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SPEECH).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), "另一篇\n正文完全不同。").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/up")).unwrap();
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["a", "b"], "{:?}", c.warnings);
    assert!(c.notes.is_empty(), "{:?}", c.notes);
    let w = warned(&c, "up");
    assert_eq!(w.len(), 1, "{:?}", c.warnings);
    assert!(w[0].contains("loop"), "{w:?}");
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
}

#[test]
fn a_file_reached_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SPEECH).unwrap();
    std::fs::hard_link(dir.path().join("a.txt"), dir.path().join("b.txt")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("sub/c.txt")).unwrap();
    let c = load_within(
        vec![dir.path().to_path_buf(), dir.path().join("a.txt")],
        LoadOptions::default(),
    );
    assert_eq!(ids(&c), ["a"], "{:?} {:?}", c.warnings, c.notes);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.notes.len(), 3, "{:?}", c.notes);
    assert!(c.notes.iter().all(|n| n.message.contains("a.txt")));
}

#[test]
fn a_folder_reached_through_two_links_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/a.txt"), SPEECH).unwrap();
    std::fs::write(dir.path().join("real/b.txt"), "另一篇\n正文完全不同。").unwrap();
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link1")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link2")).unwrap();
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["a", "b"]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // link1 is walked first (sorted): real and link2 are the same folder.
    assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
    assert!(
        c.notes.iter().all(|n| n.message.contains("same folder")),
        "{:?}",
        c.notes
    );
}

#[test]
fn identical_files_are_listed_once_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SPEECH).unwrap();
    std::fs::write(dir.path().join("copy.txt"), SPEECH).unwrap();
    std::fs::write(dir.path().join("other.txt"), "别的\n正文。").unwrap();
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["a", "other"]);
    assert_eq!(c.notes.len(), 1);
    assert!(c.notes[0].path.ends_with("copy.txt"));
    assert!(c.notes[0].message.contains("a.txt"), "{}", c.notes[0]);
}

#[test]
fn unreadable_entries_warn_once_each_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), SPEECH).unwrap();
    // A dangling link: unreadable for root too.
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "锁住的\n正文。").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = unsafe { libc::geteuid() } == 0;
    let c = load_dir(dir.path());
    assert_eq!(warned(&c, "dangling.txt").len(), 1, "{:?}", c.warnings);
    assert!(c.docs.iter().any(|d| d.id == "good"));
    if root {
        eprintln!("running as root: chmod 000 does not stop root reading, so locked.txt loads");
        assert!(c.docs.iter().any(|d| d.id == "locked"));
    } else {
        let w = warned(&c, "locked.txt");
        assert_eq!(w.len(), 1, "{:?}", c.warnings);
        assert!(w[0].contains("permission"), "{w:?}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_file_over_the_size_limit_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.txt"), SPEECH).unwrap();
    let big = "很长的正文。\n".repeat(100_000); // 2 MB
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    let opts = LoadOptions {
        max_file_size: 1 << 20,
        ..LoadOptions::default()
    };
    let c = load_within(vec![dir.path().to_path_buf()], opts);
    assert_eq!(ids(&c), ["small"]);
    let w = warned(&c, "big.txt");
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("limit"), "{w:?}");
    let out = tifa()
        .args(["list", "--max-file-mb", "1", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.txt") && err.contains("1 MB limit"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("small"));
}

#[test]
fn walking_is_deterministic_and_skips_hidden_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    for n in ["c", "a", "b"] {
        std::fs::write(
            dir.path().join(format!("{n}.txt")),
            format!("{n}标题\n正文{n}。"),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join(".hidden.txt"), "藏起来的").unwrap();
    std::fs::write(dir.path().join("skip.txt"), "被忽略的").unwrap();
    std::fs::write(dir.path().join(".ignore"), "skip.txt\n").unwrap();
    std::fs::write(dir.path().join("photo.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["a", "b", "c"]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let w = tifa::corpus::walk::walk(&[dir.path().to_path_buf()]);
    assert!(w
        .files
        .iter()
        .all(|f| f.kind == Kind::Text && f.size > 0 && f.inode > 0));
}

#[test]
fn the_eight_byte_file_is_utf8_with_two_replacements_and_a_warning() {
    let mut c = Corpus::default();
    c.add_bytes(
        Path::new("short.txt"),
        b"\xe4\xb8\xad\xff\xfe\xe6\x96\x87\n",
    );
    assert_eq!(c.docs[0].encoding, "UTF-8");
    assert_eq!(c.docs[0].paragraphs[0].text, "中\u{FFFD}\u{FFFD}文");
    assert_eq!(c.warnings.len(), 1);
    assert!(
        c.warnings[0].message.contains("(and 1 more)"),
        "{}",
        c.warnings[0]
    );
}

/// UTF-8 text: Han, ASCII, punctuation, newlines.
fn utf8_text() -> impl Strategy<Value = String> {
    "[一-龥，。、：；“”（）0-9a-zA-Z \\n]{1,300}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Mostly-UTF-8 text is UTF-8: k bad bytes inserted at char boundaries
    /// of a text with at least k non-ASCII chars (or k = 1) give at most k
    /// U+FFFD and one warning (`corpus::decode` states the rule).
    #[test]
    fn utf8_with_k_bad_bytes_stays_utf8(
        text in utf8_text(),
        bad in proptest::collection::vec((any::<prop::sample::Index>(), 0x80u8..=0xff), 1..40),
    ) {
        let wide = text.chars().filter(|c| !c.is_ascii()).count();
        let k = bad.len().min(wide.max(1));
        let bad = &bad[..k];
        let cuts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut at: Vec<(usize, u8)> = bad.iter().map(|(i, b)| (cuts[i.index(cuts.len())], *b)).collect();
        at.sort();
        let mut bytes = Vec::new();
        let mut last = 0;
        for &(pos, b) in &at {
            bytes.extend_from_slice(&text.as_bytes()[last..pos]);
            bytes.push(b);
            last = pos;
        }
        bytes.extend_from_slice(&text.as_bytes()[last..]);
        // Two bad bytes at the start can make a UTF-16 byte order mark,
        // and a BOM decides (the rule's first step, tested on its own).
        prop_assume!(!bytes.starts_with(&[0xfe, 0xff]) && !bytes.starts_with(&[0xff, 0xfe]));
        let d = tifa::corpus::decode(&bytes);
        if text.trim().is_empty() {
            return Ok(()); // all-blank text with bad bytes: nothing to assert about words
        }
        let d = d.unwrap();
        prop_assert_eq!(d.encoding, "UTF-8");
        let replaced = d.text.matches('\u{FFFD}').count();
        prop_assert!(replaced >= 1 && replaced <= at.len(), "{} > {}", replaced, at.len());
        prop_assert!(d.first_error.is_some());
        let mut c = Corpus::default();
        c.add_bytes(Path::new("bad.txt"), &bytes);
        prop_assert!(c.warnings.iter().filter(|w| w.message.contains("invalid")).count() == 1);
    }

    /// A short file (under 4 KiB) is never taken for a single-byte code
    /// page, however damaged: UTF-8 or a multi-byte CJK encoding.
    #[test]
    fn short_files_are_never_a_single_byte_code_page(
        text in utf8_text(),
        bad in proptest::collection::vec(0x80u8..=0xff, 1..40),
    ) {
        let mut bytes = text.clone().into_bytes();
        for (i, b) in bad.iter().enumerate() {
            bytes.insert((i * 7) % (bytes.len() + 1), *b);
        }
        if let Ok(d) = tifa::corpus::decode(&bytes) {
            prop_assert!(
                ["UTF-8", "GBK", "gb18030", "Big5", "EUC-JP", "EUC-KR", "Shift_JIS", "ISO-2022-JP"].contains(&d.encoding),
                "{}", d.encoding
            );
        }
    }

    /// Whatever the bytes and kind, parsing never panics.
    #[test]
    fn any_bytes_any_kind_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..800), k in 0..3usize) {
        let kind = [Kind::Text, Kind::Html, Kind::Docx][k];
        let p = tifa::corpus::parse_file(Path::new("x"), kind, &bytes, &LoadOptions::default(), None);
        prop_assert!(p.docs.len() + p.warnings.len() >= 1);
        for d in &p.docs {
            for para in &d.paragraphs {
                prop_assert!(!para.text.chars().any(|ch| ch.is_control() && ch != '\t'));
            }
        }
    }
}

/// A compilation in the style of a selected-works volume: title, date
/// line, text, note, `出处：` footer, for `n` pieces.
fn compilation(n: usize) -> String {
    const YEARS: [&str; 4] = ["一九八四", "一九八九", "一九九二", "二〇〇一"];
    let mut s = String::new();
    for i in 0..n {
        let year = YEARS[i % YEARS.len()];
        s.push_str(&format!("第{}篇讲话的标题\n", i + 1));
        if i % 2 == 0 {
            let day = ["一", "二", "三", "四", "五", "六", "七", "八", "九"][i % 9];
            s.push_str(&format!("（{year}年三月{day}日）\n"));
        }
        s.push_str("同志们：\n");
        s.push_str("这是正文的第一段，讲了很多很多的内容，超过四十个字符是肯定的，所以这是正文而不是标题。\n");
        s.push_str("一、第一个问题\n第二段正文，继续讲下去，讲得很长很长，一直讲到超过四十个字符为止才停下来。\n");
        if i % 2 == 1 {
            s.push_str(&format!("*这是{year}年五月在一次工作会议上的讲话。\n"));
        }
        s.push_str(&format!("出处：文选第{}卷，人民出版社\n", i / 3 + 1));
    }
    s
}

#[test]
fn a_compilation_with_source_footers_is_cut_into_its_pieces() {
    let text = compilation(7);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut c = Corpus::default();
    c.add_bytes(Path::new("wenxuan.txt"), &gbk);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(
        ids(&c),
        [
            "wenxuan",
            "wenxuan#2",
            "wenxuan#3",
            "wenxuan#4",
            "wenxuan#5",
            "wenxuan#6",
            "wenxuan#7"
        ]
    );
    let titles: Vec<&str> = c.docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles[0], "第1篇讲话的标题");
    assert_eq!(titles[6], "第7篇讲话的标题");
    let dates: Vec<Option<&str>> = c.docs.iter().map(|d| d.date.as_deref()).collect();
    assert_eq!(
        dates,
        [
            Some("1984-03-01"),
            Some("1989-05"),
            Some("1992-03-03"),
            Some("2001-05"),
            Some("1984-03-05"),
            Some("1989-05"),
            Some("1992-03-07")
        ]
    );
    assert!(c
        .docs
        .iter()
        .all(|d| d.date_source == Some(DateSource::Text)));
    for d in &c.docs {
        assert!(
            d.paragraphs.last().unwrap().text.starts_with("出处："),
            "{}",
            d.id
        );
        assert_eq!(
            tifa::outline::Outline::build(d).sections.len(),
            1,
            "{}",
            d.id
        );
    }
    // --no-split keeps it whole.
    let p = tifa::corpus::parse_file(
        Path::new("wenxuan.txt"),
        Kind::Text,
        &gbk,
        &LoadOptions {
            no_split: true,
            ..LoadOptions::default()
        },
        None,
    );
    assert_eq!(p.docs.len(), 1);
    let out = tifa()
        .args(["list", "--no-split", "--corpus", "-"])
        .write_stdin(text.as_bytes())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn html_left_in_a_text_file_is_gone_at_load() {
    let text = "<table cellspacing=\"20\"><tbody>\n<tr><td><img alt=\"\" src=\"http://pic.example.cn/1.jpg\" /></td></tr>\n</tbody></table>\n　　原标题：讲话的标题\n<P align=center>正文&nbsp;第一段，据新华社<a href=\"http://news.example.cn/a.htm\">电</a>&ldquo;好&rdquo;。</P>\n当x<5时，A&B公司照常。";
    let mut c = Corpus::default();
    c.add_bytes(Path::new("scraped.txt"), text.as_bytes());
    let texts: Vec<&str> = c.docs[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "　　原标题：讲话的标题",
            "正文 第一段，据新华社电“好”。",
            "当x<5时，A&B公司照常。"
        ]
    );
}

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>国务院关于加强基层治理的意见_滚动新闻_中国政府网</title>
<meta name="PubDate" content="2021-07-11 18:00">
<script>var nav = "脚本里的字不该出现";</script>
<style>.a{color:red}</style>
</head><body>
<div class="header"><nav><a href="/">首页</a> <a href="/zhengce">政策</a></nav></div>
<div class="breadcrumb">首页 &gt; 政策 &gt; 最新</div>
<div class="article">
<h1>国务院关于加强基层治理的意见</h1>
<div class="pages-date">2021-07-11 18:00 来源：新华社</div>
<div id="UCAP-CONTENT" class="pages_content">
<p>　　基层治理是国家治理的基石，统筹推进乡镇（街道）和城乡社区治理，是实现国家治理体系和治理能力现代化的基础工程。</p>
<h2>一、完善党全面领导基层治理制度</h2>
<p>　　（一）加强党的基层组织建设，健全基层治理党的领导体制。把抓基层、打基础作为长远之计和固本之策。</p>
<p>　　（二）加强基层政权治理能力建设。<br>增强乡镇（街道）行政执行能力。</p>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/x">另一篇不相关的文章</a></li></ul></div>
</div>
<div class="footer">版权所有：中国政府网 | 京ICP备05070218号</div>
<script>document.write("页脚脚本");</script>
</body></html>"#;

#[test]
fn a_web_page_gives_its_article_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    let c = load_dir(dir.path());
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let d = &c.docs[0];
    assert_eq!(d.id, "page");
    assert_eq!(d.title, "国务院关于加强基层治理的意见");
    assert_eq!(d.date.as_deref(), Some("2021-07-11"));
    let all: String = d
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for gone in [
        "脚本",
        "首页",
        "政策 &gt;",
        "相关链接",
        "另一篇不相关",
        "版权所有",
        "color:red",
    ] {
        assert!(!all.contains(gone), "{gone} in:\n{all}");
    }
    assert!(all.contains("基层治理是国家治理的基石"), "{all}");
    assert!(all.contains("增强乡镇（街道）行政执行能力。"), "{all}");
    let heading = d
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("一、完善"))
        .unwrap();
    assert_eq!(heading.heading, Some(2));
    let gbk_page = PAGE.replace("utf-8", "gb2312");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_page);
    let p = tifa::corpus::parse_file(
        Path::new("p.htm"),
        Kind::Html,
        &gbk,
        &LoadOptions::default(),
        None,
    );
    assert_eq!(p.docs[0].title, "国务院关于加强基层治理的意见");
}

/// A minimal .docx: styles with `heading 1`/`heading 2`/`Title` names
/// under non-English style ids (as Chinese Word writes them).
fn docx(paras: &[(&str, Option<&str>)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut body = String::new();
    for (text, style) in paras {
        body.push_str("<w:p>");
        if let Some(s) = style {
            body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"));
        }
        // Two runs, one with an escaped char, to join.
        let (a, b) = text.split_at(
            text.char_indices()
                .nth(1)
                .map(|(i, _)| i)
                .unwrap_or(text.len()),
        );
        let b = b.replace('&', "&amp;");
        body.push_str(&format!("<w:r><w:t>{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>"));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="Normal"/></w:style>
</w:styles>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", o).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", o).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.start_file("word/styles.xml", o).unwrap();
    zip.write_all(styles.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_word_file_gives_paragraphs_and_heading_levels() {
    let bytes = docx(&[
        ("关于做好当前工作的通知", Some("a3")),
        ("（2023年5月6日）", None),
        (
            "各有关单位：现将有关事项通知如下。R&D投入继续增加。",
            Some("a4"),
        ),
        ("总体要求", Some("1")),
        ("坚持稳中求进工作总基调。", None),
        ("重点任务", Some("2")),
        ("抓好落实。", None),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notice.docx"), &bytes).unwrap();
    std::fs::write(
        dir.path().join("broken.docx"),
        b"PK\x03\x04 not really a zip",
    )
    .unwrap();
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["notice"]);
    let w = warned(&c, "broken.docx");
    assert_eq!(w.len(), 1, "{:?}", c.warnings);
    assert!(w[0].contains("docx"), "{w:?}");
    let d = &c.docs[0];
    assert_eq!(d.title, "关于做好当前工作的通知");
    assert!(!d.title_inferred);
    assert_eq!(d.date.as_deref(), Some("2023-05-06"));
    let got: Vec<(&str, Option<u8>)> = d
        .paragraphs
        .iter()
        .map(|p| (p.text.as_str(), p.heading))
        .collect();
    assert_eq!(
        got,
        [
            ("关于做好当前工作的通知", Some(1)),
            ("（2023年5月6日）", None),
            ("各有关单位：现将有关事项通知如下。R&D投入继续增加。", None),
            ("总体要求", Some(1)),
            ("坚持稳中求进工作总基调。", None),
            ("重点任务", Some(2)),
            ("抓好落实。", None),
        ]
    );
    // The heading styles are the outline: unnumbered headings are sections,
    // the title (a heading of its own) heads none.
    let ol = tifa::outline::Outline::build(d);
    let got: Vec<(&str, &str, usize)> = ol
        .sections
        .iter()
        .map(|s| (s.path.as_str(), s.title.as_str(), s.paragraph))
        .collect();
    assert_eq!(got, [("1", "总体要求", 3), ("1.1", "重点任务", 5)]);
}

#[test]
fn pdf_and_old_word_files_say_how_to_convert_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.pdf"), b"%PDF-1.7\n").unwrap();
    std::fs::write(dir.path().join("old.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(dir.path().join("a.txt"), SPEECH).unwrap();
    let c = load_dir(dir.path());
    assert_eq!(ids(&c), ["a"]);
    assert!(warned(&c, "report.pdf")[0].contains("pdftotext"));
    assert!(warned(&c, "old.doc")[0].contains(".docx"));
    assert_eq!(c.warnings.len(), 2);
}

#[test]
fn dates_come_from_text_then_file_name_then_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("dated.txt"), "报告\n（2022年10月16日）\n正文。").unwrap();
    std::fs::write(
        p.join("gwr_2015_report.txt"),
        "政府工作报告\n正文没有日期。",
    )
    .unwrap();
    std::fs::write(
        p.join("2017政府工作报告_李克强.txt"),
        "政府工作报告\n另一篇正文。",
    )
    .unwrap();
    std::fs::write(
        p.join("xi_speech_2020-04-30_row2.txt"),
        "讲话\n又一篇正文。",
    )
    .unwrap();
    std::fs::write(p.join("undated.txt"), "无题\n第五篇正文。").unwrap();
    std::fs::write(
        p.join("override.txt"),
        "报告\n（2001年1月1日）\n第六篇正文。",
    )
    .unwrap();
    std::fs::write(
        p.join("tifa.toml"),
        "[files.\"override.txt\"]\ndate = \"2002-02-02\"\ntitle = \"改过的标题\"\nauthor = \"某人\"\n\n[files.\"undated.txt\"]\ndate = \"March\"\n",
    )
    .unwrap();
    let c = load_dir(p);
    let by = |id: &str| c.docs.iter().find(|d| d.id == id).unwrap();
    let got = |id: &str| {
        let d = by(id);
        (d.date.as_deref(), d.date_source.map(|s| s.as_str()))
    };
    assert_eq!(got("dated"), (Some("2022-10-16"), Some("text")));
    assert_eq!(got("gwr_2015_report"), (Some("2015"), Some("filename")));
    assert_eq!(
        got("2017政府工作报告_李克强"),
        (Some("2017"), Some("filename"))
    );
    assert_eq!(
        got("xi_speech_2020-04-30_row2"),
        (Some("2020-04-30"), Some("filename"))
    );
    assert_eq!(got("undated"), (None, None));
    assert_eq!(got("override"), (Some("2002-02-02"), Some("sidecar")));
    assert_eq!(by("override").title, "改过的标题");
    assert_eq!(by("override").author.as_deref(), Some("某人"));
    let w = warned(&c, "tifa.toml");
    assert_eq!(w.len(), 1, "{:?}", c.warnings);
    assert!(
        w[0].contains("undated.txt") && w[0].contains("YYYY-MM-DD"),
        "{w:?}"
    );

    // A CSV sidecar, and the JSON that scripts read.
    std::fs::remove_file(p.join("tifa.toml")).unwrap();
    std::fs::write(
        p.join("tifa.csv"),
        "file,title,date,author\nundated.txt,\"有题, 有日期\",1999-9,作者甲\n",
    )
    .unwrap();
    let out = tifa()
        .args(["list", "--json", "--corpus"])
        .arg(p)
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "undated")
        .unwrap();
    assert_eq!(row["date"], "1999-09");
    assert_eq!(row["date_source"], "sidecar");
    assert_eq!(row["title"], "有题, 有日期");
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "override")
        .unwrap();
    assert_eq!(row["date_source"], "text");
}

#[test]
fn a_sidecar_names_pieces_of_a_compilation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("works.txt"), compilation(3)).unwrap();
    std::fs::write(
        dir.path().join("tifa.toml"),
        "[files.\"works.txt\"]\nauthor = \"编者\"\n[files.\"works.txt#2\"]\ndate = \"1990\"\n",
    )
    .unwrap();
    let c = load_dir(dir.path());
    assert_eq!(c.docs.len(), 3);
    assert!(c.docs.iter().all(|d| d.author.as_deref() == Some("编者")));
    assert_eq!(c.docs[1].date.as_deref(), Some("1990"));
    assert_eq!(c.docs[1].date_source, Some(DateSource::Sidecar));
    assert_eq!(c.docs[0].date_source, Some(DateSource::Text));
}

#[test]
fn piped_input_is_one_document() {
    let out = tifa()
        .args(["list", "--json", "--corpus", "-"])
        .write_stdin(SPEECH.as_bytes())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["id"], "stdin");
    assert_eq!(rows[0]["path"], "-");
    assert_eq!(rows[0]["title"], "在全省工作会议上的讲话");
    let (gbk, _, _) = encoding_rs::GBK.encode(SPEECH);
    let out = tifa()
        .args(["show", "-", "--width", "30"])
        .write_stdin(gbk.into_owned())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("在全省工作会议上的讲话\n"));
    // With the built-in corpus alongside, standard input comes where it is named.
    let out = tifa()
        .args(["list", "--corpus", "-", "--corpus"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .write_stdin(SPEECH.as_bytes())
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert_eq!(list.lines().count(), 6, "{list}");
    assert!(list.lines().next().unwrap().contains("[stdin]"));
}
