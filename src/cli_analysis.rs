//! The `trend`, `compare` and `kwic` subcommands' bodies (cli.rs only
//! parses): the `analysis` results as text for people, JSON or CSV for
//! scripts, and the trend chart as SVG.
//!
//! As everywhere in the CLI: JSON and CSV go to stdout and nothing else
//! does; notes and warnings go to stderr, one line each.

use crate::analysis::kwic;
use crate::analysis::svg::{self, Measure, Spread};
use crate::analysis::{compare, Calendar, DocSlogans, Pair, Trend};
use crate::cli_index::{sentences, slogans};
use crate::corpus::{sanitize, Document};
use crate::index::Library;
use crate::outline::{Outline, Section};
use crate::search::{occurrences, spans_sentences};
use crate::slogans::Occurrence;
use crate::text::width::{str_width, truncate_to_width, AmbiWidth};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// `--by` values.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    Year,
    Doc,
}

/// Output formats of `trend` and `kwic`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

impl Format {
    /// From the `--json` and `--csv` flags (clap keeps them apart).
    pub fn of(json: bool, csv: bool) -> Format {
        match (json, csv) {
            (true, _) => Format::Json,
            (_, true) => Format::Csv,
            _ => Format::Text,
        }
    }
}

/// Round for output: four decimals are more than a rate per 10,000
/// chars can mean.
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Texts as given, trimmed; a warning for those no sentence can hold.
fn texts(raw: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for t in raw {
        let t = t.trim();
        if t.is_empty() {
            return Err("an empty text has no occurrences; give the phrase to count".into());
        }
        if spans_sentences(t) {
            eprintln!(
                "tifa: warning: {:?} crosses a sentence end (。！？；); occurrences are counted \
                 within sentences, so it is found nowhere: give the part before or after it",
                sanitize(t)
            );
        }
        out.push(t.to_string());
    }
    Ok(out)
}

#[derive(Serialize)]
struct UseRow<'a> {
    doc: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    paragraph: usize,
    offset: usize,
}

fn use_row<'a>(docs: &'a [Document], o: Option<Occurrence>) -> Option<UseRow<'a>> {
    let o = o?;
    let d = docs.get(o.doc)?;
    Some(UseRow {
        doc: &d.id,
        title: &d.title,
        date: d.date.as_deref(),
        paragraph: o.paragraph,
        offset: o.offset,
    })
}

/// A point of a series: a year, or (with `--by doc`) a document.
#[derive(Serialize)]
struct PointRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    year: i32,
    /// `None` in a year without documents (a gap).
    count: Option<usize>,
    chars: usize,
    per10k: Option<f64>,
    docs: usize,
}

#[derive(Serialize)]
struct TrendRow<'a> {
    text: &'a str,
    series: Vec<PointRow<'a>>,
    first: Option<UseRow<'a>>,
    last: Option<UseRow<'a>>,
}

fn points<'a>(t: &Trend, cal: &Calendar, docs: &'a [Document], by: ByArg) -> Vec<PointRow<'a>> {
    match by {
        ByArg::Year => t
            .years
            .iter()
            .map(|p| PointRow {
                doc: None,
                title: None,
                date: None,
                year: p.year,
                count: p.count(),
                chars: p.chars,
                per10k: p.per10k().map(round4),
                docs: p.docs,
            })
            .collect(),
        ByArg::Doc => cal
            .by_doc(&t.occurrences)
            .into_iter()
            .map(|p| {
                let d = &docs[p.doc];
                PointRow {
                    doc: Some(&d.id),
                    title: Some(&d.title),
                    date: d.date.as_deref(),
                    year: p.year,
                    count: Some(p.count),
                    chars: p.chars,
                    per10k: p.per10k().map(round4),
                    docs: 1,
                }
            })
            .collect(),
    }
}

/// `tifa trend`'s options.
#[derive(Clone, Debug)]
pub struct TrendOptions {
    pub format: Format,
    pub by: ByArg,
    /// Also write the chart here.
    pub svg: Option<PathBuf>,
    /// Chart counts, not rates.
    pub counts: bool,
    /// Only documents of these years (from, to; each included).
    pub years: (Option<i32>, Option<i32>),
}

