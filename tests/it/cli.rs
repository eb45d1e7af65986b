//! The scriptable CLI, as a script would use it: real processes, JSON on
//! stdout and nothing else, warnings on stderr, exit codes.

use assert_cmd::Command;
use serde_json::Value;

/// tifa with no user configuration or state (the user's must not leak in).
fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").unwrap();
    c.env("XDG_CONFIG_HOME", "/nonexistent/tifa-test-config")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("tifa-test-cache"),
        )
        .env("XDG_STATE_HOME", "/nonexistent/tifa-test-state")
        .env_remove("NO_COLOR");
    c
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

/// `--print-config` with `config` as the user's config.toml: (stdout, stderr).
fn print_config(config: &str, args: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tifa")).unwrap();
    std::fs::write(dir.path().join("tifa/config.toml"), config).unwrap();
    let out = tifa()
        .env("XDG_CONFIG_HOME", dir.path())
        .arg("--print-config")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn print_config_shows_the_file_and_flags_on_top() {
    let (out, err) = print_config(
        "theme = \"light\"\nwidth = 60\nambiwidth = 2\nmouse = true\n\n[keys]\ncopy = [\"Y\"]\n\n[keys.reader]\npage_down = [\"space\", \"J\"]\n",
        &["--width", "70"],
    );
    assert_eq!(err, "", "no warnings for a good file");
    // The printed configuration is itself a valid config with these values.
    let v: toml::Table = toml::from_str(&out).unwrap();
    assert_eq!(v["theme"].as_str(), Some("light"));
    assert_eq!(
        v["width"].as_integer(),
        Some(70),
        "the flag wins over the file"
    );
    assert_eq!(v["ambiwidth"].as_integer(), Some(2));
    assert_eq!(v["mouse"].as_bool(), Some(true));
    assert_eq!(v["punct"].as_str(), Some("auto"));
    let reader = v["keys"]["reader"].as_table().unwrap();
    let keys = |t: &toml::Table, a: &str| -> Vec<String> {
        t[a].as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(reader, "page_down"), ["space", "J"]);
    assert_eq!(keys(reader, "copy"), ["Y"]);
    // Untouched bindings are printed too.
    assert!(keys(reader, "line_down").contains(&"j".to_string()));
}

#[test]
fn config_problems_warn_name_the_key_and_fall_back() {
    let (out, err) = print_config(
        "theme = \"light\"\nwidht = 60\nambiwidth = 3\npunct = \"loud\"\n[keys]\nfly = [\"x\"]\n",
        &[],
    );
    let v: toml::Table = toml::from_str(&out).unwrap();
    assert_eq!(v["theme"].as_str(), Some("light"), "good keys still apply");
    assert_eq!(v["width"].as_integer(), Some(80));
    assert_eq!(v["ambiwidth"].as_str(), Some("auto"));
    assert_eq!(v["punct"].as_str(), Some("auto"));
    for needle in [
        "`widht` is not a setting",
        "`ambiwidth` must be",
        "`punct` must be",
        "unknown action \"fly\"",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    // Every warning names the file.
    for line in err.lines() {
        assert!(line.contains("config.toml"), "{line}");
    }
}

#[test]
fn a_config_that_does_not_parse_names_the_line_and_uses_defaults() {
    let (out, err) = print_config("theme = \"light\"\nwidth = = 3\n", &[]);
    assert!(err.contains("config.toml, line 2"), "{err}");
    let v: toml::Table = toml::from_str(&out).unwrap();
    assert_eq!(v["theme"].as_str(), Some("default"));
}

#[test]
fn show_follows_the_configured_width() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tifa")).unwrap();
    std::fs::write(dir.path().join("tifa/config.toml"), "width = 30\n").unwrap();
    let out = tifa()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["show", "1"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let widest = text
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap();
    assert!((26..=30).contains(&widest), "widest line {widest}");
}
