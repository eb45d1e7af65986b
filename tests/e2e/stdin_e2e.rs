//! Piped input in a real terminal: `cat FILE | tifa -` opens the reader,
//! which takes its keys from the terminal (/dev/tty), and the terminal is
//! restored after; `tifa show - < FILE` prints it.

use crate::common;
use common::tmux::{assert_terminal_restored, shell, tmux_or_skip};

#[test]
fn piped_document_opens_the_reader_and_keys_work() {
    let Some(t) = tmux_or_skip("stdin") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_tifa");
    let seed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/002_db62700750f2c61f.txt");
    shell(&t, 80, 24);
    t.keys(&[
        &format!(
            "cat '{}' | '{bin}' - --ambiwidth 1; echo exit-$((0+0))",
            seed.display()
        ),
        "Enter",
    ]);
    t.wait_for("the list with the piped document", |s| {
        s.contains("1 篇文档") && s.contains("在乡镇集中学习")
    });
    t.keys(&["Enter"]);
    t.wait_for("the document open", |s| s.contains("同志们"));
    t.keys(&["G"]);
    t.wait_for("the end of the document", |s| s.contains("100%"));
    t.keys(&["q"]);
    t.wait_for("the list again", |s| s.contains("1 篇文档"));
    t.keys(&["q"]);
    t.wait_for("tifa to exit", |s| s.contains("exit-0"));
    assert_terminal_restored(&t);

    t.keys(&["clear", "Enter"]);
    t.keys(&[
        &format!(
            "'{bin}' show - --width 80 < '{}' | head -1; echo shown-$((40+2))",
            seed.display()
        ),
        "Enter",
    ]);
    let s = t.wait_for("show to print", |s| s.contains("shown-42"));
    assert!(
        s.contains("在乡镇集中学习暨当前重点工作推进会上的讲话"),
        "{s}"
    );
}