/// `tifa trend`. Returns the exit status.
pub fn trend(
    lib: &Library,
    raw: &[String],
    opts: &TrendOptions,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let c = &lib.corpus;
    let TrendOptions {
        format, by, counts, ..
    } = *opts;
    let svg_file = opts.svg.as_ref();
    let texts = match texts(raw) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("tifa: {e}");
            return Ok(2);
        }
    };
    if svg_file.is_some() && texts.len() > svg::MAX_SERIES {
        eprintln!(
            "tifa: a chart tells at most {} texts apart, and {} were given; chart them in groups \
             of {} (JSON and CSV take any number)",
            svg::MAX_SERIES,
            texts.len(),
            svg::MAX_SERIES
        );
        return Ok(2);
    }
    let cal = Calendar::between(&c.docs, opts.years.0, opts.years.1);
    if cal.dated() == 0 && cal.outside() > 0 {
        eprintln!(
            "tifa: none of the {} dated documents is of the years asked for (--from, --to)",
            cal.outside()
        );
        return Ok(2);
    }
    if cal.dated() == 0 {
        eprintln!(
            "tifa: none of the {} documents has a date, so there is no trend to show; dates come \
             from the text, the file name (gwr_2015_…) or a tifa.toml / tifa.csv beside the files",
            c.docs.len()
        );
        return Ok(2);
    }
    if cal.undated() > 0 {
        eprintln!(
            "tifa: note: {} of {} documents have no date and are left out; a tifa.toml or tifa.csv \
             beside them can give them one",
            cal.undated(),
            c.docs.len()
        );
    }
    let cands = sentences(lib);
    let trends: Vec<Trend> = texts.iter().map(|t| Trend::of(&cal, &cands, t)).collect();
    if let Some(path) = svg_file {
        let measure = if counts {
            Measure::Count
        } else {
            Measure::Per10k
        };
        let spread = match by {
            ByArg::Year => Spread::Year,
            ByArg::Doc => Spread::Doc,
        };
        let drawn = svg::chart(&trends, &cal, measure, spread)
            .map_err(std::io::Error::other)
            .and_then(|s| std::fs::write(path, s));
        if let Err(e) = drawn {
            eprintln!(
                "tifa: {}: cannot write the chart ({e}); check that its folder exists and is \
                 writable",
                path.display()
            );
            return Ok(1);
        }
    }
    match format {
        Format::Json => {
            let rows: Vec<TrendRow> = trends
                .iter()
                .map(|t| TrendRow {
                    text: &t.text,
                    series: points(t, &cal, &c.docs, by),
                    first: use_row(&c.docs, t.first),
                    last: use_row(&c.docs, t.last),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => trend_csv(&trends, &cal, &c.docs, by, out)?,
        Format::Text => trend_text(&trends, &cal, &c.docs, by, counts, out)?,
    }
    Ok(0)
}

fn csv_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn trend_csv(
    trends: &[Trend],
    cal: &Calendar,
    docs: &[Document],
    by: ByArg,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let opt = |v: Option<String>| v.unwrap_or_default();
    match by {
        ByArg::Year => w.write_record(["text", "year", "docs", "chars", "count", "per10k"]),
        ByArg::Doc => w.write_record([
            "text", "doc", "title", "date", "year", "chars", "count", "per10k",
        ]),
    }
    .map_err(csv_error)?;
    for t in trends {
        for p in points(t, cal, docs, by) {
            let count = opt(p.count.map(|n| n.to_string()));
            let rate = opt(p.per10k.map(|r| r.to_string()));
            match by {
                ByArg::Year => w.write_record([
                    t.text.clone(),
                    p.year.to_string(),
                    p.docs.to_string(),
                    p.chars.to_string(),
                    count,
                    rate,
                ]),
                ByArg::Doc => w.write_record([
                    t.text.clone(),
                    opt(p.doc.map(str::to_string)),
                    opt(p.title.map(str::to_string)),
                    opt(p.date.map(str::to_string)),
                    p.year.to_string(),
                    p.chars.to_string(),
                    count,
                    rate,
                ]),
            }
            .map_err(csv_error)?;
        }
    }
    w.flush()
}

/// Bar of `v` out of `max` in at most `cells` cells, in eighths.
fn bar(v: f64, max: f64, cells: usize) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    if max <= 0.0 || v <= 0.0 {
        return String::new();
    }
    let eighths = ((v / max) * (cells * 8) as f64).round().max(1.0) as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(EIGHTHS[eighths % 8 - 1]);
    }
    s
}

