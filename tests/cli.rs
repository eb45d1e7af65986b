//! The scriptable CLI, as a script would use it: real processes, JSON on
//! stdout and nothing else, warnings on stderr, exit codes.

use assert_cmd::Command;
use serde_json::Value;

fn tifa() -> Command {
    Command::cargo_bin("tifa").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = tifa().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is only JSON")
}

#[test]
fn list_json_has_every_field() {
    let v = json(&["list", "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for key in [
        "index",
        "id",
        "path",
        "title",
        "title_inferred",
        "script",
        "chars",
        "paragraphs",
        "sections",
        "date",
        "author",
        "encoding",
    ] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        rows[2]["title"],
        "在乡镇集中学习暨当前重点工作推进会上的讲话"
    );
    assert_eq!(rows[4]["script"], "hant");
    assert_eq!(rows[1]["date"], "2019-11-12");
}

#[test]
fn outline_json_paths_and_levels() {
    let v = json(&["outline", "002_db62700750f2c61f", "--json"]);
    let secs = v.as_array().unwrap();
    let find = |path: &str| secs.iter().find(|s| s["path"] == path).unwrap().clone();
    assert_eq!(
        find("3")["title"],
        "聚焦重点任务,在攻坚克难中推动各项工作落地见效"
    );
    let s = find("3.1.2");
    assert_eq!(s["marker"], "二要");
    assert_eq!(s["level"], 3);
    assert_eq!(s["number"], 2);
    // The same document by index.
    assert_eq!(json(&["outline", "3", "--json"]), v);
}

#[test]
fn show_a_section_prints_it_and_what_is_under_it() {
    let out = tifa()
        .args(["show", "3", "--section", "2", "--width", "60"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("二、正视当前形势"), "{s}");
    assert!(s.contains("四是在推动高质量发展方面"));
    assert!(!s.contains("三、聚焦重点任务"));
    let out = tifa()
        .args(["show", "3", "--section", "9.9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no section 9.9"));
}

#[test]
fn show_restores_punctuation_and_converts_script() {
    let out = tifa()
        .args(["show", "3", "--width", "100000"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("同志们："),
        "ASCII colon after Han shown full width"
    );
    let out = tifa()
        .args(["show", "3", "--width", "100000", "--punct", "keep"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("同志们:"));
    let out = tifa()
        .args(["show", "5", "--script", "hans", "--width", "100000"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("同志们"));
}

#[test]
fn unknown_document_and_empty_corpus_fail_with_one_line() {
    let out = tifa().args(["outline", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("tifa list"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"\x00\x01").unwrap();
    let out = tifa()
        .args(["list", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bin.txt") && err.contains("binary"), "{err}");
    assert!(err.contains("no documents loaded"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn warnings_go_to_stderr_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "标题\n一、开头\n正文。\n二、结尾\n正文。",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = tifa()
        .args(["list", "--json", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["sections"], 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
}

#[test]
fn reader_without_a_terminal_says_what_to_do() {
    let out = tifa().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tifa show"));
}

#[test]
fn help_on_every_command() {
    for cmd in [
        vec!["--help"],
        vec!["list", "--help"],
        vec!["outline", "--help"],
        vec!["show", "--help"],
    ] {
        let out = tifa().args(&cmd).output().unwrap();
        assert!(out.status.success(), "{cmd:?}");
        assert!(!out.stdout.is_empty());
    }
}
