//! The reading state: round trips, several processes on one state, a
//! damaged file, atomic writes.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use tifa::store::{Position, Store, FILE};

fn pos(paragraph: usize, offset: usize) -> Position {
    Position { paragraph, offset }
}

#[test]
fn position_bookmarks_and_recents_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path());
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    s.visit("aa", "一号文件", "/x/a.txt");
    s.set_position("aa", pos(12, 34));
    let id = s.add_bookmark("aa", "三、改革", pos(40, 0));
    s.add_bookmark("aa", "开头", pos(0, 0));
    s.visit("bb", "二号文件", "/x/b.txt");
    assert!(s.dirty());
    s.save().unwrap();
    assert!(!s.dirty());

    let t = Store::open(dir.path());
    let d = t.doc("aa").expect("document remembered");
    assert_eq!(d.position, Some(pos(12, 34)));
    assert_eq!(d.title, "一号文件");
    // Bookmarks in document order.
    let names: Vec<&str> = d.bookmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["开头", "三、改革"]);
    assert!(d.bookmarks.iter().any(|b| b.id == id));
    let recent: Vec<&str> = t.recent().iter().map(|(k, _)| *k).collect();
    assert_eq!(recent.len(), 2);
    assert!(recent.contains(&"aa") && recent.contains(&"bb"));
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn two_processes_keep_each_others_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path());
    let mut b = Store::open(dir.path());
    let ia = a.add_bookmark("doc", "from a", pos(1, 0));
    let ib = b.add_bookmark("doc", "from b", pos(2, 0));
    a.save().unwrap();
    b.save().unwrap();
    // b now sees a's bookmark too.
    let ids: BTreeSet<&str> = b
        .doc("doc")
        .unwrap()
        .bookmarks
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(ids, BTreeSet::from([ia.as_str(), ib.as_str()]));
    // a deletes its own; b, which still has it in memory, saves again: it
    // stays deleted.
    a.reload();
    assert!(a.delete_bookmark("doc", &ia));
    a.save().unwrap();
    b.set_position("doc", pos(9, 9));
    b.save().unwrap();
    let c = Store::open(dir.path());
    let d = c.doc("doc").unwrap();
    let ids: Vec<&str> = d.bookmarks.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [ib.as_str()]);
    assert_eq!(d.position, Some(pos(9, 9)));
}

#[test]
fn concurrent_savers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut s = Store::open(&path);
                let mut ids = Vec::new();
                for i in 0..25 {
                    ids.push(s.add_bookmark("shared", &format!("{t}-{i}"), pos(i, t)));
                    s.save().unwrap();
                }
                ids
            })
        })
        .collect();
    let mut want = BTreeSet::new();
    for t in threads {
        want.extend(t.join().unwrap());
    }
    let s = Store::open(dir.path());
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let got: BTreeSet<String> = s
        .doc("shared")
        .unwrap()
        .bookmarks
        .iter()
        .map(|b| b.id.clone())
        .collect();
    assert_eq!(got.len(), 100);
    assert_eq!(got, want);
}

#[test]
fn a_damaged_file_is_moved_aside_and_tifa_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"{\"version\": 1, \"docs\": {\"aa\": {\"position\": [tru";
    fs::write(dir.path().join(FILE), garbage).unwrap();
    let mut s = Store::open(dir.path());
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    let w = &s.warnings[0];
    assert!(w.contains(FILE) && w.contains("moved it aside"), "{w}");
    assert!(s.state().docs.is_empty());
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("state.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(&aside[0]).unwrap(), garbage);
    // And the store works.
    s.add_bookmark("aa", "x", pos(0, 0));
    s.save().unwrap();
    assert_eq!(
        Store::open(dir.path()).doc("aa").unwrap().bookmarks.len(),
        1
    );
}

#[test]
fn an_unwritable_directory_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    fs::write(&file, b"x").unwrap();
    let mut s = Store::open(&file.join("tifa"));
    s.set_position("aa", pos(1, 1));
    let e = s.save().unwrap_err();
    assert!(e.contains("not-a-dir"), "{e}");
    // The change is kept for a later try.
    assert!(s.dirty());
}

/// One step of a session: which process, and what it does.
#[derive(Clone, Debug)]
enum Step {
    Add(usize, usize),
    Delete(usize, usize),
    Move(usize, usize),
    Save(usize),
    Reload(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..3usize).prop_map(|(p, d)| Step::Add(p, d)),
        (0..3usize, 0..8usize).prop_map(|(p, i)| Step::Delete(p, i)),
        (0..3usize, 0..100usize).prop_map(|(p, x)| Step::Move(p, x)),
        (0..3usize).prop_map(Step::Save),
        (0..3usize).prop_map(Step::Reload),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any interleaving of three processes adding, deleting and saving:
    /// after everyone saves, the file holds exactly the bookmarks added and
    /// not deleted, by anyone.
    #[test]
    fn interleaved_processes_merge_exactly(steps in prop::collection::vec(step(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut procs: Vec<Store> = (0..3).map(|_| Store::open(dir.path())).collect();
        let mut alive: BTreeMap<String, String> = BTreeMap::new(); // id -> doc
        for s in &steps {
            match *s {
                Step::Add(p, d) => {
                    let doc = format!("d{d}");
                    let id = procs[p].add_bookmark(&doc, "b", pos(d, 0));
                    alive.insert(id, doc);
                }
                Step::Delete(p, i) => {
                    // Delete the i-th bookmark this process can see.
                    let seen: Vec<(String, String)> = procs[p]
                        .state()
                        .docs
                        .iter()
                        .flat_map(|(k, d)| d.bookmarks.iter().map(move |b| (k.clone(), b.id.clone())))
                        .collect();
                    if let Some((doc, id)) = seen.get(i % seen.len().max(1)).cloned() {
                        prop_assert!(procs[p].delete_bookmark(&doc, &id));
                        alive.remove(&id);
                    }
                }
                Step::Move(p, x) => procs[p].set_position("d0", pos(x, 0)),
                Step::Save(p) => procs[p].save().unwrap(),
                Step::Reload(p) => procs[p].reload(),
            }
        }
        for p in &mut procs {
            p.save().unwrap();
        }
        let fin = Store::open(dir.path());
        let got: BTreeMap<String, String> = fin
            .state()
            .docs
            .iter()
            .flat_map(|(k, d)| d.bookmarks.iter().map(move |b| (b.id.clone(), k.clone())))
            .collect();
        prop_assert_eq!(got, alive);
    }
}