fn use_text(docs: &[Document], cal: &Calendar, o: Option<Occurrence>) -> String {
    match o {
        Some(o) => format!(
            "{} [{}]",
            cal.year(o.doc).map_or("-".to_string(), |y| y.to_string()),
            docs.get(o.doc).map_or("?", |d| d.id.as_str())
        ),
        None => "-".into(),
    }
}

fn trend_text(
    trends: &[Trend],
    cal: &Calendar,
    docs: &[Document],
    by: ByArg,
    counts: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    const CELLS: usize = 30;
    let value = |count: usize, rate: Option<f64>| {
        if counts {
            count as f64
        } else {
            rate.unwrap_or(0.0)
        }
    };
    let all: Vec<Vec<PointRow>> = trends.iter().map(|t| points(t, cal, docs, by)).collect();
    let max = all
        .iter()
        .flatten()
        .map(|p| value(p.count.unwrap_or(0), p.per10k))
        .fold(0.0, f64::max);
    let idw = all
        .iter()
        .flatten()
        .filter_map(|p| p.doc.map(|id| str_width(id, AmbiWidth::One)))
        .max()
        .unwrap_or(0);
    for (k, (t, rows)) in trends.iter().zip(&all).enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        let dated: usize = t
            .occurrences
            .iter()
            .filter(|o| cal.year(o.doc).is_some())
            .count();
        writeln!(
            out,
            "{}  {} uses in dated documents; first {}, last {}",
            sanitize(&t.text),
            dated,
            use_text(docs, cal, t.first),
            use_text(docs, cal, t.last),
        )?;
        let unit = if counts { "count" } else { "per 10k" };
        match by {
            ByArg::Year => {
                writeln!(out, "  year  docs    chars  count  per 10k  bar: {unit}")?;
                let mut i = 0;
                while i < rows.len() {
                    let p = &rows[i];
                    if p.docs == 0 {
                        // A run of gap years is one line.
                        let from = p.year;
                        while i + 1 < rows.len() && rows[i + 1].docs == 0 {
                            i += 1;
                        }
                        let to = rows[i].year;
                        let span = if to > from {
                            format!("{from}–{to}")
                        } else {
                            from.to_string()
                        };
                        writeln!(out, "  {span:<9} · no documents")?;
                    } else {
                        let n = p.count.unwrap_or(0);
                        let line = format!(
                            "  {}  {:>4}  {:>7}  {:>5}  {:>7.2}  {}",
                            p.year,
                            p.docs,
                            p.chars,
                            n,
                            p.per10k.unwrap_or(0.0),
                            bar(value(n, p.per10k), max, CELLS)
                        );
                        writeln!(out, "{}", line.trim_end())?;
                    }
                    i += 1;
                }
            }
            ByArg::Doc => {
                writeln!(
                    out,
                    "  date        count  per 10k    chars  document  bar: {unit}"
                )?;
                for p in rows {
                    let n = p.count.unwrap_or(0);
                    let id = p.doc.unwrap_or("");
                    let pad = idw.saturating_sub(str_width(id, AmbiWidth::One));
                    let line = format!(
                        "  {:<10}  {:>5}  {:>7.2}  {:>7}  {id}{}  {}",
                        p.date.unwrap_or("-"),
                        n,
                        p.per10k.unwrap_or(0.0),
                        p.chars,
                        " ".repeat(pad),
                        bar(value(n, p.per10k), max, CELLS)
                    );
                    writeln!(out, "{}", line.trim_end())?;
                }
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct ChangeRow<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    count_a: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count_b: Option<usize>,
}

#[derive(Serialize)]
struct HeadingRow<'a> {
    path: &'a str,
    level: usize,
    marker: &'a str,
    title: &'a str,
    paragraph: usize,
}

#[derive(Serialize)]
struct PairRow<'a> {
    a: Option<HeadingRow<'a>>,
    b: Option<HeadingRow<'a>>,
    similarity: f64,
    /// Why paired: "title" or "children" (their sub-headings pair); null
    /// for a heading on one side only.
    by: Option<&'static str>,
}

