//! Trends, comparison and concordance, checked against figures computed
//! here from the generated text itself (plain substring counts), never
//! by the code under test. Documents are generated from sentences of the
//! built-in corpus, with planted phrases at known counts; files are
//! written to a temporary folder and read the way a user's are.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use tifa::analysis::{compare, Calendar, DocSlogans, Trend};
use tifa::corpus::Corpus;
use tifa::outline::Outline;
use tifa::search::{sentences, Candidates, Scope};
use tifa::slogans::{Kind, Occurrence, Slogan, SloganIndex};
use tifa::text::script::to_hans;

fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").unwrap();
    c.env("XDG_CONFIG_HOME", "/nonexistent/tifa-test-config")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("tifa-test-cache"),
        )
        .env("XDG_STATE_HOME", "/nonexistent/tifa-test-state");
    c
}

/// Sentences of the built-in corpus that can be filler: nothing that
/// could read as a date, a heading, a split or web chrome, and none of
/// the planted phrases.
fn filler() -> Vec<String> {
    let c = Corpus::builtin();
    let mut out = Vec::new();
    for d in &c.docs {
        for (_, p) in d.body() {
            for (_, s) in sentences(&p.text) {
                let s = s.trim();
                let n = s.chars().count();
                let bad = s.chars().any(|c| {
                    c.is_ascii_digit()
                        || ('０'..='９').contains(&c)
                        || "年月日〇一二三四五六七八九十第（()）、：:“”\"".contains(c)
                }) || [
                    "来源",
                    "出处",
                    "原标题",
                    "编辑",
                    "作者",
                    "上一篇",
                    "下一篇",
                    "点击",
                ]
                .iter()
                .any(|w| s.contains(w));
                if (8..=60).contains(&n) && !bad && s.ends_with('。') {
                    out.push(to_hans(s));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    assert!(out.len() > 80, "only {} filler sentences", out.len());
    out
}

/// Planted phrases; none occurs in the filler (checked).
const PLANTED: [&str; 3] = ["四个自信", "高质量发展", "两个维护"];

fn count(hay: &str, needle: &str) -> usize {
    to_hans(hay).matches(&to_hans(needle)).count()
}

/// A dated document: a title line, then paragraphs of filler with
/// `plant[i]` uses of `PLANTED[i]`, one of them in Traditional script
/// when `traditional`.
fn document(seed: usize, plant: [usize; 3], traditional: bool, pool: &[String]) -> String {
    let mut lines = vec![format!(
        "关于{}的报告",
        ["改进作风", "深化改革", "加强建设"][seed % 3]
    )];
    let mut k = seed * 7;
    let mut next = || {
        k += 1;
        pool[(k * 31) % pool.len()].clone()
    };
    for (i, &n) in plant.iter().enumerate() {
        for u in 0..n {
            let phrase = if traditional && u == 0 && i == 0 {
                "四個自信".to_string()
            } else {
                PLANTED[i].to_string()
            };
            lines.push(format!("{}我们要坚持{phrase}，{}", next(), next()));
        }
    }
    for _ in 0..(5 + seed % 4) {
        lines.push(format!("{}{}", next(), next()));
    }
    lines.join("\n") + "\n"
}

#[test]
fn trend_series_equal_plain_counts_per_year() {
    let pool = filler();
    for p in PLANTED {
        assert!(pool.iter().all(|s| !s.contains(p)), "{p} in the filler");
    }
    // Years 2001, 2002, 2004 (two documents) and 2007: 2003, 2005, 2006
    // are gaps. Plus an undated document, which counts nowhere.
    let plan: [(Option<i32>, [usize; 3], bool); 6] = [
        (Some(2001), [2, 0, 1], false),
        (Some(2002), [0, 0, 0], false),
        (Some(2004), [3, 1, 0], true),
        (Some(2004), [1, 4, 0], false),
        (Some(2007), [0, 6, 2], false),
        (None, [5, 5, 5], false),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for (i, (year, plant, trad)) in plan.iter().enumerate() {
        let text = document(i, *plant, *trad, &pool);
        let name = match year {
            Some(y) => format!("gwr_{y}_{i}.txt"),
            None => format!("speech_{i}.txt"),
        };
        std::fs::write(dir.path().join(&name), &text).unwrap();
        texts.push((*year, text));
    }
    // The oracle: per year, documents, chars (of the lines) and plain
    // substring counts.
    let mut want: BTreeMap<i32, (usize, usize, [usize; 3])> = BTreeMap::new();
    for (year, text) in &texts {
        let Some(y) = year else { continue };
        let e = want.entry(*y).or_default();
        e.0 += 1;
        e.1 += text.lines().map(|l| l.chars().count()).sum::<usize>();
        for (i, p) in PLANTED.iter().enumerate() {
            e.2[i] += count(text, p);
        }
    }
    // The generator planted what it says.
    assert_eq!(want[&2004].2, [4, 5, 0]);

    let c = Corpus::load(&[dir.path().to_path_buf()]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.docs.len(), 6);
    let cal = Calendar::new(&c.docs);
    assert_eq!((cal.dated(), cal.undated()), (5, 1));
    let cands = Candidates::build(&c.docs, &SloganIndex::default(), Scope::Text);
    for (i, p) in PLANTED.iter().enumerate() {
        let t = Trend::of(&cal, &cands, p);
        let years: Vec<i32> = t.years.iter().map(|y| y.year).collect();
        assert_eq!(years, (2001..=2007).collect::<Vec<_>>());
        for y in &t.years {
            match want.get(&y.year) {
                None => {
                    assert!(y.is_gap(), "{p} {}", y.year);
                    assert_eq!((y.count(), y.per10k()), (None, None));
                }
                Some(&(docs, chars, counts)) => {
                    assert_eq!(
                        (y.docs, y.chars, y.count),
                        (docs, chars, counts[i]),
                        "{p} {}",
                        y.year
                    );
                    let rate = counts[i] as f64 * 1e4 / chars as f64;
                    assert!((y.per10k().unwrap() - rate).abs() < 1e-9);
                    // What a chart's Enter on a year would list.
                    assert_eq!(t.in_year(&cal, y.year).count(), counts[i]);
                }
            }
        }
    }

    // The CLI prints the same, gaps as nulls.
    let out = tifa()
        .args(["trend", "四个自信", "两个维护", "--json", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let series = v.as_array().unwrap();
    assert_eq!(series.len(), 2);
    for (k, (row, i)) in series.iter().zip([0, 2]).enumerate() {
        assert_eq!(row["text"], PLANTED[i], "{k}");
        for pt in row["series"].as_array().unwrap() {
            let year = pt["year"].as_i64().unwrap() as i32;
            match want.get(&year) {
                None => {
                    assert!(pt["count"].is_null() && pt["per10k"].is_null(), "{pt}");
                    assert_eq!(
                        (pt["docs"].as_u64(), pt["chars"].as_u64()),
                        (Some(0), Some(0))
                    );
                }
                Some(&(docs, chars, counts)) => {
                    assert_eq!(pt["count"].as_u64(), Some(counts[i] as u64), "{pt}");
                    assert_eq!(pt["docs"].as_u64(), Some(docs as u64));
                    assert_eq!(pt["chars"].as_u64(), Some(chars as u64));
                    let rate = counts[i] as f64 * 1e4 / chars as f64;
                    assert!((pt["per10k"].as_f64().unwrap() - rate).abs() < 1e-4, "{pt}");
                }
            }
        }
    }
    // First and last use: the earliest and latest dated documents using it.
    assert_eq!(series[0]["first"]["doc"], "gwr_2001_0");
    assert_eq!(series[0]["last"]["doc"], "gwr_2004_3");
    assert_eq!(series[1]["first"]["doc"], "gwr_2001_0");
    assert_eq!(series[1]["last"]["doc"], "gwr_2007_4");
    // The undated document is named on stderr, not counted.
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 6 documents have no date"));

    // --by doc: one row per dated document, earliest first.
    let v: Value = serde_json::from_slice(
        &tifa()
            .args(["trend", "高质量发展", "--json", "--by", "doc", "--corpus"])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let rows = v[0]["series"].as_array().unwrap();
    let got: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let want_docs: Vec<(String, u64)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, (y, t))| {
            Some((format!("gwr_{}_{i}", (*y)?), count(t, "高质量发展") as u64))
        })
        .collect();
    assert_eq!(got, want_docs);

    // CSV: a row per year and text; gap years have empty counts.
    let out = tifa()
        .args(["trend", "四个自信", "--csv", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["text", "year", "docs", "chars", "count", "per10k"]
    );
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 7);
    assert_eq!(&recs[2][4], ""); // 2003
    assert_eq!(recs[3][4].parse::<usize>().unwrap(), want[&2004].2[0]);

    // Only some years.
    let v: Value = serde_json::from_slice(
        &tifa()
            .args([
                "trend",
                "四个自信",
                "--json",
                "--from",
                "2002",
                "--to",
                "2004",
                "--corpus",
            ])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let years: Vec<i64> = v[0]["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2002, 2003, 2004]);
}

/// An index built by hand from plain substring counts: what the miner
/// would say if it found exactly these slogans.
fn hand_index(c: &Corpus, texts: &[&str]) -> SloganIndex {
    let mut slogans = Vec::new();
    for t in texts {
        let mut occurrences = Vec::new();
        for (d, doc) in c.docs.iter().enumerate() {
            for (p, para) in doc.body() {
                let hay = to_hans(&para.text);
                for (at, _) in hay.match_indices(t) {
                    occurrences.push(Occurrence {
                        doc: d,
                        paragraph: p,
                        offset: hay[..at].chars().count(),
                    });
                }
            }
        }
        slogans.push(Slogan::new(t, Kind::Quoted, occurrences));
    }
    SloganIndex { slogans }
}

/// Two reports: A's headings 工作回顾, 主要任务 (three items), 政府建设;
/// B adds 新的目标, renames 主要任务 and drops one item. Planted, each as a quoted
/// paragraph of its own: 四个自信 3 → 5 (kept), 两个维护 2 → 0 (dropped),
/// 三严三实 0 → 4 (new), 高质量发展 1 → 1 (kept, unchanged). Both end with
/// the same filler paragraphs, so whatever is mined from them is used as
/// often in A as in B.
fn two_reports(pool: &[String]) -> (String, String) {
    let plant = |lines: &mut Vec<String>, plants: &[(&str, usize)]| {
        for &(p, n) in plants {
            for _ in 0..n {
                lines.push(format!("“{p}”。"));
            }
        }
    };
    let filler: Vec<String> = (0..40)
        .map(|k| pool[(k * 17) % pool.len()].clone())
        .collect();
    let mut a = vec![
        "二〇〇八年政府工作报告".to_string(),
        "一、过去五年工作回顾".into(),
    ];
    plant(&mut a, &[("四个自信", 1), ("高质量发展", 1)]);
    a.push("二、今年主要任务".into());
    a.push("（一）加强和改善宏观调控，促进经济平稳发展".into());
    plant(&mut a, &[("四个自信", 2)]);
    a.push("（二）深化农村改革，促进农民增收".into());
    a.push("（三）深化行政管理体制改革".into());
    plant(&mut a, &[("两个维护", 2)]);
    a.push("三、加强政府自身建设".into());
    a.extend(filler.iter().cloned());

    let mut b = vec![
        "二〇一六年政府工作报告".to_string(),
        "一、去年工作回顾".into(),
    ];
    plant(&mut b, &[("四个自信", 2), ("高质量发展", 1)]);
    b.push("二、十三五时期的新目标".into());
    plant(&mut b, &[("三严三实", 4)]);
    b.push("三、今年重点工作".into());
    b.push("（一）稳定和完善宏观调控，保持经济平稳运行".into());
    plant(&mut b, &[("四个自信", 3)]);
    b.push("（二）深化农村改革，促进农民持续增收".into());
    b.push("四、加强政府自身建设".into());
    b.extend(filler);
    (a.join("\n") + "\n", b.join("\n") + "\n")
}

#[test]
fn compare_reports_exactly_the_planted_differences() {
    let pool = filler();
    let (a, b) = two_reports(&pool);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gwr_2008.txt"), &a).unwrap();
    std::fs::write(dir.path().join("gwr_2016.txt"), &b).unwrap();
    let c = Corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(c.docs.len(), 2);
    let (ia, ib) = (c.find("gwr_2008").unwrap(), c.find("gwr_2016").unwrap());
    let (oa, ob) = (Outline::build(&c.docs[ia]), Outline::build(&c.docs[ib]));

    // With an index of exactly the planted slogans: exactly the planted
    // changes, sorted by change.
    let planted = ["四个自信", "两个维护", "三严三实", "高质量发展"];
    let idx = hand_index(&c, &planted);
    let counts = DocSlogans::build(&idx, c.docs.len());
    let cmp = compare(&idx, &counts, ia, ib, &oa, &ob);
    let got = |v: &[tifa::analysis::Change]| -> Vec<(String, usize, usize)> {
        v.iter()
            .map(|x| (x.text.clone(), x.count_a, x.count_b))
            .collect()
    };
    assert_eq!(
        got(&cmp.new),
        [("三严三实".to_string(), count(&a, "三严三实"), 4)]
    );
    assert_eq!(
        got(&cmp.dropped),
        [("两个维护".to_string(), 2, count(&b, "两个维护"))]
    );
    assert_eq!(
        got(&cmp.kept),
        [
            ("四个自信".to_string(), 3, 5),
            ("高质量发展".to_string(), 1, 1)
        ]
    );
    // The headings: 回顾 with 回顾, 任务 with 工作 (by their items),
    // 政府建设 with 政府建设; 新目标 and the dropped item alone.
    let title = |ol: &Outline, i: Option<usize>| i.map(|i| ol.sections[i].title.clone());
    let pairs: Vec<(Option<String>, Option<String>)> = cmp
        .sections
        .iter()
        .map(|p| (title(&oa, p.a), title(&ob, p.b)))
        .collect();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        pairs,
        [
            (s("过去五年工作回顾"), s("去年工作回顾")),
            (None, s("十三五时期的新目标")),
            (s("今年主要任务"), s("今年重点工作")),
            (
                s("加强和改善宏观调控，促进经济平稳发展"),
                s("稳定和完善宏观调控，保持经济平稳运行")
            ),
            (
                s("深化农村改革，促进农民增收"),
                s("深化农村改革，促进农民持续增收")
            ),
            (s("深化行政管理体制改革"), None),
            (s("加强政府自身建设"), s("加强政府自身建设")),
        ]
    );

    // The CLI, with the real miner: whatever it reports has the counts a
    // plain substring count of A and B gives, in the right group, and the
    // planted changes are there. (Which other phrases the miner accepts is
    // its business; the filler is the same in both, so they are kept.)
    let out = tifa()
        .args(["compare", "gwr_2008", "gwr_2016", "--json", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let group = |k: &str| -> Vec<(String, usize, usize)> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let t = x["text"].as_str().unwrap().to_string();
                let (ca, cb) = (count(&a, &t), count(&b, &t));
                match k {
                    "new" => assert!(x.get("count_a").is_none() && ca == 0, "{x}"),
                    "dropped" => assert!(x.get("count_b").is_none() && cb == 0, "{x}"),
                    _ => assert_eq!(x["count_a"].as_u64(), Some(ca as u64), "{x}"),
                }
                if k != "dropped" {
                    assert_eq!(x["count_b"].as_u64(), Some(cb as u64), "{x}");
                } else {
                    assert_eq!(x["count_a"].as_u64(), Some(ca as u64), "{x}");
                }
                (t, ca, cb)
            })
            .collect()
    };
    let (new, dropped, kept) = (group("new"), group("dropped"), group("kept"));
    assert_eq!(new, [("三严三实".to_string(), 0, 4)]);
    assert_eq!(dropped, [("两个维护".to_string(), 2, 0)]);
    assert_eq!(kept[0], ("四个自信".to_string(), 3, 5));
    assert!(kept.contains(&("高质量发展".to_string(), 1, 1)));
    // Sorted by the size of the change.
    let change = |k: &(String, usize, usize)| k.1.abs_diff(k.2);
    assert!(
        kept.windows(2).all(|w| change(&w[0]) >= change(&w[1])),
        "{kept:?}"
    );
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), pairs.len());
    assert_eq!(sections[2]["by"], "children");
    assert_eq!(sections[0]["by"], "title");
    assert!(sections[1]["a"].is_null() && sections[1]["by"].is_null());
    assert_eq!(sections[6]["b"]["path"], "4");
}

#[test]
fn kwic_csv_has_one_row_per_occurrence_and_parses() {
    let pool = filler();
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for (i, plant) in [[3, 0, 0], [1, 2, 0], [0, 0, 1]].into_iter().enumerate() {
        let mut t = document(i, plant, i == 1, &pool);
        if i == 0 {
            // A paragraph that is only the phrase: no context either side.
            t.push_str("四个自信\n");
        }
        std::fs::write(dir.path().join(format!("gwr_{}.txt", 2010 + i)), &t).unwrap();
        texts.push(t);
    }
    let want: usize = texts.iter().map(|t| count(t, "四个自信")).sum();
    assert_eq!(want, 5);
    for context in ["20", "3"] {
        let out = tifa()
            .args([
                "kwic",
                "四个自信",
                "--csv",
                "--context",
                context,
                "--corpus",
            ])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut r = csv::Reader::from_reader(&out.stdout[..]);
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            [
                "doc",
                "title",
                "date",
                "section",
                "paragraph",
                "offset",
                "left",
                "match",
                "right"
            ]
        );
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), want);
        let n: usize = context.parse().unwrap();
        for row in &rows {
            let file = &texts[row[0][4..].parse::<usize>().unwrap() - 2010];
            // left + match + right is a piece of one line of the file, as
            // written (the Traditional use stays Traditional).
            let piece = format!("{}{}{}", &row[6], &row[7], &row[8]);
            assert!(file.lines().any(|l| l.contains(&piece)), "{row:?}");
            assert_eq!(to_hans(&row[7]), "四个自信");
            assert!(row[6].chars().count() <= n && row[8].chars().count() <= n);
            assert!(row[5].parse::<usize>().is_ok() && row[4].parse::<usize>().is_ok());
            assert_eq!(&row[2][..4], &row[0][4..8]); // the date from the file name
        }
        assert!(rows.iter().any(|r| &r[7] == "四個自信"));
        assert!(rows.iter().any(|r| r[6].is_empty() && r[8].is_empty()));
    }
    // JSON: the same rows.
    let out = tifa()
        .args(["kwic", "四個自信", "--json", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), want);
    assert!(v[0].get("match").is_some() && v[0].get("section").is_some());
}

#[test]
fn the_svg_chart_is_well_formed_and_bad_requests_are_explained() {
    let pool = filler();
    let dir = tempfile::tempdir().unwrap();
    for (i, y) in [2001, 2003, 2004].into_iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("gwr_{y}.txt")),
            document(i, [i + 1, 1, 0], false, &pool),
        )
        .unwrap();
    }
    let svg = dir.path().join("chart.svg");
    let out = tifa()
        .args(["trend", "四个自信", "高质量发展", "--svg"])
        .arg(&svg)
        .arg("--corpus")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    // Well-formed XML all through.
    let mut r = quick_xml::Reader::from_str(&text);
    let mut texts = Vec::new();
    loop {
        match r.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Text(t) => texts.push(t.xml10_content().into_owned()),
            _ => {}
        }
    }
    let all = texts.concat();
    assert!(all.contains("四个自信") && all.contains("高质量发展"));
    assert!(all.contains("首 2001") && all.contains("末 2004"));

    // Five texts do not go in one chart; the message says what to do.
    let out = tifa()
        .args(["trend", "一", "二", "三", "四", "五", "--svg"])
        .arg(&svg)
        .arg("--corpus")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 4 texts"));
    // An unwritable chart names the file.
    let out = tifa()
        .args([
            "trend",
            "四个自信",
            "--svg",
            "/nonexistent/dir/c.svg",
            "--corpus",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/dir/c.svg"));
    // No dated documents: said, exit 2.
    let undated = tempfile::tempdir().unwrap();
    std::fs::write(
        undated.path().join("speech.txt"),
        document(0, [1, 0, 0], false, &pool),
    )
    .unwrap();
    let out = tifa()
        .args(["trend", "四个自信", "--corpus"])
        .arg(undated.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has a date"));
    // Unknown documents to compare: named.
    let out = tifa()
        .args(["compare", "gwr_2001", "nosuch", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch"));
}

#[test]
fn builtin_corpus_commands_run_without_a_path() {
    // The built-in corpus has one dated document; trend and kwic still work.
    let out = tifa().args(["kwic", "四个自信"]).output().unwrap();
    assert!(out.status.success());
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    let c = Corpus::builtin();
    let want: usize = c
        .docs
        .iter()
        .flat_map(|d| d.body().map(|(_, p)| count(&p.text, "四个自信")))
        .sum();
    assert_eq!(lines, want);
    assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .exists());
}