#[derive(Serialize)]
struct CompareRow<'a> {
    new: Vec<ChangeRow<'a>>,
    dropped: Vec<ChangeRow<'a>>,
    kept: Vec<ChangeRow<'a>>,
    sections: Vec<PairRow<'a>>,
}

fn heading(ol: &Outline, i: Option<usize>) -> Option<HeadingRow<'_>> {
    let s: &Section = &ol.sections[i?];
    Some(HeadingRow {
        path: &s.path,
        level: s.level,
        marker: &s.marker,
        title: &s.title,
        paragraph: s.paragraph,
    })
}

/// `tifa compare`.
pub fn compare_docs(
    lib: &Library,
    a: usize,
    b: usize,
    json: bool,
    limit: Option<usize>,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let c = &lib.corpus;
    let index = slogans(lib);
    let counts = DocSlogans::build(&index, c.docs.len());
    let (oa, ob) = (lib.outline(a), lib.outline(b));
    let cmp = compare(&index, &counts, a, b, &oa, &ob);
    let limit = limit.unwrap_or(usize::MAX);
    if json {
        let row = |ch: &crate::analysis::Change, ca: bool, cb: bool| -> ChangeRow<'_> {
            ChangeRow {
                text: &index.slogans[ch.slogan].text,
                count_a: ca.then_some(ch.count_a),
                count_b: cb.then_some(ch.count_b),
            }
        };
        let doc = CompareRow {
            new: cmp
                .new
                .iter()
                .take(limit)
                .map(|x| row(x, false, true))
                .collect(),
            dropped: cmp
                .dropped
                .iter()
                .take(limit)
                .map(|x| row(x, true, false))
                .collect(),
            kept: cmp
                .kept
                .iter()
                .take(limit)
                .map(|x| row(x, true, true))
                .collect(),
            sections: cmp
                .sections
                .iter()
                .map(|p| PairRow {
                    a: heading(&oa, p.a),
                    b: heading(&ob, p.b),
                    similarity: round4(p.similarity),
                    by: p.by.map(|b| b.as_str()),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    for (tag, d) in [("A", &c.docs[a]), ("B", &c.docs[b])] {
        writeln!(
            out,
            "{tag}  [{}] {}  {}  {}字",
            d.id,
            d.title,
            d.date.as_deref().unwrap_or("-"),
            d.chars
        )?;
    }
    let more = |n: usize| {
        if n > limit {
            format!("  (first {limit} of {n})")
        } else {
            String::new()
        }
    };
    writeln!(out, "\nnew in B: {}{}", cmp.new.len(), more(cmp.new.len()))?;
    for x in cmp.new.iter().take(limit) {
        writeln!(out, "  {:>4}  {}", x.count_b, x.text)?;
    }
    writeln!(
        out,
        "\ndropped since A: {}{}",
        cmp.dropped.len(),
        more(cmp.dropped.len())
    )?;
    for x in cmp.dropped.iter().take(limit) {
        writeln!(out, "  {:>4}  {}", x.count_a, x.text)?;
    }
    writeln!(
        out,
        "\nkept (A → B): {}{}",
        cmp.kept.len(),
        more(cmp.kept.len())
    )?;
    for x in cmp.kept.iter().take(limit) {
        let d = x.count_b as i64 - x.count_a as i64;
        writeln!(
            out,
            "  {:>4} → {:<4} {:>+4}  {}",
            x.count_a, x.count_b, d, x.text
        )?;
    }
    writeln!(out, "\nsections (A | B):")?;
    sections_text(&cmp.sections, &oa, &ob, width, out)
}

fn sections_text(
    pairs: &[Pair],
    oa: &Outline,
    ob: &Outline,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let a1 = AmbiWidth::One;
    // "  " + A + " │ " + B + "  0.00" (or "  items": paired by sub-headings)
    let col = width.saturating_sub(2 + 3 + 7) / 2;
    let cell = |ol: &Outline, i: Option<usize>| {
        let Some(i) = i else {
            return String::new();
        };
        let s = &ol.sections[i];
        let t = format!("{}{}{}", "  ".repeat(s.level - 1), s.marker, s.title);
        truncate_to_width(&t, col, a1)
    };
    for p in pairs {
        let (l, r) = (cell(oa, p.a), cell(ob, p.b));
        let pad = col.saturating_sub(str_width(&l, a1));
        let sim = match p.by {
            Some(crate::analysis::sections::By::Title) => format!("{:.2}", p.similarity),
            Some(crate::analysis::sections::By::Children) => "items".to_string(),
            None => String::new(),
        };
        let rpad = col.saturating_sub(str_width(&r, a1));
        let line = format!("  {l}{} │ {r}{}  {sim}", " ".repeat(pad), " ".repeat(rpad));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[derive(Serialize)]
struct KwicRow<'a> {
    doc: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    section: &'a str,
    paragraph: usize,
    offset: usize,
    left: &'a str,
    #[serde(rename = "match")]
    matched: &'a str,
    right: &'a str,
}

/// `tifa kwic`. Returns the exit status.
pub fn kwic(
    lib: &Library,
    query: &str,
    format: Format,
    context: usize,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let q = match texts(&[query.to_string()]) {
        Ok(mut t) => t.remove(0),
        Err(e) => {
            eprintln!("tifa: {e}");
            return Ok(2);
        }
    };
    let c = &lib.corpus;
    let cands = sentences(lib);
    let occs = occurrences(&cands, &q);
    let lines = kwic::lines(&c.docs, &occs, q.chars().count(), context);
    let rows: Vec<KwicRow> = lines
        .iter()
        .map(|l| {
            let d = &c.docs[l.doc];
            KwicRow {
                doc: &d.id,
                title: &d.title,
                date: d.date.as_deref(),
                section: &l.section,
                paragraph: l.paragraph,
                offset: l.offset,
                left: &l.left,
                matched: &l.matched,
                right: &l.right,
            }
        })
        .collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record([
                "doc",
                "title",
                "date",
                "section",
                "paragraph",
                "offset",
                "left",
                "match",
                "right",
            ])
            .map_err(csv_error)?;
            for r in &rows {
                w.serialize((
                    r.doc,
                    r.title,
                    r.date.unwrap_or(""),
                    r.section,
                    r.paragraph,
                    r.offset,
                    r.left,
                    r.matched,
                    r.right,
                ))
                .map_err(csv_error)?;
            }
            w.flush()?;
        }
        Format::Text => {
            let a1 = AmbiWidth::One;
            let idw = rows.iter().map(|r| str_width(r.doc, a1)).max().unwrap_or(0);
            let lw = rows
                .iter()
                .map(|r| str_width(r.left.trim_start(), a1))
                .max()
                .unwrap_or(0);
            for r in &rows {
                let left = r.left.trim_start();
                writeln!(
                    out,
                    "{}{}  {}{}【{}】{}",
                    r.doc,
                    " ".repeat(idw - str_width(r.doc, a1)),
                    " ".repeat(lw - str_width(left, a1)),
                    left,
                    r.matched,
                    r.right
                )?;
            }
            if rows.is_empty() {
                eprintln!(
                    "tifa: {:?} occurs nowhere in the {} documents",
                    sanitize(&q),
                    c.docs.len()
                );
            }
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An occurrence out of step with the documents (only a bug makes one)
    /// gives no row, not a panic.
    #[test]
    fn an_occurrence_past_the_documents_gives_no_row() {
        let docs = crate::corpus::Corpus::builtin().docs;
        let at = |doc| Occurrence {
            doc,
            paragraph: 0,
            offset: 0,
        };
        assert!(use_row(&docs, Some(at(0))).is_some());
        assert!(use_row(&docs, Some(at(docs.len()))).is_none());
        assert!(use_row(&docs, None).is_none());
    }
}
